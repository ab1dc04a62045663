"""A diary day in numbers: what the patterns and findings need of one local day.

One function turns entries and day records into these totals, both for the daily
roll-up kept in the database (diary.rollup) and for rows analysed in memory, so the
two cannot drift apart."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from krampe.diary.rows import PatternRow
from krampe.diary.thresholds import Thresholds, is_night, thresholds


@dataclass(frozen=True, slots=True)
class DayTotals:
    """One local (Copenhagen) day that has entries or a day record."""

    day: date
    entries: int = 0
    night: int = 0
    # Entries that disturbed sleep or work.
    disturbed: int = 0
    # Entries during or after exercise (situation or the entry's own contexts).
    exercise: int = 0
    # The day record's contexts and every entry's, sorted.
    contexts: tuple[str, ...] = ()
    durations: tuple[int, ...] = ()  # sorted
    intensities: tuple[int, ...] = ()  # sorted
    # The day's latest entry: a day whose entries all lie before 'now' is used whole.
    last_started_at: datetime | None = None


def day_totals(rows: Iterable[PatternRow], records: Mapping[date, Iterable[str]],
               t: Thresholds | None = None) -> dict[date, DayTotals]:
    """Totals for every day with an entry or a record."""
    t = t or thresholds()
    ex_situations = set(t.recurrent_unexplained.exercise_situations)
    ex_contexts = set(t.recurrent_unexplained.exercise_contexts)
    by_day: dict[date, list[PatternRow]] = {}
    for row in rows:
        by_day.setdefault(row.day, []).append(row)
    out = {}
    for day in by_day.keys() | records.keys():
        group = by_day.get(day, [])
        contexts = set(records.get(day, ()))
        for r in group:
            contexts.update(r.contexts)
        out[day] = DayTotals(
            day=day,
            entries=len(group),
            night=sum(1 for r in group if is_night(r, t)),
            disturbed=sum(1 for r in group if r.disturbed_sleep or r.disturbed_work),
            exercise=sum(1 for r in group if r.situation in ex_situations
                         or not ex_contexts.isdisjoint(r.contexts)),
            contexts=tuple(sorted(contexts)),
            durations=tuple(sorted(r.duration_seconds for r in group)),
            intensities=tuple(sorted(r.intensity for r in group)),
            last_started_at=max((r.started_at for r in group), default=None),
        )
    return out


@lru_cache(maxsize=1)
def totals_version() -> int:
    """A fingerprint of the thresholds the totals depend on (night, exercise): stored
    totals of another version are recomputed from their entries, not trusted."""
    t = thresholds()
    basis = json.dumps([t.night.model_dump(), t.recurrent_unexplained.exercise_situations,
                        t.recurrent_unexplained.exercise_contexts], sort_keys=True)
    return zlib.crc32(basis.encode()) & 0x7FFFFFFF
