"""Hooks the diary and accounts into the web app: `install(app)` from create_app."""

from __future__ import annotations

from fastapi import FastAPI


def install(app: FastAPI) -> None:
    from krampe.accounts import api as account_api
    from krampe.accounts import pages as account_pages
    from krampe.accounts.csrf import CSRFCookieMiddleware
    from krampe.diary import api as diary_api
    from krampe.diary import pages as diary_pages

    app.add_middleware(CSRFCookieMiddleware)
    for module in (account_pages, account_api, diary_pages, diary_api):
        app.include_router(module.router)
