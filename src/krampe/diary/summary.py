"""The diary summed up for the doctor: one period, how often, how long, how strong, when,
what the person noted, red flags and when, and the programme if they marked it.

A pure function of the period's entries and day records; the page and the CSV read it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import median

from krampe.diary.doctor import triage_note
from krampe.diary.findings import diary_findings
from krampe.diary.labels import labels
from krampe.diary.models import DayRecord, Entry
from krampe.diary.rows import PatternRow
from krampe.diary.thresholds import is_night, thresholds
from krampe.diary.timeutil import day_start_utc, to_local
from krampe.errors import InputError
from krampe.policy import Level, get_policy
from krampe.triage.schema import get_rules

# The longest period one page can sum up (a year) and the default (the last 30 days).
MAX_DAYS = 366
DEFAULT_DAYS = 30
# Red flags listed one by one on the page; more are counted.
MAX_FLAGS_SHOWN = 8
HOUR_BINS = 8  # three hours each



def level_text(level: Level) -> str:
    """The policy's headline for the level, lower-case for running text."""
    headline = get_policy().level_info(level).headline
    return headline[:1].lower() + headline[1:]


@dataclass(frozen=True, slots=True)
class Range:
    """Typical (median), lowest and highest value."""

    typical: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class FlaggedNote:
    when: datetime  # local time
    level: Level
    findings: list[str]  # Danish labels of the findings present
    evidence: list[str]  # the words that raised them


@dataclass(slots=True)
class DoctorSummary:
    start: date
    end: date
    entries: int = 0
    cramp_days: int = 0
    disturbed_sleep: int = 0
    disturbed_work: int = 0
    duration_seconds: Range | None = None
    intensity: Range | None = None
    night: int = 0
    by_hours: list[tuple[str, int]] = field(default_factory=list)
    legs: list[tuple[str, int]] = field(default_factory=list)
    situations: list[tuple[str, int]] = field(default_factory=list)
    # Context label → days it was marked (on an entry or a day record) in the period.
    contexts: list[tuple[str, int]] = field(default_factory=list)
    recorded_days: int = 0
    flagged: list[FlaggedNote] = field(default_factory=list)
    diary_findings: list[str] = field(default_factory=list)
    programme_days: int = 0
    programme_first: date | None = None
    programme_last: date | None = None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def per_week(self) -> float:
        return self.entries * 7 / self.days


def _range(values: Sequence[float]) -> Range | None:
    if not values:
        return None
    return Range(float(median(values)), float(min(values)), float(max(values)))


def _finding_label(finding_id: str) -> str:
    finding = get_rules().findings.get(finding_id)
    return finding.label if finding else finding_id


def flagged_note(entry: Entry) -> FlaggedNote | None:
    """The red flag in an entry's note, as triage reads it; None when there is none."""
    result = triage_note(entry.note)
    if result is None:
        return None
    present = [f for f in result["findings"] if f.get("status") == "present"]
    return FlaggedNote(
        when=to_local(entry.started_at),
        level=result["level"],
        findings=list(dict.fromkeys(_finding_label(f["id"]) for f in present)),
        evidence=list(dict.fromkeys(str(f.get("evidence") or "") for f in present if
                                    f.get("evidence"))),
    )


def summarise(entries: Sequence[Entry], days: Sequence[DayRecord], start: date, end: date,
              now: datetime) -> DoctorSummary:
    """Sum up the entries started on local days start..end (both included)."""
    lab = labels()
    t = thresholds()
    inside = [e for e in entries if start <= to_local(e.started_at).date() <= end]
    rows = [PatternRow(e.started_at, e.duration_seconds, e.intensity, e.situation,
                       bool(e.disturbed_sleep), bool(e.disturbed_work),
                       tuple(e.contexts or ())) for e in inside]
    day_records = {d.day: tuple(d.contexts or ()) for d in days if start <= d.day <= end}
    s = DoctorSummary(start=start, end=end, entries=len(inside))
    s.cramp_days = len({r.day for r in rows})
    s.disturbed_sleep = sum(r.disturbed_sleep for r in rows)
    s.disturbed_work = sum(r.disturbed_work for r in rows)
    s.duration_seconds = _range([r.duration_seconds for r in rows])
    s.intensity = _range([r.intensity for r in rows])
    s.night = sum(is_night(r, t) for r in rows)
    hours = Counter(r.hour * HOUR_BINS // 24 for r in rows)
    width = 24 // HOUR_BINS
    s.by_hours = [(f"{i * width:02d}-{i * width + width:02d}", hours[i]) for i in range(HOUR_BINS)]
    legs = Counter(e.leg for e in inside)
    s.legs = [(label, legs[k]) for k, label in lab.legs.items() if legs[k]]
    situations = Counter(e.situation for e in inside)
    s.situations = [(label, situations[k]) for k, label in lab.situations.items()
                    if situations[k]]
    # A day's context is the union of its record and its entries' contexts.
    per_day: dict[date, set[str]] = {d: set(c) for d, c in day_records.items()}
    for r in rows:
        per_day.setdefault(r.day, set()).update(r.contexts)
    s.recorded_days = len(per_day)
    marked = Counter(c for ctx in per_day.values() for c in ctx)
    programme = t.self_care_failed.programme_context
    s.contexts = [(label, marked[k]) for k, label in lab.contexts.items()
                  if marked[k] and k != programme]
    programme_days = sorted(d for d, ctx in per_day.items() if programme in ctx)
    s.programme_days = len(programme_days)
    if programme_days:
        s.programme_first, s.programme_last = programme_days[0], programme_days[-1]
    s.flagged = [f for f in (flagged_note(e) for e in inside if e.note) if f is not None]
    # The diary's own findings as they stood at the end of the period.
    until = min(now, day_start_utc(end + timedelta(days=1)) - timedelta(microseconds=1))
    s.diary_findings = [f.reason for f in diary_findings(rows, day_records, until, t)]
    return s


def parse_period(start: str | None, end: str | None, today: date) -> tuple[date, date]:
    """The page's 'fra' and 'til' (ÅÅÅÅ-MM-DD) → dates; the last 30 days when left out."""
    try:
        last = date.fromisoformat(end.strip()) if end and end.strip() else today
        first = (date.fromisoformat(start.strip()) if start and start.strip()
                 else last - timedelta(days=DEFAULT_DAYS - 1))
    except ValueError:
        raise InputError("Skriv datoerne som ÅÅÅÅ-MM-DD, fx 2026-11-01.",
                         code="invalid_date") from None
    if last > today:
        raise InputError("Perioden kan ikke slutte i fremtiden.", code="invalid_date")
    if first > last:
        raise InputError("Fra-datoen skal ligge før til-datoen.", code="invalid_date")
    if first.year < 1970:
        raise InputError("Perioden kan tidligst begynde i 1970.", code="invalid_date")
    if (last - first).days + 1 > MAX_DAYS:
        raise InputError(f"Perioden kan højst være {MAX_DAYS} dage.", code="invalid_date")
    return first, last
