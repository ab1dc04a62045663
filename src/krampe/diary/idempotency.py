"""Idempotent diary writes: a retry with the same client-generated key gets the first
result back instead of writing again.

The key comes from the client: a hidden form field (`idempotency_key`, new on every page
that shows the form) or the API's `Idempotency-Key` header. The key's row is written in
the same transaction as the write it answers, so after a crash either both exist (a
retry replays the answer) or neither (a retry writes). Two retries at once: one commits,
the other hits the unique (user, key) constraint, rolls back its write and replays.
The same key for a different request is refused (422), never answered with the wrong
result. Keys are purged after `KEEP`.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from markupsafe import Markup
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from krampe.db.base import utcnow
from krampe.diary.models import IdempotencyKey
from krampe.errors import InputError

HEADER = "Idempotency-Key"
FIELD = "idempotency_key"
KEEP = timedelta(hours=24)
_KEY_RE = re.compile(r"^[A-Za-z0-9._~:+/=-]{8,100}$")


@dataclass(frozen=True, slots=True)
class Result:
    status: int
    body: str  # JSON for the API, the redirect target for pages


def new_key() -> str:
    """A key for a form the page is about to show."""
    return secrets.token_urlsafe(18)


def idempotency_input() -> Markup:
    """Jinja global: the hidden write-key field of a diary form (a new key each time)."""
    return Markup(f'<input type="hidden" name="{FIELD}" value="{new_key()}">')


def check_key(key: object) -> str | None:
    if key is None or key == "":
        return None
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise InputError("Idempotency-Key skal være 8-100 tegn (bogstaver, tal og -_.~:+/=).",
                         code="invalid_idempotency_key")
    return key


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _stored(db: Session, user_id: int, key: str, fp: str) -> Result | None:
    row = db.scalar(select(IdempotencyKey).where(IdempotencyKey.user_id == user_id,
                                                 IdempotencyKey.key == key))
    if row is None:
        return None
    if row.fingerprint != fp:
        raise InputError("Nøglen (Idempotency-Key) er allerede brugt til en anden ændring.",
                         code="idempotency_key_reused")
    return Result(row.status, row.body)


def once(db: Session, user_id: int, key: str | None, fp: str,
         write: Callable[[], Result], now: datetime | None = None) -> Result:
    """Run `write` (which must not commit) once per (user, key); commit it with its key."""
    if key is None:
        result = write()
        db.commit()
        return result
    found = _stored(db, user_id, key, fp)
    if found is not None:
        return found
    try:
        result = write()
        db.add(IdempotencyKey(user_id=user_id, key=key, fingerprint=fp, status=result.status,
                              body=result.body, created_at=now or utcnow()))
        db.commit()
    except IntegrityError:
        db.rollback()
        found = _stored(db, user_id, key, fp)
        if found is None:
            raise
        return found
    return result


def purge(db: Session, now: datetime | None = None) -> int:
    result = db.execute(delete(IdempotencyKey).where(
        IdempotencyKey.created_at <= (now or utcnow()) - KEEP))
    return int(getattr(result, "rowcount", 0) or 0)
