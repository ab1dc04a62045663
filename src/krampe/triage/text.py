"""Danish text handling for triage: tokens with offsets, sentences, normal forms, typos.

Our own pipeline (not the search analyser): nothing is dropped, so negation words stay.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from krampe.triage.patterns import Token

# Words (letters, inner hyphens as in "p-piller", inner apostrophes of spoken forms as in
# "bli'r", "gi'r"), numbers, and the punctuation that ends a sentence or a list item.
# Numbers are ASCII digits only: int() must be able to read them ("²" or "¹" are not).
_TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*|[0-9]+|[.!?;:,()]|\n|(?<!\S)[-–—](?!\S)")
_SENT_END = {".", "!", "?", ";", ":", "\n"}
# A free-standing dash or a bracket separates clauses like a comma (ends negation scopes).
_CLAUSE = {",", "-", "(", ")"}
_QUOTES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'", "–": "-", "—": "-"})
_FOLD = (("aa", "å"), ("ae", "æ"), ("oe", "ø"))
# People on a phone without a Danish keyboard also write plain a/o/e: "andenod".
_BARE = str.maketrans({"å": "a", "ø": "o", "æ": "e"})


class Sentence(NamedTuple):
    start: int  # token indices, end exclusive
    end: int
    question: bool  # ended with "?"


def _ascii_fold(form: str) -> str | None:
    """"haevet" -> "hævet" for people typing without æ, ø, å."""
    if any(c in form for c in "æøå") or not any(a in form for a, _ in _FOLD):
        return None
    for a, b in _FOLD:
        form = form.replace(a, b)
    return form


class TypoFixer:
    """Maps an unknown content word to the nearest lexicon word (same first letter)."""

    def __init__(
        self,
        targets: set[str],
        known: set[str],
        is_lexical: Callable[[str], bool],
        min_length: int,
        max_short: int,
        max_long: int,
        long_from: int,
    ):
        self.known = known
        self.is_lexical = is_lexical
        self.min_length, self.max_short, self.max_long = min_length, max_short, max_long
        self.long_from = long_from
        self.by_letter: dict[str, list[str]] = {}
        for t in sorted(targets):
            if len(t) >= min_length and t.isalpha():
                self.by_letter.setdefault(t[0], []).append(t)
        # "andenod" -> "åndenød": lexicon words with æ/ø/å by their plain-letter spelling
        # (left out when two words share one, so the fix is never a guess).
        bare: dict[str, str | None] = {}
        for t in targets:
            if len(t) >= min_length and t.isalpha() and any(c in t for c in "æøå"):
                b = t.translate(_BARE)
                bare[b] = None if b in bare and bare[b] != t else t
        self.bare = {b: t for b, t in bare.items() if t is not None and b not in known}
        self.fix = lru_cache(maxsize=20000)(self._fix)

    def _fix(self, form: str) -> str | None:
        if len(form) < self.min_length or not form.isalpha() or form in self.known:
            return None
        if self.is_lexical(form):
            return None
        plain = self.bare.get(form)
        if plain is not None:
            return plain
        choices = self.by_letter.get(form[0])
        if not choices:
            return None
        limit = self.max_long if len(form) >= self.long_from else self.max_short
        best = process.extractOne(
            form, choices, scorer=Levenshtein.distance, score_cutoff=limit
        )
        if best is None or best[1] == 0:
            return None
        return best[0]


def tokenize(
    text: str, fixer: TypoFixer | None = None
) -> tuple[list[Token], list[Sentence]]:
    """Tokens of `text` and sentence ranges (token index start, end)."""
    toks: list[Token] = []
    sents: list[Sentence] = []
    # Same length as `text` (one character per character), so offsets stay exact.
    low = text.translate(_QUOTES)
    sent_start = 0
    n = len(text)
    for m in _TOKEN.finditer(low):
        s = m.group().lower()
        start, end = m.span()
        if s in _SENT_END:
            if s == "." and not _ends_sentence(low, toks, end, n):
                continue
            if len(toks) > sent_start:
                sents.append(Sentence(sent_start, len(toks), s == "?"))
            elif s == "?" and sents:  # "hævet??" or "hævet ?"
                sents[-1] = sents[-1]._replace(question=True)
            sent_start = len(toks)
            continue
        if s in _CLAUSE:
            toks.append(Token(text[start:end], start, end, (",",), "punct"))
            continue
        if s.isascii() and s.isdigit():
            toks.append(Token(s, start, end, (s,), "num"))
            continue
        forms = [s]
        folded = _ascii_fold(s)
        if folded:
            forms.append(folded)
        if fixer is not None:
            fixed = fixer.fix(forms[-1])
            if fixed:
                forms.append(fixed)
        toks.append(Token(text[start:end], start, end, tuple(forms), "word"))
    if len(toks) > sent_start:
        sents.append(Sentence(sent_start, len(toks), False))
    return toks, sents


_ABBREV: set[str] = set()


def set_abbreviations(words: set[str]) -> None:
    _ABBREV.clear()
    _ABBREV.update(words)


def _ends_sentence(low: str, toks: list[Token], end: int, n: int) -> bool:
    """A full stop ends a sentence when followed by space/end and not after an abbreviation."""
    if end < n and not low[end].isspace():
        return False
    return not (toks and toks[-1].kind == "word" and toks[-1].forms[0] in _ABBREV)
