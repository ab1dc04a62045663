"""The daily roll-up equals a recomputation from the entries after any sequence of writes
(SQLite and PostgreSQL), and the patterns read from it equal those of the entries."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import String, cast, select, text, update
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table

from krampe.accounts.models import User
from krampe.db.migrate import downgrade, upgrade
from krampe.diary import repository as repo
from krampe.diary import rollup
from krampe.diary.api import compute_patterns
from krampe.diary.days import DayTotals, day_totals, totals_version
from krampe.diary.export import delete_data
from krampe.diary.models import DayTotal, Entry
from krampe.diary.patterns import analyse
from krampe.diary.rows import json_tuple, pattern_rows
from krampe.diary.schemas import EntryIn
from krampe.diary.timeutil import local_to_utc

NOW = datetime(2026, 5, 20, 10, 0, tzinfo=UTC)  # noon in Copenhagen
TODAY = date(2026, 5, 20)
SITUATIONS = ["asleep", "resting", "exercising", "working", "other"]
CONTEXTS = ["trained", "coffee", "followed_programme", "alcohol"]


def stored(db, user_id: int) -> dict[date, DayTotals]:
    rows = db.execute(select(
        DayTotal.day, DayTotal.entries, DayTotal.night, DayTotal.disturbed, DayTotal.exercise,
        cast(DayTotal.contexts, String), cast(DayTotal.durations, String),
        cast(DayTotal.intensities, String), DayTotal.last_started_at,
    ).where(DayTotal.user_id == user_id))
    return {r[0]: DayTotals(r[0], r[1], r[2], r[3], r[4], json_tuple(r[5]), json_tuple(r[6]),
                            json_tuple(r[7]), r[8]) for r in rows}


def recomputed(db, user_id: int) -> dict[date, DayTotals]:
    rows, records = pattern_rows(db, user_id)
    return day_totals(rows, records)


def add_users(db, n: int) -> list[int]:
    users = [User(username=f"rollup{i}", password_hash="!") for i in range(n)]
    db.add_all(users)
    db.commit()
    return [u.id for u in users]


def random_entry(rng: random.Random) -> EntryIn:
    # Around midnight and the spring DST change too: a day is a local day.
    day = date(2026, 3, 20) + timedelta(days=rng.randrange(60))
    clock = time(rng.choice([0, 1, 3, 12, 22, 23]), rng.choice([0, 30, 59]))
    return EntryIn(started_at=local_to_utc(day, clock, 0), duration_seconds=rng.randrange(1, 600),
                   intensity=rng.randrange(11), situation=rng.choice(SITUATIONS),
                   disturbed_sleep=rng.random() < 0.3, disturbed_work=rng.random() < 0.2,
                   contexts=rng.sample(CONTEXTS, rng.randrange(3)))


def test_rollup_equals_recomputation_after_random_writes(database):
    rng = random.Random(18)
    with database.sessions() as db:
        users = add_users(db, 3)
        ids: dict[int, list[int]] = {u: [] for u in users}
        for step in range(160):
            user = rng.choice(users)
            action = rng.random()
            if action < 0.45 or not ids[user]:
                ids[user].append(repo.create_entry(db, user, random_entry(rng), now=NOW).id)
            elif action < 0.7:
                # Edits move entries between days and change every counted field.
                repo.update_entry(db, user, rng.choice(ids[user]), random_entry(rng), now=NOW)
            elif action < 0.85:
                entry_id = ids[user].pop(rng.randrange(len(ids[user])))
                repo.delete_entry(db, user, entry_id)
            else:
                day = date(2026, 3, 20) + timedelta(days=rng.randrange(60))
                repo.set_day(db, user, day, rng.sample(CONTEXTS, rng.randrange(3)), now=NOW)
            if step % 40 == 39:
                for u in users:
                    assert stored(db, u) == recomputed(db, u)
        assert all(stored(db, u) for u in users)

        # Account deletion takes the roll-up with it, and only that account's.
        delete_data(db, users[0])
        db.commit()
        assert stored(db, users[0]) == {}
        assert stored(db, users[1]) == recomputed(db, users[1]) != {}


def test_a_day_without_entries_or_record_has_no_row_and_a_record_alone_has_one(database):
    with database.sessions() as db:
        (user,) = add_users(db, 1)
        when = local_to_utc(date(2026, 5, 1), time(23, 30), 0)
        entry = repo.create_entry(db, user, EntryIn(started_at=when, intensity=4), now=NOW)
        assert stored(db, user)[date(2026, 5, 1)].entries == 1
        repo.delete_entry(db, user, entry.id)
        assert stored(db, user) == {}
        repo.set_day(db, user, date(2026, 5, 2), [], now=NOW)
        assert stored(db, user) == {date(2026, 5, 2): DayTotals(date(2026, 5, 2))}


def test_patterns_from_the_rollup_equal_patterns_of_the_entries(database):
    rng = random.Random(5)
    with database.sessions() as db:
        (user,) = add_users(db, 1)
        for _ in range(120):
            data = random_entry(rng)
            # Spread over a year and a half, so the window's first day matters.
            data.started_at -= timedelta(days=rng.randrange(500))  # type: ignore[operator]
            repo.create_entry(db, user, data, now=NOW)
        for d in range(40):
            repo.set_day(db, user, TODAY - timedelta(days=d), rng.sample(CONTEXTS, 2), now=NOW)
        # Later today than 'now' (a clock a little ahead): the patterns leave it out.
        repo.create_entry(db, user, EntryIn(started_at=NOW + timedelta(hours=2), intensity=9),
                          now=NOW)
        rows, records = pattern_rows(db, user)
        expected = analyse(rows, records, NOW)
        assert compute_patterns(db, user, NOW) == expected
        assert 20 < expected.entries_in_window == expected.intensity.n


def test_rows_of_other_thresholds_are_recomputed_when_read(database):
    with database.sessions() as db:
        (user,) = add_users(db, 1)
        when = local_to_utc(TODAY - timedelta(days=1), time(3, 0), 0)
        repo.create_entry(db, user, EntryIn(started_at=when, intensity=4), now=NOW)
        # As if written under another night definition: wrong counts, another version.
        db.execute(update(DayTotal).values(night=0, entries=7, version=DayTotal.version + 1))
        db.commit()
        day = rollup.read(db, user, TODAY - timedelta(days=10), NOW)[TODAY - timedelta(days=1)]
        assert (day.entries, day.night) == (1, 1)
    with database.sessions() as db:  # stored again: the next read takes the row as it is
        assert stored(db, user)[TODAY - timedelta(days=1)] == day
        assert db.scalar(select(DayTotal.version)) == totals_version()


def test_a_read_never_commits_the_callers_pending_changes(database):
    with database.sessions() as db:
        (user,) = add_users(db, 1)
        when = local_to_utc(TODAY - timedelta(days=1), time(3, 0), 0)
        repo.create_entry(db, user, EntryIn(started_at=when, intensity=4), now=NOW)
        db.execute(update(DayTotal).values(version=DayTotal.version + 1))
        db.commit()
        db.get(User, user).username = "nyt-navn"  # pending: not the read's to commit
        rollup.read(db, user, TODAY - timedelta(days=10), NOW)
        db.rollback()
        assert db.scalar(select(DayTotal.version)) != totals_version()
        assert db.get(User, user).username == "rollup0"
        db.rollback()
        db.get(User, user).username = "nyt-navn"
        db.flush()  # written to the transaction, still the caller's to commit or not
        rollup.read(db, user, TODAY - timedelta(days=10), NOW)
        db.rollback()
        assert db.get(User, user).username == "rollup0"
        db.rollback()
        db.execute(update(User).where(User.id == user).values(username="bulk"))
        rollup.read(db, user, TODAY - timedelta(days=10), NOW)
        db.rollback()
        assert db.get(User, user).username == "rollup0"


def test_migration_backfills_the_rollup_from_existing_entries(database):
    with database.sessions() as db:
        users = add_users(db, 2)
        rng = random.Random(3)
        for _ in range(30):
            repo.create_entry(db, rng.choice(users), random_entry(rng), now=NOW)
        repo.set_day(db, users[1], date(2026, 1, 2), ["coffee"], now=NOW)
        before = {u: stored(db, u) for u in users}
        assert before == {u: recomputed(db, u) for u in users}
    downgrade(database.engine, "0003")
    with database.engine.connect() as conn:
        assert conn.execute(select(Entry.id)).first() is not None  # entries kept
    upgrade(database.engine)
    with database.sessions() as db:
        assert {u: stored(db, u) for u in users} == before
        if database.engine.dialect.name == "postgresql":
            # Covering: a year of one user is read from the primary key's index alone.
            assert "INCLUDE (entries, night" in db.execute(text(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'pk_diary_day_totals' "
                "AND schemaname = current_schema()")).scalar_one()


def test_backfill_writes_only_the_columns_of_the_table_it_is_given(database):
    # A migration passes the table as it knew it, so a column added later cannot break it.
    with database.sessions() as db:
        user = add_users(db, 1)[0]
        repo.create_entry(db, user, random_entry(random.Random(5)), now=NOW)
    known = [c.name for c in DayTotal.__table__.columns if c.name != "last_started_at"]
    older = sa_table("diary_day_totals",
                     *(sa_column(n, DayTotal.__table__.c[n].type) for n in known))
    with database.engine.begin() as conn:
        assert rollup.backfill(conn, table=older) == 1
        assert conn.execute(select(DayTotal.last_started_at)).scalar_one() is None
