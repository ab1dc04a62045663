from datetime import UTC, date, datetime, time

import pytest

from krampe.diary.timeutil import (
    LocalTimeError,
    aware_to_utc,
    day_start_utc,
    is_dst_fold,
    local_day,
    local_to_utc,
)


def test_winter_and_summer_offsets():
    assert local_to_utc(date(2026, 1, 15), time(3, 0)) == datetime(2026, 1, 15, 2, 0, tzinfo=UTC)
    assert local_to_utc(date(2026, 7, 15), time(3, 0)) == datetime(2026, 7, 15, 1, 0, tzinfo=UTC)


def test_spring_forward_gap_is_rejected_in_danish():
    # 29 March 2026: clocks jump from 02:00 to 03:00; 02:30 never happened.
    with pytest.raises(LocalTimeError) as exc:
        local_to_utc(date(2026, 3, 29), time(2, 30))
    assert "fandtes ikke" in exc.value.message and not exc.value.ambiguous
    # The minutes on either side exist and are one real minute... an hour apart on the wall.
    before = local_to_utc(date(2026, 3, 29), time(1, 59))
    after = local_to_utc(date(2026, 3, 29), time(3, 0))
    assert (after - before).total_seconds() == 60
    with pytest.raises(ValueError):
        aware_to_utc(datetime(2026, 3, 29, 2, 30))


def test_autumn_fold_needs_a_choice_and_both_choices_are_exact():
    # 25 October 2026: 02:00-03:00 happens twice (first +02:00, then +01:00).
    with pytest.raises(LocalTimeError) as exc:
        local_to_utc(date(2026, 10, 25), time(2, 30))
    assert exc.value.ambiguous and "to gange" in exc.value.message
    first = local_to_utc(date(2026, 10, 25), time(2, 30), fold=0)
    second = local_to_utc(date(2026, 10, 25), time(2, 30), fold=1)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert second == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert is_dst_fold(first) and is_dst_fold(second)
    assert not is_dst_fold(datetime(2026, 10, 25, 3, 30, tzinfo=UTC))
    # An explicit offset is exact, no question asked.
    assert aware_to_utc(datetime.fromisoformat("2026-10-25T02:30:00+01:00")) == second


def test_local_days_are_23_and_25_hours_long_at_dst():
    spring = day_start_utc(date(2026, 3, 30)) - day_start_utc(date(2026, 3, 29))
    autumn = day_start_utc(date(2026, 10, 26)) - day_start_utc(date(2026, 10, 25))
    assert spring.total_seconds() == 23 * 3600
    assert autumn.total_seconds() == 25 * 3600
    # 23:30 UTC on 31 Dec is already New Year in Copenhagen.
    assert local_day(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == date(2027, 1, 1)


def test_every_quarter_hour_of_a_year_round_trips_or_is_a_named_gap():
    """Brute force over 2026: each local wall time maps to UTC and back unchanged, except
    the four quarter-hours of the spring gap; the autumn fold gives two distinct instants."""
    from datetime import timedelta

    from krampe.diary.timeutil import to_local

    gaps, folds = [], []
    day = date(2026, 1, 1)
    while day.year == 2026:
        for minutes in range(0, 24 * 60, 15):
            clock = time(minutes // 60, minutes % 60)
            try:
                utc = local_to_utc(day, clock)
            except LocalTimeError as exc:
                if exc.ambiguous:
                    a, b = (local_to_utc(day, clock, f) for f in (0, 1))
                    assert (b - a) == timedelta(hours=1)
                    folds.append((day, clock))
                else:
                    gaps.append((day, clock))
                continue
            local = to_local(utc)
            assert (local.date(), local.time()) == (day, clock)
        day += timedelta(days=1)
    assert gaps == [(date(2026, 3, 29), time(2, m)) for m in (0, 15, 30, 45)]
    assert folds == [(date(2026, 10, 25), time(2, m)) for m in (0, 15, 30, 45)]
