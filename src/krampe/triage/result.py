"""The triage result: `TriageResult.model_dump()` is the contract's JSON object."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

Level = Literal["emergency", "urgent", "routine", "self_care"]
Status = Literal["present", "negated", "historical", "hypothetical", "other_person"]


class FindingOut(BaseModel):
    id: str
    evidence: str  # the exact words of the input ("svar: ja (<id>)" for an answer)
    status: Status


class TriggerDetail(BaseModel):
    id: str
    label: str
    advice: str
    sources: list[str]


class QuestionOut(BaseModel):
    id: str
    text: str


class IfThen(BaseModel):
    id: str
    evidence: str
    level: Level
    action: str


class SourceRef(BaseModel):
    source: str
    section: str | None


class TriageResult(BaseModel):
    text: str
    understood: bool
    level: Level | None
    action: str
    findings: list[FindingOut]
    triggers: list[str]
    trigger_details: list[TriggerDetail]
    questions: list[QuestionOut]
    if_then: list[IfThen]
    advice: list[str]
    sources: list[SourceRef]
