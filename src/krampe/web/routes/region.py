"""`/region`: choose, change or forget the remembered region (see `web.region`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from krampe.accounts.web import safe_next
from krampe.web import region
from krampe.web.templating import render

router = APIRouter()

BACK = "tilbage"  # the page to return to (a path on this site only)


def _back(value: object) -> str:
    return safe_next(value if isinstance(value, str) else None, default="/region")


@router.get("/region", response_class=HTMLResponse, include_in_schema=False)
async def region_page(request: Request):
    return render(request, "region.html", {"back": _back(request.query_params.get(BACK))})


@router.post("/region", include_in_schema=False)
async def region_choose(request: Request):
    form = await request.form()
    response = RedirectResponse(_back(form.get(BACK)), status_code=303)
    region.remember(request, form, response)
    return response
