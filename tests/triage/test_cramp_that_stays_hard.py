"""A cramp that will not release (persistent_cramp), told in any word order: a calf
still hard hours later, hard despite stretching, massage and walking, not released yet;
and remedies that fail are a failing, not a negated finding."""

from __future__ import annotations

import pytest

from .helpers import expect, present


def _persistent(text: str) -> bool:
    return present(text, "persistent_cramp")


@pytest.mark.parametrize("text", [
    # hardness as a compound or a likeness, still so hours later
    "Tre timer efter er min læg fortsat pladehård",
    "læggen er stadig stiv som et bræt og gør ondt",
    "Musklen er endnu benhård og øm her til morgen",
    # clinical wording
    "m. soleus er fortsat kontraheret og øm efter flere timer",
    # despite remedies, either clause first
    "Min læg er hård som sten, skønt jeg har masseret og strakt den",
    "Selvom jeg har strakt ud og gået en tur, er læggen stadig knaldhård",
    "lægmusklen er hård og spændt på trods af varme og massage",
    # not released, and a long time told as a span
    "Krampen i foden er stadig ikke gået over",
    "Krampen fra i nat har stadig ikke sluppet",
    "lægmusklen har været stenhård siden i går",
])
def test_calf_that_stays_hard_is_persistent_cramp(text: str) -> None:
    expect(text, "urgent", persistent_cramp="present")


@pytest.mark.parametrize("text", [
    # an ordinary cramp, hard while it lasts
    "Læggen blev hård som en sten, men efter et minut med stræk slap den",
    # hard training or work is no hard calf
    "trænede hårdt i to timer i går og fik en kort krampe i læggen",
    "Efter en hård dag på arbejdet fik jeg krampe i foden, den gik over med det samme",
    # cramps that keep coming, not one that holds
    "Jeg får kramper hver nat, og læggen er stadig øm og hård om morgenen",
])
def test_ordinary_or_recurring_cramp_is_not_persistent(text: str) -> None:
    assert not _persistent(text), text


def test_neither_remedy_helping_is_remedies_failing_not_negated() -> None:
    text = ("Jeg har lægkramper flere gange om ugen i to måneder, og hverken udstrækning, "
            "vand eller magnesium hjælper")
    expect(text, "routine", self_care_failed="present")


def test_neither_remedy_helping_with_a_hard_calf_is_urgent() -> None:
    text = ("Nu to timer senere er læggen stadig hård, og hverken massage, varme eller at gå "
            "lidt rundt hjælper")
    assert _persistent(text)
