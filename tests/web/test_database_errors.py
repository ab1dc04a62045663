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
