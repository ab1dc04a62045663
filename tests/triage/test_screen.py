"""The red-flag screen: free text never closes the safety check on a guess.

Every emergency and urgent route is settled by the text or by an answer before a result
below it is final; "ja" settles or leads to the completing question; "ved ikke" never
raises the level but names the flag with its action.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krampe.errors import InputError
from krampe.triage import triage
from krampe.triage.schema import get_rules

RULES = get_rules()
RANK = {"self_care": 0, "routine": 1, "urgent": 2, "emergency": 3}
ORDER = ["pe_signs", "seizure", "limb_ischaemia", "cauda_equina",
         "dvt_signs", "injury_signs", "neuro_deficit", "persistent_cramp"]
ROUTES = [q for q in RULES.questions if q.completes is None]
# An otherwise empty description: a cramp, nothing that settles any red flag.
PLAIN = "Jeg har krampe i læggen"


def qids(text: str, **kw) -> list[str]:
    return [q.id for q in triage(text, **kw).questions]


def test_screen_order_is_the_policys():
    assert RULES.screen.order == ORDER
    r = triage(PLAIN)
    assert r.level == "self_care" and not r.screen.complete
    assert r.screen.open == ORDER
    flags = [q.findings[0] for q in r.questions]
    assert sorted(flags, key=ORDER.index) == flags


def test_same_level_flags_are_asked_together():
    r = triage(PLAIN)
    groups = {q.level: q.group for q in r.questions}
    assert groups == {"emergency": "Har du noget af dette lige nu?",
                      "urgent": "Har du noget af dette?"}


def test_provisional_action_asks_for_the_answers():
    r = triage(PLAIN)
    assert r.action.endswith(RULES.screen.provisional.strip())
    assert r.safety_net == []


@pytest.mark.parametrize("q", ROUTES, ids=lambda q: q.id)
def test_yes_to_each_question_gives_its_level(q):
    level = RULES.findings[q.finding].level
    r = triage(PLAIN, answers={q.id: True})
    assert r.level == level
    f = next(f for f in r.findings if f.id == q.finding)
    assert (f.status, f.via, f.rule) == ("present", "answer", f"answer:{q.id}")


def test_yes_that_does_not_settle_leads_to_the_completing_question():
    # both ankles mildly swollen: a "ja" to one swollen leg alone is not yet dvt_signs
    text = "Begge mine ankler er lidt hævede efter flyveturen"
    r = triage(text, answers={"swollen_leg": True})
    assert r.level == "self_care"
    assert "swollen_signs" in [q.id for q in r.questions]
    r = triage(text, answers={"swollen_leg": True, "swollen_signs": True})
    assert r.level == "urgent"
    r = triage(text, answers={"swollen_leg": True, "swollen_signs": False})
    assert r.level == "self_care" and "swollen_signs" not in [q.id for q in r.questions]


@pytest.mark.parametrize(
    ("text", "settled", "still_asked"),
    [
        ("krampe i læggen, ingen åndenød", "breathing", ["chest_pain", "cough_blood"]),
        ("krampe i læggen og ikke ondt i brystet", "chest_pain", ["breathing", "cough_blood"]),
        ("krampe i læggen, har ikke hostet blod op", "cough_blood", ["breathing", "chest_pain"]),
        ("krampe i læggen, den er ikke hævet", "swollen_leg", ["red_warm_calf"]),
        ("krampe i læggen, den er ikke rød", "red_warm_calf", ["swollen_leg"]),
    ],
)
def test_negating_one_route_leaves_the_others_asked(text, settled, still_asked):
    r = triage(text)
    asked = [q.id for q in r.questions]
    assert settled not in asked
    assert set(still_asked) <= set(asked)
    flag = next(q.finding for q in RULES.questions if q.id == settled)
    assert flag in r.screen.open
    done = [x for x in r.screen.resolved if x.question == settled]
    assert done and done[0].by == "text" and done[0].status == "negated"
    assert text[done[0].span[0]:done[0].span[1]] == done[0].evidence


def test_what_the_text_settled_is_shown_in_the_persons_words():
    r = triage("Krampe i nat, den gik over efter et minut")
    done = {x.question: x for x in r.screen.resolved}
    assert done["persistent"].evidence == "gik over"
    assert "persistent" not in qids("Krampe i nat, den gik over efter et minut")


def test_yes_overrides_a_negation_in_the_text():
    r = triage("krampe i læggen, ingen åndenød", answers={"breathing": True})
    assert r.level == "emergency" and r.screen.complete


def test_no_never_removes_a_finding_the_text_states():
    r = triage("Læggen er hævet og øm", answers={"swollen_leg": False, "red_warm_calf": False})
    assert r.level == "urgent"
    assert any(f.id == "dvt_signs" and f.via == "text" for f in r.findings)


def test_emergency_is_always_complete():
    r = triage("Jeg har ondt i brystet og læggen er hævet")
    assert r.level == "emergency"
    assert r.screen.complete and r.screen.open == [] and r.questions == []


def test_urgent_result_still_screens_the_emergency_flags():
    r = triage("Min læg er hævet og øm")
    assert r.level == "urgent" and not r.screen.complete
    assert r.screen.open == ORDER[:4]
    assert {q.level for q in r.questions} == {"emergency"}


def test_all_no_completes_with_safety_netting():
    answers = {q.id: False for q in ROUTES}
    r = triage(PLAIN, answers=answers)
    assert r.screen.complete and r.level == "self_care" and r.questions == []
    assert len(r.safety_net) == 2
    assert r.safety_net[0].startswith("Ring 112")
    assert "åndenød" in r.safety_net[0] and "hævet" in r.safety_net[1]
    assert "Svar først" not in r.action


@pytest.mark.parametrize("q", ROUTES, ids=lambda q: q.id)
def test_ved_ikke_never_raises_and_names_the_flag(q):
    answers = {x.id: False for x in ROUTES}
    answers[q.id] = None
    r = triage(PLAIN, answers=answers)
    assert r.level == "self_care" and r.screen.complete
    items = [i for i in r.if_then if i.via == "answer"]
    assert [i.id for i in items] == [q.finding]
    level = RULES.findings[q.finding].level
    assert items[0].level == level
    assert ("112" in items[0].action) == (level == "emergency")
    assert q.watch in items[0].action


def test_relative_as_patient_is_asked_about():
    r = triage("Min far på 80 har krampe i læggen og den er hævet")
    assert r.patient == "other"
    assert all("din far" in q.text.lower() or "din fars" in q.text.lower() for q in r.questions)
    assert r.questions[0].group == "Har din far noget af dette lige nu?"
    assert triage(PLAIN).patient == "self"


def test_family_history_is_not_the_patient():
    r = triage("Min mor havde en blodprop, og jeg har krampe i læggen")
    assert r.patient == "self"
    assert "Har du" in r.questions[0].text


def test_not_understood_asks_everything_and_ends_self_care_on_all_no():
    r = triage("asdfghjkl qwerty")
    assert not r.understood and r.level is None and r.screen.open == ORDER
    r = triage("asdfghjkl qwerty", answers={"chest_pain": True})
    assert not r.understood and r.level == "emergency"
    r = triage("asdfghjkl qwerty", answers={q.id: False for q in ROUTES})
    assert not r.understood and r.level == "self_care" and r.screen.complete


def test_known_findings_count_but_are_not_answers():
    r = triage(PLAIN, known_findings=["frequent_disturbing"])
    assert r.level == "routine"
    f = next(f for f in r.findings if f.id == "frequent_disturbing")
    assert f.via == "answer" and f.rule == "known"
    with pytest.raises(InputError):
        triage(PLAIN, answers={"frequent_disturbing": True})
    with pytest.raises(InputError):
        triage(PLAIN, known_findings=["nope"])


@pytest.mark.parametrize("answers", [{"nope": True}, {"swollen_leg": "ja"}, ["swollen_leg"]])
def test_bad_answers_are_rejected(answers):
    with pytest.raises(InputError):
        triage(PLAIN, answers=answers)


def test_results_carry_the_policy_version_and_rule_ids():
    r = triage("Min læg er hævet og rød efter en lang flyrejse")
    assert len(r.policy_version) == 12
    assert all(f.rule for f in r.findings)


TEXTS = [
    PLAIN,
    "krampe i læggen i nat, ingen åndenød",
    "min læg er hævet og rød",
    "ondt i læggen når jeg går, det går over når jeg står stille",
    "min mand får krampe hver nat",
    "krampe efter løb, den gik over",
    "asdf",
    "jeg tager vanddrivende og får kramper",
]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(TEXTS), st.dictionaries(st.sampled_from([q.id for q in ROUTES]),
                                               st.sampled_from([True, False, None]),
                                               max_size=4))
def test_yes_to_an_open_question_never_lowers_the_level(text, answers):
    before = triage(text, answers=answers)
    for q in before.questions:
        after = triage(text, answers={**answers, q.id: True})
        assert RANK.get(after.level or "", -1) >= RANK.get(before.level or "", -1)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(TEXTS))
def test_self_care_screen_lists_every_unsettled_red_route(text):
    r = triage(text)
    if r.level != "self_care":
        return
    settled = {x.question for x in r.screen.resolved}
    asked = {q.id for q in r.questions}
    for q in ROUTES:
        assert q.id in settled or q.id in asked, q.id
