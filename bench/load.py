"""Load benchmark of the web API: `krampe serve` with 1 and 2 workers under wrk.

    .venv/bin/python bench/load.py [--duration 15] [--connections 8]

For each worker count it starts `krampe serve` on a free loopback port and runs wrk
(Debian package `wrk`) against POST /api/ask and POST /api/triage with a Lua script
that cycles through real Danish questions and symptom descriptions (the repo's
eval/qa_bundled.jsonl and ../shared/eval/triage_dev.jsonl when present, plus a built-in
mix), so no two consecutive requests are the same and nothing is served from a cache
(the app has none). The baseline runs side by side: a bare FastAPI app
(bench/bare_app.py) under the same uvicorn with the same worker count, on the same paths.

Note: wrk runs on the same 2-core machine as the server, so the numbers are a lower
bound for a dedicated server.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_TRIAGE = REPO.parent / "shared" / "eval" / "triage_dev.jsonl"
QUESTIONS = REPO / "eval" / "qa_bundled.jsonl"

# Descriptions written for this benchmark (varied levels, lengths and phrasing).
BUILTIN_TEXTS = [
    "Jeg vågner næsten hver nat med krampe i læggen og det gør ondt længe bagefter",
    "min læg er hævet og varm efter flyveturen fra Bangkok",
    "krampe i læggen når jeg løber mere end 10 km",
    "Jeg har fået vanddrivende medicin og nu får jeg krampe hele tiden",
    "min far på 82 har ondt i læggen når han går, men det går over når han står stille",
    "pludselig åndenød og smerter i brystet, og læggen er øm",
    "Jeg er gravid i 7. måned og får krampe i benene om natten",
    "hvad gør jeg hvis benet bliver hævet",
    "krampen sidder stadig efter en halv time selvom jeg har strakt ud",
    "ingen hævelse, ingen rødme, bare krampe af og til efter fodbold",
]
BUILTIN_QUESTIONS = [
    "hjælper magnesium mod krampe i læggen?",
    "hvorfor får jeg krampe om natten?",
    "hvordan strækker jeg læggen?",
    "kan kaffe give krampe?",
    "hvornår skal jeg gå til lægen med krampe i benet?",
]

LUA = """
local bodies = {}
local i = 0
for line in io.lines("%(bodies)s") do bodies[#bodies + 1] = line end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
"""

GET_LUA = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
"""


# Benchmarks load the server from one address: the per-client limits would throttle them.
BENCH_LIMITS = {"KRAMPE_API_RATE_LIMIT": "1000000/minute",
                "KRAMPE_REGISTER_MAX_PER_WINDOW": "1000000"}


def _jsonl(path: Path, key: str) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)[key] for line in path.read_text().splitlines() if line.strip()]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(workers: int, home: str, bare: bool = False) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    if bare:  # the baseline: the same server and worker count, a bare FastAPI app
        cmd = [sys.executable, "-m", "uvicorn", "bare_app:app", "--app-dir",
               str(REPO / "bench"), "--port", str(port), "--workers", str(workers),
               "--no-access-log", "--log-level", "warning"]
    else:
        cmd = [sys.executable, "-m", "krampe", "serve", "--port", str(port), "--workers",
               str(workers)]
    env = {**os.environ, "KRAMPE_HOME": home, "OMP_NUM_THREADS": "1",
           "PYTHONPATH": str(REPO / "src"),
           # several workers must share one key (krampe serve refuses otherwise)
           "KRAMPE_SECRET_KEY": os.environ.get("KRAMPE_SECRET_KEY", "l" * 48)}
    env.pop("DATABASE_URL", None)
    # A benchmark is one client asking as fast as it can: lift the per-client limits.
    env.update(BENCH_LIMITS)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise SystemExit("krampe serve did not start")
    # Let every worker load and warm its engines before measuring.
    for _ in range(20 * workers):
        req = urllib.request.Request(
            base + "/api/ask", data=b'{"q": "krampe om natten"}',
            headers={"Content-Type": "application/json"},
        )
        urllib.request.urlopen(req, timeout=30).read()
    return proc, base


def _tree(pid: int) -> list[int]:
    """The server process and all its descendants (uvicorn's worker processes)."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            todo += [int(c) for c in task.read_text().split()]
    return pids


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of the server processes (load-independent cost)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def _wrk(url: str, script: Path, duration: int, connections: int, threads: int,
         server_pid: int) -> dict:
    pids = _tree(server_pid)
    cpu_before = _cpu_seconds(pids)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, dur_us, p50, p99, status_err, sock_err = map(int, line.split()[1:])
    cpu = _cpu_seconds(pids) - cpu_before
    return {
        "cpu_ms": 1000 * cpu / max(n, 1),
        "rps": n / (dur_us / 1e6),
        "p50_ms": p50 / 1000,
        "p99_ms": p99 / 1000,
        "non2xx": status_err,
        "socket_errors": sock_err,
        "requests": n,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--duration", type=int, default=15, help="seconds per run")
    ap.add_argument("--connections", type=int, default=8,
                    help="open connections (latency = connections / throughput, Little's law)")
    ap.add_argument("--threads", type=int, default=1, help="wrk threads (shares the cores)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk mangler: apt-get install -y wrk")

    questions = _jsonl(QUESTIONS, "q") + BUILTIN_QUESTIONS
    texts = _jsonl(SHARED_TRIAGE, "text") + BUILTIN_TEXTS
    tmp = Path(tempfile.mkdtemp(prefix="krampe-load-"))
    (tmp / "ask.jsonl").write_text(
        "\n".join(json.dumps({"q": q, "top": 5}, ensure_ascii=False) for q in questions) + "\n"
    )
    (tmp / "triage.jsonl").write_text(
        "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in texts) + "\n"
    )
    scripts = {}
    for name in ("ask", "triage"):
        scripts[name] = tmp / f"{name}.lua"
        scripts[name].write_text(LUA % {"bodies": tmp / f"{name}.jsonl"})
    scripts["healthz"] = tmp / "get.lua"
    scripts["healthz"].write_text(GET_LUA)
    targets = [("GET /healthz (baseline)", "/healthz", "healthz"),
               ("POST /api/ask", "/api/ask", "ask"),
               ("POST /api/triage", "/api/triage", "triage")]

    rows = []
    bare_rps: dict[tuple[int, str], float] = {}
    load_before = os.getloadavg()[0]
    for workers in args.workers:
        for bare in (True, False):  # side by side: the bare app, then krampe
            proc, base = _start(workers, str(tmp / f"home{workers}"), bare=bare)
            try:
                for label, path, script in targets:
                    res = _wrk(base + path, scripts[script], args.duration, args.connections,
                               args.threads, proc.pid)
                    if bare:
                        bare_rps[(workers, path)] = res["rps"]
                        label = f"bare FastAPI {label.split(' (')[0]}"
                    res["x_bare"] = res["rps"] / bare_rps.get((workers, path), float("nan"))
                    rows.append((workers, label, res))
                    print(f"  {workers} worker(s) {label}: {res['rps']:.0f} req/s",
                          file=sys.stderr)
            finally:
                proc.terminate()
                proc.wait(timeout=30)

    print()
    print(f"krampe serve under wrk: {args.duration} s per run, {args.connections} connections, "
          f"{args.threads} wrk thread; {len(questions)} questions, {len(texts)} descriptions "
          f"cycled; {os.cpu_count()} cores shared by server and load generator; "
          f"1-min load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after "
          "(anything above ~1 means other processes were competing for the cores)")
    print()
    print("| workers | endpoint | req/s | × bare FastAPI | p50 ms | p99 ms | non-2xx "
          "| socket errors | server CPU ms/req | req/s per free core |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for workers, label, r in rows:
        per_core = 1000 / r["cpu_ms"] if r["cpu_ms"] else float("nan")
        print(f"| {workers} | {label} | {r['rps']:.0f} | {r['x_bare']:.2f} | {r['p50_ms']:.1f} "
              f"| {r['p99_ms']:.1f} | {r['non2xx']} | {r['socket_errors']} "
              f"| {r['cpu_ms']:.2f} | {per_core:.0f} |")
    print()
    print("server CPU ms/req: CPU time of the uvicorn processes per request (does not depend "
          "on other load); req/s per free core = 1000 / that, the ceiling per worker on a "
          "dedicated core.")
    print()
    print("× bare FastAPI: krampe's req/s over the bare app's (bench/bare_app.py: pydantic body, "
          "JSON answer) on the same path, worker count and machine, run just before it.")
    print("Targets: /api/ask >= 0.25× the bare app with the same worker count; "
          "(2 workers) >= 500 req/s with p99 <= 50 ms for /api/ask and /api/triage.")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
