"""Several `krampe serve` processes behind Debian's haproxy, on loopback ports.

Used by the deployment tests (tests/deploy/) and by bench/balancer.py. Each backend has
its own KRAMPE_HOME and binds a port the system picks (read from uvicorn's start-up
line); haproxy gets its own config, a frontend port and an admin socket in a temporary
folder and runs in the foreground (`haproxy -f CFG -db`).

The haproxy config is the one docs/deploy.md recommends: round robin, `/healthz` checks,
the client's own X-Forwarded-For removed before haproxy adds the real one, and
connection failures retried on another backend. A rolling restart (`rolling_restart`)
drains a backend through the admin socket, waits until it has no request in flight,
stops it with SIGTERM, starts its successor and puts that in service once healthy.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

LISTENING = re.compile(r"Uvicorn running on http://[\d.]+:(\d+)")

HAPROXY_CFG = """\
global
    maxconn 512
    stats socket {socket} mode 600 level admin
    log stderr format raw local0 notice

defaults
    mode http
    log global
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout http-keep-alive 10s
    # A refused or failed connection (a backend restarting) is tried again, on another
    # backend: the request never reached a krampe process, so this is safe for POST too.
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response

frontend web
    bind {bind}
    # The client's own X-Forwarded-For is never passed on: krampe trusts only ours.
    http-request del-header X-Forwarded-For
    option forwardfor
    default_backend krampe

backend krampe
    balance {balance}
    option httpchk GET /healthz
    http-check expect status 200
    default-server inter {inter} fall 2 rise 2
{servers}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Backend:
    name: str
    home: Path
    proc: subprocess.Popen
    port: int
    generation: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    """`n` krampe backends and one haproxy in `root`; `env` is the backends' environment."""

    root: Path
    env: dict[str, str]
    n: int = 2
    serve_args: list[str] = field(default_factory=list)
    balance: str = "roundrobin"
    check_interval: str = "500ms"
    python: str = sys.executable
    # Another app in the backends' place (a benchmark's baseline): its command line, which
    # must print uvicorn's "running on" line with the port it picked for --port 0.
    backend_cmd: list[str] | None = None
    backends: dict[str, Backend] = field(default_factory=dict)
    haproxy: subprocess.Popen | None = None
    port: int = 0

    # --- backends -------------------------------------------------------------------

    def start_backend(self, name: str, generation: int = 0) -> Backend:
        home = self.root / name
        home.mkdir(parents=True, exist_ok=True)
        log_path = home / f"serve-{generation}.log"
        env = {**self.env, "KRAMPE_HOME": str(home)}
        with open(log_path, "wb") as log:
            cmd = self.backend_cmd or [self.python, "-m", "krampe", "serve", "--host",
                                       "127.0.0.1", "--port", "0", *self.serve_args]
            proc = subprocess.Popen(
                cmd, env=env, stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            found = LISTENING.search(log_path.read_text(errors="replace"))
            if found:
                backend = Backend(name, home, proc, int(found.group(1)), generation)
                self.backends[name] = backend
                return backend
            if proc.poll() is not None:
                raise RuntimeError(f"krampe serve {name} stopped: "
                                   f"{log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.05)
        proc.kill()
        raise RuntimeError(f"krampe serve {name} did not start")

    def stop_backend(self, name: str, sig: int = signal.SIGTERM, timeout: float = 60) -> int:
        backend = self.backends[name]
        if backend.proc.poll() is None:
            backend.proc.send_signal(sig)
        return backend.proc.wait(timeout)

    # --- haproxy ----------------------------------------------------------------------

    @property
    def socket_path(self) -> Path:
        return self.root / "haproxy.sock"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def config(self, port: int) -> str:
        servers = "\n".join(f"    server {b.name} 127.0.0.1:{b.port} check"
                            for b in self.backends.values())
        return HAPROXY_CFG.format(socket=self.socket_path, bind=f"127.0.0.1:{port}",
                                  balance=self.balance, inter=self.check_interval,
                                  servers=servers)

    def start_haproxy(self) -> None:
        binary = shutil.which("haproxy") or "/usr/sbin/haproxy"
        for _ in range(5):  # another run may take the port between picking and binding
            port = free_port()
            cfg = self.root / "haproxy.cfg"
            cfg.write_text(self.config(port))
            log = open(self.root / "haproxy.log", "ab")  # noqa: SIM115 - closed in stop()
            self.haproxy = subprocess.Popen([binary, "-f", str(cfg), "-db"],
                                            stdout=log, stderr=log, start_new_session=True)
            log.close()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.haproxy.poll() is None:
                if self.socket_path.exists() and _connects(port):
                    self.port = port
                    self.wait_all_up()
                    return
                time.sleep(0.05)
            if self.haproxy.poll() is None:
                self.haproxy.kill()
            self.haproxy.wait(10)
        raise RuntimeError("haproxy did not start: "
                           + (self.root / "haproxy.log").read_text(errors="replace")[-2000:])

    def admin(self, command: str) -> str:
        """One command on haproxy's admin socket (the runtime API)."""
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(str(self.socket_path))
            s.sendall(command.encode() + b"\n")
            chunks = []
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def stats(self) -> dict[str, dict[str, str]]:
        """`show stat` of the backend's servers, by server name."""
        lines = self.admin("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        rows = {}
        for line in lines[1:]:
            if not line.strip():
                continue
            row = dict(zip(header, line.split(","), strict=False))
            if row.get("pxname") == "krampe" and row.get("svname") not in ("BACKEND",):
                rows[row["svname"]] = row
        return rows

    def wait_status(self, name: str, prefix: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        status = ""
        while time.monotonic() < deadline:
            status = self.stats().get(name, {}).get("status", "")
            if status.startswith(prefix):
                return
            time.sleep(0.1)
        raise RuntimeError(f"server {name} is {status!r}, not {prefix}")

    def wait_all_up(self, timeout: float = 60) -> None:
        for name in self.backends:
            self.wait_status(name, "UP", timeout)

    def rolling_restart(self, name: str, drain_timeout: float = 60) -> Backend:
        """Drain `name`, SIGTERM it once idle, start a successor and put it in service."""
        self.admin(f"set server krampe/{name} state drain")
        deadline = time.monotonic() + drain_timeout
        while time.monotonic() < deadline:
            if self.stats()[name].get("scur") == "0":
                break
            time.sleep(0.05)
        code = self.stop_backend(name)
        # uvicorn shuts down gracefully, then re-raises the signal: -15 is a clean exit.
        if code not in (0, -signal.SIGTERM):
            raise RuntimeError(f"{name} exited with {code} on SIGTERM")
        old = self.backends[name]
        new = self.start_backend(name, old.generation + 1)
        self.admin(f"set server krampe/{name} addr 127.0.0.1 port {new.port}")
        self.admin(f"set server krampe/{name} state ready")
        self.wait_status(name, "UP")
        return new

    # --- everything -------------------------------------------------------------------

    def start(self) -> Cluster:
        for i in range(self.n):
            self.start_backend(f"k{i + 1}")
        self.start_haproxy()
        return self

    def stop(self) -> None:
        if self.haproxy is not None and self.haproxy.poll() is None:
            self.haproxy.terminate()
            try:
                self.haproxy.wait(10)
            except subprocess.TimeoutExpired:
                self.haproxy.kill()
        for backend in self.backends.values():
            if backend.proc.poll() is None:
                backend.proc.terminate()
                try:
                    backend.proc.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(backend.proc.pid, signal.SIGKILL)
                    backend.proc.wait(10)

    def __enter__(self) -> Cluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _connects(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False
