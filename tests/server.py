"""`krampe serve` in a subprocess on a port the system picks, for end-to-end tests.

The server binds port 0 itself and the test reads the port from uvicorn's start-up line.
Picking a free port first and passing it on leaves a gap in which another run on the shared
machine can take it, and the test would then talk to someone else's server.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# With one worker, logged once the app has started (lifespan done) and the socket listens.
LISTENING = re.compile(r"Uvicorn running on (http://[\d.]+:\d+)")


def start_server(home: Path, *args: str, log_name: str = "server.log",
                 env: dict[str, str] | None = None,
                 timeout: float = 120) -> tuple[subprocess.Popen, str]:
    """Start `krampe serve ARGS` with KRAMPE_HOME=home; return the process and its URL.

    `env` is the server's environment (default: this process's). Its stderr goes to
    home/log_name (an unread pipe fills up and stalls the server).
    """
    env = {**(os.environ if env is None else env), "KRAMPE_HOME": str(home)}
    log_path = home / log_name
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "krampe", "serve", "--host", "127.0.0.1", "--port", "0",
             *args],
            env=env, stdout=subprocess.DEVNULL, stderr=log,
        )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        text = log_path.read_text(errors="replace")
        found = LISTENING.search(text)
        if found:
            return proc, found.group(1)
        if proc.poll() is not None:
            raise RuntimeError(f"krampe serve stopped: {text[-2000:]}")
        time.sleep(0.1)
    proc.kill()
    proc.wait(10)
    raise RuntimeError(f"krampe serve did not start within {timeout:g} s")


@contextmanager
def serving(home: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """`start_server` for the length of a with block: yields the URL once /healthz answers,
    and stops the server on the way out (SIGTERM: uvicorn's graceful shutdown; SIGKILL
    only if that hangs). Its log is still in home/server.log afterwards."""
    proc, base = start_server(home, *args, env=env)
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=10) as resp:
            assert json.load(resp)["status"] == "ok"
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
