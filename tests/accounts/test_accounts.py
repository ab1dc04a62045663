"""Accounts: register, log in/out, password, deletion, export, cookies, CSRF, rate limit."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest
from sqlalchemy import func, select

from krampe.accounts.models import LoginFailure, User, UserSession
from krampe.diary.models import DayRecord, Entry
from tests.diary.fixtures_db import form_token, register_api, register_page

PW = "hemmelig-kode"


def _login(client, username, password=PW, next_="/dagbog", ip_headers=None):
    token = form_token(client, "/konto/log-ind")
    return client.post("/konto/log-ind", data={"username": username, "password": password,
                                               "next": next_, "csrf_token": token},
                       headers=ip_headers or {})


def _count(database, model) -> int:
    with database.sessions() as db:
        return db.scalar(select(func.count()).select_from(model))


def test_register_stores_only_username_and_argon2_hash(client, database):
    register_page(client, "Anna.K")
    with database.sessions() as db:
        user = db.scalar(select(User))
    assert user.username == "anna.k"
    assert user.password_hash.startswith("$argon2id$") and PW not in user.password_hash
    assert {c.name for c in User.__table__.columns} == {"id", "username", "password_hash",
                                                        "created_at"}
    # Case-folded: the same name twice is refused with a Danish message.
    other = client.__class__(client.app)
    token = form_token(other, "/konto/opret")
    r = other.post("/konto/opret", data={"username": "ANNA.K", "password": PW,
                                         "password2": PW, "csrf_token": token})
    assert r.status_code == 409 and "optaget" in r.text


@pytest.mark.parametrize(("username", "password", "password2", "needle"), [
    ("ab", PW, PW, "3-64 tegn"),
    ("med mellemrum", PW, PW, "3-64 tegn"),
    ("gyldig", "kort", "kort", "mindst 12 tegn"),
    ("gyldig", "elleve-tegn", "elleve-tegn", "mindst 12 tegn"),  # ASVS 2.1.1: 11 is too few
    ("gyldig", PW, PW + "x", "ikke ens"),
])
def test_register_rejects_bad_input_in_danish(client, username, password, password2, needle):
    token = form_token(client, "/konto/opret")
    r = client.post("/konto/opret", data={"username": username, "password": password,
                                          "password2": password2, "csrf_token": token})
    assert r.status_code in (409, 422) and needle in r.text
    assert "krampe_session" not in r.headers.get("set-cookie", "")


def test_session_cookie_flags_and_secure_behind_https(client_factory):
    c = client_factory()
    r = c.post("/api/account/register", json={"username": "cookie", "password": PW})
    cookies = r.headers.get_list("set-cookie")
    session = next(h for h in cookies if h.startswith("krampe_session="))
    assert "HttpOnly" in session and "SameSite=Lax" in session and "Secure" not in session
    assert "Max-Age=2592000" in session
    csrf_cookie = next(h for h in cookies if h.startswith("krampe_csrf="))
    assert "HttpOnly" in csrf_cookie and "SameSite=Lax" in csrf_cookie
    https = client_factory()
    r = https.post("/api/account/register", json={"username": "sikker", "password": PW},
                   headers={"X-Forwarded-Proto": "https"})
    assert all("Secure" in h for h in r.headers.get_list("set-cookie"))


def test_login_logout_and_no_open_redirect(client_factory):
    c = client_factory()
    register_page(c, "ditte")
    c.cookies.clear()
    r = _login(c, "ditte", next_="https://evil.example/")
    assert r.status_code == 303 and r.headers["location"] == "/dagbog"
    # Logged in, the log-in page sends you on.
    assert c.get("/konto/log-ind?next=/konto").headers["location"] == "/konto"
    c.cookies.clear()
    r = _login(c, "ditte", next_="/dagbog/moenster")
    assert r.headers["location"] == "/dagbog/moenster"
    assert c.get("/dagbog").status_code == 200
    token = form_token(c, "/konto")
    assert c.post("/konto/log-ud", data={"csrf_token": token}).status_code == 303
    assert c.get("/dagbog").status_code == 303
    r = _login(c, "ditte", password="forkert-kode")
    assert r.status_code == 401 and "Forkert brugernavn eller adgangskode" in r.text
    r = _login(c, "findes-ikke")
    assert r.status_code == 401 and "Forkert brugernavn eller adgangskode" in r.text


def test_old_session_token_is_dead_after_logout(client_factory):
    c = client_factory()
    register_page(c, "emil")
    stolen = c.cookies.get("krampe_session")
    token = form_token(c, "/konto")
    c.post("/konto/log-ud", data={"csrf_token": token})
    thief = client_factory()
    thief.cookies.set("krampe_session", stolen)
    assert thief.get("/api/diary/entries").status_code == 401


def test_login_rate_limit_per_account_and_ip(client_factory, database):
    c = client_factory()
    register_page(c, "frank")
    c.cookies.clear()
    for _ in range(5):
        assert _login(c, "frank", password="forkert-kode").status_code == 401
    r = _login(c, "frank")  # even the right password is refused now
    assert r.status_code == 429 and "For mange forkerte forsøg" in r.text
    r = c.post("/api/account/login", json={"username": "frank", "password": PW})
    assert r.status_code == 429 and r.json()["error"] == "too_many_requests"
    # The failures are stored without the IP address itself.
    with database.sessions() as db:
        stored = db.scalars(select(LoginFailure.ip_hash)).all()
    assert len(stored) == 5 and all(len(h) == 64 and "testclient" not in h for h in stored)


def test_rate_limit_is_per_ip(database, app):
    from fastapi.testclient import TestClient

    home = TestClient(app, follow_redirects=False, client=("10.0.0.1", 1))
    register_api(home, "gitte")
    attacker = TestClient(app, follow_redirects=False, client=("10.0.0.2", 1))
    for _ in range(5):
        r = attacker.post("/api/account/login", json={"username": "gitte", "password": "nej!"})
        assert r.status_code == 401
    assert attacker.post("/api/account/login",
                         json={"username": "gitte", "password": PW}).status_code == 429
    assert home.post("/api/account/login",
                     json={"username": "gitte", "password": PW}).status_code == 200


def test_change_password_ends_other_sessions(client_factory, database):
    phone = client_factory()
    register_page(phone, "hanne")
    laptop = client_factory()
    assert _login(laptop, "hanne").status_code == 303
    token = form_token(phone, "/konto")
    r = phone.post("/konto/adgangskode", data={"csrf_token": token, "old_password": "forkert",
                                               "new_password": "ny-kode-12345",
                                               "new_password2": "ny-kode-12345"})
    assert r.status_code == 400 and "nuværende adgangskode er forkert" in r.text
    r = phone.post("/konto/adgangskode", data={"csrf_token": token, "old_password": PW,
                                               "new_password": "ny-kode-12345",
                                               "new_password2": "ny-kode-12345"})
    assert r.status_code == 303
    assert phone.get("/dagbog").status_code == 200
    assert laptop.get("/dagbog").status_code == 303
    laptop.cookies.clear()
    assert _login(laptop, "hanne").status_code == 401
    assert _login(laptop, "hanne", password="ny-kode-12345").status_code == 303


def test_delete_account_removes_all_data(client_factory, database):
    keep = client_factory()
    keep_token = register_api(keep, "ingrid")
    keep.post("/api/diary/entries", json={"note": "bliver"}, headers={"X-CSRF-Token": keep_token})

    c = client_factory()
    token = register_api(c, "jens")
    h = {"X-CSRF-Token": token}
    for _ in range(3):
        c.post("/api/diary/entries", json={"note": "forsvinder"}, headers=h)
    c.put("/api/diary/days/2026-01-01", json={"contexts": ["coffee"]}, headers=h)
    page_token = form_token(c, "/konto")
    r = c.post("/konto/slet", data={"csrf_token": page_token, "password": "forkert"})
    assert r.status_code == 400 and "ikke slettet" in r.text
    r = c.post("/konto/slet", data={"csrf_token": page_token, "password": PW})
    assert r.status_code == 200 and "Kontoen er slettet" in r.text
    assert _count(database, User) == 1 and _count(database, Entry) == 1
    assert _count(database, DayRecord) == 0 and _count(database, UserSession) == 1
    assert c.get("/api/diary/entries").status_code == 401
    assert keep.get("/api/diary/entries").json()[0]["note"] == "bliver"


def test_delete_account_via_api(client_factory, database):
    c = client_factory()
    token = register_api(c, "karen")
    c.post("/api/diary/entries", json={}, headers={"X-CSRF-Token": token})
    r = c.request("DELETE", "/api/account", json={"password": PW})
    assert r.status_code == 403  # no CSRF header
    r = c.request("DELETE", "/api/account", json={"password": PW},
                  headers={"X-CSRF-Token": token})
    assert r.status_code == 204
    assert _count(database, User) == 0 and _count(database, Entry) == 0


def test_export_json_and_csv(client):
    token = register_api(client, "lars")
    h = {"X-CSRF-Token": token}
    client.post("/api/diary/entries", headers=h, json={
        "started_at": "2026-07-01T22:30:00", "intensity": 6, "contexts": ["alcohol"],
        "note": "=HYPERLINK(\"x\")"})
    client.put("/api/diary/days/2026-07-02", json={"contexts": ["coffee"]}, headers=h)
    r = client.get("/konto/data.json")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    data = json.loads(r.text)
    assert data["account"]["username"] == "lars" and "password" not in r.text.lower().replace(
        "adgangskoden", "")
    assert data["entries"][0]["started_local"] == "2026-07-01T22:30:00+02:00"
    assert data["days"] == [{"day": "2026-07-02", "contexts": ["coffee"],
                             "updated_at": data["days"][0]["updated_at"]}]
    r = client.get("/konto/data.csv")
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["record"] for row in rows] == ["entry", "day"]
    assert rows[0]["intensity"] == "6" and rows[0]["contexts"] == "alcohol"
    assert rows[0]["note"].startswith("'=")  # no formula injection into spreadsheets
    assert client.get("/api/account/export?format=csv").text == r.text


POST_FORMS = [
    ("/konto/opret", {"username": "x-y-z", "password": PW, "password2": PW}),
    ("/konto/log-ind", {"username": "x-y-z", "password": PW}),
    ("/konto/log-ud", {}),
    ("/konto/adgangskode", {"old_password": PW, "new_password": "abcdefghijk1",
                            "new_password2": "abcdefghijk1"}),
    ("/konto/slet", {"password": PW}),
    ("/dagbog", {"date": "2026-01-01", "time": "03:00", "duration_minutes": "1",
                 "intensity": "5", "leg": "both", "situation": "asleep"}),
    ("/dagbog/dag", {"day": "2026-01-01"}),
    ("/dagbog/registrering/{id}", {"date": "2026-01-01", "time": "03:00",
                                   "duration_minutes": "1", "intensity": "5"}),
    ("/dagbog/registrering/{id}/slet", {}),
]


@pytest.mark.parametrize(("path", "data"), POST_FORMS, ids=[p for p, _ in POST_FORMS])
def test_every_form_needs_a_valid_csrf_token(client_factory, database, path, data):
    c = client_factory()
    token = register_api(c, "csrf-offer")
    eid = c.post("/api/diary/entries", json={}, headers={"X-CSRF-Token": token}).json()["id"]
    path = path.replace("{id}", str(eid))
    before = (_count(database, User), _count(database, Entry), _count(database, UserSession))
    for bad in (None, "", "forfalsket", token + "x"):
        body = dict(data) if bad is None else {**data, "csrf_token": bad}
        r = c.post(path, data=body)
        assert r.status_code == 403, (path, bad, r.status_code)
        assert "Genindlæs siden" in r.text
    assert (_count(database, User), _count(database, Entry),
            _count(database, UserSession)) == before
    # The same token as a form field works (sanity: the test can fail).
    ok = c.post(path, data={**data, "csrf_token": token})
    assert ok.status_code != 403


def test_secret_key_generated_once_with_0600(_isolated_home, monkeypatch):
    from krampe.accounts import settings as acc
    from krampe.config import get_settings

    monkeypatch.delenv("KRAMPE_SECRET_KEY", raising=False)
    get_settings.cache_clear()
    acc._key_file.cache_clear()
    key = acc.secret_key()
    path = _isolated_home / "secret_key"
    assert path.read_text() == key and len(key) >= 40
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    acc._key_file.cache_clear()
    assert acc.secret_key() == key  # kept, not regenerated
    monkeypatch.setenv("KRAMPE_SECRET_KEY", "fra-konfigurationen-" + "x" * 30)
    get_settings.cache_clear()
    assert acc.secret_key().startswith("fra-konfigurationen-")


def test_no_secret_constant_in_code():
    from pathlib import Path

    import krampe.accounts as pkg

    source = "\n".join(p.read_text() for p in Path(pkg.__file__).parent.glob("*.py"))
    assert "URLSafeSerializer(secret_key()" in source
    assert "SECRET_KEY =" not in source.upper()


def test_nav_shows_account_state(client_factory):
    c = client_factory()
    assert "Log ind" in c.get("/konto/log-ind").text
    register_page(c, "navigator")
    page = c.get("/dagbog").text
    assert 'href="/konto"' in page and ">Log ind<" not in page
