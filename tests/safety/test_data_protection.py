"""Health data stays with its owner (HAZ-12): scoping, CSRF, password storage, logs.

Runs on the full web app (create_app) with SQLite in the test's KRAMPE_HOME, so every
router the product ships is in scope, not only the diary's own.
"""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

SECRET_NOTE = "hemmelig-note: læggen er hævet efter fødslen"


@pytest.fixture
def app(_isolated_home):
    from krampe.web.app import create_app

    return create_app(["bundled"])


def _client(app) -> TestClient:
    return TestClient(app, raise_server_exceptions=False, follow_redirects=False)


def _register(client: TestClient, name: str) -> str:
    r = client.post("/api/account/register", json={"username": name, "password": "en-lang-kode-42"})
    assert r.status_code == 201, r.text
    return r.json()["csrf_token"]


def _entry(client: TestClient, token: str, note: str = "krampe i nat") -> int:
    r = client.post("/api/diary/entries", headers={"X-CSRF-Token": token},
                    json={"intensity": 6, "situation": "asleep", "note": note})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_other_user_cannot_touch_entries(app):
    with _client(app) as alice, _client(app) as bob:
        a_token = _register(alice, "alice")
        entry_id = _entry(alice, a_token, SECRET_NOTE)
        b_token = _register(bob, "bob")
        h = {"X-CSRF-Token": b_token}
        api = f"/api/diary/entries/{entry_id}"
        assert bob.get(api).status_code == 404
        assert bob.put(api, headers=h, json={"intensity": 1}).status_code == 404
        assert bob.delete(api, headers=h).status_code == 404
        page = f"/dagbog/registrering/{entry_id}"
        assert bob.get(page).status_code == 404
        assert bob.post(f"{page}/slet", data={"csrf_token": b_token}).status_code in (403, 404)
        for path in ("/api/diary/entries", "/api/account/export", "/konto/data.json",
                     "/konto/data.csv", "/dagbog", "/api/diary/patterns"):
            r = bob.get(path)
            assert SECRET_NOTE not in r.text, path
        # Alice still has it, unchanged.
        r = alice.get(api)
        assert r.status_code == 200 and r.json()["note"] == SECRET_NOTE


def test_writes_need_login_and_csrf(app):
    with _client(app) as anon:
        assert anon.get("/api/diary/entries").status_code == 401
        assert anon.post("/api/diary/entries", json={"intensity": 3}).status_code in (401, 403)
    with _client(app) as alice:
        token = _register(alice, "alice")
        r = alice.post("/api/diary/entries", json={"intensity": 3})
        assert r.status_code == 403
        assert r.json()["message"].strip() and "error" in r.json()
        r = alice.post("/api/diary/entries", headers={"X-CSRF-Token": token + "x"},
                       json={"intensity": 3})
        assert r.status_code == 403
        assert alice.get("/api/diary/entries").json() == []


def test_passwords_are_argon2_hashed(app):
    from krampe.db import get_database

    with _client(app) as alice:
        _register(alice, "alice")
    db = get_database(app.state)
    with db.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users")).scalar_one()
    assert stored.startswith("$argon2id$")
    assert "en-lang-kode-42" not in stored


def test_health_text_not_in_logs(app, caplog):
    caplog.set_level(logging.DEBUG)
    with _client(app) as alice:
        token = _register(alice, "alice")
        _entry(alice, token, SECRET_NOTE)
        alice.post("/api/triage", json={"text": "min læg er hævet og varm efter fødslen"})
        alice.post("/api/ask", json={"q": "hjælper magnesium mod krampe efter fødslen?"})
        alice.get("/api/ask", params={"q": "krampe efter fødslen"})
        alice.post("/triage", data={"text": "min læg er hævet og varm efter fødslen"})
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "fødslen" not in logged
    assert "en-lang-kode-42" not in logged
