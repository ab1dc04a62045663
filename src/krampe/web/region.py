"""The person's region: chosen once on any page, kept in a cookie (no account needed), so
that a care card shows that region's out-of-hours number as one button, not all five.

The cookie goes through the app's one cookie helper (`accounts.cookies`) and is listed
on the privacy page. A form remembers its region only with the field `REMEMBER` and a
valid CSRF token, so another site cannot change which number a person is shown.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.requests import HTTPConnection
from starlette.responses import Response

from krampe.accounts import csrf
from krampe.accounts.cookies import cookie_header, read_cookie
from krampe.policy import REGION_IDS, RegionId

COOKIE = "krampe_region"
MAX_AGE = 365 * 24 * 3600  # a year: the person's region rarely changes
FIELD = "region"
REMEMBER = "husk_region"


def current(conn: HTTPConnection) -> RegionId | None:
    """The remembered region, or None (no cookie, or one we do not know)."""
    value = read_cookie(conn, COOKIE)  # __Host-<name> over HTTPS, as it was set
    return next((r for r in REGION_IDS if r == value), None)


def resolve(conn: HTTPConnection, form: Mapping[str, object]) -> RegionId | None:
    """The region a page is for: the form's, else the remembered one. A form that
    remembers its choice and chose none ("Vil ikke oplyse") means none."""
    value = form.get(FIELD)
    chosen = next((r for r in REGION_IDS if r == value), None)
    if chosen is not None:
        return chosen
    if form.get(REMEMBER) is not None and value == "":
        return None
    return current(conn)


def remember(conn: HTTPConnection, form: Mapping[str, object], response: Response) -> None:
    """Keep (or forget, for "") the form's region in the cookie, when the form asks to."""
    if form.get(REMEMBER) is None:
        return
    value = form.get(FIELD)
    if value not in (*REGION_IDS, "") or value == (current(conn) or ""):
        return
    token = form.get(csrf.CSRF_FIELD)
    try:
        csrf.check(conn, token if isinstance(token, str) else None)
    except csrf.CSRFError:
        return  # this page still shows the chosen region; it is just not remembered
    max_age = MAX_AGE if value else 0
    response.headers.append(
        "set-cookie", cookie_header(conn.scope, COOKIE, str(value), max_age=max_age))
