"""Per-client limit on the question and triage endpoints (the `limits` library).

A 5,000-character question costs up to 300 ms of CPU at 10,000 articles, so one client
could keep a worker busy. Each worker counts in its own memory (a moving window): the
limit protects that worker's CPU, which is what it is for. The client is the peer
address, or the one a configured trusted proxy forwarded (`KRAMPE_TRUSTED_PROXIES`).
"""

from __future__ import annotations

import math
import time

from fastapi import Depends, Request
from limits import RateLimitItem, parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

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
    def __init__(self, spec: str) -> None:
        self.spec = spec
        self.item: RateLimitItem = parse(spec)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def hit(self, client: str) -> float:
        """0 when the request may go on (and is counted), else seconds to wait."""
        if self.limiter.hit(self.item, "ask-triage", client):
            return 0.0
        reset = self.limiter.get_window_stats(self.item, "ask-triage", client).reset_time
        return max(1.0, reset - time.time())


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
