"""Fixtures for the deployment tests: haproxy, a PostgreSQL database of their own.

They skip on a machine without haproxy or PostgreSQL and fail on CI (`_need`).
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from tests.conftest import REPO, _need
from tests.postgres import pg_url

BENCH = REPO / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))


@pytest.fixture(scope="session")
def haproxy_bin() -> str:
    path = shutil.which("haproxy") or "/usr/sbin/haproxy"
    _need(Path(path).exists(), "Debian's haproxy is not installed (apt-get install haproxy)")
    return path


@pytest.fixture
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    base = make_url(pg_url())
    name = f"krampe_deploy_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        _need(False, f"PostgreSQL is not reachable at {base}: {str(exc).splitlines()[0]}")
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def cluster_env(pg_database: str) -> dict[str, str]:
    """What every backend shares: the database, the secret key, haproxy as trusted proxy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAMPE_")}
    env.update({
        "DATABASE_URL": pg_database,
        "KRAMPE_SECRET_KEY": secrets.token_urlsafe(48),
        "KRAMPE_TRUSTED_PROXIES": "127.0.0.1",
        "KRAMPE_ENGINE_WORKERS": "1",
        # The rolling restart asks questions in a tight loop from one client: the
        # per-client question limit is raised for it.
        "KRAMPE_API_RATE_LIMIT": "100000/minute",
        "PYTHONPATH": str(REPO / "src"),
    })
    return env
