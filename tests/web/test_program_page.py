"""The programme page: day by day with weekday names, drawings, and the calendar's reminder."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

from icalendar import Calendar

NIGHT = {"start": "2026-12-01", "weeks": "4", "night_cramps": "1"}


def _page(resp, status: int = 200) -> str:
    assert resp.status_code == status, resp.text[:500]
    return unescape(resp.text)


def test_plan_is_grouped_by_week_and_day_in_clock_order(client):
    page = _page(client.post("/program", data=NIGHT))
    assert "Uge 1 (tirsdag 1. december – mandag 7. december)" in page
    assert "Uge 4 (" in page and "Uge 5 (" not in page
    wednesday = page[page.index("<h4>Onsdag 2. december</h4>"):page.index("<h4>Torsdag")]
    assert wednesday.index("kl. 17:00") < wednesday.index("kl. 21:30")
    for name in ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"):
        assert f"<h4>{name} " in page


def test_plan_text_matches_the_four_weeks_chosen(client):
    page = _page(client.post("/program", data=NIGHT))
    assert "uge 5" not in page.lower()
    assert "3 sæt af 15" not in page and "60 sek" not in page
    assert "45 sekunder fra uge 3" in page and "Uge 3-4: 2 × 45 sek. pr. ben" in page


def test_each_exercise_has_a_drawing_and_how_to(client):
    library = _page(client.get("/program"))
    assert library.count('<svg xmlns="http://www.w3.org/2000/svg" class="drawing"') == 6
    plan = _page(client.post("/program", data=NIGHT))
    drawings = re.findall(r'<svg [^>]*class="drawing"[^>]*aria-labelledby="([^"]+)"', plan)
    assert len(drawings) == 4  # the plan's three stretches and its strength exercise
    for title_id in drawings:
        assert re.search(rf'<title id="{title_id}">Tegning: [^<]{{40,}}</title>', plan)
    assert plan.count("<h4>Sådan gør du</h4>") == 4


def test_calendar_download_has_the_reminder_the_person_picked(client):
    assert 'name="reminder"' in _page(client.post("/program", data=NIGHT))
    resp = client.post("/program/kalender.ics", data={**NIGHT, "reminder": "45"})
    assert resp.status_code == 200
    cal = Calendar.from_ical(resp.content)
    events = cal.walk("VEVENT")
    assert len(events) == 40
    for event in events:
        (alarm,) = event.walk("VALARM")
        assert alarm.decoded("TRIGGER") == timedelta(minutes=-45)


def test_a_bad_reminder_shows_the_plan_again_with_a_danish_error(client):
    for bad in ("-5", "kvart", "", "1441"):
        page = _page(client.post("/program/kalender.ics", data={**NIGHT, "reminder": bad}), 422)
        assert 'id="reminder-error"' in page and "Påmindelsen skal være" in page
        assert 'aria-invalid="true"' in page
        assert "Uge 4 (" in page  # the plan is still there


def test_api_calendar_takes_the_reminder_and_rejects_a_bad_one(client):
    resp = client.get("/api/plan.ics", params={"start": "2026-12-01", "weeks": 1, "reminder": 0})
    assert resp.status_code == 200
    alarms = Calendar.from_ical(resp.content).walk("VALARM")
    assert len(alarms) == 10 and {a.decoded("TRIGGER") for a in alarms} == {timedelta(0)}
    assert client.get("/api/plan.ics", params={"reminder": 99999}).status_code == 422
