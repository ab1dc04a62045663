"""The diary on a web app: `install(app)` from the app factory (web.app), after accounts.

Its pages render through accounts' plumbing; the host registers `TEMPLATE_DIR` in its
Jinja environment. The diary's rows join the account's download and deletion here.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from krampe.accounts import userdata
from krampe.diary import api, pages
from krampe.diary.export import USER_DATA
from krampe.diary.idempotency import idempotency_input

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
# Every diary form carries `{{ idempotency_input() }}`: a new write key per page shown.
JINJA_GLOBALS = {"idempotency_input": idempotency_input}


def install(app: FastAPI) -> None:
    """The diary pages and API, and the diary's part of each account's data."""
    userdata.register(app.state, USER_DATA)
    for module in (pages, api):
        app.include_router(module.router)
