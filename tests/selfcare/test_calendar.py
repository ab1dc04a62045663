"""The .ics export: parse it back and hold it against the plan."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar

from krampe.errors import InputError
from krampe.selfcare import Profile, build_plan, plan_to_ics

START = date(2027, 3, 22)  # spans the switch to summer time (28 March 2027)


def _parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def test_round_trip_one_event_per_session():
    plan = build_plan(START, 6)
    cal = _parse(plan_to_ics(plan))
    events = cal.walk("VEVENT")
    assert len(events) == len(plan.sessions) == 60
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    by_start = sorted((e.decoded("DTSTART"), str(e["SUMMARY"])) for e in events)
    assert by_start[0][0].date() == START
    assert sum("Styrke" in summary for _, summary in by_start) == 18


def test_times_are_copenhagen_local_with_a_vtimezone():
    plan = build_plan(START, 2)
    data = plan_to_ics(plan)
    cal = _parse(data)
    tz_ids = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    assert tz_ids == ["Europe/Copenhagen"]
    assert b"DTSTART;TZID=Europe/Copenhagen:20270322T190000" in data
    for event in cal.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None
        assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
        assert start.strftime("%H:%M") in {"19:00", "17:00"}  # wall clock across DST
        minutes = 10 if "stræk" in str(event["SUMMARY"]).lower() else 15
        assert event.decoded("DTEND") - start == timedelta(minutes=minutes)
    # UTC offset changes with summer time, the local time does not.
    offsets = {e.decoded("DTSTART").utcoffset() for e in cal.walk("VEVENT")}
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_deterministic_and_stable_uids():
    plan = build_plan(START, 6, Profile(night_cramps=True))
    assert plan_to_ics(plan) == plan_to_ics(build_plan(START, 6, Profile(night_cramps=True)))
    stamps = {e.decoded("DTSTAMP") for e in _parse(plan_to_ics(plan)).walk("VEVENT")}
    assert stamps == {datetime(2027, 3, 22, 0, 0, tzinfo=UTC)}
    # Re-importing an adapted plan for the same days replaces events, not duplicates them.
    uids = lambda p: {str(e["UID"]) for e in _parse(plan_to_ics(p)).walk("VEVENT")}  # noqa: E731
    assert uids(plan) == uids(build_plan(START, 6, Profile(pregnant=True)))
    assert uids(plan).isdisjoint(uids(build_plan(START + timedelta(days=42), 6)))


def test_danish_text_with_how_to_and_dose():
    plan = build_plan(START, 1, Profile(pregnant=True))
    events = _parse(plan_to_ics(plan)).walk("VEVENT")
    strength = next(e for e in events if "Styrke" in str(e["SUMMARY"]))
    text = str(strength["DESCRIPTION"])
    assert "Tåhævninger med støtte: 2 × 10 gentagelser" in text
    assert "Løft langsomt hælene" in text
    assert "Kilder:" in text and "Sundhedsstyrelsen" in text
    stretch = next(e for e in events if "stræk" in str(e["SUMMARY"]).lower())
    assert "2 × 30 sek. pr. ben" in str(stretch["DESCRIPTION"])


@pytest.mark.parametrize("minutes", [None, 0, 15, 90, 1440])
def test_every_event_has_a_reminder_at_the_chosen_time(minutes):
    plan = build_plan(START, 2, Profile(night_cramps=True))
    cal = _parse(plan_to_ics(plan, minutes))
    expected = timedelta(minutes=-(15 if minutes is None else minutes))  # plan.yaml default
    events = cal.walk("VEVENT")
    assert len(events) == len(plan.sessions)
    for event in events:
        alarms = event.walk("VALARM")
        assert len(alarms) == 1
        assert str(alarms[0]["ACTION"]) == "DISPLAY"
        assert alarms[0].decoded("TRIGGER") == expected
        assert str(alarms[0]["DESCRIPTION"]) == str(event["SUMMARY"])


@pytest.mark.parametrize("bad", [-1, 1441, "kvart", True, 2.5])
def test_reminder_out_of_range_or_not_whole_is_a_danish_error(bad):
    with pytest.raises(InputError, match="Påmindelsen skal være"):
        plan_to_ics(build_plan(START, 1), bad)


def test_calendar_headers():
    data = plan_to_ics(build_plan(START, 1))
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    cal = _parse(data)
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//krampe//")
    assert str(cal["METHOD"]) == "PUBLISH"
