"""Triggers found in everyday descriptions, and words that only look like one."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from tests.triage.helpers import present, triggers

EVERYDAY_TRIGGERS = [
    ({"pregnancy", "night"}, "Er i uge 30 med vores første og vågner med krampe i læggen"),
    ({"age", "night"}, "Min mor er 83 og har krampe i benene når hun ligger i sengen"),
    ({"exercise", "dehydration"}, "Spillede padel i tre timer i bagende sol og fik krampe"),
    ({"exercise", "overload"}, "Jeg har øget min løbedistance meget og får nu krampe"),
    ({"sleep_position", "night"}, "Jeg sover med dynen stramt om fødderne og vågner med krampe"),
    ({"stress"}, "Travlt på jobbet og stresset, og så krampe i læggen"),
    ({"footwear"}, "Jeg går i høje hæle hele dagen og får krampe i læggen om aftenen"),
    ({"statins", "age"}, "Jeg er 70 og tager atorvastatin, og nu har jeg fået kramper"),
    ({"tobacco", "alcohol"}, "Ryger en pakke om dagen og drikker øl, får krampe engang imellem"),
    ({"electrolytes"}, "Jeg tror jeg mangler salt efter træning, krampe i læggen"),
    ({"cold"}, "Krampe i læggen når jeg vinterbader"),
    ({"standing"}, "Jeg er sygeplejerske og står hele vagten, får krampe bagefter"),
    ({"sitting"}, "Lang køretur til Norge, og så krampe i læggen da jeg steg ud"),
]


@pytest.mark.parametrize("expected,text", EVERYDAY_TRIGGERS)
def test_triggers_in_everyday_descriptions(expected, text):
    r = triage(text)
    assert expected <= set(r.triggers), r.triggers
    assert r.level in ("self_care", "routine")


# Standing in any tense.
@pytest.mark.parametrize("text", [
    "jeg står ved et samlebånd og får krampe i læggen om aftenen",
    "Jeg stod på lageret i 11 timer og fik krampe",
    "efter at have stået op i mange timer kom krampen",
])
def test_standing_any_tense(text: str) -> None:
    assert "standing" in triggers(text)


# Overload and exercise only where the words mean them.
def test_first_time_in_long_time_is_not_overload() -> None:
    assert "overload" not in triggers("fik krampe i foden i aftes for første gang i flere år")


def test_training_again_after_a_break_is_overload() -> None:
    assert "overload" in triggers("Jeg løb i går for første gang i lang tid og fik krampe")


@pytest.mark.parametrize("text", [
    "min mor har et dårligt blodomløb og får kramper i læggen",
    "sygdomsforløbet har været langt, og jeg får kramper i læggen om natten",
])
def test_non_running_lob_words_are_not_exercise(text: str) -> None:
    assert "exercise" not in triggers(text)


def test_running_compounds_still_exercise() -> None:
    assert "exercise" in triggers("fik krampe i læggen under et orienteringsløb")


# Brand names of diuretics and statins count as medicine.
@pytest.mark.parametrize("text", [
    "siden jeg kom på Zarator har jeg haft kramper i læggene",
    "Aldactone giver mig vist krampe i benene",
])
def test_brand_names_are_medicine(text: str) -> None:
    assert present(text, "medication_suspected")
