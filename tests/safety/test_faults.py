"""Fault tests (HAZ-13, HAZ-16): database outage, full KRAMPE_HOME, corrupted index cache."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.postgres import fresh_schema, pg_url, with_search_path
from tests.safety.tcpproxy import TCPProxy

# --- (a) PostgreSQL unreachable while the app runs ------------------------------------------

@pytest.fixture
def proxied_pg() -> Iterator[tuple[str, str, TCPProxy]]:
    """(url through the proxy, direct url, proxy) for a fresh schema of this test's own."""
    with fresh_schema("fault") as (direct_url, schema):
        parsed = make_url(pg_url())
        proxy = TCPProxy((parsed.host or "127.0.0.1", parsed.port or 5432))
        via_proxy = with_search_path(parsed.set(host="127.0.0.1", port=proxy.port)
                                     .render_as_string(hide_password=False), schema)
        try:
            yield via_proxy, direct_url, proxy
        finally:
            proxy.close()


def _post_entry(client: TestClient, token: str, n: int):
    return client.post("/api/diary/entries", headers={"X-CSRF-Token": token},
                       json={"intensity": n % 11, "note": f"fault-{n}"})


def _run_outage(proxied_pg) -> dict:
    """Write, cut the database, write, restore, write. Returns what was observed."""
    from krampe.db import Database
    from krampe.web.app import create_app

    via_proxy, direct_url, proxy = proxied_pg
    app = create_app(["bundled"])
    app.state.krampe_db = Database.from_url(via_proxy)  # migrates through the proxy
    acknowledged: list[str] = []
    outage = []
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/api/account/register",
                        json={"username": "fault", "password": "en-lang-kode-42"})
        assert r.status_code == 201, r.text
        token = r.json()["csrf_token"]
        n = 0
        for _ in range(5):
            r = _post_entry(client, token, n)
            assert r.status_code == 201, r.text
            acknowledged.append(f"fault-{n}")
            n += 1
        proxy.cut()
        for _ in range(5):
            r = _post_entry(client, token, n)
            outage.append(r)
            if r.status_code == 201:
                acknowledged.append(f"fault-{n}")
            n += 1
        page = client.get("/dagbog")
        proxy.restore()
        recovered = None
        for _ in range(3):  # the pool replaces dead connections on the next checkout
            r = _post_entry(client, token, n)
            if r.status_code == 201:
                acknowledged.append(f"fault-{n}")
                recovered = r
                break
            n += 1
        health = client.get("/healthz")
    app.state.krampe_db.dispose()
    engine = create_engine(direct_url)
    with engine.connect() as conn:
        stored = set(conn.scalars(text("SELECT note FROM diary_entries")))
    engine.dispose()
    return {"acknowledged": acknowledged, "outage": outage, "page": page,
            "recovered": recovered, "stored": stored, "health": health}


@pytest.mark.postgres
def test_database_outage_loses_nothing_and_recovers_without_restart(proxied_pg):
    seen = _run_outage(proxied_pg)
    # Nothing acknowledged is lost: every 201 is in the database.
    assert set(seen["acknowledged"]) <= seen["stored"]
    # During the outage no write is acknowledged, and nothing leaks a traceback.
    for r in seen["outage"]:
        assert r.status_code >= 500, r.text
        assert "Traceback" not in r.text and "psycopg" not in r.text.lower()
        assert r.json()["message"].strip()
    assert "Traceback" not in seen["page"].text
    # Recovery without restart.
    assert seen["recovered"] is not None, "no write succeeded after the database came back"
    assert seen["health"].status_code == 200


@pytest.mark.postgres
def test_database_outage_gives_503_with_danish_message(proxied_pg):
    seen = _run_outage(proxied_pg)
    for r in seen["outage"]:
        assert r.status_code == 503, (r.status_code, r.text)
        assert r.json()["error"] != "internal_error"
    assert seen["page"].status_code == 503


# --- (b) a full KRAMPE_HOME --------------------------------------------------------------------

FULL_HOME_SCRIPT = textwrap.dedent("""
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit -> EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    from krampe.cli import main
    sys.argv = ["krampe"] + sys.argv[1:]
    main()
""")


def _krampe_with_full_disk(home, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KRAMPE_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("DATABASE_URL", None)
    return subprocess.run([sys.executable, "-c", FULL_HOME_SCRIPT, *args], env=env,
                          capture_output=True, text=True, timeout=120)


def test_full_home_is_a_clear_danish_error(tmp_path):
    """The index cache cannot be written: answer anyway, or one Danish line and exit 2."""
    home = tmp_path / "home"
    proc = _krampe_with_full_disk(home, "ask", "--json", "hvorfor får jeg krampe om natten?")
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    if proc.returncode == 0:
        assert '"answered"' in proc.stdout
    else:
        assert proc.returncode in (1, 2)
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1 and any(ch in lines[0] for ch in "æøå"), proc.stderr


def test_full_home_serve_is_a_clear_danish_error(tmp_path):
    env = {**os.environ, "KRAMPE_HOME": str(tmp_path / "home")}
    env.pop("DATABASE_URL", None)
    # port 0: should it start after all, it takes a free port rather than someone's
    proc = subprocess.Popen([sys.executable, "-c", FULL_HOME_SCRIPT, "serve", "--port", "0"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail("krampe serve kept running although KRAMPE_HOME is full")
    assert "Traceback" not in err, err[-1500:]
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert proc.returncode == 2 and len(lines) == 1 and any(c in lines[0] for c in "æøå")


# --- (c) a corrupted index cache -------------------------------------------------------------

def _cache_files(home) -> list:
    return [p for p in (home / "index").rglob("*") if p.is_file()]


def test_corrupted_index_cache_is_rebuilt(_isolated_home):
    from krampe.knowledge.kb import KnowledgeBase, forget_loaded

    forget_loaded()
    first = KnowledgeBase.load(["bundled"])
    expected = first.search("hvorfor får jeg krampe om natten?", 3).model_dump()
    files = _cache_files(_isolated_home)
    assert files, f"no index cache written under {_isolated_home}"
    for i, path in enumerate(files):
        data = path.read_bytes()
        # Truncate one, scribble over the rest: both are what a crash or full disk leaves.
        path.write_bytes(data[: len(data) // 3] if i % 2 == 0 else b"\x00garbage" * 50)
    forget_loaded()  # the next load must go to disk, as a new process would
    again = KnowledgeBase.load(["bundled"])
    assert again.from_cache is False, "a corrupted cache was used"
    assert again.search("hvorfor får jeg krampe om natten?", 3).model_dump() == expected
    # ... and the cache was written again, readable by the next load.
    forget_loaded()
    third = KnowledgeBase.load(["bundled"])
    assert third.from_cache is True
    assert third.search("hvorfor får jeg krampe om natten?", 3).model_dump() == expected
