"""Compound splitting: lægkramper = læg + kramper, blodpropsrisiko = blodprop + risiko.

Danish compounds are right-headed; a split is accepted only when every part is a known
word (the data's parts plus the words the user serves, e.g. an index vocabulary) and the
parts may be joined by a linking letter (blodprop-s-risiko).
"""

from __future__ import annotations

from collections.abc import Callable

from krampe.lang.da.data import CompoundsFile


class Splitter:
    def __init__(self, compounds: CompoundsFile, stem: Callable[[str], str],
                 is_stop: Callable[[str], bool], stop_words: frozenset[str], known: set[str]):
        self.stem = stem
        self.is_stop = is_stop
        self.stop_words = stop_words
        self.known = known  # stems usable as parts; the data's parts are added here
        self.known.update(stem(w) for w in compounds.parts)
        self.short_parts = frozenset(w for w in compounds.parts if len(w) < 4)
        self.linking = tuple(compounds.linking)
        self.non_parts = frozenset(compounds.non_parts)
        self.whole = frozenset(stem(w) for w in compounds.whole)

    def is_whole(self, word: str) -> bool:
        """A compound the data says is read whole ("åreknuder"): no parts, no head."""
        return self.stem(word) in self.whole

    def part(self, word: str) -> str | None:
        """The stem of `word` when it can stand as a compound's part."""
        if len(word) < 3 or self.is_stop(word) or word in self.non_parts:
            return None
        if len(word) < 4 and word not in self.short_parts:
            return None  # "ser", "tag": too short to trust unless the data says so
        stem = self.stem(word)
        if len(stem) < 3 or stem not in self.known or stem in self.stop_words:
            return None
        return stem

    def split(self, word: str, depth: int = 0) -> tuple[str, ...]:
        """Stems of a compound's parts (lægkramper -> læg, kramp), or () if not one."""
        if len(word) < 6 or depth > 2 or not word.isalpha() or self.is_whole(word):
            return ()
        best: tuple[str, ...] = ()
        for i in range(len(word) - 3, 2, -1):  # shortest known head (right part) first
            left, right = word[:i], word[i:]
            right_stem = self.part(right)
            if right_stem is None:
                continue
            lefts = [left] + [left[: -len(link)] for link in self.linking
                              if left.endswith(link) and len(left) > len(link) + 2]
            for candidate in lefts:
                left_stem = self.part(candidate)
                # The modifier may be a compound itself: blodtryk-s-medicin.
                inner = self.split(candidate, depth + 1)
                if left_stem is None and not inner:
                    continue
                left_parts = inner or (left_stem,)
                right_parts = self.split(right, depth + 1) or (right_stem,)
                best = (*left_parts, *right_parts)
                break
            if best:
                break
        return best
