"""Reader shapes seen on association pages and newsletters: questions closed by a colon
as headings, a label leading into its sentence, a fact box inside the article, bylines
with a reading time or a reviewer, and a newsletter's signature.

Every article here is written for these tests."""
# ruff: noqa: E501  (articles keep a paragraph on one line)

from __future__ import annotations

from krampe.knowledge.readers.html import parse as parse_html
from krampe.knowledge.readers.markdown import parse as parse_md
from krampe.knowledge.readers.meta import byline
from krampe.knowledge.readers.txt import parse as parse_txt

COLON_TXT = """Patientforeningen for Nyresyge
Forside > Viden > Kramper i dialysen

KRAMPER UNDER OG EFTER DIALYSE

I korte træk:
Mange i dialyse kender til kramper i læggene mod slutningen af behandlingen.

Hvorfor opstår kramperne:
Når der trækkes meget væske ud på kort tid, kan musklerne reagere med kramper.

Kan jeg selv forebygge dem:
Hold dig til den aftalte væskemængde mellem behandlingerne, så der skal trækkes mindre ud.

Når krampen kommer:
- Bøj foden op mod dig.
- Sig det til personalet med det samme.
"""


def _headings(sections) -> list[str]:
    return [s.heading for s in sections]


def _texts(sections) -> list[str]:
    return [p.text for s in sections for p in s.passages]


def test_a_question_closed_by_a_colon_heads_its_text():
    title, meta, sections = parse_txt(COLON_TXT)
    assert title == "KRAMPER UNDER OG EFTER DIALYSE"
    assert meta["publisher"] == "Patientforeningen for Nyresyge"
    heads = _headings(sections)
    assert "Hvorfor opstår kramperne" in heads
    assert "Kan jeg selv forebygge dem" in heads
    # A lead-in that asks nothing stays with its text.
    assert "Når krampen kommer" not in heads
    assert any(t.startswith("I korte træk: Mange i dialyse") for t in _texts(sections))
    assert "I korte træk:" not in _texts(sections)


FACT_BOX_HTML = """<html><head><title>Kramper hos håndboldspillere</title></head><body>
<aside class="sidebar"><h3>Populære artikler</h3><ul><li><a href="/a">Knæskader</a></li></ul></aside>
<article><h1>Kramper hos håndboldspillere</h1>
<p class="byline">Af Ole Berg, fysioterapeut · Fagligt gennemlæst af idrætslæge Eva Holm · Læsetid 4 min.</p>
<h2>Hvorfor kramper musklerne?</h2><p>Trætte muskler i slutningen af en kamp kramper lettere end udhvilede.</p>
<aside class="info"><h3>Godt at vide</h3><ul><li>Saltvand til børn frarådes på banen.</li></ul></aside>
<h2>Efter kampen</h2><p>Gå en rolig tur og spis et måltid inden for en time.</p>
</article></body></html>"""


def test_a_fact_box_inside_the_article_is_read_and_the_sidebar_is_not():
    _, meta, sections = parse_html(FACT_BOX_HTML)
    texts = " ".join(_texts(sections))
    assert "Saltvand til børn frarådes" in texts
    assert "Godt at vide" in _headings(sections)
    assert "Knæskader" not in texts and "Populære artikler" not in _headings(sections)
    # The byline is metadata, its reading time and reviewer with it.
    assert meta["author"] == "Ole Berg, fysioterapeut"
    assert "Læsetid" not in texts and "gennemlæst" not in texts


def test_reading_times_and_reviewers_keep_a_byline_a_byline():
    assert byline("Af Mia Krog, jordemoder · 3. marts 2025 · 5 min. læsning") == {
        "author": "Mia Krog, jordemoder", "published": "2025-03-03"}
    assert byline("Vi har gennemlæst dine svar, og det ser fint ud.") is None


NEWSLETTER_MD = """# Nyt fra Lægerne på Torvet

## Vinterens åbningstider

Vi holder åbent til kl. 18 om torsdagen hele vinteren.

Mange hilsner
Lægerne og personalet på Torvet
"""


def test_a_newsletters_signature_is_no_passage():
    _, _, sections = parse_md(NEWSLETTER_MD)
    texts = _texts(sections)
    assert any("torsdagen" in t for t in texts)
    assert not any("hilsner" in t for t in texts)
