"""A tiny TCP proxy of the tests' own, to cut and restore a connection to PostgreSQL.

Loopback only. `cut()` drops every open connection and refuses new ones (accepted and
closed at once, so clients fail fast instead of hanging); `restore()` lets them through
again. The shared PostgreSQL server is never touched.
"""

from __future__ import annotations

import contextlib
import socket
import threading


class TCPProxy:
    def __init__(self, target: tuple[str, int]):
        self.target = target
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._cut = False
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if self._cut:
                _close(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._open.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while chunk := src.recv(65536):
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                self._forget(s)

    def _forget(self, s: socket.socket) -> None:
        with self._lock:
            self._open.discard(s)
        _close(s)

    def cut(self) -> None:
        self._cut = True
        with self._lock:
            sockets = list(self._open)
            self._open.clear()
        for s in sockets:
            _close(s)

    def restore(self) -> None:
        self._cut = False

    def close(self) -> None:
        self._stop = True
        self.cut()
        _close(self._listener)


def _close(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        s.close()
