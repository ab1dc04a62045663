"""The development set (../shared/eval) and our own extra set reach the targets."""

from __future__ import annotations

from pathlib import Path

from krampe.triage.evaluate import evaluate, load_cases

DATA = Path(__file__).parent / "data"
EXTRA = DATA / "extra.jsonl"
# Written blind after the rules were done; it scored exact 0.767 with 3 under-triaged cases
# on its first run, and the general fixes it prompted are kept honest by this test.
HOLDOUT = DATA / "holdout.jsonl"


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


def test_extra_set_targets():
    cases = load_cases(EXTRA)
    assert len(cases) >= 40
    check_targets(evaluate(cases))


def test_second_set_targets():
    cases = load_cases(HOLDOUT)
    assert len(cases) >= 30
    check_targets(evaluate(cases))


# Written blind (before reading the lexicons) for generalisation: 62 cases incl. 3 not
# understood. First run: exact 0.919, 2 under-triaged (cauda equina in lay words, a calf
# still stone-hard hours after a cramp), trigger recall 0.935 / precision 0.967.
BLIND2 = DATA / "blind2.jsonl"


def test_blind2_set_targets():
    cases = load_cases(BLIND2)
    assert len(cases) >= 60
    report = evaluate(cases)
    check_targets(report)
    assert report.confusion["none"]["none"] == sum(c.level == "none" for c in cases)


# tests/triage/data/blind3.jsonl (32 cases) was written after the blind-2 fixes and run once:
# exact 0.906, 2 under-triaged (pain on breathing without "bryst"; numbness "i over en uge"
# with "svagere"), 1 self-care sent to urgent ("stået ... i 12 timer" read as a 12-hour
# cramp), trigger recall 0.889 / precision 0.800. Deliberately not tuned to nor asserted
# here, so that it stays an honest estimate; see the report for the open gaps.


# tests/triage/data/blind5.jsonl (46 cases: very short, rambling, SMS, Danish-English mix,
# carers, post-op/post-partum, medicine names) was written blind and run once: exact 0.891,
# 3 under-triaged (seizure as "rystede over det hele / ikke til at få kontakt med" and
# "spjættede på gulvet"; "swollen og rød"), 1 self-care sent to urgent (a brother's old clot
# dated by the writer's own "i går"), trigger recall 0.857 / precision 0.923. The levels
# are kept safe here; triggers are left untuned so the set stays an honest estimate.
BLIND5 = DATA / "blind5.jsonl"


def test_blind5_levels_are_safe():
    report = evaluate(load_cases(BLIND5))
    misses = [m.model_dump() for m in report.misses]
    assert report.under_triage == 0, misses
    assert report.self_care_to_urgent_or_emergency == 0, misses
