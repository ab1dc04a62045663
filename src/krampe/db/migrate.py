"""Alembic, configured in code: the migrations ship inside the package."""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, text

MIGRATIONS = Path(__file__).resolve().parents[1] / "migrations"


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    url = engine.url.render_as_string(hide_password=False)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # configparser syntax
    cfg.attributes["engine"] = engine
    return cfg


@contextmanager
def _upgrade_lock(engine: Engine):
    """Several workers may start at once: only one runs the migrations at a time."""
    if engine.dialect.name == "sqlite":
        db_path = engine.url.database
        if not db_path or db_path == ":memory:":
            yield
            return
        lock_path = Path(db_path).with_suffix(".migrate.lock")
        fd = os.open(lock_path, os.O_WRONLY | os.O_CREAT, 0o600)
        with os.fdopen(fd, "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
    elif engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # Another worker may be migrating: wait for it beyond the statement timeout.
            conn.execute(text("SET LOCAL statement_timeout = 0"))
            conn.execute(text("SELECT pg_advisory_lock(4711)"))
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(4711)"))
                conn.commit()
    else:
        yield


# Databases `krampe serve`'s pre-flight brought to head in this process: its workers
# (this process, or forked from it) skip Alembic's start-up, ~0.3 s each.
_AT_HEAD: set[str] = set()


def _key(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def remember_at_head(engine: Engine) -> None:
    """Called right after an upgrade to head that this process's workers may rely on."""
    _AT_HEAD.add(_key(engine))


def upgrade(engine: Engine, revision: str = "head") -> None:
    if revision == "head" and _key(engine) in _AT_HEAD:
        return
    with _upgrade_lock(engine):
        command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str) -> None:
    _AT_HEAD.discard(_key(engine))
    with _upgrade_lock(engine):
        command.downgrade(alembic_config(engine), revision)



def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
