"""The lexicon store (data/lexicon.yaml): synonyms, lay words, drug and condition names.

Search reads each concept as a synonym group of its words and phrases; triage rules and
content cues name a concept as `@name` and get its single words and word patterns.
"""

from __future__ import annotations

from krampe.lang.da.data import LexiconFile


def is_pattern(form: str) -> bool:
    return "*" in form


class Store:
    def __init__(self, lexicon: LexiconFile):
        self.concepts = lexicon.concepts

    def groups(self) -> list[list[str]]:
        """Synonym groups for search: every concept's words and phrases, head first."""
        return [[f for f in forms if not is_pattern(f)] for forms in self.concepts.values()]

    def forms(self, name: str) -> list[str]:
        """Every form of a concept: words, phrases and patterns."""
        return list(self.concepts[name])

    def alternatives(self, name: str) -> list[str]:
        """One-token forms (words and patterns) of a concept, for a token pattern."""
        return [f for f in self.concepts[name] if " " not in f]

    def words(self) -> set[str]:
        """Every single word the store knows (no patterns, no phrases)."""
        return {f for forms in self.concepts.values() for f in forms
                if " " not in f and not is_pattern(f)}
