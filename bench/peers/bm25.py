"""bm25s with PyStemmer's Danish Snowball stemmer and bm25s's own Danish stop word list."""

from __future__ import annotations

from peers.base import Ranking, Unavailable
from peers.passages import Doc


class Bm25sRetriever:
    name = "bm25s + Danish stemmer"

    def __init__(self) -> None:
        try:
            import bm25s
            import Stemmer
            from bm25s.stopwords import STOPWORDS_DANISH
            from bm25s.tokenization import Tokenizer
        except ImportError as exc:
            raise Unavailable(f"bm25s/PyStemmer not installed: {exc}") from exc
        self._bm25s = bm25s
        stemmer = Stemmer.Stemmer("danish")
        self._tok = Tokenizer(stemmer=stemmer.stemWord, stopwords=list(STOPWORDS_DANISH))
        self._model = None
        self._texts: list[str] = []

    def build(self, docs: list[Doc]) -> None:
        self._texts = [d.text for d in docs]
        ids = self._tok.tokenize(
            [d.with_heading() for d in docs], show_progress=False, return_as="ids"
        )
        self._model = self._bm25s.BM25()
        self._model.index(ids, show_progress=False)

    def search(self, question: str, top: int = 5) -> Ranking:
        ids = self._tok.tokenize(
            [question], update_vocab=False, show_progress=False, return_as="ids"
        )
        k = min(top, len(self._texts))
        found, scores = self._model.retrieve(ids, k=k, show_progress=False)
        keep = [int(i) for i, s in zip(found[0], scores[0], strict=True) if s > 0]
        texts = [self._texts[i] for i in keep]
        return Ranking(bool(texts), texts)

