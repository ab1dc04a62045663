"""Account tables: a user is a username and a password hash, nothing more."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from krampe.db.base import Base, UTCDateTime, utcnow


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored case-folded so "Anna" and "anna" are one account.
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserSession(Base):
    """Server-side session: the cookie holds a random token, the table its SHA-256.

    A row per login lets log out, password change and account deletion end sessions
    at once, which a signed stateless cookie cannot. A session ends at `expires_at`
    (absolute limit) or when unused for the idle timeout (`last_seen_at`).
    """

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RateLimit(Base):
    """One counter of the log-in and registration limits (accounts/throttle.py).

    Kept in the database (not memory) so the limits hold across uvicorn workers, machines
    and restarts; the row is locked while it is checked and counted, so a burst cannot
    race past the limit. The key is a keyed hash (HMAC) of what is counted (account name,
    client address): neither is stored. Rows are purged when they expire.
    """

    __tablename__ = "rate_limits"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    blocked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The keyed hash of the account name, so deleting an account deletes its counters.
    account_hash: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
