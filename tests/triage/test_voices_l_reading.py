"""Readings found short by the voices L round: a whole body told with its owner ("hele
hans krop") is a whole body, shaking told with how long it lasted still meets the missing
answer after it, and the answer may follow its subject ("svarede hun ikke")."""

from __future__ import annotations

import pytest

from .helpers import level, present


@pytest.mark.parametrize("text", [
    "Min far sad i sofaen, så rystede hele hans krop, og bagefter var han forvirret.",
    "I går aftes rystede hele min krop og jeg kan ikke huske hvad der skete.",
    "Barnet lå og rykkede i hele kroppen på ham i et par minutter.",
])
def test_a_whole_body_with_its_owner_is_a_seizure(text: str) -> None:
    assert present(text, "seizure")
    assert level(text) == "emergency"


@pytest.mark.parametrize("text", [
    "Min veninde rystede over det meste af kroppen i vel et halvt minut og hun svarede os ikke.",
    "Han rystede voldsomt i næsten to hele minutter og bagefter svarede han slet ikke.",
])
def test_shaking_with_a_duration_then_no_answer_is_a_seizure(text: str) -> None:
    assert present(text, "seizure")
    assert level(text) == "emergency"


@pytest.mark.parametrize("text", [
    # a cramp in a calf is no whole body, whoever it belongs to
    "Jeg fik krampe i hele min læg i nat, den slap efter et minut da jeg strakte den.",
    # a comma ends the stretch: the friend not answering the phone is no fit
    "Jeg rystede af kulde efter badet i havnen, læggen krampede, og min ven svarede ikke.",
])
def test_a_calf_or_a_cold_shiver_is_no_seizure(text: str) -> None:
    assert not present(text, "seizure")


def test_an_empty_tick_box_is_denied_and_a_ticked_one_present() -> None:
    text = ("Mit skema:\n[x] krampe i højre læg\n[ ] følelsesløs i skridtet\n"
            "[ ] svært ved at tisse\n[x] ondt i lænden")
    assert not present(text, "cauda_equina")
    assert level(text) != "emergency"


def test_a_ticked_red_flag_stays_present() -> None:
    text = "Mit skema:\n[ ] ondt i lænden\n[x] følelsesløs i skridtet\n[x] krampe i læggen"
    assert present(text, "cauda_equina")
    assert level(text) == "emergency"


def test_a_tick_box_reaches_no_further_than_its_own_line() -> None:
    # the empty box before the swelling denies only the fever line
    text = "[ ] feber\n[x] venstre læg hævet og varm\n[x] øm"
    assert present(text, "dvt_signs")


def test_a_call_transcripts_questions_are_answered_by_the_next_line() -> None:
    text = ("S: Hvad ringer du om?\nP: Krampe i læggen efter håndbold, nu er den lidt stiv\n"
            "S: Hørte du et smæld?\nP: Nej\nS: Er den hævet eller varm?\nP: Nej, slet ikke")
    assert not present(text, "injury_signs")
    assert not present(text, "dvt_signs")
    assert level(text) == "self_care"


def test_a_yes_in_a_transcript_keeps_the_sign() -> None:
    text = "S: Er læggen hævet og varm?\nP: Ja\nS: Får du vejret?\nP: Kun lidt, jeg har åndenød"
    assert present(text, "dvt_signs")
    assert level(text) == "emergency"


def test_a_quoted_post_is_someone_elses_words() -> None:
    text = ("Oprindeligt indlæg: 'Hævet læg efter lang flyrejse - blodprop?'\n"
            "Svar: Hos mig er det kun krampe om natten, den slipper når jeg strækker.")
    assert not present(text, "dvt_signs")
    assert level(text) == "self_care"


def test_the_reply_under_a_thread_title_is_the_writers_own() -> None:
    text = "Emne: kramper\nSvar: min venstre læg er hævet, varm og øm siden i går"
    assert present(text, "dvt_signs")


def test_the_writer_going_on_after_a_title_on_the_same_line_is_the_writer() -> None:
    text = ("Emne: løb og kramper. I aftes rystede hele min søns krop og han svarede ikke, "
            "nu er han forvirret.")
    assert present(text, "seizure")
    assert level(text) == "emergency"


@pytest.mark.parametrize("text", [
    "Emne: hævet og rød læg efter flyrejse\nSe emnet. Hvad gør jeg?",
    "Tråd: hævet og rød læg efter fly",
])
def test_the_writers_own_subject_line_is_the_writers(text: str) -> None:
    # A subject or thread title is as often the writer's own: never quoted away.
    assert level(text) == "urgent"
