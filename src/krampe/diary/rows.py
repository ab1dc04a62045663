"""The columns of entries the pattern analysis and the daily roll-up read, as light
tuples (no ORM objects), with their local day and hour worked out once."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    String,
    and_,
    cast,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from krampe.diary.models import DayRecord, Entry
from krampe.diary.timeutil import day_start_utc, to_local


@dataclass(frozen=True, slots=True)
class PatternRow:
    started_at: datetime
    duration_seconds: int
    intensity: int
    situation: str
    disturbed_sleep: bool
    disturbed_work: bool
    contexts: tuple[str, ...]
    # Local (Copenhagen) day and hour, converted once: the analysis needs them many times.
    day: date = field(init=False)
    hour: int = field(init=False)

    def __post_init__(self) -> None:
        local = to_local(self.started_at)
        object.__setattr__(self, "day", local.date())
        object.__setattr__(self, "hour", local.hour)


@lru_cache(maxsize=4096)
def json_tuple(raw: str | None) -> tuple[Any, ...]:
    """A JSON list stored as text, parsed once per distinct value: a diary has few
    combinations, and decoding JSON per row was most of the pattern query's time."""
    if not raw:
        return ()
    value = json.loads(raw)
    return tuple(value) if isinstance(value, list) else ()


def _contexts(raw: str | None) -> tuple[str, ...]:
    return tuple(str(v) for v in json_tuple(raw))


def entry_columns() -> tuple[Any, ...]:
    """The columns of an entry that patterns read, in PatternRow's order (one list for
    every query that feeds `to_pattern_rows`)."""
    return (Entry.started_at, Entry.duration_seconds, Entry.intensity, Entry.situation,
            Entry.disturbed_sleep, Entry.disturbed_work, cast(Entry.contexts, String))


def _row_query() -> Select[Any]:
    return select(*entry_columns())


def to_pattern_rows(result: Iterable[Any]) -> list[PatternRow]:
    return [PatternRow(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]), _contexts(r[6]))
            for r in result]


def pattern_rows(db: Session, user_id: int, since: datetime | None = None
                 ) -> tuple[list[PatternRow], dict[date, tuple[str, ...]]]:
    """A user's entries from `since` on, and day records from its date on."""
    query = _row_query().where(Entry.user_id == user_id)
    if since is not None:
        query = query.where(Entry.started_at >= since)
    rows = to_pattern_rows(db.execute(query.order_by(Entry.started_at)))
    day_query = select(DayRecord.day, DayRecord.contexts).where(DayRecord.user_id == user_id)
    if since is not None:
        day_query = day_query.where(DayRecord.day >= since.date())
    days = {r[0]: tuple(r[1] or ()) for r in db.execute(day_query)}
    return rows, days


def rows_of_days(db: Session, user_id: int, days: Iterable[date]
                 ) -> tuple[list[PatternRow], dict[date, tuple[str, ...]]]:
    """A user's entries and day records on the given local days only (one round trip:
    every diary write runs this)."""
    wanted = sorted(set(days))
    if not wanted:
        return [], {}
    spans: list[ColumnElement[bool]] = [
        and_(Entry.started_at >= day_start_utc(d),
             Entry.started_at < day_start_utc(d + timedelta(days=1)))
        for d in wanted
    ]
    entries = select(*entry_columns(), cast(null(), Date).label("day"),
                     ).where(Entry.user_id == user_id, or_(*spans))
    records = select(
        null(), null(), null(), null(), null(), null(), cast(DayRecord.contexts, String),
        DayRecord.day,
    ).where(DayRecord.user_id == user_id, DayRecord.day.in_(wanted))
    rows: list[PatternRow] = []
    days_out: dict[date, tuple[str, ...]] = {}
    result: Any = db.execute(union_all(entries, records))
    for r in result:
        if r[7] is None:
            rows.append(PatternRow(r[0], r[1], r[2], r[3], bool(r[4]), bool(r[5]),
                                   _contexts(r[6])))
        else:
            days_out[r[7]] = _contexts(r[6])
    return rows, days_out
