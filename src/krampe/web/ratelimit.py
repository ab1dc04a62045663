"""Per-client limit on the question and triage endpoints (the `limits` library).

A 5,000-character question costs up to 300 ms of CPU at 10,000 articles, so one client
could keep a worker busy. Each worker counts in its own memory (a moving window): the
limit protects that worker's CPU, which is what it is for. The client is the peer
address, or the one a configured trusted proxy forwarded (`KRAMPE_TRUSTED_PROXIES`).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from fastapi import Depends, Request
from limits import parse

from krampe.errors import KrampeError
from krampe.policy import get_policy


class TooManyRequests(KrampeError):
    code = "too_many_requests"
    status = 429

    def __init__(self, retry_after: float) -> None:
        seconds = max(1, math.ceil(retry_after))
        super().__init__(
            "Der er kommet for mange spørgsmål fra din adresse på kort tid. "
            f"Vent {seconds} sekunder og prøv igen. "
            f"Ved livstruende symptomer: ring {get_policy().emergency_number()}."
        )
        self.headers = {"Retry-After": str(seconds)}


class ClientLimiter:
    """A moving window per client: at most `amount` hits in any `window` seconds.

    Kept here rather than in the `limits` library's memory storage, which started a timer
    thread on most hits and inserted each hit at the front of a list (a copy of the whole
    window per request): a third of /api/ask's framework time under load. Each client's
    deque holds at most `amount` times; clients idle for a window are dropped now and then.
    """

    def __init__(self, spec: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.spec = spec
        item = parse(spec)
        self.amount = item.amount
        self.window = float(item.get_expiry())
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._next_sweep = 0.0
        self._lock = threading.Lock()  # the page routes' dependencies may run in threads

    def hit(self, client: str) -> float:
        """0 when the request may go on (and is counted), else seconds to wait."""
        now = self.clock()
        with self._lock:
            if now >= self._next_sweep:
                self._sweep(now)
            hits = self._hits.get(client)
            if hits is None:
                hits = self._hits[client] = deque(maxlen=self.amount)
            if len(hits) == self.amount and hits[0] > now - self.window:
                return max(1.0, hits[0] + self.window - now)
            hits.append(now)  # the oldest falls out (maxlen)
            return 0.0

    def _sweep(self, now: float) -> None:
        self._hits = {c: h for c, h in self._hits.items() if h and h[-1] > now - self.window}
        self._next_sweep = now + self.window


def _limiter(request: Request) -> ClientLimiter:
    spec = request.app.state.settings.api_rate_limit
    limiter: ClientLimiter | None = getattr(request.app.state, "client_limiter", None)
    if limiter is None or limiter.spec != spec:
        limiter = ClientLimiter(spec)
        request.app.state.client_limiter = limiter
    return limiter


async def limit_client(request: Request) -> None:
    client = request.client.host if request.client else "-"
    wait = _limiter(request).hit(client)
    if wait:
        raise TooManyRequests(wait)


# `dependencies=LIMITED` on the question and triage routes (pages and API).
LIMITED = [Depends(limit_client)]
