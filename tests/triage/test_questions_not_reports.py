"""General questions about symptoms are not reports; the same words about oneself are."""

from __future__ import annotations

import pytest

from krampe.triage import triage

QUESTIONS = [
    "kan en blodprop give krampe?",
    "er det farligt at få krampe om natten?",
    "hvad er tegnene på en blodprop?",
    "kan en blodprop i benet give åndenød?",
    "hvad er symptomerne på en blodprop i lungen",
    "giver en hævet læg åndenød?",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_general_question_has_no_present_red_flag(text):
    r = triage(text)
    assert r.level == "self_care"
    assert not [f for f in r.findings if f.status == "present"]


def test_question_red_flag_is_offered_as_if_then():
    r = triage("kan en blodprop i benet give åndenød?")
    assert {"pe_signs"} <= {i.id for i in r.if_then}


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("jeg tror jeg har en blodprop, læggen er hævet", "urgent"),
        ("jeg har svært ved at få luft, kan det skyldes en blodprop?", "emergency"),
        ("kan statiner give kramper? jeg har fået ondt i brystet", "emergency"),
        ("er det normalt at læggen er hævet og rød?", "urgent"),
    ],
)
def test_report_inside_or_next_to_a_question_counts(text, level):
    assert triage(text).level == level


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # real words one edit from a lexicon word are not "corrected" into it
        ("efter lægen satte mig på furix har jeg fået kramper", "electrolytes"),
        ("læggen sidder fast om natten", "alcohol"),
    ],
)
def test_real_words_are_not_typo_corrected(text, unwanted):
    assert unwanted not in triage(text).triggers


# Lay phrasings met while probing after blind set 2 (general lexicon entries, not phrases).
@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("læggen er hoven og øm", "urgent"),
        ("læggen er dobbelt så stor som den anden", "urgent"),
        ("krampen har siddet i en time", "urgent"),
        ("det knaldede i læggen da jeg løb", "urgent"),
        ("det føltes som om nogen ramte mig med en bold bag på læggen", "urgent"),
        ("foden har sovet i 3 dage", "urgent"),
        ("har ikke kunnet mærke foden siden i går", "urgent"),
        ("jeg har mistet kraften i benet", "urgent"),
        ("jeg er så åndeløs", "emergency"),
        ("kan dårligt trække vejret og læggen er øm", "emergency"),
        ("har svært ved at ånde", "emergency"),
        ("det strammer i brystet", "emergency"),
        ("der var blod i det jeg hostede op", "emergency"),
        ("min søn fik et anfald og rystede", "emergency"),
        ("jeg får anfald af krampe i læggen om natten", "self_care"),
        ("forpustet og åndeløs efter løbetur med krampe", "self_care"),
        ("krampen varede 2 minutter", "self_care"),
    ],
)
def test_lay_phrasings(text, level):
    assert triage(text).level == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # plain a/o/e for å/ø/æ (no Danish keyboard)
        ("andenod og ondt i laeggen", "emergency"),
        # subordinate clause order: "ikke" before the verb
        ("jeg er bange fordi jeg ikke kan støtte på benet", "urgent"),
        ("min far siger at han ikke kan mærke foden og den er kold", "emergency"),
        # "havet" (the sea) is a word, not a typo for "hævet"
        ("jeg badede i havet og fik krampe i læggen", "self_care"),
    ],
)
def test_spelling_and_word_order(text, level):
    assert triage(text).level == level


def test_kramp_is_not_a_match():
    assert "exercise" not in triage("kramp i læggen i nat").triggers
