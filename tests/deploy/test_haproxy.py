"""A real deployment on this machine: krampe serve processes behind haproxy, one PostgreSQL.

Each backend has its own KRAMPE_HOME and they share DATABASE_URL and KRAMPE_SECRET_KEY
(docs/deploy.md). Everything goes through the balancer as a browser or an app would:
register, log in, write and read; sessions, CSRF and the log-in limits hold whichever
process answers; haproxy's /healthz checks take a stopped process out; a rolling restart
loses no request.
"""

from __future__ import annotations

import re
import signal
import threading
from datetime import date, timedelta

import httpx
import pytest

from cluster import Cluster

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

PASSWORD = "en-lang-hemmelig-kode"
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def client(base: str, source: str = "127.0.0.1") -> httpx.Client:
    """A client whose connections come from `source` (any 127.x address is this machine)."""
    return httpx.Client(base_url=base, follow_redirects=False, timeout=60,
                        transport=httpx.HTTPTransport(local_address=source))


def served_by(cluster: Cluster) -> dict[str, int]:
    return {name: int(row["stot"]) for name, row in cluster.stats().items()}


@pytest.fixture
def cluster(tmp_path, haproxy_bin, cluster_env):
    with Cluster(tmp_path / "cluster", cluster_env, n=2) as c:
        yield c


def test_accounts_and_diary_across_processes(cluster):
    before = served_by(cluster)
    with client(cluster.url) as browser:
        # Register with the page's form: the CSRF cookie comes from one process, the
        # post lands on the other (round robin).
        page = browser.get("/konto/opret")
        token = CSRF_RE.search(page.text).group(1)
        r = browser.post("/konto/opret", data={"username": "anna", "password": PASSWORD,
                                                "password2": PASSWORD, "csrf_token": token})
        assert r.status_code == 303 and r.headers["location"] == "/dagbog"
        for _ in range(4):  # the diary page, from both processes, logged in
            diary = browser.get("/dagbog")
            assert diary.status_code == 200 and 'href="/konto"' in diary.text
        token = CSRF_RE.search(diary.text).group(1)
        yesterday = (date.today() - timedelta(days=1)).isoformat()
        for n in range(4):  # form writes with the token, whichever process gets them
            r = browser.post("/dagbog", data={"csrf_token": token, "date": yesterday,
                                              "time": f"0{n + 1}:15", "intensity": str(n + 3),
                                              "duration_minutes": "2", "leg": "left",
                                              "situation": "asleep"})
            assert r.status_code == 303, r.text[:500]
        r = browser.post("/konto/log-ud", data={"csrf_token": token})
        assert r.status_code == 303
        assert 'href="/konto"' not in browser.get("/dagbog", follow_redirects=True).text

    with client(cluster.url) as app:
        r = app.post("/api/account/login", json={"username": "anna", "password": PASSWORD})
        assert r.status_code == 200, r.text
        csrf = {"X-CSRF-Token": r.json()["csrf_token"]}
        for n in range(6):
            r = app.post("/api/diary/entries", headers=csrf,
                         json={"intensity": n, "duration_seconds": 60})
            assert r.status_code == 201, r.text
        entries = app.get("/api/diary/entries").json()
        assert len(entries) == 4 + 6
        assert app.post("/api/diary/entries", json={"intensity": 1}).status_code == 403
        assert app.get("/api/diary/patterns").status_code == 200
        assert len(app.get("/api/account/export").json()["entries"]) == 10
    after = served_by(cluster)
    assert all(after[name] > before[name] + 5 for name in after), (before, after)


def test_login_limits_hold_across_processes_and_only_haproxy_is_trusted(cluster):
    with client(cluster.url) as c:
        r = c.post("/api/account/register", json={"username": "bodil", "password": PASSWORD})
        assert r.status_code == 201
    # Five wrong passwords from one address, spread over both processes by the balancer.
    with client(cluster.url, source="127.0.0.2") as guesser:
        for _ in range(5):
            r = guesser.post("/api/account/login", json={"username": "bodil", "password": "x" * 12})
            assert r.status_code == 401
        r = guesser.post("/api/account/login", json={"username": "bodil", "password": PASSWORD})
        assert r.status_code == 429 and "For mange" in r.json()["message"]
    # Another address is not locked out: haproxy's X-Forwarded-For names the person.
    with client(cluster.url, source="127.0.0.3") as owner:
        r = owner.post("/api/account/login", json={"username": "bodil", "password": PASSWORD})
        assert r.status_code == 200
    # A client that talks to a backend directly cannot pick its address with the header.
    backend = next(iter(cluster.backends.values()))
    with client(backend.url, source="127.0.0.4") as forger:
        for n in range(5):
            r = forger.post("/api/account/login", json={"username": "bodil", "password": "y" * 12},
                            headers={"X-Forwarded-For": f"10.9.9.{n}"})
            assert r.status_code == 401
        r = forger.post("/api/account/login", json={"username": "bodil", "password": PASSWORD},
                        headers={"X-Forwarded-For": "10.9.9.99"})
        assert r.status_code == 429


def test_health_checks_take_a_stopped_process_out(cluster):
    cluster.stop_backend("k1", signal.SIGKILL)
    cluster.wait_status("k1", "DOWN")
    with client(cluster.url) as c:
        for _ in range(10):
            assert c.get("/api/ask", params={"q": "hvorfor får jeg krampe?"}).status_code == 200
    cluster.start_backend("k1", generation=1)
    port = cluster.backends["k1"].port
    cluster.admin(f"set server krampe/k1 addr 127.0.0.1 port {port}")
    cluster.wait_status("k1", "UP")


def test_rolling_restart_loses_no_request(cluster):
    with client(cluster.url) as setup:
        r = setup.post("/api/account/register", json={"username": "carl", "password": PASSWORD})
        assert r.status_code == 201
        cookies, csrf = setup.cookies, r.json()["csrf_token"]

    stop = threading.Event()
    results: list[tuple[str, int | str]] = []
    written = 0

    def load(kind: str) -> None:
        nonlocal written
        with client(cluster.url) as c:
            c.cookies = cookies
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    if kind == "write":
                        r = c.post("/api/diary/entries", headers={"X-CSRF-Token": csrf},
                                   json={"intensity": n % 11, "duration_seconds": 30})
                        if r.status_code == 201:
                            written += 1
                    else:
                        r = c.post("/api/ask", json={"q": f"krampe i læggen {n}"})
                    results.append((kind, r.status_code))
                except httpx.HTTPError as exc:
                    results.append((kind, type(exc).__name__))

    threads = [threading.Thread(target=load, args=(k,)) for k in ("write", "ask", "ask")]
    for t in threads:
        t.start()
    try:
        generations = []
        for name in ("k1", "k2", "k1"):
            generations.append(cluster.rolling_restart(name).generation)
    finally:
        stop.set()
        for t in threads:
            t.join(60)
    failures = [r for r in results if r[1] not in (200, 201)]
    assert len(results) > 50 and not failures, (len(results), failures[:10])
    assert generations == [1, 1, 2]
    with client(cluster.url) as c:
        c.cookies = cookies
        stored = c.get("/api/diary/entries", params={"limit": 5000}).json()
    assert len(stored) == written
