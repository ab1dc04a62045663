"""Questions: the home page, the answer page and `/api/ask` (one core call behind all)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from krampe.errors import InputError
from krampe.knowledge.kb import MAX_TOP
from krampe.web.offload import run_engine
from krampe.web.schemas import ERROR_RESPONSES, AskRequest, AskResponse
from krampe.web.services import get_services
from krampe.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def home(request: Request):
    return render(request, "home.html")


@router.post("/", response_class=HTMLResponse, include_in_schema=False)
async def answer_page(request: Request, q: str = Form("")):
    try:
        result = await run_engine(request, "ask_json", q, 5)
    except InputError as exc:
        return render(request, "home.html", {"error": exc.message, "q": q}, status_code=422)
    return render(request, "answer.html", {"result": result})


@router.post(
    "/api/ask",
    response_model=AskResponse,
    responses=ERROR_RESPONSES,
    summary="Svar på et spørgsmål",
    tags=["spørgsmål"],
)
async def api_ask(body: AskRequest, request: Request):
    # The engine's model is the contract; skip re-validating it on every request.
    result = await run_engine(request, "ask_json", body.q, body.top)
    return JSONResponse({**result, "notice": get_services(request.app).notice()})


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
    result = await run_engine(request, "ask_json", q, top)
    return JSONResponse({**result, "notice": get_services(request.app).notice()})
