"""The triage result: `TriageResult.model_dump()` is the contract's JSON object."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from krampe.policy import Level

Status = Literal["present", "negated", "historical", "hypothetical", "other_person"]
# Where a finding or a settled route came from: the person's own words, or an answer
# (a screening answer, or a finding the caller already knew, e.g. from the diary).
Via = Literal["text", "answer"]


class FindingOut(BaseModel):
    id: str
    evidence: str  # the exact words of the input; for an answer, the question answered
    status: Status
    via: Via = "text"
    span: tuple[int, int] | None = None  # character offsets of `evidence` in `text`
    rule: str  # the rule that fired ("dvt_signs#2"), or "answer:<question id>"


class TriggerDetail(BaseModel):
    id: str
    label: str
    advice: str
    sources: list[str]


class QuestionOut(BaseModel):
    model_config = ConfigDict(frozen=True)  # shared between results (see triage.screen)

    id: str
    text: str
    findings: list[str]
    level: Level  # the level a "ja" gives when nothing more is needed
    group: str  # the lead question its level's questions are asked under together


class IfThen(BaseModel):
    id: str
    evidence: str
    level: Level
    action: str
    via: Via = "text"  # text: a hypothetical mention; answer: "ved ikke"


class SourceRef(BaseModel):
    source: str
    section: str | None


class Resolved(BaseModel):
    """A route of a red flag that the text or an answer settled."""

    finding: str
    question: str
    question_text: str  # the question as it is put to this patient (a relative named)
    by: Via
    status: Literal["present", "negated", "unknown"]
    evidence: str
    span: tuple[int, int] | None = None


class Screen(BaseModel):
    complete: bool
    open: list[str]
    resolved: list[Resolved]


class TriageResult(BaseModel):
    text: str
    understood: bool
    level: Level | None
    action: str
    findings: list[FindingOut]
    triggers: list[str]
    trigger_details: list[TriggerDetail]
    questions: list[QuestionOut]
    screen: Screen
    if_then: list[IfThen]
    safety_net: list[str]  # what to watch for and whom to call, once the screen is complete
    patient: Literal["self", "other"]
    episode: bool = False  # a symptom reported as happening now
    advice: list[str]
    sources: list[SourceRef]
    policy_version: str
