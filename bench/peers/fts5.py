"""SQLite FTS5 with its default tokenizer (unicode61) and bm25 ranking: the stdlib baseline."""

from __future__ import annotations

import re
import sqlite3

from peers.base import Ranking
from peers.passages import Doc

_WORD = re.compile(r"\w+")


def or_query(question: str) -> str:
    """Every word of the question as a quoted FTS5 term, joined by OR (no syntax leaks)."""
    terms = dict.fromkeys(w.lower() for w in _WORD.findall(question))
    return " OR ".join(f'"{t}"' for t in terms)


class Fts5Retriever:
    name = "SQLite FTS5 (unicode61, bm25)"

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._texts: list[str] = []

    def build(self, docs: list[Doc]) -> None:
        self._texts = [d.text for d in docs]
        self._db.execute("CREATE VIRTUAL TABLE p USING fts5(heading, body)")
        self._db.executemany(
            "INSERT INTO p(rowid, heading, body) VALUES (?, ?, ?)",
            ((i, d.section or "", d.text) for i, d in enumerate(docs)),
        )
        self._db.commit()

    def search(self, question: str, top: int = 5) -> Ranking:
        query = or_query(question)
        if not query:
            return Ranking(False, [])
        rows = self._db.execute(
            "SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT ?", (query, top)
        ).fetchall()
        texts = [self._texts[r[0]] for r in rows]
        return Ranking(bool(texts), texts)
