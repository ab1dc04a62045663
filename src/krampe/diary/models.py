"""Diary tables: cramp entries and per-day context records, always owned by one user."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from krampe.db.base import Base, UTCDateTime, utcnow

NOTE_MAX_CHARS = 1000
# The roll-up's columns after its key (user_id, day), in the order the read selects them.
DAY_TOTAL_COLUMNS = ["entries", "night", "disturbed", "exercise", "contexts", "durations",
                     "intensities", "last_started_at", "version"]


class Entry(Base):
    __tablename__ = "diary_entries"
    __table_args__ = (
        # Covering on PostgreSQL: the pattern query is an index-only scan (migration 0002).
        Index("ix_diary_entries_user_started", "user_id", "started_at",
              postgresql_include=["duration_seconds", "intensity", "situation",
                                  "disturbed_sleep", "disturbed_work", "contexts"]),
        CheckConstraint("intensity BETWEEN 0 AND 10", name="intensity_range"),
        CheckConstraint("duration_seconds > 0", name="duration_positive"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # UTC; shown and entered in Europe/Copenhagen.
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    duration_seconds: Mapped[int] = mapped_column(Integer)
    intensity: Mapped[int] = mapped_column(SmallInteger)
    leg: Mapped[str] = mapped_column(String(8))
    situation: Mapped[str] = mapped_column(String(16))
    disturbed_sleep: Mapped[bool] = mapped_column(Boolean, default=False)
    disturbed_work: Mapped[bool] = mapped_column(Boolean, default=False)
    # Context ids of that day (labels in data/labels.yaml).
    contexts: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class DayRecord(Base):
    """The context of a day, also for days without cramps.

    Comparing cramp rates on days with and without (say) coffee needs the days
    without cramps too; days with neither an entry nor a record count as unknown.
    """

    __tablename__ = "diary_days"
    __table_args__ = (UniqueConstraint("user_id", "day", name="uq_diary_days_user_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    contexts: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class IdempotencyKey(Base):
    """The first result of a diary write sent with a client-generated key.

    A retry with the same key (the browser or app did not see the answer: a crash, a lost
    connection) gets this result back instead of writing again. The row is written in the
    same transaction as the write it describes, so either both exist or neither does.
    """

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_idempotency_keys_user_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    # SHA-256 of what was asked (method, route, input): the same key for another request
    # is refused rather than answered with the wrong result.
    fingerprint: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class DayTotal(Base):
    """The daily roll-up: one user's local day in numbers (diary.days.DayTotals), kept up
    to date in the transaction of every write to that day's entries or record.

    The pattern query reads about one narrow row per day of the year instead of every
    entry. `version` is the fingerprint of the thresholds the night and exercise counts
    were made with; a row of another version is recomputed from its entries when read.
    """

    __tablename__ = "diary_day_totals"
    __table_args__ = (
        # Covering on PostgreSQL: a year of one user is an index-only scan (migration 0004).
        PrimaryKeyConstraint("user_id", "day", name="pk_diary_day_totals",
                             postgresql_include=DAY_TOTAL_COLUMNS),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    entries: Mapped[int] = mapped_column(Integer)
    night: Mapped[int] = mapped_column(Integer)
    disturbed: Mapped[int] = mapped_column(Integer)
    exercise: Mapped[int] = mapped_column(Integer)
    contexts: Mapped[list[str]] = mapped_column(JSON)
    durations: Mapped[list[int]] = mapped_column(JSON)
    intensities: Mapped[list[int]] = mapped_column(JSON)
    last_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    version: Mapped[int] = mapped_column(Integer)
