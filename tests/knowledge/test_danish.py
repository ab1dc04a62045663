"""Danish analysis: inflections, compounds, synonyms (data and declared), typos."""

from __future__ import annotations

import pytest

from krampe.knowledge.danish import Analyzer, declared_synonyms, tokenize

CORPUS = (
    "Krampe i læggen er en ufrivillig sammentrækning af musklerne. Natten er værst, og "
    "mange muskler kramper. Blodprop i benet, risiko for kramper. Feber er ikke nævnt. "
    "Magnesium og dehydrering. Nogle vanddrivende midler (diuretika) og visse "
    "kolesterolsænkende lægemidler (statiner). Træk tæerne mod knæet (dorsalfleksion)."
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    words = set(tokenize(CORPUS))
    probe = Analyzer()
    known = {probe.stem(w) for w in words if len(w) >= 3 and probe.kind(w) != "stop"}
    return Analyzer(known=known, surface_vocab=sorted(w for w in words if len(w) >= 4),
                    declared=declared_synonyms(CORPUS))


def test_inflections_share_a_stem(analyzer: Analyzer):
    assert len({analyzer.token(w).stem for w in ("krampe", "kramper", "krampen",
                                                  "kramperne")}) == 1
    assert analyzer.token("læggen").stem == analyzer.token("læg").stem
    # læge (doctor) must not collapse onto læg (calf)
    assert analyzer.token("lægen").stem != analyzer.token("læggen").stem


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        ("lægkramper", {"læg", "kramp"}),
        ("natkramper", {"nat", "kramp"}),
        ("muskelkramper", {"muskl", "kramp"}),
        ("blodpropsrisiko", {"blod", "prop", "risiko"}),
    ],
)
def test_compounds_split_into_known_parts(analyzer: Analyzer, word: str, parts: set[str]):
    assert set(analyzer.token(word).parts) == parts


def test_suffixes_are_not_compound_heads(analyzer: Analyzer):
    assert analyzer.token("stillesiddende").parts in ((), ("stil", "sid"))
    assert "end" not in analyzer.token("gentagende").parts


def test_lexicon_synonyms_share_a_concept(analyzer: Analyzer):
    def concepts(text: str) -> set[str]:
        return {c for t in analyzer.analyse(text) for c in t.concepts}

    assert concepts("DVT") & concepts("blodprop") & concepts("trombose")
    assert concepts("statiner") & concepts("kolesterolsænkende")
    assert concepts("trækninger") & concepts("krampe")
    assert concepts("dyb venetrombose") & concepts("blodprop")  # phrase member
    assert not concepts("på benene") & concepts("stå") - concepts("ben")


def test_declared_synonyms_are_learned():
    pairs = declared_synonyms(CORPUS + " Mange har rastløse ben (restless legs).")
    assert ["diuretika", "vanddrivende midler"] in pairs
    assert ["statiner", "kolesterolsænkende lægemidler"] in pairs
    assert ["restless legs", "rastløse ben"] in pairs
    assert not any("dorsalfleksion" in pair for pair in pairs)  # explains an action
    assert declared_synonyms("smerter ved gang, som går over efter kort hvile (claudicatio)") \
        == []


def test_typos_and_ascii_spellings(analyzer: Analyzer):
    assert analyzer.correct("magnisium")[0] == "magnesium"
    assert analyzer.correct("dehydraring")[0] == "dehydrering"
    assert analyzer.correct("laeggen") == ("læggen", 1.0)
    assert analyzer.correct("lasagne") is None


@pytest.mark.parametrize(("typo", "word"), [("krmape", "krampe"), ("karmpe", "krampe"),
                                            ("lgægen", "læggen"), ("msukler", "muskler")])
def test_swapped_letters_are_corrected(analyzer: Analyzer, typo: str, word: str):
    fixed, confidence = analyzer.correct(typo)
    assert fixed == word
    assert 0.7 < confidence < 1.0


def test_swaps_need_the_same_letters_and_length(analyzer: Analyzer):
    assert analyzer.correct("kram") is None  # too short to trust
    assert analyzer.correct("kraske") is None  # two substitutions, not a swap


def test_stop_and_question_words_for_retrieval_only(analyzer: Analyzer):
    kinds = {t.surface: t.kind for t in analyzer.analyse("Hvorfor får jeg ikke kramper?")}
    assert "jeg" not in kinds and kinds["hvorfor"] == "question"
    assert kinds["ikke"] == "weak"  # kept: negations are never dropped silently
    assert kinds["kramper"] == "content"
