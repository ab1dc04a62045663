"""Request and response models of the REST API, shaped as in cli-contract.md.

The engines return their own pydantic models; these mirror the contract (extra keys
allowed) so the OpenAPI document states exactly what clients can rely on.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from krampe.knowledge.kb import MAX_TOP
from krampe.web.notice import Notice

Region = Literal["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]
REGIONS: dict[str, str] = {
    "hovedstaden": "Region Hovedstaden",
    "sjaelland": "Region Sjælland",
    "syddanmark": "Region Syddanmark",
    "midtjylland": "Region Midtjylland",
    "nordjylland": "Region Nordjylland",
}
Level = Literal["emergency", "urgent", "routine", "self_care"]
Status = Literal["present", "negated", "historical", "hypothetical", "other_person"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


# --- requests ----------------------------------------------------------------------------


class AskRequest(BaseModel):
    q: str = Field(description="Spørgsmålet på dansk.", examples=["hjælper magnesium?"])
    top: int = Field(5, ge=1, le=MAX_TOP, description="Højst så mange svar.")


class TriageRequest(BaseModel):
    text: str = Field(
        description="Beskrivelse af symptomerne.",
        examples=["min læg er hævet og rød efter en lang flyrejse"],
    )
    region: Region | None = None
    answers: dict[str, bool] | None = Field(
        None, description="Svar på opfølgende spørgsmål (id → ja/nej)."
    )


# --- responses ---------------------------------------------------------------------------


class Finding(_Open):
    id: str
    evidence: str | None = None
    status: Status


class Question(_Open):
    id: str
    text: str


class TriggerDetail(_Open):
    id: str
    label: str
    advice: str | None = None
    sources: list[str] = []


class SourceRef(_Open):
    source: str
    section: str | None = None


class IfThen(_Open):
    level: Level | None = None
    action: str | None = None


class TriageResponse(_Open):
    text: str
    understood: bool
    level: Level | None
    action: str
    findings: list[Finding] = []
    triggers: list[str] = []
    trigger_details: list[TriggerDetail] = []
    questions: list[Question] = []
    if_then: list[IfThen] = []
    advice: list[str] = []
    sources: list[SourceRef] = []


class TriageApiResponse(TriageResponse):
    """`/api/triage`: the triage object plus the disclaimer (the nested one in ask has none)."""

    notice: Notice


class Answer(_Open):
    text: str
    source: str
    title: str
    section: str | None = None
    url: str | None = None
    score: float


class AskResponse(_Open):
    question: str
    answered: bool
    answers: list[Answer]
    triage: TriageResponse | None = None
    notice: Notice


class ErrorResponse(BaseModel):
    error: str = Field(examples=["invalid_input"])
    message: str = Field(examples=["Feltet med spørgsmålet er tomt. Skriv mindst et ord."])


class Health(BaseModel):
    status: Literal["ok"]
    articles: int
    knowledge_base: list[str]


ERROR_RESPONSES: dict[int | str, dict] = {
    400: {"model": ErrorResponse, "description": "Ugyldig JSON"},
    413: {"model": ErrorResponse, "description": "For stor forespørgsel"},
    422: {"model": ErrorResponse, "description": "Ugyldige felter"},
}
