"""Throughput through haproxy with 1 and 2 backend processes, krampe beside a bare app.

    .venv/bin/python bench/balancer.py [--duration 10] [--connections 8]

For each app (the bare FastAPI app of bench/bare_app.py, then `krampe serve` with one
worker) and each process count (1, 2), the same haproxy configuration as the deployment
tests (bench/cluster.py: round robin, /healthz checks) is started in front of that many
processes on loopback ports, and wrk (Debian package `wrk`) posts real Danish questions
(bench/load.py's bodies) through it. Scaling = req/s with 2 processes / req/s with 1; the
figure that matters is krampe's scaling over the bare app's on the same machine and
balancer (target >= 0.9x). wrk, haproxy and the backends share the machine's cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cluster import Cluster
from load import (
    BENCH_LIMITS,
    BUILTIN_QUESTIONS,
    BUILTIN_TEXTS,
    GET_LUA,
    LUA,
    QUESTIONS,
    SHARED_TRIAGE,
    _cpu_seconds,
    _jsonl,
    _tree,
)

REPO = Path(__file__).resolve().parents[1]


def _wrk(url: str, script: Path, duration: int, connections: int, pids: list[int]) -> dict:
    cpu = _cpu_seconds(pids)
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "-s",
                          str(script), url], capture_output=True, text=True,
                         check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, dur_us, p50, p99, status_err, sock_err = map(int, line.split()[1:])
    return {"rps": n / (dur_us / 1e6), "p50": p50 / 1000, "p99": p99 / 1000,
            "errors": status_err + sock_err, "cpu_ms": 1000 * (_cpu_seconds(pids) - cpu)
            / max(n, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    ap.add_argument("--connections", type=int, default=8)
    ap.add_argument("--kb", default="bundled", help="krampe's knowledge base")
    ap.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                    help="a setting for krampe's processes (e.g. KRAMPE_ENGINE_NICE=0)")
    args = ap.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk mangler: apt-get install -y wrk")
    if not (shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists()):
        raise SystemExit("haproxy mangler: apt-get install -y haproxy")

    tmp = Path(tempfile.mkdtemp(prefix="krampe-balancer-"))
    questions = _jsonl(QUESTIONS, "q") + BUILTIN_QUESTIONS
    texts = _jsonl(SHARED_TRIAGE, "text") + BUILTIN_TEXTS
    (tmp / "ask.jsonl").write_text("\n".join(json.dumps({"q": q, "top": 5}, ensure_ascii=False)
                                             for q in questions) + "\n")
    (tmp / "triage.jsonl").write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False)
                                                for t in texts) + "\n")
    scripts = {"healthz": tmp / "get.lua"}
    scripts["healthz"].write_text(GET_LUA)
    for name in ("ask", "triage"):
        scripts[name] = tmp / f"{name}.lua"
        scripts[name].write_text(LUA % {"bodies": tmp / f"{name}.jsonl"})
    targets = [("POST /api/ask", "/api/ask", "ask"),
               ("POST /api/triage", "/api/triage", "triage")]

    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAMPE_")}
    env.pop("DATABASE_URL", None)
    env.update({"OMP_NUM_THREADS": "1", "PYTHONPATH": str(REPO / "src"),
                "KRAMPE_SECRET_KEY": "b" * 48, "KRAMPE_TRUSTED_PROXIES": "127.0.0.1",
                **BENCH_LIMITS})
    env.update(dict(item.split("=", 1) for item in args.env))
    bare_cmd = [sys.executable, "-m", "uvicorn", "bare_app:app", "--app-dir",
                str(REPO / "bench"), "--host", "127.0.0.1", "--port", "0", "--no-access-log"]
    results: dict[tuple[str, int, str], dict] = {}
    load_before = os.getloadavg()[0]
    for app in ("bare FastAPI", "krampe"):
        for n in (1, 2):
            root = tmp / f"{app.split()[0]}-{n}"
            cluster = Cluster(root, env, n=n, backend_cmd=bare_cmd if app != "krampe" else None,
                              serve_args=["--no-access-log", "--kb", args.kb])
            with cluster:
                pids = [p for b in cluster.backends.values() for p in _tree(b.proc.pid)]
                for label, path, script in targets:
                    # Warm every backend's caches first (round robin reaches each).
                    _wrk(cluster.url + path, scripts[script], 2, 2, pids)
                    res = _wrk(cluster.url + path, scripts[script], args.duration,
                               args.connections, pids)
                    results[(app, n, label)] = res
                    print(f"  {app}, {n} process(es), {label}: {res['rps']:.0f} req/s",
                          file=sys.stderr)
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n# Through haproxy (round robin): 1 vs 2 backend processes · {args.duration} s per "
          f"run, {args.connections} connections · wrk, haproxy and backends on "
          f"{os.cpu_count()} shared cores · load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after"
          + (f" · krampe with {', '.join(args.env)}" if args.env else "") + "\n")
    print("| app | endpoint | 1 process req/s | 2 processes req/s | scaling (2 / 1) "
          "| × bare app's scaling | p99 ms (1 / 2) | errors | server CPU ms/req (1 / 2) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for app in ("bare FastAPI", "krampe"):
        for label, _, _ in targets:
            one, two = results[(app, 1, label)], results[(app, 2, label)]
            scaling = two["rps"] / one["rps"]
            bare = (results[("bare FastAPI", 2, label)]["rps"]
                    / results[("bare FastAPI", 1, label)]["rps"])
            print(f"| {app} | {label} | {one['rps']:.0f} | {two['rps']:.0f} | {scaling:.2f} "
                  f"| {scaling / bare:.2f} | {one['p99']:.1f} / {two['p99']:.1f} "
                  f"| {one['errors'] + two['errors']} | {one['cpu_ms']:.2f} / "
                  f"{two['cpu_ms']:.2f} |")
    print("\nTarget: krampe's scaling >= 0.9x the bare app's through the same haproxy.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
