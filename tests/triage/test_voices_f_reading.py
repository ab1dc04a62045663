"""Voices beyond the earlier rounds: autocorrect that strips æ/ø/å from a few words of a
sentence, and replies to the follow-up questions written as bare fragments. Our own
wordings; each test names the behaviour."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from krampe.triage.context import Mention
from krampe.triage.engine import Engine
from tests.triage.helpers import level


@pytest.mark.parametrize("text", [
    "Højre lag er havet og rod siden flyveturen i går, det spænder.",
    "laggen er rod og havet og det gør ondt at gå på den",
])
def test_several_stripped_sign_words_in_one_sentence_are_read_as_danish(text: str) -> None:
    assert level(text) == "urgent"


@pytest.mark.parametrize("text", [
    "Jeg fik krampe i læggen efter jeg havde badet i havet, den slap efter et minut.",
    "Der er rod i min kalender, og jeg får krampe i læggen om natten.",
])
def test_one_stripped_looking_word_alone_stays_the_word_it_is(text: str) -> None:
    assert level(text) == "self_care"


@pytest.mark.parametrize("text", [
    "ja. stadig krampet og hård. 4 timer. nej ikke rød.",
    "nej ingen hævelse. ja sidder stadig fast, snart 2 timer.",
])
def test_fragments_answering_the_questions_are_about_the_cramp(text: str) -> None:
    assert level(text) == "urgent"


def test_fragments_telling_nightly_cramps_over_months_are_routine() -> None:
    assert level("nej. ja hver eneste nat. et halvt år. nej ingen medicin.") == "routine"


def test_one_yes_or_no_alone_does_not_make_a_cramp_of_the_text() -> None:
    # a single answer word is not a reply to the questions: nothing is read as a cramp
    assert level("nej, jeg er bare øm i læggen efter løbeturen, 3 timer nu.") == "self_care"


@pytest.mark.parametrize("text", [
    "Kramperne slap begge to, da jeg gik lidt rundt.",
    "Natten var slem, men krampen slap til sidst af sig selv.",
])
def test_slap_after_a_cramp_is_the_verb_let_go_not_limp(text: str) -> None:
    assert level(text) == "self_care"


def test_limp_after_shaking_is_still_a_seizure() -> None:
    assert level("Min søn rystede over hele kroppen og blev helt slap bagefter") == "emergency"


@pytest.mark.parametrize("text", [
    "Krampe i læggen ved km 30 og helt forpustet resten af ruten, nu er jeg bare øm.",
    "Cyklede 80 kilometer i modvind, forpustet de sidste kilometer og fik krampe i læggen.",
])
def test_out_of_breath_during_a_run_or_ride_is_exertion(text: str) -> None:
    assert level(text) == "self_care"


def test_out_of_breath_with_a_swollen_calf_stays_an_emergency_after_a_run() -> None:
    assert level("Løb 10 km i går. Nu er læggen hævet og jeg er forpustet hele tiden.") \
        == "emergency"


def test_an_emoji_before_a_capital_ends_the_sentence_so_a_negation_reaches_its_finding() -> None:
    assert level("Drak næsten intet vand i går 😅 Ingen hævelse, ikke rød. Krampe i nat.") \
        == "self_care"


@pytest.mark.parametrize("text", [
    "startede på statiner {} nej vent det er min far, han er 70 og har kramper i læggene",
    "ingen hævelse {} men den er rød og varm og gør ondt",
])
def test_an_emoji_before_a_lower_case_word_keeps_the_sentence_whole(text: str) -> None:
    with_emoji, without = triage(text.format("😬")), triage(text.format(""))
    assert (with_emoji.level, with_emoji.triggers) == (without.level, without.triggers)


@pytest.mark.parametrize("text", [
    "Krampe i læggen under løbet. Hævet er læggen ikke, og varm er den heller ikke.",
    "Krampe i nat. Rødt var benet ikke, det var bare ømt i morges.",
])
def test_a_fronted_sign_denied_with_the_body_part_as_subject_is_negated(text: str) -> None:
    assert level(text) == "self_care"


@pytest.mark.parametrize("text", [
    "Til dem der tror de har en blodprop hver gang læggen kramper: det er næsten aldrig det.",
    "Mange der mener de har en blodprop, har bare en almindelig krampe i læggen.",
])
def test_other_peoples_belief_about_a_clot_is_no_clot_here(text: str) -> None:
    assert level(text) == "self_care"


def test_the_writers_own_suspicion_of_a_clot_still_counts() -> None:
    assert level("Jeg tror jeg har en blodprop i læggen") == "urgent"


def test_swedish_jag_before_its_verb_is_the_pronoun_not_a_stabbing_pain() -> None:
    text = "Jag har kramp i vaden ibland om natten."
    assert "pain" not in {m.concept for m in _mentions(text)}
    assert level(text) == "self_care"


def test_a_stabbing_jag_in_danish_is_still_pain() -> None:
    assert "pain" in {m.concept for m in _mentions("Der kom et jag i læggen da jeg rejste mig")}


def test_a_swedish_none_negates_the_medicine_and_stops_at_och() -> None:
    text = "Jag tar inga mediciner och får kramp i vaden flera nätter i veckan."
    found = {m.concept: m.status for m in _mentions(text)}
    assert found["medicine"] == "negated"
    assert found["cramp"] == "present"


def _mentions(text: str) -> list[Mention]:
    return Engine.get().mentions(text)[2]


def test_swedish_frequency_and_span_make_recurring_cramps_routine() -> None:
    assert level("Jag får kramp i vaden flera gånger i veckan, sedan i somras.") == "routine"


@pytest.mark.parametrize("text", [
    "nej. 81. ja mest om natten.",
    "68. Krampe i læggen flere nætter i træk.",
])
def test_a_bare_number_sentence_answers_how_old(text: str) -> None:
    assert "age" in triage(text).triggers


def test_a_bare_young_number_is_no_age_trigger() -> None:
    assert "age" not in triage("nej. 34. ja mest om natten.").triggers


def test_triggers_in_answer_fragments_belong_to_the_implied_cramp() -> None:
    assert "night" in triage("nej. ja. næsten hver nat i en måned. nej.").triggers
