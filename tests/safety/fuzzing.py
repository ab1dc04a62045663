"""Hypothesis settings for the fuzz targets: modest on CI, long when asked for.

`HYPOTHESIS_PROFILE=long` (or FUZZ_EXAMPLES=N) runs 10,000 examples per target; the
default keeps `make test` fast. Settings are per test, never loaded globally, so other
packages' property tests keep their own.

The CPU-time bound per call is checked only in the long run recorded in
docs/safety/fuzzing.md (or when FUZZ_TIME_BOUND is set): `make test` checks behaviour, never
timing, since even thread CPU time moves with the load of the shared machine.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings

_PROFILES = {"ci": 200, "dev": 200, "long": 10_000}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or _PROFILES.get(PROFILE, 200))
# Seconds of CPU time per call in the long run; generous for a loaded 2-core box.
_BOUND = os.environ.get("FUZZ_TIME_BOUND") or ("1.0" if PROFILE == "long" else "")
TIME_BOUND = float(_BOUND) if _BOUND else None

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # the long run checks its own CPU-time bound, with a clear message
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
    derandomize=PROFILE != "long",
    database=None,
)


def timed(fn: Callable[..., Any], *args, **kwargs) -> tuple[Any, float]:
    """Call fn and return (result, CPU seconds of this thread).

    CPU time, not wall time: CI shares 2 cores with other jobs, and a bound on wall time
    would measure the neighbours instead of our code.
    """
    start = time.thread_time()
    result = fn(*args, **kwargs)
    return result, time.thread_time() - start


def check_bound(cpu: float, what: str) -> None:
    """Fail when a call took longer than TIME_BOUND (only when a bound is set)."""
    if TIME_BOUND is not None:
        assert cpu < TIME_BOUND, f"{what} took {cpu:.2f}s CPU"
