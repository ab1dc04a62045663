"""Pattern analysis and the diary's triage findings, with 'now' fixed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from krampe.diary.findings import diary_findings
from krampe.diary.patterns import analyse, rate_ratio, weekly_counts
from krampe.diary.rows import PatternRow
from krampe.diary.thresholds import thresholds
from krampe.diary.timeutil import local_to_utc

NOW = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)  # Wednesday, noon in Copenhagen
TODAY = date(2026, 5, 20)


def row(day: date, hour: int = 3, *, situation: str = "resting", sleep: bool = False,
        work: bool = False, contexts: tuple[str, ...] = (), seconds: int = 60,
        intensity: int = 5) -> PatternRow:
    return PatternRow(local_to_utc(day, time(hour, 0), 0), seconds, intensity, situation,
                      sleep, work, contexts)


def ids(findings) -> set[str]:
    return {f.id for f in findings}


def test_thresholds_file_validates():
    t = thresholds()
    assert t.frequent_disturbing.cramp_days.min_days == 5
    assert t.recurrent_unexplained.weeks == 4


def test_frequent_on_five_of_seven_days_but_not_four():
    five = [row(TODAY - timedelta(days=d)) for d in (0, 1, 3, 4, 6)]
    assert "frequent_disturbing" in ids(diary_findings(five, {}, NOW))
    four = [row(TODAY - timedelta(days=d)) for d in (0, 1, 3, 4)]
    # Two cramps on one day do not make two days; day 7 is outside the window.
    four += [row(TODAY, 5), row(TODAY - timedelta(days=7))]
    assert "frequent_disturbing" not in ids(diary_findings(four, {}, NOW))


def test_frequent_when_three_entries_in_14_days_disturbed_sleep_or_work():
    rows = [row(TODAY - timedelta(days=2), sleep=True), row(TODAY - timedelta(days=9), work=True),
            row(TODAY - timedelta(days=13), sleep=True)]
    found = diary_findings(rows, {}, NOW)
    assert ids(found) == {"frequent_disturbing"}
    assert "forstyrrede" in found[0].reason
    rows[-1] = row(TODAY - timedelta(days=14), sleep=True)  # outside the 14 days
    assert "frequent_disturbing" not in ids(diary_findings(rows, {}, NOW))


def test_future_entries_do_not_count():
    rows = [row(TODAY + timedelta(days=d)) for d in range(1, 8)]
    assert diary_findings(rows, {}, NOW) == []


def _weekly(per_week: int, situation: str = "resting", contexts=()) -> list[PatternRow]:
    rows = []
    for w in range(4):
        for k in range(per_week):
            rows.append(row(TODAY - timedelta(days=7 * w + 2 * k), situation=situation,
                            contexts=contexts))
    return rows


def test_recurrent_unexplained_needs_four_weeks_mostly_not_after_exercise():
    assert "recurrent_unexplained" in ids(diary_findings(_weekly(2), {}, NOW))
    assert "recurrent_unexplained" not in ids(
        diary_findings(_weekly(2, situation="exercising"), {}, NOW))
    assert "recurrent_unexplained" not in ids(
        diary_findings(_weekly(2, contexts=("trained",)), {}, NOW))
    three_weeks = [r for r in _weekly(2) if r.started_at > NOW - timedelta(days=21)]
    assert "recurrent_unexplained" not in ids(diary_findings(three_weeks, {}, NOW))
    one_a_week = _weekly(1)
    assert "recurrent_unexplained" not in ids(diary_findings(one_a_week, {}, NOW))


def test_self_care_failed_needs_two_weeks_of_programme_and_cramps():
    rows = [row(TODAY - timedelta(days=1)), row(TODAY - timedelta(days=10))]
    days = {TODAY - timedelta(days=13): ("followed_programme",),
            TODAY - timedelta(days=3): ("followed_programme",)}
    found = diary_findings(rows, days, NOW)
    assert "self_care_failed" in ids(found)
    # Programme started only 10 days ago: too early to say it failed.
    late = {TODAY - timedelta(days=10): ("followed_programme",),
            TODAY - timedelta(days=3): ("followed_programme",)}
    assert "self_care_failed" not in ids(diary_findings(rows, late, NOW))
    # No cramps in the latest week: the programme may be working.
    assert "self_care_failed" not in ids(diary_findings(rows[1:], days, NOW))
    # The programme mark can also come with the entries themselves.
    marked = [row(TODAY - timedelta(days=1), contexts=("followed_programme",)),
              row(TODAY - timedelta(days=13), contexts=("followed_programme",))]
    assert "self_care_failed" in ids(diary_findings(marked, {}, NOW))


def test_night_share_duration_and_intensity_spread():
    rows = [
        row(TODAY - timedelta(days=1), 23), row(TODAY - timedelta(days=2), 6),
        row(TODAY - timedelta(days=3), 14, situation="asleep"),  # a nap counts as night
        row(TODAY - timedelta(days=4), 14, seconds=300, intensity=9),
        row(TODAY, 23),  # later today: after "now", so not counted
    ]
    p = analyse(rows, {}, NOW)
    assert p.night_count == 3 and p.night_share == pytest.approx(0.75)
    assert p.duration_seconds.median == 60 and p.duration_seconds.q3 == pytest.approx(120)
    assert p.intensity.n == 4 and p.intensity.median == 5


def test_weekly_counts_are_local_monday_weeks_including_empty_weeks():
    # Sunday 23:30 local is still the old week even though it is Sunday 21:30 UTC.
    sunday = row(date(2026, 5, 17), 23)
    monday = row(date(2026, 5, 18), 0)
    weeks = weekly_counts({sunday.day: 1, monday.day: 1}, TODAY, weeks=3)
    assert [w.week_start for w in weeks] == [date(2026, 5, 4), date(2026, 5, 11),
                                             date(2026, 5, 18)]
    assert [w.count for w in weeks] == [0, 1, 1]
    assert weeks[-1].label == "uge 21"


def test_rate_ratio_interval():
    ratio, low, high = rate_ratio(40, 20, 20, 20)
    assert ratio == pytest.approx(2.0)
    assert low < 2.0 < high and low > 1  # 40 vs 20 events is a real difference
    ratio, low, high = rate_ratio(0, 14, 10, 14)
    assert ratio < 0.2 and high < 1 and low > 0


def _history(days_with: int, days_without: int, per_with: int, per_without: int):
    rows, days = [], {}
    for i in range(days_with + days_without):
        day = TODAY - timedelta(days=i)
        coffee = i < days_with
        days[day] = ("coffee",) if coffee else ()
        for k in range(per_with if coffee else per_without):
            rows.append(row(day, 1 + k))
    return rows, days


def test_context_comparison_only_with_enough_days_and_says_it_plainly():
    rows, days = _history(13, 30, 2, 0)
    coffee = next(c for c in analyse(rows, days, NOW).contexts if c.context == "coffee")
    assert not coffee.shown and coffee.ratio is None and "for få dage" in coffee.text

    rows, days = _history(20, 20, 2, 0)
    coffee = next(c for c in analyse(rows, days, NOW).contexts if c.context == "coffee")
    assert coffee.shown and coffee.days_with == 20 and coffee.days_without == 20
    assert coffee.cramps_with == 40 and coffee.ratio_low > 1
    assert "næppe tilfældig" in coffee.text and "sammenhæng er ikke årsag" in coffee.text

    rows, days = _history(15, 15, 1, 1)
    coffee = next(c for c in analyse(rows, days, NOW).contexts if c.context == "coffee")
    assert coffee.shown and coffee.ratio == pytest.approx(1.0)
    assert "kan sagtens være tilfældig" in coffee.text


def test_days_without_a_record_are_unknown_not_cramp_free():
    rows = [row(TODAY - timedelta(days=i), contexts=("coffee",)) for i in range(20)]
    coffee = next(c for c in analyse(rows, {}, NOW).contexts if c.context == "coffee")
    assert coffee.days_with == 20 and coffee.days_without == 0 and not coffee.shown
