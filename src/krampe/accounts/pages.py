"""Account pages: register, log in, log out, password, delete, download data."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from krampe.accounts import csrf, service, userdata
from krampe.accounts.deps import db_session, optional_user, page_user, user_data
from krampe.accounts.service import CurrentUser
from krampe.accounts.userdata import UserData
from krampe.accounts.web import (
    client_ip,
    danish_time,
    log_in,
    log_out,
    redirect,
    render,
    safe_next,
)
from krampe.errors import KrampeError

router = APIRouter(include_in_schema=False)


@router.get("/konto/opret", response_class=HTMLResponse)
def register_form(request: Request, user: CurrentUser | None = Depends(optional_user)):
    if user:
        return redirect("/dagbog")
    return render(request, "account_register.html", username="", error=None)


@router.post("/konto/opret", response_class=HTMLResponse)
def register_submit(request: Request, username: str = Form(""), password: str = Form(""),
                    password2: str = Form(""), csrf_token: str = Form(""),
                    db: Session = Depends(db_session)):
    csrf.check(request, csrf_token)
    try:
        if password != password2:
            raise KrampeError("De to adgangskoder er ikke ens.", code="mismatch", status=422)
        user = service.register(db, username, password, client_ip(request))
    except KrampeError as exc:
        return render(request, "account_register.html", exc.status, username=username[:64],
                      error=exc.message)
    response = redirect("/dagbog")
    log_in(request, response, db, user)
    return response


@router.get("/konto/log-ind", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None,
               user: CurrentUser | None = Depends(optional_user)):
    if user:
        return redirect(safe_next(next))
    return render(request, "account_login.html", username="", next=safe_next(next), error=None)


@router.post("/konto/log-ind", response_class=HTMLResponse)
def login_submit(request: Request, username: str = Form(""), password: str = Form(""),
                 next: str = Form("/dagbog"), csrf_token: str = Form(""),
                 db: Session = Depends(db_session)):
    csrf.check(request, csrf_token)
    try:
        user = service.authenticate(db, username, password, client_ip(request))
    except KrampeError as exc:
        return render(request, "account_login.html", exc.status, username=username[:64],
                      next=safe_next(next), error=exc.message)
    response = redirect(safe_next(next))
    log_in(request, response, db, user)
    return response


@router.post("/konto/log-ud")
def logout(request: Request, csrf_token: str = Form(""), db: Session = Depends(db_session)):
    csrf.check(request, csrf_token)
    response = redirect("/")
    log_out(request, response, db)
    return response


def _account(request: Request, db: Session, user: CurrentUser, status: int = 200, *,
             message: str | None = None, error: str | None = None) -> HTMLResponse:
    return render(request, "account.html", status, user=user, message=message, error=error,
                  sessions=service.list_sessions(db, user), when=danish_time)


@router.get("/konto", response_class=HTMLResponse)
def account_page(request: Request, user: CurrentUser = Depends(page_user),
                 db: Session = Depends(db_session), done: str | None = None):
    message = {"adgangskode": "Adgangskoden er skiftet.",
               "andre": "Du er logget ud alle andre steder."}.get(done or "")
    return _account(request, db, user, message=message)


@router.post("/konto/log-ud-andre")
def logout_others(request: Request, csrf_token: str = Form(""),
                  user: CurrentUser = Depends(page_user), db: Session = Depends(db_session)):
    csrf.check(request, csrf_token)
    service.end_other_sessions(db, user)
    return redirect("/konto?done=andre")


@router.post("/konto/adgangskode", response_class=HTMLResponse)
def change_password(request: Request, old_password: str = Form(""),
                    new_password: str = Form(""), new_password2: str = Form(""),
                    csrf_token: str = Form(""), user: CurrentUser = Depends(page_user),
                    db: Session = Depends(db_session)):
    csrf.check(request, csrf_token)
    try:
        if new_password != new_password2:
            raise KrampeError("De to nye adgangskoder er ikke ens.", code="mismatch", status=422)
        service.change_password(db, user, old_password, new_password)
    except KrampeError as exc:
        return _account(request, db, user, exc.status, error=exc.message)
    return redirect("/konto?done=adgangskode")


@router.post("/konto/slet", response_class=HTMLResponse)
def delete_account(request: Request, password: str = Form(""), csrf_token: str = Form(""),
                   user: CurrentUser = Depends(page_user), db: Session = Depends(db_session),
                   parts: tuple[UserData, ...] = Depends(user_data)):
    csrf.check(request, csrf_token)
    try:
        service.delete_account(db, user, password, parts)
    except KrampeError as exc:
        return _account(request, db, user, exc.status, error=exc.message)
    request.state.user = None
    response = render(request, "account_deleted.html", user=None)
    log_out(request, response, db)
    return response


def _download(body: str, filename: str, media_type: str) -> Response:
    return Response(body, media_type=f"{media_type}; charset=utf-8", headers={
        "content-disposition": f'attachment; filename="{filename}"',
        "cache-control": "no-store",
    })


@router.get("/konto/data.json")
def download_json(user: CurrentUser = Depends(page_user), db: Session = Depends(db_session),
                  parts: tuple[UserData, ...] = Depends(user_data)):
    body = json.dumps(userdata.export_json(db, user.id, parts), ensure_ascii=False, indent=2)
    return _download(body, "krampe-dagbog.json", "application/json")


@router.get("/konto/data.csv")
def download_csv(user: CurrentUser = Depends(page_user), db: Session = Depends(db_session),
                 parts: tuple[UserData, ...] = Depends(user_data)):
    return _download(userdata.export_csv(db, user.id, parts), "krampe-dagbog.csv", "text/csv")
