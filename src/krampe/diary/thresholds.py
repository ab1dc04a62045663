"""Diary -> triage findings, with the thresholds kept in data/thresholds.yaml."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

import yaml
from pydantic import BaseModel, ConfigDict, Field

from krampe.diary.labels import DATA, labels
from krampe.diary.repository import PatternRow
from krampe.diary.timeutil import days_back, local_day


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


def day_contexts(rows: Iterable[PatternRow], days: dict[date, tuple[str, ...]]
                 ) -> dict[date, set[str]]:
    """Every recorded day with the union of its day record and its entries' contexts."""
    out: dict[date, set[str]] = {d: set(c) for d, c in days.items()}
    for row in rows:
        bucket = out.setdefault(row.day, set())
        if row.contexts:
            bucket.update(row.contexts)
    return out


def diary_findings(rows: list[PatternRow], days: dict[date, tuple[str, ...]], now: datetime,
                   t: Thresholds | None = None) -> list[DiaryFinding]:
    t = t or thresholds()
    today = local_day(now)
    past = [r for r in rows if r.started_at <= now]
    by_day: dict[date, list[PatternRow]] = {}
    for row in past:
        by_day.setdefault(row.day, []).append(row)
    found: list[DiaryFinding] = []

    fd = t.frequent_disturbing
    cramp_days = sum(1 for d in days_back(today, fd.cramp_days.days) if d in by_day)
    disturbing = sum(
        1 for d in days_back(today, fd.disturbing_entries.days)
        for r in by_day.get(d, ()) if r.disturbed_sleep or r.disturbed_work
    )
    reasons = []
    if cramp_days >= fd.cramp_days.min_days:
        reasons.append(f"Du har haft krampe {cramp_days} af de sidste {fd.cramp_days.days} dage.")
    if disturbing >= fd.disturbing_entries.min_entries:
        reasons.append(f"{disturbing} kramper de sidste {fd.disturbing_entries.days} dage "
                       "forstyrrede din søvn eller dit arbejde.")
    if reasons:
        found.append(DiaryFinding(id="frequent_disturbing", reason=" ".join(reasons)))

    ru = t.recurrent_unexplained
    windows = [_window(by_day, today - timedelta(days=7 * w)) for w in range(ru.weeks)]
    if all(len(w) >= ru.min_per_week for w in windows):
        entries = [r for w in windows for r in w]
        after_exercise = sum(
            1 for r in entries
            if r.situation in ru.exercise_situations
            or any(c in ru.exercise_contexts for c in r.contexts)
        )
        if after_exercise / len(entries) < ru.max_exercise_share:
            found.append(DiaryFinding(id="recurrent_unexplained", reason=(
                f"Du har haft mindst {ru.min_per_week} kramper om ugen i {ru.weeks} uger i "
                f"træk, og de fleste ({len(entries) - after_exercise} af {len(entries)}) "
                "kom ikke i forbindelse med træning.")))

    sc = t.self_care_failed
    # A programme mark in the last two months is history enough for "started >= 2 weeks ago".
    since = today - timedelta(days=7 * sc.weeks + 60)
    contexts = day_contexts([r for r in past if r.day >= since],
                            {d: c for d, c in days.items() if since <= d <= today})
    programme_days = sorted(d for d, c in contexts.items() if sc.programme_context in c)
    if programme_days and programme_days[0] <= today - timedelta(days=7 * sc.weeks - 1):
        ok = True
        for w in range(sc.weeks):
            end = today - timedelta(days=7 * w)
            span = set(days_back(end, 7))
            ok &= any(d in by_day for d in span) and any(d in span for d in programme_days)
        if ok:
            found.append(DiaryFinding(id="self_care_failed", reason=(
                f"Kramperne er blevet ved i {sc.weeks} uger, selv om du har lavet "
                "udstrækningsprogrammet.")))
    return found


def _window(by_day: dict[date, list[PatternRow]], end: date) -> list[PatternRow]:
    return [r for d in days_back(end, 7) for r in by_day.get(d, ())]


def is_night(row: PatternRow, t: Thresholds | None = None) -> bool:
    n = (t or thresholds()).night
    if row.situation in n.situations:
        return True
    hour = row.hour
    if n.start_hour > n.end_hour:
        return hour >= n.start_hour or hour < n.end_hour
    return n.start_hour <= hour < n.end_hour
