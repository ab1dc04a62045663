"""The FastAPI app: pages (Jinja, Danish) and the REST API of cli-contract.md.

`create_app(kb_specs)` builds it; `app_from_env()` is the factory uvicorn workers call
(`krampe serve` passes the knowledge base specs in KRAMPE_WEB_KB as a JSON list).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from krampe.accounts import install as accounts
from krampe.accounts import service as account_service
from krampe.clinic import profile as clinic_profile
from krampe.config import Settings, get_settings
from krampe.db import get_database
from krampe.diary import idempotency
from krampe.diary import install as diary
from krampe.policy import get_policy
from krampe.web import apidocs, errors, templating
from krampe.web.middleware import NavUserMiddleware, WebMiddleware
from krampe.web.offload import Pools, get_pools
from krampe.web.routes import ask, clinic, coverage, info, region, selfcare, triage
from krampe.web.services import get_services
from krampe.web.templating import STATIC_DIR

log = logging.getLogger("krampe.web")
KB_ENV = "KRAMPE_WEB_KB"
MAX_BODY_BYTES = 64 * 1024

_DESCRIPTION = """\
krampe: spørgsmål, triage og øvelser for krampe i læggen, på dansk.

Fejl returneres som `{"error": "<kode>", "message": "<dansk tekst>"}`: 400 for ugyldig
JSON, 413 for for store forespørgsler, 422 for ugyldige felter, 404 for ukendte adresser.
Ikke en diagnose: ved livstruende symptomer, ring """


def create_app(kb_specs: list[str] | None = None, settings: Settings | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Before the first request: load the knowledge base once and warm its caches,
        # fork the engine processes from that (no other thread runs yet), then open the
        # database and upgrade its schema.
        services = get_services(app)
        services.warm_up()
        # What is loaded now lives as long as the process. Left to the collector, every
        # full collection walked it all while holding the GIL: ~0.4-0.5 s at 10,000
        # articles, a stalled event loop (the /healthz p99). Frozen, it is never walked,
        # and the engine processes forked next never write to its pages.
        gc.collect()
        gc.freeze()
        pools = Pools(app.state.settings, services)
        app.state.pools = pools
        pools.start()
        await run_in_threadpool(get_database, app.state)
        purger = asyncio.create_task(_purge_on_schedule(app))
        yield
        purger.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await purger
        pools.shutdown()
        gc.unfreeze()  # an app that stops in a longer-lived process (tests) can be freed
        db = getattr(app.state, "krampe_db", None)
        if db is not None:
            db.dispose()

    app = FastAPI(
        title="krampe API",
        version="1.0",
        description=f"{_DESCRIPTION}{get_policy().emergency_number()}.\n",
        lifespan=lifespan,
        docs_url=None,  # apidocs serves Swagger UI from the package, not from a CDN
        redoc_url=None,
        # No OpenTelemetry here: off, FastAPI skips asking for providers on every request.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings or get_settings()
    # A clinic's profile (KRAMPE_CLINIC): its articles unless specs are given, its name
    # and booking on the pages, and the sites that may frame /embed.
    profile = app.state.settings.clinic
    app.state.clinic = clinic_profile.load(profile) if profile else None
    default_specs = app.state.clinic.knowledge if app.state.clinic else ["bundled"]
    app.state.kb_specs = list(kb_specs or default_specs)
    app.state.services = None
    app.state.page_context = {}

    errors.install(app)
    app.add_middleware(NavUserMiddleware)
    app.add_middleware(
        WebMiddleware, max_body_bytes=MAX_BODY_BYTES,
        embed_ancestors=app.state.clinic.frame_ancestors() if app.state.clinic else None)
    if app.state.settings.trusted_proxies:
        # Outermost: the client address from X-Forwarded-For, only from a trusted proxy;
        # the log-in limits and the access log see the person, not the load balancer.
        app.add_middleware(ProxyHeadersMiddleware,
                           trusted_hosts=list(app.state.settings.trusted_proxies))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    apidocs.install(app)

    for module in (ask, triage, selfcare, info, coverage, region, clinic):
        app.include_router(module.router)
    install_accounts_and_diary(app)

    _accurate_openapi(app)
    return app


def purge_expired(app_state) -> int:
    """Blocking: delete what has outlived its promise (log-in counters after 15 minutes,
    ended sessions, write keys after a day). Returns the number of rows."""
    with get_database(app_state).sessions() as db:
        n = account_service.purge_expired(db)
        n += idempotency.purge(db)
        db.commit()
        return n


async def _purge_on_schedule(app: FastAPI) -> None:
    while True:
        try:
            await get_pools(app).run_db(purge_expired, app.state)
        except Exception as exc:  # the database may be down; the next round tries again
            log.warning("purge of expired rows failed: %s", type(exc).__name__)
        await asyncio.sleep(app.state.settings.purge_interval_seconds)


def install_accounts_and_diary(app: FastAPI) -> None:
    """Accounts and the diary on `app`, rendering in the site's layout.

    Their template folders and Jinja globals join the one environment here, when an app
    is built, never when a module is imported.
    """
    templating.add_template_dir(accounts.TEMPLATE_DIR)
    templating.add_template_dir(diary.TEMPLATE_DIR)
    templating.env.globals.update(accounts.JINJA_GLOBALS)
    templating.env.globals.update(diary.JINJA_GLOBALS)
    accounts.install(app, templating.templates)
    diary.install(app)


def _accurate_openapi(app: FastAPI) -> None:
    """Post-process the generated document where pydantic's JSON Schema says too much.

    Pydantic marks `datetime.time` fields as `format: time`, which in JSON Schema means
    RFC 3339 time *with* an offset; our times are naive local clock times
    (Europe/Copenhagen), so they are documented by pattern instead.
    """
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            doc = original()
            _local_times(doc)
            app.openapi_schema = doc
        return app.openapi_schema

    # FastAPI's documented way to post-process the schema is to replace the method.
    app.openapi = openapi  # type: ignore[method-assign]


def _local_times(node: object) -> None:
    if isinstance(node, dict):
        if node.get("format") == "time" and node.get("type") == "string":
            del node["format"]
            node["pattern"] = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
            node.setdefault("description", "Lokalt klokkeslæt (Europe/Copenhagen).")
        for value in node.values():
            _local_times(value)
    elif isinstance(node, list):
        for value in node:
            _local_times(value)


def app_from_env() -> FastAPI:
    """Factory for `uvicorn --factory`: every worker builds its own app from the environment."""
    raw = os.environ.get(KB_ENV)
    specs = json.loads(raw) if raw else None
    return create_app(specs)
