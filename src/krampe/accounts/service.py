"""Account operations: register, log in (rate limited), sessions, password, deletion."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from krampe.accounts.models import LoginFailure, User, UserSession
from krampe.accounts.passwords import hash_password, needs_rehash, verify_password
from krampe.accounts.settings import account_settings, secret_key
from krampe.accounts.userdata import UserData
from krampe.db.base import utcnow
from krampe.errors import InputError, KrampeError

USERNAME_RE = re.compile(r"^[\w.@+-]{3,64}$")
PASSWORD_MIN = 12  # OWASP ASVS 4.0 V2.1.1
# Argon2 cost does not grow with length, but parsing megabytes of form data should not happen.
PASSWORD_MAX = 256


class AuthError(KrampeError):
    code = "invalid_login"
    status = 401


class RateLimited(KrampeError):
    code = "too_many_requests"
    status = 429


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


def register(db: Session, username: str, password: str) -> User:
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


def _ip_hash(ip: str) -> str:
    return hmac.new(secret_key().encode(), ip.encode(), hashlib.sha256).hexdigest()


def _check_rate(db: Session, account: str, ip_hash: str, now: datetime) -> None:
    s = account_settings()
    since = now - timedelta(minutes=s.login_window_minutes)
    db.execute(delete(LoginFailure).where(LoginFailure.at < since))
    same_ip = db.execute(
        select(func.count()).where(
            LoginFailure.account == account, LoginFailure.ip_hash == ip_hash,
            LoginFailure.at >= since,
        )
    ).scalar_one()
    total = db.execute(
        select(func.count()).where(LoginFailure.account == account, LoginFailure.at >= since)
    ).scalar_one()
    if same_ip >= s.login_max_failures or total >= s.login_max_failures_account:
        db.commit()
        raise RateLimited(
            f"For mange forkerte forsøg. Vent {s.login_window_minutes} minutter og prøv igen."
        )


def authenticate(db: Session, username: str, password: str, ip: str,
                 now: datetime | None = None) -> User:
    now = now or utcnow()
    account = (username or "").strip().casefold()[:64]
    ip_hash = _ip_hash(ip or "-")
    _check_rate(db, account, ip_hash, now)
    user = db.scalar(select(User).where(User.username == account))
    ok = verify_password(user.password_hash if user else None, (password or "")[:PASSWORD_MAX])
    if not ok or user is None:
        db.add(LoginFailure(account=account, ip_hash=ip_hash, at=now))
        db.commit()
        raise AuthError("Forkert brugernavn eller adgangskode.")
    db.execute(
        delete(LoginFailure).where(LoginFailure.account == account,
                                   LoginFailure.ip_hash == ip_hash)
    )
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.commit()
    return user


def _token_id(token: str) -> str:
    # Only the hash is stored: a leaked database does not hand out live sessions.
    return hashlib.sha256(token.encode()).hexdigest()


def create_session(db: Session, user: User, now: datetime | None = None) -> str:
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    # Expired sessions of this user are dead anyway; drop them so the table stays small.
    db.execute(delete(UserSession).where(UserSession.user_id == user.id,
                                         UserSession.expires_at <= now))
    db.add(UserSession(id=_token_id(token), user_id=user.id, created_at=now,
                       expires_at=now + timedelta(days=account_settings().session_days)))
    db.commit()
    return token


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: int
    username: str
    session_id: str


def resolve_session(db: Session, token: str | None, now: datetime | None = None
                    ) -> CurrentUser | None:
    if not token or len(token) > 128:
        return None
    now = now or utcnow()
    row = db.execute(
        select(UserSession.id, UserSession.expires_at, User.id, User.username)
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.id == _token_id(token))
    ).first()
    if row is None or row[1] <= now:
        return None
    return CurrentUser(id=row[2], username=row[3], session_id=row[0])


def end_session(db: Session, token: str | None) -> None:
    if token:
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
    """Delete the account and every registered package's rows of it, in one transaction."""
    row = db.get(User, user.id)
    if row is None or not verify_password(row.password_hash, (password or "")[:PASSWORD_MAX]):
        raise AuthError("Adgangskoden er forkert. Kontoen er ikke slettet.",
                        code="wrong_password", status=400)
    # Explicit deletes as well as ON DELETE CASCADE: nothing is left even if a
    # connection ran without foreign keys enabled.
    for part in user_data:
        part.delete(db, user.id)
    db.execute(delete(UserSession).where(UserSession.user_id == user.id))
    db.execute(delete(LoginFailure).where(LoginFailure.account == row.username))
    db.delete(row)
    db.commit()
