"""Account operations: register, log in (rate limited), sessions, password, deletion."""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from krampe.accounts import throttle
from krampe.accounts.models import RateLimit, User, UserSession
from krampe.accounts.passwords import hash_password, needs_rehash, verify_password
from krampe.accounts.settings import account_settings
from krampe.accounts.userdata import UserData
from krampe.db import scrub
from krampe.db.base import utcnow
from krampe.errors import InputError, KrampeError

USERNAME_RE = re.compile(r"^[\w.@+-]{3,64}$")
PASSWORD_MIN = 12  # OWASP ASVS 4.0 V2.1.1
# Argon2 cost does not grow with length, but parsing megabytes of form data should not happen.
PASSWORD_MAX = 256


class AuthError(KrampeError):
    code = "invalid_login"
    status = 401


def normalize_username(raw: str) -> str:
    name = (raw or "").strip().casefold()
    if not USERNAME_RE.match(name):
        raise InputError(
            "Brugernavnet skal være 3-64 tegn: bogstaver, tal og . _ - @ +, uden mellemrum.",
            code="invalid_username",
        )
    return name


def check_new_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < PASSWORD_MIN:
        raise InputError(
            f"Adgangskoden skal være mindst {PASSWORD_MIN} tegn.", code="weak_password"
        )
    if len(password) > PASSWORD_MAX:
        raise InputError(
            f"Adgangskoden må højst være {PASSWORD_MAX} tegn.", code="invalid_password"
        )
    return password


class RateLimited(KrampeError):
    code = "too_many_requests"
    status = 429

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.headers = {"Retry-After": str(max(1, math.ceil(retry_after)))}


def _registration_counter(client: str) -> throttle.Window:
    s = account_settings()
    return throttle.Window(throttle.keyed("register", client), s.register_max_per_window,
                           timedelta(minutes=s.register_window_minutes))


def register(db: Session, username: str, password: str, client: str = "-",
             now: datetime | None = None) -> User:
    wait = throttle.take(db, [_registration_counter(client)], now or utcnow())
    if wait:
        raise RateLimited("Der er oprettet for mange konti herfra. Vent "
                          f"{throttle.wait_text(wait)} og prøv igen.", wait)
    name = normalize_username(username)
    check_new_password(password)
    user = User(username=name, password_hash=hash_password(password))
    db.add(user)
    try:
        db.commit()
    except IntegrityError:
        db.rollback()
        raise InputError("Brugernavnet er optaget. Vælg et andet.", code="username_taken",
                         status=409) from None
    return user


def _account_hash(account: str) -> str:
    return throttle.keyed("account", account)


def _login_counters(account: str, client: str) -> tuple[throttle.Growing, throttle.Window]:
    s = account_settings()
    window = timedelta(minutes=s.login_window_minutes)
    pair = throttle.Growing(throttle.keyed("login", account, client), s.login_free_failures,
                            timedelta(seconds=s.login_delay_seconds), window,
                            account_hash=_account_hash(account))
    per_client = throttle.Window(throttle.keyed("login-client", client),
                                 s.login_client_max_failures, window)
    return pair, per_client


def authenticate(db: Session, username: str, password: str, client: str,
                 now: datetime | None = None) -> User:
    """Check a log-in under the limits (per account and client, and per client).

    The attempt is counted before the password is checked (throttle.take), so parallel
    attempts cannot race past a limit; a success clears the pair's counter and gives the
    client's attempt back.
    """
    now = now or utcnow()
    account = (username or "").strip().casefold()[:64]
    pair, per_client = _login_counters(account, client or "-")
    wait = throttle.take(db, [pair, per_client], now)
    if wait:
        raise RateLimited(
            f"For mange forkerte forsøg. Vent {throttle.wait_text(wait)} og prøv igen.", wait
        )
    # A name that cannot exist is not looked up (a NUL byte would be a database error on
    # PostgreSQL); the dummy hash keeps the time the same as for a wrong password.
    user = (db.scalar(select(User).where(User.username == account))
            if USERNAME_RE.match(account) else None)
    ok = verify_password(user.password_hash if user else None, (password or "")[:PASSWORD_MAX])
    if not ok or user is None:
        raise AuthError("Forkert brugernavn eller adgangskode.")
    throttle.clear(db, pair)
    throttle.refund(db, per_client)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.commit()
    return user


def _token_id(token: str) -> str:
    # Only the hash is stored: a leaked database does not hand out live sessions.
    return hashlib.sha256(token.encode()).hexdigest()


def create_session(db: Session, user: User, now: datetime | None = None,
                   replaces: str | None = None) -> str:
    """A new session (a new random id at every log-in). `replaces`: the token the browser
    brought, which ends here, so no session id lives on across a log-in."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    if replaces and len(replaces) <= 128:
        db.execute(delete(UserSession).where(UserSession.id == _token_id(replaces)))
    # Ended sessions of this user are dead anyway; drop them so the table stays small.
    db.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                         UserSession.expires_at <= now))
    db.add(UserSession(id=_token_id(token), user_id=user.id, created_at=now, last_seen_at=now,
                       expires_at=now + timedelta(days=account_settings().session_days)))
    db.commit()
    return token


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: int
    username: str
    session_id: str


# last_seen_at is written at most this often per session: not on every request.
_TOUCH_EVERY = timedelta(minutes=5)


def resolve_session(db: Session, token: str | None, now: datetime | None = None
                    ) -> CurrentUser | None:
    """The user of a session token, or None: unknown, past its absolute end, or unused
    longer than the idle timeout (then the row is deleted). Using it keeps it alive."""
    if not token or len(token) > 128:
        return None
    now = now or utcnow()
    row = db.execute(
        select(UserSession.id, UserSession.expires_at, UserSession.last_seen_at, User.id,
               User.username)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.id == _token_id(token))
    ).first()
    if row is None:
        return None
    session_id, expires_at, last_seen, user_id, username = row
    idle = timedelta(days=account_settings().session_idle_days)
    if expires_at <= now or last_seen + idle <= now:
        db.execute(delete(UserSession).where(UserSession.id == session_id))
        db.commit()
        return None
    if now - last_seen >= min(_TOUCH_EVERY, idle / 100):
        db.execute(update(UserSession).where(UserSession.id == session_id)
                   .values(last_seen_at=now))
        db.commit()
    return CurrentUser(id=user_id, username=username, session_id=session_id)


@dataclass(frozen=True, slots=True)
class SessionInfo:
    created_at: datetime
    last_seen_at: datetime
    current: bool


def list_sessions(db: Session, user: CurrentUser, now: datetime | None = None
                  ) -> list[SessionInfo]:
    """The user's live sessions, the current one first, then the most recently used."""
    now = now or utcnow()
    idle = timedelta(days=account_settings().session_idle_days)
    rows = db.execute(
        select(UserSession.id, UserSession.created_at, UserSession.last_seen_at)
        .where(UserSession.user_id == user.id, UserSession.expires_at > now,
               UserSession.last_seen_at > now - idle)
    ).all()
    out = [SessionInfo(created, seen, sid == user.session_id) for sid, created, seen in rows]
    return sorted(out, key=lambda s: (not s.current, -s.last_seen_at.timestamp()))


def end_other_sessions(db: Session, user: CurrentUser) -> int:
    """"Log ud alle andre steder": every session of the user but this one ends."""
    result = db.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                                  UserSession.id != user.session_id))
    db.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def end_session(db: Session, token: str | None) -> None:
    if token and len(token) <= 128:
        db.execute(delete(UserSession).where(UserSession.id == _token_id(token)))
        db.commit()


def change_password(db: Session, user: CurrentUser, old: str, new: str) -> None:
    row = db.get(User, user.id)
    if row is None or not verify_password(row.password_hash, (old or "")[:PASSWORD_MAX]):
        raise AuthError("Den nuværende adgangskode er forkert.", code="wrong_password",
                        status=400)
    row.password_hash = hash_password(check_new_password(new))
    # Every other login of this account ends (e.g. a phone someone else holds).
    db.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                         UserSession.id != user.session_id))
    db.commit()


def delete_account(db: Session, user: CurrentUser, password: str,
                   user_data: Iterable[UserData]) -> None:
    """Delete the account and every registered package's rows of it, in one transaction;
    then scrub the deleted rows out of the database files (SQLite's WAL)."""
    row = db.get(User, user.id)
    if row is None or not verify_password(row.password_hash, (password or "")[:PASSWORD_MAX]):
        raise AuthError("Adgangskoden er forkert. Kontoen er ikke slettet.",
                        code="wrong_password", status=400)
    # Explicit deletes as well as ON DELETE CASCADE: nothing is left even if a
    # connection ran without foreign keys enabled.
    for part in user_data:
        part.delete(db, user.id)
    db.execute(delete(UserSession).where(UserSession.user_id == user.id))
    db.execute(delete(RateLimit).where(RateLimit.account_hash == _account_hash(row.username)))
    db.delete(row)
    db.commit()
    scrub(db.get_bind())


def purge_expired(db: Session, now: datetime | None = None) -> int:
    """Expired log-in counters and ended sessions: deleted on the purge schedule."""
    now = now or utcnow()
    idle = timedelta(days=account_settings().session_idle_days)
    n = throttle.purge(db, now)
    result = db.execute(delete(UserSession).where(
        (UserSession.expires_at <= now) | (UserSession.last_seen_at <= now - idle)))
    db.commit()
    return n + int(getattr(result, "rowcount", 0) or 0)
