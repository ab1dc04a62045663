"""The diary in a real browser (Debian's chromium via Playwright) under `krampe serve`:
register, one-tap quick entry, a red-flag note, patterns; axe-core on every diary page."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, _need
from tests.server import start_server

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "tests" / "artifacts"
PHONE = {"width": 390, "height": 844}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, base = start_server(tmp_path_factory.mktemp("diary_browser_home"), "--no-access-log")
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def page(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=ARGS)
        # bypass_csp only so axe-core can be injected; the pages themselves have no script.
        context = browser.new_context(viewport=PHONE, locale="da-DK", bypass_csp=True)
        yield context.new_page()
        browser.close()


def _audit(page, name: str) -> list[dict]:
    _need(AXE.exists(), "node_modules/axe-core is missing (run `npm ci`)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"diary-{name}-phone.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"page": name, "rule": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_diary_in_the_browser_with_axe(server, page):
    problems = []
    page.goto(server + "/konto/opret")
    problems += _audit(page, "register")
    page.get_by_label("Brugernavn").fill("browser-bruger")
    page.get_by_label("Adgangskode", exact=True).fill("hemmelig-kode")
    page.get_by_label("Gentag adgangskoden").fill("hemmelig-kode")
    page.get_by_role("button", name="Opret konto").click()
    page.wait_for_load_state()
    assert page.url.endswith("/dagbog")
    problems += _audit(page, "diary-empty")

    # Quick entry: everything is pre-filled; one tap at the top of the form saves it.
    page.get_by_role("button", name="Gem krampen nu").click()
    page.wait_for_load_state()
    assert "Krampen er gemt" in page.content()

    # A note with a red flag shows the triage banner right away.
    page.locator("summary", has_text="Dagens sammenhæng og note").click()
    page.locator("form[action='/dagbog']").get_by_label("Drak kaffe eller energidrik").check()
    page.get_by_label("Note").fill("Læggen er hævet og varm")
    page.get_by_role("button", name="Gem krampen", exact=True).click()
    page.wait_for_load_state()
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
    page.get_by_role("button", name="Log ud").click()
    page.wait_for_load_state()
    page.goto(server + "/konto/log-ind")
    problems += _audit(page, "login")
    assert problems == []
