"""The HTML entry form: local date + time + minutes in, an EntryIn or Danish errors out."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time

from pydantic import ValidationError

from krampe.diary.labels import labels
from krampe.diary.schemas import EntryIn
from krampe.diary.thresholds import thresholds
from krampe.diary.timeutil import LocalTimeError, local_to_utc, to_local
from krampe.diary.validation import messages

FORM_FIELDS = ("date", "time", "fold", "duration_minutes", "intensity", "leg", "situation",
               "note")


@dataclass
class EntryForm:
    values: dict[str, object]
    errors: dict[str, str] = field(default_factory=dict)
    ambiguous: bool = False
    entry: EntryIn | None = None


def defaults(now: datetime) -> dict[str, object]:
    """Quick entry: now, both legs, intensity 5, one minute; asleep at night."""
    local = to_local(now)
    n = thresholds().night
    night = local.hour >= n.start_hour or local.hour < n.end_hour
    return {
        "date": local.date().isoformat(), "time": local.strftime("%H:%M"), "fold": "",
        "duration_minutes": "1", "intensity": "5", "leg": "both",
        "situation": "asleep" if night else "resting",
        "disturbed_sleep": False, "disturbed_work": False, "contexts": [], "note": "",
    }


def from_entry(entry) -> dict[str, object]:
    local = to_local(entry.started_at)
    minutes = entry.duration_seconds / 60
    return {
        "date": local.date().isoformat(), "time": local.strftime("%H:%M"),
        "fold": str(local.fold), "duration_minutes": f"{minutes:g}".replace(".", ","),
        "intensity": str(entry.intensity), "leg": entry.leg, "situation": entry.situation,
        "disturbed_sleep": entry.disturbed_sleep, "disturbed_work": entry.disturbed_work,
        "contexts": list(entry.contexts or []), "note": entry.note or "",
    }


def parse(form) -> EntryForm:
    values: dict[str, object] = {k: str(form.get(k, ""))[:2000] for k in FORM_FIELDS}
    values["disturbed_sleep"] = form.get("disturbed_sleep") is not None
    values["disturbed_work"] = form.get("disturbed_work") is not None
    values["contexts"] = [str(c) for c in form.getlist("contexts")][:50]
    result = EntryForm(values=values)
    errors = result.errors

    started_at = None
    try:
        day = date.fromisoformat(str(values["date"]).strip())
    except ValueError:
        errors["date"] = "Skriv datoen som ÅÅÅÅ-MM-DD."
        day = None
    try:
        clock = time.fromisoformat(str(values["time"]).strip())
    except ValueError:
        errors["time"] = "Skriv klokkeslættet som TT:MM, fx 03:15."
        clock = None
    if day and clock:
        fold = {"0": 0, "1": 1}.get(str(values["fold"]))
        try:
            started_at = local_to_utc(day, clock, fold)
        except LocalTimeError as exc:
            errors["time"] = exc.message
            result.ambiguous = exc.ambiguous

    raw_minutes = str(values["duration_minutes"]).strip().replace(",", ".")
    try:
        minutes = float(raw_minutes)
        # "inf" and "nan" parse as floats; round() of either raises (OverflowError for inf).
        if not math.isfinite(minutes):
            raise ValueError
        seconds = round(minutes * 60)
        if not 1 <= seconds <= 24 * 3600:
            raise ValueError
    except (ValueError, OverflowError):
        errors["duration_minutes"] = "Varigheden skal være et antal minutter, fx 1 eller 0,5."
        seconds = 60
    raw_intensity = str(values["intensity"]).strip()
    data = {
        "duration_seconds": seconds,
        "intensity": raw_intensity if raw_intensity.lstrip("-").isdigit() else "x",
        "leg": values["leg"] or "both", "situation": values["situation"] or "other",
        "disturbed_sleep": values["disturbed_sleep"], "disturbed_work": values["disturbed_work"],
        "contexts": values["contexts"], "note": values["note"] or None,
    }
    try:
        entry = EntryIn.model_validate(data)
    except ValidationError as exc:
        for name, text in messages(exc.errors()).items():
            errors.setdefault(name, text)
        return result
    if not errors:
        result.entry = entry.model_copy(update={"started_at": started_at})
    return result


def context_choices() -> list[tuple[str, str]]:
    return list(labels().contexts.items())
