"""FastAPI dependencies: the database session and the logged-in user."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session

from krampe.accounts.service import CurrentUser, resolve_session
from krampe.accounts.userdata import UserData, registered
from krampe.db import get_database
from krampe.errors import KrampeError

SESSION_COOKIE = "krampe_session"


def db_session(request: Request) -> Iterator[Session]:
    db = get_database(request.app.state)
    with db.sessions() as session:
        yield session


def user_data(request: Request) -> tuple[UserData, ...]:
    """What the app's packages keep per user (registered by their install)."""
    return registered(request.app.state)


def optional_user(request: Request, db: Session = Depends(db_session)) -> CurrentUser | None:
    user = resolve_session(db, request.cookies.get(SESSION_COOKIE))
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
