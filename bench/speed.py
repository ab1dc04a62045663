"""Speed benchmark: per-question latency and index build cost as the corpus grows.

    python bench/speed.py [--sizes 1000,10000] [--systems krampe,fts5,bm25s] [--profile]

Corpora: the seed articles and generated corpora of N articles (bench/corpus.py). Each
system runs in its own subprocess, so imports and start-up are excluded and memory does not
leak between systems. krampe: cold build (empty KRAMPE_HOME), then a warm load from the
cache in a fresh process, which then answers every query `--rounds` times after a short
untimed warm-up, with its semantic stage off (KRAMPE_SEMANTIC=0); the seeds and the
corpora named by --semantic-on get a row with it on. Peers read the same passages with
krampe's readers (read time is part of their build). Every time is given as wall clock
and as CPU time (the process and its reaped children, e.g. a reading pool): on a shared
2-core machine the CPU time is the number that does not depend on the neighbours; with
parallel work it sums the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from peers.table import engine_version, machine_line, render

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
OUT = REPO / "bench" / "out"
PEERS = ("fts5", "bm25s")
HEADERS = ["corpus", "articles", "passages", "system", "cold build s", "warm load s",
           "search p50 ms", "search p99 ms", "triage p50 ms", "ask p50 ms", "p50 × seeds",
           "target"]
# The targets for krampe's lexical path.
P50_SEEDS_MS, P50_10K_MS, COLD_10K_S = 2.0, 20.0, 60.0
WARMUP = 16  # untimed queries first: first-touch costs are not per-question costs
ROUND_BUDGET_S = 20.0  # after this much timing, further rounds are skipped (slow peers)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Wall and CPU seconds since start; CPU includes reaped children (krampe reads
    articles in a process pool), whose accounting is coarse but fine for builds."""

    def __init__(self) -> None:
        self.wall, self.cpu, self.kids = time.perf_counter(), time.process_time(), _children_cpu()

    def stop(self) -> list[float]:
        cpu = time.process_time() - self.cpu + _children_cpu() - self.kids
        return [time.perf_counter() - self.wall, cpu]


# ---- worker side (runs in a subprocess) -------------------------------------------------

def _latencies(search, queries: list[str], rounds: int,
               each_round=None) -> list[list[float]]:
    """[wall ms, cpu ms] per timed query; `each_round` runs untimed before every round."""
    for q in queries[:WARMUP]:
        search(q)
    out: list[list[float]] = []
    for _ in range(rounds):
        if each_round is not None:
            each_round()
        for q in queries:
            clock = Clock()
            search(q)
            out.append([s * 1000 for s in clock.stop()])
        if sum(w for w, _ in out) / 1000 > ROUND_BUDGET_S:
            break
    return out


def _semantic_cost(kb, queries: list[str], rounds: int) -> dict:
    """The semantic stage's own cost: the share of questions that run it (the lexical
    ranking is uncertain), one query encoding, and a search with the query cache warm."""
    from krampe.knowledge import semantic

    ran = sum(kb.explain(q).semantic for q in queries)
    semantic.QUERY_CACHE.clear()
    encode = _latencies(semantic.encode_query, queries, 1, semantic.QUERY_CACHE.clear)
    for q in queries:
        kb.search(q, top=5)  # fills the cache
    cached = _latencies(lambda q: kb.search(q, top=5), queries, rounds)
    from krampe.core import ask

    ask_cached = _latencies(lambda q: ask(q, kb, 5), queries, rounds)
    return {"ran": ran, "queries": len(queries), "encode": encode, "cached": cached,
            "ask_cached": ask_cached}


def _mean_cpu(lat: list[list[float]]) -> float:
    return float(np.mean(np.asarray(lat)[:, 1])) if lat else 0.0


def _passages(kb) -> int | None:
    size = getattr(getattr(kb, "index", None), "size", None)
    return int(size) if isinstance(size, int | np.integer) else None


def worker(args: argparse.Namespace) -> dict:
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    if args.worker == "krampe":
        from krampe.knowledge.kb import KnowledgeBase

        clock = Clock()
        kb = KnowledgeBase.load(args.kb)
        result: dict = {"load": clock.stop(), "passages": _passages(kb),
                        "from_cache": getattr(kb, "from_cache", None)}
        if args.load_only:
            return result
        search = lambda q: kb.search(q, top=5)  # noqa: E731
        if not args.profile_out:
            from krampe.knowledge import semantic

            # With the semantic stage, every round starts with an empty query cache: each
            # question that runs the stage is encoded once a round (the uncached cost).
            on = kb.index.embeddings is not None and semantic.enabled()
            fresh = semantic.QUERY_CACHE.clear if on else None
            result["lat"] = _latencies(search, queries, args.rounds, fresh)
            # What `krampe ask` and /api/ask also run: triage of the same text, and the
            # whole question call (search + triage) that the user waits for.
            from krampe.core import ask
            from krampe.triage import triage

            result["triage"] = _latencies(triage, queries, args.rounds)
            result["ask"] = _latencies(lambda q: ask(q, kb, 5), queries, args.rounds, fresh)
            if on:
                result["semantic"] = _semantic_cost(kb, queries, args.rounds)
            return result
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        result["lat"] = _latencies(search, queries, args.rounds)
        prof.disable()
        with open(args.profile_out, "w", encoding="utf-8") as fh:
            pstats.Stats(prof, stream=fh).sort_stats("tottime").print_stats(20)
        return result

    from peers.passages import load_docs

    clock = Clock()
    docs = load_docs(args.kb)
    result = {"read": clock.stop(), "passages": len(docs), "peers": {}}
    for name in args.worker.split(","):
        if name == "fts5":
            from peers.fts5 import Fts5Retriever as cls
        else:
            from peers.bm25 import Bm25sRetriever as cls
        peer = cls()
        clock = Clock()
        peer.build(docs)
        build = clock.stop()
        lat = _latencies(lambda q, p=peer: p.search(q, top=5), queries, args.rounds)
        result["peers"][name] = {"name": peer.name, "build": build, "lat": lat}
    return result


# ---- driver side ------------------------------------------------------------------------

def run_worker(system: str, kb: list[str], home: Path, queries: Path, rounds: int,
               timeout: float, load_only: bool = False, profile: Path | None = None,
               env_extra: dict[str, str] | None = None) -> dict:
    cmd = [sys.executable, __file__, "--worker", system, "--queries", str(queries),
           "--rounds", str(rounds)]
    for spec in kb:
        cmd += ["--kb", spec]
    if load_only:
        cmd.append("--load-only")
    if profile:
        cmd += ["--profile-out", str(profile)]
    env = {**os.environ, **(env_extra or {}), "KRAMPE_HOME": str(home)}
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env,
                              check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": tail[:160]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _both(pair: list[float], digits: int = 2) -> str:
    """"wall (cpu)"."""
    return f"{pair[0]:.{digits}f} ({pair[1]:.{digits}f})"


def _pcts(lat: list[list[float]], q: float) -> list[float]:
    arr = np.asarray(lat)
    return [float(np.percentile(arr[:, 0], q)), float(np.percentile(arr[:, 1], q))]


def slowest(queries: list[str], lat: list[list[float]], n: int = 3) -> list[tuple[str, float]]:
    """The n queries with the highest median CPU time over the rounds (timed in order)."""
    per: dict[int, list[float]] = {}
    for i, (_, cpu) in enumerate(lat):
        per.setdefault(i % len(queries), []).append(cpu)
    ranked = sorted(per.items(), key=lambda kv: -float(np.median(kv[1])))[:n]
    return [(queries[i][:60], float(np.median(v))) for i, v in ranked]


def krampe_target(label: str, n_articles: int, cold: list[float], p50: list[float]) -> str:
    """Each target checked on CPU time (wall clock in brackets when it disagrees)."""
    checks = []
    if label == "seeds":
        checks.append(("p50 ≤ 2 ms", p50, P50_SEEDS_MS))
    if n_articles >= 10000:
        checks.append(("p50 ≤ 20 ms", p50, P50_10K_MS))
        checks.append(("cold ≤ 60 s", cold, COLD_10K_S))
    out = []
    for what, (wall, cpu), limit in checks:
        verdict = "met" if cpu <= limit else "MISSED"
        if (wall <= limit) != (cpu <= limit):
            verdict += f" (wall {'met' if wall <= limit else 'missed'})"
        out.append(f"{what} {verdict}")
    return ", ".join(out)


def _semantic_row(args: argparse.Namespace, label: str, slug: str, path: Path, articles: int,
                  tmp: Path, queries_file: Path, env_extra: dict[str, str],
                  notes: list[str]) -> list[str]:
    """krampe with its semantic stage (KRAMPE_SEMANTIC=1, one encoder thread): the cold
    build encodes every passage (over the budget it serves lexically), and a question
    that passes the gate is encoded too."""
    env = {**env_extra, "KRAMPE_SEMANTIC": "1", "OMP_NUM_THREADS": "1"}
    home = tmp / f"home-{slug}-semantic"
    cold = run_worker("krampe", [str(path)], home, queries_file, args.rounds, args.timeout,
                      load_only=True, env_extra=env)
    warm = run_worker("krampe", [str(path)], home, queries_file, args.rounds, args.timeout,
                      env_extra=env)
    name = "krampe (+ semantic)"
    if "error" in cold or "error" in warm:
        notes.append(f"{name} on {label}: {cold.get('error') or warm.get('error')}")
        return [label, str(articles), "", name, "not available", *[""] * 7]
    pcts = [_both(_pcts(warm[k], 50), 3) if warm.get(k) else "" for k in ("triage", "ask")]
    if warm.get("semantic"):
        cost = warm["semantic"]
        notes.append(
            f"semantic stage on {label}: runs for {cost['ran']} of {cost['queries']} questions "
            f"({cost['ran'] / max(cost['queries'], 1):.0%}: answered and the lexical ranking "
            f"uncertain); one query encoding p50 {_both(_pcts(cost['encode'], 50), 1)} ms; "
            f"search with the query cache warm p50 {_both(_pcts(cost['cached'], 50), 3)} ms "
            "(the row's search and ask columns start every round with an empty cache); "
            f"ask mean CPU per question {_mean_cpu(warm['ask']):.2f} ms with the cache "
            f"empty, {_mean_cpu(cost['ask_cached']):.2f} ms with it warm")
    return [label, str(articles), str(warm["passages"]), name, _both(cold["load"], 1),
            _both(warm["load"], 2), _both(_pcts(warm["lat"], 50), 3),
            _both(_pcts(warm["lat"], 99), 2), *pcts, "", ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="generated corpus sizes")
    parser.add_argument("--systems", default="krampe,fts5,bm25s")
    parser.add_argument("--rounds", type=int, default=3,
                        help="timed passes over the queries (fewer past 20 s of timing)")
    parser.add_argument("--seed", type=int, default=7, help="corpus generator seed")
    parser.add_argument("--set", type=Path, default=SHARED / "eval" / "qa_dev.jsonl",
                        help="questions to time (paraphrases are added)")
    parser.add_argument("--seeds", default=str(SHARED / "seeds"), help="the small corpus")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per subprocess")
    parser.add_argument("--corpus-dir", type=Path, default=OUT,
                        help="where generated corpora are kept (reused when present)")
    parser.add_argument("--fresh-corpus", action="store_true",
                        help="regenerate corpora from the current seeds and pack")
    parser.add_argument("--no-snapshot", action="store_true",
                        help="run the live src/krampe instead of a copy frozen at the start")
    parser.add_argument("--semantic-on", default="",
                        help="corpora besides the seeds to time with the semantic stage too, "
                             "e.g. 'gen 1000' (over its budget it serves lexically)")
    parser.add_argument("--profile", action="store_true",
                        help="cProfile krampe's queries into bench/out/profile-*.txt")
    # worker mode (internal)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--kb", action="append", help=argparse.SUPPRESS)
    parser.add_argument("--queries", help=argparse.SUPPRESS)
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args)))
        return 0

    tmp = Path(tempfile.mkdtemp(prefix="krampe-speed-"))
    try:
        return _drive(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # cached indexes of 10k articles are ~100 MB


def _drive(args: argparse.Namespace, tmp: Path) -> int:
    from corpus import generate
    from peers.queries import speed_queries

    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    queries_file = tmp / "queries.json"
    queries = speed_queries(args.set)
    queries_file.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")

    corpora: list[tuple[str, Path]] = [("seeds", Path(args.seeds))]
    for n in sizes:
        clock = Clock()
        out = args.corpus_dir / f"corpus-{n}-s{args.seed}"
        corpora.append((f"gen {n}", generate(n, out, seed=args.seed, fresh=args.fresh_corpus)))
        print(f"corpus of {n} articles ready in {clock.stop()[0]:.1f} s", file=sys.stderr)

    env_extra: dict[str, str] = {}
    if not args.no_snapshot:
        # Others edit the engine while this runs; a cache key that changes between the cold
        # and the warm run would turn the warm load into a rebuild. Freeze a copy.
        shutil.copytree(REPO / "src" / "krampe", tmp / "engine" / "krampe",
                        ignore=shutil.ignore_patterns("__pycache__"))
        env_extra["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(tmp / "engine"), os.environ.get("PYTHONPATH", "")) if p)
    print(f"# speed benchmark · {machine_line()} · {engine_version(REPO)}")
    print(f"{len(queries)} queries (set {args.set}: its questions + paraphrases) × up to "
          f"{args.rounds} rounds; latency in-process, start-up and index excluded; times are "
          "wall (CPU); search = KnowledgeBase.search, triage = triage(text), ask = core.ask "
          "(both, what `krampe ask` and /api/ask run; peers only search)")
    rows: list[list[str]] = []
    base_p50: dict[str, float] = {}
    notes: list[str] = []
    for label, path in corpora:
        articles = sum(1 for p in path.rglob("*") if p.suffix in {".txt", ".md", ".html", ".htm"})
        slug = label.replace(" ", "-")
        peers = [s for s in systems if s in PEERS]
        peer_rows: list[list[str]] = []
        passages = ""
        if peers:
            res = run_worker(",".join(peers), [str(path)], tmp / "peers-home", queries_file,
                             args.rounds, args.timeout, env_extra=env_extra)
            if "error" in res:
                notes.append(f"peers on {label}: {res['error']}")
            else:
                passages = str(res["passages"])
                for name, peer in res["peers"].items():
                    p50, p99 = _pcts(peer["lat"], 50), _pcts(peer["lat"], 99)
                    base_p50.setdefault(name, p50[1])
                    build = [r + b for r, b in zip(res["read"], peer["build"], strict=True)]
                    peer_rows.append([label, str(articles), passages, peer["name"],
                                      _both(build, 1), "", _both(p50, 3), _both(p99, 2),
                                      "", "", f"{p50[1] / base_p50[name]:.1f}", ""])
        if "krampe" in systems:
            home = tmp / f"home-{slug}"
            lexical = {**env_extra, "KRAMPE_SEMANTIC": "0"}
            cold = run_worker("krampe", [str(path)], home, queries_file, args.rounds,
                              args.timeout, load_only=True, env_extra=lexical)
            profile = OUT / f"profile-{slug}.txt" if args.profile else None
            if profile:
                OUT.mkdir(parents=True, exist_ok=True)
            warm = run_worker("krampe", [str(path)], home, queries_file, args.rounds,
                              args.timeout, profile=profile, env_extra=lexical)
            if "error" in cold or "error" in warm:
                err = cold.get("error") or warm.get("error")
                rows.append([label, str(articles), passages, "krampe (lexical)", "not available",
                             "", "", "", "", "", "", ""])
                notes.append(f"krampe on {label}: {err}")
            else:
                p50, p99 = _pcts(warm["lat"], 50), _pcts(warm["lat"], 99)
                base_p50.setdefault("krampe", p50[1])
                count = str(warm["passages"] or passages)
                tri = _both(_pcts(warm["triage"], 50), 3) if warm.get("triage") else ""
                both = _both(_pcts(warm["ask"], 50), 3) if warm.get("ask") else ""
                rows.append([label, str(articles), count, "krampe (lexical)",
                             _both(cold["load"], 1), _both(warm["load"], 2), _both(p50, 3),
                             _both(p99, 2), tri, both, f"{p50[1] / base_p50['krampe']:.1f}",
                             krampe_target(label, articles, cold["load"], p50)])
                if profile:
                    notes.append(f"krampe profile on {label}: {profile}")
                if warm.get("ask"):
                    notes.append(f"krampe (lexical) on {label}: ask mean CPU per question "
                                 f"{_mean_cpu(warm['ask']):.2f} ms")
                notes.append(f"krampe's slowest queries on {label} (CPU ms): "
                             + "; ".join(f"{ms:.1f} {q!r}" for q, ms in
                                         slowest(queries, warm["lat"])))
                if warm.get("from_cache") is False:
                    # e.g. the engine or its data changed between the two runs
                    notes.append(f"krampe on {label}: the warm load did NOT come from the "
                                 "cache; its warm load time is a rebuild")
            if label == "seeds" or label in args.semantic_on.split(","):
                rows.append(_semantic_row(args, label, slug, path, articles, tmp, queries_file,
                                          env_extra, notes))
        rows.extend(peer_rows)
    print()
    print(render(HEADERS, rows))
    print(f"\n- targets (krampe lexical, judged on CPU time): p50 ≤ {P50_SEEDS_MS:g} ms on seeds, "
          f"≤ {P50_10K_MS:g} ms on 10,000 articles; cold build of 10,000 ≤ {COLD_10K_S:g} s")
    print(f"- load average at the end: {os.getloadavg()[0]:.1f} (2 cores shared with other work)")
    for note in notes:
        print(f"- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
