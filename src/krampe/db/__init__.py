"""Storage: one Database object (engine + sessions) per process, schema kept by Alembic."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from krampe.db.base import Base, UTCDateTime, utcnow
from krampe.db.engine import default_url, make_engine, make_sessionmaker
from krampe.db.migrate import remember_at_head, upgrade

if TYPE_CHECKING:
    from starlette.datastructures import State

__all__ = ["Base", "Database", "UTCDateTime", "get_database", "scrub", "utcnow"]


class Database:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.sessions: sessionmaker[Session] = make_sessionmaker(engine)

    @classmethod
    def from_url(cls, url: str | None = None, *, migrate: bool = True) -> Database:
        db = cls(make_engine(url or default_url()))
        if migrate:
            db.upgrade()
        return db

    def upgrade(self) -> None:
        upgrade(self.engine)

    def remember_at_head(self) -> None:
        """Just upgraded: this process's workers skip the upgrade (`krampe serve`)."""
        remember_at_head(self.engine)

    def session(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def scrub(bind: object) -> None:
    """After deleting personal data: on SQLite, copy the WAL into the database file and
    truncate it, so deleted rows are not left in the -wal file (secure_delete, set on every
    connection, has zeroed them in the database file). PostgreSQL: nothing here; its
    autovacuum reclaims dead rows."""
    engine = getattr(bind, "engine", bind)
    if not isinstance(engine, Engine) or engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


_lock = threading.Lock()


def get_database(app_state: State) -> Database:
    """The app's Database, created (and the schema upgraded) on first use.

    `create_app` may set `app.state.krampe_db` at startup; otherwise the first request
    builds it from the settings, so the zero-config start still works.
    """
    db = getattr(app_state, "krampe_db", None)
    if db is None:
        with _lock:
            db = getattr(app_state, "krampe_db", None)
            if db is None:
                db = Database.from_url()
                app_state.krampe_db = db
    return db
