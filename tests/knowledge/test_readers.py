"""Readers: each format, metadata keys, passage cap, FAQ pairing, tables, section comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.errors import KnowledgeBaseError
from krampe.knowledge.model import MAX_PASSAGE_CHARS
from krampe.knowledge.readers import detect_format, load_articles, read_article
from krampe.knowledge.readers.blocks import split_long
from krampe.knowledge.readers.meta import parse_date

FIXTURES = Path(__file__).parent / "fixtures"


def _passages(article):
    return [(s, p) for s in article.sections for p in s.passages]


def _all_text(article) -> str:
    return "\n".join(p.text for _, p in _passages(article))


def test_txt_seed_lifts_author_and_date_into_metadata(seeds_dir: Path):
    article = read_article(next(seeds_dir.glob("000_*")))
    assert article.format == "txt"
    assert article.title == "Hvorfor får jeg kramper i læggene?"
    assert article.metadata["author"] == "Carmen Martín"
    assert article.metadata["updated"] == "2022-08-25"
    text = _all_text(article)
    for gone in ("Skrevet af", "Sidste ændring", "Læs også", "Illustration af",
                 "Læge tjekker", "informationsformål"):
        assert gone not in text
    headings = [s.heading for s in article.sections]
    assert "Kan det være relateret til en anden lidelse?" in headings
    assert "Hvad skal man gøre, når man får kramper i læggene?" in headings


def test_markdown_in_txt_file_is_read_as_markdown(seeds_dir: Path):
    article = read_article(next(seeds_dir.glob("001_*")))
    assert article.format == "md"
    assert article.metadata["updated"] == "2025-09-13"
    assert article.metadata["published"] == "2025-09-13"
    assert article.title == "Krampe i læggen – årsager og lindring"
    faqs = [p for _, p in _passages(article) if p.kind == "faq"]
    blodprop = next(p for p in faqs if "blodprop (DVT)" in p.text)
    assert blodprop.text.startswith("Kan en blodprop i benet give kramper i læggen?")
    rows = [p.text for _, p in _passages(article) if p.kind == "table_row"]
    assert len(rows) == 3
    assert all("Øvelse/stræk:" in row and "Hvordan:" in row for row in rows)


def test_every_passage_is_capped_and_carries_its_heading(seeds_dir: Path):
    articles, warnings = load_articles([seeds_dir, FIXTURES])
    assert not warnings
    for article in articles:
        for section, passage in _passages(article):
            assert 0 < len(passage.text) <= MAX_PASSAGE_CHARS
            if section.level > 0:
                assert section.heading


def test_html_reader_keeps_only_the_article_body():
    article = read_article(FIXTURES / "strakte_laegge.html")
    assert article.format == "html"
    assert article.title == "Kramper i læggen hos motionister"
    assert article.metadata == {
        "title": "Kramper i læggen hos motionister",
        "author": "Signe Holm",
        "published": "2024-03-05",
        "updated": "2025-01-20",
        "url": "https://example.org/helse/kramper-i-laeggen",
    }
    text = _all_text(article)
    for noise in ("Forside", "rabat", "tracking", "Tilmeld", "Cookiepolitik", "Foto af",
                  "Accepter", "Facebook"):
        assert noise not in text
    kinds = {p.kind for _, p in _passages(article)}
    assert {"paragraph", "list", "table_row", "faq"} <= kinds
    rows = [p.text for _, p in _passages(article) if p.kind == "table_row"]
    assert rows[0] == "Øvelse: Let jog · Varighed: 10 minutter"
    faq = next(p for _, p in _passages(article) if p.kind == "faq")
    assert faq.text.startswith("Skal jeg drikke sportsdrik på korte ture?")


def test_markdown_section_comments_become_metadata_not_text():
    article = read_article(FIXTURES / "natlige_kramper.md")
    section = next(s for s in article.sections if s.heading == "Hvad kan jeg gøre før sengetid?")
    assert section.sources == ["nhs-leg-cramps", "nice-cks-leg-cramps"]
    assert section.tags == ["trigger:night"]
    text = _all_text(article)
    assert "sources:" not in text and "<!--" not in text and "trigger:" not in text
    assert article.metadata["clinical_review"] == "pending"
    assert article.metadata["summary"].startswith("Hvad du selv kan gøre")
    lists = [p for _, p in _passages(article) if p.kind == "list"]
    assert len(lists) == 1 and lists[0].text.count("\n") == 2


def test_format_detected_from_content_not_extension(tmp_path: Path):
    html = tmp_path / "side.txt"
    html.write_text("<!doctype html><html><body><article><h1>Krampe</h1>"
                    "<p>Stræk læggen.</p></article></body></html>", encoding="utf-8")
    md = tmp_path / "noter.html"
    md.write_text("# Krampe\n\nStræk læggen.\n\n- et\n- to\n", encoding="utf-8")
    plain = tmp_path / "tekst.md"
    plain.write_text("Krampe\n\nStræk læggen roligt.\n", encoding="utf-8")
    assert read_article(html).format == "html"
    assert read_article(md).format == "md"
    assert detect_format(plain.read_text(), ".md") == "md"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("25 august, 2022", "2022-08-25"),
        ("13. september 2025", "2025-09-13"),
        ("13/09/2025", "2025-09-13"),
        ("2024-03-05T08:30:00+01:00", "2024-03-05"),
        ("5. okt. 2023", "2023-10-05"),
        ("31/02/2024", None),
        ("i går", None),
    ],
)
def test_dates(raw: str, iso: str | None):
    assert parse_date(raw) == iso


def test_long_paragraph_is_split_at_sentences():
    sentence = "Kramper i læggen er almindelige hos ældre mennesker om natten. "
    chunks = split_long(sentence * 30)
    assert len(chunks) > 1
    assert all(len(c) <= MAX_PASSAGE_CHARS and c.endswith(".") for c in chunks)
    giant = split_long("ord " * 400)
    assert all(len(c) <= MAX_PASSAGE_CHARS for c in giant)


def test_bad_files_become_warnings_and_the_rest_is_read(tmp_path: Path):
    (tmp_path / "god.txt").write_text("Krampe\n\nStræk læggen roligt.\n", encoding="utf-8")
    (tmp_path / "binaer.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 20)
    (tmp_path / "latin1.txt").write_bytes("Kramper i læggen om natten".encode("latin-1"))
    (tmp_path / "tom.md").write_text("   \n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "dyb.md").write_text("# Læg\n\nGå en tur.\n", encoding="utf-8")
    articles, warnings = load_articles([tmp_path])
    assert sorted(a.id for a in articles) == ["dyb", "god"]
    assert len(warnings) == 3
    joined = "\n".join(warnings)
    for name in ("binaer.txt", "latin1.txt", "tom.md"):
        assert name in joined


def test_no_readable_article_is_a_danish_error(tmp_path: Path):
    (tmp_path / "x.txt").write_bytes(b"\xff\xfe\x00\x00")
    with pytest.raises(KnowledgeBaseError) as info:
        load_articles([tmp_path])
    assert "artikler" in info.value.message and "\n" not in info.value.message
    empty = tmp_path / "tom"
    empty.mkdir()
    with pytest.raises(KnowledgeBaseError):
        load_articles([empty])
    with pytest.raises(KnowledgeBaseError):
        load_articles([tmp_path / "findes-ikke"])


def test_txt_without_blank_lines_keeps_headings(tmp_path: Path):
    path = tmp_path / "tæt.txt"
    path.write_text(
        "Kramper om natten\n"
        "Mange vågner med en hård læg. Det er ubehageligt, men ufarligt.\n"
        "Hvad kan jeg gøre?\n"
        "Stræk læggen før sengetid og drik et glas vand.\n"
        "Hvornår skal jeg til læge?\n"
        "Hvis benet er hævet og rødt, skal du ringe til lægen samme dag.\n",
        encoding="utf-8")
    article = read_article(path)
    headings = [s.heading for s in article.sections]
    assert headings == ["Kramper om natten", "Hvad kan jeg gøre?", "Hvornår skal jeg til læge?"]
    wrapped = tmp_path / "ombrudt.txt"
    wrapped.write_text("Kramper\n\nDenne tekst er brudt om\nmidt i sætningen, som i en e-mail,"
                       "\nog skal læses som ét afsnit.\n", encoding="utf-8")
    passages = [p.text for s in read_article(wrapped).sections for p in s.passages]
    assert passages == ["Denne tekst er brudt om midt i sætningen, som i en e-mail, og skal "
                        "læses som ét afsnit."]
