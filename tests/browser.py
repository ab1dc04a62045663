"""What every browser test shares: `krampe serve` on a port of its own, Debian's chromium
through Playwright, axe-core, and where screenshots go.

tests/conftest.py loads this module as a plugin, so any test may name the fixtures
`chromium_path`, `server`, `browser`, `page` and `nojs`; the helpers are imported. Without
chromium or axe-core a test skips on a user's machine and fails on CI (`_need`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from tests.conftest import REPO, _need
from tests.server import serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

ARTIFACTS = REPO / "tests" / "artifacts"  # screenshots, PDFs and audit reports (not committed)
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
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


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    _need(Path(path).exists(), "Debian's chromium is not installed")
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`krampe serve` as in production (the bundled pack), with a KRAMPE_HOME and so a
    database of the test module's own: accounts made in one module never meet another's."""
    with serving(tmp_path_factory.mktemp("browser_home")) as base:
        yield base


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def new_context(browser: Browser, *, width: int = PHONE["width"], js: bool = True,
                scheme: Literal["light", "dark"] = "light",
                bypass_csp: bool = True) -> BrowserContext:
    """A Danish browser `width` px wide and a phone's screen tall.

    bypass_csp only so that `axe` can inject axe-core: the app's pages run no script of
    their own. A test of the app's CSP turns it off."""
    return browser.new_context(viewport={"width": width, "height": PHONE["height"]},
                               locale="da-DK", java_script_enabled=js,
                               color_scheme=scheme, bypass_csp=bypass_csp)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A phone with JavaScript on, in a context of its own."""
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def nojs(browser: Browser) -> Iterator[Page]:
    """A phone with JavaScript off and the app's own CSP in force (flows must not need
    script)."""
    context = new_context(browser, js=False, bypass_csp=False)
    yield context.new_page()
    context.close()


def artifact(name: str) -> Path:
    """Where a test writes the file `name` for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    """A screenshot of the page as tests/artifacts/NAME.png."""
    page.screenshot(path=str(artifact(f"{name}.png")), full_page=full_page)


def axe(page: Page, name: str, **labels: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page, each labelled
    with the page's `name` (and `labels`) and at most three of the nodes."""
    _need(AXE.exists(), "node_modules/axe-core is missing (run `npm ci`)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"page": name, **labels, "rule": v["id"], "impact": v["impact"],
             "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def audit(page: Page, name: str) -> list[dict[str, Any]]:
    """A screenshot (tests/artifacts/audit-NAME-phone.png), then `axe`."""
    shot(page, f"audit-{name}-phone")
    return axe(page, name)


# --- what a person does on the pages (forms post without JavaScript) ------------------------

PASSWORD = "hemmelig-kode"


def press(page: Page, button: str, *, exact: bool = False) -> None:
    """Press the button and wait for the page it loads."""
    page.get_by_role("button", name=button, exact=exact).click()
    page.wait_for_load_state()


def ask(page: Page, server: str, question: str) -> None:
    """Ask a question on the front page."""
    page.goto(server + "/")
    page.get_by_label("Hvad vil du vide om krampe i læggen?").fill(question)
    page.get_by_role("button", name="Søg svar").first.click()
    page.wait_for_load_state()


def describe(page: Page, server: str, text: str, region: str | None = None) -> None:
    """Describe symptoms on /triage (choosing the region, if given) and send them."""
    page.goto(server + "/triage")
    page.get_by_label("Hvad mærker du?").fill(text)
    if region:
        page.locator("select#region").select_option(region)
    press(page, "Vurdér")


def register(page: Page, username: str) -> None:
    """Fill in and send the open registration page (/konto/opret)."""
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.get_by_label("Gentag adgangskoden").fill(PASSWORD)
    press(page, "Opret konto")
