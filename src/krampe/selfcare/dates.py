"""Parsing a start date the way Danes write it (and ISO), with a Danish error."""

from __future__ import annotations

import re
from datetime import date

from krampe.errors import InputError

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")

WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]
MONTHS = [
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
]  # fmt: skip


def parse_start_date(text: object) -> date:
    """'2026-12-01', '1-12-2026', '01.12.2026' or '1/12/2026' → date; else InputError."""
    if isinstance(text, date):
        return text
    raw = str(text or "").strip()
    if m := _ISO.match(raw):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _DAY_FIRST.match(raw):
        d, mo, y = (int(g) for g in m.groups())
    else:
        raise InputError(
            f"Ugyldig startdato '{raw[:40]}': skriv den som 2026-12-01 eller 1-12-2026.",
            code="invalid_date",
        )
    try:
        return date(y, mo, d)
    except ValueError:
        raise InputError(
            f"Datoen '{raw[:40]}' findes ikke: tjek dag og måned.", code="invalid_date"
        ) from None


def danish_date(day: date, weekday: bool = True) -> str:
    text = f"{day.day}. {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text
