"""CSRF protection: a signed double-submit token (itsdangerous).

Each browser gets a random nonce in an HttpOnly cookie. Forms carry the nonce signed
with the secret key (hidden field `csrf_token`); API calls send it in the
`X-CSRF-Token` header. A cross-site page can neither read the cookie nor forge the
signature. The token is also bound to the session: it signs a hash of the session
cookie with the nonce, so a token (and nonce cookie) an attacker obtained for their own
session, or planted in a victim's browser, is refused in any other session. The nonce
is rotated at log in and log out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from itsdangerous import BadSignature, URLSafeSerializer
from markupsafe import Markup, escape
from starlette.datastructures import UploadFile
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from krampe.accounts.cookies import SESSION_COOKIE, cookie_header, read_cookie
from krampe.accounts.settings import secret_key
from krampe.errors import KrampeError

CSRF_COOKIE = "krampe_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class CSRFError(KrampeError):
    code = "csrf"
    status = 403


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(secret_key(), salt="krampe-csrf")


def _nonce(conn: HTTPConnection) -> str:
    """This request's nonce: the cookie's, or a new one the middleware will set."""
    state = conn.scope.setdefault("state", {})
    nonce = state.get("csrf_nonce")
    if nonce is None:
        nonce = read_cookie(conn, CSRF_COOKIE) or ""
        if len(nonce) < 20:
            nonce = secrets.token_urlsafe(24)
            state["csrf_new"] = True
        state["csrf_nonce"] = nonce
    return nonce


def rotate(conn: HTTPConnection) -> str:
    """A fresh nonce for this browser (called at log in and log out)."""
    state = conn.scope.setdefault("state", {})
    state["csrf_nonce"] = secrets.token_urlsafe(24)
    state["csrf_new"] = True
    return state["csrf_nonce"]


def _binding(conn: HTTPConnection) -> str:
    """A hash of this request's session token: the one set by a log-in during this request
    (or "" after a log-out), else the session cookie's."""
    state = conn.scope.setdefault("state", {})
    token = state["session_token"] if "session_token" in state else (
        read_cookie(conn, SESSION_COOKIE) or "")
    return hashlib.sha256(f"krampe-csrf-session\x1f{token}".encode()).hexdigest()[:32]


def bind_session(conn: HTTPConnection, token: str) -> None:
    """This request logged in (token) or out (""): tokens made from now on bind to it."""
    conn.scope.setdefault("state", {})["session_token"] = token


def csrf_token(conn: HTTPConnection) -> str:
    return _serializer().dumps([_nonce(conn), _binding(conn)])


def csrf_input(request: HTTPConnection) -> Markup:
    """Jinja global: `{{ csrf_input(request) }}` inside every <form method="post">."""
    token = escape(csrf_token(request))
    return Markup(f'<input type="hidden" name="{CSRF_FIELD}" value="{token}">')


def check(conn: HTTPConnection, token: str | UploadFile | None) -> None:
    """`token` may be a raw form value: a file posted in its place counts as no token."""
    cookie = read_cookie(conn, CSRF_COOKIE)
    try:
        signed = _serializer().loads(token if isinstance(token, str) else "")
    except BadSignature:
        signed = None
    valid = (isinstance(signed, list) and len(signed) == 2
             and all(isinstance(part, str) for part in signed))
    if not cookie or not valid or not (
        hmac.compare_digest(signed[0], cookie)
        and hmac.compare_digest(signed[1], _binding(conn))
    ):
        raise CSRFError(
            "Formularen er udløbet eller kom fra en anden side. Genindlæs siden og prøv igen."
        )


def check_header(conn: HTTPConnection) -> None:
    check(conn, conn.headers.get(CSRF_HEADER))


class CSRFCookieMiddleware:
    """Sets the nonce cookie on responses of requests that created or rotated one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})

        async def send_cookie(message: Message) -> None:
            state = scope.get("state", {})
            if message["type"] == "http.response.start" and state.get("csrf_new"):
                headers = list(message.get("headers", []))
                value = cookie_header(scope, CSRF_COOKIE, state["csrf_nonce"], max_age=None)
                headers.append((b"set-cookie", value.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_cookie)
