"""Voices beyond the earlier rounds: notes with numbers, clock times and short forms, a
trainer or a parent writing about someone else, forum posts, postures and sleep told in
hours, worry as the writer's reaction. Our own wordings; each test names the behaviour."""

from __future__ import annotations

import pytest

from krampe.lang.da import danish
from tests.triage.helpers import level, status_of, triggers


def _tokens(text: str) -> list[tuple[str, str]]:
    toks, _ = danish().tokenizer.tokenize(text)
    return [(t.forms[0], t.kind) for t in toks]


# --- numbers and short forms as written ---------------------------------------------------
def test_thousands_grouped_with_a_full_stop_are_one_number() -> None:
    assert ("10000", "num") in _tokens("fra 4.000 til 10.000 skridt")


def test_a_clock_time_ends_no_sentence() -> None:
    _toks, sents = danish().tokenizer.tokenize("tirs kl. 03:15 krampe i venstre læg")
    assert len(sents) == 1


def test_a_decimal_comma_ends_no_clause() -> None:
    assert ("", "punct") not in [(f, k) for f, k in _tokens("blodsukker 4,2 i morges")
                                 if k == "punct"]
    assert ("4", "num") in _tokens("blodsukker 4,2 i morges")


def test_a_slash_before_a_unit_of_time_is_per() -> None:
    assert level("Kramper i begge lægge 3 gange/uge i 4 mdr., også når jeg hviler.") == "routine"


def test_degrees_below_zero_are_cold() -> None:
    assert "cold" in triggers("Det var -12 i nat i teltet, og jeg vågnede med krampe i læggen.")


def test_weeks_of_a_pregnancy_in_notes_are_pregnancy() -> None:
    assert "pregnancy" in triggers("Min kone er 30 uger henne og får krampe i læggen om natten.")
    assert "pregnancy" in triggers("Jeg er 37+1 og får krampe i læggene, når jeg ligger ned.")


@pytest.mark.parametrize("text", [
    "M 67. Krampe i højre læg i nat, nu væk.",
    "Min kunde (K, 71) fik krampe i læggen i går aftes.",
    "Jeg fyldte 64 i maj og får tit krampe i læggen om natten.",
])
def test_an_age_in_a_note_or_told_as_a_birthday_is_age(text: str) -> None:
    assert "age" in triggers(text)


def test_an_old_thing_is_no_old_person() -> None:
    assert "age" not in triggers(
        "Efter ferien gik jeg tilbage til det gamle træningsprogram og fik krampe i læggen.")


def test_faroese_spelling_of_not_still_negates() -> None:
    assert status_of("Krampe í læggini í nátt, ikki hævet, ikki reytt.", "dvt_signs") != "present"


# --- constructions -------------------------------------------------------------------------
def test_a_bracketed_insertion_does_not_break_a_when_clause() -> None:
    assert level("Når jeg går hen til bageren (ca 300 m) får jeg ondt i læggen og må stå "
                 "stille, så går det over.") == "routine"


def test_a_when_clause_without_its_comma_before_the_main_clause() -> None:
    assert level("Når jeg går tur med hunden får jeg ondt i højre læg og må stoppe. Efter "
                 "et par minutter kan jeg gå videre.") == "routine"


@pytest.mark.parametrize("text", [
    "Efter krampen sagde han, at brystet føltes som om en elefant sad på det.",
    "Hun holdt sig for brystet og var helt bleg, lige efter krampen i læggen.",
    "Efter løbeturen mærkede jeg et bånd om brystet, der ikke vil slippe.",
])
def test_chest_pain_likened_or_shown_by_a_gesture_is_an_emergency(text: str) -> None:
    assert level(text) == "emergency"


def test_sweating_with_a_chest_sign_is_no_heat() -> None:
    got = triggers("Han fik krampe i læggen på cyklen. Bagefter trykkede det i brystet, og han "
                   "svedte voldsomt.")
    assert "dehydration" not in got


# --- time ----------------------------------------------------------------------------------
def test_hours_slept_a_night_are_no_night_cramp() -> None:
    got = triggers("Sover kun 5 timer om natten i eksamenstiden og får krampe i læggen om "
                   "eftermiddagen.")
    assert "night" not in got


def test_hours_slept_a_night_are_no_recurrence() -> None:
    assert level("Har drukket meget kaffe de sidste 3 uger og sovet 5 timer om natten, og "
                 "fik krampe i læggen en enkelt gang i går.") == "self_care"


def test_nights_in_the_plural_with_weeks_and_remedies_tried_are_routine() -> None:
    assert level("De sidste nætter har jeg fået krampe i læggen igen. Jeg har strakt ud og "
                 "drukket vand i snart 5 uger.") == "routine"


def test_a_posture_kept_all_night_is_the_posture_not_the_night() -> None:
    got = triggers("Troede det var krampe, for jeg sad sammenkrøbet i toget hele natten.")
    assert "sitting" in got and "night" not in got


@pytest.mark.parametrize("text,trigger", [
    ("Fik krampe i venstre læg efter 8 t bag rattet.", "sitting"),
    ("Jeg stod ved kassen det meste af dagen, og i aften fik jeg krampe.", "standing"),
    ("Efter en lang gåtur i skoven fik jeg krampe i læggen.", "exercise"),
])
def test_long_postures_and_walks_as_written(text: str, trigger: str) -> None:
    assert trigger in triggers(text)


def test_sitting_still_now_is_no_circumstance() -> None:
    assert "sitting" not in triggers("Min læg er hævet og varm efter krampen, og jeg sidder "
                                     "helt stille nu.")


@pytest.mark.parametrize("text", [
    "Hans ankel var i gips i 5 uger, og vi er startet på genoptræning. Læggen er hævet og øm.",
    "Jeg har sat løbetræningen på pause, for læggen er hævet og øm efter krampen.",
])
def test_rehabilitation_or_paused_training_is_no_load(text: str) -> None:
    got = triggers(text)
    assert "exercise" not in got and "overload" not in got


def test_too_much_of_a_drink_is_no_overload() -> None:
    assert "overload" not in triggers("Drikker alt for meget kaffe på arbejdet og får krampe.")


def test_a_habit_or_medicine_not_stopped_is_no_cramp_that_holds_on() -> None:
    assert level("Jeg får krampe i læggen om natten, siden jeg fik ny blodtryksmedicin. "
                 "Vil ikke bare stoppe med den.") != "urgent"


def test_cold_surroundings_are_no_cold_leg() -> None:
    assert level("Vi stod i søen, og vandet var iskoldt. Om aftenen fik jeg krampe i læggen, "
                 "som gik over.") == "self_care"


def test_standing_on_a_cold_floor_as_a_remedy_is_no_cold() -> None:
    assert "cold" not in triggers(
        "Krampen går over, så snart jeg stiller mig op på det kolde gulv.")


# --- who the patient is, and the writer's reaction ----------------------------------------
@pytest.mark.parametrize("text", [
    "Min datter på 13 fik krampe i læggen til håndbold, men den slap, da hun strakte. Min far "
    "fik en blodprop i benet.",
    "Han fik krampe i læggen i 2. halvleg, og den slap hurtigt. Jeg blev nervøs, for min "
    "søster havde en blodprop, da hun var 40.",
])
def test_another_relatives_past_clot_is_background_to_the_patient(text: str) -> None:
    assert level(text) == "self_care"


def test_a_relatives_clot_now_is_still_theirs() -> None:
    assert level("Min søn fik krampe i læggen i går. Min far fik en blodprop i benet i nat.") \
        == "urgent"


@pytest.mark.parametrize("text", [
    "Min mor havde en blodprop, så nu er jeg lidt nervøs. Jeg fik krampe i læggen i nat.",
    "Er det grund til bekymring, at jeg får krampe i læggen om natten?",
    "Jeg ved godt, at I har travlt, men jeg får krampe i læggen hver uge.",
])
def test_worry_about_what_is_told_is_no_stress(text: str) -> None:
    assert "stress" not in triggers(text)


def test_standing_stress_is_still_stress() -> None:
    assert "stress" in triggers("Jeg er meget stresset på jobbet og får krampe i læggen.")


def test_a_trainers_client_is_the_patient() -> None:
    from krampe.triage import triage
    assert triage("Min klient fik en hævet og varm læg efter gipsen.").patient == "other"
