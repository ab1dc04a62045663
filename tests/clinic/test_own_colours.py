"""Our own accent passes the contrast check we ask of every clinic's profile."""

import re

import pytest

from krampe.clinic import contrast


def _accents() -> dict[str, str]:
    css = contrast.STYLESHEET.read_text(encoding="utf-8")
    found = re.findall(r"--accent:\s*(#[0-9a-fA-F]{3,6})\s*;", css)
    assert len(found) == 2, "expected one --accent per colour scheme"
    return dict(zip(contrast.SCHEMES, found, strict=True))


@pytest.mark.parametrize("scheme", contrast.SCHEMES)
def test_our_accent_reads_on_every_background_of_its_scheme(scheme):
    assert contrast.problems(_accents()[scheme], scheme) == []


def test_the_check_would_catch_the_old_dark_blue():
    # The dark scheme's blue before 2026-11-27: 2.99:1 against the routine card.
    assert contrast.problems("#1f6fb8", "dark")
