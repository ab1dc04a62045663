"""Diary API (JSON): entries CRUD, day context, patterns. Scoped to the logged-in user.

Auth: the session cookie from `POST /api/account/login`; unsafe methods also need the
`X-CSRF-Token` header. Another person's entry answers 404, exactly like a missing one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from sqlalchemy.orm import Session

from krampe.accounts.api import ERRORS, authed, require_csrf
from krampe.accounts.deps import db_session
from krampe.accounts.service import CurrentUser
from krampe.db.base import utcnow
from krampe.diary import idempotency as idem
from krampe.diary import repository as repo
from krampe.diary import rollup
from krampe.diary.doctor import triage_findings, triage_note
from krampe.diary.patterns import Patterns, analyse_days, window_start
from krampe.diary.schemas import DayIn, DayOut, EntryIn, EntryOut
from krampe.diary.timeutil import LocalTimeError, aware_to_utc, local_day
from krampe.diary.validation import DanishRoute
from krampe.errors import InputError

router = APIRouter(prefix="/api/diary", tags=["dagbog"], route_class=DanishRoute,
                   responses={**ERRORS, 404: {"description": "Findes ikke (eller ikke din)"}})
WRITE = [Depends(require_csrf)]
# Ids are 32-bit in PostgreSQL: a larger number is simply not an entry.
EntryId = Annotated[int, Path(ge=1, le=2_147_483_647, description="Registreringens id")]


def clock(request: Request) -> datetime:
    """'Now' for the diary; tests and demos set app.state.diary_clock to freeze time."""
    fn = getattr(request.app.state, "diary_clock", None)
    return fn() if fn else utcnow()


@router.get("/entries", response_model=list[EntryOut], summary="Dine registreringer")
def list_entries(since: datetime | None = Query(None, description="Fra (inkl.)"),
                 until: datetime | None = Query(None, description="Til (ekskl.)"),
                 limit: int = Query(500, ge=1, le=5000),
                 user: CurrentUser = Depends(authed), db: Session = Depends(db_session)):
    try:
        since_utc = since and aware_to_utc(since)
        until_utc = until and aware_to_utc(until)
    except LocalTimeError as exc:
        raise InputError(exc.message) from None
    rows = repo.list_entries(db, user.id, since=since_utc, until=until_utc, limit=limit)
    return [EntryOut.from_row(r) for r in rows]


def write_key(key: str | None = Header(
        None, alias=idem.HEADER, description=(
            "Valgfri nøgle, som klienten finder på (8-100 tegn), én pr. ændring. Sendes "
            "samme ændring igen med samme nøgle (fx efter et nedbrud), gives det første "
            "svar igen, og intet gemmes to gange."))) -> str | None:
    return idem.check_key(key)


def _replay(result: idem.Result) -> Response:
    if result.status == 204:
        return Response(status_code=204)
    return Response(result.body, status_code=result.status, media_type="application/json")


def _entry_result(entry, status: int) -> idem.Result:
    out = EntryOut.from_row(entry, triage=triage_note(entry.note))
    return idem.Result(status, out.model_dump_json())


@router.post("/entries", response_model=EntryOut, status_code=201, dependencies=WRITE,
             summary="Ny registrering (krampe)")
def create_entry(body: EntryIn, user: CurrentUser = Depends(authed),
                 db: Session = Depends(db_session), now: datetime = Depends(clock),
                 key: str | None = Depends(write_key)):
    fp = idem.fingerprint("POST /api/diary/entries", body.model_dump_json())
    return _replay(idem.once(db, user.id, key, fp, lambda: _entry_result(
        repo.create_entry(db, user.id, body, now=now, commit=False), 201), now=now))


@router.get("/entries/{entry_id}", response_model=EntryOut, summary="Én registrering")
def get_entry(entry_id: EntryId, user: CurrentUser = Depends(authed),
              db: Session = Depends(db_session)):
    return EntryOut.from_row(repo.get_entry(db, user.id, entry_id))


@router.put("/entries/{entry_id}", response_model=EntryOut, dependencies=WRITE,
            summary="Ret en registrering (alle felter; uden started_at beholdes tidspunktet)")
def update_entry(entry_id: EntryId, body: EntryIn, user: CurrentUser = Depends(authed),
                 db: Session = Depends(db_session), now: datetime = Depends(clock),
                 key: str | None = Depends(write_key)):
    fp = idem.fingerprint(f"PUT /api/diary/entries/{entry_id}", body.model_dump_json())
    return _replay(idem.once(db, user.id, key, fp, lambda: _entry_result(
        repo.update_entry(db, user.id, entry_id, body, now=now, commit=False), 200), now=now))


@router.delete("/entries/{entry_id}", status_code=204, dependencies=WRITE,
               summary="Slet en registrering")
def delete_entry(entry_id: EntryId, user: CurrentUser = Depends(authed),
                 db: Session = Depends(db_session),
                 key: str | None = Depends(write_key)) -> Response:
    def write() -> idem.Result:
        repo.delete_entry(db, user.id, entry_id, commit=False)
        return idem.Result(204, "")

    fp = idem.fingerprint(f"DELETE /api/diary/entries/{entry_id}")
    return _replay(idem.once(db, user.id, key, fp, write))


@router.get("/days", response_model=list[DayOut], summary="Dage med registreret sammenhæng")
def list_days(user: CurrentUser = Depends(authed), db: Session = Depends(db_session)):
    return [DayOut(day=d.day, contexts=list(d.contexts)) for d in repo.list_days(db, user.id)]


@router.put("/days/{day}", response_model=DayOut, dependencies=WRITE,
            summary="Sæt en dags sammenhæng (også dage uden krampe)")
def put_day(day: date, body: DayIn, user: CurrentUser = Depends(authed),
            db: Session = Depends(db_session), now: datetime = Depends(clock),
            key: str | None = Depends(write_key)):
    if day > local_day(now) or day.year < 1970:
        raise InputError("Dagen skal ligge mellem 1970 og i dag.", code="invalid_day")

    def write() -> idem.Result:
        record = repo.set_day(db, user.id, day, body.contexts, commit=False)
        out = DayOut(day=record.day, contexts=list(record.contexts))
        return idem.Result(200, out.model_dump_json())

    fp = idem.fingerprint(f"PUT /api/diary/days/{day}", body.model_dump_json())
    return _replay(idem.once(db, user.id, key, fp, write, now=now))


class PatternsOut(Patterns):
    triage: dict | None = None


@router.get("/patterns", response_model=PatternsOut,
            summary="Mønstre: pr. uge, nat, varighed, styrke, sammenhænge, lægefund")
def patterns(user: CurrentUser = Depends(authed), db: Session = Depends(db_session),
             now: datetime = Depends(clock)):
    result = compute_patterns(db, user.id, now)
    return PatternsOut(**result.model_dump(), triage=triage_findings(result.findings))


def compute_patterns(db: Session, user_id: int, now: datetime) -> Patterns:
    # One index-only range scan over the year's daily roll-up; no entry is read.
    now = now.astimezone(UTC)
    return analyse_days(rollup.read(db, user_id, window_start(local_day(now)), now), now)
