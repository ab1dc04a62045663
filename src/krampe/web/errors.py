"""Error handling: the contract's `{"error", "message"}` for the API, Danish HTML for pages.

Bad input is always a 4xx (400 malformed JSON, 413 too large, 422 invalid fields,
404 unknown path, 405 wrong method); a 500 means a bug, and even then the person gets
a Danish page with the emergency number, not a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from krampe.errors import KrampeError
from krampe.policy import get_policy
from krampe.web.templating import env

log = logging.getLogger("krampe.web")

_JSON_PATHS = ("/api/", "/healthz", "/readyz", "/openapi.json")

_HTTP_MESSAGES = {
    400: ("bad_request", "Forespørgslen kunne ikke læses."),
    404: ("not_found", "Siden eller adressen findes ikke."),
    405: ("method_not_allowed", "Den metode er ikke tilladt på denne adresse."),
    406: ("not_acceptable", "Det ønskede format kan ikke leveres."),
    413: ("too_large", "Forespørgslen er for stor."),
    415: ("unsupported_media_type", "Indholdstypen understøttes ikke."),
    422: ("invalid_input", "Et eller flere felter er ugyldige."),
    429: ("too_many_requests", "For mange forsøg. Vent lidt og prøv igen."),
}
_TITLES = {
    400: "Forespørgslen kunne ikke læses",
    404: "Siden findes ikke",
    405: "Metoden er ikke tilladt",
    413: "Forespørgslen er for stor",
    422: "Ugyldigt input",
    500: "Der skete en fejl",
    503: "Dagbogen er midlertidigt utilgængelig",
}

DB_UNAVAILABLE = "Dagbogen er midlertidigt utilgængelig. Prøv igen om lidt."
RETRY_AFTER_SECONDS = 10


class BodyTooLarge(Exception):
    """Raised by the middleware while reading a body past the limit; answered with 413."""


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(_JSON_PATHS) or path == "/api"


def error_body(status: int, message: str) -> str:
    return env.get_template("error.html").render(
        status=status, title=_TITLES.get(status, "Der skete en fejl"), message=message
    )


def error_response(
    request: Request, status: int, code: str, message: str,
    headers: Mapping[str, str] | None = None,
) -> Response:
    if wants_json(request):
        return JSONResponse({"error": code, "message": message}, status, headers=headers)
    return HTMLResponse(error_body(status, message), status, headers=headers)


def _field_name(loc: tuple | list) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form")]
    return ".".join(parts)


def _danish_validation_message(err: dict) -> str:
    kind = err.get("type", "")
    name = _field_name(err.get("loc", ()))
    ctx = err.get("ctx") or {}
    field = f"Feltet '{name}'" if name else "Forespørgslens indhold"
    if kind == "missing":
        return f"{field} mangler."
    if kind in {"string_type", "string_unicode"}:
        return f"{field} skal være tekst."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"{field} skal være et heltal."
    if kind in {"bool_type", "bool_parsing"}:
        return f"{field} skal være true eller false."
    if kind in {"greater_than_equal", "greater_than", "date_past", "date_future"}:
        return f"{field} skal være mindst {ctx.get('ge', ctx.get('gt'))}."
    if kind in {"less_than_equal", "less_than"}:
        return f"{field} må højst være {ctx.get('le', ctx.get('lt'))}."
    if kind == "literal_error":
        return f"{field} skal være en af: {ctx.get('expected', '')}."
    if kind in {"dict_type", "model_attributes_type", "model_type"}:
        return f"{field} skal være et JSON-objekt."
    if kind in {"date_type", "date_parsing", "date_from_datetime_parsing"}:
        return f"{field} skal være en dato (ÅÅÅÅ-MM-DD)."
    if kind in {"string_too_short"}:
        return f"{field} er tom."
    if kind in {"string_too_long", "too_long"}:
        return f"{field} er for lang."
    return f"{field} er ugyldigt."


def install(app: FastAPI) -> None:
    @app.exception_handler(KrampeError)
    async def _krampe_error(request: Request, exc: KrampeError) -> Response:
        return error_response(request, exc.status, exc.code, exc.message,
                              headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors) or _unparsed_body(exc, errors):
            return error_response(
                request, 400, "invalid_json", "Forespørgslen er ikke gyldig JSON."
            )
        message = " ".join(dict.fromkeys(_danish_validation_message(e) for e in errors[:3]))
        return error_response(request, 422, "invalid_input", message)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if isinstance(exc.__cause__, BodyTooLarge):  # FastAPI wraps errors while reading
            return error_response(request, 413, "too_large", _HTTP_MESSAGES[413][1])
        code, default = _HTTP_MESSAGES.get(exc.status_code, ("error", "Der skete en fejl."))
        # Framework details for the common codes are English ("There was an error parsing
        # the body"): those get our Danish text. Other packages' own codes keep their detail.
        detail = exc.detail if isinstance(exc.detail, str) else ""
        known = exc.status_code in _HTTP_MESSAGES
        message = default if known or not detail or detail == _phrase(exc.status_code) else detail
        return error_response(request, exc.status_code, code, message, headers=exc.headers)

    @app.exception_handler(DBAPIError)
    @app.exception_handler(SATimeoutError)
    async def _database(request: Request, exc: Exception) -> Response:
        if not _database_unavailable(exc):
            return await _unexpected(request, exc)
        # The outage is logged without the statement or its parameters (health data).
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path,
                    type(getattr(exc, "orig", None) or exc).__name__)
        return error_response(request, 503, "database_unavailable", DB_UNAVAILABLE,
                              headers={"Retry-After": str(RETRY_AFTER_SECONDS)})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            request,
            500,
            "internal_error",
            "Der skete en uventet fejl hos os. Prøv igen senere. "
            f"Ved livstruende symptomer: ring {get_policy().emergency_number()}.",
        )


def _database_unavailable(exc: Exception) -> bool:
    """Connection refused or lost, pool exhausted, disk or lock trouble: not a bug here."""
    if isinstance(exc, (OperationalError, InterfaceError, SATimeoutError)):
        return True
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


def _unparsed_body(exc: RequestValidationError, errors) -> bool:
    """A JSON endpoint got a body that is not JSON at all (sent without a JSON content type)."""
    if not any(
        e.get("type") == "model_attributes_type" and tuple(e.get("loc", ())) == ("body",)
        for e in errors
    ):
        return False
    body = getattr(exc, "body", None)
    if not isinstance(body, (bytes, str)):
        return False
    try:
        json.loads(body)
    except ValueError:
        return True
    return False


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
