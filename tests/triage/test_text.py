"""Danish text handling: tokens, sentences, inflections, compounds, typos, lay words."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from krampe.triage.engine import Engine
from krampe.triage.text import tokenize


def concepts(text: str) -> set[str]:
    _t, _s, mentions = Engine.get().mentions(text)
    return {m.concept for m in mentions}


def test_tokens_keep_exact_offsets():
    text = "Min LÆG er hævet – og rød!"
    toks, sents = tokenize(text)
    for t in toks:
        assert text[t.start:t.end] == t.text
    assert [t.forms[0] for t in toks] == ["min", "læg", "er", "hævet", ",", "og", "rød"]
    assert sents == [(0, 7, False, False)]


def test_sentences_split_but_not_on_abbreviations_or_decimals():
    # The abbreviation list is the language layer's (krampe.lang.da spelling.yaml).
    text = "Jeg har f.eks. krampe kl. 3. Den varer 1.5 minut. Slut"
    _toks, sents, _ = Engine.get().mentions(text)
    assert len(sents) == 3


@pytest.mark.parametrize("word", ["hævet", "hævede", "hævelse", "hævelsen", "opsvulmet"])
def test_swelling_inflections(word):
    assert "swelling" in concepts(f"læggen er {word}")


@pytest.mark.parametrize("word", ["rød", "rødt", "røde", "rødme", "rødmen", "rødlig"])
def test_redness_inflections(word):
    assert "redness" in concepts(f"huden er {word}")


@pytest.mark.parametrize("word", ["lægkrampe", "natkramper", "lægkramperne", "muskelkrampe"])
def test_compounds_with_cramp(word):
    assert "cramp" in concepts(f"jeg har {word}")


def test_compound_risk_word_is_not_a_clot():
    assert "clot_current" not in concepts("Er der blodpropsrisiko ved lange flyrejser?")
    assert "dvt_risk" in concepts("Jeg har øget blodpropsrisiko")


@pytest.mark.parametrize(
    "text,concept",
    [
        ("min læggn er hævt", "swelling"),
        ("min læggn gør ondt", "calf"),
        ("jeg har smerer i benet", "pain"),
        ("jeg har en blodprob", "clot_current"),
        ("min laeg er haevet", "swelling"),
    ],
)
def test_typos_and_missing_danish_letters(text, concept):
    assert concept in concepts(text)


def test_short_and_known_words_are_not_corrected():
    fixer = Engine.get().fixer
    assert fixer.fix("vare") is None  # a real word, not "varm"
    assert fixer.fix("ben") is None  # too short to guess
    assert fixer.fix("læggn") == "læggen"


@pytest.mark.parametrize(
    "text,concept",
    [
        ("foden sover", "numb"),
        ("jeg er så forpustet", "breathless"),
        ("en trykken for brystet", "chest_pain"),
        ("et smæld som et spark i læggen", "pop"),
        ("jeg kan ikke støtte på benet", "no_weight"),
    ],
)
def test_lay_words(text, concept):
    assert concept in concepts(text)


def test_weather_warmth_is_not_a_warm_calf():
    assert "warmth" not in concepts("krampe efter en løbetur i varmen")
    assert "warmth" in concepts("læggen er varm")


def test_heel_raise_exercise_is_not_swelling():
    assert "swelling" not in concepts("jeg laver tåhævninger og hæver mig op på tæerne")


@pytest.mark.parametrize(
    ("text", "unwanted"),
    [
        # real words one edit from a lexicon word are not "corrected" into it
        ("efter lægen satte mig på furix har jeg fået kramper", "electrolytes"),
        ("læggen sidder fast om natten", "alcohol"),
    ],
)
def test_real_words_are_not_typo_corrected(text, unwanted):
    assert unwanted not in triage(text).triggers


def test_kramp_is_not_a_match():
    assert "exercise" not in triage("kramp i læggen i nat").triggers
