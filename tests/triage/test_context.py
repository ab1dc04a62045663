"""ConText statuses: negation scopes, termination, history, hypotheticals, other people."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from tests.triage.helpers import expect, level, status_of


@pytest.mark.parametrize(
    "text",
    [
        "Jeg har krampe i læggen, ingen hævelse",
        "Krampe om natten. Læggen er ikke hævet.",
        "Krampe i læggen uden hævelse eller rødme",
        "Læggen er hverken hævet eller rød, bare krampe",
        "Der er ingen tegn på hævelse, jeg har bare krampe",
        "Hævelse har jeg ikke, kun krampe om natten",
    ],
)
def test_negated_swelling(text):
    expect(text, "self_care", dvt_signs="negated")


@pytest.mark.parametrize(
    "text",
    [
        "Læggen er hævet, men ikke rød og ikke varm, og det gør ikke ondt",
        "Læggen er lidt hævet, hverken rød eller varm",
        "Hævet læg uden smerter",
    ],
)
def test_negated_companions_do_not_complete_dvt(text):
    assert level(text) != "urgent" or status_of(text, "dvt_signs") != "present"


def test_negated_breathing():
    text = "Krampe i læggen efter løb, ingen problemer med vejrtrækningen"
    expect(text, "self_care", pe_signs="negated")


@pytest.mark.parametrize(
    "text",
    [
        "Jeg har ikke ondt, men læggen er hævet og rød",
        "Ingen feber, dog er læggen hævet og varm",
        "Ingen hævelse i går. I dag er læggen hævet, rød og øm.",
        "Ingen feber, læggen er hævet og øm",
        "Ikke noget med vejret, men læggen er hævet og gør ondt",
    ],
)
def test_scope_ends_at_men_dog_sentence_and_new_clause(text):
    expect(text, "urgent", dvt_signs="present")


@pytest.mark.parametrize(
    "text",
    [
        "Læggen er ikke kun hævet, den er også rød og varm",
        "Det er ikke bare en krampe, læggen er hævet og øm",
    ],
)
def test_pseudo_negation_does_not_negate(text):
    assert level(text) == "urgent"


def test_gap_does_not_swallow_negation():
    r = triage("Anklerne er hævede efter turen, men de gør ikke ondt og er ikke røde")
    assert r.level == "self_care"


@pytest.mark.parametrize(
    "text",
    [
        "Jeg havde en blodprop for 5 år siden, nu får jeg krampe om natten",
        "Jeg havde en blodprop sidste år. I nat fik jeg krampe",
        "Tidligere blodprop i benet, nu kun natlige kramper",
    ],
)
def test_historical_clot_alone_is_not_urgent(text):
    expect(text, "self_care", dvt_signs="historical")


def test_historical_clot_is_a_risk_factor_for_present_swelling():
    text = "Jeg havde en blodprop for 5 år siden, og nu er den ene læg hævet"
    expect(text, "urgent", dvt_signs="present")


def test_historical_clot_with_pain_alone_is_not_enough():
    text = "Jeg havde en blodprop for 5 år siden, og nu har jeg lidt krampe i læggen"
    assert level(text) == "self_care"


@pytest.mark.parametrize(
    "text,finding",
    [
        ("Hvad gør jeg hvis benet bliver hævet og rødt?", "dvt_signs"),
        ("Hvis jeg får svært ved at trække vejret, skal jeg så ringe 112?", "pe_signs"),
        ("Kan det være en blodprop?", "dvt_signs"),
        ("Jeg er bange for at få en blodprop på flyveturen", "dvt_signs"),
    ],
)
def test_hypothetical(text, finding):
    r = triage(text)
    assert status_of(text, finding) == "hypothetical"
    assert r.level == "self_care"


def test_hypothetical_red_flag_fills_if_then():
    r = triage("Jeg har krampe om natten. Hvad gør jeg hvis læggen bliver hævet og rød?")
    assert [i.id for i in r.if_then] == ["dvt_signs"]
    assert r.if_then[0].level == "urgent"
    assert "1813" in r.if_then[0].action


@pytest.mark.parametrize(
    "text",
    [
        "Min mor havde en blodprop, jeg får bare krampe når jeg løber",
        "Blodpropper ligger til familien, men jeg har kun krampe efter træning",
        "Min far døde af en blodprop. Jeg får krampe om natten.",
    ],
)
def test_other_person_background(text):
    expect(text, "self_care", dvt_signs="other_person")


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Min far på 80 har fået en hævet, rød læg", "urgent"),
        ("Min mand vågner hver nat med krampe i læggen", "routine"),
        ("Min søn har fået et smæld i læggen til fodbold og kan ikke støtte på benet", "urgent"),
        ("Min mor på 75 har pludselig svært ved at trække vejret og en hævet læg", "emergency"),
    ],
)
def test_other_person_as_the_patient_is_present(text, expected):
    assert level(text) == expected
    assert all(f.status == "present" for f in triage(text).findings if f.id != "dvt_signs"
               or "hævet" in f.evidence)


def test_findings_evidence_is_exact_substring():
    text = "Min læg er HÆVET, rød og varm efter en lang busrejse"
    r = triage(text)
    for f in r.findings:
        assert f.evidence in text


def test_numbers_inside_alternatives_in_cues():
    # "for 3 år siden" uses NUM inside an alternative list in the cue file
    text = "Siden min blodprop for 3 år siden har jeg haft det fint, nu lidt krampe når jeg løber"
    expect(text, "self_care", dvt_signs="historical")


@pytest.mark.parametrize(
    "text",
    [
        "Hvorfor får jeg kramper i læggen om natten?",
        "Kan medicin give kramper?",
        "Hjælper magnesium mod lægkramper?",
        "Er lægkramper almindelige hos ældre?",
    ],
)
def test_general_questions_report_nothing_present(text):
    r = triage(text)
    assert r.level == "self_care"
    assert r.triggers == []
    assert all(f.status != "present" for f in r.findings)
    assert r.if_then == []


def test_general_question_about_a_red_flag_gives_if_then_only():
    r = triage("Kan en blodprop give kramper i læggen?")
    assert r.level == "self_care"
    assert [i.id for i in r.if_then] == ["dvt_signs"]


@pytest.mark.parametrize(
    "text",
    [
        "Kan det være farligt at min læg er hævet og rød?",
        "Jeg er bange for at min hævede læg er en blodprop, den er øm",
        "Er det farligt? Læggen er hævet og varm",
        "Hvad gør jeg, min læg er hævet og øm?",
    ],
)
def test_worry_or_question_does_not_hide_reported_symptoms(text):
    assert level(text) == "urgent"


def test_unknown_swelling_is_asked_about():
    r = triage("Jeg ved ikke om læggen er hævet, den gør ondt")
    assert "swollen_leg" in [q.id for q in r.questions]


@pytest.mark.parametrize(
    "text",
    [
        "Ingen af delene: læggen er rød, varm og hævet",
        "ingen feber - læggen er hævet og øm",
        "Ingen feber (læggen er hævet og øm)",
        "Det er ikke en krampe, læggen er hævet og rød",
        "Jeg kan ikke huske at have slået mig, men læggen er blå og hævet",
        "uden grund er læggen hævet og øm",
    ],
)
def test_clause_breaks_end_negation(text):
    assert level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "Ikke noget særligt udover at læggen er hævet og øm",
        "Ikke andet end en hævet og øm læg",
        "Jeg mærker ingenting ud over at læggen er hævet og varm",
        "ingen andre symptomer end at læggen er rød, varm og hævet",
    ],
)
def test_except_ends_negation(text):
    assert level(text) == "urgent"


@pytest.mark.parametrize(
    "text",
    [
        "Hvis jeg rejser mig hurtigt får jeg ondt i brystet",
        "Hvis jeg går op ad trappen så får jeg trykken for brystet",
    ],
)
def test_main_clause_after_if_is_real(text):
    assert level(text) == "emergency"


def test_general_question_does_not_hide_a_stated_symptom():
    assert level("Er det normalt at læggen er hævet og rød efter en krampe?") == "urgent"
    r = triage("Er det normalt at have kramper hver nat?")
    assert r.level == "self_care" and r.if_then == []
