"""Diary API on SQLite and PostgreSQL: CRUD, validation, auth, CSRF, patterns."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.diary.fixtures_db import register_api

ENTRY = {"started_at": "2026-03-01T03:10:00+01:00", "duration_seconds": 90, "intensity": 7,
         "leg": "left", "situation": "asleep", "disturbed_sleep": True,
         "contexts": ["coffee", "trained", "coffee"], "note": "  vågnede ved det  "}


def test_crud_roundtrip(client):
    token = register_api(client, "anna")
    h = {"X-CSRF-Token": token}
    r = client.post("/api/diary/entries", json=ENTRY, headers=h)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["started_at"].startswith("2026-03-01T02:10:00")
    assert body["started_local"].startswith("2026-03-01T03:10:00+01:00")
    assert body["contexts"] == ["trained", "coffee"]  # form order, no duplicates
    assert body["note"] == "vågnede ved det"
    entry_id = body["id"]

    assert client.get(f"/api/diary/entries/{entry_id}").json()["intensity"] == 7
    changed = {**ENTRY, "intensity": 3, "leg": "right", "note": None}
    r = client.put(f"/api/diary/entries/{entry_id}", json=changed, headers=h)
    assert r.status_code == 200 and r.json()["intensity"] == 3 and r.json()["note"] is None
    assert [e["id"] for e in client.get("/api/diary/entries").json()] == [entry_id]

    assert client.delete(f"/api/diary/entries/{entry_id}", headers=h).status_code == 204
    assert client.get(f"/api/diary/entries/{entry_id}").status_code == 404
    assert client.get("/api/diary/entries").json() == []


def test_defaults_make_a_one_tap_entry(client, clock):
    clock.now = datetime(2026, 2, 3, 4, 5, tzinfo=UTC)
    token = register_api(client, "bodil")
    r = client.post("/api/diary/entries", json={}, headers={"X-CSRF-Token": token})
    assert r.status_code == 201
    body = r.json()
    assert body["started_at"].startswith("2026-02-03T04:05:00")
    assert (body["leg"], body["intensity"], body["duration_seconds"]) == ("both", 5, 60)


@pytest.mark.parametrize(("patch", "needle"), [
    ({"intensity": 11}, "Styrken skal være et tal fra 0 til 10"),
    ({"intensity": "meget"}, "Styrken skal være et helt tal"),
    ({"duration_seconds": 0}, "Varigheden skal være mellem"),
    ({"leg": "venstre"}, "Benet skal være en af"),
    ({"contexts": ["chokolade"]}, "ukendt sammenhæng"),
    ({"note": "x" * 1001}, "Noten er for lang"),
    ({"started_at": "2026-03-29T02:30:00"}, "fandtes ikke"),
    ({"started_at": "2026-10-25T02:30:00"}, "to gange"),
    ({"started_at": "i går"}, "Tidspunktet skal være en dato"),
    ({"colour": "red"}, "kendes ikke"),
])
def test_bad_input_gets_danish_422(client, patch, needle):
    token = register_api(client, "carl")
    r = client.post("/api/diary/entries", json={**ENTRY, **patch},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 422, r.text
    assert r.json()["error"] == "invalid_input"
    assert needle in r.json()["message"]


def test_malformed_json_is_400(client):
    token = register_api(client, "dora")
    r = client.post("/api/diary/entries", content=b"{not json",
                    headers={"X-CSRF-Token": token, "content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "invalid_json"


def test_auth_and_csrf_are_required(client_factory):
    anon = client_factory()
    assert anon.get("/api/diary/entries").status_code == 401
    assert anon.get("/api/diary/patterns").json()["error"] == "not_authenticated"
    c = client_factory()
    token = register_api(c, "erik")
    r = c.post("/api/diary/entries", json=ENTRY)
    assert r.status_code == 403 and r.json()["error"] == "csrf"
    r = c.post("/api/diary/entries", json=ENTRY, headers={"X-CSRF-Token": token + "x"})
    assert r.status_code == 403
    # A token from another browser (other nonce cookie) is useless here.
    other = client_factory()
    other_token = register_api(other, "frida")
    r = c.post("/api/diary/entries", json=ENTRY, headers={"X-CSRF-Token": other_token})
    assert r.status_code == 403
    assert c.post("/api/diary/entries", json=ENTRY,
                  headers={"X-CSRF-Token": token}).status_code == 201


def test_day_records_and_patterns(client, clock):
    clock.now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    token = register_api(client, "gro")
    h = {"X-CSRF-Token": token}
    for day in range(4, 10):  # cramps on 6 of the last 7 days, all at night
        r = client.post("/api/diary/entries", headers=h, json={
            "started_at": f"2026-03-{day:02d}T23:30:00", "situation": "asleep"})
        assert r.status_code == 201
    r = client.put("/api/diary/days/2026-03-01", json={"contexts": ["alcohol"]}, headers=h)
    assert r.status_code == 200 and r.json() == {"day": "2026-03-01", "contexts": ["alcohol"]}
    assert client.get("/api/diary/days").json() == [{"day": "2026-03-01",
                                                     "contexts": ["alcohol"]}]
    p = client.get("/api/diary/patterns").json()
    assert p["entries_in_window"] == 6 and p["night_share"] == 1.0
    assert [f["id"] for f in p["findings"]] == ["frequent_disturbing"]
    assert sum(w["count"] for w in p["weeks"]) == 6


def test_openapi_documents_the_diary_and_its_auth(app):
    doc = app.openapi()
    paths = doc["paths"]
    for path in ("/api/diary/entries", "/api/diary/entries/{entry_id}", "/api/diary/patterns",
                 "/api/diary/days/{day}", "/api/account/login", "/api/account/export"):
        assert path in paths
    schemes = doc["components"]["securitySchemes"]
    assert schemes["APIKeyCookie"]["in"] == "cookie"
    assert schemes["APIKeyHeader"]["name"] == "X-CSRF-Token"
    post = paths["/api/diary/entries"]["post"]
    assert {"APIKeyHeader": []} in post["security"]
    assert "EntryIn" in doc["components"]["schemas"]


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/api/diary/entries/99999999999999999999", None),
    ("GET", "/api/diary/entries/0", None),
    ("GET", "/api/diary/entries?since=0001-01-01T00:00:00", None),
    ("GET", "/api/diary/entries?since=2026-03-29T02:30:00", None),
    ("POST", "/api/diary/entries", {"started_at": "0001-01-01T00:00:00+00:00"}),
    ("POST", "/api/diary/entries", {"started_at": "9999-12-31T23:59:59"}),
    ("POST", "/api/diary/entries", {"started_at": "2026-03-02T12:00:00+00:00"}),  # future
    ("PUT", "/api/diary/days/2026-03-05", {"contexts": []}),  # future day
    ("PUT", "/api/diary/days/0001-01-01", {"contexts": []}),
    ("POST", "/api/diary/entries", {"duration_seconds": 10**30}),
    ("POST", "/api/diary/entries", [1, 2]),
])
def test_edge_input_is_4xx_never_5xx(client, clock, method, path, body):
    clock.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    token = register_api(client, "kanter")
    r = client.request(method, path, json=body, headers={"X-CSRF-Token": token})
    assert 400 <= r.status_code < 500, (r.status_code, r.text)
    assert r.json()["message"]


def test_retry_with_the_same_idempotency_key_writes_once(client, client_factory, database):
    """Regression: a retry after a lost answer created a duplicate (5 in 22,164 writes)."""
    from concurrent.futures import ThreadPoolExecutor

    token = register_api(client, "gentag")
    h = {"X-CSRF-Token": token, "Idempotency-Key": "nogle-nr-1"}
    first = client.post("/api/diary/entries", json={"intensity": 7, "note": "en gang"}, headers=h)
    again = client.post("/api/diary/entries", json={"intensity": 7, "note": "en gang"}, headers=h)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert len(client.get("/api/diary/entries").json()) == 1
    # The same key for another request is refused, not answered with the first result.
    r = client.post("/api/diary/entries", json={"intensity": 2}, headers=h)
    assert r.status_code == 422 and r.json()["error"] == "idempotency_key_reused"
    r = client.post("/api/diary/entries", json={}, headers={**h, "Idempotency-Key": "kort"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_idempotency_key"

    # Parallel retries of one write: exactly one row, every answer the same.
    clients = [client_factory() for _ in range(6)]
    for c in clients:
        c.cookies.update(client.cookies)
    burst = {**h, "Idempotency-Key": "parallel-key-42"}

    def post(c):
        return c.post("/api/diary/entries", json={"intensity": 3, "note": "parallel"},
                      headers=burst)

    with ThreadPoolExecutor(6) as pool:
        answers = list(pool.map(post, clients))
    assert {r.status_code for r in answers} == {201}
    assert len({r.json()["id"] for r in answers}) == 1
    assert len(client.get("/api/diary/entries").json()) == 2

    # A retried delete answers like the first one (204), not 404.
    eid = first.json()["id"]
    dh = {**h, "Idempotency-Key": "slet-nogle-1"}
    assert client.delete(f"/api/diary/entries/{eid}", headers=dh).status_code == 204
    assert client.delete(f"/api/diary/entries/{eid}", headers=dh).status_code == 204
    # Another request under a key in use is refused.
    assert client.delete(f"/api/diary/entries/{eid}", headers=burst).status_code == 422
