"""Start-up time and memory of `krampe serve` on a large knowledge base, old beside new.

    .venv/bin/python bench/startup.py --kb bench/out/corpus-10000-s7 --baseline-ref c823696

For each code version (this checkout, and the git commit --baseline-ref) and each worker
count: one cold start builds the index cache in an empty KRAMPE_HOME (not timed in the
table), then a warm start is timed from launch until every worker has finished its
start-up and /healthz answers. Memory is read from /proc once the server is idle: RSS and
PSS (shared pages divided among the processes sharing them) of the uvicorn parent, each
worker and each engine process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cluster import LISTENING, free_port
from responsive import baseline_tree

REPO = Path(__file__).resolve().parents[1]


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            out += [int(c) for c in task.read_text().split()]
        except OSError:
            continue
    return out


def _mem_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def memory(pid: int, workers: int) -> dict[str, list[tuple[int, int]]]:
    """RSS/PSS (kB) of the parent, the uvicorn workers and their engine processes."""
    out: dict[str, list[tuple[int, int]]] = {"parent": [_mem_kb(pid)], "worker": [],
                                             "engine": []}
    if workers == 1:  # one worker: uvicorn serves in the parent itself
        out["worker"], out["parent"] = out["parent"], []
        pids = [pid]
    else:  # spawned (older code) or forked workers; not multiprocessing's helper
        pids = [c for c in _children(pid) if "resource_tracker" not in _cmdline(c)]
        out["worker"] = [_mem_kb(w) for w in pids]
    for w in pids:
        for e in _children(w):
            if "resource_tracker" not in _cmdline(e):
                out["engine"].append(_mem_kb(e))
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def start(env: dict[str, str], kb: list[str], workers: int, log_path: Path) -> tuple:
    port = free_port() if workers > 1 else 0
    args = [sys.executable, "-m", "krampe", "serve", "--host", "127.0.0.1", "--port",
            str(port), "--workers", str(workers), "--no-access-log"]
    for spec in kb:
        args += ["--kb", spec]
    t0 = time.perf_counter()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 1200
    base = f"http://127.0.0.1:{port}" if port else None
    while time.monotonic() < deadline:
        text = log_path.read_text(errors="replace")
        if proc.poll() is not None:
            raise SystemExit(f"krampe serve stopped: {text[-2000:]}")
        if base is None:
            found = LISTENING.search(text)
            if found:
                base = f"http://127.0.0.1:{found.group(1)}"
        if base and text.count("Application startup complete") >= workers:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5):
                    return proc, time.perf_counter() - t0
            except OSError:
                pass
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("krampe serve did not become healthy")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", action="append", help="knowledge base (default: bundled)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--baseline-ref", help="git commit whose code runs as the baseline")
    args = ap.parse_args(argv)
    kb = [str(Path(k).resolve()) if k != "bundled" else k for k in (args.kb or ["bundled"])]
    tmp = Path(tempfile.mkdtemp(prefix="krampe-startup-"))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("KRAMPE_")}
    base_env.pop("DATABASE_URL", None)
    base_env.update({"OMP_NUM_THREADS": "1", "KRAMPE_SECRET_KEY": "s" * 48})
    versions = [("this checkout", REPO / "src")]
    if args.baseline_ref:
        versions.insert(0, (args.baseline_ref, baseline_tree(args.baseline_ref, tmp)))
    rows = []
    for label, src in versions:
        home = tmp / f"home-{len(rows)}"
        home.mkdir()
        env = {**base_env, "PYTHONPATH": str(src), "KRAMPE_HOME": str(home)}
        proc, cold = start(env, kb, 1, home / "cold.log")
        proc.terminate()
        proc.wait(60)
        for workers in args.workers:
            proc, warm = start(env, kb, workers, home / f"warm-{workers}.log")
            time.sleep(1.0)
            mem = memory(proc.pid, workers)
            proc.terminate()
            proc.wait(60)
            rows.append((label, workers, cold, warm, mem))
            print(f"  {label}, {workers} worker(s): healthy in {warm:.1f} s", file=sys.stderr)
    shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n# krampe serve start-up · kb {', '.join(kb)} · warm index cache · "
          f"{os.cpu_count()} cores · load avg {os.getloadavg()[0]:.1f}\n")
    print("| code | workers | cold start s | warm start to healthy s | parent RSS / PSS MB "
          "| per worker RSS / PSS MB | per engine process RSS / PSS MB | total PSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, workers, cold, warm, mem in rows:
        def mb(kb: int) -> str:
            return f"{kb / 1024:.0f}"

        parent = (f"{mb(mem['parent'][0][0])} / {mb(mem['parent'][0][1])}" if mem["parent"]
                  else "(is the worker)")
        per_worker = ", ".join(f"{mb(r)} / {mb(p)}" for r, p in mem["worker"])
        engines = ", ".join(f"{mb(r)} / {mb(p)}" for r, p in mem["engine"]) or "none"
        total = sum(p for group in mem.values() for _, p in group)
        print(f"| {label} | {workers} | {cold:.1f} | {warm:.1f} | {parent} | {per_worker} "
              f"| {engines} | {mb(total)} |")
    print("\nTarget: 2 workers healthy within 10 s of start at 10,000 articles, warm cache.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
