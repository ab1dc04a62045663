"""Account API: JSON twins of the account pages, for apps and scripts.

Auth is the same session cookie as the pages (HttpOnly, SameSite=Lax). Unsafe methods
also need the `X-CSRF-Token` header; the token comes back from register, log in and
`GET /api/account`.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.security import APIKeyCookie, APIKeyHeader
from sqlalchemy.orm import Session

from krampe.accounts import csrf, service, userdata
from krampe.accounts.deps import SESSION_COOKIE, api_user, db_session, user_data
from krampe.accounts.schemas import AccountOut, Credentials, PasswordConfirm, SessionOut
from krampe.accounts.service import CurrentUser
from krampe.accounts.userdata import UserData
from krampe.accounts.web import client_ip, log_in, log_out

# Declared for the OpenAPI document only; the checks are api_user and require_csrf.
session_cookie = APIKeyCookie(name=SESSION_COOKIE, auto_error=False,
                              description="Sessionscookie fra POST /api/account/login")
csrf_header = APIKeyHeader(name="X-CSRF-Token", auto_error=False,
                           description="CSRF-token fra login; kræves ved POST/PUT/DELETE")

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "Ikke logget ind"},
    403: {"description": "Manglende eller forkert X-CSRF-Token"},
    422: {"description": "Ugyldige felter (dansk fejlbesked)"},
}


def require_csrf(request: Request, _: str | None = Depends(csrf_header)) -> None:
    csrf.check_header(request)


def authed(_: str | None = Depends(session_cookie),
           user: CurrentUser = Depends(api_user)) -> CurrentUser:
    return user


router = APIRouter(prefix="/api/account", tags=["konto"], responses=ERRORS)


@router.post("/register", status_code=201, response_model=AccountOut,
             summary="Opret konto (brugernavn + adgangskode) og log ind",
             responses={429: {"description": "For mange nye konti fra samme adresse"}})
def api_register(body: Credentials, request: Request, response: Response,
                 db: Session = Depends(db_session)) -> AccountOut:
    user = service.register(db, body.username, body.password, client_ip(request))
    log_in(request, response, db, user)
    return AccountOut(username=user.username, csrf_token=csrf.csrf_token(request))


@router.post("/login", response_model=AccountOut, summary="Log ind",
             responses={429: {"description": "For mange forkerte forsøg"}})
def api_login(body: Credentials, request: Request, response: Response,
              db: Session = Depends(db_session)) -> AccountOut:
    user = service.authenticate(db, body.username, body.password, client_ip(request))
    log_in(request, response, db, user)
    return AccountOut(username=user.username, csrf_token=csrf.csrf_token(request))


@router.post("/logout", status_code=204, summary="Log ud",
             dependencies=[Depends(require_csrf)])
def api_logout(request: Request, db: Session = Depends(db_session)) -> Response:
    response = Response(status_code=204)
    log_out(request, response, db)
    return response


@router.get("", response_model=AccountOut, summary="Den indloggede konto og dens CSRF-token")
def api_account(request: Request, user: CurrentUser = Depends(authed)) -> AccountOut:
    return AccountOut(username=user.username, csrf_token=csrf.csrf_token(request))


@router.get("/sessions", response_model=list[SessionOut],
            summary="Dine aktive sessioner (steder, du er logget ind)")
def api_sessions(user: CurrentUser = Depends(authed),
                 db: Session = Depends(db_session)) -> list[SessionOut]:
    return [SessionOut(created_at=s.created_at, last_seen_at=s.last_seen_at, current=s.current)
            for s in service.list_sessions(db, user)]


@router.post("/sessions/log-out-others", status_code=204, dependencies=[Depends(require_csrf)],
             summary="Log ud alle andre steder")
def api_logout_others(user: CurrentUser = Depends(authed),
                      db: Session = Depends(db_session)) -> Response:
    service.end_other_sessions(db, user)
    return Response(status_code=204)


@router.delete("", status_code=204, dependencies=[Depends(require_csrf)],
               summary="Slet kontoen og alle dens data (kræver adgangskoden)")
def api_delete(body: PasswordConfirm, request: Request, user: CurrentUser = Depends(authed),
               db: Session = Depends(db_session),
               parts: tuple[UserData, ...] = Depends(user_data)) -> Response:
    service.delete_account(db, user, body.password, parts)
    response = Response(status_code=204)
    log_out(request, response, db)
    return response


@router.get("/export", summary="Hent alle dine data (JSON eller CSV)",
            responses={200: {"content": {"application/json": {}, "text/csv": {}}}})
def api_export(format: str = Query("json", pattern="^(json|csv)$"),
               user: CurrentUser = Depends(authed), db: Session = Depends(db_session),
               parts: tuple[UserData, ...] = Depends(user_data)):
    if format == "csv":
        return Response(userdata.export_csv(db, user.id, parts),
                        media_type="text/csv; charset=utf-8",
                        headers={"content-disposition": 'attachment; filename="krampe.csv"'})
    return Response(json.dumps(userdata.export_json(db, user.id, parts), ensure_ascii=False),
                    media_type="application/json")
