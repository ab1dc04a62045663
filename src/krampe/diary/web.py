"""Hooks the diary and accounts into the web app: `install(app)` from create_app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool


def install(app: FastAPI) -> None:
    from krampe.accounts import api as account_api
    from krampe.accounts import pages as account_pages
    from krampe.accounts.csrf import CSRFCookieMiddleware
    from krampe.db import get_database
    from krampe.diary import api as diary_api
    from krampe.diary import pages as diary_pages

    app.add_middleware(CSRFCookieMiddleware)
    for module in (account_pages, account_api, diary_pages, diary_api):
        app.include_router(module.router)

    # Open the database and upgrade its schema at startup, before the first request.
    inner = app.router.lifespan_context

    # Yields whatever the inner lifespan yields: None, or a state mapping.
    @asynccontextmanager
    async def lifespan(a: FastAPI) -> AsyncIterator[Any]:
        await run_in_threadpool(get_database, a.state)
        async with inner(a) as state:
            yield state
        db = getattr(a.state, "krampe_db", None)
        if db is not None:
            db.dispose()

    app.router.lifespan_context = lifespan


def standalone_app() -> FastAPI:
    """Only the diary and accounts (for `uvicorn --factory` in tests and benchmarks)."""
    from krampe.web import errors

    app = FastAPI(title="krampe dagbog")
    errors.install(app)
    install(app)
    return app
