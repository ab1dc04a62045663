"""Server-rendered pages: Danish, forms that POST, the triage flow without JavaScript."""

from __future__ import annotations

import re
from html import unescape

import pytest

EMERGENCY = "jeg har pludselig svært ved at trække vejret og min læg er hævet og øm"


def _html(resp, status: int = 200) -> str:
    assert resp.status_code == status, resp.text[:500]
    assert resp.headers["content-type"].startswith("text/html")
    text = resp.text
    assert '<html lang="da">' in text
    return unescape(text)


def test_home_has_question_box_and_now_button(client):
    page = _html(client.get("/"))
    assert "Hvad vil du vide om krampe i læggen?" in page
    assert 'href="/nu"' in page and "Jeg har krampe nu" in page
    form = re.search(r'<form class="ask-form" method="(\w+)" action="/"', page)
    assert form and form.group(1) == "post"
    assert 'class="skip-link"' in page and '<main id="indhold"' in page


def test_answer_page_shows_passages_with_sources(client, web_app):
    page = _html(client.post("/", data={"q": "hjælper det at strække læggen?"}))
    assert "Svar på dit spørgsmål" in page
    assert page.count('class="answer"') >= 1
    assert "Kilde:" in page
    titles = {a.title for a in web_app.state.services.articles}
    assert any(t in page for t in titles)
    assert "Ikke en diagnose" in page and "112" in page
    # The bundled pack has no clinical review yet, and the page must say so.
    assert "ikke fagligt gennemgået endnu" in page


def test_answer_page_shows_emergency_banner_with_reasons(client):
    page = _html(client.post("/", data={"q": EMERGENCY}))
    assert "banner-emergency" in page
    assert "Ring 112 nu" in page
    assert "Du skriver: «" in page


def test_answer_page_urgent_banner_offers_the_screen(client):
    q = "min læg er hævet efter en lang flyrejse, hvad gør jeg?"
    page = _html(client.post("/", data={"q": q}))
    # Urgent stays visible while the screen is open, marked provisional.
    assert "banner-urgent" in page and "Søg læge i dag" in page
    assert "Foreløbig vurdering" in page
    # The screen is one button away, carrying the text in the form; the label says
    # what it does (a check, not "answers").
    assert "Tjek for faresignaler" in page
    assert 'action="/triage"' in page and f'name="text" value="{q}"' in page


def test_answer_page_shows_no_self_care_verdict_while_the_screen_is_open(client):
    page = _html(client.post("/", data={"q": "jeg har ondt i læggen nu, hvad gør jeg?"}))
    assert "banner-self_care" not in page and "Det kan du selv gøre" not in page
    assert "Tjek for faresignaler" in page


def test_during_a_cramp_the_steps_come_before_the_screen_questions(client):
    # Mid-cramp the reader needs the steps first; the screen is offered for afterwards.
    page = _html(client.post("/", data={"q": "jeg har krampe i læggen lige nu og den gør ondt"}))
    steps, screen = page.index('class="acute-steps"'), page.index('class="screen-link"')
    assert steps < screen
    assert "Når krampen har sluppet" in page and "Før vi kan sige" not in page
    calm = _html(client.post("/", data={"q": "min læg er øm efter en krampe i nat, hvad gør jeg?"}))
    assert 'class="acute-steps"' not in calm and "Før vi kan sige" in calm


def test_answer_page_offers_the_screen_only_for_a_reported_symptom(client):
    # A trigger alone ("når jeg har siddet længe") is no symptom reported now.
    for q in ("hjælper det at strække læggen?", "jeg får krampe når jeg har siddet længe"):
        page = _html(client.post("/", data={"q": q}))
        assert "Tjek for faresignaler" not in page
        assert "banner-self_care" not in page and "banner-routine" not in page


def test_answer_page_off_topic(client):
    page = _html(client.post("/", data={"q": "hvordan laver man lasagne?"}))
    assert "kan vi ikke svare på" in page
    assert 'class="answer"' not in page


@pytest.mark.parametrize("q", ["", "   ", "x" * 6000])
def test_bad_question_re_renders_home_with_danish_error(client, q):
    page = _html(client.post("/", data={"q": q}), 422)
    assert 'role="alert"' in page and 'aria-invalid="true"' in page
    assert "Hvad vil du vide om krampe i læggen?" in page


def test_triage_start_page_offers_112_as_a_call_button(client):
    """Someone who opens the triage page in an emergency can call from it, not only read
    the number."""
    page = _html(client.get("/triage"))
    assert re.search(r'<a class="call call-emergency" href="tel:112">', page)


def test_triage_flow_carries_state_in_the_form(client):
    """No health text in URLs: every step POSTs, and the text and the answers so far
    travel in hidden fields (the screen itself: tests/web/test_screen_pages.py)."""
    page = _html(client.get("/triage"))
    assert 'method="post" action="/triage"' in page
    text = "jeg har ondt i læggen"
    first = _html(client.post("/triage", data={"text": text, "region": "sjaelland"}))
    assert 'class="screen-form" id="faresignaler" method="post" action="/triage"' in first
    assert f'type="hidden" name="text" value="{text}"' in first
    assert 'type="hidden" name="region" value="sjaelland"' in first
    qids = re.findall(r'type="radio" name="a_([a-z_]+)" value="ja"', first)
    assert qids, "the screen asks with radio buttons"
    data = {"text": text, "region": "sjaelland", "side": ",".join(qids),
            **{f"a_{q}": "nej" for q in qids}}
    second = client.post("/triage", data=data)
    assert second.url.path == "/triage" and not second.url.query
    page2 = _html(second)
    for q in qids:
        assert f'type="hidden" name="a_{q}" value="nej"' in page2
    assert "Ikke en diagnose" in page2


def test_triage_emergency_result(client):
    page = _html(client.post("/triage", data={"text": EMERGENCY, "region": "hovedstaden"}))
    assert "banner-emergency" in page and "Ring 112 nu" in page
    assert 'role="alert"' in page
    assert "Du skriver: «" in page


def test_triage_empty_text_is_a_form_error(client):
    page = _html(client.post("/triage", data={"text": " "}), 422)
    assert 'aria-invalid="true"' in page


def test_triage_empty_text_is_a_form_error_also_with_answers(client):
    page = _html(client.post("/triage", data={"text": "", "a_breathing": "nej"}), 422)
    assert 'aria-invalid="true"' in page


def test_acute_guide_page(client):
    page = _html(client.get("/nu"))
    assert "112" in page and "Kilder:" in page and "Ikke en diagnose" in page


def test_programme_page_and_ics_download(client):
    page = _html(client.get("/program"))
    assert 'method="post" action="/program"' in page
    assert 'media="print"' in page
    data = {"start": "2026-03-02", "weeks": "3", "pregnant": "1", "over_60": "1"}
    plan = _html(client.post("/program", data=data))
    assert "Uge 3" in plan and "Uge 4" not in plan
    assert 'action="/program/kalender.ics"' in plan
    ics = client.post("/program/kalender.ics", data=data)
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    assert 'filename="krampe-program-2026-03-02.ics"' in ics.headers["content-disposition"]
    bad = _html(client.post("/program", data={"start": "snart", "weeks": "3"}), 422)
    assert "Startdatoen" in bad


def test_sources_page_lists_every_article_with_dates(client, web_app):
    page = _html(client.get("/kilder"))
    articles = web_app.state.services.articles
    assert articles
    for art in articles:
        assert art.title in page
    assert "Opdateret" in page and "Faglig gennemgang" in page
    from krampe.content.pack import load_sources

    for src in load_sources().values():
        assert src.title in page


def test_privacy_page(client):
    page = _html(client.get("/privatliv"))
    assert "gemmes ikke" in page and "logfiler" in page.lower()


def test_static_css(client):
    resp = client.get("/static/style.css")
    assert resp.status_code == 200 and "focus-visible" in resp.text
    assert client.get("/static/print.css").status_code == 200


def test_unknown_page_is_danish_html_404(client):
    page = _html(client.get("/findes-ikke"), 404)
    assert "Siden findes ikke" in page


def test_html_413_for_a_huge_form(client):
    page = _html(client.post("/", data={"q": "a" * 200_000}), 413)
    assert "for stor" in page


def test_extra_template_dirs_and_nav_links(tmp_path, client):
    """Other packages (diary, accounts) render through our environment and extend the nav."""
    from krampe.web import templating

    (tmp_path / "web_test_extra.html").write_text(
        '{% extends "base.html" %}{% block content %}<p>ekstra side</p>{% endblock %}'
    )
    templating.add_template_dir(tmp_path)
    templating.add_nav_link("/web-test-link", "Testlink")
    try:
        html = templating.env.get_template("web_test_extra.html").render(request=None)
        assert "ekstra side" in html and '<html lang="da">' in html
        assert 'href="/web-test-link"' in client.get("/").text
    finally:
        templating._loader.loaders.pop()
        templating.NAV_LINKS.remove(("/web-test-link", "Testlink"))


def test_coverage_page_reports_every_topic_with_definitions(client):
    from krampe.content.coverage import bank

    page = _html(client.get("/dækning"))
    assert "Hvad dækker artiklerne?" in page
    for topic in bank().topics:
        assert f'id="emne-{topic.id}"' in page and topic.label in page
    for status in ("answered", "weak", "not_covered"):
        assert bank().meaning(status) in page
    assert 'href="/dækning"' in _html(client.get("/kilder"))


def test_every_answer_page_leads_to_nu_and_triage_and_names_the_review_once(client):
    for q in ("hjælper det at strække læggen?", "hvordan laver man lasagne?"):
        page = _html(client.post("/", data={"q": q}))
        nav = page[page.index('class="next-steps"'):]
        assert '<a href="/nu">Krampe lige nu: hvad du gør, trin for trin</a>' in nav
        assert '<a href="/triage">Skal du til lægen? Vurdér dine symptomer</a>' in nav
        assert page.count("ikke fagligt gennemgået endnu") == 1


def test_answer_citations_link_to_their_sources(client):
    page = _html(client.post("/", data={"q": "hjælper det at strække læggen?"}))
    first = page[page.index('class="answer"'):page.index("</article>")]
    assert re.search(r'Kilde: <a href="/kilder#artikel-[a-z-]+">', first)
    assert re.search(r'Bygger på: <a href="https://[^"]+" rel="noreferrer noopener">', first)


def test_an_acute_answer_leads_with_the_guides_first_steps(client, monkeypatch):
    from krampe.selfcare import acute_guide
    from krampe.web.routes import ask as ask_route

    real = ask_route.run_engine

    async def acute(request, method, *args, **kwargs):
        # The detector is krampe.knowledge.acute; what the page does with it is here.
        return {**await real(request, method, *args, **kwargs), "acute": True}

    monkeypatch.setattr(ask_route, "run_engine", acute)
    page = _html(client.post("/", data={"q": "av av krampe i læggen nu"}))
    steps = page.index('class="acute-steps"')
    block = page[steps:page.index("</section>", steps)]
    assert all(step.title in block for step in acute_guide().first_steps)
    assert 'href="/nu"' in block
    # Above the passages (or the "not covered" line) and the rest of the page.
    answers = page.find('class="answers"')
    assert steps < (answers if answers >= 0 else page.index('class="not-answered"'))
    monkeypatch.undo()
    # The detector (krampe.knowledge.acute) finds the same question acute by itself, and
    # a question about cramps in general not.
    assert 'class="acute-steps"' in _html(client.post("/", data={"q": "av av krampe i læggen nu"}))
    plain = _html(client.post("/", data={"q": "hvorfor får jeg krampe om natten?"}))
    assert 'class="acute-steps"' not in plain  # no `acute` on the result: no block
