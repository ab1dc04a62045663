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
