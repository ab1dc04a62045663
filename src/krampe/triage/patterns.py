"""Token patterns used by the lexicon, the trigger list and the ConText cues.

Syntax (one item per token, space-separated): `word` exact, `stem*` prefix, `*end`
suffix, `*part*` inside a word (compounds), `a|b*` alternatives, `@name` the words of a
concept or cue list of the language layer (krampe.lang.da), `{NAME}` any form of a concept
family of the layer (words and phrases: one written pattern becomes one compiled pattern
per phrase, `parse_patterns`; `{A}|{B}|word` joins them), `~N` up to N other tokens, `~N!`
the same within one clause (never over a word that starts a clause: "da", "når", "jeg"
...), `NUM` / `NUM>=60` / `NUM>10` / `NUM>=1900<2100` (a range) numbers, `PASTYEAR` a
year written alone (four digits) from 1900 up to the year before last by today's date (this
year and last year are no history by themselves), `CLOCK` / `CLOCK<5` a time of day as a
clock shows it (two hour digits and the minutes: "03:10", "03.40", "02:10:33"; the hour is
compared; a duration or a race time is written "1:44:02", "3:30"), `,` a comma.
Patterns are indexed on their first item so that matching a sentence only tries patterns
that can start at a token.
"""

from __future__ import annotations

import datetime
import operator
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar, overload

from krampe.lang.da import Token, danish
from krampe.lang.da.memo import Lru

_NUM = re.compile(r"^(NUM|CLOCK)(?:(>=|<=|>|<)(\d+))?(?:(<=|<)(\d+))?$")
# A time of day as a clock shows it: two hour digits, then the minutes (and seconds).
_CLOCK = re.compile(r"^[0-9]{2}[:.][0-9]{2}(?:[:.][0-9]{2})?$")
_OPS = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}
_GAP = re.compile(r"^~(\d+)(!?)$")
_FAMILY = re.compile(r"^\{([A-Z][A-Z_]*)\}$")

__all__ = ["Alt", "Item", "Match", "Matcher", "Pattern", "Token", "expand", "expand_families",
           "longest_per_owner", "parse_pattern", "parse_patterns"]


@dataclass(frozen=True, slots=True)
class Alt:
    kind: str  # exact, prefix, suffix, infix, num
    value: str = ""
    op: str | None = None
    n: int = 0
    below: str | None = None  # an upper bound too: `NUM>=1900<2100` (a year)
    n2: int = 0
    past_year: bool = False  # `PASTYEAR`: the upper bound moves with today's date
    clock: bool = False  # `CLOCK`: only a time of day written as a clock shows it

    def matches(self, tok: Token) -> bool:
        if self.kind == "num":
            if tok.kind != "num":
                return False
            value = int(tok.forms[0])
            if self.clock and not _CLOCK.match(tok.text):
                return False
            if self.past_year:
                return (len(tok.text) == 4 and tok.text.isdigit()
                        and 1900 <= value <= datetime.date.today().year - 2)
            return ((self.op is None or _OPS[self.op](value, self.n))
                    and (self.below is None or _OPS[self.below](value, self.n2)))
        if tok.kind == "num":
            return False
        for form in tok.forms:
            if self.kind == "exact":
                if form == self.value:
                    return True
            elif self.kind == "prefix":
                if form.startswith(self.value):
                    return True
            elif self.kind == "suffix":
                if form.endswith(self.value):
                    return True
            elif self.value in form:
                return True
        return False


def _parse_alt(text: str) -> Alt:
    if text == "PASTYEAR":
        return Alt("num", past_year=True)
    m = _NUM.match(text)
    if m:
        return Alt("num", op=m.group(2), n=int(m.group(3) or 0), below=m.group(4),
                   n2=int(m.group(5) or 0), clock=m.group(1) == "CLOCK")
    if text.startswith("*") and text.endswith("*") and len(text) > 2:
        return Alt("infix", text[1:-1])
    if text.endswith("*") and len(text) > 1:
        return Alt("prefix", text[:-1])
    if text.startswith("*") and len(text) > 1:
        return Alt("suffix", text[1:])
    if "*" in text or "~" in text or not text:
        raise ValueError(f"bad pattern item {text!r}")
    return Alt("exact", text)


@dataclass(frozen=True)
class Item:
    alts: tuple[Alt, ...] = ()
    gap: int = 0
    tight: bool = False  # a gap that stays inside its clause (`~N!`)
    # Derived from `alts` in __post_init__; not part of the constructor, repr or equality.
    _exact: frozenset[str] = field(init=False, repr=False, compare=False)
    _prefix: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _suffix: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _infix: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _nums: tuple[Alt, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Grouped by kind so one token is tested with a few C-level calls (hot path).
        by = {k: tuple(a.value for a in self.alts if a.kind == k)
              for k in ("exact", "prefix", "suffix", "infix")}
        object.__setattr__(self, "_exact", frozenset(by["exact"]))
        object.__setattr__(self, "_prefix", by["prefix"])
        object.__setattr__(self, "_suffix", by["suffix"])
        object.__setattr__(self, "_infix", by["infix"])
        object.__setattr__(self, "_nums", tuple(a for a in self.alts if a.kind == "num"))

    def matches(self, tok: Token) -> bool:
        if tok.kind == "punct":
            return tok.forms[0] in self._exact
        if tok.kind == "num":
            return any(a.matches(tok) for a in self._nums)
        exact, prefix, suffix, infix = self._exact, self._prefix, self._suffix, self._infix
        for form in tok.forms:
            if form in exact:
                return True
            if prefix and form.startswith(prefix):
                return True
            if suffix and form.endswith(suffix):
                return True
            if infix and any(v in form for v in infix):
                return True
        return False


# Who a pattern belongs to (a concept id, a rule index ...); None for anonymous patterns.
OwnerT = TypeVar("OwnerT", bound=Hashable)


@dataclass(frozen=True)
class Pattern(Generic[OwnerT]):
    source: str
    items: tuple[Item, ...]
    owner: OwnerT

    def match_at(self, toks: list[Token], i: int, end: int) -> int:
        """End index (exclusive) of a match starting at token i, or -1."""
        return _match(self.items, 0, toks, i, end)


# A gap never skips these: "gør ikke ondt" must not match "gør ~1 ondt".
NEGATION_WORDS = danish().cues.negation
# A tight gap (`~N!`) never skips these either: a word that starts another clause, so a
# duration belongs to the thing it follows ("krampe da jeg løb i en time" is no long cramp).
CLAUSE_STARTS = frozenset(danish().cues.words("clause_starts"))


def _match(items: tuple[Item, ...], k: int, toks: list[Token], i: int, end: int) -> int:
    if k == len(items):
        return i
    item = items[k]
    if item.gap:
        j = i
        for skip in range(item.gap + 1):
            r = _match(items, k + 1, toks, j, end)
            if r >= 0:
                return r
            if skip == item.gap or j >= end:
                break
            tok = toks[j]
            if tok.kind == "punct":
                # a bracketed insertion is one step of a gap ("når jeg går op til
                # cafeteriet (ca 200 m) får jeg ondt"); any other mark ends it
                j = _past_brackets(toks, j, end)
                if j < 0:
                    break
                continue
            if not NEGATION_WORDS.isdisjoint(tok.forms) or (
                    item.tight and not CLAUSE_STARTS.isdisjoint(tok.forms)):
                break
            j += 1
        return -1
    if i < end and item.matches(toks[i]):
        return _match(items, k + 1, toks, i + 1, end)
    return -1


_BRACKETS_MAX = 8  # tokens a skipped insertion may hold


def _past_brackets(toks: list[Token], i: int, end: int) -> int:
    """The index after the ")" closing the "(" at i, or -1: not a bracket, not closed in
    the sentence within a few tokens, or holding a negation or another mark."""
    if toks[i].text != "(":
        return -1
    for j in range(i + 1, min(end, i + _BRACKETS_MAX + 2)):
        tok = toks[j]
        if tok.kind == "punct":
            return j + 1 if tok.text == ")" else -1
        if not NEGATION_WORDS.isdisjoint(tok.forms):
            return -1
    return -1


def expand_families(text: str) -> list[str]:
    """A written pattern as the flat patterns it stands for: each `{NAME}` becomes the
    family's one-token forms as one item, or one of its phrases ("{PAIN} i brystet" ->
    "ondt|smert*|... i brystet", "gør ondt i brystet")."""
    if "{" not in text:
        return [text]
    variants = [""]
    for word in text.split():
        if "{" not in word and "}" not in word:
            variants = [f"{v} {word}".strip() for v in variants]
            continue
        single: list[str] = []
        phrases: list[str] = []
        for alt in word.split("|"):
            m = _FAMILY.match(alt)
            if m is None:
                if "{" in alt or "}" in alt:
                    raise ValueError(f"bad family reference {alt!r} in {text!r}")
                single.append(alt)
                continue
            try:
                forms = danish().family(m.group(1))
            except KeyError:
                raise ValueError(f"unknown family {alt} (krampe.lang.da lexicon.yaml)") from None
            single += [f for f in forms if " " not in f]
            phrases += [f for f in forms if " " in f]
        options = (["|".join(dict.fromkeys(single))] if single else []) + phrases
        variants = [f"{v} {o}".strip() for v in variants for o in options]
    return variants


def parse_patterns(text: str, owner: Hashable = None) -> list[Pattern[Any]]:
    """Parse one written pattern into its compiled patterns (one per family phrase)."""
    return [_parse(t, owner, text) for t in expand_families(text)]


@overload
def parse_pattern(text: str) -> Pattern[None]: ...
@overload
def parse_pattern(text: str, owner: OwnerT) -> Pattern[OwnerT]: ...
def parse_pattern(text: str, owner: Hashable = None) -> Pattern[Any]:
    """Parse one pattern; ValueError on bad syntax (checked when rule files load). A
    `{NAME}` here must stand for one-token forms only (else use parse_patterns)."""
    flat = expand_families(text)
    if len(flat) != 1:
        raise ValueError(f"pattern {text!r}: a family with phrases needs parse_patterns")
    return _parse(flat[0], owner, text)


def _parse(flat: str, owner: Hashable, text: str) -> Pattern[Any]:
    words = ["|".join(a if _NUM.match(a) or a == "PASTYEAR" else a.lower() for a in expand(w))
             for w in flat.split()]
    if not words:
        raise ValueError("empty pattern")
    items: list[Item] = []
    for word in words:
        g = _GAP.match(word)
        if g:
            items.append(Item(gap=int(g.group(1)), tight=bool(g.group(2))))
        else:
            items.append(Item(alts=tuple(_parse_alt(a) for a in word.split("|"))))
    if items[0].gap or items[-1].gap:
        raise ValueError(f"pattern {text!r} must not start or end with a gap")
    return Pattern(flat, tuple(items), owner)


def expand(word: str) -> list[str]:
    """A pattern item's alternatives, with each `@name` replaced by the layer's words."""
    if "@" not in word:
        return word.split("|")
    out: list[str] = []
    for alt in word.split("|"):
        if not alt.startswith("@"):
            out.append(alt)
            continue
        try:
            out += danish().macro(alt[1:])
        except KeyError:
            raise ValueError(f"unknown word list {alt!r} (krampe.lang.da)") from None
    return out


@dataclass
class Match(Generic[OwnerT]):
    owner: OwnerT
    start: int
    end: int


@dataclass
class Matcher(Generic[OwnerT]):
    """Finds every pattern match in a token range, trying only patterns that can start."""

    patterns: list[Pattern[OwnerT]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._suffix: dict[str, list[int]] = {}
        self._infix: dict[str, list[int]] = {}
        self._num: list[int] = []
        self._punct: dict[str, list[int]] = {}
        # Patterns with the same items (a family shared by several concepts: a span of
        # weeks is `span`'s, `days_span`'s and `persistent_marker`'s) are tried once; the
        # tables below index the distinct item sequences, each with its owners.
        by_items: dict[tuple[Item, ...], int] = {}
        self._items: list[tuple[Item, ...]] = []
        self._owners: list[list[OwnerT]] = []
        for pat in self.patterns:
            uid = by_items.get(pat.items)
            if uid is None:
                uid = by_items[pat.items] = len(self._items)
                self._items.append(pat.items)
                self._owners.append([])
            if pat.owner not in self._owners[uid]:
                self._owners[uid].append(pat.owner)
        for idx, items in enumerate(self._items):
            for alt in items[0].alts:
                if alt.kind == "num":
                    self._num.append(idx)
                    continue
                table = {
                    "exact": self._exact,
                    "prefix": self._prefix,
                    "suffix": self._suffix,
                    "infix": self._infix,
                }[alt.kind]
                table.setdefault(alt.value, []).append(idx)
                if alt.kind == "exact" and not alt.value.isalnum():
                    self._punct.setdefault(alt.value, []).append(idx)
        self._infix_items = list(self._infix.items())
        # Per pattern, the later items that accept exact words only: one of each must be in
        # a range for the pattern to match there.
        self._required: list[tuple[frozenset[str], ...]] = [
            tuple(it._exact for it in items[1:]
                  if not it.gap and it.alts and len(it._exact) == len(it.alts))
            for items in self._items
        ]
        # The same as numbered requirements: a range's words satisfy a set of them, and a
        # pattern can match there only if all of its own are in that set (one subset test
        # per pattern instead of a test per requirement).
        req_ids: dict[frozenset[str], int] = {}
        self._need: list[frozenset[int]] = [
            frozenset(req_ids.setdefault(n, len(req_ids)) for n in need)
            for need in self._required
        ]
        self._satisfies: dict[str, list[int]] = {}
        for words, rid in req_ids.items():
            for word in words:
                self._satisfies.setdefault(word, []).append(rid)
        self._prefix_lengths = sorted({len(v) for v in self._prefix})
        self._suffix_lengths = sorted({len(v) for v in self._suffix})
        self._cache: Lru[tuple[str, ...], tuple[int, ...]] = Lru(50_000)

    def candidates(self, tok: Token) -> tuple[int, ...]:
        if tok.kind == "num":
            return tuple(self._num)
        if tok.kind == "punct":
            return tuple(self._punct.get(tok.forms[0], ()))
        # Words repeat across descriptions: remember each one's candidates (bounded).
        hit = self._cache.get(tok.forms)
        if hit is None:
            hit = tuple(sorted(self._word_candidates(tok)))
            self._cache.put(tok.forms, hit)
        else:
            self._cache.move_to_end(tok.forms)
        return hit

    def clear_cache(self) -> None:
        self._cache.clear()

    def _word_candidates(self, tok: Token) -> set[int]:
        out: set[int] = set()
        for form in tok.forms:
            out.update(self._exact.get(form, ()))
            size = len(form)
            for n in self._prefix_lengths:
                if n > size:
                    break
                hit = self._prefix.get(form[:n])
                if hit:
                    out.update(hit)
            for n in self._suffix_lengths:
                if n > size:
                    break
                hit = self._suffix.get(form[-n:])
                if hit:
                    out.update(hit)
            for value, idxs in self._infix_items:
                if value in form:
                    out.update(idxs)
        return out

    def find(self, toks: list[Token], start: int, end: int) -> list[Match[OwnerT]]:
        found: list[Match[OwnerT]] = []
        met: set[int] | None = None  # requirements the range's words meet, on first need
        required = self._need
        for i in range(start, end):
            for idx in self.candidates(toks[i]):
                need = required[idx]
                if need:
                    # Cheap exit: an item of exact words none of which is in the range.
                    if met is None:
                        satisfies = self._satisfies
                        met = {r for t in toks[start:end] for f in t.forms
                               for r in satisfies.get(f, ())}
                    if not need <= met:
                        continue
                j = _match(self._items[idx], 0, toks, i, end)
                if j > i:
                    found.extend(Match(owner, i, j) for owner in self._owners[idx])
        return found


def longest_per_owner(matches: Iterable[Match[OwnerT]]) -> list[Match[OwnerT]]:
    """Merge each owner's overlapping matches, keeping the longest, left to right."""
    by_owner: dict[OwnerT, list[Match[OwnerT]]] = {}
    for m in matches:
        by_owner.setdefault(m.owner, []).append(m)
    out: list[Match[OwnerT]] = []
    for ms in by_owner.values():
        ms.sort(key=lambda m: (m.start, -(m.end - m.start)))
        last_end = -1
        for m in ms:
            if m.start >= last_end:
                out.append(m)
                last_end = m.end
    out.sort(key=lambda m: (m.start, m.end))
    return out
