"""Shared web plumbing for account and diary pages: rendering, cookies, log in/out.

Pages render with the host app's templates (`set_templates`, called by `install`), so
they share its layout without accounts importing the web package.
"""

from __future__ import annotations

import logging

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session
from starlette.datastructures import State

from krampe.accounts import csrf
from krampe.accounts.cookies import cookie_header
from krampe.accounts.deps import SESSION_COOKIE
from krampe.accounts.models import User
from krampe.accounts.service import create_session, end_session
from krampe.accounts.settings import account_settings

log = logging.getLogger("krampe.accounts")


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
    return request.client.host if request.client else "-"


def log_in(request: Request, response: Response, db: Session, user: User) -> None:
    token = create_session(db, user)
    max_age = account_settings().session_days * 86400
    response.headers.append(
        "set-cookie", cookie_header(request.scope, SESSION_COOKIE, token, max_age=max_age)
    )
    csrf.rotate(request)


def log_out(request: Request, response: Response, db: Session) -> None:
    end_session(db, request.cookies.get(SESSION_COOKIE))
    response.headers.append(
        "set-cookie", cookie_header(request.scope, SESSION_COOKIE, "", max_age=0)
    )
    csrf.rotate(request)
