"""Claudication: calf pain from walking that rest eases, told in lay words."""

from __future__ import annotations

import pytest

from tests.triage.helpers import present


# A walking distance without a digit, comma before the pain, standing still eases it.
@pytest.mark.parametrize("text", [
    "Efter nogle hundrede meter får læggen ondt, og jeg må stoppe op, så går det over",
    "Når jeg har gået et stykke, begynder læggen at smerte, men hvis jeg hviler, forsvinder det",
    "når han har gået en kilometer, får han krampe i læggen, det letter når han står stille",
    "Jeg kan gå 150 meter, så gør læggen ondt og jeg er nødt til at stoppe",
])
def test_walking_pain_eased_by_rest_is_claudication(text: str) -> None:
    assert present(text, "claudication")


@pytest.mark.parametrize("text", [
    "Når jeg går i seng, får jeg krampe i læggen, det går over når jeg står op",
    "jeg fik krampe i læggen efter løbeturen i går, den gik over da jeg strakte ud",
    "efter en cykeltur på 40 km får jeg krampe i læggen, den går over når jeg hviler",
    "efter fem kilometer løb kramper læggen, men det letter når jeg står stille",
])
def test_ordinary_cramp_is_not_claudication(text: str) -> None:
    assert not present(text, "claudication")
