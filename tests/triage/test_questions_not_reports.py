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
