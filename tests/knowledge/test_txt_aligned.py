"""Plain-text shapes of a course or clinic page: a breadcrumb trail over the title, a
contact box and a week plan aligned with spaces (values wrapped under their column), a
numbered list wrapped under its items, and a line broken after "kl."."""

from __future__ import annotations

from pathlib import Path

from krampe.knowledge.readers.txt import parse as parse_txt
from tests.knowledge.helpers import kb_from, top_answer

_PAGE = """Vesterby Kommune · Træningscenter Lyngen
Forside > Borger > Motion > Hold for voksne

BALANCEHOLD FOR NYBEGYNDERE
Træning i små grupper for dig, der vil stå mere sikkert

Holdet mødes en gang om ugen i otte uger.


PLAN FOR FORLØBET

  Uge 1       Samtale med terapeuten og en kort test af, hvor længe
              du kan stå med samlede fødder
  Uge 2-5     Grundøvelser på gulv og ved ribben
  Uge 6-8     Øvelser på blødt underlag


ØVELSER

  1. Vægtskift – flyt vægten fra det ene ben til det andet, roligt
     og med blikket fremad.
  2. Gå på en streg – hæl mod tå, ti skridt frem og ti tilbage.
  3. Knæbøjning ved bordet – bøj let i knæene, og rejs dig op igen.


PRAKTISK

  Adresse:  Lyngvej 14, 4100 Vesterby. Salen ligger på første sal,
            og der er trappelift.
  Betaling: Holdet koster 300 kr., som betales første gang.
  Husk:     Skridsikre sokker og en drikkedunk.

Ring til receptionen på telefon 33 44 55 66 hverdage kl.
8-11, hvis du har spørgsmål.
"""


def _parsed():
    return parse_txt(_PAGE)


def _texts() -> list[str]:
    return [p.text for s in _parsed()[2] for p in s.passages]


def test_a_breadcrumb_trail_is_neither_title_nor_text() -> None:
    title, meta, _sections = _parsed()
    assert title == "BALANCEHOLD FOR NYBEGYNDERE"
    # Where the page sits is kept beside the site, for the index.
    assert meta["breadcrumb"] == "Borger Motion Hold for voksne"
    assert not any("Forside" in t for t in _texts())


def test_a_contact_box_row_keeps_its_label_and_its_wrapped_value() -> None:
    texts = _texts()
    address = next(t for t in texts if "Lyngvej 14" in t)
    assert address.startswith("Adresse:")
    assert "trappelift" in address
    assert any(t.startswith("Betaling:") and "300 kr." in t for t in texts)
    assert any(t.startswith("Husk:") and "drikkedunk" in t for t in texts)


def test_a_week_plan_gives_one_row_a_passage_and_no_row_becomes_a_heading() -> None:
    sections = _parsed()[2]
    assert not any(s.heading.startswith("Uge") for s in sections)
    texts = _texts()
    first = next(t for t in texts if t.startswith("Uge 1 "))
    assert "samlede fødder" in first
    assert any(t.startswith("Uge 2-5") and "ribben" in t for t in texts)
    assert any(t.startswith("Uge 6-8") for t in texts)


def test_a_numbered_item_wrapped_under_its_text_stays_one_item() -> None:
    lists = [t for t in _texts() if "Vægtskift" in t]
    assert len(lists) == 1
    assert "blikket fremad" in lists[0]
    assert "- Knæbøjning ved bordet" in lists[0]


def test_a_line_broken_after_kl_goes_on_with_the_time() -> None:
    assert any("kl. 8-11" in t for t in _texts())


def test_a_course_page_answers_what_it_costs_what_to_bring_and_whom_to_ring(
        tmp_path: Path) -> None:
    kb = kb_from(tmp_path, {"balancehold.txt": _PAGE})
    assert "300 kr." in top_answer(kb, "hvad er prisen for balanceholdet")
    assert "drikkedunk" in top_answer(kb, "skal jeg huske noget til balanceholdet")
    # The page writes "telefon"/"ring ... på" with the number; people ask for "tlf".
    assert "33 44 55 66" in top_answer(kb, "tlf nr til receptionen?")
