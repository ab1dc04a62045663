"""Follow-up questions: asked only when open, fed back by answers, changing the level."""

from __future__ import annotations

import pytest

from krampe.errors import InputError
from krampe.triage import triage


def qids(text: str, **kw) -> list[str]:
    return [q.id for q in triage(text, **kw).questions]


def test_open_red_flags_are_asked_in_priority_order():
    ids = qids("Jeg har ondt i læggen")
    assert ids[:3] == ["breathless", "swelling", "warm_red"]
    assert "pop_injury" in ids


def test_negated_swelling_is_not_asked_again():
    assert "swelling" not in qids("Jeg har ondt i læggen, men ingen hævelse")
    assert "swelling" in qids("Jeg har ondt i læggen")


def test_present_or_negated_answers_in_text_remove_questions():
    ids = qids("Krampe i læggen, ikke rød og ikke varm, og jeg trækker vejret helt normalt")
    assert "warm_red" not in ids


def test_cramp_that_went_over_is_not_asked_about_duration():
    assert "persistent" not in qids("Krampe i nat, den gik over efter et minut")
    assert "persistent" in qids("Krampe i nat")


def test_no_questions_without_leg_symptoms_or_at_emergency():
    assert qids("Jeg drikker meget kaffe") == []
    assert qids("Jeg har ondt i brystet og læggen er hævet") == []


def test_only_questions_that_could_raise_the_level():
    # urgent already: only the emergency question is still worth asking
    assert qids("Min læg er hævet og øm") == ["breathless"]


def test_yes_raises_the_level():
    text = "Jeg har fået krampe i læggen"
    assert triage(text).level == "self_care"
    assert triage(text, answers={"swelling": True}).level == "urgent"
    assert triage(text, answers={"breathless": True}).level == "emergency"
    assert triage(text, answers={"persistent": True}).level == "urgent"


def test_no_answer_keeps_level_and_drops_question():
    r = triage("Jeg har fået krampe i læggen", answers={"swelling": False})
    assert r.level == "self_care"
    assert "swelling" not in [q.id for q in r.questions]


def test_no_answer_does_not_override_the_text():
    r = triage("Læggen er hævet og øm", answers={"swelling": False})
    assert r.level == "urgent"


def test_finding_ids_are_accepted_as_answers():
    r = triage("Jeg får krampe i læggen", answers={"frequent_disturbing": True})
    assert r.level == "routine"
    assert any(f.id == "frequent_disturbing" and f.status == "present" for f in r.findings)


def test_answers_alone_count_as_understood():
    r = triage("xyz", answers={"breathless": True})
    assert r.understood and r.level == "emergency"


@pytest.mark.parametrize("answers", [{"nope": True}, {"swelling": "ja"}, ["swelling"]])
def test_bad_answers_are_rejected(answers):
    with pytest.raises(InputError):
        triage("krampe i læggen", answers=answers)
