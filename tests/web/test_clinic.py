"""The clinic edition in the web app: /embed framed only by the profile's sites, the
booking on routine and self-care cards and in the API (never on urgent or emergency),
the clinic in the footer and on /kilder, the setup page. Without a profile: as before."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from krampe.config import Settings
from tests.clinic.helpers import EXAMPLE, answers_for, write_profile
from tests.triage.helpers import LEVEL_TEXTS

ORIGIN = "https://testvej-fys.example"
EMBED_CSP = f"frame-ancestors 'self' {ORIGIN}"
BOOKED = {"emergency": False, "urgent": False, "routine": True, "self_care": True}


@pytest.fixture(scope="module")
def clinic_client(tmp_path_factory):
    from krampe.web.app import create_app

    folder = tmp_path_factory.mktemp("clinic")
    profile = write_profile(folder, knowledge=["bundled", str(EXAMPLE / "artikler")])
    settings = Settings(home=tmp_path_factory.mktemp("clinic_home"), clinic=profile,
                        api_rate_limit="100000/minute")
    app = create_app(settings=settings)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _csp(response) -> str:
    return response.headers["content-security-policy"]


def test_embed_offers_112_as_a_call_link(clinic_client):
    """In the frame too, the emergency number can be called with one tap."""
    page = clinic_client.get("/embed").text
    assert '<a href="tel:112" target="_self">ring 112</a>' in page


def test_embed_shows_the_acute_steps_for_a_cramp_happening_now(clinic_client):
    """Asked in the frame during a cramp: the first steps come above the answer, as on our
    own answer page, without the button to /nu (the frame links out to it elsewhere)."""
    page = clinic_client.post("/embed", data={"q": "av av krampe i læggen nu"}).text
    block = page[page.index('class="acute-steps"'):]
    block = block[:block.index("</section>")]
    assert block.count("<li>") >= 2 and 'href="/nu"' not in block
    plain = clinic_client.post("/embed", data={"q": "hvorfor får jeg krampe om natten?"}).text
    assert 'class="acute-steps"' not in plain


def test_embed_may_be_framed_by_the_listed_sites_only(clinic_client):
    for r in (clinic_client.get("/embed"),
              clinic_client.post("/embed", data={"q": "hvad er krampe i læggen?"})):
        assert r.status_code == 200
        assert _csp(r).endswith(EMBED_CSP)
        assert "'none'" not in _csp(r).split("frame-ancestors")[1]
        assert "x-frame-options" not in r.headers
        # Still no script of any kind, nothing from another site.
        assert "script-src 'self'" in _csp(r)


@pytest.mark.parametrize("path", ["/", "/nu", "/triage", "/kilder", "/klinik", "/dækning",
                                  "/klinik/farver.css", "/embed/", "/embedx"])
def test_every_other_page_still_refuses_framing(clinic_client, path):
    r = clinic_client.get(path, follow_redirects=False)
    assert _csp(r).endswith("frame-ancestors 'none'")
    assert r.headers["x-frame-options"] == "DENY"


def test_embed_works_without_script_and_loads_nothing_from_elsewhere(clinic_client):
    html = clinic_client.get("/embed").text
    assert "<script" not in html.lower()
    assert re.findall(r'(?:src|href)="(https?:)', html) == []
    for form in re.findall(r"<form[^>]*>", html):
        assert 'method="post"' in form
    assert 'href="/nu"' in html and "Jeg har krampe nu" in html
    assert 'action="/embed" target="_self"' in html  # the answer stays in the frame
    assert 'action="/triage"' in html  # the triage entry opens its own tab (base target)
    assert '<base target="_blank">' in html


def test_a_question_asked_in_the_frame_is_answered_in_it(clinic_client):
    r = clinic_client.post("/embed", data={"q": "hjælper det at strække læggen før løb?"})
    assert r.status_code == 200
    assert "Svar på dit spørgsmål" in r.text and 'class="answers"' in r.text
    assert "Fysioterapi Testvej" in r.text
    empty = clinic_client.post("/embed", data={"q": "   "})
    assert empty.status_code == 422 and 'class="field-error"' in empty.text


def _card(html: str) -> str:
    start = html.index('class="banner care')
    return html[start:html.index("</section>", start)]


@pytest.mark.parametrize("level", list(LEVEL_TEXTS))
def test_booking_on_the_care_card_per_level(clinic_client, level):
    text = LEVEL_TEXTS[level]
    form = {"text": text, "region": "sjaelland",
            **{f"a_{qid}": "nej" for qid in answers_for(text)}}
    r = clinic_client.post("/triage", data=form)
    assert r.status_code == 200
    assert f"banner-{level}" in r.text
    card = _card(r.text)
    if BOOKED[level]:
        assert "Book tid hos Fysioterapi Testvej" in card
        assert 'href="https://testvej-fys.example/book"' in card
        assert 'href="tel:86000000"' in card
        # After the card's action and the policy's calls ("din egen læge" on routine;
        # self-care has none): the clinic comes second.
        booked = card.index('class="clinic-booking"')
        assert card.index('class="care-action"') < booked
        if level == "routine":
            assert card.index('class="calls"') < booked
            assert card.index("din egen læge") < booked
    else:
        assert "Book tid" not in card and "clinic-booking" not in r.text
        first_call = re.search(r'<a class="call call-(\w+)"', card)
        assert first_call and first_call.group(1) in ("emergency", "out_of_hours")


@pytest.mark.parametrize("level", list(LEVEL_TEXTS))
def test_booking_in_the_api_per_level(clinic_client, level):
    text = LEVEL_TEXTS[level]
    out = clinic_client.post("/api/triage",
                             json={"text": text, "answers": answers_for(text)}).json()
    assert out["level"] == level
    if BOOKED[level]:
        assert out["booking"]["url"] == "https://testvej-fys.example/book"
        assert out["booking"]["phone"] == "86 00 00 00"
    else:
        assert out["booking"] is None


def test_no_booking_while_the_screen_is_open(clinic_client):
    out = clinic_client.post("/api/triage", json={"text": LEVEL_TEXTS["routine"]}).json()
    assert not out["screen"]["complete"] and out["booking"] is None
    asked = clinic_client.get("/api/ask", params={"q": LEVEL_TEXTS["routine"]}).json()
    assert "booking" in asked and asked["booking"] is None


def test_footer_and_sources_name_the_clinic_its_authors_and_dates(clinic_client):
    home = clinic_client.get("/").text
    footer = home[home.index('class="clinic-footer"'):]
    assert "Fysioterapi Testvej" in footer and "Testvej 1, 8000 Aarhus C" in footer
    assert "2 artikler fra Fysioterapi Testvej" in footer
    assert "Jonas Brink, fysioterapeut, Signe Holt, fysioterapeut" in footer
    assert "senest opdateret 12. oktober 2026" in footer
    assert 'href="/klinik"' in footer
    sources = clinic_client.get("/kilder").text
    own = sources[sources.index('id="klinikkens-artikler"'):sources.index('id="art-title"')]
    assert "Artikler fra Fysioterapi Testvej (2)" in own
    assert "Signe Holt, fysioterapeut" in own and "3. marts 2026" in own
    assert "12. oktober 2026" in own and "20. maj 2026" in own
    assert "Kramper i læggen, når du er gravid" in own


def test_the_setup_page_shows_the_snippet_and_links_the_coverage_report(clinic_client):
    html = clinic_client.get("/klinik").text
    assert "&lt;iframe src=&#34;http://testserver/embed&#34;" in html
    assert 'href="/dækning"' in html and 'href="/embed"' in html
    assert ORIGIN in html


def test_logo_and_colours(clinic_client):
    logo = clinic_client.get("/klinik/logo")
    assert logo.headers["content-type"] == "image/svg+xml"
    assert "sandbox" in _csp(logo)
    css = clinic_client.get("/klinik/farver.css").text
    assert "--clinic: #1f6f5c; --clinic-text: #ffffff;" in css
    assert "--clinic: #5fb3a1; --clinic-text: #1a1a1a;" in css


def test_without_a_profile_nothing_changes(client: TestClient):
    for path in ("/embed", "/klinik", "/klinik/logo", "/klinik/farver.css"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert _csp(r).endswith("frame-ancestors 'none'")
    assert client.post("/embed", data={"q": "krampe"}).status_code == 404
    home = client.get("/").text
    assert "clinic-footer" not in home and "farver.css" not in home
    text = LEVEL_TEXTS["routine"]
    out = client.post("/api/triage", json={"text": text, "answers": answers_for(text)}).json()
    assert "booking" not in out
    assert "booking" not in client.get("/api/ask", params={"q": "krampe om natten"}).json()
