"""krampe itself, through its public call `KnowledgeBase.load(specs).search(question, top)`."""

from __future__ import annotations

from peers.base import Ranking, Unavailable


class KrampeRetriever:
    name = "krampe"

    def __init__(self, specs: list[str]) -> None:
        try:
            from krampe.knowledge.kb import KnowledgeBase
        except ImportError as exc:
            raise Unavailable(f"engine not importable yet: {exc}") from exc
        self._cls = KnowledgeBase
        self._specs = specs
        self._kb = None

    def build(self, docs: object = None) -> None:
        # krampe reads the files itself (same readers as the peers' passages).
        self._kb = self._cls.load(self._specs)

    def search(self, question: str, top: int = 5) -> Ranking:
        result = self._kb.search(question, top=top)
        return Ranking(bool(result.answered), [a.text for a in result.answers])
