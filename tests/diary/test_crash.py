"""Nothing acknowledged is lost: SIGKILL the real server while entries are being written.

`krampe serve` runs in a subprocess on SQLite in a temp KRAMPE_HOME; four
threads write entries as fast as they can; the process is killed with SIGKILL mid-stream;
after a restart every entry that got a 201 must be there (and the database intact).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.server import start_server

PW = "hemmelig-kode"


def _start(home: Path, log_name: str) -> tuple[subprocess.Popen, str]:
    # SQLite in KRAMPE_HOME, whatever database the environment names.
    env = {k: v for k, v in os.environ.items()
           if k not in ("DATABASE_URL", "KRAMPE_DATABASE_URL")}
    return start_server(home, "--no-access-log", log_name=log_name, env=env)


@pytest.mark.slow
def test_sigkill_mid_stream_loses_no_acknowledged_entry(_isolated_home):
    home = _isolated_home
    proc, base = _start(home, "server-1.log")
    try:
        with httpx.Client(base_url=base) as c:
            r = c.post("/api/account/register", json={"username": "crash", "password": PW})
            assert r.status_code == 201
            token, cookies = r.json()["csrf_token"], dict(c.cookies)

        acked: list[str] = []
        failures: list[str] = []
        lock = threading.Lock()
        stop = threading.Event()

        def writer(n: int) -> None:
            with httpx.Client(base_url=base, cookies=cookies, timeout=5,
                              headers={"X-CSRF-Token": token}) as c:
                i = 0
                while not stop.is_set():
                    note = f"w{n}-{i}"
                    i += 1
                    try:
                        r = c.post("/api/diary/entries", json={"note": note, "intensity": 3})
                    except httpx.TransportError as exc:
                        with lock:
                            failures.append(type(exc).__name__)
                        return
                    if r.status_code == 201:
                        assert r.json()["note"] == note
                        with lock:
                            acked.append(note)
                    else:
                        with lock:
                            failures.append(str(r.status_code))

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        # A count, not a time: however busy the machine, the kill comes after 150 writes
        # (or as soon as a writer stops on an error, which the asserts below report).
        while len(acked) < 150 and not failures:
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)  # mid-stream: the writers are still going
        proc.wait(10)
        stop.set()
        for t in threads:
            t.join(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)

    assert len(acked) >= 150, f"only {len(acked)} writes acknowledged; failures: {failures[:5]}"
    # The kill really interrupted writers (each stops at its first connection error).
    assert any(f in ("ConnectError", "ReadError", "RemoteProtocolError", "ReadTimeout",
                     "WriteError") for f in failures), failures
    assert not [f for f in failures if f.isdigit()], failures

    db_file = home / "krampe.db"
    check = sqlite3.connect(db_file)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()

    proc2, base2 = _start(home, "server-2.log")
    try:
        with httpx.Client(base_url=base2) as c:
            r = c.post("/api/account/login", json={"username": "crash", "password": PW})
            assert r.status_code == 200
            stored = {e["note"] for e in c.get("/api/diary/entries?limit=5000").json()}
    finally:
        proc2.send_signal(signal.SIGTERM)
        proc2.wait(10)
    missing = set(acked) - stored
    assert not missing, f"{len(missing)} acknowledged entries lost: {sorted(missing)[:10]}"
    # At most the writes in flight at the kill (one per writer) can be extra.
    assert len(stored - set(acked)) <= 4
