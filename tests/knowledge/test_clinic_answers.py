"""Answers from a clinic's own articles in shapes the readers meet on other sites: an
advice column of readers' letters, a clinic guide under a site label, an article whose
lead alone answers, a blog with a closing note about its author; and questions told
with word forms, lay words and near-domain body parts.

Every article and question here is written for these tests."""
# ruff: noqa: E501  (articles keep a paragraph on one line, as the sites' text files do)

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.knowledge.danish import declared_synonyms
from krampe.knowledge.kb import KnowledgeBase
from krampe.knowledge.readers.meta import parse_date
from krampe.knowledge.readers.txt import parse as parse_txt
from krampe.lang.da import danish
from tests.knowledge.helpers import kb_from, top_answer

COLUMN = """LÆSERNES SPØRGSMÅL – Fysioterapeuten svarer
Lokalbladet Nordkysten · Onsdag 3. april 2024

Fysioterapeut Lars Bech svarer hver måned på læsernes spørgsmål.


ONDT I LÆGGEN EFTER CYKELTUREN

Spørgsmål: Jeg er en mand på 58 og cykler til arbejde hver dag. Om aftenen får jeg ofte krampe i den ene læg. Hvad kan jeg gøre? Hilsen Cyklisten

Svar: Cykling belaster lægmusklen i korte stillinger i lang tid. Stræk læggen efter turen ved at stille dig med hælen i gulvet og læne dig mod en væg, og hæv sadlen en anelse.


KRAMPER EFTER NYE BLODTRYKSPILLER

Spørgsmål: Min kone er begyndt på ny blodtryksmedicin og har siden haft kramper om natten. Hænger det sammen? Hilsen Ægtemanden

Svar: Nogle midler mod forhøjet blodtryk kan give kramper som bivirkning. Hun skal ikke selv stoppe, men tale med sin læge om at skifte præparat.
"""

GUIDE = """# Krampe i læggen – vores råd

*Fysioklinikken Åbyhøj · Patientguide*

Her har vi samlet vores råd om lægkramper, til dig der er i forløb hos os.

## Stræk før sengetid

Stræk læggen i et minut før du går i seng, og lad dynen ligge løst.

## Forløb hos os

Bliver kramperne ikke bedre, laver vi en plan med øvelser og følger op efter fire uger.
"""

LEAD_ANSWERS = """# Kan tabletter mod sukkersyge give kramper?

Har du fået øget dosis af dine tabletter mod sukkersyge, og får du nu kramper, kan der være en sammenhæng, som lægen bør se på.

## Om sukkersyge

Sukkersyge er en sygdom, hvor blodsukkeret er for højt.

## Kost

Spis regelmæssigt og vælg grove kulhydrater.
"""

RUNNING = """---
author: "Sofie Dam, løbetræner"
---

# Krampe på de sidste kilometer

## Derfor kommer krampen

Træthed i musklen er den vigtigste årsag til krampe sidst i et langt løb.

## Når krampen kommer

Stop, stræk læggen med hælen i jorden og gå et stykke.

Sofie Dam træner løbere i Vejle og har selv løbet mange maratonløb.
"""

CALF_ONLY = """# Krampe i læggen

## Når krampen kommer

Træk tæerne op mod knæet og hold strækket, til krampen slipper.

## Om natten

Om natten peger tæerne ofte nedad i sengen, og det forkorter lægmusklen, så den lettere kramper.

## En øvelse til læggen

Stå med forfoden på et trappetrin og lad hælen synke langsomt ned for at strække læggen.

## Hvornår til lægen?

Kontakt din læge, hvis kramperne kommer hver nat, eller hvis benet er hævet og varmt.
"""


@pytest.fixture
def column(tmp_path: Path) -> KnowledgeBase:
    return kb_from(tmp_path, {"brevkasse.txt": COLUMN})


def test_a_readers_letter_and_its_answer_are_one_passage():
    _, _, sections = parse_txt(COLUMN)
    letters = [p for s in sections for p in s.passages if "Spørgsmål:" in p.text]
    assert len(letters) == 2
    assert all(p.kind == "faq" and "\nSvar:" in p.text for p in letters)


def test_a_question_told_like_a_letter_gets_the_answer_to_it(column: KnowledgeBase):
    result = column.search("min mand har fået ny blodtryksmedicin og får kramper om natten, "
                           "hænger det sammen?")
    assert result.answered
    assert "skifte præparat" in result.answers[0].text


def test_a_site_label_is_kept_as_publisher_and_answers_questions_naming_it(tmp_path: Path):
    kb = kb_from(tmp_path, {"guide.md": GUIDE})
    (record,) = kb.article_records()
    assert record.metadata["publisher"] == "Fysioklinikken Åbyhøj · Patientguide"
    assert all("Fysioklinikken" not in kb.index.texts[i] for i in range(kb.index.size))
    result = kb.search("hvad gør fysioklinikken hvis mine kramper ikke bliver bedre")
    assert result.answered
    assert "plan med øvelser" in result.answers[0].text


def test_a_lead_that_alone_answers_is_not_ranked_below_sections(tmp_path: Path):
    kb = kb_from(tmp_path, {"sukker.md": LEAD_ANSWERS})
    result = kb.search("lægen har sat dosis op på mine tabletter mod sukkersyge og nu får "
                       "jeg kramper, kan det hænge sammen?")
    assert result.answered
    assert result.answers[0].text.startswith("Har du fået øget dosis")


def test_a_closing_note_about_the_author_is_no_answer(tmp_path: Path):
    kb = kb_from(tmp_path, {"loeb.md": RUNNING})
    assert all("træner løbere i Vejle" not in kb.index.texts[i] for i in range(kb.index.size))
    result = kb.search("hvem har skrevet om krampe sidst i et maraton?")
    assert result.answered
    assert all("Vejle" not in answer.text for answer in result.answers)


@pytest.fixture
def calf(tmp_path: Path) -> KnowledgeBase:
    return kb_from(tmp_path, {"laeg.md": CALF_ONLY})


@pytest.mark.parametrize("question", [
    "jeg får krampe i tæerne når jeg cykler, hvad gør jeg",
    "hvorfor får jeg kramper i foden om natten",
    "min veninde får krampe i hånden når hun strikker",
    "jeg har ondt i knæet når jeg går på trapper",
])
def test_a_cramp_or_pain_elsewhere_is_not_answered_by_a_calf_article(calf: KnowledgeBase,
                                                                     question: str):
    assert not calf.search(question).answered


def test_words_of_two_clauses_are_no_phrase(calf: KnowledgeBase):
    # "krampe, at tæerne ..." names the calf cramp and then the toes: no toe cramp.
    result = calf.search("giver det krampe at tæerne peger nedad i sengen?")
    assert result.answered
    assert "forkorter lægmusklen" in result.answers[0].text


def test_a_word_form_finds_the_compounds_it_modifies(calf: KnowledgeBase):
    # "trappen" is the "trappe" of "trappetrin".
    assert "trappetrin" in top_answer(calf, "hvordan strækker jeg læggen på trappen")


def test_an_exclamation_does_not_keep_an_acute_question_from_an_answer(calf: KnowledgeBase):
    assert "Træk tæerne op" in top_answer(calf, "AUV krampe i laeggen lige nu hvad goer jeg")


def test_a_quoted_name_before_brackets_is_declared_a_synonym():
    text = 'Det kaldes "vindueskiggersyge" (claudicatio intermittens) i daglig tale.'
    assert ["claudicatio intermittens", "vindueskiggersyge"] in declared_synonyms(text)


def test_a_month_without_a_day_is_a_date():
    assert parse_date("oktober 2023") == "2023-10-01"
    _, meta, _ = parse_txt("Kramper om natten\n\nRevideret oktober 2023\n\nTekst her.\n\n"
                           "Afsnit\nMere tekst.")
    assert meta.get("updated") == "2023-10-01"


def test_asking_whether_it_is_dangerous_is_answered_by_when_to_see_a_doctor(
        calf: KnowledgeBase):
    # The article never says "farlig": the question asks how serious a calf cramp is.
    result = calf.search("er det farligt at få krampe i læggen om natten?")
    assert result.answered
    assert "Kontakt din læge" in result.answers[0].text


def test_a_compound_the_index_lacks_matches_by_its_known_head(tmp_path: Path):
    kb = kb_from(tmp_path, {"rejse.md": (
        "# Kramper og lange rejser\n\n## Øvelser undervejs\n\nPå en lang rejse kan du sidde "
        "og vippe foden op og ned tyve gange i timen.\n\n## Væske\n\nDrik vand undervejs.\n")})
    # "togrejse" is unknown, but it is a kind of "rejse".
    assert "vippe foden" in top_answer(kb, "hvilken øvelse kan jeg lave på en lang togrejse?")


def test_a_lettered_variant_is_answered_only_where_the_text_names_it(tmp_path: Path):
    kb = kb_from(tmp_path, {"tilskud.md": (
        "# Kosttilskud og kramper\n\n## Vitaminer\n\nVitaminer og mineraler fra kosten er "
        "nok for de fleste, og tilskud forebygger sjældent kramper.\n\n## P-piller\n\n"
        "P-piller med østrogen øger risikoen for blodprop i benet.\n")})
    # The text speaks of vitamins in general, never of E-vitamin.
    assert not kb.search("Kan E-vitamin forebygge kramper i læggen?").answered
    assert "østrogen" in top_answer(kb, "giver p-piller risiko for blodprop i benet?")


SPORT_CALF = """# Kramper i læggen hos motionister

Kramper i læggen rammer mange motionister, især sidst på en lang træning.

## Væske på lange ture

Drik omkring en halv liter vand i timen på en lang cykeltur eller gåtur, og mere når du sveder meget.

## Stræk efter træning

Stræk læggen i et halvt minut efter træning, med hælen i gulvet.
"""


def test_a_common_word_the_articles_lack_is_no_reason_to_reject(tmp_path: Path):
    kb = kb_from(tmp_path, {"motion.md": SPORT_CALF})
    # "sommeren" and "hunden" are everyday words the article never uses: details of
    # the question, not a subject it lacks.
    for question in ("hvor meget skal jeg drikke på en gåtur om sommeren",
                     "hvad skal jeg drikke på en gåtur med hunden"):
        assert "halv liter" in top_answer(kb, question)
    # A rare term the articles lack names a subject they do not cover.
    assert not kb.search("hvor meget skal jeg drikke med en lyskebrok").answered
    assert not kb.search("hvor længe skal jeg strække med seneskedehindebetændelse").answered


def test_a_letter_before_a_word_the_articles_lack_names_no_variant(tmp_path: Path):
    kb = kb_from(tmp_path, {"sved.md": (
        "# Kramper i læggen hos motionister\n\nKramper i læggen rammer mange motionister.\n\n"
        "## Salt i sveden\n\nEfter en lang løbetur kan tøjet have hvide striber af salt fra "
        "sveden. Så har du mistet meget salt.\n\n## Stræk\n\nStræk læggen efter træning.\n")})
    # "t-shirt" is a garment, not a "T" variant of anything the article speaks of.
    result = kb.search("hvorfor får jeg hvide striber på min t-shirt efter løbeturen")
    assert result.answered
    assert "striber af salt" in result.answers[0].text


def test_a_painkiller_asked_for_by_brand_is_found_by_its_substance(tmp_path: Path):
    kb = kb_from(tmp_path, {"apotek.md": (
        "# Kramper i læggen – spørg apoteket\n\nApotekets svar om kramper i læggen.\n\n"
        "## Smertestillende efter krampen\n\nIbuprofen virker ikke på selve krampen, men kan "
        "tage ømheden i læggen bagefter.\n\n## Stræk\n\nStræk læggen i et halvt minut.\n")})
    for question in ("hjælper en ipren mod ømheden efter krampen",
                     "må jeg tage en pinex når læggen er øm bagefter"):
        assert "Ibuprofen" in top_answer(kb, question)
    # A treatment the article never names stays unanswered.
    assert not kb.search("hjælper kinin mod ømheden efter krampen").answered


CARE = """# Kramper om natten hos beboerne

Mange af beboerne på vores plejecenter får kramper i benene om natten.

## Fodtøj

Hjemmesko med hælkappe og skridsikre såler gør det sikrere for beboere på plejecentret at rejse sig, når krampen kommer.

## Kosttilskud

Aftal altid kosttilskud som magnesium med sygeplejersken, fordi det kan påvirke anden medicin.

## Vandladning og ryg

Ring 112, hvis smerter fra ryggen ned i benet kommer sammen med, at man ikke kan holde på urinen.
"""


@pytest.fixture
def care(tmp_path: Path) -> KnowledgeBase:
    return kb_from(tmp_path, {"pleje.md": CARE})


def test_a_care_home_by_another_name_and_slippers_are_found(care: KnowledgeBase):
    token = care.index.analyzer.token
    for lay, official in (("plejehjemmet", "plejecentret"), ("tøfler", "hjemmesko"),
                          ("skadestuen", "akutmodtagelsen")):
        assert set(token(lay).concepts) & set(token(official).concepts), lay
    result = care.search("Er der særlige tøfler til beboere på plejehjem?")
    assert result.answered
    assert "Hjemmesko" in result.answers[0].text


def test_a_shop_or_place_named_around_the_question_is_no_subject_missing(care: KnowledgeBase):
    result = care.search("Kan min mor tage magnesium fra Netto?")
    assert result.answered
    assert "magnesium" in result.answers[0].text
    # A name alone is still the whole question, and the articles lack it.
    assert not care.search("Hvornår har Sydhavnsbageren åbent?").answered


def test_holding_ones_water_is_said_of_urine(care: KnowledgeBase):
    result = care.search("er det alvorligt når man ikke kan holde vandet længere?")
    assert result.answered
    assert "urinen" in result.answers[0].text


def test_a_drawn_out_exclamation_is_no_word_of_the_question(calf: KnowledgeBase):
    # Drawn out, an exclamation or a hedge weighs as little as written plainly.
    for drawn, plain in (("aaauv", "auv"), ("avvvv", "av"), ("nåååh", "nåh")):
        assert danish().classes.kind(drawn) == danish().classes.kind(plain) != "content"
    result = calf.search("aaauv krampe i laeggen lige nu hvad goer jeg")
    assert result.answered
    assert "Træk tæerne op" in result.answers[0].text


RELATIVES = """# Kramper hos ældre

Kramper i benene bliver hyppigere med alderen.

## Hvorfor ældre får flere kramper

Med alderen bliver musklerne kortere og svagere, og mange sidder stille det meste af dagen, så kramper om natten kommer lettere.

## Når I er på besøg

Fortæl personalet, hvis jeres mor eller far plejer at få kramper om natten, og gå gerne en kort tur sammen, når I er på besøg.

## Fysioterapi

En fysioterapeut kan lave et program med øvelser for læggene og give råd om sko.
"""


@pytest.fixture
def elderly(tmp_path: Path) -> KnowledgeBase:
    return kb_from(tmp_path, {"aeldre.md": RELATIVES})


def test_the_relative_a_question_is_about_does_not_choose_the_answer(elderly: KnowledgeBase):
    result = elderly.search("Hvorfor får min mor så mange kramper om natten?")
    assert result.answered
    assert "musklerne kortere" in result.answers[0].text


def test_abbreviated_prepositions_and_adverbs_of_place_are_no_subject(elderly: KnowledgeBase):
    result = elderly.search("Hvad kan en fys gøre ift. sko?")
    assert result.answered
    assert "fysioterapeut" in result.answers[0].text
    assert elderly.search("Kan man mærke en krampe udenpå benet?").answered
