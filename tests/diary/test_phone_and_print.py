"""The diary on a phone and on paper, in Debian's chromium: a month of entries; the
doctor's summary prints on one A4 page; inputs and buttons are at least 44 px tall, the
entry cards keep their edit button in view, chart labels stay readable; axe-core finds
nothing serious on these pages."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

# The fixtures (`server`, `browser`) are tests/browser.py's.
from tests.browser import PHONE, artifact, axe, new_context, shot

pytestmark = pytest.mark.browser

LONG_NOTE = ("Vågnede med krampe i venstre læg efter en lang dag på benene; "
             "strakte ud og gik lidt rundt, så slap den efter et par minutter. ") * 3


@pytest.fixture(scope="module")
def page(browser, server):
    """This module's phone: one page for all its tests, with a month of entries."""
    context = new_context(browser)
    p = context.new_page()
    _a_month_of_entries(p, server)
    yield p
    context.close()


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


def test_a_month_prints_on_one_a4_page(page, server):
    from pypdf import PdfReader

    page.goto(server + "/dagbog/til-laegen")
    assert "60 kramper" in page.locator("main").inner_text()
    assert page.locator("#d-flags + ul li").count() >= 1
    shot(page, "doctor-summary-phone")
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=True)
    artifact("doctor-summary.pdf").write_bytes(pdf)
    page.emulate_media(media="screen")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Krampedagbog til lægen" in text and "Faresignaler" in text
    assert "Vis perioden" not in text  # the form is not printed


def test_the_summary_page_passes_axe(page, server):
    page.goto(server + "/dagbog/til-laegen")
    assert axe(page, "doctor") == []
    page.goto(server + "/dagbog/til-laegen?fra=snart")
    assert axe(page, "doctor-error") == []


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
    shot(page, "diary-cards-phone")
    problems += axe(page, "diary")

    page.locator("a.entry-edit").first.click()
    page.wait_for_load_state()
    assert _small_targets(page) == []
    problems += axe(page, "edit")

    page.goto(server + "/dagbog/moenster")
    # The smallest chart text, as drawn on the phone's screen.
    smallest = page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('svg.chart text')]
            .map(t => t.getBoundingClientRect().height))""")
    assert smallest >= 14
    shot(page, "diary-patterns-phone")
    problems += axe(page, "patterns")
    assert problems == []
