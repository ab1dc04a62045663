"""Cookie attributes in one place: HttpOnly, SameSite=Lax, Secure over HTTPS."""

from __future__ import annotations

from http.cookies import SimpleCookie

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


def cookie_header(scope: Scope, name: str, value: str, *, max_age: int | None) -> str:
    """The Set-Cookie value; max_age 0 deletes the cookie, None makes a browser-session one."""
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
