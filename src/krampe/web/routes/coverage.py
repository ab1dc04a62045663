"""The coverage page: which common questions the served articles answer, per topic."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from krampe.web.services import get_services
from krampe.web.templating import render

router = APIRouter()

# Most urgent to write about first: not covered, then weakly answered, then answered.
ORDER = ("not_covered", "weak", "answered")


@router.get("/dækning", response_class=HTMLResponse, include_in_schema=False)
def coverage_page(request: Request):
    # A plain function: FastAPI runs it in a worker thread, as the first visit runs the
    # whole question bank through the search.
    report = get_services(request.app).coverage()
    return render(request, "coverage.html", {"report": report, "order": ORDER})
