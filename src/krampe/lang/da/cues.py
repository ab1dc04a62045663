"""Boundaries and cue words (data/cues.yaml): one list of where sentences, clauses and
scopes end, and named word lists (negation, condition, worry ...) for triage's ConText
rules and the content checks."""

from __future__ import annotations

from krampe.lang.da.data import CuesFile


class Cues:
    def __init__(self, cues: CuesFile):
        self._words = cues.words
        self.boundaries = cues.boundaries
        # A pattern gap never skips one of these ("gør ikke ondt" is not "gør ~1 ondt").
        self.negation = frozenset(cues.words.get("negation", ()))
        # Words and phrases that end every ConText scope ("men", "bortset fra").
        self.scope_ends = [b.form for b in cues.boundaries if b.ends == "scope"]

    def names(self) -> set[str]:
        return set(self._words)

    def words(self, name: str) -> list[str]:
        return list(self._words[name])
