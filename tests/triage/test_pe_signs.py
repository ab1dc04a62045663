"""Signs of a pulmonary embolism (pe_signs) in everyday wording, and what is not one."""

from __future__ import annotations

import pytest

from krampe.triage.engine import Engine
from krampe.triage.text import tokenize
from tests.triage.helpers import expect, level, present


# Pain on breathing in is a PE sign, wherever it is felt; breathing verbs are real words.
@pytest.mark.parametrize("text", [
    "Jeg får jag i ryggen hver gang jeg tager en dyb indånding, og min læg er hævet",
    "det gør ondt at trække vejret efter min operation",
    "mens jeg ånder ind stikker det under ribbenene",
    "Smertefuld vejrtrækning siden i går, læggen er øm",
    "vejrtrækningen gør ondt i højre side",
])
def test_pain_on_breathing_is_emergency(text: str) -> None:
    expect(text, "emergency", pe_signs="present")


@pytest.mark.parametrize("text", [
    "jeg har ingen smerter når jeg trækker vejret, kun krampe i læggen",
    "Jeg trækker vejret helt normalt og har bare krampe i læggen efter løb",
])
def test_breathing_without_pain_is_not_emergency(text: str) -> None:
    assert level(text) != "emergency"


def test_breathing_verbs_are_not_typo_corrected() -> None:
    # "trækker" is one edit from "trykker" (a chest-pain word): a real word is kept.
    fixer = Engine.get().fixer
    toks, _ = tokenize("han trækker vejret, hun trak vejret og ånder tungt", fixer)
    for t in toks:
        if t.forms[0] in {"trækker", "trak", "ånder"}:
            assert t.forms == (t.forms[0],), t.forms


# Chest pain named at length, and a breathing clause after a comma.
@pytest.mark.parametrize("text", [
    "stikkende smerter nederst i venstre side af brystet",
    "Det gør ondt lige under de nederste ribben, når jeg ånder ind",
    "jeg har jag i siden, hver gang jeg tager en dyb indånding",
    "skarpe stik bag i brystkassen, mens jeg trækker vejret",
    "hver gang hun tager en dyb indånding, stikker det i ryggen",
    "Min læg er hævet og jeg har ondt i ryggen, når jeg indånder dybt",
])
def test_chest_pain_at_length_is_pe_sign(text: str) -> None:
    expect(text, "emergency", pe_signs="present")


@pytest.mark.parametrize("text", [
    "ondt i læggen efter brystsvømning",
    "Jeg har ikke ondt i brystet, kun krampe i læggen om natten",
    "krampe i læggen når jeg løber, og jeg trækker vejret tungt bagefter",
])
def test_no_chest_pain_is_not_pe(text: str) -> None:
    assert not present(text, "pe_signs")


# Coughing or spitting blood, any tense and word order.
@pytest.mark.parametrize("text", [
    "i morges hostede jeg noget blodigt spyt op",
    "der er kommet blod i slimet når jeg hoster",
    "Han har hostet blod op to gange i dag",
    "jeg spytter blod og læggen er øm",
    "opspyttet er blodstribet",
    "min mor hoster slim op med blod i",
    "da jeg harkede kom der blodtilblandet slim",
    "han hostede i nat, og bagefter var der blod på lommetørklædet",
    "der var blod, da jeg spyttede ud efter et hosteanfald",
    "jeg hostede en klat op som var blodig",
])
def test_coughing_blood_is_pe_sign(text: str) -> None:
    expect(text, "emergency", pe_signs="present")


@pytest.mark.parametrize("text", [
    "jeg hoster ikke blod, men har krampe i læggen",
    "jeg har en lille hoste og krampe i læggen om natten",
    "jeg hostede lidt, men der var ikke noget blod",
])
def test_no_blood_in_cough_is_not_pe(text: str) -> None:
    assert not present(text, "pe_signs")
