"""/embed inside a clinic's page, in Debian's chromium (Playwright): a test page on
another loopback origin frames it. For the origin the profile lists it renders and
answers a question inside the frame; for an unlisted one the browser refuses it. axe on
/embed and on a care card with the booking, in the light and the dark scheme, with the
clinic's accent colour.

Screenshots go to tests/artifacts/: embed-listed.png, embed-answer.png,
embed-refused.png, audit-embed-<scheme>-phone.png, audit-booking-<scheme>-phone.png.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# The `browser` fixture is tests/browser.py's.
from tests.browser import audit, new_context, shot
from tests.clinic.helpers import answers_for, write_profile
from tests.server import serving
from tests.triage.helpers import LEVEL_TEXTS

pytestmark = pytest.mark.browser


class _Host:
    """A clinic's own web page, on a loopback port of its own, with krampe in an iframe."""

    def __init__(self, host: str) -> None:
        self.embed_url = ""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = (
                    '<!doctype html><html lang="da"><head><meta charset="utf-8">'
                    "<title>Klinikkens side</title></head><body><h1>Klinikkens side</h1>"
                    f'<iframe src="{owner.embed_url}" title="krampe" width="390" '
                    'height="640"></iframe></body></html>').encode()
                self.send_response(200)
                self.send_header("content-type", "text/html; charset=utf-8")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def hosts() -> Iterator[dict[str, _Host]]:
    # "localhost" is another origin than krampe's 127.0.0.1, and so is each port.
    made = {"listed": _Host("localhost"), "unlisted": _Host("localhost")}
    yield made
    for h in made.values():
        h.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory, hosts) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("embed_clinic")
    profile = write_profile(folder, embed_origins=[hosts["listed"].origin])
    env = {**os.environ, "KRAMPE_CLINIC": str(profile)}
    with serving(tmp_path_factory.mktemp("embed_home"), "--no-access-log", env=env) as base:
        for h in hosts.values():
            h.embed_url = f"{base}/embed"
        yield base


@pytest.fixture
def strict_page(browser):
    # The app's CSP in force (no bypass_csp): framing is what is tested.
    context = browser.new_context(viewport={"width": 480, "height": 760}, locale="da-DK")
    yield context.new_page()
    context.close()


def _frame(page):
    return next(f for f in page.frames if f is not page.main_frame)


def test_the_listed_site_shows_it_and_a_question_is_answered_inside(server, hosts,
                                                                    strict_page):
    page = strict_page
    page.goto(hosts["listed"].origin + "/")
    frame = page.frame_locator("iframe")
    frame.get_by_role("link", name="Jeg har krampe nu").wait_for()
    assert frame.get_by_text("Fysioterapi Testvej").first.is_visible()
    shot(page, "embed-listed", full_page=False)
    frame.get_by_label("Hvad vil du vide om krampe i læggen?").fill(
        "Hvad kan jeg gøre for at undgå krampe om natten?")
    frame.get_by_role("button", name="Søg svar").click()
    frame.get_by_role("heading", name="Svar på dit spørgsmål").wait_for()
    assert frame.locator("ol.answers li").count() >= 1
    assert _frame(page).url == server + "/embed"  # answered in the frame, not a new tab
    assert page.url == hosts["listed"].origin + "/"
    shot(page, "embed-answer", full_page=False)


def test_an_unlisted_site_is_refused(server, hosts, strict_page):
    page = strict_page
    with page.expect_console_message(lambda m: "frame-ancestors" in m.text) as refusal, \
            page.expect_response(lambda r: r.url == server + "/embed") as answer:
        page.goto(hosts["unlisted"].origin + "/")
    assert answer.value.status == 200  # served, but not shown: the browser refuses it
    assert f"Framing '{server}/'" in refusal.value.text
    assert "The request has been blocked" in refusal.value.text
    frame = _frame(page)
    assert not frame.url.startswith(server)
    assert "Jeg har krampe nu" not in frame.content()
    shot(page, "embed-refused", full_page=False)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_on_embed_and_the_booking_card(server, browser, scheme):
    context = new_context(browser, scheme=scheme)
    page = context.new_page()
    try:
        page.goto(server + "/embed")
        accent = page.evaluate(
            "getComputedStyle(document.querySelector('.clinic-button')).backgroundColor")
        assert accent == ("rgb(31, 111, 92)" if scheme == "light" else "rgb(95, 179, 161)")
        bad = audit(page, f"embed-{scheme}")
        page.get_by_label("Hvad vil du vide om krampe i læggen?").fill(
            "jeg har krampe i læggen lige nu")
        page.get_by_role("button", name="Søg svar").click()
        page.wait_for_load_state()
        bad += audit(page, f"embed-answer-{scheme}")
        text = LEVEL_TEXTS["routine"]
        page.goto(server + "/triage")
        page.get_by_label("Hvad mærker du?").fill(text)
        # The screen's answers as the form would carry them, then the result page.
        page.evaluate("""([answers]) => {
            const f = document.querySelector('form.triage-form');
            for (const id of answers) {
                const i = document.createElement('input');
                i.type = 'hidden'; i.name = 'a_' + id; i.value = 'nej'; f.appendChild(i);
            }
        }""", [list(answers_for(text))])
        page.get_by_role("button", name="Vurdér").click()
        page.wait_for_load_state()
        page.get_by_role("link", name="Book tid hos Fysioterapi Testvej").wait_for()
        bad += audit(page, f"booking-{scheme}")
        assert bad == []
    finally:
        context.close()
