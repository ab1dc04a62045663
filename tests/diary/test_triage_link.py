"""The diary feeds triage: pattern findings get a level, a red-flag note a banner at once."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.diary.fixtures_db import register_api, register_page


def test_red_flag_note_shows_the_banner_at_once(client):
    register_page(client, "roedflag")
    page = client.get("/dagbog").text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"csrf_token": token, "date": "2026-02-02", "time": "08:00",
            "duration_minutes": "2", "intensity": "6", "leg": "left", "situation": "resting",
            "note": "Læggen er hævet og varm i dag"}
    r = client.post("/dagbog", data=form)
    assert r.status_code == 303
    shown = client.get(r.headers["location"]).text
    assert "banner-urgent" in shown and "Søg læge i dag" in shown
    assert "hævet og varm" in shown
    # An ordinary note shows no banner.
    r = client.post("/dagbog", data={**form, "note": "vågnede og strakte ud, gik over"})
    assert "banner-urgent" not in client.get(r.headers["location"]).text


def test_api_returns_note_triage_only_when_it_matters(client):
    token = register_api(client, "notat")
    h = {"X-CSRF-Token": token}
    r = client.post("/api/diary/entries", json={"note": "min læg er hævet og varm"}, headers=h)
    assert r.json()["triage"]["level"] == "urgent"
    assert "dvt_signs" in {f["id"] for f in r.json()["triage"]["findings"]}
    r = client.post("/api/diary/entries", json={"note": "krampe efter fodbold"}, headers=h)
    assert r.json()["triage"] is None


def test_diary_pattern_gives_time_to_see_a_doctor_with_level(client, clock):
    clock.now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    token = register_api(client, "hvernat")
    for day in (4, 5, 7, 8, 9):  # 5 of the last 7 days
        client.post("/api/diary/entries", headers={"X-CSRF-Token": token},
                    json={"started_at": f"2026-03-{day:02d}T03:00:00", "situation": "asleep"})
    p = client.get("/api/diary/patterns").json()
    assert p["triage"]["level"] == "routine"
    # The diary's findings are known findings, not answers: the red-flag screen stays open.
    f = next(f for f in p["triage"]["findings"] if f["id"] == "frequent_disturbing")
    assert f["rule"] == "known"
    assert p["triage"]["screen"]["complete"] is False
    page = client.get("/dagbog").text
    assert "Tid til at tale med lægen" in page
    assert "Du har haft krampe 5 af de sidste 7 dage." in page
    assert "Bestil tid hos lægen" in page
    assert 'href="/triage"' in page and "faresignaler" in page
    # A week later with no new cramps the notice is gone.
    clock.now = datetime(2026, 3, 17, 12, 0, tzinfo=UTC)
    assert "Tid til at tale med lægen" not in client.get("/dagbog").text
    assert client.get("/api/diary/patterns").json()["triage"] is None
