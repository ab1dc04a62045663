"""What every system in a benchmark offers: build once over the passages, then rank."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from peers.passages import Doc


@dataclass(frozen=True, slots=True)
class Ranking:
    answered: bool
    texts: list[str]  # best first


class Retriever(Protocol):
    name: str

    def build(self, docs: list[Doc]) -> None: ...

    def search(self, question: str, top: int = 5) -> Ranking: ...


class Unavailable(RuntimeError):
    """The system cannot run here (package missing, engine not written yet)."""
