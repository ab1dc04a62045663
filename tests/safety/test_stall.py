"""A stalled database never freezes the server (issue: one logged-in page view froze it).

`krampe serve` runs on PostgreSQL; the test holds an ACCESS EXCLUSIVE lock on the session
table, so every logged-in request waits inside the database. While they wait, anonymous
pages, anonymous triage and `/healthz` must answer: that is an order, observed in
PostgreSQL itself (the logged-in diary request is still waiting on the lock after the
anonymous answers came back), not a measured time. The diary request then ends in a 503
with a Danish message once the statement timeout passes, and the logged-in home page
renders with a visitor's nav. Timeouts in the test only guard against a hang.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.postgres import fresh_schema, pg_url
from tests.server import serving

GUARD = 90  # seconds: only against a hang
STATEMENT_TIMEOUT = 10  # seconds, the server's KRAMPE_DB_STATEMENT_TIMEOUT


@pytest.fixture
def pg_schema() -> Iterator[tuple[str, str]]:
    """(url of a fresh schema of this test's own, schema name)."""
    with fresh_schema("stall") as url_and_name:
        yield url_and_name


def _waiting_on_lock(engine, schema: str) -> int:
    """Backends of the server waiting for the test's lock on the session table."""
    with engine.connect() as conn:
        return conn.scalar(text(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database() AND query ILIKE '%user_sessions%' "
            "AND pid <> pg_backend_pid()"))


def test_stalled_database_leaves_anonymous_pages_and_healthz_answering(tmp_path, pg_schema):
    url, schema = pg_schema
    env = {**os.environ, "DATABASE_URL": url, "KRAMPE_SECRET_KEY": secrets.token_urlsafe(48),
           "KRAMPE_DB_STATEMENT_TIMEOUT": str(STATEMENT_TIMEOUT)}
    monitor = create_engine(pg_url())
    holder = create_engine(url)
    try:
        with (serving(tmp_path, env=env) as base,
              httpx.Client(base_url=base, timeout=GUARD) as user):
            r = user.post("/api/account/register",
                          json={"username": "staller", "password": "en-lang-kode-42"})
            assert r.status_code == 201, r.text
            assert user.get("/dagbog").status_code == 200

            lock = holder.connect()
            lock.execute(text("LOCK TABLE user_sessions IN ACCESS EXCLUSIVE MODE"))
            pool = ThreadPoolExecutor(2)
            try:
                diary = pool.submit(user.get, "/dagbog")
                deadline = time.monotonic() + GUARD
                while _waiting_on_lock(monitor, schema) < 1:
                    assert time.monotonic() < deadline, "the diary request never waited"
                    assert not diary.done()
                    time.sleep(0.05)
                # The logged-in home page: its nav lookup waits in the database pool.
                home = pool.submit(user.get, "/")

                with httpx.Client(base_url=base, timeout=GUARD) as visitor:
                    assert visitor.get("/healthz").status_code == 200
                    assert visitor.get("/").status_code == 200
                    assert visitor.get("/nu").status_code == 200
                    t = visitor.post("/api/triage", json={"text": "krampe i læggen i nat"})
                    assert t.status_code == 200, t.text
                    assert visitor.get("/readyz").status_code == 200

                # Order: all of that was answered while the diary request still waits.
                assert _waiting_on_lock(monitor, schema) >= 1
                assert not diary.done()

                # The home page never needs the account: it is shown with a visitor's nav.
                page = home.result(timeout=GUARD)
                assert page.status_code == 200 and "Log ind" in page.text
                stalled = diary.result(timeout=GUARD)
                assert stalled.status_code == 503, stalled.text[:300]
                assert "midlertidigt utilgængelig" in stalled.text
                assert stalled.headers.get("retry-after")
            finally:
                lock.rollback()
                lock.close()
                pool.shutdown(wait=True, cancel_futures=True)

            # The lock gone, the same session works again without a restart.
            assert user.get("/dagbog").status_code == 200
            assert user.get("/readyz").json() == {"status": "ok", "database": "ok"}
    finally:
        holder.dispose()
        monitor.dispose()
    log = (tmp_path / "server.log").read_text(errors="replace")
    assert "Traceback" not in log
