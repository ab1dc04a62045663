"""The 3 a.m. path in Chromium (Playwright) under `krampe serve`: care cards of every
level at 320, 390 and 1280 px, the region picker and its cookie, the diary's urgent card
first after saving, no missing value ("None", "null", "undefined") on any page, and axe
on every page in the light and the dark colour scheme.

Screenshots go to tests/artifacts/ (not committed): care-<level>-<width>.png,
region-*.png, nu-<width>.png, diary-urgent-first-390.png, page-<scheme>-<page>.png.
"""

from __future__ import annotations

import json
import re

import pytest

from krampe.policy import get_policy
from tests.browser import PHONE, artifact, ask, axe, describe, new_context, press, register, shot

# The fixtures (`server`, `browser`) are tests/browser.py's.
from tests.triage.helpers import LEVEL_TEXTS

pytestmark = pytest.mark.browser

WIDTHS = (320, 390, 1280)
SCREEN_HEIGHT = PHONE["height"]  # the same first screen at every width
MIN_TARGET = 44
REGION = "sjaelland"

MISSING = re.compile(r"\b(None|null|undefined)\b")


def _triage_to_result(p, server: str, text: str, region: str | None = REGION) -> None:
    """The no-JavaScript flow: the description, then "Nej til alle" until the result."""
    describe(p, server, text, region)
    for _ in range(4):
        if p.locator(".screen-form").count() == 0:
            break
        press(p, "Nej til alle")
    assert p.locator(".screen-form").count() == 0, "the screen did not complete"


def _no_sideways_scroll(p) -> None:
    wide = p.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert wide[0] <= wide[1], f"page scrolls sideways: {wide}"


def _in_first_screen(p, selector: str) -> None:
    box = p.locator(selector).first.bounding_box()
    assert box is not None, selector
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN_HEIGHT, (selector, box)


def _big_enough(link) -> None:
    box = link.bounding_box()
    assert box and box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, box


def _expected_calls(level: str) -> dict[str, list[str]]:
    """Where each level's call buttons are, and the tel: numbers they dial."""
    policy = get_policy()
    emergency = policy.emergency_number()
    oohs = policy.out_of_hours_call(REGION).tel or ""
    return {
        "emergency": {".care .calls": [emergency]},
        "urgent": {".care .calls": [oohs], ".call-bar": [emergency]},
        "routine": {".care .safety-net": [emergency, oohs], ".call-bar": [emergency]},
        "self_care": {".care .safety-net": [emergency, oohs], ".call-bar": [emergency]},
    }[level]


@pytest.mark.parametrize("level", list(LEVEL_TEXTS))
def test_every_level_card_at_three_widths(server, browser, level):
    context = new_context(browser, js=False)
    p = context.new_page()
    _triage_to_result(p, server, LEVEL_TEXTS[level])
    policy = get_policy()
    card = p.locator(f".care.banner-{level}")
    assert card.count() == 1
    assert policy.level_info(level).headline in card.locator("h2").inner_text()
    assert card.locator(".care-action").inner_text() == policy.short_action(level)
    for width in WIDTHS:
        p.set_viewport_size({"width": width, "height": SCREEN_HEIGHT})
        p.evaluate("window.scrollTo(0, 0)")
        shot(p, f"care-{level}-{width}", full_page=False)
        _no_sideways_scroll(p)
        _in_first_screen(p, f".care.banner-{level} h2")
        _in_first_screen(p, f".care.banner-{level} .care-action")
        for where, numbers in _expected_calls(level).items():
            links = p.locator(f"{where} a[href^='tel:']")
            assert [h.removeprefix("tel:") for h in links.evaluate_all(
                "els => els.map(e => e.getAttribute('href'))")] == numbers, (width, where)
            for i in range(links.count()):
                _big_enough(links.nth(i))
        # Every call button on the page dials a number of the policy, never "tel:None".
        dialled = p.locator("a[href^='tel:']").evaluate_all(
            "els => els.map(e => e.getAttribute('href').slice(4))")
        known = {policy.emergency_number(), *(r.number.replace(" ", "") for r in policy.regions())}
        assert dialled and set(dialled) <= known, dialled
    if level in ("routine", "self_care"):  # the card ends with the safety-netting
        assert "Hold øje med" in card.locator(".safety-net").inner_text()
    if level == "urgent":
        assert f"{policy.own_gp().label}" in card.inner_text()
    context.close()


def _region_numbers_shown(p) -> list[str]:
    text = p.locator("main").inner_text()
    return [r.number for r in get_policy().regions() if r.number in text]


def test_region_picker_remembers_the_region_in_a_cookie(server, browser):
    context = new_context(browser, js=False)
    p = context.new_page()
    # No region: the urgent card asks for it (five buttons), never five numbers.
    _triage_to_result(p, server, LEVEL_TEXTS["urgent"], region=None)
    shot(p, "region-picker-390")
    assert p.locator(".care .region-picker button[name=region]").count() == len(
        get_policy().regions())
    assert _region_numbers_shown(p) == []
    p.locator(".care .region-picker").get_by_role("button", name="Sjælland").click()
    p.wait_for_load_state()
    shot(p, "region-chosen-390")
    oohs = get_policy().out_of_hours_call(REGION)
    call = p.locator(f".care a[href='tel:{oohs.tel}']")
    assert call.count() == 1 and oohs.label in call.inner_text()
    _big_enough(call)
    assert _region_numbers_shown(p) == [oohs.number]
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["krampe_region"]["value"] == REGION and cookies["krampe_region"]["httpOnly"]
    # Remembered on every page: /nu shows only that region's number.
    p.goto(server + "/nu")
    assert p.locator(f"#telefonnumre a[href='tel:{oohs.tel}']").count() == 1
    assert _region_numbers_shown(p) == [oohs.number]
    # Listed on the privacy page, and changeable.
    p.goto(server + "/privatliv")
    assert "krampe_region" in p.locator("#cookies").inner_text()
    p.goto(server + "/region")
    press(p, "Glem min region")
    assert "krampe_region" not in {c["name"] for c in context.cookies()}
    p.goto(server + "/nu")
    assert _region_numbers_shown(p) == []
    assert p.locator("#telefonnumre .region-picker").count() == 1
    context.close()


def test_nu_first_screen_is_what_to_do_lying_down(server, browser):
    context = new_context(browser, js=False)
    p = context.new_page()
    p.goto(server + "/nu")
    steps = p.locator(".now-steps").first.locator(".step-card")
    first = steps.first
    assert "Træk tæerne op mod knæet" in first.inner_text()
    assert "liggende" in first.inner_text()
    for width in WIDTHS:
        p.set_viewport_size({"width": width, "height": SCREEN_HEIGHT})
        p.evaluate("window.scrollTo(0, 0)")
        shot(p, f"nu-{width}", full_page=False)
        _no_sideways_scroll(p)
        _in_first_screen(p, "h1")
        _in_first_screen(p, ".now-steps .step-card")  # the first step, drawing and all
    # Each step has a drawing with a text alternative; the rest is folded.
    drawings = p.locator(".step-card svg[role=img]")
    assert drawings.count() == p.locator(".step-card").count() >= 5
    for i in range(drawings.count()):
        assert (drawings.nth(i).locator("title").text_content() or "").startswith("Tegning:")
    assert p.locator("details.fold .step-card").count() >= 1
    shot(p, "nu-390-full")
    context.close()


def test_diary_shows_the_urgent_card_first_after_saving(server, browser):
    context = new_context(browser, js=False)
    p = context.new_page()
    p.goto(server + "/konto/opret")
    register(p, "nat-bruger")
    # Several entries first, so that the diary's own (routine) card is there too.
    for _ in range(3):
        press(p, "Gem krampen nu")
    p.locator("summary", has_text="Dagens sammenhæng og note").click()
    p.get_by_label("Note").fill("Læggen er hævet og varm")
    press(p, "Gem krampen", exact=True)
    assert p.url.endswith("#gemt")
    shot(p, "diary-urgent-first-390", full_page=False)
    urgent = p.locator(".banner-urgent").first
    box = urgent.bounding_box()
    assert box and 0 <= box["y"] <= 40, box
    # Nothing else is above it in the viewport: it is the first thing the phone shows.
    top = p.evaluate("""() => {
        const el = document.elementFromPoint(window.innerWidth / 2, 48);
        return el && el.closest('.banner') ? el.closest('.banner').className : null;
    }""")
    assert top and "banner-urgent" in top, top
    context.close()


# --- every page: no missing value, axe in light and dark ---------------------------------

PAGES = [("forside", "/"), ("krampe-nu", "/nu"), ("triage", "/triage"),
         ("program", "/program"), ("kilder", "/kilder"), ("privatliv", "/privatliv"),
         ("region", "/region"), ("fejlside", "/findes-ikke"), ("opret", "/konto/opret"),
         ("log-ind", "/konto/log-ind")]
QUESTIONS = {
    "svar": "hjælper det at strække læggen?",
    "svar-haster": "min læg er hævet efter en lang flyrejse, hvad gør jeg?",
    "svar-112": LEVEL_TEXTS["emergency"],
    "svar-nu": "av av krampe i læggen nu, den slipper ikke",
    "svar-udenfor": "hvordan laver man lasagne?",
}


def _open_details(p) -> None:
    p.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


def _check(p, scheme: str, name: str, problems: list[dict]) -> None:
    """Every folded part open: no "None"/"null"/"undefined" in the visible text; axe."""
    _open_details(p)
    text = p.locator("body").inner_text()
    for hit in MISSING.finditer(text):
        problems.append({"page": name, "missing": text[max(0, hit.start() - 40):hit.end() + 20]})
    shot(p, f"page-{scheme}-{name}")
    problems += axe(p, name, scheme=scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_missing_value_and_passes_axe(server, browser, scheme):
    context = new_context(browser, scheme=scheme)
    p = context.new_page()
    problems: list[dict] = []
    for name, path in PAGES:
        p.goto(server + path)
        _check(p, scheme, name, problems)
    for name, q in QUESTIONS.items():
        ask(p, server, q)
        _check(p, scheme, name, problems)
    for level, text in LEVEL_TEXTS.items():
        describe(p, server, text)
        if p.locator(".screen-form").count():
            _check(p, scheme, f"faresignaler-{level}", problems)
        _triage_to_result(p, server, text, region=None if level == "routine" else REGION)
        _check(p, scheme, f"resultat-{level}", problems)
    # A "ved ikke" and a completed self-care card without a region.
    describe(p, server, LEVEL_TEXTS["self_care"])
    p.locator('input[name="a_breathing"][value="ved-ikke"]').check()
    press(p, "Nej til alle")
    press(p, "Nej til alle")
    _check(p, scheme, "resultat-ved-ikke", problems)
    p.goto(server + "/program")
    press(p, "Lav mit program")
    _check(p, scheme, "program-plan", problems)
    # The diary and the account, with a note that raises a card.
    p.goto(server + "/konto/opret")
    register(p, f"side-{scheme}")
    _check(p, scheme, "dagbog-tom", problems)
    p.reload()  # closes the details the check opened
    p.locator("summary", has_text="Dagens sammenhæng og note").click()
    p.get_by_label("Note").fill("Læggen er hævet og varm")
    press(p, "Gem krampen", exact=True)
    _check(p, scheme, "dagbog-kort", problems)
    for name, path in (("dagbog-moenster", "/dagbog/moenster"),
                       ("til-laegen", "/dagbog/til-laegen"), ("konto", "/konto")):
        p.goto(server + path)
        _check(p, scheme, name, problems)
    p.goto(server + "/dagbog")
    p.locator("a[href^='/dagbog/registrering/']").first.click()
    p.wait_for_load_state()
    _check(p, scheme, "dagbog-ret", problems)
    context.close()
    artifact(f"care-pages-{scheme}.json").write_text(json.dumps(problems, indent=1))
    assert problems == [], json.dumps(problems, indent=1, ensure_ascii=False)
