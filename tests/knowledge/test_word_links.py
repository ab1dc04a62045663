"""A question's word the articles never use still finds the words they do use: a
derivation of it, a compound it is the head or the modifier of, a pattern of the lexicon
store, an everyday word typed without æ/ø/å, a phone number, a town's region; and a unit
asks for an amount the articles must give.

Every article and question here is written for these tests."""
# ruff: noqa: E501  (articles keep a paragraph on one line)

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.knowledge.kb import KnowledgeBase
from krampe.knowledge.search import _common_share, analyse_question
from krampe.policy import get_policy
from tests.knowledge.helpers import kb_from, top_answer

SWIM = """# Klubbens gode råd om kramper i vandet

## Svømning med lægkramper

Svømning er skånsom træning for musklerne, men mange får krampe i læggen, når de strækker vristen under crawl. Hold anklerne afslappede, og spark fra hoften.

## Hår og hud efter bassinet

Mange med lyst hår får grønlige klorstriber efter en sæson i bassinet. Skyl håret i ferskvand før træningen.

## Medicin før træning

Tag din allergimedicin en halv time før træningen, så virker den, når du er i vandet.

## Salt efter lange træninger

Efter lange træninger har kroppen mistet salt med sveden. Spis et måltid med lidt salt bagefter.

## Støttestrømper

Har du hævede ankler efter lange flyrejser, kan støttestrømper hjælpe, også på vej til stævner.
"""

CALLS = """# Når krampen ikke går over

## Lægevagten

Er lægen lukket, og går smerterne ikke over, så ring til lægevagten på {number}.

## Region Syddanmark

Bor du i Region Syddanmark, har lægevagten sin egen visitation, som vurderer, om du skal ses.

## Stræk

Stræk læggen i et minut, når krampen kommer.
"""


@pytest.fixture
def swim(tmp_path: Path) -> KnowledgeBase:
    return kb_from(tmp_path, {"svoem.md": SWIM})


def test_a_verb_finds_the_noun_derived_from_it(swim: KnowledgeBase):
    # "svømme" -> svøm -> "svømning"; the article never uses the verb.
    assert "skånsom træning" in top_answer(swim, "er det sundt at svømme når man har lægkramper")


def test_a_word_finds_the_compounds_it_is_the_head_of(swim: KnowledgeBase):
    # "striber" is the head of "klorstriber", a kind of striber.
    assert "klorstriber" in top_answer(swim, "hvorfor får jeg grønne striber i håret")


def test_a_compound_shares_its_modifier_with_the_articles_compounds(swim: KnowledgeBase):
    # "allergispray" beside "allergimedicin": the allergy is what they share.
    assert "allergimedicin" in top_answer(swim, "hvornår skal jeg tage min allergispray før træning")


def test_a_word_nothing_else_matches_joins_a_concept_by_its_pattern(swim: KnowledgeBase):
    # "kompressionsstrømpe*" in the lexicon store's compression concept.
    assert "støttestrømper" in top_answer(swim, "hjælper kompressionsstrømpebukser på hævede ankler")


def test_a_unit_asks_for_an_amount_the_articles_never_give(swim: KnowledgeBase):
    assert not swim.search("hvor mange gram salt skal jeg spise efter lange træninger "
                           "med krampe i læggen").answered
    assert swim.search("skal jeg spise salt efter lange træninger med krampe i læggen").answered


def test_an_everyday_word_without_ae_oe_aa_is_read_as_itself(swim: KnowledgeBase):
    # Neither the lexicon store nor the article has "købe"; the word list has.
    assert swim.index.analyzer.respell("koebe") == "købe"
    assert swim.index.analyzer.respell("klorstriber") == "klorstriber"  # in the article


def test_a_compound_of_two_everyday_words_weighs_as_little_as_they_do(swim: KnowledgeBase):
    # Word lists rarely hold compounds: "mobilnummeret" is as common as "nummeret".
    assert _common_share(swim.index, "mobilnummeret") < 0.9
    assert _common_share(swim.index, "vristsprængning") == 1.0  # a rare part stays rare


@pytest.fixture
def calls(tmp_path: Path) -> KnowledgeBase:
    number = next(r.number for r in get_policy().regions() if " " not in r.number)
    return kb_from(tmp_path, {"vagt.md": CALLS.format(number=number)})


def test_a_question_for_the_number_is_answered_by_the_number(calls: KnowledgeBase):
    assert "ring til lægevagten" in top_answer(calls, "hvad er telefonnummeret til lægevagten")


def test_a_town_finds_its_region(calls: KnowledgeBase):
    assert "Region Syddanmark" in top_answer(calls, "hvordan kommer jeg til lægevagten i Odense")


def test_an_article_is_about_the_word_its_headings_and_passages_keep_using(tmp_path: Path):
    article = """# Smerter i benet når du cykler

## Hvad er cykelknæ?

Cykelknæ er en overbelastning af senerne ved knæskallen.

## Hvem får cykelknæ?

Cykelknæ ses mest hos motionister, der øger træningen hurtigt.

## Sadlens højde

En for lav sadel giver cykelknæ, fordi knæet bøjer for meget.

## Hvile

Hold pause fra cyklen i en uge.
"""
    kb = kb_from(tmp_path, {"cykel.md": article})
    word = next(w for w in analyse_question(kb.index, "cykelknæ") if w.surface == "cykelknæ")
    assert {t for t, _ in word.full} & kb.index.article_topics[0]
    # The title never names it, yet a question about it is on the article's topic.
    assert kb.explain("kan man få cykelknæ af en forkert indstillet cykel").on_topic


def test_turning_up_the_training_is_increasing_it(tmp_path: Path):
    article = """# Kom godt i gang med at løbe

## Belastning

Øg den ugentlige distance med højst en tiendedel, så senerne kan følge med.

## Sko

Skift løbesko, når sålen er slidt.
"""
    kb = kb_from(tmp_path, {"loeb.md": article})
    result = kb.search("hvor hurtigt kan jeg skrue op for distancen")
    assert result.answered and "højst en tiendedel" in result.answers[0].text


def test_calcium_by_its_everyday_name_is_calcium_not_any_salt(tmp_path: Path):
    article = """# Tilskud og kramper

## Salt og sportsdrik

Sveder du meget, kan en sportsdrik med salt og sukker erstatte det tabte salt.

## Calcium

Calciumtilskud forebygger ikke lægkramper, men knoglerne har brug for calcium.
"""
    kb = kb_from(tmp_path, {"tilskud.md": article})
    result = kb.search("virker kalktabletter mod kramper")
    assert result.answered and result.answers[0].text.startswith("Calciumtilskud")


def test_a_real_word_stays_itself_where_the_writer_types_danish_letters(tmp_path: Path) -> None:
    kb = kb_from(tmp_path, {"a.md": "# Kramper hos ældre\n\n## Hvad bør man gøre?\n\n"
                                     "Man bør strække læggen, før man går i seng.\n"})
    analyzer = kb.index.analyzer
    # "bor" (lives) in a question with æ/ø/å is not "bør" (should) ...
    assert analyzer.respell("bor", plain_text=False) == "bor"
    # ... while someone typing without æ/ø/å at all may mean it.
    assert analyzer.respell("bor", plain_text=True) == "bør"
    words = [w.surface for w in kb.explain("min far bor alene og får kramper om natten").words]
    assert "bor" in words and "bør" not in words


def test_a_compound_read_whole_is_not_matched_by_its_head(tmp_path: Path) -> None:
    kb = kb_from(tmp_path, {"a.md": "# Lægkramper\n\n## Hvordan føles det?\n\n"
                                     "Musklen bliver hård som en knude, og knuden slipper "
                                     "først efter et minut.\n"})
    analyzer = kb.index.analyzer
    assert analyzer.known_head("åreknuder") is None  # veins, not the cramp's knot
    result = kb.search("får man åreknuder af at stå op hele dagen")
    assert not result.answered
