"""The daily roll-up (table diary_day_totals): kept on every write, read by the patterns.

Every write to a day's entries or record recomputes that day from its rows in the same
transaction (`refresh`), so the roll-up cannot drift from the entries whatever the mix of
creates, edits, deletes and imports. On PostgreSQL a per-user advisory lock orders two
writes to the same user: the second recomputes after the first has committed."""

from __future__ import annotations

import sys
import typing
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, String, cast, delete, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import TableClause

from krampe.diary.days import DayTotals, day_totals, totals_version
from krampe.diary.models import DAY_TOTAL_COLUMNS, DayRecord, DayTotal, Entry
from krampe.diary.rows import entry_columns, json_tuple, rows_of_days, to_pattern_rows
from krampe.diary.timeutil import local_day

# The advisory lock's first key: the roll-up's own namespace (the second is the user id).
LOCK_CLASS = 18


def _lock_user(db: Session, user_id: int) -> None:
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SELECT pg_advisory_xact_lock(:c, :u)"), {"c": LOCK_CLASS, "u": user_id})


def _values(user_id: int, x: DayTotals, version: int) -> dict[str, Any]:
    return {"user_id": user_id, "day": x.day, "entries": x.entries, "night": x.night,
            "disturbed": x.disturbed, "exercise": x.exercise, "contexts": list(x.contexts),
            "durations": list(x.durations), "intensities": list(x.intensities),
            "last_started_at": x.last_started_at, "version": version}


def refresh(db: Session, user_id: int, days: Iterable[date]) -> None:
    """Recompute the user's totals of these local days from their entries and records
    (a day left with neither loses its row). Flushes; the caller commits."""
    wanted = sorted(set(days))
    if not wanted:
        return
    db.flush()
    _lock_user(db, user_id)
    rows, records = rows_of_days(db, user_id, wanted)
    totals = day_totals(rows, records)
    gone = [d for d in wanted if d not in totals]
    if gone:  # its last entry was deleted or moved away, and it has no record
        db.execute(delete(DayTotal).where(DayTotal.user_id == user_id, DayTotal.day.in_(gone)))
    if totals:
        version = totals_version()
        db.execute(_upsert(db), [_values(user_id, x, version) for x in totals.values()])


@lru_cache(maxsize=2)
def _upsert_for(dialect: str) -> Any:
    make = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = make(DayTotal)
    return stmt.on_conflict_do_update(
        index_elements=[DayTotal.user_id, DayTotal.day],
        set_={c: stmt.excluded[c] for c in DAY_TOTAL_COLUMNS})


def _upsert(db: Session) -> Any:
    """INSERT ... ON CONFLICT (user_id, day) DO UPDATE: one statement for a new or a
    changed day (PostgreSQL and SQLite spell it alike); built once, it compiles once."""
    return _upsert_for(db.get_bind().dialect.name)


def read(db: Session, user_id: int, first: date, now: datetime) -> dict[date, DayTotals]:
    """The user's totals from `first` up to `now`'s day, today's counting entries up to
    `now` only. Days stored with other thresholds or with entries after `now` are
    recomputed from their rows (rare: a threshold change, a clock a little ahead); those
    of other thresholds are also stored again (`_repair`), so only the first read after a
    threshold change pays for them."""
    today = local_day(now)
    version = totals_version()
    # Only a session with no transaction under way and nothing pending may be committed
    # here: then everything in the transaction is this read's own (a flushed change or a
    # bulk statement of the caller's would otherwise be committed with the repair).
    may_commit = not (db.in_transaction() or db.new or db.dirty or db.deleted)
    # Whether a row must be redone is decided in SQL: no timestamp is converted per row.
    query = select(DayTotal.day, DayTotal.entries, DayTotal.night, DayTotal.disturbed,
                   DayTotal.exercise, cast(DayTotal.contexts, String),
                   cast(DayTotal.durations, String), cast(DayTotal.intensities, String),
                   DayTotal.version != version, DayTotal.last_started_at > now,
                   ).where(DayTotal.user_id == user_id, DayTotal.day >= first,
                           DayTotal.day <= today)
    out: dict[date, DayTotals] = {}
    redo: list[date] = []
    stale: list[date] = []
    for r in db.execute(query):
        if r[8] or r[9]:
            redo.append(r[0])
            if r[8]:
                stale.append(r[0])
            continue
        out[r[0]] = DayTotals(r[0], r[1], r[2], r[3], r[4], json_tuple(r[5]), json_tuple(r[6]),
                              json_tuple(r[7]))
    if redo:
        rows, records = rows_of_days(db, user_id, redo)
        out.update(day_totals([r for r in rows if r.started_at <= now], records))
    if stale and may_commit:
        _repair(db, user_id, stale)
    return out


def _repair(db: Session, user_id: int, days: list[date]) -> None:
    """Store the days of other thresholds again (the caller checked that the transaction
    is the read's own: a read never commits a caller's changes); a failure (a read-only
    database, a lock) leaves them to the next read."""
    try:
        refresh(db, user_id, days)
        db.commit()
    except SQLAlchemyError:
        db.rollback()


def _user_batches(conn: Connection, size: int) -> Iterator[tuple[int, int]]:
    ids = [r[0] for r in conn.execute(text(
        "SELECT DISTINCT user_id FROM diary_entries UNION SELECT DISTINCT user_id "
        "FROM diary_days ORDER BY 1"))]
    for i in range(0, len(ids), size):
        yield ids[i], ids[min(i + size, len(ids)) - 1]


def backfill(conn: Connection, batch_users: int = 200, progress: bool = False,
             table: TableClause | None = None) -> int:
    """Build the whole roll-up from the entries and records (migration 0004, bulk loads);
    replaces what is there. Returns the number of day rows written. `table`: the roll-up
    table as a migration knows it (only its columns are written), so a column added later
    cannot break an old migration; rows of an older version are redone by the next read."""
    version = totals_version()
    target = table if table is not None else typing.cast(TableClause, DayTotal.__table__)
    names = set(target.c.keys())
    written = 0
    conn.execute(delete(target))
    for low, high in _user_batches(conn, batch_users):
        entries = conn.execute(select(Entry.user_id, *entry_columns()
                                      ).where(Entry.user_id.between(low, high)))
        by_user: dict[int, list[Any]] = {}
        for r in entries:
            by_user.setdefault(r[0], []).append(r[1:])
        records: dict[int, dict[date, tuple[str, ...]]] = {}
        for u, d, c in conn.execute(select(DayRecord.user_id, DayRecord.day,
                                           cast(DayRecord.contexts, String)
                                           ).where(DayRecord.user_id.between(low, high))):
            records.setdefault(u, {})[d] = tuple(str(v) for v in json_tuple(c))
        values = []
        for user_id in sorted(by_user.keys() | records.keys()):
            totals = day_totals(to_pattern_rows(by_user.get(user_id, [])),
                                records.get(user_id, {}))
            values += [{k: v for k, v in _values(user_id, x, version).items() if k in names}
                       for x in totals.values()]
        if values:
            conn.execute(insert(target), values)
        written += len(values)
        if progress:
            print(f"  roll-up: users up to {high}, {written:,} days", file=sys.stderr,
                  flush=True)
    return written
