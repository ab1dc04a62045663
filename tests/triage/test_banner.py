"""Engine.banner: the triage `krampe ask` shows, without the full result for a question
that reports nothing (core.reports_symptoms decides what the banner is)."""

from __future__ import annotations

import pytest

from krampe import core
from krampe.triage import banner, triage

TEXTS = [
    # questions about cramps in general: no banner
    "hvordan undgår man at få krampe i tæerne om natten?",
    "er det farligt at tage magnesium hver dag?",
    "hvilke øvelser er gode til læggene?",
    "Hej. Hvad er forskellen på en krampe og en fibersprængning?",
    # reports: a present finding, a trigger, a red flag said hypothetically, an episode now
    "mit højre ben er blevet tykt og ømt siden i går",
    "jeg får krampe hver gang jeg har løbet en lang tur",
    "hvad skal jeg gøre hvis læggen en dag bliver varm og hævet?",
    "jeg har krampe i læggen lige nu og den vil ikke slippe",
    "min mor på 80 har fået vanddrivende piller og nu kramper hun om natten",
    # negated or someone else's past: triage reads it, but it is no report
    "jeg har ikke hævelse og ingen smerter i brystet",
    "min bror havde en blodprop for ti år siden",
]


@pytest.mark.parametrize("text", TEXTS)
def test_banner_is_the_triage_result_exactly_when_it_reports(text):
    full = triage(text)
    shown = banner(text)
    if core.reports_symptoms(full):
        assert shown is not None
        assert shown.model_dump() == full.model_dump()
    else:
        assert shown is None


def test_banner_checks_its_input_like_triage():
    with pytest.raises(Exception) as raised:
        banner("   ")
    with pytest.raises(type(raised.value)):
        triage("   ")


def test_both_kinds_occur_among_the_texts():
    # the test above must see questions with and without a banner
    shown = [banner(t) is not None for t in TEXTS]
    assert any(shown) and not all(shown)
