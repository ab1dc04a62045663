"""Shared web plumbing for account and diary pages: rendering, cookies, log in/out.

Pages render with the host app's templates (`set_templates`, called by `install`), so
they share its layout without accounts importing the web package.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session
from starlette.datastructures import State

from krampe.accounts import csrf
from krampe.accounts.cookies import SESSION_COOKIE, cookie_header, read_cookie
from krampe.accounts.models import User
from krampe.accounts.service import create_session, end_session
from krampe.accounts.settings import account_settings

log = logging.getLogger("krampe.accounts")
_COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def account_user(request: Request):
    """Jinja global for the nav: the user the request's dependencies looked up, if any.

    Never queries the database: rendering may run on the event loop. The user is looked
    up before rendering (`deps.optional_user`/`page_user`, or the web app's nav
    middleware in its database pool); without that the nav is a visitor's.
    """
    return request.state._state.get("user")


def set_templates(app_state: State, templates: Jinja2Templates) -> None:
    app_state.account_templates = templates


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    context.setdefault("user", getattr(request.state, "user", None))
    templates: Jinja2Templates = request.app.state.account_templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def redirect(location: str) -> RedirectResponse:
    return RedirectResponse(location, status_code=303)


def safe_next(value: str | None, default: str = "/dagbog") -> str:
    """Only same-site paths: never an open redirect to another host."""
    if value and value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return default


def client_ip(request: Request) -> str:
    """The client's address: the peer's, or the one a configured trusted proxy forwarded
    (`KRAMPE_TRUSTED_PROXIES`; the app rewrites the peer before any route runs)."""
    return request.client.host if request.client else "-"


def log_in(request: Request, response: Response, db: Session, user: User) -> None:
    """A new session with a new id; the session the browser brought (if any) ends."""
    token = create_session(db, user, replaces=read_cookie(request, SESSION_COOKIE))
    max_age = account_settings().session_days * 86400
    response.headers.append(
        "set-cookie", cookie_header(request.scope, SESSION_COOKIE, token, max_age=max_age)
    )
    csrf.rotate(request)
    csrf.bind_session(request, token)


def log_out(request: Request, response: Response, db: Session) -> None:
    end_session(db, read_cookie(request, SESSION_COOKIE))
    response.headers.append(
        "set-cookie", cookie_header(request.scope, SESSION_COOKIE, "", max_age=0)
    )
    csrf.rotate(request)
    csrf.bind_session(request, "")


def danish_time(value: datetime) -> str:
    """'27/11 2026 kl. 13:05', Copenhagen time (the session list)."""
    local = value.astimezone(_COPENHAGEN)
    return f"{local.day}/{local.month} {local.year} kl. {local:%H:%M}"
