"""Bad input: rejected at once with a Danish error, or `understood: false`, never self-care."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krampe.errors import InputError
from krampe.triage import triage


@pytest.mark.parametrize("text", ["", "   \n\t ", None, 42, "a" * 5001])
def test_rejected(text):
    with pytest.raises(InputError):
        triage(text)


def test_one_megabyte_is_rejected_before_it_is_read(monkeypatch):
    def read(*_args, **_kwargs):
        raise AssertionError("an over-long text was tokenised")

    monkeypatch.setattr("krampe.triage.engine.tokenize", read)
    with pytest.raises(InputError) as exc:
        triage("hævet læg " * 100_000)
    assert exc.value.code == "too_long"


@pytest.mark.parametrize(
    "text",
    [
        "asdfghjkl qwerty",
        "!!!???...",
        "12345 678",
        "My calf is swollen and red",
        "Wie spät ist es?",
        "🙂🙂🙂",
        "Hvad er klokken?",
    ],
)
def test_noise_is_not_understood_and_lists_red_flags(text):
    r = triage(text)
    assert r.understood is False
    assert r.level is None
    assert "112" in r.action and "hævet" in r.action
    assert r.findings == []
    # free text never closes the screen: every red flag is still open
    assert r.screen.open == ["pe_signs", "seizure", "limb_ischaemia", "cauda_equina",
                             "dvt_signs", "injury_signs", "neuro_deficit", "persistent_cramp"]


def test_unknown_region_is_an_input_error():
    with pytest.raises(InputError):
        triage("krampe", region="bornholm")


def test_region_names_are_forgiving():
    r = triage("Læggen er hævet og varm", region="Region Sjælland")
    assert "1818" in r.action and "1813" not in r.action


def test_output_does_not_depend_on_the_clock():
    text = "Min læg er hævet og rød efter en lang flyrejse"
    assert triage(text).model_dump() == triage(text).model_dump()


@pytest.mark.parametrize(
    "text", ["¹", "²³ dage", "٣ kramper", "læg\u200bgen er hævet", "\ufeffkrampe"]
)
def test_odd_unicode_never_crashes(text):
    triage(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_result_or_an_input_error(text):
    try:
        r = triage(text)
    except InputError:
        return
    assert r.level in (None, "self_care", "routine", "urgent", "emergency")
    for f in r.findings:
        assert f.evidence in r.text or f.evidence.startswith("svar: ")
