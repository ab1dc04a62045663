"""FastAPI dependencies: the database session and the logged-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import nullcontext
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from krampe.accounts.cookies import SESSION_COOKIE, read_cookie
from krampe.accounts.service import CurrentUser, resolve_session
from krampe.accounts.userdata import UserData, registered
from krampe.db import Database, get_database
from krampe.errors import KrampeError

__all__ = ["SESSION_COOKIE", "api_user", "db_session", "optional_user", "page_user",
           "user_data"]


async def db_session(request: Request) -> AsyncIterator[Session]:
    """A session for this request, holding a slot of the host's database pool.

    The host app (krampe.web) keeps its pools on `app.state.pools`; when the db pool's
    workers and queue are all taken this raises its `Overloaded` (503) before any work.
    The handlers that use the session are sync: they run in the db threads.
    """
    pools = getattr(request.app.state, "pools", None)
    admission = pools.db.slot() if pools is not None else nullcontext()
    async with admission:
        db: Database | None = getattr(request.app.state, "krampe_db", None)
        if db is None:
            db = await run_in_threadpool(get_database, request.app.state)
        session = db.sessions()
        try:
            yield session
        finally:
            # Closing returns the connection (a rollback: a round trip) off the loop.
            await run_in_threadpool(session.close)


def user_data(request: Request) -> tuple[UserData, ...]:
    """What the app's packages keep per user (registered by their install)."""
    return registered(request.app.state)


def optional_user(request: Request, db: Session = Depends(db_session)) -> CurrentUser | None:
    user = resolve_session(db, read_cookie(request, SESSION_COOKIE))
    request.state.user = user
    return user


class NotLoggedIn(KrampeError):
    code = "not_authenticated"
    status = 401


def api_user(user: CurrentUser | None = Depends(optional_user)) -> CurrentUser:
    if user is None:
        raise NotLoggedIn("Du skal være logget ind.")
    return user


def page_user(request: Request, user: CurrentUser | None = Depends(optional_user)
              ) -> CurrentUser:
    if user is None:
        # A 303 to the log-in page, coming back here afterwards.
        location = f"/konto/log-ind?next={quote(request.url.path, safe='/')}"
        raise HTTPException(status_code=303, headers={"Location": location})
    return user
