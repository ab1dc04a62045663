"""Normal forms of Danish words: case, accents, æ/ø/å typed as ae/oe/aa or as plain
a/o/e, typographic quotes, and spoken forms (bli'r, gi'r).

Every function is length-preserving where offsets matter (`quotes`) and cheap where it
runs per word (the translate tables are built once per data set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from krampe.lang.da.data import SpellingFile

# Danish letters typed as plain ones: "andenod" for "åndenød".
_BARE = str.maketrans({"å": "a", "ø": "o", "æ": "e"})
_DANISH = frozenset("æøå")


def bare(word: str) -> str:
    """The word with æ/ø/å written as a/o/e ("åndenød" -> "andenod")."""
    return word.translate(_BARE)


@dataclass
class Normaliser:
    spelling: SpellingFile
    _accents: dict[int, str] = field(init=False, repr=False)
    _accented: re.Pattern[str] = field(init=False, repr=False)
    _quotes: dict[int, str] = field(init=False, repr=False)
    _folds: tuple[tuple[str, str], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._accents = str.maketrans(self.spelling.accents)
        self._accented = re.compile("[" + "".join(self.spelling.accents) + "]")
        self._quotes = str.maketrans(self.spelling.quotes)
        # Longest first is not needed: the folds are disjoint pairs (aa, ae, oe).
        self._folds = tuple(self.spelling.ascii_folds.items())

    def lower(self, text: str) -> str:
        """Lower case without the accents Danish writes only sometimes (massér -> masser)."""
        low = text.lower()
        if self._accented.search(low):  # rare; str.translate is slow on every text
            low = low.translate(self._accents)
        return low

    def quotes(self, text: str) -> str:
        """Typographic quotes and dashes as plain ones, one character for one."""
        return text.translate(self._quotes)

    def ascii_fold(self, word: str) -> str | None:
        """"haevet" -> "hævet" for people typing without æ, ø, å; None when nothing to do."""
        if _DANISH.intersection(word) or not any(a in word for a, _ in self._folds):
            return None
        for plain, letter in self._folds:
            word = word.replace(plain, letter)
        return word

    def ascii_variants(self, word: str) -> list[str]:
        """The word and every spelling that folds some of its ae/oe/aa ("laegen" ->
        laegen, lægen), in a stable order."""
        variants = [word]
        for plain, letter in self._folds:
            variants += [v.replace(plain, letter) for v in variants if plain in v]
        return variants

    def letter_variants(self, word: str) -> list[str]:
        """One plain letter read as æ/ø/å, one position at a time (gore -> gøre)."""
        letters = self.spelling.ascii_letters
        return [word[:i] + letter + word[i + 1:] for i, char in enumerate(word)
                for letter in letters.get(char, ())]

    def spoken(self, word: str) -> str | None:
        """The written form of a spoken one ("bli'r" -> "bliver"), or None."""
        return self.spelling.spoken.get(word)
