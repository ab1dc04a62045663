"""Pure ASGI middleware (cheaper than BaseHTTPMiddleware): body limit, headers, access log.

Privacy: the access log records method, path, status and duration only; never the
query string (GET /api/ask?q=... carries health text) and never a body.
"""

from __future__ import annotations

import json
import logging
import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from krampe.web.errors import BodyTooLarge, error_body

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

_COMMON_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class WebMiddleware:
    """Enforces the body limit before the body is read, adds security headers, logs access."""

    def __init__(self, app: ASGIApp, max_body_bytes: int = 64 * 1024) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        path = scope.get("path", "")
        csp = (DOCS_CSP if path in DOCS_PATHS else CSP).encode()
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
                headers.extend(h for h in _COMMON_HEADERS if h[0] not in names)
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
                scope.get("method", "-"),
                path,
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


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
