"""Diary pages (server-rendered, no JavaScript): quick entry, list, edit, patterns."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from krampe.accounts import csrf
from krampe.accounts.deps import db_session, page_user
from krampe.accounts.service import CurrentUser
from krampe.accounts.web import redirect, render
from krampe.diary import forms
from krampe.diary import idempotency as idem
from krampe.diary import repository as repo
from krampe.diary.api import EntryId, clock, compute_patterns
from krampe.diary.charts import Bar, bar_chart, describe_counts
from krampe.diary.doctor import triage_findings, triage_note
from krampe.diary.doctor_csv import doctor_csv
from krampe.diary.labels import labels
from krampe.diary.models import NOTE_MAX_CHARS
from krampe.diary.patterns import window_start
from krampe.diary.rows import pattern_rows
from krampe.diary.schemas import clean_contexts
from krampe.diary.summary import MAX_FLAGS_SHOWN, level_text, parse_period, summarise
from krampe.diary.thresholds import is_night
from krampe.diary.timeutil import day_start_utc, is_dst_fold, local_day, to_local
from krampe.errors import InputError

router = APIRouter(include_in_schema=False)
RECENT = 20


async def form_data(request: Request) -> FormData:
    """The posted form, read on the event loop; the sync handlers then run in the db pool."""
    return await request.form()


def _entry_view(entry) -> dict:
    local = to_local(entry.started_at)
    when = f"{local.day}/{local.month} {local.year} kl. {local:%H:%M}"
    if is_dst_fold(entry.started_at):
        when += " (sommertid)" if local.dst() else " (vintertid)"
    lab = labels()
    return {
        "id": entry.id, "when": when, "minutes": _minutes(entry.duration_seconds),
        "intensity": entry.intensity, "leg": lab.legs[entry.leg],
        "situation": lab.situations[entry.situation],
        "disturbed": [t for t, on in (("søvn", entry.disturbed_sleep),
                                      ("arbejde", entry.disturbed_work)) if on],
        "contexts": [lab.contexts.get(c, c) for c in entry.contexts or []],
        "note": entry.note,
    }


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 60:
        return f"{seconds:.0f} sek."
    return f"{seconds / 60:.1f}".replace(".", ",").removesuffix(",0") + " min."


def _form_page(request: Request, template: str, form: dict, errors: dict, *,
               status: int = 200, **extra) -> HTMLResponse:
    return render(request, template, status, form=form, errors=errors, labels=labels(),
                  note_max=NOTE_MAX_CHARS, **extra)


def _overview(request: Request, db: Session, user: CurrentUser, now: datetime, *,
              form: dict | None = None, errors: dict | None = None, ambiguous: bool = False,
              saved: int | None = None, status: int = 200) -> HTMLResponse:
    entries = repo.list_entries(db, user.id, limit=RECENT)
    patterns = compute_patterns(db, user.id, now)
    saved_entry = None
    note_triage = None
    if saved is not None:
        try:
            saved_entry = repo.get_entry(db, user.id, saved)
            note_triage = triage_note(saved_entry.note)
        except repo.EntryNotFound:
            saved_entry = None
    return _form_page(
        request, "diary.html", form or forms.defaults(now), errors or {}, status=status,
        user=user, entries=[_entry_view(e) for e in entries], patterns=patterns,
        doctor=triage_findings(patterns.findings), ambiguous=ambiguous,
        saved=saved_entry is not None, note_triage=note_triage,
    )


@router.get("/dagbog", response_class=HTMLResponse)
def diary(request: Request, gemt: int | None = Query(None, ge=1, le=2_147_483_647),
          user: CurrentUser = Depends(page_user), db: Session = Depends(db_session),
          now: datetime = Depends(clock)):
    return _overview(request, db, user, now, saved=gemt)


@router.post("/dagbog", response_class=HTMLResponse)
def create(request: Request, user: CurrentUser = Depends(page_user),
           db: Session = Depends(db_session), now: datetime = Depends(clock),
           data: FormData = Depends(form_data)):
    csrf.check(request, data.get(csrf.CSRF_FIELD))
    key = idem.check_key(data.get(idem.FIELD))
    parsed = forms.parse(data)
    if parsed.entry is None:
        return _overview(request, db, user, now, form=parsed.values, errors=parsed.errors,
                         ambiguous=parsed.ambiguous, status=422)
    entry_in = parsed.entry

    def write() -> idem.Result:
        entry = repo.create_entry(db, user.id, entry_in, now=now, commit=False)
        return idem.Result(303, f"/dagbog?gemt={entry.id}#gemt")

    try:
        result = idem.once(db, user.id, key,
                           idem.fingerprint("POST /dagbog", entry_in.model_dump_json()),
                           write, now=now)
    except InputError as exc:
        return _overview(request, db, user, now, form=parsed.values,
                         errors={"time": exc.message}, status=422)
    return redirect(result.body)


@router.get("/dagbog/registrering/{entry_id}", response_class=HTMLResponse)
def edit_form(request: Request, entry_id: EntryId, user: CurrentUser = Depends(page_user),
              db: Session = Depends(db_session)):
    entry = repo.get_entry(db, user.id, entry_id)
    return _form_page(request, "diary_edit.html", forms.from_entry(entry), {},
                      entry_id=entry.id, ambiguous=is_dst_fold(entry.started_at))


@router.post("/dagbog/registrering/{entry_id}", response_class=HTMLResponse)
def edit_submit(request: Request, entry_id: EntryId,
                user: CurrentUser = Depends(page_user), db: Session = Depends(db_session),
                now: datetime = Depends(clock), data: FormData = Depends(form_data)):
    csrf.check(request, data.get(csrf.CSRF_FIELD))
    repo.get_entry(db, user.id, entry_id)  # 404 before anything else for others' ids
    key = idem.check_key(data.get(idem.FIELD))
    parsed = forms.parse(data)
    if parsed.entry is None:
        return _form_page(request, "diary_edit.html", parsed.values, parsed.errors,
                          status=422, entry_id=entry_id, ambiguous=parsed.ambiguous)
    entry_in = parsed.entry

    def write() -> idem.Result:
        repo.update_entry(db, user.id, entry_id, entry_in, now=now, commit=False)
        return idem.Result(303, f"/dagbog?gemt={entry_id}#gemt")

    try:
        result = idem.once(db, user.id, key, idem.fingerprint(
            f"POST /dagbog/registrering/{entry_id}", entry_in.model_dump_json()), write, now=now)
    except InputError as exc:
        return _form_page(request, "diary_edit.html", parsed.values, {"time": exc.message},
                          status=422, entry_id=entry_id, ambiguous=parsed.ambiguous)
    return redirect(result.body)


@router.post("/dagbog/registrering/{entry_id}/slet")
def delete(request: Request, entry_id: EntryId, user: CurrentUser = Depends(page_user),
           db: Session = Depends(db_session), data: FormData = Depends(form_data)):
    csrf.check(request, data.get(csrf.CSRF_FIELD))
    key = idem.check_key(data.get(idem.FIELD))

    def write() -> idem.Result:
        repo.delete_entry(db, user.id, entry_id, commit=False)
        return idem.Result(303, "/dagbog")

    result = idem.once(db, user.id, key,
                       idem.fingerprint(f"POST /dagbog/registrering/{entry_id}/slet"), write)
    return redirect(result.body)


@router.post("/dagbog/dag", response_class=HTMLResponse)
def save_day(request: Request, user: CurrentUser = Depends(page_user),
             db: Session = Depends(db_session), now: datetime = Depends(clock),
             data: FormData = Depends(form_data)):
    csrf.check(request, data.get(csrf.CSRF_FIELD))
    errors: dict[str, str] = {}
    try:
        day = date.fromisoformat(str(data.get("day", "")).strip())
        if day > local_day(now) or day.year < 1970:
            errors["day"] = "Dagen kan ikke ligge i fremtiden."
    except ValueError:
        errors["day"] = "Skriv datoen som ÅÅÅÅ-MM-DD."
    try:
        contexts = clean_contexts([str(c) for c in data.getlist("contexts")][:50])
    except ValueError:
        errors["contexts"] = "Vælg kun mellem de viste muligheder."
    if errors:
        return _overview(request, db, user, now, errors={f"day_{k}": v for k, v in
                                                        errors.items()}, status=422)
    key = idem.check_key(data.get(idem.FIELD))

    def write() -> idem.Result:
        repo.set_day(db, user.id, day, contexts, now=now, commit=False)
        return idem.Result(303, "/dagbog?dag=gemt#dag")

    fp = idem.fingerprint("POST /dagbog/dag", day.isoformat(), ",".join(contexts))
    return redirect(idem.once(db, user.id, key, fp, write, now=now).body)


@router.get("/dagbog/moenster", response_class=HTMLResponse)
def patterns_page(request: Request, user: CurrentUser = Depends(page_user),
                  db: Session = Depends(db_session), now: datetime = Depends(clock)):
    patterns = compute_patterns(db, user.id, now)
    week_bars = [Bar(w.label, w.count) for w in patterns.weeks]
    weeks_svg = bar_chart("uger", "Kramper pr. uge, de sidste 12 uger",
                          describe_counts(week_bars, "uger"), week_bars, every_nth_label=3)
    rows, _ = _rows(db, user.id, now)
    hours = [0] * 8
    for r in rows:
        hours[r.hour // 3] += 1
    # Under the bars only the starting hour, so all eight fit at phone width.
    hour_bars = [Bar(f"{3 * i:02d}-{3 * i + 3:02d}", n, tick=str(3 * i))
                 for i, n in enumerate(hours)]
    hours_svg = bar_chart("timer", "Kramper fordelt på tid af døgnet (dansk tid)",
                          describe_counts(hour_bars, "tidsrum på tre timer"), hour_bars)
    night_rows = sum(1 for r in rows if is_night(r))
    return render(request, "diary_patterns.html", user=user, patterns=patterns,
                  weeks_svg=weeks_svg, hours_svg=hours_svg, week_bars=week_bars,
                  hour_bars=hour_bars, night_rows=night_rows, minutes=_minutes,
                  doctor=triage_findings(patterns.findings))


def _rows(db: Session, user_id: int, now: datetime):
    """The window's entries by hour of day: the roll-up keeps days, not hours."""
    since = day_start_utc(window_start(local_day(now)))
    rows, days = pattern_rows(db, user_id, since=since)
    return [r for r in rows if r.started_at <= now], days


def _period_entries(db: Session, user_id: int, start: date, end: date):
    entries = repo.list_entries(db, user_id, since=day_start_utc(start),
                                until=day_start_utc(end + timedelta(days=1)), newest_first=False)
    return entries, repo.list_days(db, user_id, since=start)


@router.get("/dagbog/til-laegen", response_class=HTMLResponse)
def doctor_page(request: Request, fra: str | None = Query(None, max_length=20),
                til: str | None = Query(None, max_length=20),
                user: CurrentUser = Depends(page_user), db: Session = Depends(db_session),
                now: datetime = Depends(clock)):
    today = local_day(now)
    error, status = None, 200
    try:
        start, end = parse_period(fra, til, today)
    except InputError as exc:
        error, status = exc.message, 422
        start, end = parse_period(None, None, today)
    entries, days = _period_entries(db, user.id, start, end)
    summary = summarise(entries, days, start, end, now)
    return render(request, "diary_doctor.html", status, user=user, s=summary, error=error,
                  form={"fra": fra if error else start.isoformat(),
                        "til": til if error else end.isoformat()},
                  today=today, minutes=_minutes, level_text=level_text,
                  max_flags=MAX_FLAGS_SHOWN)


@router.get("/dagbog/til-laegen.csv")
def doctor_csv_download(fra: str | None = Query(None, max_length=20),
                        til: str | None = Query(None, max_length=20),
                        user: CurrentUser = Depends(page_user),
                        db: Session = Depends(db_session), now: datetime = Depends(clock)):
    start, end = parse_period(fra, til, local_day(now))
    entries, _days = _period_entries(db, user.id, start, end)
    name = f"krampe-til-laegen-{start.isoformat()}-{end.isoformat()}.csv"
    return Response(doctor_csv(entries).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"content-disposition": f'attachment; filename="{name}"'})
