"""Audit of every token pattern in the rule files: each alternative must be able to match.

For each pattern and each alternative of each item we write out the literal phrase it
stands for (the other items at their first alternative), tokenize it as user text is
tokenized, and check the pattern matches. This catches alternatives the tokenizer can
never produce as one token ("a b" inside one item, "pga.", apostrophes) and items that
split a phrase so it can no longer be written ("a|b c" read as "(a or b) then c").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from krampe.triage.engine import Engine, written_patterns
from krampe.triage.patterns import expand, expand_families, parse_pattern
from krampe.triage.schema import get_rules
from krampe.triage.text import tokenize

_NUM = re.compile(r"^NUM(?:(>=|<=|>|<)(\d+))?(?:(?:<=|<)\d+)?$")  # an upper bound: a range


def _all_patterns() -> Iterator[tuple[str, str]]:
    """Every compiled pattern: constructions filled in, concept families written out."""
    rules = get_rules()
    for cid, c in rules.lexicon.concepts.items():
        for p in [*written_patterns(rules, c), *c.exclude]:
            for flat in expand_families(p):
                yield f"lexicon:{cid}", flat
    for tid, t in rules.triggers.items():
        for p in [*written_patterns(rules, t), *t.exclude]:
            for flat in expand_families(p):
                yield f"trigger:{tid}", flat
    for r in rules.context.rules:
        for flat in expand_families(r.literal):
            yield f"context:{r.category}", flat
    gq = rules.context.generic_questions
    if gq is not None:
        for p in [gq.starts, *gq.personal, *gq.consequences]:
            yield "context:generic_questions", p


def _literal(alt: str) -> str:
    """A word the alternative stands for: 'stem*' -> 'stem', 'NUM>10' -> '11'."""
    if alt == "PASTYEAR":
        return "1990"
    if alt.startswith("CLOCK"):  # a time of day as a clock shows it: 'CLOCK<5' -> '03:00'
        return f"{int(_literal(alt.replace('CLOCK', 'NUM', 1))):02d}:00"
    m = _NUM.match(alt)
    if m:
        op, n = m.group(1), int(m.group(2) or 3)
        return str({None: n, ">=": n, "<=": n, ">": n + 1, "<": max(n - 1, 0)}[op])
    return alt.strip("*")


def _phrases(pattern: str) -> Iterator[str]:
    # `@name` items stand for the language layer's words: each is audited like a listed one.
    words = [expand(w) for w in pattern.split() if not re.fullmatch(r"~\d+", w)]
    first = [_literal(w[0]) for w in words]
    for k, w in enumerate(words):
        for alt in w:
            yield " ".join([*first[:k], _literal(alt), *first[k + 1:]])


_CASES = sorted({(o, p) for o, p in _all_patterns()})


@pytest.mark.parametrize(("owner", "pattern"), _CASES)
def test_every_alternative_can_match_its_literal_phrase(owner: str, pattern: str) -> None:
    fixer = Engine.get().fixer
    pat = parse_pattern(pattern)
    bad = []
    for phrase in _phrases(pattern):
        toks, _ = tokenize(phrase, fixer)
        if pat.match_at(toks, 0, len(toks)) < 0:
            bad.append(phrase)
    assert not bad, f"{owner}: {pattern!r} cannot match {bad}"


def test_spoken_forms_with_apostrophe_are_one_token() -> None:
    toks, _ = tokenize("den bli'r ved, 'hård' siger han")
    assert [t.text for t in toks] == ["den", "bli'r", "ved", ",", "hård", "siger", "han"]


# Phrases that rules were written for but that a space inside an alternative list had made
# unreachable ("nat efter nat|dag efter dag" read as "nat efter (nat|dag) efter dag").
@pytest.mark.parametrize(("text", "finding"), [
    ("min søn har krampe i læggene nat efter nat", "frequent_disturbing"),
    ("hun har kramper i benene dag efter dag", "frequent_disturbing"),
    ("jeg havde krampe i timevis i venstre læg", "persistent_cramp"),
])
def test_phrases_once_split_by_alternatives_now_match(text: str, finding: str) -> None:
    from krampe.triage import triage

    assert any(f.id == finding and f.status == "present" for f in triage(text).findings)
