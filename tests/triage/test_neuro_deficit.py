"""Persisting numbness or weakness (neuro_deficit), not a cramp that eases."""

from __future__ import annotations

import pytest

from tests.triage.helpers import expect


# Durations and weakening forms.
@pytest.mark.parametrize("text", [
    "foden har snurret i mere end fem dage og jeg synes benet er blevet svagere",
    "Min fod har været følelsesløs i flere uger",
    "jeg har haft prikken i tæerne i over en måned og føler mig kraftesløs i benet",
    "Mit knæ giver efter og benet svigter når jeg går på trapper",
    "Jeg kan ikke løfte forfoden og snubler",
    "jeg kan ikke komme op på tæerne på venstre ben længere, læggen føles svag",
])
def test_persisting_weakness_is_urgent(text: str) -> None:
    expect(text, at_least="urgent", has=("neuro_deficit",))


@pytest.mark.parametrize("text", [
    "krampen i læggen blev svagere efter jeg strakte ud",
    "smerterne er blevet svagere i dag, krampen i nat var slem",
])
def test_easing_cramp_is_not_weakness(text: str) -> None:
    expect(text, lacks=("neuro_deficit",))
