"""What a person's diary shows: cramps per week, night share, typical duration and
intensity, which context goes with more cramps, and the triage findings it raises.

Pure functions of the rows and an injected `now`; no clock, no database."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import partial

import numpy as np
from pydantic import BaseModel, Field

from krampe.diary.days import DayTotals, day_totals
from krampe.diary.findings import findings_of_days
from krampe.diary.labels import labels
from krampe.diary.rows import PatternRow
from krampe.diary.thresholds import DiaryFinding, Thresholds, thresholds
from krampe.diary.timeutil import local_day
from krampe.plural import count

CHART_WEEKS = 12
# Patterns look at the last year; older entries stay in the diary and the export.
WINDOW_DAYS = 365
Z95 = 1.96


class WeekCount(BaseModel):
    week_start: date = Field(description="Mandag (dansk tid)")
    label: str
    count: int


class Spread(BaseModel):
    n: int
    median: float | None
    q1: float | None = Field(description="Nedre kvartil")
    q3: float | None = Field(description="Øvre kvartil")


class ContextComparison(BaseModel):
    context: str
    label: str
    days_with: int
    days_without: int
    cramps_with: int
    cramps_without: int
    shown: bool = Field(description="Nok data til at vise en sammenligning")
    rate_with: float | None = None
    rate_without: float | None = None
    ratio: float | None = None
    ratio_low: float | None = None
    ratio_high: float | None = None
    text: str


class Patterns(BaseModel):
    now: datetime
    entries_in_window: int
    weeks: list[WeekCount]
    night_count: int
    night_share: float | None
    duration_seconds: Spread
    intensity: Spread
    contexts: list[ContextComparison]
    findings: list[DiaryFinding]


def _spread(values: list[float]) -> Spread:
    if not values:
        return Spread(n=0, median=None, q1=None, q3=None)
    q1, med, q3 = np.percentile(np.asarray(values, dtype=float), [25, 50, 75])
    return Spread(n=len(values), median=float(med), q1=float(q1), q3=float(q3))


def _num(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def rate_ratio(a: int, days_a: int, b: int, days_b: int) -> tuple[float, float, float]:
    """Poisson rate ratio of a/days_a over b/days_b with a 95 % interval (log method).

    With a zero count, 0.5 is added to both counts so the interval stays finite.
    """
    x, y = (a + 0.5, b + 0.5) if a == 0 or b == 0 else (float(a), float(b))
    ratio = (x / days_a) / (y / days_b)
    se = math.sqrt(1 / x + 1 / y)
    return ratio, ratio * math.exp(-Z95 * se), ratio * math.exp(Z95 * se)


def compare_contexts(per_day: Mapping[date, tuple[int, Iterable[str]]], t: Thresholds
                     ) -> list[ContextComparison]:
    """Every context of labels.yaml compared, in one pass over the recorded days."""
    days_with: dict[str, int] = {}
    cramps_with: dict[str, int] = {}
    for n, contexts in per_day.values():
        for c in contexts:
            days_with[c] = days_with.get(c, 0) + 1
            cramps_with[c] = cramps_with.get(c, 0) + n
    days, cramps = len(per_day), sum(n for n, _ in per_day.values())
    return [compare_context(c, days_with.get(c, 0), days - days_with.get(c, 0),
                            cramps_with.get(c, 0), cramps - cramps_with.get(c, 0), t)
            for c in labels().contexts]


def compare_context(context: str, dw: int, dwo: int, cw: int, cwo: int, t: Thresholds
                    ) -> ContextComparison:
    """Cramps per day on `dw` days with the context (`cw` cramps) and `dwo` without."""
    label = labels().contexts[context]
    need_w, need_wo = t.context_comparison.min_days_with, t.context_comparison.min_days_without
    comparison = partial(ContextComparison, context=context, label=label, days_with=dw,
                         days_without=dwo, cramps_with=cw, cramps_without=cwo)
    if dw < need_w or dwo < need_wo:
        return comparison(shown=False, text=(
            f"{label}: for få dage til at sige noget endnu ({count(dw, 'dag', 'dage')} med og "
            f"{dwo} uden; "
            f"der skal mindst {need_w} af hver)."))
    ratio, low, high = rate_ratio(cw, dw, cwo, dwo)
    rw, rwo = cw / dw, cwo / dwo
    text = (
        f"{label}: {_num(rw)} krampe pr. dag på {count(dw, 'dag', 'dage')} med, {_num(rwo)} "
        f"pr. dag på {count(dwo, 'dag', 'dage')} uden. Det er {_num(ratio)} gange så mange; "
        "med så få dage kan det "
        f"rigtige tal ligge et sted mellem {_num(low)} og {_num(high)} gange (95 %). "
    )
    if low <= 1 <= high:
        text += "Forskellen kan sagtens være tilfældig."
    else:
        text += "Forskellen er næppe tilfældig, men sammenhæng er ikke årsag."
    return comparison(shown=True, rate_with=rw, rate_without=rwo,
                      ratio=ratio, ratio_low=low, ratio_high=high, text=text)


def weekly_counts(per_day: Mapping[date, int], today: date, weeks: int = CHART_WEEKS
                  ) -> list[WeekCount]:
    this_monday = today - timedelta(days=today.weekday())
    starts = [this_monday - timedelta(weeks=i) for i in range(weeks - 1, -1, -1)]
    counts = dict.fromkeys(starts, 0)
    for d, n in per_day.items():
        if d >= starts[0]:
            monday = d - timedelta(days=d.weekday())
            if monday in counts:
                counts[monday] += n
    return [
        WeekCount(week_start=s, label=f"uge {s.isocalendar().week}", count=c)
        for s, c in counts.items()
    ]


def window_start(today: date) -> date:
    """The first local day of the window: the last WINDOW_DAYS days, today included."""
    return today - timedelta(days=WINDOW_DAYS - 1)


def analyse(rows: list[PatternRow], days: dict[date, tuple[str, ...]], now: datetime,
            t: Thresholds | None = None) -> Patterns:
    """Patterns of entries up to `now` and day records up to its day (rows in memory)."""
    t = t or thresholds()
    today, first = local_day(now), window_start(local_day(now))
    totals = day_totals([r for r in rows if first <= r.day and r.started_at <= now],
                        {d: c for d, c in days.items() if first <= d <= today}, t)
    return analyse_days(totals, now, t)


def analyse_days(totals: Mapping[date, DayTotals], now: datetime,
                 t: Thresholds | None = None) -> Patterns:
    """Patterns of day totals (the daily roll-up) in the window ending on `now`'s day; the
    caller gives today's totals of entries up to `now` only."""
    t = t or thresholds()
    today = local_day(now)
    first = window_start(today)
    window = {d: x for d, x in totals.items() if first <= d <= today}
    entries = sum(x.entries for x in window.values())
    night = sum(x.night for x in window.values())
    per_day = {d: (x.entries, x.contexts) for d, x in window.items()}
    return Patterns(
        now=now,
        entries_in_window=entries,
        weeks=weekly_counts({d: x.entries for d, x in window.items()}, today),
        night_count=night,
        night_share=night / entries if entries else None,
        duration_seconds=_spread([v for x in window.values() for v in x.durations]),
        intensity=_spread([v for x in window.values() for v in x.intensities]),
        contexts=compare_contexts(per_day, t),
        findings=findings_of_days(window, today, t),
    )
