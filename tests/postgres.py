"""The test PostgreSQL server: KRAMPE_TEST_DATABASE_URL, and schemas of a test's own in it.

Without a PostgreSQL server a test that needs one skips on a user's machine and fails on
CI (`_need`).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from tests.conftest import _need

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/krampe_test"


def pg_url() -> str:
    """The test database's URL (the database itself may not exist yet)."""
    return os.environ.get("KRAMPE_TEST_DATABASE_URL", DEFAULT_PG)


def ensure_database(url: str) -> None:
    """Create the URL's database when it is missing; `_need` a reachable server."""
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                 {"n": parsed.database})
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    except OperationalError as exc:
        _need(False, f"PostgreSQL is not reachable at {url}: {str(exc).splitlines()[0]}")
    finally:
        admin.dispose()


def with_search_path(url: str, schema: str) -> str:
    """`url` with the schema as the search path of every connection made from it."""
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def fresh_schema(prefix: str) -> Iterator[tuple[str, str]]:
    """(url, schema name) of a new empty schema in the test database, dropped afterwards.

    The name carries the process id and a random part: runs on the shared server never
    meet."""
    base = pg_url()
    ensure_database(base)
    schema = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield with_search_path(base, schema), schema
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()
