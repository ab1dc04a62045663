"""A database outage is a 503 with a Danish message and Retry-After, never a 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import IntegrityError, OperationalError

from krampe.web.errors import DB_UNAVAILABLE


@pytest.fixture
def client():
    from krampe.web.app import create_app

    app = create_app(["bundled"])

    def refused():
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("connection refused"))

    def constraint():
        raise IntegrityError("INSERT", {}, ValueError("duplicate key"))

    app.add_api_route("/api/_db_down", refused)
    app.add_api_route("/_db_down", refused)
    app.add_api_route("/api/_db_bug", constraint)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_api_outage_is_503_contract_error(client):
    r = client.get("/api/_db_down")
    assert r.status_code == 503
    assert r.json() == {"error": "database_unavailable", "message": DB_UNAVAILABLE}
    assert int(r.headers["Retry-After"]) > 0


def test_page_outage_is_danish_html_503(client):
    r = client.get("/_db_down")
    assert r.status_code == 503 and r.headers["content-type"].startswith("text/html")
    assert "midlertidigt utilgængelig" in r.text and "Traceback" not in r.text
    assert "Retry-After" in r.headers


def test_other_database_errors_stay_internal(client):
    r = client.get("/api/_db_bug")
    assert r.status_code == 500 and r.json()["error"] == "internal_error"


def test_readyz_checks_the_database_and_healthz_does_not():
    """/healthz is liveness (no database); the new /readyz answers 503 when the database
    cannot be reached within the connect timeout, and 200 when it can."""
    from krampe.db import Database
    from krampe.db.engine import make_engine
    from krampe.web.app import create_app

    app = create_app(["bundled"])
    with TestClient(app, raise_server_exceptions=False) as c:
        assert c.get("/readyz").json() == {"status": "ok", "database": "ok"}
        # Nothing listens on port 1: connection refused.
        app.state.krampe_db = Database(make_engine("postgresql+psycopg://u@127.0.0.1:1/x"))
        r = c.get("/readyz")
        assert r.status_code == 503
        assert r.json() == {"error": "database_unavailable", "message": DB_UNAVAILABLE}
        assert c.get("/healthz").status_code == 200


def test_engine_carries_the_time_limits(monkeypatch):
    from krampe.config import get_settings
    from krampe.db.engine import make_engine

    monkeypatch.setenv("KRAMPE_DB_STATEMENT_TIMEOUT", "2.5")
    monkeypatch.setenv("KRAMPE_DB_CONNECT_TIMEOUT", "3")
    get_settings.cache_clear()
    try:
        pg = make_engine("postgresql://u@127.0.0.1:1/x?options=-csearch_path%3Ds")
        assert pg.url.query["options"] == "-csearch_path=s -c statement_timeout=2500"
        assert pg.url.query["connect_timeout"] == "3"
        lite = make_engine("sqlite://")
        with lite.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500
    finally:
        get_settings.cache_clear()
