"""QA scoring for `krampe eval qa` and the benchmarks (bench/peers/scoring.py).

The eval format's rule (../shared/eval/README.md): a ranked answer is right when its text
contains one of the gold phrases, ignoring case and runs of whitespace; an out-of-scope
(`oos`) question is right when it is not answered. hit@1, hit@3 and MRR@5 are over the
in-scope questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

MRR_DEPTH = 5
_SPACES = re.compile(r"\s+")


def norm(text: str) -> str:
    """Text as the gold match sees it: casefolded, each run of whitespace one space."""
    return _SPACES.sub(" ", text).strip().casefold()


def first_hit(texts: Iterable[str], gold: Iterable[str]) -> int | None:
    """1-based rank of the first answer text containing a gold phrase, or None."""
    wanted = [norm(g) for g in gold]
    for rank, text in enumerate(texts, 1):
        haystack = norm(text)
        if any(g in haystack for g in wanted):
            return rank
    return None


@dataclass
class Scores:
    """Counts over a question set, one question at a time."""

    in_scope: int = 0
    out_of_scope: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal_ranks: float = 0.0  # summed over in-scope questions, ranks up to MRR_DEPTH
    false_rejections: int = 0  # in-scope questions not answered
    oos_rejected: int = 0  # out-of-scope questions not answered: the right outcome

    def add(self, *, oos: bool, answered: bool, rank: int | None) -> None:
        """One question: whether it is out of scope, was answered, and its first_hit rank."""
        if oos:
            self.out_of_scope += 1
            self.oos_rejected += not answered
            return
        self.in_scope += 1
        if not answered:
            self.false_rejections += 1
            return
        if rank is None:
            return
        self.hit1 += rank == 1
        self.hit3 += rank <= 3
        if rank <= MRR_DEPTH:
            self.reciprocal_ranks += 1 / rank

    @property
    def hit_at_1(self) -> float:
        return self.hit1 / max(self.in_scope, 1)

    @property
    def hit_at_3(self) -> float:
        return self.hit3 / max(self.in_scope, 1)

    @property
    def mrr_at_5(self) -> float:
        return self.reciprocal_ranks / max(self.in_scope, 1)
