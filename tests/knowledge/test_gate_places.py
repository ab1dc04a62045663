"""Where the gate looks: a treatment named as the subject of "kan ... hjælpe", advice
words that name no treatment, a definition in a passage's second sentence, and the bar
of a passage on its own article's topic.

Every article and question here is written for these tests."""
# ruff: noqa: E501  (articles keep a paragraph on one line)

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.knowledge.kb import KnowledgeBase
from tests.knowledge.helpers import kb_from, top_answer

KIDNEY = """# Kramper under hæmodialyse

## Hvorfor krampe i dialysen?

Når der trækkes meget væske ud på kort tid, kan musklerne i læggen krampe. Det sker oftest i den sidste time af behandlingen.

## Vægt og væske

En ny målvægt kan give kramper. Målvægten er den vægt, du skal have, når behandlingen er slut, og sygeplejersken kan justere den.

## Når tørsten driller

Sug på en isterning, og spar på saltet, så bliver du mindre tørstig mellem behandlingerne.

## Stræk

Stræk læggen med et håndklæde om foden, når krampen kommer i stolen.
"""

BIKE = """# Råd fra klubtræneren

## Kramper undervejs

Kramper på cyklen kommer oftest, når du kører længere, end du er trænet til.

## Mad

Spis lidt hver halve time på ture over to timer, og vent ikke til du er sulten.

## Sadlen

En for høj sadel på cyklen strækker læggen i hvert pedaltråd.

## Cyklen om vinteren

Kør på rullebord om vinteren, så cyklen ikke ruster.

## Tempo

På lange ture på cyklen skal du holde tempoet nede den første time.

## Regn

Tjek bremserne på cyklen før ture i regnvejr.
"""

PREGNANT = """# Kost når du venter barn

## Kvalme

Begynd at spise lidt og ofte, når kvalmen begynder om morgenen.

## Jern

Mange gravide får et tilskud af jern.
"""


@pytest.fixture
def kidney(tmp_path: Path) -> KnowledgeBase:
    return kb_from(tmp_path, {"dialyse.md": KIDNEY})


def test_a_treatment_named_before_the_verb_must_be_in_the_articles(kidney: KnowledgeBase):
    outcome = kidney.explain("kan akupunkturnåle hjælpe mod krampe i læggen under dialysen")
    assert not outcome.answered and outcome.reason.startswith("treatment not in the knowledge base")
    # Named the same way, a treatment the article gives is answered.
    assert kidney.search("kan en isterning hjælpe mod tørsten mellem behandlingerne").answered


def test_a_treatment_named_before_a_passive_verb_must_be_in_the_articles(
        kidney: KnowledgeBase):
    # "kan X bruges / tages / anvendes mod ...": the same place as "kan X hjælpe".
    for verb in ("bruges", "tages", "anvendes"):
        outcome = kidney.explain(f"kan melatonin {verb} mod krampe i læggen under dialysen")
        assert not outcome.answered, verb
        assert outcome.reason.startswith("treatment not in the knowledge base"), verb
    assert kidney.search("kan en isterning bruges mod tørsten mellem behandlingerne").answered


def test_asking_for_advice_names_no_treatment(kidney: KnowledgeBase):
    assert "isterning" in top_answer(kidney, "forslag mod tørsten mellem behandlingerne")


def test_a_definition_in_a_later_sentence_explains_the_word(kidney: KnowledgeBase):
    # "Målvægten er den vægt ..." is the passage's second sentence.
    result = kidney.search("hvad betyder målvægt")
    assert result.answered
    assert any("Målvægten er den vægt" in a.text for a in result.answers)


def test_a_passage_on_its_articles_topic_clears_the_lower_bar(tmp_path: Path):
    kb = kb_from(tmp_path, {"cykel.md": BIKE, "gravid.md": PREGNANT})
    # "cykeltur": the passage on eating has "ture", its article is about the bike (its
    # headings and passages keep naming it); the passage on nausea says more of the
    # question but is on no topic of it, and alone it would not clear the higher bar.
    result = kb.search("hvornår skal jeg begynde at spise på en lang cykeltur")
    assert result.answered
    assert any("hver halve time" in a.text for a in result.answers)


SLEEP = """# Kramper om natten

## Stilling i sengen

Ligger du med tæerne strakt nedad hele natten, forkorter det lægmusklen. Læg en pude under anklerne.

## Under sport

Mærker du et knald bag i læggen under en sprint, er det ofte en skade i musklen og ikke en krampe.
"""


@pytest.fixture
def sleep(tmp_path: Path) -> KnowledgeBase:
    return kb_from(tmp_path, {"nat.md": SLEEP})


def test_a_body_part_after_paa_tells_how_one_lies(sleep: KnowledgeBase):
    # "maven" marks a stomach cramp; "på maven" is a way of lying.
    result = sleep.search("giver det kramper at jeg altid sover på maven")
    assert result.answered and "pude under anklerne" in result.answers[0].text


def test_a_lay_word_for_a_snap_finds_the_article_word(sleep: KnowledgeBase):
    result = sleep.search("jeg mærkede et smæld under en sprint, hvad var det")
    assert result.answered and "knald" in result.answers[0].text
