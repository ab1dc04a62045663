"""General language gaps found by blind set 3, tested with our own wordings."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from krampe.triage.engine import Engine
from krampe.triage.text import tokenize
from tests.triage.helpers import level


def _triggers(text: str) -> list[str]:
    return triage(text).triggers


# 1. Pain on breathing in is a PE sign, wherever it is felt; breathing verbs are real words.
@pytest.mark.parametrize("text", [
    "Jeg får jag i ryggen hver gang jeg tager en dyb indånding, og min læg er hævet",
    "det gør ondt at trække vejret efter min operation",
    "mens jeg ånder ind stikker det under ribbenene",
    "Smertefuld vejrtrækning siden i går, læggen er øm",
    "vejrtrækningen gør ondt i højre side",
])
def test_pain_on_breathing_is_emergency(text: str) -> None:
    r = triage(text)
    assert r.level == "emergency"
    assert any(f.id == "pe_signs" and f.status == "present" for f in r.findings)


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


# 2. Persisting numbness/weakness: durations and weakening forms.
@pytest.mark.parametrize("text", [
    "foden har snurret i mere end fem dage og jeg synes benet er blevet svagere",
    "Min fod har været følelsesløs i flere uger",
    "jeg har haft prikken i tæerne i over en måned og føler mig kraftesløs i benet",
    "Mit knæ giver efter og benet svigter når jeg går på trapper",
    "Jeg kan ikke løfte forfoden og snubler",
    "jeg kan ikke komme op på tæerne på venstre ben længere, læggen føles svag",
])
def test_persisting_weakness_is_urgent(text: str) -> None:
    r = triage(text)
    assert r.level in ("urgent", "emergency")
    assert any(f.id == "neuro_deficit" for f in r.findings)


@pytest.mark.parametrize("text", [
    "krampen i læggen blev svagere efter jeg strakte ud",
    "smerterne er blevet svagere i dag, krampen i nat var slem",
])
def test_easing_cramp_is_not_weakness(text: str) -> None:
    assert all(f.id != "neuro_deficit" for f in triage(text).findings)


# 3. A duration must be the cramp's; standing in any tense is the standing trigger.
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


@pytest.mark.parametrize("text", [
    "jeg står ved et samlebånd og får krampe i læggen om aftenen",
    "Jeg stod på lageret i 11 timer og fik krampe",
    "efter at have stået op i mange timer kom krampen",
])
def test_standing_any_tense(text: str) -> None:
    assert "standing" in _triggers(text)


# 5. Trigger precision.
def test_first_time_in_long_time_is_not_overload() -> None:
    assert "overload" not in _triggers("fik krampe i foden i aftes for første gang i flere år")


def test_training_again_after_a_break_is_overload() -> None:
    assert "overload" in _triggers("Jeg løb i går for første gang i lang tid og fik krampe")


@pytest.mark.parametrize("text", [
    "min mor har et dårligt blodomløb og får kramper i læggen",
    "sygdomsforløbet har været langt, og jeg får kramper i læggen om natten",
])
def test_non_running_lob_words_are_not_exercise(text: str) -> None:
    assert "exercise" not in _triggers(text)


def test_running_compounds_still_exercise() -> None:
    assert "exercise" in _triggers("fik krampe i læggen under et orienteringsløb")


# 4. A relative's past event before the writer's own symptoms is background; a relative
# who is the patient (present/perfect, current symptoms, or a recent time) is not.
@pytest.mark.parametrize("text", [
    "Min far fik en blodprop i benet, og jeg selv har kramper i læggen når jeg løber",
    "min søster fik blodpropper. Jeg har bare lidt krampe i foden om natten",
    "Vores mor blev behandlet for trombose, jeg har ondt i læggen efter fodbold",
])
def test_relative_past_event_is_background(text: str) -> None:
    r = triage(text)
    assert r.level == "self_care"
    assert any(f.id == "dvt_signs" and f.status == "other_person" for f in r.findings)


@pytest.mark.parametrize("text", [
    "min mor på 75 har fået en hævet og varm læg",
    "Min mand fik pludselig svært ved at få vejret, og jeg er bange",
    "min kone fik i går en rød, hævet læg og jeg har også lidt krampe",
    "min far fik en blodprop i benet",
])
def test_relative_as_patient_stays_present(text: str) -> None:
    r = triage(text)
    assert r.level in ("urgent", "emergency")
    assert any(f.status == "present" for f in r.findings)


# Cramp wordings: a calf that is stuck or locked is a cramp ("|" joins single words only).
@pytest.mark.parametrize("text", [
    "foden gik i baglås for en time siden og den vil ikke slippe",
    "Læggen sad fast i mere end et kvarter",
    "Jeg har haft krampe i tæerne i næsten 20 minutter",
])
def test_locked_calf_is_cramp_and_can_persist(text: str) -> None:
    assert any(f.id == "persistent_cramp" for f in triage(text).findings)
