"""The per-client limit of questions and triage is a moving window, per client."""

from __future__ import annotations

import pytest

from krampe.web.ratelimit import ClientLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_moving_window_counts_the_last_window_not_a_fixed_one():
    clock = Clock()
    limiter = ClientLimiter("3/10 seconds", clock=clock)
    for at in (0, 5, 9):
        clock.now = 1000.0 + at
        assert limiter.hit("a") == 0
    clock.now = 1009.5
    assert limiter.hit("a") == pytest.approx(1.0)  # waits until the hit at 0 is 10 s old
    assert limiter.hit("b") == 0  # another client has a window of its own
    clock.now = 1010.5
    assert limiter.hit("a") == 0  # the hit at 0 left the window
    clock.now = 1012.0
    assert limiter.hit("a") == pytest.approx(3.0)  # next free when the hit at 5 leaves


def test_refused_hits_are_not_counted_and_idle_clients_are_forgotten():
    clock = Clock()
    limiter = ClientLimiter("1/minute", clock=clock)
    assert limiter.hit("a") == 0
    for _ in range(5):
        assert limiter.hit("a") > 0
    clock.now += 60.5
    assert limiter.hit("a") == 0
    clock.now += 200
    limiter.hit("b")
    assert set(limiter._hits) == {"b"}
