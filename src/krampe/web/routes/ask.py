"""Questions: the home page, the answer page and `/api/ask` (one core call behind all)."""

from __future__ import annotations

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from krampe.clinic import booking
from krampe.errors import InputError
from krampe.knowledge.kb import MAX_TOP
from krampe.web import region
from krampe.web.offload import run_engine
from krampe.web.ratelimit import LIMITED
from krampe.web.schemas import ERROR_RESPONSES, AskRequest, AskResponse
from krampe.web.services import get_services
from krampe.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def home(request: Request):
    return render(request, "home.html")


@router.post("/", response_class=HTMLResponse, include_in_schema=False,
             dependencies=LIMITED)
async def answer_page(request: Request, q: str = Form("")):
    try:
        result = await run_engine(request, "ask_json", q, 5)
    except InputError as exc:
        return render(request, "home.html", {"error": exc.message, "q": q}, status_code=422)
    services = get_services(request.app)
    form = await request.form()
    ctx = {
        "result": result,
        "region": region.resolve(request, form),
        # The region picker sends the question again, with the region chosen.
        "picker_form": {"action": "/", "fields": [("q", q)]},
        "cites": [services.section_sources(a["source"], a["section"]) for a in result["answers"]],
        # A cramp happening now (the contract's `acute`): the guide's first steps lead.
        "guide": services.acute_guide() if result.get("acute") else None,
    }
    response = render(request, "answer.html", ctx)
    region.remember(request, form, response)
    return response


@router.post(
    "/api/ask",
    response_model=AskResponse,
    responses=ERROR_RESPONSES,
    summary="Svar på et spørgsmål",
    tags=["spørgsmål"],
    dependencies=LIMITED,
)
async def api_ask(body: AskRequest, request: Request):
    return await _answer(request, body.q, body.top)


@router.get(
    "/api/ask",
    response_model=AskResponse,
    responses=ERROR_RESPONSES,
    summary="Svar på et spørgsmål (GET)",
    tags=["spørgsmål"],
    dependencies=LIMITED,
)
async def api_ask_get(
    request: Request,
    q: str = Query(description="Spørgsmålet på dansk."),
    top: int = Query(5, ge=1, le=MAX_TOP),
):
    return await _answer(request, q, top)


async def _answer(request: Request, q: str, top: int) -> Response:
    """The engine's object (the contract; not validated again) and the notice."""
    clinic = request.app.state.clinic
    if clinic is not None:  # the booking depends on the result's triage
        result = await run_engine(request, "ask_json", q, top)
        out = {**result, "notice": get_services(request.app).notice(),
               "booking": booking(clinic, result.get("triage"))}
        return JSONResponse(out)
    # Without a profile: the engine's JSON text with the notice spliced in before its
    # closing brace (no decoding, no second encoding on the event loop).
    raw: bytes = await run_engine(request, "ask_bytes", q, top)
    notice = get_services(request.app).notice_bytes()
    return Response(raw[:-1] + b',"notice":' + notice + b"}", media_type="application/json")
