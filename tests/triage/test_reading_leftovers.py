"""The reading of time, will, own case and negation: a point in the past is no span, the
writer's own will is no cramp that holds on, a condition the writer says is their own is
real, and a negation inside the words of a finding denies it."""

from __future__ import annotations

import pytest

from tests.triage.helpers import expect, level, status_of


@pytest.mark.parametrize("text", [
    "Jeg havde en blodprop i venstre ben for 15 år siden. Nu får jeg krampe om natten.",
    "Jeg fik en blodprop i benet for 8 år siden og har nu fået kramper i læggen.",
])
def test_a_year_count_in_digits_dates_the_past(text: str) -> None:
    expect(text, "self_care", dvt_signs="historical")


def test_a_medicine_started_years_ago_is_still_taken() -> None:
    text = "Jeg startede på simvastatin for 2 år siden, og nu har jeg kramper i læggene"
    assert status_of(text, "medication_suspected") == "present"


def test_the_writers_own_will_is_no_cramp_that_will_not_release() -> None:
    text = ("Jeg fik rosuvastatin i foråret og har siden haft krampe i læggene, "
            "men jeg vil ikke stoppe med pillerne før jeg har talt med lægen")
    assert level(text) == "routine"


def test_a_cramp_that_will_not_release_is_still_urgent() -> None:
    assert level("Krampen i læggen vil ikke slippe, den har siddet i 40 minutter") == "urgent"


def test_a_condition_the_writer_says_is_their_own_case_is_real() -> None:
    text = ("Hvis man vågner med kramper i læggene hver eneste nat i flere uger, skal man så "
            "til lægen? Det er lige sådan, det er for mig.")
    assert level(text) == "routine"


def test_a_condition_alone_stays_hypothetical() -> None:
    text = ("Hvis man vågner med kramper i læggene hver eneste nat i flere uger, skal man så "
            "til lægen?")
    assert level(text) == "self_care"


@pytest.mark.parametrize("text", [
    "Jeg har krampe i læggen. Jeg hoster ikke blod op.",
    "krampe i læggen, og jeg hoster aldrig blod",
])
def test_a_negation_inside_the_words_of_a_finding_denies_it(text: str) -> None:
    expect(text, "self_care", pe_signs="negated")
