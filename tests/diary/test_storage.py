"""Schema, migrations and engine settings on SQLite and PostgreSQL; the db CLI."""

from __future__ import annotations

import os
import stat

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from krampe.db import Base, Database
from krampe.db.migrate import current_revision, downgrade, upgrade


def test_migrations_match_the_models_and_go_down_and_up(database):
    assert current_revision(database.engine) == "0004"
    with database.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []
    indexes = {i["name"]: i["column_names"]
               for i in inspect(database.engine).get_indexes("diary_entries")}
    assert indexes["ix_diary_entries_user_started"] == ["user_id", "started_at"]
    if database.engine.dialect.name == "postgresql":
        # Covering: the pattern query reads the index only (migration 0002).
        with database.engine.connect() as conn:
            definition = conn.scalar(text(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_diary_entries_user_started'"
                " AND schemaname = current_schema()"))
        assert "INCLUDE (duration_seconds, intensity, situation" in definition
        downgrade(database.engine, "0001")
        assert current_revision(database.engine) == "0001"
        upgrade(database.engine)
    downgrade(database.engine, "base")
    assert "diary_entries" not in inspect(database.engine).get_table_names()
    upgrade(database.engine)
    upgrade(database.engine)  # idempotent
    assert current_revision(database.engine) == "0004"


def test_sqlite_runs_wal_full_sync_and_foreign_keys(tmp_path):
    db = Database.from_url(f"sqlite:///{tmp_path / 'x.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()


def test_foreign_keys_cascade_on_user_delete(database):
    with database.engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, username, password_hash, created_at) "
                          "VALUES (7, 'fk', 'x', CURRENT_TIMESTAMP)"))
        conn.execute(text(
            "INSERT INTO diary_entries (user_id, started_at, duration_seconds, intensity, leg,"
            " situation, disturbed_sleep, disturbed_work, contexts, created_at, updated_at) "
            "VALUES (7, CURRENT_TIMESTAMP, 60, 5, 'both', 'other', false, false, '[]', "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
    with database.engine.begin() as conn:
        conn.execute(text("DELETE FROM users WHERE id = 7"))
        assert conn.execute(text("SELECT count(*) FROM diary_entries")).scalar() == 0


def test_db_cli_upgrade_and_status(_isolated_home):
    from krampe.cli import _register_all, app

    _register_all()
    runner = CliRunner()
    r = runner.invoke(app, ["db", "status"])
    assert r.exit_code == 0 and "ikke oprettet endnu" in r.output
    r = runner.invoke(app, ["db", "upgrade"])
    assert r.exit_code == 0 and "version 0004" in r.output
    assert (_isolated_home / "krampe.db").exists()
    r = runner.invoke(app, ["db", "status"])
    assert "version 0004" in r.output


def test_home_and_database_files_are_owner_only(tmp_path, monkeypatch):
    """Regression: KRAMPE_HOME was created 0755 and krampe.db, -wal and -shm 0644, so other
    users of the machine could read the diary."""
    from krampe.config import get_settings
    from krampe.db import Database

    old = os.umask(0o022)
    try:
        home = tmp_path / "ny" / "krampe"
        monkeypatch.setenv("KRAMPE_HOME", str(home))
        monkeypatch.delenv("DATABASE_URL", raising=False)
        monkeypatch.delenv("KRAMPE_DATABASE_URL", raising=False)
        get_settings.cache_clear()
        db = Database.from_url()
        with db.engine.begin() as conn:  # a write, so the -wal and -shm files exist
            conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x)")
            conn.exec_driver_sql("INSERT INTO t VALUES (1)")
            files = sorted(p.name for p in home.iterdir())
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in home.iterdir()}
        db.dispose()
    finally:
        os.umask(old)
        get_settings.cache_clear()
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert {"krampe.db", "krampe.db-wal", "krampe.db-shm"} <= set(files), files
    assert all(mode & 0o077 == 0 for mode in modes.values()), modes
