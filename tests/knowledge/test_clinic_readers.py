"""Readers on clinic articles in other sites' shapes, each in .txt, .md and .html.

The fixtures (tests/knowledge/fixtures/clinic/) are written by the team: a hospital's
patient information, a clinic blog post with byline and date, and a health portal page
with a lead and related links. The three formats of one article must read the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.knowledge.readers import read_article
from krampe.knowledge.readers.html import parse as parse_html
from krampe.knowledge.readers.markdown import parse as parse_md
from krampe.knowledge.readers.titles import site_names, strip_site
from krampe.knowledge.readers.txt import parse as parse_txt

CLINIC = Path(__file__).parent / "fixtures" / "clinic"
FORMATS = ("txt", "md", "html")

LONG_HOSPITAL_HEADING = ("Hvornår skal du kontakte din egen læge, lægevagten eller skadestuen, "
                         "hvis krampen ikke går over?")
LONG_BLOG_HEADING = ("Skal du drikke sportsdrik eller spise en banan, når krampen rammer midt "
                     "på en lang løbetur om sommeren?")
BLOG_TITLE = ("Fysioterapeuten forklarer: Derfor får så mange løbere krampe i læggen – og "
              "sådan kan du undgå det")

EXPECTED = {
    "hospital": {
        "title": "Natlige lægkramper – råd til dig, der vågner med krampe i benet",
        "meta": {"author": "Ortopædkirurgisk Ambulatorium, Regionshospitalet Nordby",
                 "updated": "2025-02-14"},
        "headings": ["Hvorfor får man krampe om natten?",
                     "Det kan du selv gøre, når krampen kommer",
                     "Sådan kan du forebygge nye kramper", LONG_HOSPITAL_HEADING,
                     "Har du spørgsmål?"],
        "lead": "Denne vejledning er til dig, der ofte vågner om natten",
        "gone": ["Læs også", "Patientinformation om blodprop", "Udarbejdet", "Revideret",
                 "14.02.2025"],
    },
    "blog": {
        "title": BLOG_TITLE,
        "meta": {"author": "Mette Sørensen, fysioterapeut", "published": "2024-03-12"},
        "headings": ["Hvad sker der i musklen?", "Varm op og byg langsomt op",
                     LONG_BLOG_HEADING, "Tre øvelser efter løbeturen",
                     "Hvornår skal du have hjælp?"],
        "lead": "Du er godt i gang med dagens løbetur",
        "gone": ["Læs også", "Fem strækøvelser", "Af Mette", "12. marts", "marts 2024",
                 "Facebook", "Book tid", "Seneste indlæg"],
    },
    "portal": {
        "title": "Lægkramper hos ældre – årsager, medicin og hvad du selv kan gøre",
        "meta": {"author": "Jonas Kragh, speciallæge i almen medicin",
                 "updated": "2025-09-03"},
        "headings": ["Hvorfor får ældre oftere krampe?", "Kan medicin give lægkramper?",
                     "Hvad kan du selv gøre?", "Hvad med kinin og magnesium?"],
        "lead": "Jo ældre man bliver, jo oftere kommer krampen i læggen",
        "gone": ["Læs også", "Relaterede artikler", "kend tegnene", "Sådan sover du bedre",
                 "Skrevet af", "Senest opdateret", "Forside"],
    },
}


def _texts(article) -> str:
    return "\n".join(p.text for s in article.sections for p in s.passages)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_format_reads_the_same_article(name: str, fmt: str) -> None:
    want = EXPECTED[name]
    article = read_article(CLINIC / f"{name}.{fmt}")
    assert article.format == fmt
    assert article.title == want["title"]
    for key, value in want["meta"].items():
        assert article.metadata.get(key) == value, (key, article.metadata)
    # The title heads the lead; every other heading is a section name, in order.
    assert article.sections[0].heading == want["title"]
    assert [s.heading for s in article.sections[1:]] == want["headings"]
    lead = [p for s in article.sections for p in s.passages if p.kind == "lead"]
    assert len(lead) == 1 and lead[0].text.startswith(want["lead"])
    assert all(p.kind != "lead" for s in article.sections[1:] for p in s.passages)
    text = _texts(article)
    for gone in want["gone"]:
        assert gone not in text, gone
        assert all(gone not in (s.heading or "") for s in article.sections[1:]), gone


def test_the_fixtures_hold_long_headings_and_titles() -> None:
    for text in (LONG_HOSPITAL_HEADING, LONG_BLOG_HEADING, BLOG_TITLE):
        assert 80 < len(text) <= 120 and len(text.split()) > 14, text


def test_long_first_line_is_the_title_even_when_a_shorter_heading_follows() -> None:
    title, _, sections = parse_txt(
        "Sådan slipper du af med natlige kramper i læggene, når du har stået op hele dagen på "
        "arbejde og er træt\n\nKort indledning om kramper.\n\nHvad er en krampe?\n\n"
        "En krampe er en muskel, der trækker sig sammen.\n")
    assert title is not None and title.startswith("Sådan slipper du af med natlige kramper")
    assert [s.heading for s in sections][1:] == ["Hvad er en krampe?"]


@pytest.mark.parametrize("line", ["Af Mette Sørensen", "Af Mette Sørensen, fysioterapeut",
                                  "Af fysioterapeut Mette Sørensen, Klinik Øst",
                                  "Skrevet af Jonas Kragh", "12. marts 2024",
                                  "tirsdag d. 4. juni 2024", "Revideret: 01.02.2025",
                                  "Af Mette Sørensen · Opdateret 3. april 2024"])
def test_bylines_and_dates_are_metadata_never_sections(line: str) -> None:
    title, meta, sections = parse_txt(
        f"Krampe i læggen\n\n{line}\n\nDen første tekst om kramper.\n\nEt afsnit\n\n"
        "Mere tekst her.\n")
    assert title == "Krampe i læggen"
    assert {"author", "published", "updated"} & set(meta)
    assert [s.heading for s in sections] == ["Krampe i læggen", "Et afsnit"]
    assert line not in _texts_of(sections)


def _texts_of(sections) -> str:
    return "\n".join(p.text for s in sections for p in s.passages)


def test_prose_starting_with_af_is_not_a_byline() -> None:
    _, meta, sections = parse_txt("Krampe\n\nAf samme grund bør du strække læggen hver aften.\n")
    assert "author" not in meta
    assert "Af samme grund" in _texts_of(sections)


@pytest.mark.parametrize("label", ["Apotekets rådgivning · Medicin og bivirkninger",
                                   "Klinik Øst | Patientguide"])
def test_a_site_label_above_the_text_is_neither_heading_nor_lead(label: str) -> None:
    body = "Den første tekst om kramper.\n\n{h}Et afsnit\n\nMere tekst her.\n"
    for parse, text in ((parse_txt, f"Krampe i læggen\n\n{label}\n\n" + body.format(h="")),
                        (parse_md, f"# Krampe i læggen\n\n*{label}*\n\n"
                                   + body.format(h="## "))):
        _, _, sections = parse(text)
        assert [s.heading for s in sections] == ["Krampe i læggen", "Et afsnit"]
        assert sections[0].passages[0].kind == "lead"
        assert label not in _texts_of(sections)


def test_article_without_sections_has_no_lead() -> None:
    _, _, sections = parse_txt("Krampe i læggen\n\nFørste afsnit.\n\nAndet afsnit.\n")
    assert {p.kind for s in sections for p in s.passages} == {"paragraph"}


@pytest.mark.parametrize(
    ("title", "head", "want"),
    [
        ("Krampe i læggen – årsager og lindring", "", "Krampe i læggen – årsager og lindring"),
        ("Krampe i læggen – årsager og lindring | Netdoktor.dk", "",
         "Krampe i læggen – årsager og lindring"),
        ("Krampe i læggen | Gode råd", "", "Krampe i læggen | Gode råd"),
        ("Krampe i læggen – Klinik Øst", '<meta property="og:site_name" content="Klinik Øst">',
         "Krampe i læggen"),
        ("Sundhedsportalen | Krampe i læggen",
         '<link rel="canonical" href="https://sundhedsportalen.example/a">', "Krampe i læggen"),
        ("Krampe – hvad gør jeg? - Lægehuset Nord",
         '<script type="application/ld+json">{"@type": "Article", '
         '"publisher": {"name": "Lægehuset Nord"}}</script>', "Krampe – hvad gør jeg?"),
    ],
)
def test_html_title_keeps_its_subtitle_and_drops_only_the_site(title, head, want) -> None:
    page = (f"<html><head><title>{title}</title>{head}</head><body><article>"
            "<h1>Overskrift</h1><p>Stræk læggen.</p></article></body></html>")
    assert parse_html(page)[0] == want


def test_title_that_is_only_the_site_name_gives_way_to_the_h1() -> None:
    page = ('<html><head><title>Klinik Øst</title><meta property="og:site_name" '
            'content="Klinik Øst"></head><body><h1>Kramper om natten</h1><p>Tekst.</p>'
            "</body></html>")
    assert parse_html(page)[0] == "Kramper om natten"


def test_site_names_come_from_names_and_addresses() -> None:
    sites = site_names(["Fysioklinikken Åhus"], ["https://www.regionshospitalet-nordby.example/x"])
    assert strip_site("A – B – Fysioklinikken Åhus", sites) == "A – B"
    assert strip_site("A | Regionshospitalet Nordby", sites) == "A"
    assert strip_site("A – Regionshospitalet", sites) == "A – Regionshospitalet"


@pytest.mark.parametrize(("parse", "page"), [
    (parse_md, "# Kramper på cykeltur\n\n## Efter turen\n\nStræk læggene inden sengetid.\n\n"
               "---\n\n**Se også**\n\n- [Mad til lange ture](/mad)\n- [Sadlens højde](/sadel)\n"),
    (parse_html, "<html><body><h1>Kramper på cykeltur</h1><h2>Efter turen</h2>"
                 "<p>Stræk læggene inden sengetid.</p><p><strong>Se også</strong></p>"
                 "<ul><li><a href='/mad'>Mad til lange ture</a></li>"
                 "<li><a href='/sadel'>Sadlens højde</a></li></ul></body></html>"),
])
def test_a_related_links_line_without_a_heading_drops_its_links(parse, page) -> None:
    _, _, sections = parse(page)
    text = "\n".join(p.text for s in sections for p in s.passages)
    assert "Stræk læggene inden sengetid." in text
    assert "Mad til lange ture" not in text and "Sadlens højde" not in text


def test_a_lead_in_goes_with_the_list_even_over_the_lists_own_label() -> None:
    page = ("# Krampe eller blodprop?\n\n## Sådan skelner du\n\n"
            "Der er nogle tegn, du kan holde øje med:\n\n**Typisk for en krampe:**\n"
            "- Musklen bliver hård.\n- Den slipper efter få minutter.\n")
    _, _, sections = parse_md(page)
    (passage,) = sections[-1].passages
    assert passage.text.startswith("Der er nogle tegn, du kan holde øje med:")
    assert "Musklen bliver hård." in passage.text


def test_a_site_label_over_a_byline_in_one_paragraph_is_metadata() -> None:
    page = ("# Kramper hos cykelryttere\n\n**Cykelklinikken Syd – bloggen**\n"
            "Skrevet af fysioterapeut Anna Holm\n\n"
            "Mange ryttere får krampe på lange ture.\n\n## Hvorfor?\n\nTræthed i musklen.\n")
    _, meta, sections = parse_md(page)
    assert meta["publisher"] == "Cykelklinikken Syd – bloggen"
    assert "Anna Holm" in str(meta["author"])
    assert sections[0].passages[0].text == "Mange ryttere får krampe på lange ture."


def test_a_name_above_the_title_line_is_the_publisher() -> None:
    page = ("Fodklinikken Bakkehuset, Ribe\n"
            "Pjece: Kramper i læggen og fødderne, når du er over 70\n"
            "Udgivet: 3. februar 2026\n\nMange ældre vågner med krampe.\n\n"
            "Hvad kan du gøre?\n\nStræk læggen før sengetid.\n")
    title, meta, _ = parse_txt(page)
    assert title == "Pjece: Kramper i læggen og fødderne, når du er over 70"
    assert meta["publisher"] == "Fodklinikken Bakkehuset, Ribe"
