"""German symptom words inside a Danish description are read as the Danish word meant."""

from __future__ import annotations

from krampe.triage import triage


def test_german_calf_and_thick_read_as_swollen_calf() -> None:
    r = triage("Efter bussen fra Berlin i går er min linke Wade helt dick og øm, den anden ikke")
    assert r.level == "urgent"
    assert any(f.id == "dvt_signs" and f.status == "present" for f in r.findings)


def test_german_cramps_with_a_medicine_are_a_side_effect_question() -> None:
    r = triage("Ich tager blodtrykspiller og har Krämpfe i begge ben næsten hver uge")
    assert any(f.id == "medication_suspected" and f.status == "present" for f in r.findings)
