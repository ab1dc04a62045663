"""End to end in Debian's chromium (Playwright): ask, triage, screenshots, axe-core audit.

The app runs under `krampe serve` (uvicorn) on a loopback port it picks, as in production.
"""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import REPO, _need
from tests.server import start_server

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "tests" / "artifacts"
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EMERGENCY = "Jeg fik pludselig svært ved at trække vejret, og min venstre læg er hævet og varm"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, base = start_server(tmp_path_factory.mktemp("browser_home"), "--kb", "bundled")
    try:
        with urllib.request.urlopen(f"{base}/healthz", timeout=10) as resp:
            assert json.load(resp)["status"] == "ok"
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    # bypass_csp only so the test can inject axe-core; the app's own pages have no script.
    context = browser.new_context(viewport=PHONE, locale="da-DK", bypass_csp=True)
    p = context.new_page()
    yield p
    context.close()


def _audit(page, name: str) -> list[dict]:
    """Run axe-core on the current page; return serious/critical WCAG 2.1 A/AA violations."""
    _need(AXE.exists(), "node_modules/axe-core is missing (run `npm ci`)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"audit-{name}-phone.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    return [
        {
            "page": name,
            "rule": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"][:3]],
        }
        for v in bad
    ]


def test_ask_and_see_a_sourced_answer(server, page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    page.screenshot(path=str(ARTIFACTS / "home-phone.png"), full_page=True)
    page.get_by_label("Hvad vil du vide om krampe i læggen?").fill(
        "Hvad kan jeg gøre for at undgå krampe om natten?"
    )
    page.get_by_role("button", name="Søg svar").first.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/") == server  # POST: the question is not in the URL
    answers = page.locator("li.answer")
    assert answers.count() >= 1
    assert "Kilde:" in answers.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "answer-phone.png"), full_page=True)


def test_triage_flow_shows_112_for_an_emergency(server, page):
    page.goto(server + "/triage")
    page.get_by_label("Hvad mærker du?").fill(EMERGENCY)
    page.get_by_role("button", name="Vurdér").click()
    page.wait_for_load_state()
    banner = page.locator(".banner-emergency")
    assert banner.count() == 1
    text = banner.inner_text()
    assert "Ring 112 nu" in text and "112" in text
    assert "Du skriver" in text
    page.screenshot(path=str(ARTIFACTS / "triage-emergency-phone.png"), full_page=True)


def test_triage_follow_up_questions_without_javascript(server, browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    p = context.new_page()
    try:
        p.goto(server + "/triage")
        p.get_by_label("Hvad mærker du?").fill("jeg har ondt i læggen")
        p.get_by_role("button", name="Vurdér").click()
        radios = p.locator('fieldset input[type="radio"][value="ja"]')
        assert radios.count() >= 1
        radios.first.check()
        p.get_by_role("button", name="Opdatér vurderingen").click()
        assert p.locator("h1").inner_text() == "Din vurdering"
        assert p.locator(".banner").count() == 1
    finally:
        context.close()


def test_keyboard_skip_link_and_focus(server, page):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Spring til indholdet" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_accessibility_audit_of_every_page(server, page):
    violations: list[dict] = []
    checks = [
        ("forside", "/", None),
        ("krampe-nu", "/nu", None),
        ("program", "/program", None),
        ("kilder", "/kilder", None),
        ("privatliv", "/privatliv", None),
        ("fejlside", "/findes-ikke", None),
        ("triage-trin-1", "/triage", None),
    ]
    for name, path, _ in checks:
        page.goto(server + path)
        violations += _audit(page, name)

    page.goto(server + "/")
    page.get_by_label("Hvad vil du vide om krampe i læggen?").fill(EMERGENCY)
    page.get_by_role("button", name="Søg svar").first.click()
    page.wait_for_load_state()
    violations += _audit(page, "svar-med-banner")

    page.goto(server + "/triage")
    page.get_by_label("Hvad mærker du?").fill("jeg har ondt i læggen efter en lang flyrejse")
    page.get_by_role("button", name="Vurdér").click()
    page.wait_for_load_state()
    violations += _audit(page, "triage-trin-2")
    if page.locator('fieldset input[type="radio"][value="nej"]').count():
        page.locator('fieldset input[type="radio"][value="nej"]').first.check()
        page.get_by_role("button", name="Opdatér vurderingen").click()
        page.wait_for_load_state()
        violations += _audit(page, "triage-resultat")

    page.goto(server + "/program")
    page.get_by_role("button", name="Lav mit program").click()
    page.wait_for_load_state()
    violations += _audit(page, "program-plan")

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    Path(ARTIFACTS / "axe-violations.json").write_text(json.dumps(violations, indent=1))
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
