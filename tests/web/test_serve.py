"""`krampe serve` wiring: bad input exits 2 in Danish; workers get the --kb specs via env."""

from __future__ import annotations

import json
import subprocess
import sys

from fastapi.testclient import TestClient


def test_serve_rejects_missing_kb_with_exit_2():
    proc = subprocess.run(
        [sys.executable, "-m", "krampe", "serve", "--kb", "/findes/ikke", "--port", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith("fejl: ") and "Traceback" not in proc.stderr


def test_app_factory_reads_kb_specs_from_env(monkeypatch, seeds_dir):
    from krampe.web.app import KB_ENV, app_from_env

    specs = ["bundled", str(seeds_dir)]
    monkeypatch.setenv(KB_ENV, json.dumps(specs))
    with TestClient(app_from_env()) as client:
        health = client.get("/healthz").json()
        assert health["knowledge_base"] == specs
        page = client.get("/kilder").text
        services = client.app.state.services
        seeds = [a for a in services.articles if not a.bundled]
        assert len(seeds) == 2
        for art in seeds:
            assert art.title in page
            assert art.published or art.updated, "the seed articles carry dates"
        assert "tilføjet artikel" in page


def _serve_fails(env_extra: dict, tmp_path) -> subprocess.CompletedProcess:
    import os
    import socket

    # A port nobody listens on, for the database: held bound (never listening) for the
    # whole run, so connections are refused and no other process can take it meanwhile.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
        env = {**os.environ, "KRAMPE_HOME": str(tmp_path / "home"), **env_extra}
        env = {k: v.replace("{port}", str(port)) for k, v in env.items()}
        return subprocess.run([sys.executable, "-m", "krampe", "serve", "--port", "1"],
                              env=env, capture_output=True, text=True, timeout=120)


def test_serve_with_unreachable_database_is_one_danish_line(tmp_path):
    proc = _serve_fails({"DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:{port}/x",
                         "KRAMPE_SECRET_KEY": "k" * 48}, tmp_path)
    assert proc.returncode == 2, proc.stderr[-1000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("fejl: Kan ikke åbne databasen")


def test_serve_with_unusable_home_is_one_danish_line(tmp_path):
    blocker = tmp_path / "fil"
    blocker.write_text("ikke en mappe")
    proc = _serve_fails({"KRAMPE_HOME": str(blocker / "home")}, tmp_path)
    assert proc.returncode == 2, proc.stderr[-1000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "KRAMPE_HOME" in lines[0] and "Traceback" not in proc.stderr


def _one_line(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stderr[-1000:]
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr[-1000:]
    return lines[0]


def test_serve_refuses_several_workers_without_a_shared_secret_key(tmp_path, monkeypatch):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("KRAMPE_SECRET_KEY", "DATABASE_URL")}
    env["KRAMPE_HOME"] = str(tmp_path / "home")
    proc = subprocess.run([sys.executable, "-m", "krampe", "serve", "--workers", "2",
                           "--port", "1"], env=env, capture_output=True, text=True, timeout=120)
    line = _one_line(proc)
    assert line.startswith("fejl: KRAMPE_SECRET_KEY skal være sat med --workers over 1")


def test_serve_refuses_postgresql_without_a_secret_key(tmp_path):
    proc = _serve_fails({"DATABASE_URL": "postgresql+psycopg://postgres@127.0.0.1:{port}/x",
                         "KRAMPE_SECRET_KEY": ""}, tmp_path)
    assert "KRAMPE_SECRET_KEY skal være sat når DATABASE_URL ikke er SQLite" in _one_line(proc)


def test_serve_refuses_bad_trusted_proxies_and_short_keys(tmp_path):
    proc = _serve_fails({"KRAMPE_TRUSTED_PROXIES": "10.0.0.0/8, proxy.lan"}, tmp_path)
    assert "KRAMPE_TRUSTED_PROXIES" in _one_line(proc) and "'proxy.lan'" in proc.stderr
    proc = _serve_fails({"KRAMPE_SECRET_KEY": "kort", "DATABASE_URL": "sqlite:///x.db"},
                        tmp_path)
    assert "mindst 32 tegn" in _one_line(proc)


def _children(pid: int) -> list[int]:
    from pathlib import Path

    kids = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        kids += [int(c) for c in task.read_text().split()]
    return [k for k in kids
            if b"resource_tracker" not in Path(f"/proc/{k}/cmdline").read_bytes()]


def _running(pid: int) -> bool:
    from pathlib import Path

    try:  # a zombie has ended, whoever reaps it
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_several_workers_are_forked_from_the_loaded_server_and_replaced(tmp_path):
    """Workers start from the process that loaded the engines (no second interpreter
    importing and loading everything again), and a worker that dies is replaced."""
    import os
    import re
    import signal
    import time
    import urllib.request
    from pathlib import Path

    env = {**os.environ, "KRAMPE_HOME": str(tmp_path / "home"),
           "KRAMPE_SECRET_KEY": "w" * 48}
    env.pop("DATABASE_URL", None)
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "krampe", "serve", "--port", "0",
                                 "--workers", "2", "--no-access-log"], env=env,
                                stdout=subprocess.DEVNULL, stderr=log)

    def wait_for(started: int) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            text = log_path.read_text(errors="replace")
            if text.count("Application startup complete") >= started:
                return text
            assert proc.poll() is None, text[-2000:]
            time.sleep(0.1)
        raise AssertionError(log_path.read_text(errors="replace")[-2000:])

    try:
        text = wait_for(2)
        port = re.search(r"Uvicorn running on http://[\d.]+:(\d+)", text).group(1)
        workers = _children(proc.pid)
        assert len(workers) == 2
        own = Path(f"/proc/{proc.pid}/cmdline").read_bytes()
        for pid in workers:  # a spawned worker would run multiprocessing's spawn_main
            assert Path(f"/proc/{pid}/cmdline").read_bytes() == own
        engines = _children(workers[0])
        assert engines, "each worker runs its engine processes"
        os.kill(workers[0], signal.SIGKILL)
        wait_for(3)
        assert len(_children(proc.pid)) == 2 and workers[0] not in _children(proc.pid)
        # Its engine processes went with it (none left orphaned, waiting for work).
        deadline = time.monotonic() + 10
        while any(_running(pid) for pid in engines):
            assert time.monotonic() < deadline, "an engine process outlived its worker"
            time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as r:
            assert json.loads(r.read())["status"] == "ok"
    finally:
        proc.terminate()
        assert proc.wait(60) in (0, -signal.SIGTERM)
