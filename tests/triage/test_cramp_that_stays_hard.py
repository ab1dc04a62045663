"""A cramp that will not release (persistent_cramp), told in any word order: a calf
still hard hours later, hard despite stretching, massage and walking, not released yet;
and remedies that fail are a failing, not a negated finding."""

from __future__ import annotations

import pytest

from krampe.triage import triage

from .helpers import level


def _persistent(text: str) -> bool:
    return any(f.id == "persistent_cramp" and f.status == "present"
               for f in triage(text).findings)


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
    assert _persistent(text), text
    assert level(text) == "urgent"


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
    r = triage(text)
    assert any(f.id == "self_care_failed" and f.status == "present" for f in r.findings)
    assert r.level == "routine"


def test_neither_remedy_helping_with_a_hard_calf_is_urgent() -> None:
    text = ("Nu to timer senere er læggen stadig hård, og hverken massage, varme eller at gå "
            "lidt rundt hjælper")
    assert _persistent(text)
