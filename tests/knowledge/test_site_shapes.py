"""Site shapes the readers meet in clinics' own pages: a care sheet in plain text with
numbered ALL-CAPS sections and an "Udgivet af ..., måned år" line, a magazine byline with
its date on the next line, an accordion of questions in HTML, and a page title that
repeats the department and the hospital after the article's name."""

from __future__ import annotations

from krampe.knowledge.readers.html import parse as parse_html
from krampe.knowledge.readers.txt import parse as parse_txt

_CARE_SHEET = """HJEMMEPLEJEN NORDSKOV
VEJLEDNING TIL BORGERE

BENKRAMPER OM AFTENEN

Udgivet af Hjemmeplejens terapeuter, marts 2025

Mange borgere får kramper i benene, når de har siddet stille hele aftenen. Her kan du
læse, hvad du selv kan gøre, og hvornår du skal ringe til os.


1. HVAD ER EN KRAMPE?

En krampe er en muskel, der trækker sig hårdt sammen og ikke vil slippe igen.


2. GODE RÅD OM AFTENEN

- Gå en lille tur i stuen, før du går i seng.
- Drik et glas vand til aftensmaden.


3. HVORNÅR SKAL DU RINGE TIL OS?

Ring, hvis benet bliver hævet og varmt, eller hvis du er faldet.
"""


def test_numbered_capital_sections_are_headings_also_as_questions_and_over_lists() -> None:
    title, _meta, sections = parse_txt(_CARE_SHEET)
    assert title == "BENKRAMPER OM AFTENEN"
    headings = [s.heading for s in sections]
    for wanted in ("HVAD ER EN KRAMPE?", "GODE RÅD OM AFTENEN", "HVORNÅR SKAL DU RINGE TIL OS?"):
        assert wanted in headings
    texts = [p.text for s in sections for p in s.passages]
    assert not any(t.startswith(("- HVAD", "- GODE", "- HVORNÅR")) for t in texts)
    advice = next(s for s in sections if s.heading == "GODE RÅD OM AFTENEN")
    assert "Gå en lille tur" in advice.passages[0].text


def test_a_published_by_line_with_month_and_year_is_metadata_not_the_title() -> None:
    _title, meta, sections = parse_txt(_CARE_SHEET)
    assert meta["published"] == "2025-03-01"
    assert meta["publisher"] == "Hjemmeplejens terapeuter"
    assert not any("Udgivet" in (s.heading or "") for s in sections)


def test_a_date_under_the_byline_is_metadata_not_list_item() -> None:
    text = ("Krampe på cykelturen\n\nNår læggen låser sig på den lange tur, er der hjælp at "
            "hente.\n\nAf Jonas Holm, cykeltræner\n3. februar 2024\n\nSadlens højde\n\n"
            "En sadel sat for højt får foden til at pege nedad hele turen.\n")
    _title, meta, sections = parse_txt(text)
    assert meta["published"] == "2024-02-03"
    assert meta["author"] == "Jonas Holm, cykeltræner"
    assert not any("februar" in p.text for s in sections for p in s.passages)


_ACCORDION = """<html><head><title>Løbeklinikken svarer | Løbeklinikken Syd</title></head>
<body>
<div class="cookie-note"><p>Vi bruger cookies.</p><button>OK</button></div>
<header><a class="logo" href="/">Løbeklinikken Syd</a></header>
<main>
<h1>Løbeklinikken svarer på dine spørgsmål</h1>
<p class="intro">Her er svarene på det, løberne oftest spørger os om.</p>
<div class="qa-list">
  <div class="qa-item">
    <button class="qa-toggle" aria-expanded="false">Hvorfor låser læggen sig på de lange
    ture?</button>
    <div class="qa-body"><p>Det skyldes oftest træthed i musklen, når turen er længere,
    end du har trænet til.</p></div>
  </div>
  <div class="qa-item">
    <button class="qa-toggle" aria-expanded="false">Hvad gør jeg, når den låser?</button>
    <div class="qa-body"><p>Stå stille, stræk læggen og gå roligt videre, når den slipper.</p>
    </div>
  </div>
</div>
</main></body></html>"""


def test_an_accordions_buttons_are_the_questions_of_their_answers() -> None:
    title, _meta, sections = parse_html(_ACCORDION)
    headings = [s.heading for s in sections]
    assert "Hvorfor låser læggen sig på de lange ture?" in headings  # one line, spaces folded
    assert "Hvad gør jeg, når den låser?" in headings
    answer = next(s for s in sections if s.heading == "Hvad gør jeg, når den låser?")
    assert answer.passages[0].text.startswith("Hvad gør jeg, når den låser?\nStå stille")
    # A cookie banner's button is no question, and the site is no part of the title.
    assert "OK" not in headings
    assert title == "Løbeklinikken svarer"


def test_a_title_repeating_department_and_hospital_keeps_only_the_articles_name() -> None:
    page = """<html><head><title>Hævet ben efter operation | Ortopædkirurgisk Afdeling |
    Fjordby Sygehus</title></head><body>
    <header><a class="logo" href="/">Fjordby Sygehus</a></header>
    <nav class="breadcrumbs"><a href="/">Forside</a> › <a href="/ortopaedi">Ortopædkirurgisk
    Afdeling</a></nav>
    <main><h1>Hævet ben efter operation</h1><p>Lidt hævelse er almindeligt.</p></main>
    </body></html>"""
    title, _meta, _sections = parse_html(page)
    assert title == "Hævet ben efter operation"
