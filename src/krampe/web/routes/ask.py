"""Questions: the home page, the answer page and `/api/ask` (one core call behind all)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from krampe.errors import InputError
from krampe.knowledge.kb import MAX_TOP
from krampe.web.schemas import ERROR_RESPONSES, AskRequest, AskResponse
from krampe.web.services import get_services
from krampe.web.templating import render

router = APIRouter()


def _dump(result) -> dict:
    return result.model_dump(mode="json") if hasattr(result, "model_dump") else dict(result)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def home(request: Request):
    return render(request, "home.html")


@router.post("/", response_class=HTMLResponse, include_in_schema=False)
async def answer_page(request: Request, q: str = Form("")):
    services = get_services(request.app)
    try:
        result = services.ask(q, 5)
    except InputError as exc:
        return render(request, "home.html", {"error": exc.message, "q": q}, status_code=422)
    return render(request, "answer.html", {"result": _dump(result)})


@router.post(
    "/api/ask",
    response_model=AskResponse,
    responses=ERROR_RESPONSES,
    summary="Svar på et spørgsmål",
    tags=["spørgsmål"],
)
async def api_ask(body: AskRequest, request: Request):
    services = get_services(request.app)
    # The engine's model is the contract; skip re-validating it on every request.
    return JSONResponse({**_dump(services.ask(body.q, body.top)), "notice": services.notice()})


@router.get(
    "/api/ask",
    response_model=AskResponse,
    responses=ERROR_RESPONSES,
    summary="Svar på et spørgsmål (GET)",
    tags=["spørgsmål"],
)
async def api_ask_get(
    request: Request,
    q: str = Query(description="Spørgsmålet på dansk."),
    top: int = Query(5, ge=1, le=MAX_TOP),
):
    services = get_services(request.app)
    return JSONResponse({**_dump(services.ask(q, top)), "notice": services.notice()})
