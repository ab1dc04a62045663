"""Engine and session factory: SQLite (WAL) under KRAMPE_HOME, or PostgreSQL via DATABASE_URL."""

from __future__ import annotations

import contextlib
import functools
import math
import os
import stat
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from krampe.config import Settings, get_settings
from krampe.errors import KrampeError


def default_url(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    if settings.database_url:
        return settings.database_url
    home = settings.ensure_home()
    return f"sqlite:///{home / 'krampe.db'}"


def _sqlite_pragmas(dbapi_conn, _record, busy_ms: int = 10000) -> None:
    cur = dbapi_conn.cursor()
    # WAL: readers never block the writer, and a crash leaves a consistent database.
    cur.execute("PRAGMA journal_mode=WAL")
    # FULL fsyncs the WAL on every commit. NORMAL would survive a process crash
    # (SIGKILL) but may lose the last commits on power loss; an entry we answered
    # 2xx for must survive both, and the diary's write rate is tiny.
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    # Several uvicorn workers may write at once: wait for the lock instead of failing, up
    # to the statement timeout (then the request answers 503).
    cur.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
    # Deleted rows are overwritten with zeros, not left in free space (account deletion).
    cur.execute("PRAGMA secure_delete=ON")
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


def make_engine(url: str, settings: Settings | None = None, **kwargs) -> Engine:
    """An engine with the settings' time limits (connect, statement, pool wait)."""
    settings = settings or get_settings()
    statement_ms = max(1, round(settings.db_statement_timeout * 1000))
    # Statement parameters (user names, notes) never reach an error message or a log line.
    kwargs.setdefault("hide_parameters", True)
    kwargs.setdefault("pool_timeout", settings.db_pool_timeout)
    if url.startswith("sqlite"):
        path = make_url(url).database
        if path and path != ":memory:" and not path.startswith("file:"):
            private_sqlite_file(Path(path))
        kwargs.pop("pool_timeout")  # SQLite's pool has no wait
        engine = create_engine(url, connect_args={
            "check_same_thread": False, "timeout": settings.db_statement_timeout,
        }, **kwargs)
        event.listen(engine, "connect",
                     functools.partial(_sqlite_pragmas, busy_ms=statement_ms))
        return engine
    if not url.startswith(("postgres://", "postgresql")):
        raise KrampeError("DATABASE_URL skal begynde med sqlite:/// eller "
                          "postgresql+psycopg://", code="database_url")
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    parsed = make_url(url)
    # Server-side: a statement (or a wait for a lock) longer than this is cancelled. Added
    # to the URL's own `options` (tests put search_path there). A connect_timeout in the
    # URL wins over the setting.
    options = f"{parsed.query.get('options', '')} -c statement_timeout={statement_ms}".strip()
    query = {"options": options}
    if "connect_timeout" not in parsed.query:
        query["connect_timeout"] = str(max(1, math.ceil(settings.db_connect_timeout)))
    parsed = parsed.update_query_dict(query)
    # Connections per process are bounded by settings (docs/deploy.md has the budget
    # against PostgreSQL's max_connections); a request waiting longer than the pool
    # timeout for one gets a 503, not a hang.
    kwargs.setdefault("pool_size", settings.db_pool_size)
    kwargs.setdefault("max_overflow", settings.db_max_overflow)
    return create_engine(parsed, pool_pre_ping=True, **kwargs)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
