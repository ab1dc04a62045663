"""The diary's thresholds (data/thresholds.yaml): findings, night, context comparison."""

from __future__ import annotations

from functools import lru_cache

import yaml
from pydantic import BaseModel, ConfigDict, Field

from krampe.diary.labels import DATA, labels
from krampe.diary.rows import PatternRow


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CrampDays(_Strict):
    days: int = Field(ge=1)
    min_days: int = Field(ge=1)


class DisturbingEntries(_Strict):
    days: int = Field(ge=1)
    min_entries: int = Field(ge=1)


class FrequentDisturbing(_Strict):
    cramp_days: CrampDays
    disturbing_entries: DisturbingEntries


class RecurrentUnexplained(_Strict):
    weeks: int = Field(ge=1)
    min_per_week: int = Field(ge=1)
    max_exercise_share: float = Field(gt=0, le=1)
    exercise_situations: list[str]
    exercise_contexts: list[str]


class SelfCareFailed(_Strict):
    weeks: int = Field(ge=1)
    programme_context: str


class Night(_Strict):
    start_hour: int = Field(ge=0, le=23)
    end_hour: int = Field(ge=0, le=23)
    situations: list[str]


class ContextComparison(_Strict):
    min_days_with: int = Field(ge=1)
    min_days_without: int = Field(ge=1)


class Thresholds(_Strict):
    frequent_disturbing: FrequentDisturbing
    recurrent_unexplained: RecurrentUnexplained
    self_care_failed: SelfCareFailed
    night: Night
    context_comparison: ContextComparison


@lru_cache(maxsize=1)
def thresholds() -> Thresholds:
    t = Thresholds.model_validate(yaml.safe_load((DATA / "thresholds.yaml").read_text("utf-8")))
    lab = labels()
    ctx = [*t.recurrent_unexplained.exercise_contexts, t.self_care_failed.programme_context]
    sit = [*t.recurrent_unexplained.exercise_situations, *t.night.situations]
    bad = [c for c in ctx if c not in lab.contexts] + [s for s in sit if s not in lab.situations]
    if bad:
        raise ValueError(f"thresholds.yaml names unknown ids: {bad}")
    return t


class DiaryFinding(BaseModel):
    id: str = Field(description="Triage-fund (se triage-politikken)")
    reason: str = Field(description="Hvorfor, på dansk")


def is_night(row: PatternRow, t: Thresholds | None = None) -> bool:
    n = (t or thresholds()).night
    if row.situation in n.situations:
        return True
    hour = row.hour
    if n.start_hour > n.end_hour:
        return hour >= n.start_hour or hour < n.end_hour
    return n.start_hour <= hour < n.end_hour
