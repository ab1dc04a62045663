"""Triage: the no-JavaScript flow (state carried in the form) and `/api/triage`."""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from krampe.errors import InputError
from krampe.web.schemas import ERROR_RESPONSES, REGIONS, TriageApiResponse, TriageRequest
from krampe.web.services import get_services
from krampe.web.templating import render

router = APIRouter()

_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_MAX_ANSWERS = 50
_MAX_QTEXT = 300


def _dump(result) -> dict:
    return result.model_dump(mode="json") if hasattr(result, "model_dump") else dict(result)


@router.get("/triage", response_class=HTMLResponse, include_in_schema=False)
async def triage_form(request: Request):
    return render(request, "triage.html", {"regions": REGIONS})


@router.post("/triage", response_class=HTMLResponse, include_in_schema=False)
async def triage_page(request: Request):
    form = await request.form()
    text = form.get("text", "")
    region = form.get("region") or None
    if region not in REGIONS:
        region = None
    # Follow-up answers travel as a_<question id>=ja|nej; "" (ved ikke) is no answer.
    answers: dict[str, bool] = {}
    for key, value in form.multi_items():
        if key.startswith("a_") and value in ("ja", "nej") and _ID.match(key[2:]):
            answers[key[2:]] = value == "ja"
    answers = dict(list(answers.items())[:_MAX_ANSWERS])
    asked = [a for a in str(form.get("asked", "")).split(",") if _ID.match(a)][:_MAX_ANSWERS]
    # The wording of questions already asked, so a "yes" can be shown as the reason.
    qtexts = {
        key[3:]: str(value)[:_MAX_QTEXT]
        for key, value in form.multi_items()
        if key.startswith("qt_") and key[3:] in asked
    }
    try:
        result = get_services(request.app).triage(text, region=region, answers=answers)
    except InputError as exc:
        ctx = {"regions": REGIONS, "error": exc.message, "text": text, "region": region}
        return render(request, "triage.html", ctx, status_code=422)
    t = _dump(result)
    # Questions already put to the person (answered or "ved ikke") are not asked again.
    t["questions"] = [q for q in t.get("questions", []) if q["id"] not in asked]
    asked = list(dict.fromkeys([*asked, *(q["id"] for q in t["questions"])]))
    qtexts.update({q["id"]: q["text"] for q in t["questions"]})
    return render(
        request,
        "triage_result.html",
        {"t": t, "region": region, "answers": answers, "asked": asked, "qtexts": qtexts},
    )


@router.post(
    "/api/triage",
    response_model=TriageApiResponse,
    responses=ERROR_RESPONSES,
    summary="Vurdér en symptombeskrivelse",
    tags=["triage"],
)
async def api_triage(body: TriageRequest, request: Request):
    services = get_services(request.app)
    result = services.triage(body.text, region=body.region, answers=body.answers,
                             known_findings=body.known_findings)
    return JSONResponse({**_dump(result), "notice": services.notice(body.region)})
