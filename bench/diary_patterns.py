"""Diary storage benchmark on PostgreSQL: pattern query latency and entry creation rate.

Loads USERS x ENTRIES diary entries (default 10,000 x 1,000 = 10 million) with COPY
into a fresh schema, then measures, side by side:

- patterns (full): what GET /api/diary/patterns does for one user (query + analysis)
- patterns (query only): the light-tuple query behind it, on the (user_id, started_at) index
- baseline, ORM all entries: loading every entry of the user as ORM objects
- baseline, no index: the light query with the (user_id, started_at) index dropped

and entry creation (one committed INSERT per entry, as the API does) with 1 and 4
threads. Prints one table. Target: pattern p95 <= 50 ms for one user.

    .venv/bin/python bench/diary_patterns.py              # full size
    .venv/bin/python bench/diary_patterns.py --users 500  # quick run
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import numpy as np
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from krampe.db import Database
from krampe.diary.api import compute_patterns
from krampe.diary.models import Entry
from krampe.diary.repository import create_entry, pattern_rows
from krampe.diary.schemas import EntryIn

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


def reused(url: str, total: int) -> dict[str, float] | None:
    """Load times of 0 when a kept schema already holds exactly `total` entries."""
    engine = create_engine(schema_url(url))
    try:
        with engine.connect() as conn:
            n = conn.scalar(text("SELECT count(*) FROM diary_entries WHERE note IS NULL"))
    except Exception:
        return None
    finally:
        engine.dispose()
    return {"copy": 0.0, "index": 0.0} if n == total else None


def copy_text(db: Database, table: str, columns: list[str], blocks) -> None:
    """COPY ... FROM STDIN in text format, fed with ready-made blocks of lines."""
    raw = db.engine.raw_connection()
    try:
        cur = raw.cursor()
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for block in blocks:
                copy.write(block)
        raw.commit()
    finally:
        raw.close()


def entry_blocks(users: int, per_user: int, seed: int):
    """One text block per user. Timestamps and row tails are drawn from pre-formatted
    pools so generating 10 million rows costs seconds, not minutes."""
    rng = random.Random(seed)
    span = 2 * 365 * 86400  # two years of history
    stamps = [(NOW - timedelta(seconds=rng.randrange(span))).strftime("%Y-%m-%d %H:%M:%S")
              for _ in range(100_000)]
    tails = []
    for _ in range(5_000):
        ctx = "[" + ", ".join(f'"{c}"' for c in rng.sample(CONTEXTS, rng.randrange(3))) + "]"
        tails.append(f"{rng.choice((30, 60, 60, 90, 120, 300))}\t{rng.randrange(11)}\t"
                     f"{rng.choice(LEGS)}\t{rng.choice(SITUATIONS)}\t"
                     f"{'t' if rng.random() < 0.3 else 'f'}\t{'t' if rng.random() < 0.1 else 'f'}"
                     f"\t{ctx}\t\\N")
    lines = [f"{ts}\t{tail}\t{ts}\t{ts}\n" for ts, tail in zip(stamps, tails * 20, strict=True)]
    picker = np.random.default_rng(seed)
    for uid in range(1, users + 1):
        prefix = f"{uid}\t"
        yield "".join([prefix + lines[i] for i in picker.integers(0, len(lines), per_user)])


def load(db: Database, users: int, per_user: int) -> dict[str, float]:
    times = {}
    t = time.perf_counter()
    now_naive = NOW.replace(tzinfo=None)
    copy_text(db, "users", ["id", "username", "password_hash", "created_at"],
              (f"{i}\tbench{i}\t!\t{now_naive:%Y-%m-%d %H:%M:%S}\n"
               for i in range(1, users + 1)))
    with db.engine.begin() as conn:
        conn.execute(text("SELECT setval(pg_get_serial_sequence('users', 'id'), :n)"),
                     {"n": users})
        # Bulk load without the index, then build it once: the usual way to load fast.
        conn.execute(text("DROP INDEX ix_diary_entries_user_started"))
    copy_text(db, "diary_entries",
              ["user_id", "started_at", "duration_seconds", "intensity", "leg", "situation",
               "disturbed_sleep", "disturbed_work", "contexts", "note", "created_at",
               "updated_at"], entry_blocks(users, per_user, seed=1))
    times["copy"] = time.perf_counter() - t
    t = time.perf_counter()
    with db.engine.begin() as conn:
        conn.execute(text("CREATE INDEX ix_diary_entries_user_started "
                          "ON diary_entries (user_id, started_at)"))
    # As autovacuum would after a load: statistics and the visibility map.
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE diary_entries"))
        conn.execute(text("VACUUM ANALYZE users"))
    times["index"] = time.perf_counter() - t
    return times


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
    ap.add_argument("--keep", action="store_true", help="keep the bench schema afterwards")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse a kept schema of the same size instead of loading again")
    args = ap.parse_args(argv)

    ensure_database(args.url)
    total = args.users * args.entries
    load_times = reused(args.url, total) if args.reuse else None
    if load_times is None:
        url = fresh_schema(args.url)
        db = Database.from_url(url)
        print(f"loading {args.users:,} users x {args.entries:,} entries = {total:,} rows ...",
              file=sys.stderr)
        load_times = load(db, args.users, args.entries)
    else:
        db = Database.from_url(schema_url(args.url))
    rng = random.Random(7)
    sample = [rng.randrange(1, args.users + 1) for _ in range(args.queries)]

    def full(uid: int) -> None:
        with db.sessions() as s:
            compute_patterns(s, uid, NOW)

    def query_only(uid: int) -> None:
        with db.sessions() as s:
            pattern_rows(s, uid, since=NOW - timedelta(days=366))

    def orm_all(uid: int) -> None:
        with db.sessions() as s:
            s.scalars(select(Entry).where(Entry.user_id == uid)).all()

    full(sample[0])  # warm the connection pool once
    rows = [
        # First touch of each sampled user: their pages may still be on disk.
        ("patterns, full, first touch", time_calls(full, sample)),
        ("patterns, full, warm (API path)", time_calls(full, sample)),
        ("patterns, query only", time_calls(query_only, sample)),
        ("baseline: ORM, all entries", time_calls(orm_all, sample)),
    ]
    with db.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_diary_entries_user_started"))
    rows.append(("baseline: query, no index", time_calls(query_only, sample[:20])))
    with db.engine.begin() as conn:
        conn.execute(text("CREATE INDEX ix_diary_entries_user_started "
                          "ON diary_entries (user_id, started_at)"))

    rate1 = creation_rate(db, args.users, 1, args.seconds)
    rate4 = creation_rate(db, args.users, 4, args.seconds)

    print(f"\nkrampe diary benchmark: PostgreSQL, {args.users:,} users x {args.entries:,} "
          f"entries ({total:,} rows); load {load_times['copy']:.1f} s COPY + "
          f"{load_times['index']:.1f} s index")
    print(f"{'measure':<32} {'n':>5} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9} "
          f"{'client cpu ms':>14}")
    for name, (samples, cpu) in rows:
        p50, p95, p99 = percentiles(samples)
        print(f"{name:<32} {len(samples):>5} {p50:>9.1f} {p95:>9.1f} {p99:>9.1f} "
              f"{cpu * 1000:>14.1f}")
    print(f"{'entry creation, 1 thread':<32} {rate1:>9.0f} entries/s (one commit each)")
    print(f"{'entry creation, 4 threads':<32} {rate4:>9.0f} entries/s (one commit each)")
    full_p95 = percentiles(rows[1][1][0])[1]
    load1 = os.getloadavg()[0]
    print(f"target: pattern p95 (warm) <= 50 ms -> {'met' if full_p95 <= 50 else 'NOT met'} "
          f"({full_p95:.1f} ms); client, PostgreSQL and everything else share "
          f"{os.cpu_count()} cores (load average {load1:.1f})")

    db.dispose()
    if not args.keep:
        engine = create_engine(args.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{SCHEMA}" CASCADE'))
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
