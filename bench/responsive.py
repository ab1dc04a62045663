"""Does the server stay responsive? /healthz while long questions are being answered.

    .venv/bin/python bench/responsive.py [--kb DIR] [--seconds 8] [--askers 2]
    .venv/bin/python bench/responsive.py --kb bench/out/corpus-10000-s7 --baseline-ref c823696

For each engine executor (`KRAMPE_ENGINE_EXECUTOR=thread`, `process`) and, with
--baseline-ref, for the code of that git commit (engine work on the event loop), it
starts `krampe serve` (1 worker) and measures side by side:

- /healthz alone (the idle latency);
- /healthz while `--askers` clients keep posting ~5,000-character questions to /api/ask;
- the long questions answered per second meanwhile (throughput of the engine pool).

Health checks are sequential requests from one client, as a load balancer sends them.
Client and server share the machine's cores: the figures are a lower bound.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from cluster import LISTENING

REPO = Path(__file__).resolve().parents[1]

SENTENCES = [
    "Jeg har haft krampe i læggen næsten hver nat i tre uger, og det gør ondt længe bagefter.",
    "Min læg er nogle gange hævet og varm om morgenen, men det går over i løbet af dagen.",
    "Jeg løber fire gange om ugen og drikker meget kaffe, men ikke så meget vand.",
    "Min læge har givet mig vanddrivende medicin for blodtrykket for et halvt år siden.",
    "Hjælper magnesium, eller skal jeg hellere strække ud inden jeg går i seng om aftenen?",
    "Min mor havde også kramper i benene, og hun fik at vide at det var helt ufarligt.",
]


# Benchmarks load the server from one address: the per-client limits would throttle them.
BENCH_LIMITS = {"KRAMPE_API_RATE_LIMIT": "1000000/minute",
                "KRAMPE_REGISTER_MAX_PER_WINDOW": "1000000"}


def long_question(chars: int = 4990) -> str:
    words: list[str] = []
    i = 0
    while True:
        nxt = " ".join([*words, SENTENCES[i % len(SENTENCES)]])
        if len(nxt) > chars:
            return " ".join(words)
        words.append(SENTENCES[i % len(SENTENCES)])
        i += 1


def start(label: str, env: dict[str, str], kb: list[str]) -> tuple[subprocess.Popen, str]:
    home = Path(env["KRAMPE_HOME"])
    log_path = home / f"{label}.log"
    args = [sys.executable, "-m", "krampe", "serve", "--host", "127.0.0.1", "--port", "0",
            "--no-access-log"]
    for spec in kb:
        args += ["--kb", spec]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        found = LISTENING.search(log_path.read_text(errors="replace"))
        if found:
            return proc, f"http://127.0.0.1:{found.group(1)}"
        if proc.poll() is not None:
            raise SystemExit(f"{label}: krampe serve stopped: "
                             f"{log_path.read_text(errors='replace')[-2000:]}")
        time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"{label}: krampe serve did not start")


def health_latencies(base: str, seconds: float) -> list[float]:
    out = []
    with httpx.Client(base_url=base, timeout=60) as c:
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            t = time.perf_counter()
            c.get("/healthz").raise_for_status()
            out.append(time.perf_counter() - t)
    return out


def _asker(base: str, question: str, stop, answered, refused) -> None:
    with httpx.Client(base_url=base, timeout=120) as c:
        while not stop.is_set():
            r = c.post("/api/ask", json={"q": question})
            counter = answered if r.status_code == 200 else refused
            with counter.get_lock():
                counter.value += 1


def measure(base: str, seconds: float, askers: int, question: str) -> dict:
    with httpx.Client(base_url=base, timeout=60) as c:  # warm up both paths
        for _ in range(3):
            c.post("/api/ask", json={"q": question}).raise_for_status()
    idle = health_latencies(base, min(seconds, 3))
    # The askers are processes of their own: as threads of this one they would hold its
    # GIL (JSON of 5,000-character bodies) while the health checker waits to read its
    # answer, and the client's own delay would be counted as the server's.
    ctx = multiprocessing.get_context("fork")
    stop = ctx.Event()
    answered, refused = ctx.Value("i", 0), ctx.Value("i", 0)
    procs = [ctx.Process(target=_asker, args=(base, question, stop, answered, refused))
             for _ in range(askers)]
    for p in procs:
        p.start()
    time.sleep(0.5)
    t0 = time.perf_counter()
    start_count = answered.value
    busy = health_latencies(base, seconds)
    done = answered.value - start_count
    elapsed = time.perf_counter() - t0
    stop.set()
    for p in procs:
        p.join(120)
    return {"idle": idle, "busy": busy, "asks_per_s": done / elapsed, "refused": refused.value}


def pct(samples: list[float], q: int) -> float:
    ms = sorted(s * 1000 for s in samples)
    return statistics.quantiles(ms, n=100, method="inclusive")[q - 1] if len(ms) > 1 else ms[0]


def baseline_tree(ref: str, into: Path) -> Path:
    """The `src` of git commit `ref`, to run the old design beside the new."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "src"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", action="append", help="knowledge base (default: bundled)")
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--askers", type=int, default=2)
    ap.add_argument("--engine-workers", type=int, default=2)
    ap.add_argument("--executors", nargs="+", default=["thread", "process"])
    ap.add_argument("--nice", type=int, nargs="+", default=[10],
                    help="KRAMPE_ENGINE_NICE values to run the process pool with")
    ap.add_argument("--baseline-ref", help="git commit whose code runs as the baseline")
    ap.add_argument("--home", help="KRAMPE_HOME to keep the index cache in across runs "
                    "(default: a temporary one, so the first start builds it)")
    args = ap.parse_args(argv)
    kb = args.kb or ["bundled"]
    question = long_question()
    tmp = Path(tempfile.mkdtemp(prefix="krampe-responsive-"))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("KRAMPE_")}
    base_env.pop("DATABASE_URL", None)
    base_env["OMP_NUM_THREADS"] = "1"  # numpy's BLAS threads would only add contention
    # A benchmark is one client asking as fast as it can: lift the per-client limits.
    base_env.update(BENCH_LIMITS)
    # One home: the index is built once and then read from its cache.
    home = Path(args.home).resolve() if args.home else tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    runs: list[tuple[str, dict[str, str]]] = []
    for executor in args.executors:
        for nice in (args.nice if executor == "process" else [0]):
            label = f"{executor} pool ({args.engine_workers} workers" + (
                f", nice {nice})" if executor == "process" else ")")
            runs.append((label, {
                "KRAMPE_ENGINE_EXECUTOR": executor, "KRAMPE_ENGINE_NICE": str(nice),
                "KRAMPE_ENGINE_WORKERS": str(args.engine_workers),
                "PYTHONPATH": str(REPO / "src")}))
    if args.baseline_ref:
        old_src = baseline_tree(args.baseline_ref, tmp)
        runs.insert(0, (f"baseline code ({args.baseline_ref})",
                        {"PYTHONPATH": str(old_src), "KRAMPE_ENGINE_NICE": str(args.nice[0])}))
    rows = []
    for label, extra in runs:
        env = {**base_env, **extra, "KRAMPE_HOME": str(home)}
        proc, base = start(label.split()[0], env, kb)
        try:
            res = measure(base, args.seconds, args.askers, question)
        finally:
            proc.terminate()
            proc.wait(60)
        rows.append((label, res))
        print(f"  {label}: healthz p99 {pct(res['busy'], 99):.1f} ms", file=sys.stderr)
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n# /healthz while {args.askers} clients post {len(question)}-character questions "
          f"· kb {', '.join(kb)} · {args.seconds:g} s per run · {os.cpu_count()} cores shared "
          f"with the clients · load avg {os.getloadavg()[0]:.1f}\n")
    print("| engine work | healthz idle p50 ms | healthz busy p50 ms | busy p99 ms "
          "| health checks answered | long questions/s | refused (503) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, r in rows:
        print(f"| {label} | {pct(r['idle'], 50):.2f} | {pct(r['busy'], 50):.2f} "
              f"| {pct(r['busy'], 99):.2f} | {len(r['busy'])} | {r['asks_per_s']:.1f} "
              f"| {r['refused']} |")
    if len(rows) > 1:
        ref = rows[0][1]
        print()
        for label, r in rows[1:]:
            print(f"- {label} vs {rows[0][0]}: busy p99 "
                  f"{pct(r['busy'], 99) / pct(ref['busy'], 99):.2f}×, long questions/s "
                  f"{r['asks_per_s'] / max(ref['asks_per_s'], 1e-9):.2f}×")
    print("\nTarget: healthz p99 ≤ 10 ms while two 5,000-character questions are answered "
          "at 10,000 articles.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
