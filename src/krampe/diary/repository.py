"""Diary storage. Every function takes the owner's user id and every query filters on it:
another person's entry is indistinguishable from one that does not exist (404)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from krampe.db.base import utcnow
from krampe.diary import rollup
from krampe.diary.models import DayRecord, Entry, IdempotencyKey
from krampe.diary.schemas import EntryIn
from krampe.diary.timeutil import local_day
from krampe.errors import InputError, KrampeError


class EntryNotFound(KrampeError):
    code = "not_found"
    status = 404

    def __init__(self) -> None:
        super().__init__("Registreringen findes ikke.")


# An entry may be a little ahead of the server clock (phone clocks drift), not days.
MAX_AHEAD = timedelta(hours=12)


def _check_not_future(started_at: datetime | None, now: datetime) -> None:
    if started_at is not None and started_at > now + MAX_AHEAD:
        raise InputError("Tidspunktet ligger i fremtiden. Registrér krampen, når den er sket.",
                         code="future_time")


def _done(db: Session, commit: bool) -> None:
    """Commit, or only flush when the caller commits (an idempotent write with its key)."""
    if commit:
        db.commit()
    else:
        db.flush()


def create_entry(db: Session, user_id: int, data: EntryIn, now: datetime | None = None,
                 *, commit: bool = True) -> Entry:
    now = now or utcnow()
    _check_not_future(data.started_at, now)
    entry = Entry(
        user_id=user_id, started_at=data.started_at or now, **_fields(data),
        created_at=now, updated_at=now,
    )
    db.add(entry)
    rollup.refresh(db, user_id, [local_day(entry.started_at)])
    _done(db, commit)
    return entry


def _fields(data: EntryIn) -> dict:
    return data.model_dump(exclude={"started_at"})


def get_entry(db: Session, user_id: int, entry_id: int) -> Entry:
    entry = db.scalar(select(Entry).where(Entry.id == entry_id, Entry.user_id == user_id))
    if entry is None:
        raise EntryNotFound()
    return entry


def list_entries(db: Session, user_id: int, *, since: datetime | None = None,
                 until: datetime | None = None, limit: int | None = None,
                 newest_first: bool = True) -> Sequence[Entry]:
    query = select(Entry).where(Entry.user_id == user_id)
    if since is not None:
        query = query.where(Entry.started_at >= since)
    if until is not None:
        query = query.where(Entry.started_at < until)
    order = Entry.started_at.desc() if newest_first else Entry.started_at.asc()
    query = query.order_by(order, Entry.id.desc() if newest_first else Entry.id.asc())
    if limit is not None:
        query = query.limit(limit)
    return db.scalars(query).all()


def update_entry(db: Session, user_id: int, entry_id: int, data: EntryIn,
                 now: datetime | None = None, *, commit: bool = True) -> Entry:
    entry = get_entry(db, user_id, entry_id)
    _check_not_future(data.started_at, now or utcnow())
    days = {local_day(entry.started_at)}
    if data.started_at is not None:
        entry.started_at = data.started_at
    for key, value in _fields(data).items():
        setattr(entry, key, value)
    entry.updated_at = now or utcnow()
    rollup.refresh(db, user_id, days | {local_day(entry.started_at)})
    _done(db, commit)
    return entry


def delete_entry(db: Session, user_id: int, entry_id: int, *, commit: bool = True) -> None:
    # A DELETE gives a CursorResult (with rowcount); Session.execute is typed as plain Result.
    started = db.scalar(delete(Entry).where(Entry.id == entry_id, Entry.user_id == user_id)
                        .returning(Entry.started_at))
    if started is None:
        db.rollback()
        raise EntryNotFound()
    rollup.refresh(db, user_id, [local_day(started)])
    # A stored answer of an idempotent write holds the entry's note: it goes too.
    db.execute(delete(IdempotencyKey).where(IdempotencyKey.user_id == user_id,
                                            IdempotencyKey.body.startswith(f'{{"id":{entry_id},')))
    _done(db, commit)


def set_day(db: Session, user_id: int, day: date, contexts: list[str],
            now: datetime | None = None, *, commit: bool = True) -> DayRecord:
    record = db.scalar(select(DayRecord).where(DayRecord.user_id == user_id,
                                               DayRecord.day == day))
    if record is None:
        record = DayRecord(user_id=user_id, day=day, contexts=contexts,
                           updated_at=now or utcnow())
        db.add(record)
    else:
        record.contexts = contexts
        record.updated_at = now or utcnow()
    rollup.refresh(db, user_id, [day])
    _done(db, commit)
    return record


def list_days(db: Session, user_id: int, since: date | None = None) -> Sequence[DayRecord]:
    query = select(DayRecord).where(DayRecord.user_id == user_id)
    if since is not None:
        query = query.where(DayRecord.day >= since)
    return db.scalars(query.order_by(DayRecord.day)).all()
