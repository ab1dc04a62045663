"""The engine and database pools: bounded, separate, and a full one answers a Danish 503.

Behaviour only (never timing): a call held inside a pool keeps its slot; what comes on
top of workers + queue is refused at once with Retry-After, while the event loop, the
other pool and /healthz go on answering.
"""

from __future__ import annotations

import asyncio
import threading

import anyio
import anyio.to_thread
import httpx
import pytest

from krampe.config import Settings
from krampe.web.app import create_app
from krampe.web.offload import ProcessPool, get_pools
from krampe.web.services import get_services


def _app(tmp_path, **overrides):
    settings = Settings(home=tmp_path, database_url=None, secret_key=None,
                        **{"engine_executor": "thread", **overrides})
    return create_app(["bundled"], settings)


def _hold(services, method: str):
    """Make services.<method> wait until released; returns (started, release)."""
    started, release = threading.Event(), threading.Event()
    real = getattr(services, method)

    def held(*args, **kwargs):
        started.set()
        release.wait(60)
        return real(*args, **kwargs)

    setattr(services, method, held)
    return started, release


async def _client(app):
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


def test_full_engine_pool_is_a_danish_503_and_health_still_answers(tmp_path):
    app = _app(tmp_path, engine_workers=1, engine_queue=1)
    started, release = _hold(get_services(app), "ask_bytes")

    async def scenario():
        async with await _client(app) as client:
            running = asyncio.create_task(client.post("/api/ask", json={"q": "krampe"}))
            await anyio.to_thread.run_sync(started.wait, 30)
            queued = asyncio.create_task(client.get("/api/ask", params={"q": "kramper"}))
            while get_pools(app).engine.admitted < 2:
                await asyncio.sleep(0.01)
            refused = await client.post("/api/ask", json={"q": "krampe i læggen"})
            page = await client.post("/", data={"q": "krampe i læggen"})
            health = await client.get("/healthz")
            release.set()
            return refused, page, health, await running, await queued

    refused, page, health, first, second = anyio.run(scenario)
    assert refused.status_code == 503
    assert refused.headers["retry-after"].isdigit()
    assert refused.json()["error"] == "overloaded"
    assert "travlt" in refused.json()["message"]
    assert page.status_code == 503 and "travlt" in page.text and "<html" in page.text
    assert health.status_code == 200 and health.json()["status"] == "ok"
    assert first.status_code == 200 and second.status_code == 200
    assert get_pools(app).engine.admitted == 0
    assert get_pools(app).engine.refused == 2


def test_a_stalled_database_does_not_starve_anonymous_triage(tmp_path):
    app = _app(tmp_path, db_pool_size=1, db_max_overflow=0, db_queue=0)
    stalled = threading.Event()

    async def scenario():
        async with await _client(app) as client:
            pools = get_pools(app)
            blocker = asyncio.create_task(pools.run_db(stalled.wait, 60))
            while pools.db.admitted < 1:
                await asyncio.sleep(0.01)
            account = await client.post("/api/account/register",
                                        json={"username": "anna", "password": "x" * 16})
            page = await client.get("/konto/opret")
            triage = await client.post("/api/triage", json={"text": "krampe i læggen om natten"})
            ask = await client.post("/api/ask", json={"q": "hjælper magnesium?"})
            stalled.set()
            await blocker
            later = await client.post("/api/account/register",
                                      json={"username": "anna", "password": "x" * 16})
            return account, page, triage, ask, later

    account, page, triage, ask, later = anyio.run(scenario)
    assert account.status_code == 503 and account.json()["error"] == "overloaded"
    assert "Retry-After" in account.headers
    assert page.status_code == 503 and "travlt" in page.text
    assert triage.status_code == 200 and triage.json()["level"]
    assert ask.status_code == 200
    assert later.status_code == 201


def test_input_errors_come_back_from_an_engine_process(tmp_path):
    app = _app(tmp_path, engine_executor="process", engine_workers=1)
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        pools = get_pools(app)
        assert isinstance(pools.engine, ProcessPool)
        pids = pools.engine.pids()
        assert len(pids) == 1 and all(pid > 0 for pid in pids)
        too_long = client.post("/api/ask", json={"q": "krampe " * 2000})
        assert too_long.status_code == 422 and too_long.json()["error"] == "too_long"
        ok = client.post("/api/triage", json={"text": "min læg er hævet og varm"})
        assert ok.status_code == 200 and ok.json()["level"] in ("urgent", "emergency")
    assert pools.engine.pids() == []  # shut down with the app


def _nice(pid: int) -> int:
    from pathlib import Path

    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def test_engine_processes_yield_the_cores_to_the_event_loop(tmp_path):
    import os

    app = _app(tmp_path, engine_executor="process", engine_workers=1, engine_nice=7)
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        (pid,) = get_pools(app).engine.pids()
        assert _nice(pid) == _nice(os.getpid()) + 7 or _nice(pid) == 19
        assert client.post("/api/ask", json={"q": "krampe om natten"}).status_code == 200


@pytest.mark.parametrize("executor", ["thread", "process"])
def test_both_executors_give_the_same_answers(tmp_path, executor):
    from fastapi.testclient import TestClient

    app = _app(tmp_path, engine_executor=executor)
    with TestClient(app) as client:
        answer = client.post("/api/ask", json={"q": "hvorfor får jeg krampe om natten?"}).json()
        direct = get_services(app).ask_json("hvorfor får jeg krampe om natten?", 5)
        assert {k: answer[k] for k in direct} == direct


def test_a_killed_engine_process_is_replaced(tmp_path):
    import os
    import signal

    from fastapi.testclient import TestClient

    app = _app(tmp_path, engine_executor="process", engine_workers=1)
    with TestClient(app) as client:
        (pid,) = get_pools(app).engine.pids()
        os.kill(pid, signal.SIGKILL)
        lost = client.post("/api/ask", json={"q": "krampe om natten"})
        assert lost.status_code == 503 and lost.json()["error"] == "overloaded"
        assert client.post("/api/ask", json={"q": "krampe om natten"}).status_code == 200
        (fresh,) = get_pools(app).engine.pids()
        assert fresh != pid
