"""QA scoring: the gold-phrase rule and the counts behind hit@k, MRR@5 and rejections."""

from __future__ import annotations

import pytest

from krampe.evaluation.qa import Scores, first_hit, norm


def test_norm_casefolds_and_collapses_whitespace_runs():
    assert norm("  Stop  Aktiviteten\n og\t") == "stop aktiviteten og"
    assert norm("STRASSE") == norm("Straße")  # casefold, not lower()


def test_first_hit_is_the_rank_of_the_first_answer_holding_a_gold_phrase():
    texts = ["intet her", "Natlige   kramper\nopstår ofte, fordi", "natlige kramper"]
    assert first_hit(texts, ["NATLIGE kramper opstår  ofte"]) == 2
    assert first_hit(texts, ["blodprop", "intet"]) == 1
    assert first_hit(texts, ["blodprop"]) is None
    assert first_hit(texts, []) is None


def test_scores_over_in_scope_questions_and_rejections():
    scores = Scores()
    scores.add(oos=False, answered=True, rank=1)
    scores.add(oos=False, answered=True, rank=2)
    scores.add(oos=False, answered=True, rank=None)  # answered, no gold phrase in the top
    scores.add(oos=False, answered=False, rank=None)
    scores.add(oos=True, answered=False, rank=None)
    scores.add(oos=True, answered=True, rank=None)
    assert (scores.in_scope, scores.out_of_scope) == (4, 2)
    assert scores.hit_at_1 == pytest.approx(1 / 4)
    assert scores.hit_at_3 == pytest.approx(2 / 4)
    assert scores.mrr_at_5 == pytest.approx((1 + 1 / 2) / 4)
    assert (scores.false_rejections, scores.oos_rejected) == (1, 1)


def test_mrr_counts_ranks_up_to_five_only():
    scores = Scores()
    scores.add(oos=False, answered=True, rank=5)
    scores.add(oos=False, answered=True, rank=6)
    assert scores.mrr_at_5 == pytest.approx((1 / 5) / 2)
    assert scores.hit_at_3 == 0


def test_an_empty_set_scores_zero():
    assert (Scores().hit_at_1, Scores().hit_at_3, Scores().mrr_at_5) == (0, 0, 0)
