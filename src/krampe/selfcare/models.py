"""Pydantic models of the self-care data: acute guide, exercises and the programme.

They are the public shapes: the CLI prints them, the web app renders them and
`model_dump(mode="json")` is what `--json` and the API return.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

# `Level` below is an exercise's step; the triage level is the policy's.
from krampe.policy import Level as TriageLevel
from krampe.policy import RegionId, get_policy
from krampe.policy.review import ClinicalReview, content_hash

SourceIds = list[str]


class _Strict(BaseModel):
    # Typos in the YAML data (an unknown key) must fail on load, not be silently dropped.
    model_config = ConfigDict(extra="forbid", frozen=True)


def _need_sources(value: list[str]) -> list[str]:
    if not value:
        raise ValueError("mindst én kilde (source id) er påkrævet")
    return value


def _policy_text(value: str) -> str:
    """Fills {emergency}, {gp} and {oohs}: the data files never write a number themselves."""
    return get_policy().fill(value)


# --- acute guide -------------------------------------------------------------------------


class AcuteStep(_Strict):
    id: str
    # For a person lying in bed at night: shown first, before the rest of the guide.
    first: bool = False
    title: str
    text: str
    sources: SourceIds

    _check_sources = field_validator("sources")(_need_sources)


class RedFlag(_Strict):
    id: str
    sign: str
    # In the data a template: "{headline}. ..." starts with the level's headline.
    action: str
    level: TriageLevel
    # Policy finding id this flag mirrors (triage-policy.md), so pages can link the two.
    finding: str
    sources: SourceIds

    _check_sources = field_validator("sources")(_need_sources)

    @field_validator("level")
    @classmethod
    def _seek_help(cls, value: TriageLevel) -> TriageLevel:
        policy = get_policy()
        if policy.rank(value) < policy.rank("urgent"):
            raise ValueError("et faresignal er mindst 'urgent'")
        return value

    @model_validator(mode="before")
    @classmethod
    def _fill_action(cls, data: Any) -> Any:
        policy = get_policy()
        if isinstance(data, dict) and data.get("level") in policy.LEVELS and "action" in data:
            data = {**data, "action": policy.fill(str(data["action"]), level=data["level"])}
        return data


class SourceNote(_Strict):
    id: str
    title: str
    text: str
    sources: SourceIds

    _check_sources = field_validator("sources")(_need_sources)


# In acute.yaml a contact names its number by policy key; the policy holds the numbers.
CONTACT_KEYS = ("emergency", "own_gp")


class Contact(_Strict):
    id: str
    label: str
    number: str | None = None
    when: str
    region: RegionId | None = None
    # ISO date someone last checked the number against its source; None = not checked.
    verified: date | None = None
    sources: SourceIds

    _check_sources = field_validator("sources")(_need_sources)

    @model_validator(mode="before")
    @classmethod
    def _from_policy(cls, data: Any) -> Any:
        """`policy: emergency | own_gp | <region id>` -> number, region, verified, sources."""
        if not isinstance(data, dict) or "policy" not in data:
            return data
        own = {"number", "region", "verified"} & set(data)
        if own:
            raise ValueError(f"{sorted(own)} kommer fra politikken (policy-nøglen), ikke fra data")
        data = dict(data)
        key = data.pop("policy")
        policy = get_policy()
        extra: dict[str, Any]
        if key == "emergency":
            entry = policy.emergency()
            extra = {"number": entry.number, "sources": entry.sources}
        elif key == "own_gp":
            gp = policy.own_gp()
            extra = {"number": None, "sources": gp.sources}
            data.setdefault("when", f"{gp.hours}.")
        elif key in {r.id for r in policy.regions()}:
            region = policy.region(key)
            extra = {"number": region.number, "region": region.id,
                     "verified": region.verified, "sources": [region.source]}
        else:
            raise ValueError(f"ukendt policy-nøgle {key!r}: {CONTACT_KEYS} eller et region-id")
        sources = [*extra.pop("sources"), *data.get("sources", [])]
        return {**data, **extra, "sources": _unique(sources)}


class AcuteGuide(_Strict):
    title: str
    intro: str
    steps: list[AcuteStep]
    red_flags_title: str
    red_flags: list[RedFlag]
    notes: list[SourceNote]
    contacts: list[Contact]
    clinical_review: ClinicalReview = "pending"

    @property
    def first_steps(self) -> list[AcuteStep]:
        """What to do first, lying in bed: the steps a page shows before the rest."""
        return [step for step in self.steps if step.first]

    @property
    def content_hash(self) -> str:
        """What a review record of the guide names: every text of it, not the record."""
        return content_hash(self.model_dump_json(exclude={"clinical_review"}))

    @property
    def source_ids(self) -> list[str]:
        items: list[AcuteStep | RedFlag | SourceNote | Contact] = [
            *self.steps,
            *self.red_flags,
            *self.notes,
            *self.contacts,
        ]
        return _unique(s for item in items for s in item.sources)


# --- exercises ---------------------------------------------------------------------------


class Dose(_Strict):
    sets_min: int = Field(ge=1, le=5)
    sets_max: int = Field(ge=1, le=5)
    hold_seconds_min: int | None = Field(default=None, ge=5, le=120)
    hold_seconds_max: int | None = Field(default=None, ge=5, le=120)
    reps_min: int | None = Field(default=None, ge=1, le=30)
    reps_max: int | None = Field(default=None, ge=1, le=30)
    per_leg: bool = True
    frequency: str
    sources: SourceIds

    _check_sources = field_validator("sources")(_need_sources)

    @model_validator(mode="after")
    def _one_kind(self) -> Dose:
        hold = self.hold_seconds_min is not None and self.hold_seconds_max is not None
        reps = self.reps_min is not None and self.reps_max is not None
        if hold == reps:
            raise ValueError("en dosis har enten holdetid (stræk) eller gentagelser (styrke)")
        amount = (
            (self.hold_seconds_min, self.hold_seconds_max)
            if hold
            else (self.reps_min, self.reps_max)
        )
        lo_hi = [(self.sets_min, self.sets_max), amount]
        # Both bounds of the chosen kind are set (checked above); None never compares.
        if any(lo is not None and hi is not None and lo > hi for lo, hi in lo_hi):
            raise ValueError("min må ikke være større end max i en dosis")
        return self


class Caution(_Strict):
    id: str
    text: str
    # Profile flags this caution is about (pregnant, night_cramps, over_60); empty = everyone.
    applies_to: list[str] = []
    sources: SourceIds

    _check_sources = field_validator("sources")(_need_sources)


class Level(_Strict):
    """One step of an exercise's progression (e.g. heel drops on both legs, then one)."""

    level: int = Field(ge=1)
    name: str
    how: str
    sources: SourceIds

    _check_sources = field_validator("sources")(_need_sources)


class Exercise(_Strict):
    id: str
    name: str
    # What a strength exercise is called in running text: "2 sæt af 10 hæl-drop".
    short: str | None = None
    kind: Literal["stretch", "strength"]
    target: str
    eccentric: bool = False
    steps: list[str] = Field(min_length=2)
    dose: Dose
    levels: list[Level] = []
    progression: str
    cautions: list[Caution] = Field(min_length=1)
    sources: SourceIds

    _check_sources = field_validator("sources")(_need_sources)

    @model_validator(mode="after")
    def _dose_matches_kind(self) -> Exercise:
        is_stretch = self.dose.hold_seconds_min is not None
        if is_stretch != (self.kind == "stretch"):
            raise ValueError(f"{self.id}: stræk doseres i sekunder, styrke i gentagelser")
        if self.kind == "strength" and not self.short:
            raise ValueError(f"{self.id}: en styrkeøvelse skal have et kort navn (short)")
        numbers = [lv.level for lv in self.levels]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"{self.id}: niveauer skal være 1, 2, 3 ... i rækkefølge")
        return self

    def cautions_for(self, flags: Iterable[str] | None) -> list[Caution]:
        """The cautions for a person with these profile flags; None = everyone's."""
        if flags is None:
            return list(self.cautions)
        have = set(flags)
        return [c for c in self.cautions if not c.applies_to or have & set(c.applies_to)]

    @property
    def source_ids(self) -> list[str]:
        parts = [self.sources, self.dose.sources]
        parts += [c.sources for c in self.cautions] + [lv.sources for lv in self.levels]
        return _unique(s for p in parts for s in p)


# --- programme ---------------------------------------------------------------------------


class Profile(BaseModel):
    """What the person told us; each flag changes the plan only where a source supports it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pregnant: bool = False
    night_cramps: bool = False
    over_60: bool = False

    def flags(self) -> list[str]:
        return [name for name, on in self.model_dump().items() if on]


class PlanRule(BaseModel):
    """A rule the plan follows, shown to the person with its sources."""

    id: str
    text: str
    sources: SourceIds

    _text = field_validator("text")(_policy_text)


class PlannedExercise(BaseModel):
    exercise_id: str
    name: str
    sets: int
    hold_seconds: int | None = None
    reps: int | None = None
    per_leg: bool
    level: int | None = None
    level_name: str | None = None
    dose_text: str
    how: list[str]
    sources: SourceIds


class Session(BaseModel):
    id: str
    date: date
    start: time
    duration_minutes: int
    week: int
    kind: Literal["stretch", "strength"]
    # `name` is what the session is ("Lægstræk"); `title` adds its week, for calendars.
    name: str
    title: str
    items: list[PlannedExercise]
    notes: list[str] = []
    sources: SourceIds


class Plan(BaseModel):
    start: date
    weeks: int
    end: date
    timezone: str
    profile: Profile
    title: str
    rules: list[PlanRule]
    cautions: list[PlanRule]
    sessions: list[Session]
    clinical_review: ClinicalReview = "pending"
    # The programme material's hash (plan.programme_hash), which a review record must name.
    content_hash: str = ""

    def sessions_in_week(self, week: int) -> list[Session]:
        return [s for s in self.sessions if s.week == week]

    @property
    def source_ids(self) -> list[str]:
        parts = [r.sources for r in (*self.rules, *self.cautions)]
        parts += [s.sources for s in self.sessions]
        return _unique(s for p in parts for s in p)


def _unique(ids) -> list[str]:
    return list(dict.fromkeys(ids))
