"""Diary pages: quick entry, errors re-rendered in Danish, edit, delete, DST, charts."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from tests.diary.fixtures_db import form_token, register_page


def _quick_form(client) -> dict:
    """The quick-entry form exactly as the page pre-fills it (what one tap on Gem sends)."""
    html = client.get("/dagbog").text
    form = html.split('action="/dagbog"', 1)[1].split("</form>", 1)[0]
    data = dict(re.findall(r'<input type="(?:hidden|date|time|text|number)"[^>]*?name="([^"]+)"'
                           r'[^>]*?value="([^"]*)"', form))
    for name, value in re.findall(r'type="radio" name="([^"]+)" value="([^"]+)" checked', form):
        data[name] = value
    return data


def test_quick_entry_defaults_save_with_one_tap(client, clock, database):
    clock.now = datetime(2026, 1, 20, 2, 15, tzinfo=UTC)  # 03:15 in Copenhagen, at night
    register_page(client, "nattevagt")
    data = _quick_form(client)
    assert data["date"] == "2026-01-20" and data["time"] == "03:15"
    assert (data["leg"], data["intensity"], data["situation"]) == ("both", "5", "asleep")
    r = client.post("/dagbog", data=data)
    assert r.status_code == 303 and r.headers["location"].startswith("/dagbog?gemt=")
    page = client.get(r.headers["location"]).text
    assert "Krampen er gemt" in page and "20/1 2026 kl. 03:15" in page
    entries = client.get("/api/diary/entries").json()
    assert entries[0]["started_at"].startswith("2026-01-20T02:15:00")


def test_bad_form_is_rerendered_with_danish_errors_and_values_kept(client):
    register_page(client, "ole-hansen")
    data = {**_quick_form(client), "intensity": "12", "duration_minutes": "lang tid",
            "note": "min egen note"}
    r = client.post("/dagbog", data=data)
    assert r.status_code == 422
    assert "Registreringen er ikke gemt" in r.text
    assert "Styrken skal være et tal fra 0 til 10" in r.text
    assert "Varigheden skal være et antal minutter" in r.text
    assert 'aria-invalid="true"' in r.text and "min egen note" in r.text
    r = client.post("/dagbog", data={**_quick_form(client), "note": "x" * 1001,
                                     "leg": "venstre", "contexts": ["chokolade"]})
    assert r.status_code == 422
    assert "Noten er for lang (højst 1000 tegn)" in r.text
    assert "Benet skal være en af" in r.text
    assert client.get("/api/diary/entries").json() == []


def test_spring_gap_and_autumn_fold_in_the_form(client):
    register_page(client, "sommertid")
    base = _quick_form(client)
    r = client.post("/dagbog", data={**base, "date": "2026-03-29", "time": "02:30"})
    assert r.status_code == 422 and "fandtes ikke" in r.text
    r = client.post("/dagbog", data={**base, "date": "2026-10-25", "time": "02:30", "fold": ""})
    assert r.status_code == 422 and "to gange" in r.text
    assert 'name="fold" value="1"' in r.text  # the choice is offered
    r = client.post("/dagbog", data={**base, "date": "2026-10-25", "time": "02:30", "fold": "1"})
    assert r.status_code == 303
    base = _quick_form(client)  # the page after saving: a new form, a new write key
    r = client.post("/dagbog", data={**base, "date": "2026-10-25", "time": "02:30", "fold": "0"})
    assert r.status_code == 303
    starts = sorted(e["started_at"][:19] for e in client.get("/api/diary/entries").json())
    assert starts == ["2026-10-25T00:30:00", "2026-10-25T01:30:00"]
    page = client.get("/dagbog").text
    assert "kl. 02:30 (sommertid)" in page and "kl. 02:30 (vintertid)" in page


def test_edit_and_delete(client):
    register_page(client, "redaktoer")
    client.post("/dagbog", data={**_quick_form(client), "intensity": "4"})
    eid = client.get("/api/diary/entries").json()[0]["id"]
    edit = client.get(f"/dagbog/registrering/{eid}")
    assert edit.status_code == 200 and 'value="4"' in edit.text
    token = form_token(client, f"/dagbog/registrering/{eid}")
    data = {**_quick_form(client), "csrf_token": token, "intensity": "9", "leg": "right",
            "contexts": ["coffee", "alcohol"], "disturbed_work": "1"}
    r = client.post(f"/dagbog/registrering/{eid}", data=data)
    assert r.status_code == 303
    entry = client.get(f"/api/diary/entries/{eid}").json()
    assert (entry["intensity"], entry["leg"], entry["disturbed_work"]) == (9, "right", True)
    assert entry["contexts"] == ["alcohol", "coffee"]
    r = client.post(f"/dagbog/registrering/{eid}/slet", data={"csrf_token": token})
    assert r.status_code == 303
    assert client.get(f"/api/diary/entries/{eid}").status_code == 404


def test_day_without_cramps(client, clock):
    clock.now = datetime(2026, 4, 2, 10, 0, tzinfo=UTC)
    register_page(client, "kaffedrikker")
    token = form_token(client, "/dagbog")
    r = client.post("/dagbog/dag", data={"csrf_token": token, "day": "2026-04-01",
                                         "contexts": ["coffee"]})
    assert r.status_code == 303
    assert client.get("/api/diary/days").json() == [{"day": "2026-04-01",
                                                     "contexts": ["coffee"]}]
    r = client.post("/dagbog/dag", data={"csrf_token": token, "day": "2026-05-01"})
    assert r.status_code == 422 and "fremtiden" in r.text


def test_patterns_page_has_accessible_svg_charts_with_tables(client, clock):
    clock.now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    register_page(client, "grafer")
    token = client.get("/api/account").json()["csrf_token"]
    for day in (2, 3, 9):
        client.post("/api/diary/entries", json={"started_at": f"2026-03-{day:02d}T02:00:00"},
                    headers={"X-CSRF-Token": token})
    html = client.get("/dagbog/moenster").text
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg
        m = re.search(r'aria-labelledby="([^" ]+) ([^"]+)"', svg)
        assert m and f'<title id="{m.group(1)}">' in svg and f'<desc id="{m.group(2)}">' in svg
        assert "style=" not in svg  # the CSP forbids inline styles
    assert "I alt 3 kramper over 12 uger" in html
    # The text alternative: the same counts as a table.
    assert "<td>uge 10</td><td>2. marts 2026</td><td>2</td>" in html
    assert "<td>uge 11</td><td>9. marts 2026</td><td>1</td>" in html
    assert "3 af 3 kramper (100 %) kom om natten" in html


def test_pages_need_login(client_factory):
    anon = client_factory()
    for path in ("/dagbog", "/dagbog/moenster", "/dagbog/registrering/1", "/konto",
                 "/konto/data.json"):
        r = anon.get(path)
        assert r.status_code == 303, path
        assert r.headers["location"] == f"/konto/log-ind?next={path}"


def test_csrf_field_sent_as_a_file_is_refused_not_a_crash(client):
    register_page(client, "fil-token")
    data = {k: v for k, v in _quick_form(client).items() if k != "csrf_token"}
    r = client.post("/dagbog", data=data, files={"csrf_token": ("token.txt", b"x")})
    assert r.status_code == 403
    assert client.get("/api/diary/entries").json() == []


def test_non_finite_duration_is_a_danish_422_not_a_crash(client):
    """Regression: duration_minutes=inf made round() raise OverflowError, a 500, on the
    quick entry and on the edit form."""
    register_page(client, "uendelig")
    base = _quick_form(client)
    assert client.post("/dagbog", data=base).status_code == 303
    entry_id = client.get("/api/diary/entries").json()[0]["id"]
    edit = f"/dagbog/registrering/{entry_id}"
    for value in ("inf", "-inf", "Infinity", "nan", "1e400"):
        r = client.post("/dagbog", data={**base, "duration_minutes": value})
        assert r.status_code == 422 and "Varigheden skal være et antal minutter" in r.text
        token = form_token(client, edit)
        r = client.post(edit, data={**base, "csrf_token": token, "duration_minutes": value})
        assert r.status_code == 422 and "Varigheden skal være et antal minutter" in r.text
    assert len(client.get("/api/diary/entries").json()) == 1


def test_a_resubmitted_form_saves_once(client):
    """Regression: the browser re-sending the same form (a retry after a crash or a lost
    answer) saved the cramp twice. The form's write key makes the second send a replay."""
    register_page(client, "dobbeltklik")
    form = {**_quick_form(client), "note": "kun én gang"}
    first = client.post("/dagbog", data=form)
    second = client.post("/dagbog", data=form)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"]
    assert len(client.get("/api/diary/entries").json()) == 1
    # A new page shows a new key: the next cramp is saved as a new one.
    assert client.post("/dagbog", data={**_quick_form(client), "note": "ny"}).status_code == 303
    assert len(client.get("/api/diary/entries").json()) == 2
