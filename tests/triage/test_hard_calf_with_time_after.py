"""A calf still hard hours later is the policy's cramp that will not release, also when the
time is added after a comma or an activity is named beside it; hard training itself is no
hard calf."""

from __future__ import annotations

import pytest

from tests.triage.helpers import level


@pytest.mark.parametrize("text", [
    "Læggen er stadig knaldhård efter gåturen, fem timer senere",
    "læggen er stadig hård efter fodbolden, 3 timer senere, selvom jeg har strakt ud",
    "benet er efter cykelturen stadig stenhårdt og ømt 4 timer senere",
])
def test_still_hard_with_the_time_after_or_an_activity_beside_is_urgent(text: str) -> None:
    assert level(text) == "urgent"


@pytest.mark.parametrize("text", [
    "jeg trænede hårdt i to timer og læggen er stadig øm",
    "arbejdede hårdt hele dagen, stadig lidt ømme lægge i dag",
])
def test_hard_work_or_training_is_no_hard_calf(text: str) -> None:
    assert level(text) == "self_care"
