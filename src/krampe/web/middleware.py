"""Pure ASGI middleware (cheaper than BaseHTTPMiddleware): body limit, headers, access log.

Privacy: the access log records method, path, status and duration only; never the
query string (GET /api/ask?q=... carries health text) and never a body. Control
characters in the path are escaped, so a decoded CR/LF cannot forge a log line.
"""

from __future__ import annotations

import json
import logging
import time

import anyio
import anyio.to_thread
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from krampe.accounts.cookies import SESSION_COOKIE, cookie_name, read_cookie
from krampe.accounts.service import resolve_session
from krampe.db import get_database
from krampe.errors import Overloaded
from krampe.web.errors import BodyTooLarge, error_body
from krampe.web.offload import get_pools

access_log = logging.getLogger("krampe.access")

# Strict by default: no inline script, nothing from other origins.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# The API docs (Swagger UI, served from the package) load scripts from here only, like
# every page; Swagger UI sets style attributes, so only its page allows inline styles.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
DOCS_PATHS = frozenset({"/docs"})
# The clinic's embeddable view: framed only by the sites its profile lists (and itself).
EMBED_PATHS = frozenset({"/embed"})

_COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class WebMiddleware:
    """Enforces the body limit before the body is read, adds security headers, logs access."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = 64 * 1024,
                 embed_ancestors: str | None = None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        # Without a clinic profile /embed does not exist, and nothing may be framed.
        self.embed_csp = (CSP.replace("frame-ancestors 'none'",
                                      f"frame-ancestors {embed_ancestors}").encode()
                          if embed_ancestors else None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        path = scope.get("path", "")
        embed = self.embed_csp is not None and path in EMBED_PATHS
        csp = self.embed_csp if embed and self.embed_csp else (
            DOCS_CSP if path in DOCS_PATHS else CSP).encode()
        # X-Frame-Options knows no list of sites: /embed relies on frame-ancestors alone.
        common = [h for h in _COMMON_HEADERS if h[0] != b"x-frame-options"] if embed \
            else _COMMON_HEADERS
        static = path.startswith(("/static/", "/docs-assets/"))
        cache = b"public, max-age=3600" if static else b"no-store"
        status_holder = {"status": 0}
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                status_holder["status"] = message["status"]
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers.extend(h for h in common if h[0] not in names)
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", csp))
                if b"cache-control" not in names:
                    # Answers and assessments hold health text: no shared or disk caches.
                    headers.append((b"cache-control", cache))
                message = {**message, "headers": headers}
            await send(message)

        try:
            declared = _content_length(scope)
            if declared is not None and declared > self.max_body_bytes:
                await self._too_large(scope, send_with_headers)
                return
            received = 0

            async def limited_receive() -> Message:
                nonlocal received
                message = await receive()
                if message["type"] == "http.request":
                    received += len(message.get("body", b""))
                    if received > self.max_body_bytes:
                        raise BodyTooLarge
                return message

            try:
                await self.app(scope, limited_receive, send_with_headers)
            except BodyTooLarge:
                if not started:
                    await self._too_large(scope, send_with_headers)
        finally:
            access_log.info(
                "%s %s %s %.1fms",
                _printable(scope.get("method", "-")),
                _printable(path),
                status_holder["status"] or "-",
                (time.perf_counter() - start) * 1000,
            )

    async def _too_large(self, scope: Scope, send: Send) -> None:
        limit_kb = self.max_body_bytes // 1024
        message = f"Forespørgslen er for stor: højst {limit_kb} KB."
        if scope.get("path", "").startswith("/api/"):
            body = json.dumps({"error": "too_large", "message": message}).encode()
            ctype = b"application/json"
        else:
            body = error_body(413, message).encode()
            ctype = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", ctype),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _printable(text: str) -> str:
    """The text with control characters escaped: a CR/LF (%0d%0a) in a URL path must not
    start a forged line in the access log."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


# Paths whose answers never show the nav (JSON, assets, checks).
_NO_NAV = ("/api/", "/static/", "/healthz", "/readyz", "/openapi.json", "/docs")
NAV_LOOKUP_SECONDS = 1.0


class NavUserMiddleware:
    """Looks up the logged-in user for the nav of a page in the database pool.

    The nav of every page shows "Konto" or "Log ind"; rendering it must not query the
    database on the event loop. For a page request that carries a session cookie this
    resolves the user in the db pool first (`request.state.user`). A busy or stalled
    database only costs the nav: after a second, or when the pool is full, the page is
    shown as to a visitor who is not logged in.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] == "http" and not scope.get("path", "").startswith(_NO_NAV)
                and _has_cookie(scope, cookie_name(scope, SESSION_COOKIE))):
            state = scope.setdefault("state", {})
            if "user" not in state:
                state["user"] = await _nav_user(scope)
        await self.app(scope, receive, send)


async def _nav_user(scope: Scope):
    request = Request(scope)
    pools = get_pools(request.app)
    token = read_cookie(request, SESSION_COOKIE)

    def lookup():
        with get_database(request.app.state).sessions() as db:
            return resolve_session(db, token)

    with anyio.move_on_after(NAV_LOOKUP_SECONDS):
        try:
            async with pools.db.slot():
                return await anyio.to_thread.run_sync(lookup, abandon_on_cancel=True)
        except Overloaded:
            return None
        except Exception:  # the nav must never break a page
            access_log.warning("could not look up the session for the nav")
            return None
    return None


def _has_cookie(scope: Scope, name: str) -> bool:
    needle = name.encode() + b"="
    return any(key == b"cookie" and needle in value for key, value in scope.get("headers", []))
