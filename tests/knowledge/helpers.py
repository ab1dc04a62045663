"""Small helpers shared by the knowledge tests."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from krampe.knowledge.kb import KnowledgeBase


def write_articles(folder: Path, articles: Mapping[str, str]) -> None:
    """Write each article (file name -> text) into `folder`, as a clinic's files are."""
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")


def kb_from(folder: Path, articles: Mapping[str, str], *, use_cache: bool = True) -> KnowledgeBase:
    """A knowledge base of `folder` after writing `articles` into it (see write_articles)."""
    write_articles(folder, articles)
    return KnowledgeBase.load([str(folder)], use_cache=use_cache)


def top_answer(kb: KnowledgeBase, question: str) -> str:
    """The text of the first answer to `question`, which must be answered."""
    result = kb.search(question)
    assert result.answered, question
    return result.answers[0].text
