"""Sources, privacy and health: pages about krampe itself."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import text

from krampe.accounts.cookies import cookie_name
from krampe.accounts.csrf import CSRF_COOKIE
from krampe.db import get_database
from krampe.web import region
from krampe.web.offload import run_db
from krampe.web.schemas import ErrorResponse, Health, Ready
from krampe.web.services import get_services
from krampe.web.templating import render

router = APIRouter()


@router.get("/kilder", response_class=HTMLResponse, include_in_schema=False)
async def sources_page(request: Request):
    services = get_services(request.app)
    return render(
        request, "sources.html", {"articles": services.articles, "sources": services.sources()}
    )


@router.get("/privatliv", response_class=HTMLResponse, include_in_schema=False)
async def privacy_page(request: Request):
    return render(request, "privacy.html",
                  {"region_cookie": cookie_name(request.scope, region.COOKIE),
                   "csrf_cookie": cookie_name(request.scope, CSRF_COOKIE)})


@router.get("/healthz", response_model=Health, tags=["drift"],
            summary="Lever processen? (liveness; rører ikke databasen)")
async def healthz(request: Request) -> Health:
    """Liveness, what a load balancer checks: answers while the event loop runs, also when
    the database is down (questions and triage need no database)."""
    services = get_services(request.app)
    return Health(status="ok", articles=len(services.articles), knowledge_base=services.kb_specs)


def _ping(app_state) -> None:
    with get_database(app_state).engine.connect() as conn:
        conn.execute(text("SELECT 1"))


@router.get("/readyz", response_model=Ready, tags=["drift"],
            summary="Klar? (readiness; tjekker databasen)",
            responses={503: {"model": ErrorResponse, "description": "Databasen svarer ikke"}})
async def readyz(request: Request) -> Ready:
    """Readiness: the database answers a query within its time limits. A stalled or
    unreachable database gives 503 with a Danish message (the error handler's)."""
    await run_db(request, _ping, request.app.state)
    return Ready(status="ok", database="ok")
