"""Work off the event loop, in two separate bounded pools with bounded queues.

The event loop only parses requests, awaits and answers. Everything that takes time runs
in a pool, so that `/healthz` answers within milliseconds whatever else is going on:

- **engine**: search and triage (pure Python CPU work). `KRAMPE_ENGINE_EXECUTOR=process`
  (the default) runs it in `KRAMPE_ENGINE_WORKERS` processes forked from the worker once
  its knowledge base is loaded, so they share the index pages copy-on-write and never
  take the event loop's GIL; `thread` runs it in threads of this process
  (`bench/responsive.py` measures both).
- **db**: every request that touches the database. Sync route handlers run in anyio's
  default thread limiter, sized here to the connection pool (`db_threads`); the
  `krampe_session` dependency takes a slot of this pool first.

Each pool admits its workers plus `queue` waiting calls; beyond that a call fails at once
with `Overloaded` (503, Danish, Retry-After) instead of piling up. A stalled database
fills only the db pool: anonymous questions and triage go on in the engine pool.
"""

from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, TypeVar

import anyio
import anyio.to_thread

from krampe.config import Settings
from krampe.errors import Overloaded
from krampe.web.services import Services, get_services

log = logging.getLogger("krampe.web")
T = TypeVar("T")

RETRY_AFTER_SECONDS = 2
BUSY = {
    "engine": "Der er travlt lige nu, så vi kunne ikke svare. Prøv igen om lidt.",
    "db": "Der er travlt lige nu, så dagbogen og kontoen svarer ikke. Prøv igen om lidt.",
}


class BoundedPool:
    """Admission control: at most `workers` calls run and `queue` wait; more are refused."""

    kind = "thread"

    def __init__(self, name: str, workers: int, queue: int) -> None:
        self.name = name
        self.workers = workers
        self.queue = queue
        self.admitted = 0  # running + waiting (only touched on the event loop)
        self.refused = 0

    @property
    def capacity(self) -> int:
        return self.workers + self.queue

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one admission for the duration of a request (or refuse it)."""
        if self.admitted >= self.capacity:
            self.refused += 1
            raise Overloaded(BUSY.get(self.name, BUSY["engine"]), RETRY_AFTER_SECONDS)
        self.admitted += 1
        try:
            yield
        finally:
            self.admitted -= 1

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        async with self.slot():
            return await self._call(partial(fn, *args, **kwargs))

    async def _call(self, fn: Callable[[], T]) -> T:
        raise NotImplementedError

    def start(self) -> None:
        """Start the workers now (before the first request)."""

    def shutdown(self) -> None:
        """Finish running calls and stop the workers."""

    def stats(self) -> dict[str, int | str]:
        return {"kind": self.kind, "workers": self.workers, "queue": self.queue,
                "busy": self.admitted, "refused": self.refused}


class ThreadPool(BoundedPool):
    """Threads of this process, with their own capacity (anyio's worker threads)."""

    def __init__(self, name: str, workers: int, queue: int,
                 limiter: anyio.CapacityLimiter | None = None) -> None:
        super().__init__(name, workers, queue)
        self._limiter = limiter

    def _get_limiter(self) -> anyio.CapacityLimiter:
        # Created inside the event loop: anyio limiters belong to one loop.
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.workers)
        return self._limiter

    async def _call(self, fn: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(fn, limiter=self._get_limiter())


# The engines an engine process inherited at fork (set by its initializer).
_FORKED: Services | None = None


def _die_with(parent: int) -> None:
    """End this process when its worker ends, however the worker ends (SIGKILL, out of
    memory): an orphaned engine process would wait for work forever, holding its memory."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker's shutdown still stops it
        return
    if os.getppid() != parent:  # the worker ended before the line above
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _engine_process_init(services: Services, nice: int, parent: int) -> None:
    global _FORKED
    _FORKED = services
    _die_with(parent)
    # Below the worker's priority: with every core busy answering long questions, the
    # event loop still gets one at once to answer /healthz and to accept requests.
    if nice:
        os.nice(nice)
    # The worker process owns signals: Ctrl+C on a terminal must not traceback here,
    # and SIGTERM ends this process at once (the worker waits for running calls).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.set_wakeup_fd(-1)


def _engine_call(method: str, args: tuple, kwargs: dict) -> Any:
    if _FORKED is None:  # pragma: no cover - only if the initializer did not run
        raise RuntimeError("engine process without engines")
    return getattr(_FORKED, method)(*args, **kwargs)


def _noop() -> None:
    return None


class ProcessPool(BoundedPool):
    """Processes forked from this one after the engines are loaded (shared pages)."""

    kind = "process"

    def __init__(self, name: str, workers: int, queue: int, services: Services,
                 nice: int = 0) -> None:
        super().__init__(name, workers, queue)
        self._services = services
        self._nice = nice
        self._executor: ProcessPoolExecutor | None = None

    def start(self) -> None:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_engine_process_init,
                initargs=(self._services, self._nice, os.getpid()))
            # With fork every process starts at the first submit: do it now, while the
            # engines are fresh and before the worker has started other threads.
            self._executor.submit(_noop).result()

    async def run_method(self, method: str, *args: Any, **kwargs: Any) -> Any:
        async with self.slot():
            self.start()
            assert self._executor is not None
            try:
                future = self._executor.submit(_engine_call, method, args, kwargs)
                return await asyncio.wrap_future(future)
            except BrokenProcessPool:
                # An engine process died (killed, out of memory): start a fresh set.
                log.error("engine process pool broken; restarting it")
                self._executor = None
                raise Overloaded(BUSY["engine"], RETRY_AFTER_SECONDS) from None

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def pids(self) -> list[int]:
        executor = self._executor
        return [p.pid for p in executor._processes.values() if p.pid] if executor else []


class Pools:
    """The app's two pools (`app.state.pools`)."""

    def __init__(self, settings: Settings, services: Services | None = None) -> None:
        self.settings = settings
        self.services = services
        self.db = ThreadPool("db", settings.db_threads, settings.db_queue)
        self.engine: BoundedPool
        if settings.engine_executor == "process" and services is not None:
            self.engine = ProcessPool("engine", settings.engine_workers, settings.engine_queue,
                                      services, settings.engine_nice)
        else:
            self.engine = ThreadPool("engine", settings.engine_workers, settings.engine_queue)

    def start(self) -> None:
        """Called on the event loop at start-up: size the db threads, fork the engines."""
        # Sync handlers and dependencies (all database work) run in anyio's default
        # limiter: one thread per connection the pool may open, no more.
        anyio.to_thread.current_default_thread_limiter().total_tokens = self.db.workers
        self.db._limiter = anyio.to_thread.current_default_thread_limiter()
        self.engine.start()

    def shutdown(self) -> None:
        self.engine.shutdown()

    async def engine_call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """`Services.<method>(*args, **kwargs)` in the engine pool."""
        if isinstance(self.engine, ProcessPool):
            return await self.engine.run_method(method, *args, **kwargs)
        assert self.services is not None
        return await self.engine.run(getattr(self.services, method), *args, **kwargs)

    async def run_db(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await self.db.run(fn, *args, **kwargs)

    def stats(self) -> dict[str, dict[str, int | str]]:
        return {"engine": self.engine.stats(), "db": self.db.stats()}


def get_pools(app) -> Pools:
    """The app's pools; created on first use when a host skipped the lifespan."""
    pools = getattr(app.state, "pools", None)
    if pools is None:
        pools = Pools(app.state.settings, get_services(app))
        app.state.pools = pools
    return pools


async def run_engine(request, method: str, *args: Any, **kwargs: Any) -> Any:
    return await get_pools(request.app).engine_call(method, *args, **kwargs)


async def run_db(request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    return await get_pools(request.app).run_db(fn, *args, **kwargs)
