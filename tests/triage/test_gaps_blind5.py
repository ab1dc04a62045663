"""General language gaps found by blind set 5, tested with our own wordings."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from tests.triage.helpers import level


def _has(text: str, finding: str) -> bool:
    return any(f.id == finding and f.status == "present" for f in triage(text).findings)


# 1. A whole-body seizure told in lay words.
@pytest.mark.parametrize("text", [
    "Min datter sitrede over det hele, det var ikke til at få kontakt med hende",
    "farmor rystede over det hele i sofaen bagefter var hun helt fjern",
    "drengen lå og rykkede på gulvet i flere minutter",
    "han var ikke kontaktbar efter anfaldet i benene og armene",
])
def test_lay_seizure_is_emergency(text: str) -> None:
    assert _has(text, "seizure")
    assert level(text) == "emergency"


@pytest.mark.parametrize("text", [
    "jeg rystede læggen og så slap krampen",
    "krampe i læggen i nat, jeg stod på gulvet og strakte ud",
])
def test_shaking_a_cramp_loose_is_not_seizure(text: str) -> None:
    assert not _has(text, "seizure")


# 2. English swelling words inside a Danish description.
@pytest.mark.parametrize("text", [
    "højre læg er swollen og øm",
    "der er en swelling i min venstre læg og den er varm",
])
def test_english_swelling_in_danish_text(text: str) -> None:
    assert _has(text, "dvt_signs")


def test_english_alone_is_not_understood() -> None:
    assert level("the leg got swollen and red") is None


# 3. A relative's old clot stays background when the writer dates their own symptom.
@pytest.mark.parametrize("text", [
    "min søster havde en blodprop, jeg fik selv krampe i læggen i morges",
    "min far fik en blodprop engang, og jeg vågnede med krampe i nat",
])
def test_relatives_clot_with_own_recent_cramp(text: str) -> None:
    assert level(text) == "self_care"


def test_relative_with_recent_clot_is_the_patient() -> None:
    assert level("min mor fik i går konstateret en blodprop i benet") == "urgent"


# 4. Brand names of diuretics and statins count as medicine.
@pytest.mark.parametrize("text", [
    "siden jeg kom på Zarator har jeg haft kramper i læggene",
    "Aldactone giver mig vist krampe i benene",
])
def test_brand_names_are_medicine(text: str) -> None:
    assert _has(text, "medication_suspected")
