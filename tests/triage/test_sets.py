"""The development set (../shared/eval) and our regression sets (eval/README.md) reach the
targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.triage.evaluate import evaluate, load_cases
from tests.conftest import EVAL


def check_targets(report) -> None:
    misses = [m.model_dump() for m in report.misses]
    assert report.under_triage == 0, misses
    assert report.self_care_to_urgent_or_emergency == 0, misses
    assert report.exact >= 0.97, misses
    assert report.trigger_recall >= 0.9, misses
    assert report.trigger_precision >= 0.9, misses


def test_dev_set_targets(shared_dir: Path):
    report = evaluate(load_cases(shared_dir / "eval" / "triage_dev.jsonl"))
    assert report.n >= 30
    check_targets(report)


def test_regression_extra_targets():
    cases = load_cases(EVAL / "triage_regression_extra.jsonl")
    assert len(cases) >= 40
    check_targets(evaluate(cases))


def test_regression_round1_targets():
    cases = load_cases(EVAL / "triage_regression_round1.jsonl")
    assert len(cases) >= 30
    check_targets(evaluate(cases))


def test_regression_round2_targets():
    cases = load_cases(EVAL / "triage_regression_round2.jsonl")
    assert len(cases) >= 60
    report = evaluate(cases)
    check_targets(report)
    # its noise and English-only texts stay not understood
    assert report.confusion["none"]["none"] == sum(c.level == "none" for c in cases)


def test_regression_round3_targets():
    check_targets(evaluate(load_cases(EVAL / "triage_regression_round3.jsonl")))


def test_regression_round4_targets():
    check_targets(evaluate(load_cases(EVAL / "triage_regression_round4.jsonl")))


def test_regression_round5_levels_are_safe():
    """Levels only: its triggers were never tuned (recall 0.86, precision 0.92, as on its
    first run)."""
    report = evaluate(load_cases(EVAL / "triage_regression_round5.jsonl"))
    misses = [m.model_dump() for m in report.misses]
    assert report.under_triage == 0, misses
    assert report.self_care_to_urgent_or_emergency == 0, misses


def test_regression_screen_screened_flow_is_safe_and_short():
    """The screen's set (written blind, run once, recorded in eval/README.md): with the
    simulated truthful person no emergency or urgent case ends below its level, every
    screen completes, and self-care cases answer few question pages."""
    cases = load_cases(EVAL / "triage_regression_screen.jsonl")
    assert len(cases) == 60 and all(c.present is not None for c in cases)
    report = evaluate(cases, screened=True)
    misses = [m.model_dump() for m in report.misses if m.kind == "level"]
    assert report.under_triage == 0, misses
    assert report.incomplete == 0
    sc = report.questions["self_care"]
    assert sc.pages_mean <= 4 and sc.pages_max <= 8


SCREENED_SETS = sorted(p.name for p in EVAL.glob("triage_*.jsonl"))


@pytest.mark.parametrize("name", SCREENED_SETS)
def test_screened_flow_never_ends_an_urgent_case_lower(name):
    """Every team set carries `present`: after the simulated truthful person's answers,
    no emergency or urgent case ends below its level and every screen completes."""
    cases = load_cases(EVAL / name)
    assert all(c.present is not None for c in cases), "every set carries present"
    report = evaluate(cases, screened=True)
    assert report.under_triage == 0, [m.model_dump() for m in report.misses]
    assert report.incomplete == 0


@pytest.mark.parametrize("name", ["triage_regression_voices_a.jsonl",
                                  "triage_regression_voices_b.jsonl",
                                  "triage_regression_voices_c.jsonl",
                                  "triage_regression_voices_g.jsonl"])
def test_voices_sets_free_text_targets(name):
    """The sets in new voices (eval/README.md), free text alone: no emergency or urgent case
    lower, no self-care case sent to urgent or emergency, the issue's exact and trigger
    targets with a margin."""
    report = evaluate(load_cases(EVAL / name))
    misses = [m.model_dump() for m in report.misses]
    assert report.under_triage == 0, misses
    assert report.self_care_to_urgent_or_emergency == 0, misses
    assert report.exact >= 0.95, misses
    assert report.trigger_recall >= 0.9 and report.trigger_precision >= 0.9, misses
