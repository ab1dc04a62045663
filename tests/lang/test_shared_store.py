"""One lexicon store for search and triage: a word added to it is understood by both."""

from __future__ import annotations

from pathlib import Path

from krampe.knowledge.kb import KnowledgeBase
from krampe.lang.da import use
from krampe.lang.da.data import DATA_DIR
from krampe.triage.engine import Engine
from krampe.triage.schema import load_rules
from tests.datafiles import edit_yaml

ARTICLE = """---
title: Medicin og lægkramper
---

# Vanddrivende medicin

Vanddrivende medicin kan give krampe i læggen, fordi kroppen mister salte med urinen.
Tal med din læge, før du ændrer på medicinen.
"""
QUESTION = "kan jeg tage diurexa mod krampe i læggen?"
TEXT = "jeg tager diurexa og har fået krampe i læggen om natten"


def _answers(kb_dir: Path) -> bool:
    return KnowledgeBase.load([str(kb_dir)], use_cache=False).search(QUESTION).answered


def _triggers() -> list[str]:
    return Engine(load_rules()).triage(TEXT).triggers


def test_a_word_added_to_the_store_reaches_search_and_triage(tmp_path: Path) -> None:
    kb_dir = tmp_path / "kb"
    kb_dir.mkdir()
    (kb_dir / "medicin.md").write_text(ARTICLE, encoding="utf-8")
    # Before: an unknown brand name is neither a treatment the article covers nor a trigger.
    assert not _answers(kb_dir)
    assert "diuretics" not in _triggers()

    lexicon = edit_yaml(DATA_DIR / "lexicon.yaml",  # with a made-up brand of diuretic
                        lambda store: store["concepts"]["diuretics"].append("diurexa"),
                        tmp_path / "lexicon.yaml")
    with use(lexicon):
        assert _answers(kb_dir)  # search: a synonym of "vanddrivende" in the article
        assert "diuretics" in _triggers()  # triage: the diuretics trigger (@diuretics)
    # The shipped store is back in force.
    assert "diuretics" not in _triggers()
