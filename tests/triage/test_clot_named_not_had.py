"""A clot only named is no sign of one: a thought, someone else's clot or a general claim
about a group leaves an ordinary cramp at self-care; a clot the writer (or the patient)
says they have now, or that was just found, stays urgent. Also: a leg told bigger in a
learner's analytic comparative, sprints without an ending as exertion, and a duration
fronted before the cramp that was had."""

from __future__ import annotations

import pytest

from tests.triage.helpers import level, status_of


@pytest.mark.parametrize("text", [
    # a thought or a fear, no signs
    "Et kort øjeblik tænkte jeg på en blodprop, men læggen er slet ikke hævet. Krampen i "
    "nat gik over, da jeg strakte den.",
    "Efter alt det jeg har set om blodpropper, er jeg blevet helt hysterisk. Fik krampe i "
    "foden i aftes, den slap efter et minut.",
    # someone else's
    "En af mine patienter på plejehjemmet har en blodprop i læggen. Selv får jeg krampe i "
    "læggene efter lange vagter, men det går over med det samme.",
    "En kunde i butikken havde fået en blodprop efter en flyvetur. Jeg har bare lidt krampe "
    "i tæerne om natten.",
    # a general claim about a group
    "Man siger, at vi der sidder ved computeren hele dagen får blodpropper. Jeg fik krampe "
    "i læggen i går aftes, men den forsvandt hurtigt.",
])
def test_a_clot_only_named_leaves_an_ordinary_cramp_at_self_care(text: str) -> None:
    assert level(text) == "self_care"


@pytest.mark.parametrize("text", [
    "Jeg har lige fået at vide på skadestuen, at jeg har en blodprop i højre læg.",
    "I formiddags blev der påvist en blodprop i mit venstre ben ved ultralyd.",
    "Blodprop i læggen konstateret i går. Skal jeg gøre noget særligt med krampen?",
    "Min bror har fået en blodprop i benet, og han har kramper i læggen.",
    "Min blodprop i benet er begyndt at gøre mere ondt.",
])
def test_a_clot_had_now_or_just_found_stays_urgent(text: str) -> None:
    assert level(text) == "urgent"


def test_a_clot_only_named_beside_the_writers_own_signs_is_still_urgent() -> None:
    text = ("En veninde fik en blodprop sidste vinter. Nu er min højre læg hævet, øm og "
            "varm.")
    assert level(text) == "urgent"


def test_a_clot_denied_is_no_clot() -> None:
    assert status_of("Jeg har aldrig haft en blodprop. Krampe i nat, gik over.",
                     "dvt_signs") != "present"


@pytest.mark.parametrize("text", [
    "Han kom hjem fra hospitalet efter en knæoperation, og nu er hans venstre ben mere tyk "
    "end det højre og gør ondt.",
    "Efter operationen i hoften er min ene læg meget stor, mere stor end den anden.",
])
def test_a_leg_bigger_in_a_learners_comparative_is_a_swelling(text: str) -> None:
    assert level(text) == "urgent"


@pytest.mark.parametrize("text", [
    "Til fodbold i går løb jeg mange sprint og var helt forpustet bagefter. Fik krampe i "
    "læggen, som gik over med stræk.",
    "Efter ti sprints på banen var jeg forpustet et par minutter, og så kom krampen i "
    "læggen. Den slap hurtigt.",
])
def test_sprints_without_a_compound_explain_breathlessness(text: str) -> None:
    assert level(text) == "self_care"


def test_breathlessness_at_rest_is_still_an_emergency_beside_sprints() -> None:
    text = ("Jeg løb sprint i går, men i dag har jeg pludselig åndenød, mens jeg sidder i "
            "sofaen.")
    assert level(text) == "emergency"


@pytest.mark.parametrize("text", [
    "Jeg har nu i tre timer haft en krampe i læggen, og stræk hjælper ikke.",
    "Hun har i over en time haft krampe i højre læg.",
])
def test_a_duration_fronted_before_the_cramp_had_is_a_long_cramp(text: str) -> None:
    assert level(text) == "urgent"


def test_hours_stood_before_a_cramp_are_not_the_cramps_duration() -> None:
    text = "Jeg har i ti timer stået ved disken og fik krampe i læggen, men den gik over."
    assert level(text) == "self_care"
