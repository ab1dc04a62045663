"""Ranking over a clinic's own articles: the answering passage beats the lead, a heading
alone is never an answer, a word the index lacks finds the compounds it is part of, a
definition question finds the definition, phrases of another domain are not answered.

The articles are written here, in the shapes of other sites (a hospital page with an h1
and a lead, a blog with a subtitle line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.knowledge.kb import KnowledgeBase
from tests.knowledge.helpers import kb_from, top_answer

HOSPITAL = """<html><head><title>Blodprop i armen – patientinformation</title></head><body>
<main><h1>Blodprop i armen (armvenetrombose)</h1>
<p>En blodprop i en af armens dybe vener kaldes armvenetrombose. Den giver hævelse,
smerter og nogle gange rødme, og den skal altid undersøges og behandles.</p>
<h2>Behandling</h2>
<p>Behandlingen er blodfortyndende medicin i mindst tre måneder. Nogle får desuden en
kompressionsærme, som mindsker hævelsen.</p>
<h2>Undersøgelse</h2>
<p>Lægen tager en blodprøve og får lavet en ultralydsscanning af armens vener.</p>
<h2>Risiko</h2>
<p>Risikoen stiger efter operationer, ved kræft og hos dem, der tidligere har haft en
blodprop. Stop ikke selv medicinen: blodsukkeret kan stige hos nogle med sukkersyge.</p>
<h2>Tegn på fare</h2>
<p>Ring 112 ved pludselig åndenød eller blodig hoste (hæmoptyse).</p>
</main></body></html>
"""

PHARMACY = """# Kramper og medicin

Nogle lægemidler kan give muskelkramper som bivirkning.

## Hjertemedicin

Kininpræparater blev tidligere brugt mod kramper, men frarådes nu på grund af
bivirkninger på hjertet.

## Stop ikke selv

Stop aldrig en behandling på egen hånd; tal med lægen om at skifte præparat.
"""

IDLE = """# Søvn og kramper

## Søvnråd

## Gode vaner om aftenen

Gå en kort tur om aftenen og stræk læggene, før du går i seng.
"""


@pytest.fixture
def clinic(tmp_path: Path) -> KnowledgeBase:
    return kb_from(tmp_path, {"hospital_arm.html": HOSPITAL, "apotek.md": PHARMACY,
                              "soevn.md": IDLE})


def test_the_answering_section_beats_the_lead(clinic: KnowledgeBase):
    assert "ultralydsscanning" in top_answer(clinic,
                                             "hvordan undersøger lægen en blodprop i armen?")
    assert "tre måneder" in top_answer(clinic, "hvor længe skal man tage blodfortyndende medicin "
                                               "efter en blodprop i armen?")


def test_a_definition_question_gets_the_definition(clinic: KnowledgeBase):
    answer = top_answer(clinic, "hvad er en armvenetrombose?")
    assert answer.startswith("En blodprop i en af armens")


def test_a_heading_alone_is_never_an_answer(clinic: KnowledgeBase):
    for answer in clinic.search("søvnråd mod kramper").answers:
        assert answer.text.strip() and answer.text != "Søvnråd"


def test_a_word_the_index_lacks_finds_the_compounds_it_modifies(clinic: KnowledgeBase):
    assert "Kininpræparater" in top_answer(clinic, "kan man tage kinin mod kramper?")


def test_lay_words_meet_the_article_medical_ones(clinic: KnowledgeBase):
    # "støttestrømpe" / "kompressionsstrømpe" and "ligge i sengen" / "sengeleje" are the
    # lexicon store's; here "finde ud af" meets "undersøgelse".
    assert "ultralydsscanning" in top_answer(clinic, "hvordan finder lægen ud af om det er en "
                                                     "blodprop i armen")


@pytest.mark.parametrize("question", [
    "hvad er symptomerne på en blodprop i hjertet?",
    "hvordan opdager man en blodprop i hjernen?",
    "hvad gør jeg mod hold i siden når jeg løber?",
])
def test_a_near_domain_phrase_is_not_answered(clinic: KnowledgeBase, question: str):
    assert not clinic.search(question).answered


def test_a_thing_only_mentioned_is_not_explained(clinic: KnowledgeBase):
    assert not clinic.search("hvad er et normalt blodsukker?").answered
    # Named in brackets, it is explained.
    assert "hæmoptyse" in top_answer(clinic, "hvad betyder hæmoptyse")


def test_a_compound_of_words_the_lexicon_knows_is_split(clinic: KnowledgeBase):
    # "håndboldtræning": the index has neither part as a word; the lexicon store knows
    # "håndbold" (training) and the index knows "træning" through its concept.
    from krampe.knowledge.search import analyse_question

    words = analyse_question(clinic.index, "giver håndboldtræning blodprop i armen")
    assert any(w.surface == "håndboldtræning" and w.parts for w in words)
