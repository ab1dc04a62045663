"""Quality guard on the seed articles: the shared development set and our regression sets
(eval/README.md). Bars sit a little under today's scores so a regression fails while honest
noise does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.cli.eval_qa import evaluate, read_cases
from krampe.knowledge.kb import KnowledgeBase
from tests.conftest import EVAL


@pytest.fixture(scope="module")
def kb(seeds_dir: Path) -> KnowledgeBase:
    return KnowledgeBase.load([str(seeds_dir)], use_cache=False)


def test_development_set_meets_the_targets(kb: KnowledgeBase, shared_dir: Path):
    summary, _ = evaluate(kb, read_cases(shared_dir / "eval" / "qa_dev.jsonl"))
    assert summary["hit@1"] >= 0.9
    assert summary["hit@3"] >= 0.96
    assert summary["oos_rejected"] == summary["out_of_scope"]
    assert summary["false_rejections"] <= 1


def test_regression_extra(kb: KnowledgeBase):
    """Paraphrases, typos, stories and near-domain questions."""
    summary, _ = evaluate(kb, read_cases(EVAL / "qa_regression_extra_seeds.jsonl"))
    assert summary["hit@1"] >= 0.8
    assert summary["hit@3"] >= 0.9
    assert summary["oos_rejected"] == summary["out_of_scope"]
    assert summary["false_rejections"] <= 1


def test_regression_round1(kb: KnowledgeBase):
    summary, _ = evaluate(kb, read_cases(EVAL / "qa_regression_round1_seeds.jsonl"))
    assert summary["hit@3"] >= 0.85
    assert summary["oos_rejected"] == summary["out_of_scope"]
    assert summary["false_rejections"] <= 1


def test_regression_round2(kb: KnowledgeBase):
    """Colloquial, misspelt and story questions plus near-domain ones (other body parts,
    treatments the articles never mention)."""
    summary, _ = evaluate(kb, read_cases(EVAL / "qa_regression_round2_seeds.jsonl"))
    assert summary["hit@1"] >= 0.75
    assert summary["hit@3"] >= 0.9
    assert summary["oos_rejected"] == summary["out_of_scope"]
    assert summary["false_rejections"] <= 1


def test_regression_round3(kb: KnowledgeBase):
    """Not tuned to yet: today's score is its first run's (hit@1 0.69, 3 of 16 rejected)."""
    summary, _ = evaluate(kb, read_cases(EVAL / "qa_regression_round3_seeds.jsonl"))
    assert summary["hit@1"] >= 0.6
    assert summary["hit@3"] >= 0.7
    assert summary["oos_rejected"] >= 3
    assert summary["false_rejections"] <= 3
