"""Words that look like signs but are not: a desk that is raised and lowered is no swollen
leg, and a medicine the writer will not stop is no cramp that will not stop."""

from __future__ import annotations

import pytest

from tests.triage.helpers import level


@pytest.mark.parametrize("text", [
    "Jeg har fået et hæve-sænkebord på kontoret, og min højre læg kramper mindre nu.",
    "Står ved mit hævesænkebord det meste af dagen. Krampe i venstre læg om aftenen.",
])
def test_a_raise_and_lower_desk_is_no_swelling(text: str) -> None:
    assert level(text) == "self_care"


def test_a_swollen_calf_beside_a_desk_is_still_a_swelling() -> None:
    text = "Har et hæve-sænkebord, men i dag er min venstre læg hævet og øm."
    assert level(text) == "urgent"


@pytest.mark.parametrize("text", [
    "Kramper i læggene om natten, siden jeg fik vanddrivende. Vil ikke stoppe pillerne, "
    "før jeg har talt med lægen.",
    "Fik kolesterolmedicin i foråret og har haft natkramper siden. Vil ikke droppe "
    "tabletterne på egen hånd.",
])
def test_a_medicine_not_stopped_is_no_cramp_that_will_not_stop(text: str) -> None:
    assert level(text) == "routine"


def test_a_cramp_that_will_not_stop_is_still_one() -> None:
    assert level("Krampen i min læg vil ikke stoppe, og den er stenhård.") == "urgent"
