"""Durations: only the cramp's own duration makes it persistent."""

from __future__ import annotations

import pytest

from krampe.triage import triage


@pytest.mark.parametrize("text", [
    "jeg stod ved disken hele dagen i 10 timer og fik så krampe i læggen",
    "Har siddet i flyet i 14 timer og fik krampe i læggen da jeg rejste mig",
    "Jeg arbejdede i 12 timer i går og fik lidt krampe i foden om aftenen",
    "jeg cyklede i 45 minutter og fik krampe i læggen bagefter, det gik over",
])
def test_duration_of_something_else_is_not_persistent_cramp(text: str) -> None:
    assert all(f.id != "persistent_cramp" for f in triage(text).findings)


@pytest.mark.parametrize("text", [
    "Krampen i læggen har nu siddet i over en time",
    "jeg har haft krampe i foden i 45 minutter",
    "Jeg fik krampe i læggen i morges. Den har varet i halvanden time",
    "krampe i læggen i over en halv time",
])
def test_duration_of_the_cramp_is_persistent(text: str) -> None:
    r = triage(text)
    assert r.level == "urgent"
    assert any(f.id == "persistent_cramp" for f in r.findings)


# Cramp wordings: a calf that is stuck or locked is a cramp ("|" joins single words only).
@pytest.mark.parametrize("text", [
    "foden gik i baglås for en time siden og den vil ikke slippe",
    "Læggen sad fast i mere end et kvarter",
    "Jeg har haft krampe i tæerne i næsten 20 minutter",
])
def test_locked_calf_is_cramp_and_can_persist(text: str) -> None:
    assert any(f.id == "persistent_cramp" for f in triage(text).findings)
