"""Diary -> triage findings (thresholds in data/thresholds.yaml), from day totals."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta

from krampe.diary.days import DayTotals, day_totals
from krampe.diary.rows import PatternRow
from krampe.diary.thresholds import DiaryFinding, Thresholds, thresholds
from krampe.diary.timeutil import days_back, local_day


def diary_findings(rows: list[PatternRow], days: dict[date, tuple[str, ...]], now: datetime,
                   t: Thresholds | None = None) -> list[DiaryFinding]:
    """Findings of entries up to `now` and day records up to its day."""
    t = t or thresholds()
    today = local_day(now)
    totals = day_totals([r for r in rows if r.started_at <= now],
                        {d: c for d, c in days.items() if d <= today}, t)
    return findings_of_days(totals, today, t)


def findings_of_days(totals: Mapping[date, DayTotals], today: date,
                     t: Thresholds | None = None) -> list[DiaryFinding]:
    """Findings of day totals up to `today` (later days are ignored)."""
    t = t or thresholds()

    def entries(d: date) -> int:
        x = totals.get(d)
        return x.entries if x is not None and d <= today else 0

    found: list[DiaryFinding] = []
    fd = t.frequent_disturbing
    cramp_days = sum(1 for d in days_back(today, fd.cramp_days.days) if entries(d))
    disturbing = sum(totals[d].disturbed for d in days_back(today, fd.disturbing_entries.days)
                     if d in totals)
    reasons = []
    if cramp_days >= fd.cramp_days.min_days:
        reasons.append(f"Du har haft krampe {cramp_days} af de sidste {fd.cramp_days.days} dage.")
    if disturbing >= fd.disturbing_entries.min_entries:
        reasons.append(f"{disturbing} kramper de sidste {fd.disturbing_entries.days} dage "
                       "forstyrrede din søvn eller dit arbejde.")
    if reasons:
        found.append(DiaryFinding(id="frequent_disturbing", reason=" ".join(reasons)))

    ru = t.recurrent_unexplained
    windows = [days_back(today - timedelta(days=7 * w), 7) for w in range(ru.weeks)]
    counts = [sum(entries(d) for d in w) for w in windows]
    if all(n >= ru.min_per_week for n in counts):
        total = sum(counts)
        after_exercise = sum(totals[d].exercise for w in windows for d in w if d in totals)
        if after_exercise / total < ru.max_exercise_share:
            found.append(DiaryFinding(id="recurrent_unexplained", reason=(
                f"Du har haft mindst {ru.min_per_week} kramper om ugen i {ru.weeks} uger i "
                f"træk, og de fleste ({total - after_exercise} af {total}) "
                "kom ikke i forbindelse med træning.")))

    sc = t.self_care_failed
    # A programme mark in the last two months is history enough for "started >= 2 weeks ago".
    since = today - timedelta(days=7 * sc.weeks + 60)
    programme_days = sorted(d for d, x in totals.items()
                            if since <= d <= today and sc.programme_context in x.contexts)
    if programme_days and programme_days[0] <= today - timedelta(days=7 * sc.weeks - 1):
        ok = True
        for w in range(sc.weeks):
            span = set(days_back(today - timedelta(days=7 * w), 7))
            ok &= any(entries(d) for d in span) and any(d in span for d in programme_days)
        if ok:
            found.append(DiaryFinding(id="self_care_failed", reason=(
                f"Kramperne er blevet ved i {sc.weeks} uger, selv om du har lavet "
                "udstrækningsprogrammet.")))
    return found
