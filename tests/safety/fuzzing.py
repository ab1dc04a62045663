"""Hypothesis settings for the fuzz targets: modest on CI, long when asked for.

`HYPOTHESIS_PROFILE=long` (or FUZZ_EXAMPLES=N) runs 10,000 examples per target; the
default keeps `make test` fast. Settings are per test, never loaded globally, so other
packages' property tests keep their own.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings

_PROFILES = {"ci": 200, "dev": 200, "long": 10_000}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or _PROFILES.get(
    os.environ.get("HYPOTHESIS_PROFILE", "ci"), 200))
# Each call must finish within this bound (seconds); generous for a loaded 2-core CI box.
TIME_BOUND = float(os.environ.get("FUZZ_TIME_BOUND", "1.0"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,  # we assert our own bound, with a clear message
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
    derandomize=os.environ.get("HYPOTHESIS_PROFILE", "ci") != "long",
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
