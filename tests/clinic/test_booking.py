"""The booking rule, level by level: a clinic's "Book tid" only on a finished routine or
self-care result, never on urgent or emergency, never while the screen is open."""

from __future__ import annotations

import pytest

from krampe.clinic import booking, load, offers_booking
from krampe.triage import triage
from tests.clinic.helpers import finished, write_profile
from tests.triage.helpers import LEVEL_TEXTS

OFFERED = {"emergency": False, "urgent": False, "routine": True, "self_care": True}


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return load(write_profile(tmp_path_factory.mktemp("clinic")))


@pytest.mark.parametrize("level", list(LEVEL_TEXTS))
def test_booking_per_level(profile, level):
    result = finished(LEVEL_TEXTS[level])
    assert result["level"] == level and result["screen"]["complete"]
    offer = booking(profile, result)
    if OFFERED[level]:
        assert offer == {
            "clinic": "Fysioterapi Testvej", "label": "Book tid hos Fysioterapi Testvej",
            "url": "https://testvej-fys.example/book", "phone": "86 00 00 00",
            "tel": "86000000", "opening_hours": ["Mandag–fredag 8–16"]}
    else:
        assert offer is None


@pytest.mark.parametrize("level", ["routine", "self_care"])
def test_no_booking_while_the_screen_is_open(profile, level):
    # Before the red-flag questions are answered the result may still become urgent.
    result = triage(LEVEL_TEXTS[level]).model_dump(mode="json")
    assert not result["screen"]["complete"]
    assert not offers_booking(result) and booking(profile, result) is None


def test_no_profile_no_booking():
    assert booking(None, finished(LEVEL_TEXTS["routine"])) is None


def test_a_text_not_understood_gets_no_booking(profile):
    result = triage("xyzzy qwerty").model_dump(mode="json")
    assert not result["understood"]
    assert booking(profile, result) is None
