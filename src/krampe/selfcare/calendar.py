"""iCalendar export of a plan: one VEVENT per session, in Europe/Copenhagen time.

Output is a pure function of the plan: UIDs come from the session's date and kind
(re-importing an updated plan replaces events instead of duplicating them) and
DTSTAMP from the plan's start date, never from the clock.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event

from krampe.selfcare.models import Plan, Session
from krampe.selfcare.plan import plan_config, validate_reminder
from krampe.selfcare.sources import source_label

_UID_NAMESPACE = uuid.UUID("5f0c8f5e-2c43-4e36-9d43-6a1b7f0c9a11")
PRODID = "-//krampe//Program mod krampe i læggen//DA"


def session_uid(session: Session) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, session.id)}@krampe"


def session_description(session: Session) -> str:
    lines = [f"Uge {session.week} · {session.duration_minutes} minutter", ""]
    for n, item in enumerate(session.items, 1):
        lines.append(f"{n}. {item.name}: {item.dose_text}")
        lines += [f"   - {step}" for step in item.how]
    if session.notes:
        lines += ["", "Husk:"] + [f"- {note}" for note in session.notes]
    lines += ["", "Kilder: " + "; ".join(source_label(s) for s in session.sources)]
    lines.append("Indholdet er ikke fagligt gennemgået endnu.")
    return "\n".join(lines)


def plan_to_ics(plan: Plan, reminder_minutes: int | None = None) -> bytes:
    """The plan as an .ics file (bytes, CRLF lines) that calendar apps import.

    Every event carries a reminder (VALARM) `reminder_minutes` before it starts (0 = at
    the start); None takes plan.yaml's default.
    """
    minutes = validate_reminder(
        plan_config().reminder.default_minutes if reminder_minutes is None else reminder_minutes
    )
    tz = ZoneInfo(plan.timezone)
    stamp = datetime.combine(plan.start, datetime.min.time(), tzinfo=UTC)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", plan.title)
    cal.add("x-wr-timezone", plan.timezone)
    for session in plan.sessions:
        start = datetime.combine(session.date, session.start, tzinfo=tz)
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + timedelta(minutes=session.duration_minutes))
        event.add("summary", session.title)
        event.add("description", session_description(session))
        event.add("categories", ["Krampe", "Stræk" if session.kind == "stretch" else "Styrke"])
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", session.title)
        alarm.add("trigger", timedelta(minutes=-minutes))
        event.add_component(alarm)
        cal.add_component(event)
    # VTIMEZONE generated from tzdata, bounded around the plan so the file stays small.
    cal.add_missing_timezones(
        first_date=plan.start - timedelta(days=366), last_date=plan.end + timedelta(days=366)
    )
    return cal.to_ical()
