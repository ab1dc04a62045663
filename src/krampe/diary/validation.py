"""Danish messages for invalid diary input, for the API and the HTML forms alike."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Mapping, Sequence
from typing import Any

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import ValidationError

FIELD_LABELS = {
    "started_at": "Tidspunktet",
    "date": "Datoen",
    "time": "Klokkeslættet",
    "fold": "Valget af sommer- eller vintertid",
    "duration_seconds": "Varigheden",
    "duration_minutes": "Varigheden",
    "intensity": "Styrken",
    "leg": "Benet",
    "situation": "Situationen",
    "disturbed_sleep": "Forstyrret søvn",
    "disturbed_work": "Forstyrret arbejde",
    "contexts": "Dagens sammenhæng",
    "note": "Noten",
    "username": "Brugernavnet",
    "password": "Adgangskoden",
    "day": "Dagen",
}


def field_of(err: Mapping[str, Any]) -> str:
    loc = [str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path", "form")]
    return loc[0] if loc else ""


def message_for(err: Mapping[str, Any]) -> str:
    name = field_of(err)
    label = FIELD_LABELS.get(name, f"Feltet '{name}'" if name else "Indholdet")
    kind = err.get("type", "")
    ctx = err.get("ctx") or {}
    if kind == "value_error":
        return f"{label}: {ctx.get('error', err.get('msg', ''))}".rstrip(". ") + "."
    if kind == "missing":
        return f"{label} mangler."
    if kind == "extra_forbidden":
        return f"Feltet '{name}' kendes ikke."
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{label} skal være et helt tal."
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        if name == "intensity":
            return "Styrken skal være et tal fra 0 til 10."
        if name == "duration_seconds":
            return "Varigheden skal være mellem 1 sekund og 24 timer."
        bound = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt"))))
        return f"{label} er uden for det tilladte område ({bound})."
    if kind == "literal_error":
        return f"{label} skal være en af: {ctx.get('expected', '')}."
    if kind in ("string_too_long", "too_long"):
        return f"{label} er for lang (højst {ctx.get('max_length', '?')} tegn)."
    if kind in ("datetime_type", "datetime_parsing", "datetime_from_date_parsing"):
        return f"{label} skal være en dato og et klokkeslæt, fx 2026-03-01T03:10:00+01:00."
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"{label} skal være en dato (ÅÅÅÅ-MM-DD)."
    if kind in ("bool_type", "bool_parsing"):
        return f"{label} skal være true eller false."
    if kind in ("list_type", "string_type"):
        return f"{label} har den forkerte type."
    if kind in ("dict_type", "model_attributes_type", "model_type"):
        return "Indholdet skal være et JSON-objekt."
    return f"{label} er ugyldig."


def messages(errors: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """Field -> first Danish message (for re-rendering a form next to its fields)."""
    out: dict[str, str] = {}
    for err in errors:
        out.setdefault(field_of(err) or "_", message_for(err))
    return out


def validation_response(exc: RequestValidationError | ValidationError) -> JSONResponse:
    errors = exc.errors()
    if any(e.get("type") == "json_invalid" for e in errors):
        return JSONResponse({"error": "invalid_json",
                             "message": "Forespørgslen er ikke gyldig JSON."}, 400)
    text = " ".join(dict.fromkeys(message_for(e) for e in errors[:3]))
    return JSONResponse({"error": "invalid_input", "message": text}, 422)


class DanishRoute(APIRoute):
    """Validation errors on the diary API come back as one Danish line per problem."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return validation_response(exc)

        return route
