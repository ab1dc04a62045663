"""Question sets and the bench's per-system tally.

Scoring itself is krampe.evaluation.qa, the code behind `krampe eval qa`, so the tables and
the CLI apply one rule (../shared/eval/README.md): a ranked answer is correct when its text
contains one of the gold phrases, ignoring case and runs of whitespace; an `oos` question
is correct when the system does not answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from krampe.evaluation.qa import MRR_DEPTH, Scores, first_hit


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


@dataclass
class Tally:
    """One system on one set: the shared scores, plus time per question and the misses."""

    scores: Scores = field(default_factory=Scores)
    ms: list[float] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def add(self, question: Question, answered: bool, texts: list[str], ms: float) -> None:
        self.ms.append(ms)
        rank = None if question.oos else first_hit(texts[:MRR_DEPTH], question.gold)
        self.scores.add(oos=question.oos, answered=answered, rank=rank)
        if question.oos:
            if answered:
                self.misses.append(f"{question.id} answered out-of-scope: {question.q}")
        elif not answered:
            self.misses.append(f"{question.id} rejected: {question.q}")
        elif rank != 1:
            self.misses.append(f"{question.id} rank {rank or '>5'}: {question.q}")

    def row(self) -> dict[str, str]:
        s = self.scores
        return {
            "hit@1": f"{s.hit_at_1:.2f}",
            "hit@3": f"{s.hit_at_3:.2f}",
            "MRR@5": f"{s.mrr_at_5:.2f}",
            "false rej": f"{s.false_rejections}/{s.in_scope}",
            "OOS rej": f"{s.oos_rejected}/{s.out_of_scope}",
            "ms/q": f"{sum(self.ms) / max(len(self.ms), 1):.2f}",
        }
