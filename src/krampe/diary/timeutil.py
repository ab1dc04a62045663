"""Local time (Europe/Copenhagen) at the edges, UTC in storage; DST gaps and folds handled."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Europe/Copenhagen")
# A diary is about the present; the bounds also keep date arithmetic far from overflow.
MIN_YEAR, MAX_YEAR = 1970, 2200


class LocalTimeError(ValueError):
    """A local time that does not exist, or exists twice and needs a choice."""

    def __init__(self, message: str, *, ambiguous: bool = False):
        super().__init__(message)
        self.message = message
        self.ambiguous = ambiguous


def local_to_utc(day: date, clock: time, fold: int | None = None) -> datetime:
    """Local wall time -> aware UTC.

    Spring forward (last Sunday of March, 02:00-03:00 never happens): an error.
    Autumn fold (last Sunday of October, 02:00-03:00 happens twice): `fold` 0 means the
    first time (summer time, +02:00), 1 the second (+01:00); None is an error asking
    which one.
    """
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise LocalTimeError(f"Datoen skal ligge mellem år {MIN_YEAR} og {MAX_YEAR}.")
    naive = datetime.combine(day, clock.replace(tzinfo=None))
    first = naive.replace(tzinfo=TZ, fold=0)
    second = naive.replace(tzinfo=TZ, fold=1)
    if first.utcoffset() != second.utcoffset():
        back = first.astimezone(UTC).astimezone(TZ).replace(tzinfo=None)
        if back != naive:
            raise LocalTimeError(
                f"Klokken {clock:%H:%M} fandtes ikke den {day.day}/{day.month} "
                "(uret blev stillet frem til sommertid). Vælg et andet tidspunkt."
            )
        if fold is None:
            raise LocalTimeError(
                f"Klokken {clock:%H:%M} fandtes to gange den {day.day}/{day.month} "
                "(uret blev stillet tilbage). Vælg om det var første gang (sommertid) "
                "eller anden gang (vintertid).",
                ambiguous=True,
            )
        return (second if fold else first).astimezone(UTC)
    return first.astimezone(UTC)


def aware_to_utc(value: datetime) -> datetime:
    """An API datetime: with an offset it is exact; without one it is Copenhagen time."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        if not MIN_YEAR <= value.year <= MAX_YEAR:
            raise LocalTimeError(f"Datoen skal ligge mellem år {MIN_YEAR} og {MAX_YEAR}.")
        return value.astimezone(UTC)
    return local_to_utc(value.date(), value.time(), None)


def to_local(value: datetime) -> datetime:
    return value.astimezone(TZ)


def local_day(value: datetime) -> date:
    return value.astimezone(TZ).date()


def is_dst_fold(value: datetime) -> bool:
    """True when this instant's local wall time happened twice (show the offset then)."""
    local = value.astimezone(TZ)
    other = local.replace(fold=1 - local.fold)
    return other.utcoffset() != local.utcoffset() and (
        other.astimezone(UTC).astimezone(TZ).replace(tzinfo=None)
        == local.replace(tzinfo=None)
    )


def day_start_utc(day: date) -> datetime:
    """Midnight at the start of a local day, in UTC (days are 23 or 25 hours at DST)."""
    return datetime.combine(day, time(0), tzinfo=TZ).astimezone(UTC)


def days_back(today: date, n: int) -> list[date]:
    """The last n local days ending today, oldest first."""
    return [today - timedelta(days=i) for i in range(n - 1, -1, -1)]
