"""How descriptions in other voices are read: clinical case notes, forum replies that quote
another writer, a pharmacy dialogue, form fields, English inside Danish, Jutlandic forms,
and a relative as the patient. Our own wordings; each test names the behaviour."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from tests.triage.helpers import level, status_of, triggers


@pytest.mark.parametrize("text", [
    "Patient, 52 år: kortvarigt bevidsthedstab, bagefter forvirret. Ingen kendt epilepsi.",
    "Notat: tonisk-kloniske trækninger i ca. 2 min, tungebid. Ingen kendt epilepsi.",
    "Min søn fik generaliserede kramper i morges.",
])
def test_a_seizure_in_clinical_words_is_an_emergency(text: str) -> None:
    assert level(text) == "emergency"


def test_no_known_diagnosis_does_not_settle_the_question_about_the_sign() -> None:
    r = triage("Jeg fik krampe i læggen i nat. Ingen kendt epilepsi.")
    assert status_of("Jeg fik krampe i læggen i nat. Ingen kendt epilepsi.", "seizure") \
        != "negated"
    assert "seizure" in {q.findings[0] for q in r.questions}


def test_a_quoted_line_is_another_writers_story() -> None:
    text = ('> Hanne_løber skrev: "Min bror fik en blodprop, læggen var hævet og rød i en uge"\n'
            "\n"
            "Hos mig er det bare krampe i læggen efter lange løbeture, ingen hævelse.")
    r = triage(text)
    assert r.level == "self_care"
    assert "exercise" in r.triggers


def test_a_yes_no_clause_after_an_open_question_is_what_no_answers() -> None:
    text = ("Sygeplejerske: Hvornår startede det, og er benet rødt, hævet eller varmt?\n"
            "Borger: nej, ikke noget af det. Det er kun krampe om natten.")
    assert level(text) == "self_care"


def test_an_open_question_alone_is_not_answered_by_no() -> None:
    text = "Hvorfor er min læg hævet og rød? Nej, jeg ved det ikke."
    assert level(text) == "urgent"


def test_a_dash_in_a_form_field_means_none() -> None:
    r = triage("Symptom: krampe i læggen om natten\nMedicin: -\nAllergier: ingen")
    assert "medication" not in r.triggers
    assert status_of("Symptom: krampe i læggen\nMedicin: -", "medication_suspected") != "present"


def test_salt_or_magnesium_pills_are_supplements_not_medicine() -> None:
    r = triage("Jeg får krampe når jeg løber. Hjælper saltpiller eller magnesiumtabletter?")
    assert "medication" not in r.triggers
    assert r.level == "self_care"


def test_english_no_and_both_inside_danish_text() -> None:
    text = ("Kom hjem fra en lang flight, both ankler er lidt puffy. Ikke ondt, no redness, "
            "ikke varm.")
    r = triage(text)
    assert r.level == "self_care"
    assert "sitting" in r.triggers


@pytest.mark.parametrize("text,expected", [
    ("a har fåt krampe i æ læg i nat. æ ben er itt hævet.", "self_care"),
    ("min far fik en blodprop i benet for mange år siden. a fik krampe i æ læg i går.",
     "self_care"),
])
def test_jutlandic_forms_are_read(text: str, expected: str) -> None:
    assert level(text) == expected


@pytest.mark.parametrize("text,trigger,expected", [
    # a single dialect look-alike keeps its own meaning: the letter A, tea
    ("Min mor er 85. Hun får vitamin A og har krampe i læggen om natten", "age", True),
    ("Jeg drikker te det meste af dagen og får krampe i læggen", "caffeine", True),
    # sport words are whole words: "dansk" is no dance, "i ro" is no rowing
    ("Jeg er dansk og får kramper i læggen", "exercise", False),
    ("Jeg får krampe i læggen når jeg ligger i ro", "exercise", False),
    ("Jeg dansede hele aftenen og fik krampe i læggen", "exercise", True),
])
def test_look_alikes_of_dialect_and_sport_words(text: str, trigger: str, expected: bool) -> None:
    assert (trigger in triggers(text)) is expected


def test_worry_for_someone_is_no_stress_trigger() -> None:
    r = triage("Jeg er nervøs for min mand, han har fået krampe i læggen efter fodbold")
    assert "stress" not in r.triggers


def test_a_relatives_later_cramp_stays_theirs_when_the_writer_only_reacts() -> None:
    text = ("Min datter fik krampe i læggen midt om natten, og jeg blev bange. "
            "Krampen slap efter et minut, da hun strakte benet.")
    assert "night" in triage(text).triggers


def test_a_night_that_dates_a_bladder_sign_in_its_clause_is_no_trigger() -> None:
    text = ("Jeg har haft ondt i ryggen med krampe i læggen en uge, og i nat kunne jeg ikke "
            "holde på urinen")
    r = triage(text)
    assert r.level == "emergency"
    assert "night" not in r.triggers


def test_claudication_with_the_distance_after_a_comma_and_walking_on() -> None:
    text = ("Jeg kan gå ned til postkassen, vel 200 meter, så må jeg stå lidt, "
            "før læggen holder op med at gøre ondt. Så kan jeg gå videre.")
    assert level(text) == "routine"


def test_a_first_ride_of_a_length_is_overload() -> None:
    r = triage("krampe i læggene på min første 120 km tur i lørdags")
    assert {"exercise", "overload"} <= set(r.triggers)


@pytest.mark.parametrize("text,expected", [
    ("Pt. 58 år: akut dyspnø og hævet venstre crus", "emergency"),
    ("Hun har hæmoptyse og lidt krampe i læggen", "emergency"),
    ("Paræstesier og parese i højre fod i fire dage", "urgent"),
    ("Natlige crampi i begge lægge, ingen ødemer, ingen dyspnø", "self_care"),
])
def test_clinical_words_in_case_notes(text: str, expected: str) -> None:
    assert level(text) == expected


def test_difficulty_holding_urine_with_back_pain_is_an_emergency() -> None:
    assert level("Jeg har ondt i lænden og har haft svært ved at holde på urinen i to dage") \
        == "emergency"


def test_a_relative_with_a_red_flag_keeps_her_age_beside_the_writers_cramps() -> None:
    text = ("Min far (81) og jeg har begge krampe i læggene om aftenen. Mine går hurtigt over. "
            "Men hans venstre læg er siden i går blevet hævet og varm.")
    r = triage(text)
    assert r.level == "urgent"
    assert "age" in r.triggers
    assert r.patient == "other"
