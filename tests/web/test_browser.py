"""End to end in Debian's chromium (Playwright): ask, triage, screenshots, axe-core audit.

The app runs under `krampe serve` (uvicorn) on a loopback port it picks, as in production.
"""

from __future__ import annotations

import json

import pytest

# The fixtures (`server`, `browser`, `page`, `nojs`) are tests/browser.py's.
from tests.browser import ARTIFACTS, PHONE, artifact, ask, browser, describe, press, shot
from tests.browser import audit as _audit
from tests.triage.helpers import LEVEL_TEXTS

# Browser test modules written before tests/browser.py import these from here.
__all__ = ["ARTIFACTS", "PHONE", "_audit", "browser"]

pytestmark = pytest.mark.browser

EMERGENCY = LEVEL_TEXTS["emergency"]


def test_ask_and_see_a_sourced_answer(server, page):
    page.goto(server + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    shot(page, "home-phone")
    ask(page, server, "Hvad kan jeg gøre for at undgå krampe om natten?")
    assert page.url.rstrip("/") == server  # POST: the question is not in the URL
    answers = page.locator("li.answer")
    assert answers.count() >= 1
    assert "Kilde:" in answers.first.inner_text()
    shot(page, "answer-phone")


def test_triage_flow_shows_112_for_an_emergency(server, page):
    describe(page, server, EMERGENCY)
    banner = page.locator(".banner-emergency")
    assert banner.count() == 1
    text = banner.inner_text()
    assert "Ring 112 nu" in text and "112" in text
    assert "Du skriver" in text
    shot(page, "triage-emergency-phone")


# The red-flag screen, walked in a browser with JavaScript off (the flow must not need it).
SCREEN_URGENT = LEVEL_TEXTS["urgent"]
SCREEN_SELF_CARE = "jeg får krampe i læggen om natten, ingen åndenød og benet er ikke hævet"
MIN_TARGET = 44  # px, WCAG 2.5.5 target size for the call button


def _level(qid: str) -> str:
    from krampe.triage.schema import get_rules

    rules = get_rules()
    q = next(q for q in rules.questions if q.id == qid)
    return rules.findings[q.finding].level


def _policy_order() -> list[str]:
    from krampe.triage.schema import get_rules

    rules = get_rules()
    return [q.id for fid in rules.screen.order for q in rules.questions if q.finding == fid]


def _check_flow_page(p) -> None:
    """Every page of the flow: a tel:112 button of at least 44x44 px, /nu one tap away.

    The first is at the top: the bar's, or an emergency card's own (a card's
    safety-netting may offer it again further down)."""
    call = p.get_by_role("link", name="Ring 112", exact=True).first
    assert call.get_attribute("href") == "tel:112"
    box = call.bounding_box()
    assert box and box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box
    assert box["y"] < 400, "the call button is at the top, without scrolling"
    now = p.get_by_role("link", name="Under krampen nu")
    assert now.count() == 1 and now.get_attribute("href") == "/nu"


def _screen_ids(p) -> list[str]:
    names = p.locator('.screen-form input[type="radio"][value="ja"]').evaluate_all(
        "els => els.map(e => e.name)")
    return [n.removeprefix("a_") for n in names]


def _start(p, server: str, text: str, name: str) -> None:
    describe(p, server, text)
    shot(p, f"{name}-1")


def test_screen_emergency_description_goes_straight_to_112(server, nojs):
    p = nojs
    _start(p, server, EMERGENCY, "screen-emergency")
    _check_flow_page(p)
    assert p.locator(".banner-emergency").count() == 1
    assert "Ring 112 nu" in p.locator(".banner-emergency").inner_text()
    assert _screen_ids(p) == []  # nothing to ask: an emergency result is complete


def test_screen_urgent_description_asks_emergency_flags_under_a_provisional_banner(
    server, nojs
):
    p = nojs
    _start(p, server, SCREEN_URGENT, "screen-urgent")
    _check_flow_page(p)
    asked = _screen_ids(p)
    assert asked and {_level(q) for q in asked} == {"emergency"}
    banner = p.locator(".banner-urgent")
    assert banner.count() == 1 and "Foreløbig vurdering" in banner.inner_text()
    assert p.locator("h1").inner_text() == "Har du noget af dette lige nu?"
    press(p, "Nej til alle")
    shot(p, "screen-urgent-2")
    _check_flow_page(p)
    assert _screen_ids(p) == []
    assert p.locator(".banner-urgent").count() == 1
    assert "Foreløbig vurdering" not in p.locator(".banner-urgent").inner_text()


def test_screen_self_care_walk_in_policy_order_to_the_card(server, nojs):
    p = nojs
    _start(p, server, SCREEN_SELF_CARE, "screen-selfcare")
    pages: list[list[str]] = []
    for step in range(2, 6):
        ids = _screen_ids(p)
        if not ids:
            break
        _check_flow_page(p)
        pages.append(ids)
        # No self-care (or routine) card before the screen is complete.
        assert p.locator(".banner-self_care, .banner-routine, .safety-net").count() == 0
        if step == 2:
            # What the text settled is pre-answered "nej", in the person's own words.
            assert p.locator('input[name="a_breathing"][value="nej"]').is_checked()
            said = p.locator(".said").first.inner_text()
            assert "Du skrev: «ingen åndenød og benet er ikke hævet»" in said
            for qid in ids:
                if qid != "breathing":
                    value = "ved-ikke" if qid == "cough_blood" else "nej"
                    p.locator(f'input[name="a_{qid}"][value="{value}"]').check()
            press(p, "Send svarene")
        else:
            assert p.locator('input[name="a_swollen_leg"][value="nej"]').is_checked()
            assert p.locator(".unsure").count() == 1  # the "ved ikke" stays in sight
            press(p, "Nej til alle")
        shot(p, f"screen-selfcare-{step}")
    # Emergency group on the first page, urgent on the second, each in the policy's order.
    assert [{_level(q) for q in ids} for ids in pages] == [{"emergency"}, {"urgent"}]
    flat = [q for ids in pages for q in ids]
    assert flat == sorted(flat, key=_policy_order().index)
    _check_flow_page(p)
    card = p.locator(".banner-self_care")
    assert card.count() == 1 and "Det kan du selv gøre" in card.inner_text()
    unsure = p.locator(".unsure")
    assert unsure.count() == 1 and "Hoster du blod op?" in unsure.inner_text()
    assert "Hold øje med" in p.locator(".safety-net").inner_text()


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

    ask(page, server, EMERGENCY)
    violations += _audit(page, "svar-med-banner")

    describe(page, server, SCREEN_SELF_CARE)
    violations += _audit(page, "triage-faresignaler-1")
    page.locator('input[name="a_chest_pain"][value="ved-ikke"]').check()
    press(page, "Send svarene")  # leaves some blank
    violations += _audit(page, "triage-faresignaler-mangler")
    press(page, "Nej til alle")
    violations += _audit(page, "triage-faresignaler-2")
    press(page, "Nej til alle")
    assert page.locator(".banner-self_care").count() == 1
    violations += _audit(page, "triage-resultat")

    page.goto(server + "/program")
    press(page, "Lav mit program")
    violations += _audit(page, "program-plan")

    artifact("axe-violations.json").write_text(json.dumps(violations, indent=1))
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)


def test_api_docs_render_from_the_package_with_nothing_from_outside(server, browser):
    # The app's own CSP is enforced here (no bypass): a blocked asset would show.
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    p = context.new_page()
    requests: list[str] = []
    console: list[str] = []
    p.on("request", lambda req: requests.append(req.url))
    p.on("console", lambda msg: console.append(msg.text))
    try:
        p.goto(server + "/docs")
        p.wait_for_selector(".opblock", timeout=30_000)
        assert p.locator(".opblock").count() >= 5
        assert "krampe API" in p.locator(".info .title").inner_text()
        shot(p, "api-docs", full_page=False)
    finally:
        context.close()
    outside = [u for u in requests if not u.startswith(server) and not u.startswith("data:")]
    assert outside == []
    assert not [m for m in console if "Content Security Policy" in m], console


def test_coverage_page_from_the_sources_page(server, page):
    # The first report runs the whole question bank (seconds, more on a loaded machine):
    # build it before the click, whose navigation has the default 30 s timeout.
    assert page.request.get(server + "/dækning", timeout=180_000).ok
    page.goto(server + "/kilder")
    page.get_by_role("link", name="Se, hvilke almindelige spørgsmål artiklerne besvarer").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Hvad dækker artiklerne?"
    rows = page.locator("table.coverage tbody tr")
    assert rows.count() == 10
    assert page.locator("dl.definitions dt").count() == 3
    violations = _audit(page, "daekning")
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
