"""Schemas of the policy data files (data/*.yaml), validated on load.

The level and region ids are types here, so a typo in a rule file, a template or a
data file fails validation instead of falling through a lookup at triage time.
"""

from __future__ import annotations

import datetime as dt
from string import Formatter
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Level = Literal["emergency", "urgent", "routine", "self_care"]
RegionId = Literal["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]
LEVEL_IDS: tuple[Level, ...] = get_args(Level)
REGION_IDS: tuple[RegionId, ...] = get_args(RegionId)

# What a policy text may leave open: {emergency}, {headline} (the level's), {gp}, {oohs}.
PLACEHOLDERS = frozenset({"emergency", "headline", "gp", "oohs"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def placeholders(template: str) -> set[str]:
    """The {names} a template uses; ValueError on a broken brace."""
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def _known_placeholders(template: str) -> str:
    unknown = placeholders(template) - PLACEHOLDERS
    if unknown:
        raise ValueError(f"unknown placeholder(s) {sorted(unknown)}; use {sorted(PLACEHOLDERS)}")
    return template


class Source(_Strict):
    """One entry of the sources registry; readers see `label`."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: str | None = None
    # When someone last checked facts copied from it (phone numbers); None = never.
    verified: dt.date | None = None
    note: str | None = None  # for maintainers (where it came from), never shown

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("url skal starte med http:// eller https://")
        return value

    @property
    def label(self) -> str:
        """What readers see, e.g. "NICE CKS: Leg cramps (2012)"."""
        year = f" ({self.year})" if self.year else ""
        return f"{self.publisher}: {self.title}{year}"


class SourcesFile(_Strict):
    sources: list[Source] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> SourcesFile:
        ids = [s.id for s in self.sources]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate source ids {dupes}")
        return self


class LevelInfo(_Strict):
    """A level as the policy defines it. In `Policy`, `headline` and `action` come with
    {emergency} and {headline} filled; `action` still has {gp} and {oohs} open."""

    id: Level
    rank: int = Field(ge=0)
    red_flag: bool = False  # its findings are screened before a lower result is final
    # A clinic's booking ("Book tid hos <klinik>") may be offered on this level's result:
    # never on a red-flag level, where the emergency and out-of-hours calls stand alone.
    clinic_booking: bool = False
    headline: str = Field(min_length=1)
    colour: str = Field(pattern=r"^[a-z][a-z0-9-]*$")  # CSS token name (style.css)
    icon: str = Field(min_length=1, max_length=2)
    # One short action sentence for a care card, beside its call buttons (no numbers).
    short: str = Field(min_length=1, max_length=120)
    action: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)

    _h = field_validator("headline", "short", "action")(_known_placeholders)


class NotUnderstood(_Strict):
    action: str = Field(min_length=1)
    sources: list[str] = Field(min_length=1)

    _a = field_validator("action")(_known_placeholders)


class LevelsFile(_Strict):
    levels: list[LevelInfo]
    not_understood: NotUnderstood

    @model_validator(mode="after")
    def _complete(self) -> LevelsFile:
        ids = [lv.id for lv in self.levels]
        if sorted(ids) != sorted(LEVEL_IDS):
            raise ValueError(f"levels must be exactly {list(LEVEL_IDS)} once each, got {ids}")
        ranks = [lv.rank for lv in self.levels]
        if len(set(ranks)) != len(ranks):
            raise ValueError(f"level ranks must differ, got {ranks}")
        for lv in self.levels:
            if lv.clinic_booking and lv.red_flag:
                raise ValueError(f"{lv.id}: a red-flag level cannot offer a clinic's booking")
            if placeholders(lv.headline) - {"emergency"}:
                raise ValueError(f"{lv.id}: a headline may only use {{emergency}}")
            if placeholders(lv.short) - {"emergency"}:
                raise ValueError(f"{lv.id}: a short action may only use {{emergency}}")
        return self


class Emergency(_Strict):
    number: str = Field(pattern=r"^\d{3}$")
    label: str
    sources: list[str] = Field(min_length=1)


class OwnGp(_Strict):
    label: str
    hours: str
    sources: list[str] = Field(min_length=1)


class OutOfHours(_Strict):
    """The out-of-hours doctor ("lægevagten"); each region has its own number."""

    label: str = Field(min_length=1)  # in running text: "ring til lægevagten"
    button: str = Field(min_length=1)  # on a call button, with when it is open
    sources: list[str] = Field(min_length=1)


class Region(_Strict):
    id: RegionId
    name: str
    # Four digits (a short code) or four pairs ("12 34 56 78"): a typo fails here.
    number: str = Field(pattern=r"^(\d{4}|\d{2} \d{2} \d{2} \d{2})$")
    verified: dt.date
    source: str


CallKind = Literal["emergency", "out_of_hours", "own_gp"]


class Call(_Strict):
    """Whom a care card tells the person to call: a call button, or (`number` None) a
    name with its hours (the own GP, whose number we do not hold) or a region still to
    be chosen (out of hours)."""

    kind: CallKind
    label: str
    number: str | None = None
    region: RegionId | None = None
    note: str | None = None  # "hverdage kl. 8–16", the region's name

    @property
    def tel(self) -> str | None:
        """The number for a tel: link ("70110707"), or None."""
        return self.number.replace(" ", "") if self.number else None


class RegionsFile(_Strict):
    emergency: Emergency
    own_gp: OwnGp
    out_of_hours: OutOfHours
    regions: list[Region]

    @model_validator(mode="after")
    def _complete(self) -> RegionsFile:
        ids = [r.id for r in self.regions]
        if sorted(ids) != sorted(REGION_IDS):
            raise ValueError(f"regions must be exactly {list(REGION_IDS)} once each, got {ids}")
        return self
