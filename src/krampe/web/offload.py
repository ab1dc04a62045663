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
import contextlib
import ctypes
import logging
import multiprocessing
import os
import pickle
import signal
import socket
import struct
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from multiprocessing.connection import Connection
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


def _engine_process_init(nice: int, parent: int) -> None:
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


def _engine_main(sock: socket.socket, services: Services, nice: int, parent: int) -> None:
    """An engine process: answer calls from its socket, one at a time, until it closes."""
    _engine_process_init(nice, parent)
    conn = Connection(sock.detach())
    while True:
        try:
            method, args, kwargs = pickle.loads(conn.recv_bytes())
        except EOFError:  # the worker closed its end: done
            return
        try:
            reply: tuple[bool, Any] = (True, getattr(services, method)(*args, **kwargs))
        except Exception as exc:  # raised again in the worker (InputError -> 422)
            reply = (False, exc)
        try:
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # an exception that does not pickle
            data = pickle.dumps((False, RuntimeError(f"engine: {type(exc).__name__}")))
        conn.send_bytes(data)


class _Engine:
    """One engine process and the worker's end of its socket (streams made on the loop)."""

    def __init__(self, services: Services, nice: int) -> None:
        mine, theirs = socket.socketpair()
        self.process = multiprocessing.get_context("fork").Process(
            target=_engine_main, args=(theirs, services, nice, os.getpid()), daemon=True)
        self.process.start()
        theirs.close()
        self.sock = mine
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def call(self, payload: bytes) -> bytes:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(sock=self.sock)
        assert self.reader is not None
        # The framing of multiprocessing.connection.Connection, which the process reads.
        self.writer.write(struct.pack("!i", len(payload)) + payload)
        await self.writer.drain()
        (n,) = struct.unpack("!i", await self.reader.readexactly(4))
        if n == -1:
            (n,) = struct.unpack("!Q", await self.reader.readexactly(8))
        return await self.reader.readexactly(n)

    def close(self) -> None:
        # Shut down at once (a transport would close the socket on a later turn of the
        # loop): the process reads the end of its socket and exits.
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        if self.writer is not None:
            self.writer.close()
        else:
            self.sock.close()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)


class ProcessPool(BoundedPool):
    """Processes forked from this one after the engines are loaded (shared pages).

    Each engine process has a socket of its own, read and written by the event loop
    itself: a call costs one pickle each way and no thread (concurrent.futures'
    ProcessPoolExecutor spent ~150 us of the worker's CPU per call in its feeder and
    result threads, half a bare FastAPI request)."""

    kind = "process"

    def __init__(self, name: str, workers: int, queue: int, services: Services,
                 nice: int = 0) -> None:
        super().__init__(name, workers, queue)
        self._services = services
        self._nice = nice
        self._engines: list[_Engine] = []
        self._idle: asyncio.Queue[_Engine] | None = None

    def start(self) -> None:
        # Forked now, while the engines are fresh and before the worker starts threads.
        while len(self._engines) < self.workers:
            self._engines.append(_Engine(self._services, self._nice))

    async def run_method(self, method: str, *args: Any, **kwargs: Any) -> Any:
        async with self.slot():
            self.start()
            if self._idle is None:  # made on the event loop that uses it
                self._idle = asyncio.Queue()
                for engine in self._engines:
                    self._idle.put_nowait(engine)
            engine = await self._idle.get()
            payload = pickle.dumps((method, args, kwargs), protocol=pickle.HIGHEST_PROTOCOL)
            # Shielded: a cancelled request still reads its reply, so the next call on
            # this process never gets an answer meant for another.
            ok, value = await asyncio.shield(self._round_trip(engine, payload))
            if ok:
                return value
            raise value

    async def _round_trip(self, engine: _Engine, payload: bytes) -> tuple[bool, Any]:
        assert self._idle is not None
        try:
            data = await engine.call(payload)
        except (OSError, asyncio.IncompleteReadError):
            # The engine process died (killed, out of memory): a fresh one takes its place.
            log.error("engine process %s ended; starting another", engine.process.pid)
            self._engines.remove(engine)
            engine.close()
            fresh = _Engine(self._services, self._nice)
            self._engines.append(fresh)
            self._idle.put_nowait(fresh)
            raise Overloaded(BUSY["engine"], RETRY_AFTER_SECONDS) from None
        self._idle.put_nowait(engine)
        return pickle.loads(data)

    def shutdown(self) -> None:
        # Closing a socket ends its process after the call it is answering, if any.
        for engine in self._engines:
            engine.close()
        self._engines = []
        self._idle = None

    def pids(self) -> list[int]:
        return [e.process.pid for e in self._engines if e.process.pid and e.process.is_alive()]


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
