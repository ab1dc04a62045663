"""The diary in a real browser (Debian's chromium via Playwright) under `krampe serve`:
register, one-tap quick entry, a red-flag note, patterns; axe-core on every diary page."""

from __future__ import annotations

import pytest

# The fixtures (`server`, `page`) are tests/browser.py's.
from tests.browser import axe, press, register, shot

pytestmark = pytest.mark.browser


def _audit(page, name: str) -> list[dict]:
    shot(page, f"diary-{name}-phone")
    return axe(page, name)


def test_diary_in_the_browser_with_axe(server, page):
    problems = []
    page.goto(server + "/konto/opret")
    problems += _audit(page, "register")
    register(page, "browser-bruger")
    assert page.url.endswith("/dagbog")
    problems += _audit(page, "diary-empty")

    # Quick entry: everything is pre-filled; one tap at the top of the form saves it.
    press(page, "Gem krampen nu")
    assert "Krampen er gemt" in page.content()

    # A note with a red flag shows the triage banner right away.
    page.locator("summary", has_text="Dagens sammenhæng og note").click()
    page.locator("form[action='/dagbog']").get_by_label("Drak kaffe eller energidrik").check()
    page.get_by_label("Note").fill("Læggen er hævet og varm")
    press(page, "Gem krampen", exact=True)
    assert page.locator(".banner-urgent").count() == 1
    problems += _audit(page, "diary-banner")

    page.get_by_role("link", name="Se dine mønstre med grafer").click()
    page.wait_for_load_state()
    assert page.locator("svg[role=img]").count() == 2
    problems += _audit(page, "patterns")

    page.goto(server + "/dagbog")
    page.locator("a[href^='/dagbog/registrering/']").first.click()
    page.wait_for_load_state()
    problems += _audit(page, "edit")

    page.goto(server + "/konto")
    problems += _audit(page, "account")
    press(page, "Log ud")
    page.goto(server + "/konto/log-ind")
    problems += _audit(page, "login")
    assert problems == []
