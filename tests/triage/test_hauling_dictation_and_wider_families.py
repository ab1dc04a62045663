"""Breath lost after long hard work with the body, a swelling denied with the thing put
first ("hævelse er der ingen af"), a relative's age kept when they are given the word
after a colon, and wider word families for rides, boots, first outings of the year,
steroids, back pain running down the leg and building sites. Our own wordings."""

from __future__ import annotations

import pytest

from tests.triage.helpers import RANK, level, triggers


@pytest.mark.parametrize("text", [
    "Jeg har båret sten i haven i tre timer, blev forpustet og fik krampe i læggen. "
    "Nu efter en pause er vejret normalt igen.",
    "Vi slæbte møbler ud af lejligheden hele eftermiddagen, og jeg var helt forpustet "
    "bagefter. Krampen i læggen er væk nu.",
])
def test_breath_after_long_hauling_is_exertion(text: str) -> None:
    assert level(text) == "self_care"


@pytest.mark.parametrize("text", [
    # a short carry explains no breathlessness
    "Jeg blev pludselig forpustet da jeg bar en kasse, og jeg har krampe i læggen.",
    # nor does long work when the leg is swollen too
    "Har slæbt sække i to timer, er forpustet og min venstre læg er hævet og øm.",
])
def test_breath_still_a_red_flag_without_long_work_or_with_a_swelling(text: str) -> None:
    assert level(text) == "emergency"


def test_a_swelling_denied_with_the_noun_first() -> None:
    text = ("Min søn får krampe i læggen når han bliver løftet op i sengen. "
            "Hævelse er der ingen af, og farven er som på det andet ben.")
    assert level(text) == "self_care"


def test_a_swelling_told_stays_urgent_beside_such_a_denial() -> None:
    text = "Min læg er hævet og øm. Rødme er der ingen af."
    assert RANK[level(text)] >= RANK["urgent"]


@pytest.mark.parametrize("text", [
    "Min far (79) har bedt mig skrive: 'Jeg får krampe i læggen hver nat.'",
    "Skriver for min mor, 88, hun sidder her: 'Jeg vågner med krampe i læggene.'",
])
def test_a_relative_given_the_word_keeps_their_age(text: str) -> None:
    assert "age" in triggers(text)


@pytest.mark.parametrize(("text", "trigger"), [
    ("Efter fly fra Bangkok fik jeg krampe i læggen.", "sitting"),
    ("Sad 10 timer i turistbussen og fik krampe i læggen.", "sitting"),
    ("Krampe i læggen efter en dag i nye arbejdsstøvler.", "footwear"),
    ("Min første gåtur i år gav mig krampe i læggen.", "overload"),
    ("Efter mit første spinninghold fik jeg krampe i læggen.", "exercise"),
    ("Jeg tager prednisolon og får krampe i læggen om aftenen.", "medication"),
    ("Det trækker fra ryggen og ned i højre læg, og nu også krampe.", "nerve"),
    ("Krampe i læggen efter 10 timer på byggepladsen.", "overload"),
])
def test_wider_word_families(text: str, trigger: str) -> None:
    assert trigger in triggers(text)
