"""Structure a reader has to find: numbered section headings in plain text, and the
lines that introduce a list kept with it in every format."""

from __future__ import annotations

from krampe.knowledge.readers.txt import parse as parse_txt

_LEAFLET = """Efter din skulderoperation
Information til patienter

Denne vejledning fortæller, hvad du selv kan gøre i ugerne efter operationen.


Det kan du selv gøre

1. Kulde på skulderen
Læg en kold pakke pakket ind i et viskestykke på skulderen i et kvarter ad gangen.

2. Bevægeøvelser for hånden
Gør øvelserne tre gange om dagen, så længe armen hviler i slyngen:
- Knyt hånden og spred fingrene 15 gange.
- Bøj og stræk albuen langsomt 10 gange.

Hold armen i slyngen, når du går udenfor.
"""


def _sections():
    return parse_txt(_LEAFLET)[2]


def test_a_numbered_line_over_a_paragraph_is_a_heading_not_a_one_item_list() -> None:
    headings = [s.heading for s in _sections()]
    assert "Kulde på skulderen" in headings
    assert "Bevægeøvelser for hånden" in headings
    texts = [p.text for s in _sections() for p in s.passages]
    assert not any(t.startswith("- Kulde") or t.startswith("- Bevægeøvelser") for t in texts)


def test_no_passage_is_only_a_heading_line() -> None:
    # A short line of its own without a full stop names a topic; it answers nothing.
    for section in _sections():
        for passage in section.passages:
            text = passage.text.strip()
            assert "\n" in text or text[-1] in ".!?" or len(text.split()) > 8, text


def test_a_lead_in_line_stays_with_its_list_as_a_list() -> None:
    exercises = next(s for s in _sections() if s.heading == "Bevægeøvelser for hånden")
    first = exercises.passages[0]
    assert first.kind == "list"
    assert first.text.startswith("Gør øvelserne tre gange om dagen")
    assert "\n- Knyt hånden" in first.text


def test_numbered_items_in_a_list_of_their_own_stay_a_list() -> None:
    text = ("Lægstræk\n\nStrækket tager et minut.\n\nSådan gør du\n\n"
            "Følg trinene i rækkefølge:\n\n1. Stil dig ved en væg\n"
            "2. Sæt det ene ben bagud\n3. Hold strækket\n\nGentag med det andet ben.\n")
    sections = parse_txt(text)[2]
    kinds = [p.kind for s in sections for p in s.passages]
    assert "list" in kinds
    assert not any(s.heading == "Stil dig ved en væg" for s in sections)


def test_a_sections_one_short_opening_sentence_goes_with_the_steps_below_it() -> None:
    from krampe.knowledge.readers.markdown import parse as parse_md

    text = ("# Øvelser for ryggen\n\nKorte øvelser til hverdagen.\n\n"
            "## Bækkenvip på ryggen\n\nGodt til dig, der sidder meget ned.\n\n"
            "1. Læg dig på ryggen med bøjede knæ.\n2. Pres lænden ned mod gulvet.\n\n"
            "## Kattens strækning\n\nStå på alle fire og skyd ryggen op.\n")
    sections = parse_md(text)[2]
    pelvis = next(s for s in sections if s.heading == "Bækkenvip på ryggen")
    assert len(pelvis.passages) == 1
    assert pelvis.passages[0].text.startswith("Godt til dig, der sidder meget ned.\n- Læg dig")
    # A section's text that is a paragraph of its own stays one.
    cat = next(s for s in sections if s.heading == "Kattens strækning")
    assert cat.passages[0].kind == "paragraph"
