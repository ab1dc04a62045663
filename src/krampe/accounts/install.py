"""Accounts on a web app: `install(app, templates)` from the app factory (web.app).

Nothing here runs at import: the host calls `install`, and registers `TEMPLATE_DIR` and
`JINJA_GLOBALS` in its own Jinja environment (the one `templates` renders with).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.templating import Jinja2Templates

from krampe.accounts import api, pages
from krampe.accounts.csrf import CSRFCookieMiddleware, csrf_input
from krampe.accounts.web import account_user, set_templates

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# `nav_account.html` (the nav's account slot) and every form's hidden CSRF field use these.
JINJA_GLOBALS = {"csrf_input": csrf_input, "account_user": account_user}


def install(app: FastAPI, templates: Jinja2Templates) -> None:
    """The account pages and API, the CSRF cookie, and the templates pages render with."""
    set_templates(app.state, templates)
    app.add_middleware(CSRFCookieMiddleware)
    for module in (pages, api):
        app.include_router(module.router)
