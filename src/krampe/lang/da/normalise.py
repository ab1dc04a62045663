"""Normal forms of Danish words: case, accents, æ/ø/å typed as ae/oe/aa or as plain
a/o/e, typographic quotes, and spoken forms (bli'r, gi'r).

Every function is length-preserving where offsets matter (`quotes`) and cheap where it
runs per word (the translate tables are built once per data set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from krampe.lang.da.data import SpellingFile, VariantsFile

# Danish letters typed as plain ones: "andenod" for "åndenød".
_BARE = str.maketrans({"å": "a", "ø": "o", "æ": "e"})
_DANISH = frozenset("æøå")


def bare(word: str) -> str:
    """The word with æ/ø/å written as a/o/e ("åndenød" -> "andenod")."""
    return word.translate(_BARE)


@dataclass
class Normaliser:
    spelling: SpellingFile
    variants: VariantsFile | None = None
    _accents: dict[int, str] = field(init=False, repr=False)
    _accented: re.Pattern[str] = field(init=False, repr=False)
    _quotes: dict[int, str] = field(init=False, repr=False)
    _folds: tuple[tuple[str, str], ...] = field(init=False, repr=False)
    _variants: dict[str, str] = field(init=False, repr=False)
    _english: frozenset[str] = field(init=False, repr=False)
    _foreign: dict[int, str] = field(init=False, repr=False)
    _foreign_set: frozenset[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._accents = str.maketrans(self.spelling.accents)
        self._accented = re.compile("[" + "".join(self.spelling.accents) + "]")
        self._quotes = str.maketrans(self.spelling.quotes)
        # Longest first is not needed: the folds are disjoint pairs (aa, ae, oe).
        self._folds = tuple(self.spelling.ascii_folds.items())
        v = self.variants
        self._variants = v.table() if v is not None else {}
        self._english = frozenset(v.languages.get("english", {})) if v is not None else frozenset()
        letters = v.foreign_letters if v is not None else {}
        self._foreign = str.maketrans(letters)
        self._foreign_set = frozenset(letters)

    def lower(self, text: str) -> str:
        """Lower case without the accents Danish writes only sometimes (massér -> masser)."""
        low = text.lower()
        if self._accented.search(low):  # rare; str.translate is slow on every text
            low = low.translate(self._accents)
        return low

    def quotes(self, text: str) -> str:
        """Typographic quotes and dashes as plain ones, one character for one."""
        return text.translate(self._quotes)

    @staticmethod
    def has_danish_letters(text: str) -> bool:
        """Whether the writer types æ, ø or å: then a plain letter is no stand-in for one."""
        return not _DANISH.isdisjoint(text.lower())

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

    def foreign_letters(self, word: str) -> str | None:
        """Swedish ä/ö as Danish æ/ø ("öm" -> "øm"); None when the word has neither."""
        if not self._foreign_set.intersection(word):
            return None
        return word.translate(self._foreign)

    def variant(self, word: str) -> str | None:
        """The Danish word a Norwegian, Swedish, English or chat word stands for
        ("vondt" -> "ondt", "swollen" -> "hævet", "ik" -> "ikke"), or None."""
        return self._variants.get(word)

    def is_english(self, word: str) -> bool:
        """An English word of the variants table ("swollen", "pain")."""
        return word in self._english

    def spoken(self, word: str) -> str | None:
        """The written form of a spoken one ("bli'r" -> "bliver"), or None."""
        return self.spelling.spoken.get(word)
