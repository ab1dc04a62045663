"""Database fixtures shared by tests/diary and tests/accounts.

`database_url` runs a test on SQLite (in the test's KRAMPE_HOME) and on PostgreSQL
(KRAMPE_TEST_DATABASE_URL; the database is created when missing, each test run gets
its own schema and every test starts from empty tables). Without a PostgreSQL server
the PostgreSQL half skips, and fails on CI like every other `_need`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from krampe.db import Database
from tests.postgres import fresh_schema

TABLES = ["idempotency_keys", "diary_day_totals", "diary_entries", "diary_days",
          "user_sessions", "rate_limits", "users"]


@pytest.fixture(scope="session")
def pg_schema_url() -> Iterator[str]:
    with fresh_schema("t") as (url, _):
        Database.from_url(url).dispose()  # made (migrated) once for the session
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, _isolated_home) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{_isolated_home / 'krampe.db'}"
    url = request.getfixturevalue("pg_schema_url")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database.from_url(database_url, migrate=database_url.startswith("sqlite"))
    yield db
    db.dispose()


class Clock:
    """An injectable 'now' for the diary (app.state.diary_clock)."""

    def __init__(self, now: datetime | None = None):
        self.now = now

    def __call__(self) -> datetime:
        from krampe.db.base import utcnow

        return self.now or utcnow()


def build_app(database: Database, clock: Clock | None = None) -> FastAPI:
    """The diary and account routers on a bare app with the web app's error handling."""
    from krampe.web import errors
    from krampe.web.app import install_accounts_and_diary

    app = FastAPI()
    errors.install(app)
    install_accounts_and_diary(app)
    app.state.krampe_db = database
    app.state.diary_clock = clock or Clock()
    return app


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(database: Database, clock: Clock) -> FastAPI:
    return build_app(database, clock)


@pytest.fixture
def client_factory(app: FastAPI) -> Callable[[], TestClient]:
    def make() -> TestClient:
        return TestClient(app, base_url="http://testserver", follow_redirects=False)

    return make


@pytest.fixture
def client(client_factory) -> TestClient:
    return client_factory()


CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def form_token(client: TestClient, path: str) -> str:
    page = client.get(path)
    assert page.status_code == 200, page.text
    match = CSRF_RE.search(page.text)
    assert match, "no CSRF field on " + path
    return match.group(1)


def register_page(client: TestClient, username: str, password: str = "hemmelig-kode") -> None:
    token = form_token(client, "/konto/opret")
    r = client.post("/konto/opret", data={"username": username, "password": password,
                                          "password2": password, "csrf_token": token})
    assert r.status_code == 303, r.text


def register_api(client: TestClient, username: str, password: str = "hemmelig-kode") -> str:
    """Register via the API; returns the CSRF token for X-CSRF-Token."""
    r = client.post("/api/account/register", json={"username": username, "password": password})
    assert r.status_code == 201, r.text
    return r.json()["csrf_token"]
