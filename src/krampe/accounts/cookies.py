"""Cookie names and attributes in one place: HttpOnly, SameSite=Lax, and over HTTPS Secure
and the `__Host-` prefix (the browser then accepts the cookie only from this exact host,
with Secure and Path=/, so a sibling subdomain or a plain-HTTP page cannot plant one)."""

from __future__ import annotations

from http.cookies import SimpleCookie

from starlette.requests import HTTPConnection
from starlette.types import Scope

from krampe.accounts.settings import account_settings


def is_secure(scope: Scope) -> bool:
    mode = account_settings().cookie_secure
    if mode != "auto":
        return mode == "always"
    if scope.get("scheme") == "https":
        return True
    # Behind a proxy without uvicorn's --proxy-headers, trust X-Forwarded-Proto only
    # to make the cookie stricter, never looser.
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-proto":
            return value.split(b",")[0].strip().lower() == b"https"
    return False


SESSION_COOKIE = "krampe_session"
HOST_PREFIX = "__Host-"


def cookie_name(scope: Scope, base: str) -> str:
    """`__Host-<base>` where the connection is HTTPS, else `<base>`."""
    return HOST_PREFIX + base if is_secure(scope) else base


def read_cookie(conn: HTTPConnection, base: str) -> str | None:
    """The cookie under this connection's name only: over HTTPS a plain-named cookie
    (which anyone on a sibling host or on plain HTTP could have set) is ignored."""
    return conn.cookies.get(cookie_name(conn.scope, base))


def cookie_header(scope: Scope, base: str, value: str, *, max_age: int | None) -> str:
    """The Set-Cookie value; max_age 0 deletes the cookie, None makes a browser-session one."""
    name = cookie_name(scope, base)
    cookie: SimpleCookie = SimpleCookie()
    cookie[name] = value
    morsel = cookie[name]
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Lax"
    if max_age is not None:
        morsel["max-age"] = max_age
    if is_secure(scope):
        morsel["secure"] = True
    return morsel.OutputString()
