"""Stance cues: advice vs. its negation on the same topic, conditions ignored."""

from __future__ import annotations

import pytest

from krampe.content.stance import cues, sentence_stances


def stances(sentence: str) -> set[tuple[str, str]]:
    return {(s.topic, s.polarity) for s in sentence_stances(sentence)}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Massér området med faste strøg.", {("massage", "for")}),
    ("Undgå også at røre ved eller massere musklen.", {("massage", "against")}),
    ("Masser ikke læggen under krampen.", {("massage", "against")}),
    ("Lad være med at massere, men stræk musklen.", {("massage", "against"),
                                                       ("stretching", "for")}),
    ("Undgå at stå på tæerne eller at røre ved området.", {("toe_raise", "against"),
                                                             ("massage", "against")}),
    ("Excentriske hældrugninger anbefales for at styrke læggen.", {("toe_raise", "for")}),
    ("Magnesiumtilskud frarådes ved nyresygdom.", {("magnesium", "against")}),
    ("Kinin bør ikke bruges uden lægens råd.", {("quinine", "against")}),
    # Conditions and plain statements are not advice.
    ("Hvis krampen ikke slipper ved stræk, massage og gang, bør du søge læge.", set()),
    ("Musklen blev masseret af en fysioterapeut i går.", set()),
])
def test_sentence_stance(sentence: str, expected: set[tuple[str, str]]) -> None:
    assert stances(sentence) == expected


def test_cue_data_validates() -> None:
    table = cues()
    assert {"massage", "toe_raise"} <= set(table.topics)
    assert "undgå" in table.negation_cues
