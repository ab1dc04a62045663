"""The one detector of an acute question: asked during a cramp happening now."""

from __future__ import annotations

import pytest

from krampe.knowledge.acute import asks_relief, is_acute


@pytest.mark.parametrize("text", [
    "krampe nu",
    "av av",
    "Auuu auuu min læg",
    "Av! læggen",
    "hjælp, den slipper ikke",
    "hjææælp min læg låser lige nu",
    "jeg har krampe i læggen lige nu, hvad gør jeg?",
    "krampen vil ikke give slip, hvad skal jeg gøre",
    "min læg er låst og det går ikke over",
    "jeg har stadig krampe i foden",
    "hvad gør jeg lige nu? læggen er helt låst",
    "jeg fik krampe for et kvarter siden og kan ikke få den til at give slip",
])
def test_a_cramp_happening_now_is_acute(text: str):
    assert is_acute(text)


@pytest.mark.parametrize("text", [
    "hvad gør jeg, hvis jeg får krampe?",
    "hvorfor får jeg krampe om natten?",
    "jeg har haft kramper i et år, nu vil jeg vide om magnesium virker",
    "jeg har fået ny medicin og nu får jeg kramper",  # "og nu": since then
    "jeg får krampe av og til",  # Norwegian "av"
    "når jeg får krampe om natten, slipper den ikke før efter ti minutter",  # a habit
    "hvad hvis krampen ikke går over?",  # a condition
    "min læg er stadig øm dagen efter krampen",  # after
    "kan fysioterapi hjælpe mod kramper?",
    "hjælp, min læg er hævet og jeg har åndenød",  # an emergency, not a cramp
    "jeg har følelsesløshed i foden, og den vil ikke gå væk",  # no cramp
    "jeg har krampe i læggen nu og da",  # now and then
    "krampen varede et kvarter, og jeg kunne ikke få den til at slippe",  # the past
    "",
])
def test_a_question_about_cramps_in_general_is_not(text: str):
    assert not is_acute(text)


@pytest.mark.parametrize(("text", "relief"), [
    ("hvad gør jeg, når jeg vågner med krampe?", True),
    ("krampe nu", True),
    ("hvad kan man gøre ved kramper i benene om natten", True),
    ("hvad gør jeg for at undgå kramper?", False),  # prevention
    ("jeg får krampe til sidst i løbet. hvad gør jeg forkert?", False),
    ("hvorfor får jeg kramper?", False),
])
def test_asking_what_to_do_about_a_cramp(text: str, relief: bool):
    assert asks_relief(text) is relief
