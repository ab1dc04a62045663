"""Scoring exactly as the eval format says (../shared/eval/README.md).

A ranked answer is correct when its text contains one of the gold phrases, ignoring case
and runs of whitespace; an `oos` question is correct when the system does not answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

_SPACES = re.compile(r"\s+")


def norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    q: str
    gold: tuple[str, ...] = ()
    oos: bool = False


def load_set(path: Path) -> list[Question]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if not row.get("oos") and not row.get("gold"):
            raise SystemExit(f"{path}:{number}: a question needs `gold` or `oos: true`")
        questions.append(
            Question(str(row.get("id", number)), row["q"], tuple(row.get("gold", ())),
                     bool(row.get("oos", False)))
        )
    return questions


def first_hit(texts: list[str], gold: tuple[str, ...]) -> int | None:
    """1-based rank of the first answer containing a gold phrase, or None."""
    wanted = [norm(g) for g in gold]
    for rank, text in enumerate(texts, 1):
        haystack = norm(text)
        if any(g in haystack for g in wanted):
            return rank
    return None


@dataclass
class Tally:
    in_scope: int = 0
    oos: int = 0
    hit1: int = 0
    hit3: int = 0
    rr: float = 0.0
    false_rejections: int = 0
    oos_rejected: int = 0
    ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, question: Question, answered: bool, texts: list[str], ms: float) -> None:
        self.ms.append(ms)
        if question.oos:
            self.oos += 1
            if not answered:
                self.oos_rejected += 1
            else:
                self.misses.append(f"{question.id} answered out-of-scope: {question.q}")
            return
        self.in_scope += 1
        if not answered:
            self.false_rejections += 1
            self.misses.append(f"{question.id} rejected: {question.q}")
            return
        rank = first_hit(texts[:5], question.gold)
        if rank == 1:
            self.hit1 += 1
        if rank is not None and rank <= 3:
            self.hit3 += 1
        if rank is not None:
            self.rr += 1.0 / rank
        if rank != 1:
            self.misses.append(f"{question.id} rank {rank or '>5'}: {question.q}")

    def row(self) -> dict[str, str]:
        n = max(self.in_scope, 1)
        return {
            "hit@1": f"{self.hit1 / n:.2f}",
            "hit@3": f"{self.hit3 / n:.2f}",
            "MRR@5": f"{self.rr / n:.2f}",
            "false rej": f"{self.false_rejections}/{self.in_scope}",
            "OOS rej": f"{self.oos_rejected}/{self.oos}",
            "ms/q": f"{sum(self.ms) / max(len(self.ms), 1):.2f}",
        }
