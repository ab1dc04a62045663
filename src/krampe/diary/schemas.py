"""Pydantic shapes of the diary API; field validation with Danish messages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from krampe.diary.labels import labels
from krampe.diary.models import NOTE_MAX_CHARS
from krampe.diary.timeutil import LocalTimeError, aware_to_utc, to_local

Leg = Literal["both", "left", "right"]
Situation = Literal["asleep", "resting", "exercising", "working", "other"]

MAX_DURATION_SECONDS = 24 * 3600


def clean_contexts(value: list[str]) -> list[str]:
    known = labels().contexts
    unknown = [c for c in value if c not in known]
    if unknown:
        raise ValueError(
            f"ukendt sammenhæng: {', '.join(map(str, unknown[:3]))}. "
            f"Mulige: {', '.join(known)}"
        )
    return [c for c in known if c in set(value)]  # form order, no duplicates


def clean_note(value: str | None) -> str | None:
    if value is None:
        return None
    if "\x00" in value:
        raise ValueError("noten indeholder ugyldige tegn")
    value = value.strip()
    return value or None


class EntryIn(BaseModel):
    """A cramp. `started_at` with an offset is exact; without one it is Danish local time."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "started_at": "2026-03-01T03:10:00+01:00", "duration_seconds": 90, "intensity": 7,
        "leg": "left", "situation": "asleep", "disturbed_sleep": True,
        "contexts": ["trained", "coffee"], "note": "Vågnede ved det",
    }]})

    started_at: datetime | None = Field(
        None, description="Tidspunkt; uden tidszone tolkes det som dansk tid. Standard: nu."
    )
    duration_seconds: int = Field(60, ge=1, le=MAX_DURATION_SECONDS)
    intensity: int = Field(5, ge=0, le=10, description="0 = ingen smerte, 10 = værst tænkelige")
    leg: Leg = "both"
    situation: Situation = "other"
    disturbed_sleep: bool = False
    disturbed_work: bool = False
    contexts: list[str] = Field(default_factory=list, max_length=50,
                                description="Dagens sammenhæng (ids fra labels)")
    note: str | None = Field(None, max_length=NOTE_MAX_CHARS)

    @field_validator("started_at")
    @classmethod
    def _to_utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        try:
            return aware_to_utc(value)
        except LocalTimeError as exc:
            raise ValueError(exc.message) from None

    _contexts = field_validator("contexts")(classmethod(lambda cls, v: clean_contexts(v)))
    _note = field_validator("note")(classmethod(lambda cls, v: clean_note(v)))


class EntryOut(BaseModel):
    id: int
    started_at: datetime = Field(description="UTC")
    started_local: datetime = Field(description="Samme tidspunkt i dansk tid (med offset)")
    duration_seconds: int
    intensity: int
    leg: Leg
    situation: Situation
    disturbed_sleep: bool
    disturbed_work: bool
    contexts: list[str]
    note: str | None
    created_at: datetime
    updated_at: datetime
    triage: dict | None = Field(
        None, description="Triage af noten, når den beskriver noget der kræver handling"
    )

    @classmethod
    def from_row(cls, row, triage: dict | None = None) -> EntryOut:
        return cls(
            id=row.id, started_at=row.started_at, started_local=to_local(row.started_at),
            duration_seconds=row.duration_seconds, intensity=row.intensity, leg=row.leg,
            situation=row.situation, disturbed_sleep=row.disturbed_sleep,
            disturbed_work=row.disturbed_work, contexts=list(row.contexts or []),
            note=row.note, created_at=row.created_at, updated_at=row.updated_at,
            triage=triage,
        )


class DayIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    contexts: list[str] = Field(default_factory=list, max_length=50)
    _contexts = field_validator("contexts")(classmethod(lambda cls, v: clean_contexts(v)))


class DayOut(BaseModel):
    day: date
    contexts: list[str]
