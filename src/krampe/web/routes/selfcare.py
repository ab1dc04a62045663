"""Self-care: the acute guide ("Krampe nu"), the exercise programme page and `/api/plan`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import ValidationError

from krampe.errors import InputError
from krampe.selfcare.drawings import drawing_svg
from krampe.selfcare.exercises import exercises as get_exercises
from krampe.selfcare.models import Plan, Profile
from krampe.selfcare.plan import MAX_START, MIN_START, plan_config, validate_reminder
from krampe.selfcare.schedule import exercise_doses, item_text, schedule
from krampe.web.schemas import ERROR_RESPONSES
from krampe.web.services import get_services
from krampe.web.templating import render

router = APIRouter()

CONFIG = plan_config()
MAX_WEEKS = CONFIG.max_weeks
REMINDER = CONFIG.reminder
DEFAULT_WEEKS = 6
_TZ = ZoneInfo("Europe/Copenhagen")
_FLAGS = ("pregnant", "night_cramps", "over_60")


def _today() -> date:
    return datetime.now(_TZ).date()


def _ics_response(data: bytes, start: date) -> Response:
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="krampe-program-{start}.ics"'},
    )


@router.get("/nu", response_class=HTMLResponse, include_in_schema=False)
async def acute_page(request: Request):
    return render(request, "nu.html", {"guide": get_services(request.app).acute_guide()})


def _program_context(request: Request, form: dict, plan: Plan | None = None,
                     error: str | None = None, reminder_error: str | None = None) -> dict:
    exercises = get_services(request.app).exercises()
    doses = exercise_doses(plan) if plan else {}
    return {
        "form": {"reminder": REMINDER.default_minutes, **form},
        "plan": plan,
        "error": error,
        "reminder_error": reminder_error,
        "max_weeks": MAX_WEEKS,
        "max_reminder": REMINDER.max_minutes,
        "weeks": schedule(plan) if plan else [],
        # With a plan: its exercises in order of use and their dose week by week.
        "exercises": [e for e in exercises if e.id in doses] if plan else exercises,
        "doses": doses,
        "drawing": drawing_svg,
        "item_text": item_text,
        "profile_labels": [CONFIG.profiles[f].label for f in plan.profile.flags()] if plan else [],
        # Said once above the days, not on every session; exercise cautions stand under
        # their exercise.
        "session_notes": _session_notes(plan) if plan else [],
    }


def _session_notes(plan: Plan) -> list[str]:
    cautions = {c.text for ex in get_exercises() for c in ex.cautions}
    notes = (n for s in plan.sessions for n in s.notes if n not in cautions)
    return list(dict.fromkeys(notes))


def _parse_plan_form(raw) -> tuple[dict, date, int, Profile]:
    form = {
        "start": str(raw.get("start", "")).strip(),
        "weeks": str(raw.get("weeks", "")).strip(),
        **{flag: raw.get(flag) == "1" for flag in _FLAGS},
    }
    try:
        start = date.fromisoformat(form["start"])
    except ValueError:
        raise InputError(
            "Startdatoen skal være en dato (ÅÅÅÅ-MM-DD).", code="invalid_date"
        ) from None
    if not MIN_START <= start <= MAX_START:
        raise InputError(
            f"Startdatoen skal ligge mellem {MIN_START.year} og {MAX_START.year}.",
            code="invalid_date",
        )
    try:
        weeks = int(form["weeks"])
    except ValueError:
        raise InputError("Antal uger skal være et helt tal.", code="invalid_weeks") from None
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError(f"Antal uger skal være mellem 1 og {MAX_WEEKS}.", code="invalid_weeks")
    profile = Profile(**{flag: form[flag] for flag in _FLAGS})
    return form, start, weeks, profile


@router.get("/program", response_class=HTMLResponse, include_in_schema=False)
async def program_page(request: Request):
    form = {"start": _today().isoformat(), "weeks": DEFAULT_WEEKS, **dict.fromkeys(_FLAGS, False)}
    return render(request, "program.html", _program_context(request, form))


@router.post("/program", response_class=HTMLResponse, include_in_schema=False)
async def program_plan_page(request: Request):
    raw = await request.form()
    try:
        form, start, weeks, profile = _parse_plan_form(raw)
        plan = get_services(request.app).plan(start, weeks, profile)
    except InputError as exc:
        form = {
            "start": str(raw.get("start", "")),
            "weeks": str(raw.get("weeks", "")),
            **{flag: raw.get(flag) == "1" for flag in _FLAGS},
        }
        ctx = _program_context(request, form, error=exc.message)
        return render(request, "program.html", ctx, status_code=422)
    return render(request, "program.html", _program_context(request, form, plan=plan))


@router.post("/program/kalender.ics", include_in_schema=False)
async def program_ics(request: Request):
    raw = await request.form()
    form, start, weeks, profile = _parse_plan_form(raw)
    services = get_services(request.app)
    plan = services.plan(start, weeks, profile)
    # Absent (an older form, a script): the default; present but wrong: a Danish error.
    form["reminder"] = str(raw.get("reminder", REMINDER.default_minutes)).strip()
    try:
        reminder = validate_reminder(form["reminder"])
    except InputError as exc:
        ctx = _program_context(request, form, plan=plan, reminder_error=exc.message)
        return render(request, "program.html", ctx, status_code=422)
    return _ics_response(services.plan_ics(plan, reminder), start)

@dataclass
class PlanQuery:
    """The plan's query parameters, shared by the JSON and the calendar route."""

    start: Annotated[
        date | None,
        Query(ge=MIN_START, le=MAX_START, description="Første dag (standard: i dag)."),
    ] = None
    weeks: Annotated[int, Query(ge=1, le=MAX_WEEKS)] = DEFAULT_WEEKS
    pregnant: bool = False
    night_cramps: bool = False
    over_60: bool = False
    reminder: Annotated[
        int,
        Query(ge=0, le=REMINDER.max_minutes,
              description="Kalenderfilens påmindelse: minutter før hver aftale (0 = ved start)."),
    ] = REMINDER.default_minutes

    def flags(self) -> dict[str, bool]:
        return {"pregnant": self.pregnant, "night_cramps": self.night_cramps,
                "over_60": self.over_60}


def _api_plan(request: Request, start: date | None, weeks: int, flags: dict, fmt: str,
              reminder: int):
    start = start or _today()
    try:
        profile = Profile(**flags)
    except ValidationError:
        raise InputError("Ugyldig profil.", code="invalid_input") from None
    services = get_services(request.app)
    plan = services.plan(start, weeks, profile)
    if fmt == "ics":
        return _ics_response(services.plan_ics(plan, reminder), start)
    return JSONResponse(plan.model_dump(mode="json"))


_PLAN_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES,
    200: {
        "description": "Programmet (JSON) eller kalenderfilen (format=ics).",
        "content": {"text/calendar": {"schema": {"type": "string"}}},
    },
}


@router.get("/api/plan", response_model=Plan, summary="Øvelsesprogram",
            responses=_PLAN_RESPONSES, tags=["øvelser"])
async def api_plan(
    request: Request,
    params: Annotated[PlanQuery, Depends()],
    format: Literal["json", "ics"] = "json",
):
    return _api_plan(request, params.start, params.weeks, params.flags(), format,
                     params.reminder)


@router.get(
    "/api/plan.ics",
    summary="Øvelsesprogram som kalenderfil",
    response_class=Response,
    responses={
        **ERROR_RESPONSES,
        200: {
            "description": "iCalendar-fil",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
    },
    tags=["øvelser"],
)
async def api_plan_ics(request: Request, params: Annotated[PlanQuery, Depends()]):
    return _api_plan(request, params.start, params.weeks, params.flags(), "ics",
                     params.reminder)
