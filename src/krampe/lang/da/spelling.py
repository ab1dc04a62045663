"""The one spelling corrector: an unknown word -> the word its writer meant.

A corrector is built over the words its user reads (`targets`: search's index vocabulary,
triage's rule words) with a profile from data/spelling.yaml. It tries, in order: æ/ø/å
typed as ae/oe/aa, plain letters for æ/ø/å (when only one target fits), the nearest target
(rapidfuzz's ratio, or the edit distance from a target with the same first letter), and
one swapped pair of neighbouring letters (OSA). A real Danish word (wordfreq's Danish
list, or any inflection in simplemma's dictionary) is never corrected into another where
the profile protects real words ("satte" is not "salte", "haster" is not "hoster").
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import msgpack
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein

from krampe.lang.da.data import Profile
from krampe.lang.da.memo import Lru
from krampe.lang.da.normalise import Normaliser, bare

_DANISH = frozenset("æøå")
# Stems shorter than this are not respelt from plain letters ("lag" is no "læg").
_STEM_MIN = 5


@lru_cache(maxsize=4)
def known_words(min_zipf: float) -> frozenset[str]:
    """Danish words at least this common (Zipf scale: 3 = once per million words) in
    wordfreq's list, which ships in the wheel (nothing is downloaded)."""
    # Bucket i holds the words of Zipf frequency 9 - i/100.
    last = round((9 - min_zipf) * 100)
    return frozenset(w for bucket in _buckets()[:last + 1] for w in bucket if w.isalpha())


def _buckets() -> list[list[str]]:
    """wordfreq's Danish list read from its documented cBpack file (gzipped msgpack: a
    header, then one list of words per centibel), which spares every process importing
    wordfreq's own dependencies (regex, ftfy, langcodes); the public call otherwise."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is not None and spec.submodule_search_locations:
        path = Path(spec.submodule_search_locations[0]) / "data" / "small_da.msgpack.gz"
        if path.is_file():
            with gzip.open(path, "rb") as fh:
                header, *buckets = msgpack.load(fh, raw=False)
            if header == {"format": "cB", "version": 1}:
                return buckets
    import wordfreq

    return list(wordfreq.get_frequency_list("da", wordlist="small"))


def zipf(word: str) -> float:
    """How common a Danish word is (0 = not in the list, 7 = "ikke"): wordfreq's
    `zipf_frequency(word, "da", "small")`. A plain lower-case word is one token to
    wordfreq, so its value comes from the list's buckets by wordfreq's own arithmetic;
    only other text imports wordfreq (with regex, ftfy and langcodes: about 0.3 s and
    tens of MB in every engine process that meets its first unknown word)."""
    if word.isalpha() and word == word.casefold() and unicodedata.is_normalized("NFC", word):
        return _zipf_levels().get(word, _ZIPF_ABSENT)
    import wordfreq

    return float(wordfreq.zipf_frequency(word, "da", wordlist="small"))


def warm_up() -> None:
    """Load what `zipf` needs, before a server forks its engine processes: they then share
    it instead of each importing wordfreq on the first number a question holds."""
    _zipf_levels()
    import wordfreq  # noqa: F401


def _zipf_of_cb(centibels: int) -> float:
    """wordfreq's steps for one token: centibels -> frequency (1 / (1 / f)), rounded to
    three significant digits, -> Zipf rounded to hundredths."""
    freq = 1.0 / (1.0 / 10 ** (centibels / 100))
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


# A word not in the list: wordfreq's minimum frequency for Zipf 0.
_ZIPF_ABSENT = round(math.log(round(1e-9, math.floor(-math.log(1e-9, 10)) + 3), 10) + 9, 2)


@lru_cache(maxsize=1)
def _zipf_levels() -> dict[str, float]:
    """Zipf level of every word of the list (a word in two buckets keeps the later one,
    as wordfreq's dictionary does)."""
    levels: dict[str, float] = {}
    for index, bucket in enumerate(_buckets()):
        level = _zipf_of_cb(-index)
        for word in bucket:
            levels[word] = level
    return levels


def _dropped(word: str, target: str) -> bool:
    """Is `word` the target with letters left out?"""
    rest = iter(target)
    return len(word) < len(target) and all(char in rest for char in word)


class Corrector:
    def __init__(
        self,
        profile: Profile,
        targets: Iterable[str],
        normaliser: Normaliser,
        is_known: Callable[[str], bool] | None = None,
        swap_extra: Iterable[str] = (),
        is_target: Callable[[str], bool] | None = None,
        prefixes: Iterable[str] = (),
    ):
        """`targets`: words a correction may produce. `is_known`: is it a real word (left
        alone when the profile protects real words)? `swap_extra`: more words a swapped
        pair may be undone into (search: the word lists, which a question uses whether or
        not the corpus does); a target is the likelier reading. `is_target`: words never
        corrected (default: the targets). `prefixes`: word beginnings the user accepts
        with any ending (triage's `stem*`); one with æ/ø/å is also read in plain letters
        ("areforkalkning" -> "åreforkalkning" for `åreforkalk*`)."""
        self.profile = profile
        self.norm = normaliser
        self.targets = sorted(set(targets))
        self._target_set = frozenset(self.targets)
        self.is_known = is_known if is_known is not None and profile.protect_known else None
        self.is_target = is_target or self._target_set.__contains__
        usable = [t for t in self.targets if len(t) >= profile.min_length and t.isalpha()]
        self._by_letter: dict[str, list[str]] = {}
        for t in usable:
            self._by_letter.setdefault(t[0], []).append(t)
        self._ratio_targets = [t for t in self.targets if len(t) >= 4 and t.isalpha()]
        swap_from = profile.transposition_min_length
        self._swap_targets = sorted({
            t for t in (*self.targets, *swap_extra) if len(t) >= swap_from and t.isalpha()
        }) if swap_from is not None else []
        # "andenod" -> "åndenød": targets with æ/ø/å by their plain-letter spelling (left
        # out when two targets share one, so the fix is never a guess).
        plain: dict[str, str | None] = {}
        for t in usable:
            if _DANISH.intersection(t):
                b = bare(t)
                plain[b] = None if b in plain and plain[b] != t else t
        self._bare = {b: t for b, t in plain.items()
                      if t is not None and not (self.is_known and self.is_known(b))}
        # "areforkalkning" -> "åreforkalkning": a stem with æ/ø/å typed in plain letters
        # (long stems only, and none that two stems share), longest first.
        stems: dict[str, str | None] = {}
        for stem in prefixes:
            if len(stem) >= _STEM_MIN and _DANISH.intersection(stem):
                b = bare(stem)
                stems[b] = None if b in stems and stems[b] != stem else stem
        self._bare_stems = sorted(((b, t) for b, t in stems.items() if t is not None),
                                  key=lambda bt: -len(bt[0]))
        # Per word, the most recently used (a server meets new words for ever).
        self._cache: Lru[str, tuple[str, float] | None] = Lru(100_000)

    def clear(self) -> None:
        self._cache.clear()

    def fix(self, word: str) -> str | None:
        """The corrected word, or None."""
        found = self.correct(word)
        return found[0] if found else None

    def correct(self, word: str) -> tuple[str, float] | None:
        """(corrected word, similarity 0-1), or None when the word stays."""
        cache = self._cache
        if word in cache:
            cache.move_to_end(word)
            return cache[word]
        found = self._correct(word)
        cache.put(word, found)
        return found

    def _correct(self, word: str) -> tuple[str, float] | None:
        p = self.profile
        if self.is_target(word) or (self.is_known is not None and self.is_known(word)):
            return None
        for plain, letter in self.norm.spelling.ascii_folds.items():
            if plain in word:
                folded = word.replace(plain, letter)
                if folded in self._target_set:
                    return folded, 1.0
        if len(word) < p.min_length or not word.isalpha():
            return None
        respelt = self._bare.get(word)
        if respelt is not None:
            return respelt, 1.0
        if not _DANISH.intersection(word):
            for plain, stem in self._bare_stems:
                if word.startswith(plain):
                    return stem + word[len(plain):], 1.0
        near = self._nearest(word)
        if near is not None:
            return near
        if p.transposition_min_length is None or len(word) < p.transposition_min_length:
            return None
        # One edit that the ratio scores as two: a swapped pair of letters.
        letters = sorted(word)
        swaps = [cand for cand, _, _ in process.extract(
            word, self._swap_targets, scorer=OSA.distance, score_cutoff=1, limit=None)
            if sorted(cand) == letters]  # the same letters: a swap, not another edit
        if not swaps:
            return None
        swapped = min(swaps, key=lambda cand: (cand not in self._target_set, cand))
        return swapped, OSA.normalized_similarity(word, swapped)

    def _nearest(self, word: str) -> tuple[str, float] | None:
        p = self.profile
        if p.min_score is not None:
            if not self._ratio_targets:
                return None
            best = process.extractOne(word, self._ratio_targets, scorer=fuzz.ratio,
                                      score_cutoff=p.min_score)
            return (best[0], best[1] / 100.0) if best is not None else None
        choices = self._by_letter.get(word[0]) if p.same_first_letter else self.targets
        if not choices:
            return None
        assert p.max_distance_short is not None and p.max_distance_long is not None
        limit = p.max_distance_long if len(word) >= p.long_from else p.max_distance_short
        near: list[tuple[str, int]] = [
            (t, int(d)) for t, d, _ in process.extract(
                word, choices, scorer=Levenshtein.distance, score_cutoff=limit, limit=None)]
        if not near:
            return None
        # Equally near: a dropped letter is the commonest typo ("læggn" is "læggen", not
        # "lægge"), then the first in order.
        target, distance = min(near, key=lambda f: (f[1], not _dropped(word, f[0]), f[0]))
        if distance == 0:
            return None
        return target, 1.0 - distance / max(len(word), len(target))
