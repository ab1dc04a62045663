"""A worried writer's questions, reading and measurements are no findings: conditions
asked about, what others suffered, calves measured alike, a cramp as hard as a stone
that let go. The same words told as the writer's own stay findings."""

from __future__ import annotations

import pytest

from tests.triage.helpers import level, status_of


# "så" right after the condition's subject is an adverb inside the condition.
@pytest.mark.parametrize("text", [
    "Hvis benet så hæver op i morgen, hvad gør jeg så?",
    "Og hvis den så bliver rød og varm, skal jeg så til lægen?",
])
def test_condition_with_adverb_so_stays_hypothetical(text: str) -> None:
    assert level(text) == "self_care"


def test_condition_then_main_clause_with_so_is_still_read() -> None:
    # "hvis jeg går, så ..." : the main clause after the comma is the writer's report
    assert level("Hvis jeg går 200 meter, så får jeg ondt i læggen og må stå stille") != "self_care"


@pytest.mark.parametrize("text", [
    "Har læst på nettet om unge mennesker, der pludselig faldt om. Selv har jeg bare haft "
    "en krampe i læggen i nat, som gik over.",
    "Jeg har hørt om nogen fra arbejdet, som fik en blodprop. Min læg krampede lidt i går.",
    "Har googlet hele aftenen om blodpropper. Krampen i nat gik over efter et par minutter.",
])
def test_what_the_writer_read_about_others_is_no_finding(text: str) -> None:
    assert level(text) == "self_care"


def test_own_symptom_after_reading_is_still_read() -> None:
    assert level("Jeg har læst om blodpropper, og nu er min læg hævet, rød og varm") in (
        "urgent", "emergency")


@pytest.mark.parametrize("text", [
    "Har målt læggene med et målebånd: de er lige tykke. Krampe i nat, gik over.",
    "Begge ben er ens tykke, jeg fik bare krampe i går aftes.",
])
def test_calves_measured_alike_is_no_swelling(text: str) -> None:
    assert level(text) == "self_care"


def test_a_thicker_calf_is_still_swelling() -> None:
    assert level("Den ene læg er tykkere end den anden og øm efter en krampe") != "self_care"


def test_hard_as_stone_during_a_cramp_that_let_go_is_ordinary() -> None:
    assert level("Krampen i nat var hård som et bræt, men slap efter et halvt minut.") == (
        "self_care")


@pytest.mark.parametrize("text", [
    "Læggen er stadig hård som en sten fem timer efter krampen",
    "Efter krampen i morges er læggen fortsat hård og meget øm",
])
def test_a_calf_still_hard_long_after_stays_urgent(text: str) -> None:
    assert level(text) == "urgent"


@pytest.mark.parametrize("text", [
    "Jeg fik en blodprop i læggen for tolv år siden. Nu har jeg bare natkramper.",
    "Min bror siger, jeg skal passe på, for han havde en blodprop for otte år siden. "
    "Jeg fik krampe til håndbold i går.",
])
def test_a_clot_years_ago_is_history(text: str) -> None:
    assert status_of(text, "dvt_signs") in ("historical", "other_person")
    assert level(text) != "urgent"
