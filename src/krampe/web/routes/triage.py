"""Triage: the no-JavaScript flow (state carried in the form) and `/api/triage`.

The flow: a description, then the red-flag screen one page per level group (emergency
questions first, then urgent, in the policy's order), then the result. Every answer
given so far travels back in hidden fields as a_<question id>=ja|nej|ved-ikke.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from krampe.clinic import booking
from krampe.errors import InputError
from krampe.policy import get_policy
from krampe.web import region as regions
from krampe.web.offload import run_engine
from krampe.web.ratelimit import LIMITED
from krampe.web.schemas import ERROR_RESPONSES, REGIONS, TriageApiResponse, TriageRequest
from krampe.web.services import Services, get_services
from krampe.web.templating import render

router = APIRouter()

_ID = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_MAX_ANSWERS = 50
_VALUES: dict[str, bool | None] = {"ja": True, "nej": False, "ved-ikke": None}
_FORM_VALUE = {True: "ja", False: "nej", None: "ved-ikke"}
_BAD_ANSWERS = (
    "Vi kunne ikke læse dine svar på spørgsmålene om faresignaler. "
    "Tryk «Vurdér» for at få spørgsmålene igen."
)


class _BadAnswers(Exception):
    pass


_CLAUSE_END = re.compile(r"[.,;:!?\n]")
_MAX_SAID = 120


def _said(text: str, r: dict) -> str:
    """The person's words that settled a route: the clause around the matched words, so
    that "ingen åndenød" shows its negation and not just "åndenød"."""
    if not r.get("span"):
        return str(r["evidence"])
    start, end = r["span"]
    left = max((m.end() for m in _CLAUSE_END.finditer(text, 0, start)), default=0)
    right = _CLAUSE_END.search(text, end)
    clause = text[left:right.start() if right else len(text)].strip()
    if len(clause) > _MAX_SAID:  # a run-on sentence: the matched words and a little context
        clause = "…" + text[max(left, start - 40):min(len(text), end + 40)].strip() + "…"
    return clause


def _answers(form) -> dict[str, bool | None]:
    """a_<qid>=ja|nej|ved-ikke -> {qid: True|False|None}; no choice sends nothing."""
    answers: dict[str, bool | None] = {}
    for key, value in form.multi_items():
        if not key.startswith("a_") or value == "":
            continue
        qid = key[2:]
        if not _ID.match(qid) or value not in _VALUES or len(answers) >= _MAX_ANSWERS:
            raise _BadAnswers(key)
        answers[qid] = _VALUES[value]  # a repeated field: the last one wins
    return answers


@router.get("/triage", response_class=HTMLResponse, include_in_schema=False)
async def triage_form(request: Request):
    return render(request, "triage.html",
                  {"regions": REGIONS, "region": regions.current(request)})


@router.post("/triage", response_class=HTMLResponse, include_in_schema=False,
             dependencies=LIMITED)
async def triage_page(request: Request):
    form = await request.form()
    response = await _triage_page(request, form)
    regions.remember(request, form, response)
    return response


async def _triage_page(request: Request, form) -> HTMLResponse:
    text = str(form.get("text", ""))
    region = regions.resolve(request, form)
    services = get_services(request.app)
    known = services.screen_questions()
    # The questions the previous page showed: to find those left unanswered, and for
    # "Nej til alle".
    shown = [q for q in str(form.get("side", "")).split(",") if q in known]
    form_error = {"regions": REGIONS, "text": text, "region": region,
                  "answers_error": _BAD_ANSWERS}
    try:
        answers = _answers(form)
    except _BadAnswers:
        return render(request, "triage.html", form_error, status_code=422)
    if form.get("alle") == "nej":
        # Only the questions left blank: an explicit "ja" or "ved ikke" on the same page
        # is kept, since dropping a "ja" could hide a red flag.
        for qid in shown:
            answers.setdefault(qid, False)
    try:
        t = await run_engine(request, "triage_json", text, region=region, answers=answers)
    except InputError as exc:
        if exc.code in ("unknown_answer", "invalid_answers"):
            return render(request, "triage.html", form_error, status_code=422)
        text_error = {"regions": REGIONS, "error": exc.message, "text": text, "region": region}
        return render(request, "triage.html", text_error, status_code=422)
    carried = {qid: _FORM_VALUE[v] for qid, v in answers.items()}
    ctx: dict[str, Any] = {
        "t": t,
        "region": region,
        "answers": carried,
        "unsure": _unsure(t),
        # The region picker sends this page's state again, with the region chosen.
        "picker_form": {"action": "/triage", "fields": [
            ("text", text), *((f"a_{qid}", value) for qid, value in carried.items())]},
    }
    screen_open = not t["screen"]["complete"] and t["questions"]
    if screen_open:
        ctx.update(_screen_page(services, t, shown))
    else:
        ctx["corrections"] = _corrections(t)
    return render(request, "triage_result.html", ctx)


def _screen_page(services: Services, t: dict, shown: list[str]) -> dict[str, Any]:
    """One level group of open questions, with what the text settled at that level or
    above pre-answered "nej" in the person's own words, in the policy's order."""
    known = services.screen_questions()
    policy = get_policy()
    first = t["questions"][0]
    rank = policy.rank(first["level"])
    items = [
        {"id": q["id"], "text": q["text"], "said": None, "checked": None,
         "missing": q["id"] in shown}
        for q in t["questions"] if q["group"] == first["group"]
    ]
    # A level above this page's had no page of its own (its flags were all settled by
    # the text), so its settled routes are shown here, or they could not be corrected.
    settled = [r for r in t["screen"]["resolved"] if r["by"] == "text"
               and r["question"] in known and policy.rank(known[r["question"]].level) >= rank]
    items += [
        {"id": r["question"], "text": r["question_text"],
         "said": _said(t["text"], r), "checked": "nej", "missing": False}
        for r in settled
    ]
    items.sort(key=lambda item: known[item["id"]].position if item["id"] in known else 0)
    return {"screen_items": items, "group": first["group"],
            "missing": sum(1 for item in items if item["missing"])}


def _corrections(t: dict) -> list[dict]:
    """What the text settled, still open to correction on a completed result (not on an
    emergency: nothing can lower it, and the page should only say to call the emergency number)."""
    if t["level"] == "emergency":
        return []
    settled = [r for r in t["screen"]["resolved"] if r["by"] == "text"]
    return [{"id": r["question"], "text": r["question_text"],
             "said": _said(t["text"], r), "checked": "nej", "missing": False} for r in settled]


def _unsure(t: dict) -> list[dict]:
    """The flags answered "ved ikke"; their evidence is the question as the person was
    asked it (a relative named)."""
    return [item for item in t["if_then"] if item.get("via") == "answer"]


@router.post(
    "/api/triage",
    response_model=TriageApiResponse,
    responses=ERROR_RESPONSES,
    summary="Vurdér en symptombeskrivelse",
    tags=["triage"],
    dependencies=LIMITED,
)
async def api_triage(body: TriageRequest, request: Request):
    result = await run_engine(request, "triage_json", body.text, region=body.region,
                              answers=body.answers, known_findings=body.known_findings)
    out = {**result, "notice": get_services(request.app).notice(body.region)}
    clinic = request.app.state.clinic
    if clinic is not None:  # without a profile the answer is as it always was
        out["booking"] = booking(clinic, result)
    return JSONResponse(out)
