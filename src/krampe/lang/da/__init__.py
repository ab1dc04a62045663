"""The Danish language layer: one place for how krampe reads Danish.

Tokens, sentences and clauses (`tokens`), normal forms (`normalise`: case, accents,
æ/ø/å typed as ae/oe/aa or plain letters, spoken forms), lemmas and stems (`lemma`),
compounds (`compounds`), the one spelling corrector (`spelling`, backed by wordfreq's
Danish list), weighting classes (`words`), the lexicon store of synonyms, lay words, drug
and condition names (`lexicon`) and the negation and context cue words (`cues`). All
words are data (data/*.yaml), checked on load (`data`).

A leaf package: it imports no other krampe package. Search (krampe.knowledge), triage
(krampe.triage) and the content checks (krampe.content) read Danish only through it.
`danish()` is the layer in force; `use()` puts another in place (tests: a word added to a
temporary store must reach search and triage alike).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property, lru_cache
from pathlib import Path

from krampe.lang.da.compounds import Splitter
from krampe.lang.da.cues import Cues
from krampe.lang.da.data import LanguageData, LanguageDataError, files, load, shipped
from krampe.lang.da.lemma import Lemmatiser
from krampe.lang.da.lexicon import Store, is_pattern
from krampe.lang.da.normalise import Normaliser, bare
from krampe.lang.da.spelling import Corrector, known_words, zipf
from krampe.lang.da.tokens import Sentence, Token, Tokenizer
from krampe.lang.da.words import CONTENT, DETAIL, QUESTION, STOP, WEAK, WordClasses

__all__ = [
    "CONTENT", "DETAIL", "QUESTION", "STOP", "WEAK", "Corrector", "Cues", "Danish",
    "LanguageData", "LanguageDataError", "Sentence", "Splitter", "Store", "Token", "bare",
    "danish", "files", "is_pattern", "load", "use", "zipf",
]


class Danish:
    """The layer over one data set: every part is built once, on first use."""

    def __init__(self, data: LanguageData):
        self.data = data

    @cached_property
    def norm(self) -> Normaliser:
        return Normaliser(self.data.spelling, self.data.variants)

    @cached_property
    def tokenizer(self) -> Tokenizer:
        return Tokenizer(self.data.cues, self.data.spelling, self.norm)

    @cached_property
    def classes(self) -> WordClasses:
        return WordClasses(self.data.words)

    @cached_property
    def lemmas(self) -> Lemmatiser:
        return Lemmatiser(self.data.lemmas)

    @cached_property
    def lexicon(self) -> Store:
        return Store(self.data.lexicon)

    @cached_property
    def cues(self) -> Cues:
        return Cues(self.data.cues)

    @cached_property
    def known_words(self) -> frozenset[str]:
        """Real Danish words (wordfreq's list above the data's frequency floor)."""
        return known_words(self.data.spelling.known.min_zipf)

    def is_word(self, word: str) -> bool:
        """A real Danish word: in wordfreq's list (common enough) or the curated lemmas.
        Not simplemma's dictionary: loading it costs every process half a second, and
        as the corrector's guard it changed no score (it even kept "læggerne" from
        becoming "læggene")."""
        return word in self.known_words or word in self.data.lemmas.lemmas

    def macro(self, name: str) -> list[str]:
        """The one-token forms a rule's `@name` stands for: a concept's words and word
        patterns, or a cue list. KeyError for an unknown name."""
        if name in self.data.lexicon.concepts:
            return self.lexicon.alternatives(name)
        return self.cues.words(name)

    def family(self, name: str) -> list[str]:
        """Every form of the concept family `{NAME}` (words, word patterns and phrases in
        the rules' token-pattern syntax), its `@concept` and `{FAMILY}` forms written out.
        KeyError for an unknown name; ValueError for a family that contains itself."""
        return self._family(name, ())

    def _family(self, name: str, seen: tuple[str, ...]) -> list[str]:
        if name in seen:
            raise ValueError(f"family {{{name}}} contains itself ({' > '.join(seen)})")
        out: list[str] = []
        for form in self.data.lexicon.families[name]:
            if form.startswith("{"):
                out += self._family(form[1:-1], (*seen, name))
            elif form.startswith("@"):
                out += self.lexicon.forms(form[1:])
            else:
                out.append(form)
        return list(dict.fromkeys(out))

    def forms(self, name: str) -> list[str]:
        """Every form `@name` stands for, phrases included (content cues)."""
        if name in self.data.lexicon.concepts:
            return self.lexicon.forms(name)
        return self.cues.words(name)

    def splitter(self, known: set[str]) -> Splitter:
        classes = self.classes
        return Splitter(self.data.compounds, self.lemmas.stem,
                        lambda w: classes.kind(w) == STOP, classes.stop_words, known)

    def corrector(self, profile: str, targets: Iterable[str], swap_extra: Iterable[str] = (),
                  prefixes: Iterable[str] = ()) -> Corrector:
        prof = self.data.spelling.profiles[profile]
        return Corrector(prof, targets, self.norm, is_known=self.is_word, swap_extra=swap_extra,
                         prefixes=prefixes)


_in_force: list[Danish] = []


@lru_cache(maxsize=1)
def _shipped() -> Danish:
    return Danish(shipped())


def danish() -> Danish:
    """The layer in force: the shipped data, or what `use()` put in place."""
    return _in_force[-1] if _in_force else _shipped()


@contextmanager
def use(data: LanguageData | Path) -> Iterator[Danish]:
    """Put other data in force while the block runs (a LanguageData, or a lexicon file
    replacing the shipped store). Whatever a consumer builds inside reads it."""
    layer = Danish(data if isinstance(data, LanguageData) else load(lexicon=Path(data)))
    _in_force.append(layer)
    try:
        yield layer
    finally:
        _in_force.remove(layer)
