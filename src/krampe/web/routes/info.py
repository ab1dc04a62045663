"""Sources, privacy and health: pages about krampe itself."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from krampe.accounts.csrf import CSRF_COOKIE
from krampe.web import region
from krampe.web.schemas import Health
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
                  {"region_cookie": region.COOKIE, "csrf_cookie": CSRF_COOKIE})


@router.get("/healthz", response_model=Health, tags=["drift"], summary="Sundhedstjek")
async def healthz(request: Request) -> Health:
    services = get_services(request.app)
    return Health(status="ok", articles=len(services.articles), knowledge_base=services.kb_specs)
