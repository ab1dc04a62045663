"""Diary storage benchmark on PostgreSQL: pattern query latency and entry creation rate.

Loads USERS x ENTRIES diary entries (default 10,000 x 1,000 = 10 million) with COPY
into a fresh schema, in the order an app inserts them (by time, all users interleaved),
then measures, side by side:

- patterns, cold: for users nobody has read since the load (or since `--restart-cmd`
  restarted PostgreSQL), from the daily roll-up of migration 0004 (what GET
  /api/diary/patterns does) and from the year's entries through the covering index of
  0002 (what it did before; with `--plain` also through 0001's plain index); beside the
  times, the buffers one such query reads and finds cached (EXPLAIN (ANALYZE, BUFFERS));
- patterns, warm; the queries alone; baseline: every entry as ORM objects;

and entry creation (one committed INSERT per entry) in-process and over HTTP through
`krampe serve`, with 1 and 4 clients. Prints one table. Target: pattern p95 <= 10 ms cold.

    .venv/bin/python bench/diary_patterns.py              # full size
    .venv/bin/python bench/diary_patterns.py --users 500  # quick run
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx
import numpy as np
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from krampe.db import Database
from krampe.diary import rollup
from krampe.diary.api import compute_patterns
from krampe.diary.models import Entry
from krampe.diary.patterns import analyse, window_start
from krampe.diary.repository import create_entry
from krampe.diary.rows import pattern_rows
from krampe.diary.schemas import EntryIn
from krampe.diary.timeutil import day_start_utc, local_day

REPO = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/krampe_bench"
SCHEMA = "diary_bench"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
SITUATIONS = ["asleep", "asleep", "resting", "exercising", "working", "other"]
LEGS = ["both", "left", "right"]
CONTEXTS = ["trained", "coffee", "alcohol", "drank_little", "followed_programme"]


def ensure_database(url: str) -> None:
    parsed = make_url(url)
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                           {"n": parsed.database}):
            conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()


def schema_url(url: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options={quote(f'-csearch_path={SCHEMA}')}"


def fresh_schema(url: str) -> str:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
    engine.dispose()
    return schema_url(url)


def load_state(url: str, users: int, per_user: int) -> tuple[int, bool] | None:
    """(blocks already loaded, fully loaded and indexed) of an interrupted or kept load of
    the same size, or None when there is none to resume."""
    engine = create_engine(schema_url(url))
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT users, per_user, blocks, done FROM bench_progress"
                                    )).one()
    except Exception:
        return None
    finally:
        engine.dispose()
    return (row.blocks, row.done) if (row.users, row.per_user) == (users, per_user) else None


def copy_text(db: Database, table: str, columns: list[str], blocks, after=None) -> None:
    """COPY ... FROM STDIN in text format, fed with ready-made blocks of lines; with
    `after`, each block is its own transaction and `after(cursor, n)` runs inside it (the
    progress mark), so an interrupted load resumes after its last committed block."""
    raw = db.engine.raw_connection()
    sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    try:
        cur = raw.cursor()
        if after is None:
            with cur.copy(sql) as copy:
                for block in blocks:
                    copy.write(block)
            raw.commit()
            return
        for n, block in blocks:
            with cur.copy(sql) as copy:
                copy.write(block)
            after(cur, n)
            raw.commit()
            print(f"  block {n + 1} committed", file=sys.stderr, flush=True)
    finally:
        raw.close()


def entry_blocks(users: int, per_user: int, seed: int, block_rows: int = 200_000,
                 skip: int = 0):
    """(number, text) blocks of entries in the order an app inserts them: by time, all users
    interleaved (not one user's rows together, which would hide the cold case). Timestamps
    and row tails come from pre-formatted pools so 10 million rows cost seconds."""
    rng = random.Random(seed)
    span = 2 * 365 * 86400  # two years of history
    stamps = sorted((NOW - timedelta(seconds=rng.randrange(span))).strftime("%Y-%m-%d %H:%M:%S")
                    for _ in range(100_000))
    tails = []
    for _ in range(5_000):
        ctx = "[" + ", ".join(f'"{c}"' for c in rng.sample(CONTEXTS, rng.randrange(3))) + "]"
        tails.append(f"{rng.choice((30, 60, 60, 90, 120, 300))}\t{rng.randrange(11)}\t"
                     f"{rng.choice(LEGS)}\t{rng.choice(SITUATIONS)}\t"
                     f"{'t' if rng.random() < 0.3 else 'f'}\t{'t' if rng.random() < 0.1 else 'f'}"
                     f"\t{ctx}\t\\N")
    picker = np.random.default_rng(seed)
    owner = np.repeat(np.arange(1, users + 1, dtype=np.int32), per_user)
    when = picker.integers(0, len(stamps), owner.size)
    tail = picker.integers(0, len(tails), owner.size)
    order = np.argsort(when, kind="stable")
    for n, start in enumerate(range(0, order.size, block_rows)):
        if n < skip:
            continue
        part = order[start:start + block_rows]
        yield n, "".join(f"{u}\t{stamps[w]}\t{tails[t]}\t{stamps[w]}\t{stamps[w]}\n"
                      for u, w, t in zip(owner[part].tolist(), when[part].tolist(),
                                         tail[part].tolist(), strict=True))


def load(db: Database, users: int, per_user: int, done_blocks: int = -1) -> dict[str, float]:
    """COPY the users and entries; `done_blocks` >= 0 resumes an interrupted load."""
    times = {}
    t = time.perf_counter()
    if done_blocks < 0:
        now_naive = NOW.replace(tzinfo=None)
        copy_text(db, "users", ["id", "username", "password_hash", "created_at"],
                  (f"{i}\tbench{i}\t!\t{now_naive:%Y-%m-%d %H:%M:%S}\n"
                   for i in range(1, users + 1)))
        with db.engine.begin() as conn:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('users', 'id'), :n)"),
                         {"n": users})
            # Bulk load without the index, then build it once: the usual way to load fast.
            conn.execute(text("DROP INDEX ix_diary_entries_user_started"))
            conn.execute(text("CREATE TABLE bench_progress (users int, per_user int, "
                              "blocks int, done bool)"))
            conn.execute(text("INSERT INTO bench_progress VALUES (:u, :p, 0, false)"),
                         {"u": users, "p": per_user})
        done_blocks = 0

    def mark(cur, n: int) -> None:
        cur.execute("UPDATE bench_progress SET blocks = %s", (n + 1,))

    copy_text(db, "diary_entries",
              ["user_id", "started_at", "duration_seconds", "intensity", "leg", "situation",
               "disturbed_sleep", "disturbed_work", "contexts", "note", "created_at",
               "updated_at"], entry_blocks(users, per_user, seed=1, skip=done_blocks),
              after=mark)
    times["copy"] = time.perf_counter() - t
    t = time.perf_counter()
    with db.engine.begin() as conn:
        # Minutes at full size: past the app's statement time limit.
        conn.execute(text("SET LOCAL statement_timeout = 0"))
        conn.execute(text("DROP INDEX IF EXISTS ix_diary_entries_user_started"))
        conn.execute(text(PLAIN))
    # As autovacuum would after a load: statistics and the visibility map.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("SET statement_timeout = 0"))
        conn.execute(text("VACUUM ANALYZE diary_entries"))
        conn.execute(text("VACUUM ANALYZE users"))
    times["index"] = time.perf_counter() - t
    t = time.perf_counter()
    with db.engine.begin() as conn:
        conn.execute(text("SET LOCAL statement_timeout = 0"))
        rollup.backfill(conn, progress=True)
    vacuum_rollup(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE bench_progress SET done = true"))
    times["rollup"] = time.perf_counter() - t
    return times


def vacuum_rollup(db: Database) -> None:
    """As autovacuum would after a bulk write: statistics, and the visibility map that
    lets the roll-up's read be an index-only scan."""
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("SET statement_timeout = 0"))
        conn.execute(text("VACUUM ANALYZE diary_day_totals"))


PLAIN = "CREATE INDEX ix_diary_entries_user_started ON diary_entries (user_id, started_at)"
COVERING = (PLAIN + " INCLUDE (duration_seconds, intensity, situation, disturbed_sleep, "
            "disturbed_work, contexts)")  # migration 0002
PATTERN_SQL = (
    "SELECT started_at, duration_seconds, intensity, situation, disturbed_sleep, "
    "disturbed_work, CAST(contexts AS VARCHAR) FROM diary_entries "
    "WHERE user_id = :u AND started_at >= :since ORDER BY started_at")
ROLLUP_SQL = (  # what diary.rollup.read selects (migration 0004)
    "SELECT day, entries, night, disturbed, exercise, CAST(contexts AS VARCHAR), "
    "CAST(durations AS VARCHAR), CAST(intensities AS VARCHAR), last_started_at, version "
    "FROM diary_day_totals WHERE user_id = :u AND day >= :first AND day <= :today")


def set_index(db: Database, create: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("SET LOCAL statement_timeout = 0"))
        conn.execute(text("DROP INDEX IF EXISTS ix_diary_entries_user_started"))
        conn.execute(text(create))


def buffers(db: Database, user_ids: list[int], sql: str) -> tuple[float, float]:
    """Mean shared buffers read from outside PostgreSQL's cache and found in it, per
    pattern query (EXPLAIN (ANALYZE, BUFFERS))."""
    read = hit = 0
    today = local_day(NOW)
    params = {"since": day_start_utc(window_start(today)).replace(tzinfo=None),
              "first": window_start(today), "today": today}
    with db.engine.connect() as conn:
        for uid in user_ids:
            plan = conn.execute(text("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql),
                                {"u": uid, **params}).scalar_one()
            root = plan[0]["Plan"]
            read += root.get("Shared Read Blocks", 0)
            hit += root.get("Shared Hit Blocks", 0)
    return read / len(user_ids), hit / len(user_ids)


def restart_postgres(command: str | None, db: Database) -> None:
    if not command:
        return
    db.dispose()
    subprocess.run(command, shell=True, check=True)
    for _ in range(60):
        try:
            with db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return
        except Exception:
            time.sleep(0.5)


def http_creation_rate(url: str, clients: int, seconds: float) -> float:
    """Entries per second through `krampe serve` (1 worker): POST /api/diary/entries,
    session cookie and CSRF header, as the app does."""
    home = Path(tempfile.mkdtemp(prefix="krampe-diary-http-"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("KRAMPE_")}
    env.update({"DATABASE_URL": url, "KRAMPE_HOME": str(home),
                "KRAMPE_SECRET_KEY": "b" * 48, "PYTHONPATH": str(REPO / "src")})
    log_path = home / "serve.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "krampe", "serve", "--port", "0",
                                 "--no-access-log"], env=env, stdout=subprocess.DEVNULL,
                                stderr=log)
    try:
        base = None
        for _ in range(1200):
            found = re.search(r"Uvicorn running on (http://[\d.]+:\d+)",
                              log_path.read_text(errors="replace"))
            if found:
                base = found.group(1)
                break
            if proc.poll() is not None:
                raise SystemExit(log_path.read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        if base is None:
            raise SystemExit("krampe serve did not start")
        counts = [0] * clients
        stop = time.monotonic() + seconds

        def client(n: int) -> None:
            with httpx.Client(base_url=base, timeout=60) as c:
                r = c.post("/api/account/register",
                           json={"username": f"http{clients}-{n}-{os.getpid()}",
                                 "password": "p" * 16})
                r.raise_for_status()
                csrf = {"X-CSRF-Token": r.json()["csrf_token"]}
                while time.monotonic() < stop:
                    r = c.post("/api/diary/entries", headers=csrf,
                               json={"intensity": 5, "duration_seconds": 60, "note": "bench"})
                    if r.status_code == 201:
                        counts[n] += 1

        threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
        t = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        return sum(counts) / (time.perf_counter() - t)
    finally:
        proc.terminate()
        proc.wait(60)
        shutil.rmtree(home, ignore_errors=True)


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    ms = sorted(s * 1000 for s in samples)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return q[49], q[94], q[98]


def time_calls(fn, user_ids: list[int]) -> tuple[list[float], float]:
    """Wall times per call, and the mean CPU time of this process per call."""
    out = []
    cpu = time.process_time()
    for uid in user_ids:
        t = time.perf_counter()
        fn(uid)
        out.append(time.perf_counter() - t)
    return out, (time.process_time() - cpu) / len(user_ids)


def creation_rate(db: Database, users: int, threads: int, seconds: float) -> float:
    stop = time.monotonic() + seconds
    counts = [0] * threads

    def worker(n: int) -> None:
        rng = random.Random(n)
        body = EntryIn(intensity=5, note="bench")
        with db.sessions() as s:
            while time.monotonic() < stop:
                create_entry(s, rng.randrange(1, users + 1), body, now=NOW)
                counts[n] += 1

    ts = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    t = time.perf_counter()
    for th in ts:
        th.start()
    for th in ts:
        th.join()
    return sum(counts) / (time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=10_000)
    ap.add_argument("--entries", type=int, default=1_000, help="entries per user")
    ap.add_argument("--queries", type=int, default=300, help="pattern queries per variant")
    ap.add_argument("--seconds", type=float, default=5.0, help="per creation-rate run")
    ap.add_argument("--url", default=os.environ.get("KRAMPE_BENCH_DATABASE_URL", DEFAULT_URL))
    ap.add_argument("--keep", action="store_true",
                    help="keep the loaded schema afterwards (the next run reuses it)")
    ap.add_argument("--fresh", action="store_true",
                    help="load again even when a kept or interrupted load of this size exists")
    ap.add_argument("--load-only", action="store_true",
                    help="load (or resume loading) and keep it, measure nothing")
    ap.add_argument("--drop-database", action="store_true",
                    help="drop the whole database at the end (a database of the bench's own)")
    ap.add_argument("--plain", action="store_true",
                    help="also measure the entries through 0001's plain index (rebuilds it)")
    ap.add_argument("--restart-cmd", help="run before each cold measurement to restart "
                    "PostgreSQL (e.g. 'pg_ctlcluster 15 main restart'); off by default since "
                    "the server may be shared")
    args = ap.parse_args(argv)

    ensure_database(args.url)
    total = args.users * args.entries
    # A load is committed block by block: an interrupted run resumes where it stopped,
    # a kept one of the same size is reused.
    state = None if args.fresh else load_state(args.url, args.users, args.entries)
    if state is None:
        db = Database.from_url(fresh_schema(args.url))
        print(f"loading {args.users:,} users x {args.entries:,} entries = {total:,} rows ...",
              file=sys.stderr)
        load_times = load(db, args.users, args.entries)
    elif not state[1]:
        db = Database.from_url(schema_url(args.url))
        print(f"resuming the load after block {state[0]} ...", file=sys.stderr)
        load_times = load(db, args.users, args.entries, done_blocks=state[0])
    else:
        # A load kept from before migration 0004 is migrated here: its backfill is timed.
        t = time.perf_counter()
        db = Database.from_url(schema_url(args.url))
        vacuum_rollup(db)
        load_times = {"copy": 0.0, "index": 0.0, "rollup": time.perf_counter() - t}
    if args.load_only:
        print(f"loaded: {load_times['copy']:.1f} s COPY + {load_times['index']:.1f} s index "
              f"+ {load_times['rollup']:.1f} s roll-up", file=sys.stderr)
        db.dispose()
        return 0
    rng = random.Random(7)
    # Users nobody has read since the load: each cold sample takes fresh ones.
    unread = rng.sample(range(1, args.users + 1), min(args.users, 2 * (args.queries + 30)))
    sample = unread[:args.queries]

    first = window_start(local_day(NOW))

    def full(uid: int) -> None:
        with db.sessions() as s:
            compute_patterns(s, uid, NOW)

    def from_entries(uid: int) -> None:
        with db.sessions() as s:
            rows, days = pattern_rows(s, uid, since=day_start_utc(first))
            analyse(rows, days, NOW)

    def query_only(uid: int) -> None:
        with db.sessions() as s:
            rollup.read(s, uid, first, NOW)

    def entries_query_only(uid: int) -> None:
        with db.sessions() as s:
            pattern_rows(s, uid, since=day_start_utc(first))

    def orm_all(uid: int) -> None:
        with db.sessions() as s:
            s.scalars(select(Entry).where(Entry.user_id == uid)).all()

    rows = []
    bufs = {}
    rollup_name = "daily roll-up (0004, API path)"
    variants = [(rollup_name, None, full, ROLLUP_SQL),
                ("entries, covering index (0002)", COVERING, from_entries, PATTERN_SQL)]
    if args.plain:
        variants.append(("entries, plain index (0001)", PLAIN, from_entries, PATTERN_SQL))
    for name, create, fn, sql in variants:
        if create:
            set_index(db, create)
        cold_users, explain_users = unread[:args.queries], unread[args.queries:args.queries + 30]
        unread = unread[args.queries + 30:]
        restart_postgres(args.restart_cmd, db)
        rows.append((f"patterns, cold, {name}", time_calls(fn, cold_users)))
        bufs[f"patterns, cold, {name}"] = buffers(db, explain_users, sql)
        if not unread:
            unread = rng.sample(range(1, args.users + 1), len(cold_users) + 30)
    if args.plain:
        set_index(db, COVERING)
    sample = cold_users  # read once now through both paths: warm from here on
    for uid in sample:
        full(uid)
        from_entries(uid)
    rows += [
        (f"patterns, warm, {rollup_name}", time_calls(full, sample)),
        ("patterns, warm, entries, covering index", time_calls(from_entries, sample)),
        ("roll-up query only, warm", time_calls(query_only, sample)),
        ("entries query only, warm", time_calls(entries_query_only, sample)),
        ("baseline: ORM, all entries, warm", time_calls(orm_all, sample)),
    ]
    bufs[f"patterns, warm, {rollup_name}"] = buffers(db, sample[:30], ROLLUP_SQL)
    bufs["patterns, warm, entries, covering index"] = buffers(db, sample[:30], PATTERN_SQL)

    rate1 = creation_rate(db, args.users, 1, args.seconds)
    rate4 = creation_rate(db, args.users, 4, args.seconds)
    http1 = http_creation_rate(schema_url(args.url), 1, args.seconds)
    http4 = http_creation_rate(schema_url(args.url), 4, args.seconds)

    print(f"\nkrampe diary benchmark: PostgreSQL, {args.users:,} users x {args.entries:,} "
          f"entries ({total:,} rows, stored in insertion order: all users interleaved by "
          f"time); load {load_times['copy']:.1f} s COPY + {load_times['index']:.1f} s index "
          f"+ {load_times['rollup']:.1f} s roll-up")
    cold_note = (f"after `{args.restart_cmd}`" if args.restart_cmd else
                 "no restart (shared server): users not read since the load, "
                 "table far larger than shared_buffers")
    print(f"cold = {cold_note}; buffers from EXPLAIN (ANALYZE, BUFFERS) on 30 other such "
          "users\n")
    print("| measure | n | p50 ms | p95 ms | p99 ms | client cpu ms | buffers read "
          "| buffers hit |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, (samples, cpu) in rows:
        p50, p95, p99 = percentiles(samples)
        read, hit = bufs.get(name, (float("nan"), float("nan")))
        print(f"| {name} | {len(samples)} | {p50:.1f} | {p95:.1f} | {p99:.1f} "
              f"| {cpu * 1000:.1f} | {read:.0f} | {hit:.0f} |")
    print(f"\n| entry creation | 1 client | 4 clients |\n|---|---:|---:|\n"
          f"| in-process (create_entry, one commit each) | {rate1:.0f}/s | {rate4:.0f}/s |\n"
          f"| over HTTP (POST /api/diary/entries, 1 worker) | {http1:.0f}/s | {http4:.0f}/s |")
    cold_p95 = percentiles(rows[0][1][0])[1]
    print(f"\ntarget: pattern p95 cold <= 10 ms -> {'met' if cold_p95 <= 10 else 'NOT met'} "
          f"({cold_p95:.1f} ms from the roll-up); client, PostgreSQL and server share "
          f"{os.cpu_count()} cores (load average {os.getloadavg()[0]:.1f})")

    db.dispose()
    admin = create_engine(make_url(args.url).set(database="postgres"),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if args.drop_database:
            conn.execute(text(f'DROP DATABASE "{make_url(args.url).database}" WITH (FORCE)'))
        elif not args.keep:
            engine = create_engine(args.url, isolation_level="AUTOCOMMIT")
            with engine.connect() as own:
                own.execute(text(f'DROP SCHEMA "{SCHEMA}" CASCADE'))
            engine.dispose()
    admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
