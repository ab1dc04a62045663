"""No one reaches another person's entries by any route: every try is a 404 (or empty)."""

from __future__ import annotations

from sqlalchemy import func, select

from krampe.diary.models import Entry
from tests.diary.fixtures_db import form_token, register_api, register_page

ENTRY = {"started_at": "2026-03-01T03:10:00+01:00", "intensity": 8, "note": "annas hemmelighed"}


def test_every_diary_route_as_another_user(client_factory, database):
    anna = client_factory()
    anna_token = register_api(anna, "anna")
    entry = anna.post("/api/diary/entries", json=ENTRY,
                      headers={"X-CSRF-Token": anna_token}).json()
    eid = entry["id"]

    bo = client_factory()
    register_page(bo, "bo-bo")
    bo_token = bo.get("/api/account").json()["csrf_token"]
    h = {"X-CSRF-Token": bo_token}
    page_token = form_token(bo, "/dagbog")
    form = {"csrf_token": page_token, "date": "2026-03-01", "time": "03:10",
            "duration_minutes": "1", "intensity": "0", "leg": "both", "situation": "other"}

    # Every route that takes an entry id, API and pages, reading and writing.
    attempts = [
        bo.get(f"/api/diary/entries/{eid}"),
        bo.put(f"/api/diary/entries/{eid}", json={**ENTRY, "intensity": 0}, headers=h),
        bo.delete(f"/api/diary/entries/{eid}", headers=h),
        bo.get(f"/dagbog/registrering/{eid}"),
        bo.post(f"/dagbog/registrering/{eid}", data=form),
        bo.post(f"/dagbog/registrering/{eid}/slet", data={"csrf_token": page_token}),
    ]
    assert [r.status_code for r in attempts] == [404] * len(attempts)
    assert all("annas hemmelighed" not in r.text for r in attempts)
    # Route templates are covered: all id-taking routes of the app were tried above.
    from krampe.accounts import api as account_api
    from krampe.accounts import pages as account_pages
    from krampe.diary import api as diary_api
    from krampe.diary import pages as diary_pages

    id_routes = {r.path for m in (account_api, account_pages, diary_api, diary_pages)
                 for r in m.router.routes if "{entry_id}" in r.path}
    assert id_routes == {"/api/diary/entries/{entry_id}", "/dagbog/registrering/{entry_id}",
                         "/dagbog/registrering/{entry_id}/slet"}

    # Collections, patterns, pages and exports show Bo only his own (empty) diary.
    assert bo.get("/api/diary/entries").json() == []
    assert bo.get("/api/diary/patterns").json()["entries_in_window"] == 0
    assert bo.get("/api/diary/days").json() == []
    for path in ("/dagbog", "/dagbog/moenster", "/konto/data.json", "/konto/data.csv",
                 "/dagbog/til-laegen?fra=2026-01-01&til=2026-06-30",
                 "/dagbog/til-laegen.csv?fra=2026-01-01&til=2026-06-30",
                 "/api/account/export", "/api/account/export?format=csv"):
        r = bo.get(path)
        assert r.status_code == 200, path
        assert "annas hemmelighed" not in r.text and "2026-03-01" not in r.text, path
    # ?gemt=<anna's id> does not leak her note or triage on Bo's page.
    assert "annas hemmelighed" not in bo.get(f"/dagbog?gemt={eid}").text

    # Anna's entry is untouched.
    again = anna.get(f"/api/diary/entries/{eid}").json()
    assert again["intensity"] == 8 and again["note"] == "annas hemmelighed"
    with database.sessions() as db:
        assert db.scalar(select(func.count()).select_from(Entry)) == 1
