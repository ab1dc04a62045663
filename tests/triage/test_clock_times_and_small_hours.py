"""A time of day as a clock shows it: one number whatever its seconds, and in the small
hours the night a cramp came in. Our own wordings; each test names the behaviour."""

from __future__ import annotations

import pytest

from krampe.lang.da import danish
from krampe.triage.patterns import parse_pattern
from tests.triage.helpers import triggers


def test_a_clock_time_with_seconds_is_one_number_and_ends_no_sentence() -> None:
    toks, sents = danish().tokenizer.tokenize("Uret viste 01:55:20 da læggen trak sig sammen.")
    assert [t.text for t in toks if t.kind == "num"] == ["01:55:20"]
    assert len(sents) == 1


def test_a_date_stays_a_date() -> None:
    toks, _ = danish().tokenizer.tokenize("Det skete 14.03.2024 om morgenen.")
    assert [t.text for t in toks if t.kind == "num"] == ["14.03", "2024"]


@pytest.mark.parametrize(("text", "hit"), [
    ("04:20", True), ("00.50", True), ("02:10:33", True),
    ("16:45", False), ("1:44:02", False), ("3:30", False), ("3", False),
])
def test_clock_items_match_only_a_time_of_day_as_a_clock_shows_it(text: str, hit: bool) -> None:
    toks, _ = danish().tokenizer.tokenize(text)
    assert (parse_pattern("CLOCK<5").match_at(toks, 0, len(toks)) > 0) is hit


@pytest.mark.parametrize("text", [
    "Krampe i højre fod 04:05 på feriehuset, strakte den og den slap.",
    "Klokken var 01.30 da min læg trak sig sammen, den gik over igen.",
])
def test_a_cramp_at_a_small_hours_clock_time_is_a_night_cramp(text: str) -> None:
    assert "night" in triggers(text)


@pytest.mark.parametrize("text", [
    "Krampe i læggen kl. 15:40 efter frokosten, gik over med stræk.",
    "Løb mit maraton på 3:58:10 og fik krampe i læggen til sidst.",
])
def test_an_afternoon_clock_or_a_race_time_is_no_night(text: str) -> None:
    assert "night" not in triggers(text)
