"""Engine and session factory: SQLite (WAL) under KRAMPE_HOME, or PostgreSQL via DATABASE_URL."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from krampe.config import Settings, get_settings
from krampe.errors import KrampeError


def default_url(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    if settings.database_url:
        return settings.database_url
    home = settings.ensure_home()
    return f"sqlite:///{home / 'krampe.db'}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers never block the writer, and a crash leaves a consistent database.
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL fsyncs the WAL on every commit. NORMAL would survive a process crash
    # (SIGKILL) but may lose the last commits on power loss; an entry we answered
    # 2xx for must survive both, and the diary's write rate is tiny.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    # Several uvicorn workers may write at once: wait for the lock instead of failing.
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


# The database and its -wal/-shm/-journal files hold health data: owner-only.
PRIVATE_FILE = 0o600
_SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")


def private_sqlite_file(path: Path) -> None:
    """Create the SQLite file owner-only before SQLite does (SQLite gives its -wal and
    -shm files the mode of the database file), and tighten files an older version made."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    os.close(fd)
    for candidate in (path, *(path.with_name(path.name + s) for s in _SQLITE_SIDE_FILES)):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            if stat.S_IMODE(candidate.stat().st_mode) & 0o077:
                candidate.chmod(PRIVATE_FILE)


def make_engine(url: str, **kwargs) -> Engine:
    # Statement parameters (user names, notes) never reach an error message or a log line.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1].split("?", 1)[0]
        if path and path != ":memory:" and not path.startswith("file:"):
            private_sqlite_file(Path(path))
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if not url.startswith(("postgres://", "postgresql")):
        raise KrampeError("DATABASE_URL skal begynde med sqlite:/// eller "
                          "postgresql+psycopg://", code="database_url")
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    # Connections per process are bounded by settings (docs/deploy.md has the budget
    # against PostgreSQL's max_connections); a request waiting longer than the pool
    # timeout for one gets a 503, not a hang.
    settings = get_settings()
    kwargs.setdefault("pool_size", settings.db_pool_size)
    kwargs.setdefault("max_overflow", settings.db_max_overflow)
    kwargs.setdefault("pool_timeout", settings.db_pool_timeout)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
