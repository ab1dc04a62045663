"""A relative's past event is background to the writer's own symptoms; a relative who is
the patient is not."""

from __future__ import annotations

import pytest

from tests.triage.helpers import expect, level


# The relative is the patient when told in present/perfect tense, with current symptoms,
# or with a recent time.
@pytest.mark.parametrize("text", [
    "Min far fik en blodprop i benet, og jeg selv har kramper i læggen når jeg løber",
    "min søster fik blodpropper. Jeg har bare lidt krampe i foden om natten",
    "Vores mor blev behandlet for trombose, jeg har ondt i læggen efter fodbold",
])
def test_relative_past_event_is_background(text: str) -> None:
    expect(text, "self_care", dvt_signs="other_person")


@pytest.mark.parametrize("text", [
    "min mor på 75 har fået en hævet og varm læg",
    "Min mand fik pludselig svært ved at få vejret, og jeg er bange",
    "min kone fik i går en rød, hævet læg og jeg har også lidt krampe",
    "min far fik en blodprop i benet",
])
def test_relative_as_patient_stays_present(text: str) -> None:
    r = expect(text, at_least="urgent")
    assert any(f.status == "present" for f in r.findings)


# A relative's old clot stays background when the writer dates their own symptom.
@pytest.mark.parametrize("text", [
    "min søster havde en blodprop, jeg fik selv krampe i læggen i morges",
    "min far fik en blodprop engang, og jeg vågnede med krampe i nat",
])
def test_relatives_clot_with_own_recent_cramp(text: str) -> None:
    assert level(text) == "self_care"


def test_relative_with_recent_clot_is_the_patient() -> None:
    assert level("min mor fik i går konstateret en blodprop i benet") == "urgent"
