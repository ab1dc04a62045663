"""General language gaps found by blind set 4, tested with our own wordings."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from tests.triage.helpers import level


def _has(text: str, finding: str) -> bool:
    return any(f.id == finding and f.status == "present" for f in triage(text).findings)


# 1. Chest pain named at length, and a breathing clause after a comma.
@pytest.mark.parametrize("text", [
    "stikkende smerter nederst i venstre side af brystet",
    "Det gør ondt lige under de nederste ribben, når jeg ånder ind",
    "jeg har jag i siden, hver gang jeg tager en dyb indånding",
    "skarpe stik bag i brystkassen, mens jeg trækker vejret",
    "hver gang hun tager en dyb indånding, stikker det i ryggen",
    "Min læg er hævet og jeg har ondt i ryggen, når jeg indånder dybt",
])
def test_chest_pain_at_length_is_pe_sign(text: str) -> None:
    assert _has(text, "pe_signs")
    assert level(text) == "emergency"


@pytest.mark.parametrize("text", [
    "ondt i læggen efter brystsvømning",
    "Jeg har ikke ondt i brystet, kun krampe i læggen om natten",
    "krampe i læggen når jeg løber, og jeg trækker vejret tungt bagefter",
])
def test_no_chest_pain_is_not_pe(text: str) -> None:
    assert not _has(text, "pe_signs")


# 2. Coughing or spitting blood, any tense and word order.
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
    assert _has(text, "pe_signs")
    assert level(text) == "emergency"


@pytest.mark.parametrize("text", [
    "jeg hoster ikke blod, men har krampe i læggen",
    "jeg har en lille hoste og krampe i læggen om natten",
    "jeg hostede lidt, men der var ikke noget blod",
])
def test_no_blood_in_cough_is_not_pe(text: str) -> None:
    assert not _has(text, "pe_signs")


# 3. Claudication: distance without a digit, comma before the pain, standing still eases it.
@pytest.mark.parametrize("text", [
    "Efter nogle hundrede meter får læggen ondt, og jeg må stoppe op, så går det over",
    "Når jeg har gået et stykke, begynder læggen at smerte, men hvis jeg hviler, forsvinder det",
    "når han har gået en kilometer, får han krampe i læggen, det letter når han står stille",
    "Jeg kan gå 150 meter, så gør læggen ondt og jeg er nødt til at stoppe",
])
def test_walking_pain_eased_by_rest_is_claudication(text: str) -> None:
    assert _has(text, "claudication")


@pytest.mark.parametrize("text", [
    "Når jeg går i seng, får jeg krampe i læggen, det går over når jeg står op",
    "jeg fik krampe i læggen efter løbeturen i går, den gik over da jeg strakte ud",
    "efter en cykeltur på 40 km får jeg krampe i læggen, den går over når jeg hviler",
    "efter fem kilometer løb kramper læggen, men det letter når jeg står stille",
])
def test_ordinary_cramp_is_not_claudication(text: str) -> None:
    assert not _has(text, "claudication")
