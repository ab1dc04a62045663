"""Boundaries and cue words (data/cues.yaml): one list of where sentences, clauses and
scopes end, and named word lists (negation, condition, worry ...) for triage's ConText
rules and the content checks."""

from __future__ import annotations

from krampe.lang.da.data import CuesFile

SCOPE_ENDS = "scope_ends"


class Cues:
    def __init__(self, cues: CuesFile):
        self.boundaries = cues.boundaries
        # A pattern gap never skips one of these ("gør ikke ondt" is not "gør ~1 ondt").
        self.negation = frozenset(cues.words.get("negation", ()))
        # Words and phrases that end every ConText scope ("men", "bortset fra"); the
        # one-word ones are also the word list `@scope_ends`.
        scope = [b.form for b in cues.boundaries if b.ends == "scope"]
        self.scope_phrases = [f for f in scope if " " in f]
        self._words = {**cues.words, SCOPE_ENDS: [f for f in scope if " " not in f]}

    def names(self) -> set[str]:
        return set(self._words)

    def words(self, name: str) -> list[str]:
        return list(self._words[name])
