"""Triggers read as concepts with constructions (cold of any kind, drinking too little, a
posture kept long, the first session after a break), and mentions that name a trigger's
word without it being a circumstance of the writer's cramp (a comparison, an intention,
reduced training, a foot that 'sleeps', the writer sitting down to write)."""

from __future__ import annotations

import pytest

from krampe.triage import triage


@pytest.mark.parametrize("text", [
    "Luften var isnende på marken i morges, og så kom krampen i læggen",
    "jeg svømmer i havet hele året, og vandet er koldt nu; krampe i læggen bagefter",
    "det var frysende koldt udenfor, krampe i benet på vej hjem",
])
def test_cold_exposure_of_any_kind(text: str) -> None:
    assert "cold" in triage(text).triggers


def test_a_cold_floor_stepped_on_to_ease_the_cramp_is_no_cold_trigger() -> None:
    r = triage("Krampen i læggen slap først, da jeg stillede mig på de kolde fliser")
    assert "cold" not in r.triggers


@pytest.mark.parametrize("text", [
    "Jeg drikker ret sparsomt i løbet af dagen og får krampe i læggene",
    "har nok drukket for lidt på arbejdet, krampe i læggen i aften",
    "får kun drukket to glas om dagen, og nu har jeg kramper i benene",
    "jeg drikker mest te og næsten ingenting af vand, krampe i læggen",
])
def test_drinking_too_little_in_any_word_order(text: str) -> None:
    assert "dehydration" in triage(text).triggers


@pytest.mark.parametrize("text", [
    "jeg drak lidt vand, og så gik krampen i læggen over",
    "jeg drikker ikke så meget kaffe længere, men får krampe i læggen",
])
def test_a_little_water_as_remedy_or_less_coffee_is_no_dehydration(text: str) -> None:
    assert "dehydration" not in triage(text).triggers


@pytest.mark.parametrize("trigger,text", [
    ("standing", "Som frisør står jeg op i timevis, og om aftenen kommer krampen i læggen"),
    ("sitting", "jeg sidder bag rattet det meste af dagen og får krampe i højre læg"),
    ("sitting", "når hun sidder og strikker, får hun krampe i læggen"),
])
def test_a_posture_kept_long_or_the_time_of_the_cramp(trigger: str, text: str) -> None:
    assert trigger in triage(text).triggers


@pytest.mark.parametrize("text", [
    "Mens jeg sidder her og skriver: jeg fik krampe i læggen i går",
    "Krampen sad i læggen i et par minutter og forsvandt så",
])
def test_the_writer_sitting_now_or_a_cramp_that_sits_is_no_sitting(text: str) -> None:
    assert "sitting" not in triage(text).triggers


@pytest.mark.parametrize("text", [
    "første løbetur efter sommerferien, og jeg fik krampe i læggen",
    "jeg spillede nok for hårdt på i håndbold i går, krampe i læggen i nat",
    "jeg cyklede alt for langt i weekenden og fik krampe",
])
def test_too_much_or_the_first_session_after_a_break_is_overload(text: str) -> None:
    assert "overload" in triage(text).triggers


def test_more_of_something_else_than_an_activity_is_no_overload() -> None:
    r = triage("Jeg sveder meget mere end før om natten og har fået krampe i læggen")
    assert "overload" not in r.triggers


@pytest.mark.parametrize("text", [
    "Læggen er øm i dag, som efter en hård træning, efter en krampe i nat",
    "jeg overvejer at begynde at cykle, men får krampe i læggen om natten",
    "jeg løber mindre end før, og alligevel får jeg krampe i læggen",
])
def test_a_comparison_an_intention_or_less_training_is_no_exercise(text: str) -> None:
    assert "exercise" not in triage(text).triggers


def test_a_foot_that_sleeps_is_no_night() -> None:
    r = triage("Jeg har lidt krampe i læggen, og tæerne har sovet i en uge nu")
    assert "night" not in r.triggers


def test_a_night_that_dates_an_injury_is_no_cramp_trigger() -> None:
    r = triage("Jeg væltede på cyklen i går og slog skinnebenet. "
               "Jeg har haft is på det hele natten.")
    assert "night" not in r.triggers


def test_an_age_in_brackets_after_the_patient() -> None:
    assert "age" in triage("Min far (74) får krampe i læggene om aftenen").triggers


@pytest.mark.parametrize("text", [
    "Jeg tager metformin og ramipril og har fået kramper i læggene",
    "Lægen har sat mig på apixaban, og siden har jeg haft krampe om natten",
])
def test_a_drug_named_by_its_class_ending_is_medicine(text: str) -> None:
    assert "medication" in triage(text).triggers


def test_a_month_is_no_drug() -> None:
    assert "medication" not in triage("Jeg har haft krampe i læggen siden april").triggers


@pytest.mark.parametrize("trigger,text", [
    ("exercise", "krampe i læggen efter en dag på ski"),
    ("sitting", "efter fem timer i bilen fik jeg krampe i læggen"),
])
def test_skiing_and_hours_in_a_car(trigger: str, text: str) -> None:
    assert trigger in triage(text).triggers


def test_training_no_longer_is_no_exercise() -> None:
    assert "exercise" not in triage("Jeg cykler ikke længere, men får krampe i læggen").triggers
