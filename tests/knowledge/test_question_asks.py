"""A heading that asks why does not lift its section for a question about what to do
(and the other way round); a past tense in -ede finds the verb's other forms.

The article is written here: a sports club's page on cramps in the thigh, with one
section on causes and one on what to do, both naming the evening."""

from __future__ import annotations

from pathlib import Path

from krampe.knowledge.asks import asks
from tests.knowledge.helpers import kb_from, top_answer

CLUB = """# Lårkramper efter træning

Mange af klubbens spillere kender krampen i låret, der kommer efter en lang kamp.

## Hvorfor kommer krampen i låret om aftenen?

Om aftenen er musklerne trætte efter dagens kampe, og væsketabet fra eftermiddagen er
ofte ikke indhentet. Derfor strammer låret sig lettere, når man sætter sig i sofaen.

## Hvad kan man gøre?

Drik et stort glas vand efter kampen, og stræk forsiden af låret i et halvt minut, før
du går i seng. En kort gåtur efter aftensmaden holder også musklen blød.

## Opvarmning

Spillere, der har varmet grundigt op, får sjældnere kramper i låret sidst i kampen.
"""


def test_cue_words_say_what_is_asked() -> None:
    assert asks("Hvorfor sover jeg så dårligt?") == "cause"
    assert asks("hvad skyldes den stive nakke") == "cause"
    assert asks("Hvordan forebygger man ømme fødder?") == "action"
    assert asks("hvad gør jeg ved det") == "action"
    # A heading of both kinds, or of neither, asks nothing in particular.
    assert asks("Årsager og hvad du kan gøre") is None
    assert asks("Hvilken muskel er det?") is None
    assert asks(None) is None


def test_why_heading_does_not_answer_what_to_do(tmp_path: Path) -> None:
    kb = kb_from(tmp_path, {"laar.md": CLUB})
    answer = top_answer(kb, "krampe i låret om aftenen, hvad kan jeg gøre")
    assert "glas vand" in answer


def test_what_to_do_heading_does_not_answer_why(tmp_path: Path) -> None:
    kb = kb_from(tmp_path, {"laar.md": CLUB})
    answer = top_answer(kb, "hvorfor får man krampe i låret om aftenen efter at gå i seng")
    assert "væsketabet" in answer


def test_past_tense_finds_the_participle(tmp_path: Path) -> None:
    kb = kb_from(tmp_path, {"laar.md": CLUB})
    answer = top_answer(kb, "jeg varmede ikke op, er det derfor?")
    assert "varmet grundigt op" in answer



def test_sentence_adverbs_weigh_nothing(tmp_path: Path) -> None:
    # "alligevel" and "overhovedet" say how sure the asker is, not what they ask about.
    kb = kb_from(tmp_path, {"laar.md": CLUB + "\nMan kan alligevel godt spille videre.\n"})
    surfaces = {w.surface for w in kb.explain(
        "kan man overhovedet spille videre alligevel med krampe i låret").words}
    assert "alligevel" not in surfaces and "overhovedet" not in surfaces
    assert "spille" in surfaces
