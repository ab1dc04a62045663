"""What the words around a finding tell: a year or an old clot is history, a sprint
explains breathlessness, cancer and its treatment are a clot risk, a hormone pill is a
cramp medicine only when linked to the cramps, a lasting time belongs to the numbness it
is told with, a calf still hard after a time told in its own clause, and a message told
in short lines keeps each fragment's referent."""

from __future__ import annotations

import pytest

from .helpers import expect, level, present, status_of, triggers


@pytest.mark.parametrize("text", [
    # a year stamped after a comma, as a record line dates a diagnosis
    "Fra mit journalnotat: Blodprop i venstre lår, 2016. Nu lidt krampe om natten, ingen hævelse.",
    # a year before it
    "I 2011 fik jeg en dyb venetrombose. Nu har jeg bare krampe når jeg har løbet.",
    # the old clot
    "Jeg får krampe i læggen efter fodbold. Kan det have noget med min gamle blodprop at gøre?",
])
def test_a_dated_or_old_clot_is_history(text: str) -> None:
    assert status_of(text, "dvt_signs") != "present"
    assert level(text) == "self_care"


def test_a_start_that_goes_on_is_no_history() -> None:
    # "siden 2020" starts what goes on: the swelling told now stays present
    assert present("Min højre læg har været hævet og øm siden i går, jeg har haft kramper "
                   "siden 2020", "dvt_signs")


@pytest.mark.parametrize("text", [
    "Efter spurten op ad bakken var jeg helt forpustet, men det gik over efter et minut. "
    "Krampe i læggen bagefter.",
    "Krampe i begge lægge ved slutspurten, og jeg var forpustet da jeg kom i mål.",
])
def test_breathless_after_a_sprint_is_exertion(text: str) -> None:
    assert status_of(text, "pe_signs") != "present"


def test_asking_someone_is_no_sprint() -> None:
    # "spurte" is asked, not sprinted: breathlessness stays unexplained
    assert present("Jeg spurte min nabo om hjælp, for jeg er pludselig forpustet og min "
                   "ene læg er hævet", "pe_signs")


@pytest.mark.parametrize("text", [
    "Jeg har tarmkræft og får cellegift. Min højre læg er hævet, men den gør ikke ondt.",
    "Under min kræftbehandling er venstre læg blevet tyk og stram. Jeg skal holde øje med "
    "benene, sagde lægen.",
])
def test_one_swollen_calf_with_cancer_is_urgent(text: str) -> None:
    assert level(text) == "urgent"
    assert present(text, "dvt_signs")


def test_strength_is_no_cancer() -> None:
    # "kræfter" (strength) is no cancer: no clot risk from it
    text = "Jeg har ingen kræfter efter træningen, og benene er tunge. Krampe i læggen i går."
    assert level(text) == "self_care"


@pytest.mark.parametrize("text", [
    "Siden jeg skiftede til en ny p-pille, får jeg krampe i læggene hver aften",
    "Jeg fik kramper i benene efter at jeg begyndte på østrogen",
])
def test_a_hormone_linked_to_cramps_is_a_suspected_medicine(text: str) -> None:
    assert present(text, "medication_suspected")


def test_the_pill_as_a_clot_risk_is_no_cramp_medicine() -> None:
    text = ("Jeg er på p-piller, og min læge måler mit blodtryk hvert år. "
            "I aftes fik jeg en kort krampe efter tennis, den gik over med stræk.")
    assert not present(text, "medication_suspected")
    assert "medication" not in triggers(text)
    assert level(text) == "self_care"


def test_a_lasting_time_in_a_story_apart_is_not_the_numbness() -> None:
    text = ("Vi har sparet op til sommerhuset i årevis, og nu har vi endelig købt det. "
            "Vi flyttede ind i weekenden. Bagefter fik jeg prikken i tæerne efter at have "
            "siddet på hug, og krampe i læggen. Det forsvandt da jeg rejste mig.")
    assert not present(text, "neuro_deficit")


def test_a_lasting_time_told_with_the_numbness_counts() -> None:
    assert present("Min fod har været følelsesløs. Det har stået på i tre uger nu.",
                   "neuro_deficit")


@pytest.mark.parametrize("text", [
    "Jeg har iskiassmerter ned i benet og krampe i læggen om natten",
    "iskiasgener igen og kramper i læggen flere gange om ugen",
])
def test_sciatica_in_compounds(text: str) -> None:
    assert present(text, "nerve_compression")


@pytest.mark.parametrize("text", [
    "Vi cyklede 80 km, nu er det fire timer siden, men læggen er stadig knaldhård",
    "Det er tre timer siden krampen kom, og musklen er stadig stenhård og gør megaondt",
])
def test_still_hard_after_a_time_told_in_its_own_clause(text: str) -> None:
    expect(text, "urgent", persistent_cramp="present")


def test_heat_that_did_not_bring_it_on_is_no_dehydration() -> None:
    assert "dehydration" not in triggers(
        "Krampe i læggen i nat på trods af varme sokker og dyne")
    assert "dehydration" in triggers("Krampe i læggen efter en lang dag i varmen")


@pytest.mark.parametrize("text", [
    "ms\nhøjre fod\nslæber\nkan ikke styre den\nkrampe om natten",
    "hej\nmin fod\nhænger\nfra i går\nkrampe i læggen",
])
def test_short_lines_keep_their_referent(text: str) -> None:
    expect(text, "urgent", neuro_deficit="present")


def test_a_denial_on_a_short_line_stays_on_its_line() -> None:
    # "ingen feber" must not run on into the next line and deny the swelling
    text = "ingen feber\nhævet og rød læg\nøm og varm"
    assert present(text, "dvt_signs")
