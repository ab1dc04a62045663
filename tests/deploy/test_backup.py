"""Backup and restore as docs/deploy.md describes: pg_dump -Fc, pg_restore into a new
database, and krampe serves the restored accounts and diary."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from krampe.config import Settings, get_settings
from krampe.db import Database
from krampe.db.migrate import current_revision
from krampe.web.app import create_app
from tests.conftest import _need

pytestmark = pytest.mark.postgres
PASSWORD = "en-lang-hemmelig-kode"


def _libpq(url: str) -> list[str]:
    u = make_url(url)
    return ["-h", u.host or "127.0.0.1", "-p", str(u.port or 5432), "-U", u.username or "postgres"]


def _app(tmp_path, url: str, name: str, monkeypatch):
    # The app opens the database of the process's settings (DATABASE_URL).
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    settings = Settings(home=tmp_path / name, database_url=url, secret_key="r" * 48,
                        engine_executor="thread")
    return create_app(["bundled"], settings)


def test_pg_dump_and_pg_restore_round_trip(tmp_path, pg_database, monkeypatch):
    _need(bool(shutil.which("pg_dump") and shutil.which("pg_restore")),
          "pg_dump/pg_restore are not installed (postgresql-client)")
    with TestClient(_app(tmp_path, pg_database, "before", monkeypatch)) as c:
        r = c.post("/api/account/register", json={"username": "dorte", "password": PASSWORD})
        csrf = {"X-CSRF-Token": r.json()["csrf_token"]}
        for n in range(5):
            assert c.post("/api/diary/entries", headers=csrf,
                          json={"intensity": n, "duration_seconds": 90}).status_code == 201
        assert c.put("/api/diary/days/2026-11-01", headers=csrf,
                     json={"contexts": ["coffee"]}).status_code == 200

    dump = tmp_path / "krampe.dump"
    source = make_url(pg_database)
    subprocess.run(["pg_dump", "-Fc", "--no-owner", *_libpq(pg_database), "-f", str(dump),
                    source.database], check=True, capture_output=True, timeout=120)
    restored_name = f"{source.database}_restored"
    admin = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{restored_name}"'))
    try:
        subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", *_libpq(pg_database),
                        "-d", restored_name, str(dump)], check=True, capture_output=True,
                       timeout=120)
        restored = source.set(database=restored_name).render_as_string(hide_password=False)
        db = Database.from_url(restored, migrate=False)
        assert current_revision(db.engine) == "0004"  # the schema version came along
        db.dispose()
        with TestClient(_app(tmp_path, restored, "after", monkeypatch)) as c:
            r = c.post("/api/account/login", json={"username": "dorte", "password": PASSWORD})
            assert r.status_code == 200
            entries = c.get("/api/diary/entries").json()
            assert sorted(e["intensity"] for e in entries) == [0, 1, 2, 3, 4]
            days = c.get("/api/diary/days").json()
            assert days and days[0]["contexts"] == ["coffee"]
            # New rows get new ids: the sequences were restored with the data.
            csrf = {"X-CSRF-Token": r.json()["csrf_token"]}
            r = c.post("/api/diary/entries", headers=csrf,
                       json={"intensity": 9, "duration_seconds": 30})
            assert r.status_code == 201 and r.json()["id"] > max(e["id"] for e in entries)
        for url, rows in ((restored, 6), (pg_database, 5)):  # two separate databases
            engine = create_engine(url)
            with engine.connect() as conn:
                assert conn.scalar(text("SELECT count(*) FROM diary_entries")) == rows
            engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{restored_name}" WITH (FORCE)'))
        admin.dispose()
