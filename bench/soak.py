"""Soak test: minutes of mixed ask / triage / diary traffic against a real `krampe serve`.

    python bench/soak.py [--seconds 300] [--clients 6] [--rate 30] [--workers 2] [--out FILE]

Bounded and loopback only: starts `krampe serve` (2 workers by default) on a 127.0.0.1
port it picks itself (--port 0, read back from uvicorn's log) with a temporary KRAMPE_HOME
(SQLite diary), registers one user per client thread, and sends a steady total rate of
requests (open loop: each client keeps its own schedule, so a slow answer does not lower the
offered load). Mix: ask 40 %, triage 30 %,
diary entry POST with CSRF 25 %, diary patterns 5 %. Texts are built from parts, so the
server sees many different questions (there is no response cache to hit anyway).

Prints one table per minute (requests, errors, p50/p99 ms, server RSS) and a summary:
errors (target 0), RSS growth after warm-up (target < 10 %), and whether every diary
entry answered 201 is in the database at the end. The baseline beside the mix is
`GET /healthz` at the same schedule, so the table shows what the app adds over the
framework. Exit code 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np

ASK_PARTS = (
    ["hvorfor får jeg", "hvad gør jeg ved", "hvordan undgår jeg", "hvad hjælper mod",
     "er det farligt med", "hvornår skal jeg til læge med"],
    ["krampe i læggen", "lægkramper", "natlige kramper", "kramper i benene",
     "krampe i lægmusklen", "kramper efter træning"],
    ["om natten", "når jeg er gravid", "når jeg tager statiner", "efter løb",
     "når jeg er over 70", "", "i varmen", "efter en lang arbejdsdag"],
)
TRIAGE_PARTS = (
    ["jeg vågner med krampe i læggen", "min læg trækker sig sammen", "jeg får krampe",
     "min mand får kramper i benene", "jeg har ondt i læggen"],
    ["hver nat", "efter fodbold", "et par gange om ugen", "når jeg har siddet længe",
     "efter en lang flyrejse", ""],
    ["", "og den er hævet og varm", "men den er ikke hævet", "og jeg sover dårligt",
     "og jeg tager vanddrivende medicin", "hvad gør jeg hvis den bliver rød"],
)
NOTES = ["", "vågnede ved det", "efter løbetur", "drak for lidt", "lang dag på benene"]
MIX = [("ask", 0.40), ("triage", 0.30), ("diary_write", 0.25), ("patterns", 0.05)]


@dataclass
class Sample:
    t: float
    op: str
    ms: float
    ok: bool
    detail: str = ""


@dataclass
class Shared:
    samples: list[Sample] = field(default_factory=list)
    rss: list[tuple[float, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    written: dict[str, int] = field(default_factory=dict)

    def add(self, sample: Sample) -> None:
        with self.lock:
            self.samples.append(sample)


# uvicorn's start-up line: with --port 0 the only place that names the port. Choosing a
# free port first and passing it on leaves a gap in which another run can take it.
LISTENING = re.compile(r"Uvicorn running on (http://[\d.]+:\d+)")


# Benchmarks load the server from one address: the per-client limits would throttle them.
BENCH_LIMITS = {"KRAMPE_API_RATE_LIMIT": "1000000/minute",
                "KRAMPE_REGISTER_MAX_PER_WINDOW": "1000000"}


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            for task in Path(f"/proc/{p}/task").iterdir():
                kids = (task / "children").read_text().split()
                stack.extend(int(k) for k in kids)
        except (OSError, ValueError):
            continue
    return total


def start_server(home: Path, workers: int) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "KRAMPE_HOME": str(home)}
    env.pop("DATABASE_URL", None)
    env.pop("KRAMPE_DATABASE_URL", None)
    # A benchmark is one client asking as fast as it can: lift the per-client limits.
    env.update(BENCH_LIMITS)
    # Several workers must share one key (krampe serve refuses to start without it).
    env.setdefault("KRAMPE_SECRET_KEY", secrets.token_urlsafe(48))
    cmd = [sys.executable, "-m", "krampe", "serve", "--host", "127.0.0.1", "--port", "0",
           "--workers", str(workers), "--no-access-log"]
    log = (home / "server.log").open("wb")  # the server's stderr, shown when it fails
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log,
                            start_new_session=True)
    base = None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("krampe serve exited: " + server_log(home)[-2000:])
        found = LISTENING.search(server_log(home))
        base = base or (found.group(1) if found else None)
        try:
            # several workers: the socket listens before they are ready
            if base and httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    proc.kill()
    raise SystemExit("krampe serve did not answer /healthz within 120 s")


def server_log(home: Path) -> str:
    path = home / "server.log"
    return path.read_text(errors="replace") if path.exists() else ""


def stop_server(proc: subprocess.Popen) -> None:
    import signal

    try:
        os.killpg(proc.pid, signal.SIGTERM)  # the server's own session: master + workers
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)


def pick(rng: random.Random, parts) -> str:
    return " ".join(p for p in (rng.choice(options) for options in parts) if p).strip()


def client_loop(idx: int, base: str, interval: float, t0: float, end: float, shared: Shared,
                baseline: bool) -> None:
    rng = random.Random(1000 + idx)
    ops, weights = zip(*MIX, strict=True)
    with httpx.Client(base_url=base, timeout=30) as http:
        user = f"soak{idx}_{rng.randrange(10**6)}"
        token = ""
        if not baseline:
            r = http.post("/api/account/register",
                          json={"username": user, "password": "soak-password-123"})
            if r.status_code != 201:
                shared.add(Sample(time.monotonic() - t0, "register", 0, False, r.text[:200]))
                return
            token = r.json()["csrf_token"]
        shared.written[user] = 0
        next_at = time.monotonic() + rng.random() * interval  # spread the clients' phases
        while True:
            now = time.monotonic()
            if now >= end:
                break
            if next_at > now:
                time.sleep(next_at - now)
            next_at += interval
            op = "healthz" if baseline else rng.choices(ops, weights)[0]
            start = time.monotonic()
            try:
                if op == "healthz":
                    r = http.get("/healthz")
                    ok = r.status_code == 200
                elif op == "ask":
                    r = http.post("/api/ask", json={"q": pick(rng, ASK_PARTS) + "?"})
                    ok = r.status_code == 200 and "answers" in r.json()
                elif op == "triage":
                    r = http.post("/api/triage", json={"text": pick(rng, TRIAGE_PARTS)})
                    ok = r.status_code == 200 and "level" in r.json()
                elif op == "diary_write":
                    r = http.post("/api/diary/entries", headers={"X-CSRF-Token": token}, json={
                        "intensity": rng.randrange(11), "duration_seconds": rng.randrange(5, 600),
                        "situation": rng.choice(["asleep", "resting", "exercising", "other"]),
                        "note": rng.choice(NOTES) or None})
                    ok = r.status_code == 201
                    if ok:
                        shared.written[user] += 1
                else:
                    r = http.get("/api/diary/patterns")
                    ok = r.status_code == 200
                detail = "" if ok else f"{r.status_code} {r.text[:150]}"
            except httpx.HTTPError as exc:
                ok, detail = False, f"{type(exc).__name__}: {exc}"
            shared.add(Sample(start - t0, op, (time.monotonic() - start) * 1000, ok, detail))
        if not baseline:
            # Every acknowledged entry must be there (no lost writes).
            r = http.get("/api/diary/entries", params={"limit": 5000})
            stored = len(r.json()) if r.status_code == 200 else -1
            if stored != shared.written[user]:
                shared.add(Sample(end - t0, "verify", 0, False,
                                  f"{user}: {shared.written[user]} acknowledged, {stored} stored"))


def sample_rss(pid: int, t0: float, end: float, shared: Shared) -> None:
    while time.monotonic() < end:
        shared.rss.append((time.monotonic() - t0, tree_rss_kb(pid)))
        time.sleep(2)


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def report(shared: Shared, seconds: float, warmup: float, args) -> tuple[str, bool]:
    lines = []
    mixed = [s for s in shared.samples if s.op not in ("healthz",)]
    base = [s for s in shared.samples if s.op == "healthz"]
    window = 60 if seconds >= 120 else max(10, seconds / 4)
    lines.append(f"krampe soak: {seconds:.0f} s, {args.clients} clients, {args.rate} req/s "
                 f"offered, {args.workers} workers, loopback; load generator on the same "
                 f"{os.cpu_count()}-core machine")
    lines.append("")
    lines.append("| window | requests | errors | p50 ms | p99 ms | healthz p50/p99 ms | "
                 "server RSS MB |")
    lines.append("|---|---|---|---|---|---|---|")
    n_windows = int(np.ceil(seconds / window))
    for w in range(n_windows):
        lo, hi = w * window, (w + 1) * window
        ms = [s.ms for s in mixed if lo <= s.t < hi and s.op != "verify"]
        errs = sum(1 for s in mixed if lo <= s.t < hi and not s.ok)
        bms = [s.ms for s in base if lo <= s.t < hi]
        rss = [kb for t, kb in shared.rss if lo <= t < hi]
        lines.append(f"| {lo:.0f}-{hi:.0f} s | {len(ms)} | {errs} | {pct(ms, 50):.1f} | "
                     f"{pct(ms, 99):.1f} | {pct(bms, 50):.1f}/{pct(bms, 99):.1f} | "
                     f"{(max(rss) / 1024 if rss else float('nan')):.0f} |")
    lines.append("")
    lines.append("| operation | requests | errors | p50 ms | p99 ms |")
    lines.append("|---|---|---|---|---|")
    for op in ("ask", "triage", "diary_write", "patterns", "healthz"):
        ms = [s.ms for s in shared.samples if s.op == op]
        errs = sum(1 for s in shared.samples if s.op == op and not s.ok)
        lines.append(f"| {op} | {len(ms)} | {errs} | {pct(ms, 50):.1f} | {pct(ms, 99):.1f} |")
    errors = [s for s in shared.samples if not s.ok]
    after = [kb for t, kb in shared.rss if t >= warmup]
    growth = (after[-1] - after[0]) / after[0] * 100 if len(after) >= 2 else float("nan")
    peak = (max(after) - after[0]) / after[0] * 100 if len(after) >= 2 else float("nan")
    written = sum(shared.written.values())
    lines.append("")
    lines.append(f"errors: {len(errors)} of {len(shared.samples)} (target 0)")
    lines.append(f"diary entries acknowledged: {written}; every one found again: "
                 f"{'yes' if not any(s.op == 'verify' for s in errors) else 'NO'}")
    lines.append(f"server RSS after {warmup:.0f} s warm-up: {after[0] / 1024 if after else 0:.0f}"
                 f" MB -> end {after[-1] / 1024 if after else 0:.0f} MB: growth {growth:+.1f} % "
                 f"(peak {peak:+.1f} %; target < 10 %)")
    for s in errors[:10]:
        lines.append(f"  error at {s.t:.1f} s {s.op}: {s.detail}")
    ok = not errors and growth < 10
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--clients", type=int, default=6)
    ap.add_argument("--rate", type=float, default=30, help="total offered requests/s (mix)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--warmup", type=float, default=None, help="default: 20 %% of --seconds")
    ap.add_argument("--out", type=Path, help="also write the report (Markdown) here")
    args = ap.parse_args(argv)
    if not 1 <= args.seconds <= 3600 or not 1 <= args.clients <= 64 or args.rate <= 0:
        ap.error("--seconds 1-3600, --clients 1-64, --rate > 0")
    warmup = args.warmup if args.warmup is not None else args.seconds * 0.2
    home = Path(tempfile.mkdtemp(prefix="krampe-soak-"))
    proc, base = start_server(home, args.workers)
    try:
        shared = Shared()
        t0 = time.monotonic()
        end = t0 + args.seconds
        interval = args.clients / args.rate
        threads = [threading.Thread(target=client_loop,
                                    args=(i, base, interval, t0, end, shared, False))
                   for i in range(args.clients)]
        # Baseline: one client hitting /healthz at 2 req/s over the same time.
        threads.append(threading.Thread(target=client_loop,
                                        args=(999, base, 0.5, t0, end, shared, True)))
        threads.append(threading.Thread(target=sample_rss, args=(proc.pid, t0, end, shared),
                                        daemon=True))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        text, ok = report(shared, args.seconds, warmup, args)
        if not ok:
            tail = server_log(home).strip().splitlines()[-25:]
            text += "\n\nserver stderr (last lines):\n" + "\n".join(tail)
    finally:
        stop_server(proc)
        shutil.rmtree(home, ignore_errors=True)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
