"""Log-in and registration limits, counted in the database under a row lock.

Each counter is one `rate_limits` row keyed by an HMAC of what it counts. `take` locks
the rows it needs (SELECT ... FOR UPDATE on PostgreSQL; SQLite's write lock serialises
writers anyway), checks them and counts the attempt *before* the password is checked, in
one transaction. A burst of parallel attempts therefore cannot all see a count under the
limit: exactly as many get through as the limit allows.

Two kinds of counter:
- `Growing`: failures of one (account, client). The first `free` attempts pass, then each
  attempt must wait a delay that doubles up to `longest`; a success clears it.
- `Window`: a plain count per fixed window (failed log-ins per client across accounts,
  registrations per client).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from krampe.accounts.models import RateLimit
from krampe.accounts.settings import secret_key


def keyed(*parts: str) -> str:
    """HMAC-SHA256 of the parts: counters never hold an address or a typed name."""
    message = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hmac.new(secret_key().encode(), message, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Growing:
    key: str
    free: int
    first_delay: timedelta
    longest: timedelta
    account_hash: str | None = None


@dataclass(frozen=True, slots=True)
class Window:
    key: str
    limit: int
    window: timedelta
    account_hash: str | None = None


Counter = Growing | Window


def _locked(db: Session, counter: Counter, now: datetime) -> RateLimit:
    values = {"key": counter.key, "count": 0, "window_start": now, "expires_at": now,
              "account_hash": counter.account_hash}
    insert = pg_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    db.execute(insert(RateLimit).values(**values).on_conflict_do_nothing(index_elements=["key"]))
    row = db.execute(
        select(RateLimit).where(RateLimit.key == counter.key).with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one()
    if row.expires_at <= now:  # an old counter: start again
        row.count, row.window_start, row.blocked_until = 0, now, None
    return row


def _wait(counter: Counter, row: RateLimit, now: datetime) -> float:
    """Seconds until this counter lets an attempt through (0: now)."""
    if isinstance(counter, Growing):
        if row.blocked_until is not None and row.blocked_until > now:
            return (row.blocked_until - now).total_seconds()
        return 0.0
    if row.count >= counter.limit:
        return max(0.0, (row.window_start + counter.window - now).total_seconds())
    return 0.0


def _count(counter: Counter, row: RateLimit, now: datetime) -> None:
    row.count += 1
    if isinstance(counter, Growing):
        if row.count >= counter.free:
            delay = counter.first_delay * (2 ** (row.count - counter.free))
            row.blocked_until = now + min(delay, counter.longest)
        ends = now + counter.longest
        row.expires_at = max(ends, row.blocked_until or ends)
    else:
        row.expires_at = row.window_start + counter.window


def take(db: Session, counters: list[Counter], now: datetime) -> float:
    """Count one attempt on every counter, or none when one of them says wait.

    Returns 0 when the attempt may go on (it is counted, and committed), else the seconds
    to wait (nothing counted). Rows are locked in key order, so two attempts never wait
    for each other's locks in a circle.
    """
    ordered = sorted(counters, key=lambda c: c.key)
    rows = [_locked(db, c, now) for c in ordered]
    wait = max((_wait(c, r, now) for c, r in zip(ordered, rows, strict=True)), default=0.0)
    if wait <= 0:
        for c, r in zip(ordered, rows, strict=True):
            _count(c, r, now)
    db.commit()
    return wait


def clear(db: Session, counter: Counter) -> None:
    """A success: the counter starts again (not committed)."""
    db.execute(delete(RateLimit).where(RateLimit.key == counter.key))


def refund(db: Session, counter: Counter) -> None:
    """An attempt counted in advance that was not a failure (not committed)."""
    db.execute(update(RateLimit).where(RateLimit.key == counter.key, RateLimit.count > 0)
               .values(count=RateLimit.count - 1))


def purge(db: Session, now: datetime) -> int:
    """Delete expired counters (the privacy page's promise); returns how many."""
    result = db.execute(delete(RateLimit).where(RateLimit.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)


def wait_text(seconds: float) -> str:
    """'Vent 30 sekunder' / 'Vent 4 minutter' (rounded up)."""
    if seconds < 60:
        n = max(1, math.ceil(seconds))
        return f"{n} sekund{'er' if n != 1 else ''}"
    n = math.ceil(seconds / 60)
    return f"{n} minut{'ter' if n != 1 else ''}"
