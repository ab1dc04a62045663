"""What a knowledge base answers: the coverage bank (data/coverage_bank.yaml) run through
the public search, each question answered, weakly answered or not covered.

- answered: the gate passes with at least `margin` to spare, and the best passage is no
  lead and sits in a section whose heading or text names the question's topic;
- weak: the gate passes narrowly, or the best passage is only a lead or sits in a
  section about something else;
- not covered: the gate rejects the question.

For `krampe coverage` and the page /dækning: a clinic owner deciding what to write next.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, field_validator

from krampe.knowledge.kb import KnowledgeBase
from krampe.knowledge.search import SearchOutcome
from krampe.knowledge.settings import search_settings

_BANK = Path(__file__).resolve().parent / "data" / "coverage_bank.yaml"

Status = Literal["answered", "weak", "not_covered"]
STATUSES: tuple[Status, ...] = ("answered", "weak", "not_covered")


class StatusText(BaseModel):
    label: str
    meaning: str


class Topic(BaseModel):
    model_config = {"ignored_types": (cached_property,)}

    id: str = Field(pattern=r"^[a-z_]+$")
    label: str
    words: list[str] = Field(min_length=1)
    questions: list[str] = Field(min_length=1)

    @field_validator("words")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return [word.lower() for word in value]

    @cached_property
    def words_re(self) -> re.Pattern[str]:
        """A topic word at the start of a word (natlig also matches natlige)."""
        alternatives = "|".join(re.escape(w) for w in sorted(self.words, key=len, reverse=True))
        return re.compile(rf"(?<![\wæøå])(?:{alternatives})", re.IGNORECASE)


class Bank(BaseModel):
    margin: float = Field(gt=0, lt=1)
    statuses: dict[Status, StatusText]
    topics: list[Topic] = Field(min_length=1)

    @field_validator("statuses")
    @classmethod
    def _all_statuses(cls, value: dict[Status, StatusText]) -> dict[Status, StatusText]:
        if set(value) != set(STATUSES):
            raise ValueError(f"statuses must be exactly {', '.join(STATUSES)}")
        return value

    @field_validator("topics")
    @classmethod
    def _unique(cls, value: list[Topic]) -> list[Topic]:
        ids = [t.id for t in value]
        questions = [q for t in value for q in t.questions]
        if len(set(ids)) != len(ids) or len(set(questions)) != len(questions):
            raise ValueError("topic ids and questions must be unique")
        return value

    def meaning(self, status: Status) -> str:
        return " ".join(self.statuses[status].meaning.split()).format(
            margin=f"{self.margin:.2f}".replace(".", ","))

    @property
    def size(self) -> int:
        return sum(len(t.questions) for t in self.topics)


@lru_cache(maxsize=1)
def bank() -> Bank:
    return Bank.model_validate(yaml.safe_load(_BANK.read_text(encoding="utf-8")))


class QuestionResult(BaseModel):
    question: str
    status: Status
    reason: str  # Danish, for the clinic owner
    coverage: float
    margin: float | None  # coverage above the gate's threshold; None when rejected
    lead: bool  # the best passage is an article's lead
    source: str | None
    title: str | None
    section: str | None


class TopicResult(BaseModel):
    id: str
    label: str
    answered: int
    weak: int
    not_covered: int
    questions: list[QuestionResult]


class CoverageReport(BaseModel):
    knowledge_base: list[str]
    questions: int
    margin: float
    labels: dict[Status, str]
    definitions: dict[Status, str]
    totals: dict[Status, int]
    topics: list[TopicResult]

    def to_dict(self) -> dict[str, object]:
        return self.model_dump()


def _threshold(outcome: SearchOutcome) -> float:
    # The gate's bar as search.search picks it: lower when the question is on topic.
    gate = search_settings().gate
    return gate.min_coverage_on_topic if outcome.on_topic else gate.min_coverage


def _section_text(kb: KnowledgeBase, passage: int) -> str:
    index = kb.index
    section = int(index.section_of[passage])
    heading = index.section_headings[section] or ""
    members = (index.section_of == section).nonzero()[0]
    return " ".join([heading, *(index.texts[int(i)] for i in members)])


def judge(kb: KnowledgeBase, topic: Topic, question: str, margin: float) -> QuestionResult:
    """One question of the bank against the knowledge base."""
    outcome = kb.explain(question, top=1)
    if not outcome.answered or not outcome.hits:
        return QuestionResult(question=question, status="not_covered",
                              reason="Intet svar kommer over svar-tærsklen.",
                              coverage=round(outcome.coverage, 3), margin=None, lead=False,
                              source=None, title=None, section=None)
    best = outcome.hits[0].passage
    record = kb.index.record(best)
    spare = outcome.coverage - _threshold(outcome)
    lead = record.kind == "lead"
    on_topic = topic.words_re.search(_section_text(kb, best)) is not None
    status: Status = "answered"
    if lead:
        status, reason = "weak", "Kun artiklens indledning svarer."
    elif not on_topic:
        status, reason = "weak", "Det bedste afsnit handler om noget andet end emnet."
    elif spare < margin:
        status, reason = "weak", "Svaret ligger kun lige over svar-tærsklen."
    else:
        reason = "Et afsnit om emnet svarer."
    return QuestionResult(question=question, status=status, reason=reason,
                          coverage=round(outcome.coverage, 3), margin=round(spare, 3),
                          lead=lead, source=record.source, title=record.title,
                          section=record.section)


def run(kb: KnowledgeBase, specs: list[str] | None = None) -> CoverageReport:
    """Every question of the bank, per topic, against `kb` (loaded from `specs`)."""
    data = bank()
    topics: list[TopicResult] = []
    for topic in data.topics:
        results = [judge(kb, topic, q, data.margin) for q in topic.questions]
        counts = {s: sum(r.status == s for r in results) for s in STATUSES}
        topics.append(TopicResult(id=topic.id, label=topic.label, questions=results,
                                  **counts))
    return CoverageReport(
        knowledge_base=list(specs or ["bundled"]),
        questions=data.size,
        margin=data.margin,
        labels={s: data.statuses[s].label for s in STATUSES},
        definitions={s: data.meaning(s) for s in STATUSES},
        totals={s: sum(getattr(t, s) for t in topics) for s in STATUSES},
        topics=topics,
    )
