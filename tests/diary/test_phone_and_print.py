"""The diary on a phone and on paper, in Debian's chromium: a month of entries; the
doctor's summary prints on one A4 page; inputs and buttons are at least 44 px tall, the
entry cards keep their edit button in view, chart labels stay readable; axe-core finds
nothing serious on these pages."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

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
LONG_NOTE = ("Vågnede med krampe i venstre læg efter en lang dag på benene; "
             "strakte ud og gik lidt rundt, så slap den efter et par minutter. ") * 3


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    proc, base = start_server(tmp_path_factory.mktemp("doctor_print_home"), "--no-access-log")
    try:
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def page(chromium_path, server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=ARGS)
        # bypass_csp only so axe-core can be injected; the pages themselves have no script.
        context = browser.new_context(viewport=PHONE, locale="da-DK", bypass_csp=True)
        p = context.new_page()
        _a_month_of_entries(p, server)
        yield p
        browser.close()


def _a_month_of_entries(page, base: str) -> None:
    """60 cramps on the 29 days before today, long notes, red flags and every context."""
    r = page.request.post(f"{base}/api/account/register",
                          data={"username": "til-laegen", "password": "hemmelig-kode"})
    assert r.status == 201, r.text()
    headers = {"X-CSRF-Token": r.json()["csrf_token"]}
    contexts = ["trained", "followed_programme", "alcohol", "coffee", "drank_little",
                "new_medicine", "long_sitting", "long_standing", "hot_weather", "poor_sleep"]
    today = datetime.now(ZoneInfo("Europe/Copenhagen")).replace(tzinfo=None)
    for n in range(60):
        when = today.replace(hour=1 + 7 * (n % 2), minute=10) - timedelta(days=n % 29 + 1)
        note = LONG_NOTE if n % 4 else "Læggen er hævet, rød og varm" if n % 8 == 0 else None
        body = {"started_at": when.isoformat(timespec="minutes"), "intensity": n % 11,
                "duration_seconds": 30 + 20 * n, "leg": ["left", "right", "both"][n % 3],
                "situation": ["asleep", "resting", "exercising", "working", "other"][n % 5],
                "disturbed_sleep": n % 2 == 0, "disturbed_work": n % 7 == 0,
                "contexts": contexts[n % 10:] + contexts[: n % 3], "note": note}
        r = page.request.post(f"{base}/api/diary/entries", data=body, headers=headers)
        assert r.status == 201, r.text()


def _audit(page, name: str) -> list[dict]:
    _need(AXE.exists(), "node_modules/axe-core is missing (run `npm ci`)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [{"page": name, "rule": v["id"], "nodes": [n["target"] for n in v["nodes"][:3]]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_a_month_prints_on_one_a4_page(page, server):
    from pypdf import PdfReader

    page.goto(server + "/dagbog/til-laegen")
    assert "60 kramper" in page.locator("main").inner_text()
    assert page.locator("#d-flags + ul li").count() >= 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "doctor-summary-phone.png"), full_page=True)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "doctor-summary.pdf").write_bytes(pdf)
    page.emulate_media(media="screen")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Krampedagbog til lægen" in text and "Faresignaler" in text
    assert "Vis perioden" not in text  # the form is not printed


def test_the_summary_page_passes_axe(page, server):
    page.goto(server + "/dagbog/til-laegen")
    assert _audit(page, "doctor") == []
    page.goto(server + "/dagbog/til-laegen?fra=snart")
    assert _audit(page, "doctor-error") == []


TARGETS = ("input[type=text], input[type=date], input[type=time], input[type=number], "
           "input[type=password], textarea, select, button, a.button")


def _small_targets(page) -> list[str]:
    return page.evaluate(
        """sel => [...document.querySelectorAll(sel)]
            .filter(el => el.offsetParent !== null)
            .map(el => [el.outerHTML.slice(0, 60), el.getBoundingClientRect().height])
            .filter(([_, h]) => h < 44)
            .map(([html, h]) => `${html} (${h.toFixed(0)} px)`)""", TARGETS)


def test_diary_forms_and_cards_on_a_phone(page, server):
    problems: list[dict] = []
    page.goto(server + "/dagbog")
    page.locator("summary", has_text="Dagens sammenhæng og note").click()
    assert _small_targets(page) == []
    cards = page.locator(".entry-card")
    assert cards.count() == 20
    for i in range(cards.count()):
        box = cards.nth(i).locator("a.entry-edit").bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / "diary-cards-phone.png"), full_page=True)
    problems += _audit(page, "diary")

    page.locator("a.entry-edit").first.click()
    page.wait_for_load_state()
    assert _small_targets(page) == []
    problems += _audit(page, "edit")

    page.goto(server + "/dagbog/moenster")
    # The smallest chart text, as drawn on the phone's screen.
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.chart text')]
            .map(t => t.getBoundingClientRect().height))""")
    assert smallest >= 14
    page.screenshot(path=str(ARTIFACTS / "diary-patterns-phone.png"), full_page=True)
    problems += _audit(page, "patterns")
    assert problems == []
