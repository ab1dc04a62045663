"""Request and response models of the REST API, shaped as in cli-contract.md.

Responses reuse the engines' own models (the contract objects), so the OpenAPI document
cannot drift from what the CLI and the API return; the API adds only the disclaimer.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from krampe.knowledge.kb import MAX_TOP, AskResult
from krampe.triage.result import TriageResult
from krampe.web.notice import Notice

Region = Literal["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]
REGIONS: dict[str, str] = {
    "hovedstaden": "Region Hovedstaden",
    "sjaelland": "Region Sjælland",
    "syddanmark": "Region Syddanmark",
    "midtjylland": "Region Midtjylland",
    "nordjylland": "Region Nordjylland",
}


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


class TriageApiResponse(TriageResult):
    """`/api/triage`: the triage object plus the disclaimer (the nested one in ask has none)."""

    notice: Notice


class AskResponse(AskResult):
    """`/api/ask`: the engine's result with the triage object typed, plus the disclaimer."""

    # Narrows AskResult's plain dict (the knowledge layer does not import triage) to the
    # triage model, so the API schema documents it; the value is validated as such.
    triage: TriageResult | None = None  # type: ignore[assignment]
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
