"""Request and response models of the REST API, shaped as in cli-contract.md.

Responses reuse the engines' own models (the contract objects), so the OpenAPI document
cannot drift from what the CLI and the API return; the API adds only the disclaimer.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from krampe.core import AskResult
from krampe.knowledge.kb import MAX_TOP
from krampe.policy import RegionId, get_policy
from krampe.triage.result import TriageResult
from krampe.web.notice import Notice

# Region id -> name, in the policy's order (the triage form lists them).
REGIONS: dict[str, str] = {r.id: r.name for r in get_policy().regions()}


# --- requests ----------------------------------------------------------------------------


class AskRequest(BaseModel):
    q: str = Field(description="Spørgsmålet på dansk.", examples=["hjælper magnesium?"])
    top: int = Field(5, ge=1, le=MAX_TOP, description="Højst så mange svar.")


class TriageRequest(BaseModel):
    text: str = Field(
        description="Beskrivelse af symptomerne.",
        examples=["min læg er hævet og rød efter en lang flyrejse"],
    )
    region: RegionId | None = None
    answers: dict[str, bool | None] | None = Field(
        None,
        description=(
            "Svar på spørgsmålene om faresignaler: id → true (ja), false (nej) "
            "eller null (ved ikke)."
        ),
        examples=[{"breathing": False, "swollen_leg": None}],
    )
    known_findings: list[str] = Field(
        [], max_length=20,
        description="Fund, som kalderen allerede kender (fx fra dagbogen); ikke svar.",
    )


# --- responses ---------------------------------------------------------------------------


class Booking(BaseModel):
    """A clinic's "Book tid hos <klinik>" (docs/clinic.md): only with a clinic profile, and
    only on a finished routine or self-care result; never on urgent or emergency."""

    clinic: str = Field(examples=["Fysioterapi Lindehøj"])
    label: str = Field(examples=["Book tid hos Fysioterapi Lindehøj"])
    url: str
    phone: str = Field(examples=["86 12 34 56"])
    tel: str = Field(examples=["86123456"])
    opening_hours: list[str]


_BOOKING = ("Kun med en klinikprofil: klinikkens booking ved et færdigt resultat på et niveau, "
            "hvor politikken tillader den (" + " og ".join(
                f"«{get_policy().level_info(lv).headline}»" for lv in get_policy().LEVELS
                if get_policy().level_info(lv).clinic_booking) + "), ellers null.")


class TriageApiResponse(TriageResult):
    """`/api/triage`: the triage object plus the disclaimer (the nested one in ask has none)."""

    notice: Notice
    booking: Booking | None = Field(None, description=_BOOKING)


class AskResponse(AskResult):
    """`/api/ask`: the contract object plus the disclaimer."""

    notice: Notice
    booking: Booking | None = Field(None, description=_BOOKING + " (for `triage`)")


class ErrorResponse(BaseModel):
    error: str = Field(examples=["invalid_input"])
    message: str = Field(examples=["Feltet med spørgsmålet er tomt. Skriv mindst et ord."])


class Health(BaseModel):
    status: Literal["ok"]
    articles: int
    knowledge_base: list[str]


class Ready(BaseModel):
    status: Literal["ok"]
    database: Literal["ok"]


ERROR_RESPONSES: dict[int | str, dict] = {
    400: {"model": ErrorResponse, "description": "Ugyldig JSON"},
    413: {"model": ErrorResponse, "description": "For stor forespørgsel"},
    422: {"model": ErrorResponse, "description": "Ugyldige felter"},
    429: {"model": ErrorResponse, "description": "For mange forespørgsler fra samme adresse"},
}
