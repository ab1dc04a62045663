"""The Danish language layer: its data checks and each of its parts."""

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.lang.da import LanguageDataError, danish, load
from krampe.lang.da.data import DATA_DIR
from tests.datafiles import edit_yaml


def _with(tmp_path: Path, name: str, edit) -> Path:
    """A copy of one shipped data file, changed by `edit` (a function of its YAML)."""
    return edit_yaml(DATA_DIR / f"{name}.yaml", edit, tmp_path / f"{name}.yaml")


def test_the_shipped_data_loads():
    data = load()
    assert "diuretics" in data.lexicon.concepts
    assert danish().macro("diuretics")[:2] == ["vanddrivende", "diuretika"]


# --- checks on load -------------------------------------------------------------------

def test_weighting_classes_are_exclusive(tmp_path):
    path = _with(tmp_path, "words", lambda d: d["weak_words"].append("hvad"))
    with pytest.raises(LanguageDataError, match="exclusive"):
        load(words=path)


def test_a_list_repeating_an_entry_is_refused(tmp_path):
    path = _with(tmp_path, "words", lambda d: d["stop_words"].append("og"))
    with pytest.raises(LanguageDataError, match="repeats"):
        load(words=path)


def test_structural_lists_overlap_only_where_documented(tmp_path):
    path = _with(tmp_path, "words", lambda d: d["prepositions"].append("nogle"))
    with pytest.raises(LanguageDataError, match="overlap"):
        load(words=path)


def test_a_word_in_two_concepts_must_be_shared_on_purpose(tmp_path):
    path = _with(tmp_path, "lexicon", lambda d: d["concepts"]["statins"].append("furix"))
    with pytest.raises(LanguageDataError, match="one concept"):
        load(lexicon=path)


def test_a_short_word_typed_without_danish_letters_must_be_that_word(tmp_path):
    path = _with(tmp_path, "spelling", lambda d: d["ascii_short"].update({"pa": "ud"}))
    with pytest.raises(LanguageDataError, match="'pa'"):
        load(spelling=path)


# --- normalisation, tokens, sentences, clauses ---------------------------------------

def test_a_stem_typed_in_plain_letters_is_read_with_danish_ones():
    fixer = danish().corrector("triage", ["krampe"], prefixes=["åreforkalk", "læg"])
    assert fixer.fix("areforkalkningen") == "åreforkalkningen"
    assert fixer.fix("lager") is None  # a short stem, and a real word, are left alone


def test_accents_written_only_sometimes_give_a_plain_form_too():
    toks, _ = danish().tokenizer.tokenize("diarré og massér")
    assert "diarre" in toks[0].forms and "masser" in toks[2].forms


def test_normal_forms():
    norm = danish().norm
    assert norm.ascii_fold("haevet") == "hævet"
    assert norm.ascii_fold("aandenoed") == "åndenød"
    assert norm.lower("Massér LÆGGEN") == "masser læggen"
    assert norm.spoken("bli'r") == "bliver"
    assert danish().tokenizer.words("Den bli'r ved") == ["den", "bliver", "ved"]


def test_tokens_keep_offsets_and_spoken_forms():
    text = "Læggen bli'r ved – og haevet."
    toks, sents = danish().tokenizer.tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert [t.forms for t in toks if t.kind == "word"][1] == ("bli'r", "bliver")
    assert [t.kind for t in toks].count("punct") == 1  # the free-standing dash
    assert ("haevet", "hævet") in [t.forms for t in toks]
    assert len(sents) == 1


def test_one_boundary_list_ends_sentences_clauses_and_scopes():
    tok = danish().tokenizer
    assert tok.sentences("Jeg har ondt; den er hævet: hvad nu?") == [
        "Jeg har ondt;", "den er hævet:", "hvad nu?"]
    assert tok.clauses("Stræk læggen, men undgå massage - hæl-drop hjælper") == [
        ["stræk", "læggen"], ["undgå", "massage"], ["hæl-drop", "hjælper"]]
    cues = danish().cues
    assert {"men", "dog"} <= set(danish().macro("scope_ends"))
    assert "bortset fra" in cues.scope_phrases


def test_words_as_written_gain_their_danish_word():
    """Norwegian, Swedish, English and chat words inside Danish text: the token keeps its
    own form and gains the Danish one; Swedish ä/ö are read as æ/ø."""
    toks, _ = danish().tokenizer.tokenize("vondt i leggen, öm vad, no swelling, ik rød calf'en")
    forms = {t.text: t.forms for t in toks if t.kind == "word"}
    assert forms["vondt"][-1] == "ondt" and forms["leggen"][-1] == "læggen"
    assert "øm" in forms["öm"]
    assert forms["no"][-1] == "ingen" and forms["swelling"][-1] == "hævelse"
    assert forms["ik"][-1] == "ikke"
    assert forms["calf'en"][-1] == "læg"
    assert danish().norm.is_english("swollen") and not danish().norm.is_english("vondt")


def test_a_variant_table_listing_a_word_twice_is_refused(tmp_path):
    path = _with(tmp_path, "variants",
                 lambda d: d["languages"]["english"].update({"vondt": "ondt"}))
    with pytest.raises(LanguageDataError, match="vondt"):
        load(variants=path)


def test_dictated_punctuation_is_read_as_marks():
    toks, sents = danish().tokenizer.tokenize(
        "den er hævet komma den venstre punktum jeg har ikke åndenød")
    assert len(sents) == 2
    assert [t.kind for t in toks].count("punct") == 1


# --- lemmas, compounds ------------------------------------------------------------------

def test_lemmas_curated_first_then_simplemma():
    lemmas = danish().lemmas
    assert lemmas.lemma("lægen") == "læge"  # curated: not læg (calf)
    assert lemmas.lemma("kramperne") == "krampe"  # simplemma's Danish data
    assert lemmas.stem("lægen") != lemmas.stem("læggen")


@pytest.mark.parametrize(("word", "parts"), [
    ("lægkramper", ("læg", "kramp")),
    ("blodpropsrisiko", ("blod", "prop", "risiko")),
])
def test_compounds_split(word, parts):
    assert danish().splitter(set()).split(word) == parts


def test_a_compound_the_data_reads_whole_is_never_split_even_over_known_parts():
    # "knude" and "lymfe" known as parts: the veins' and nodes' words still stay whole.
    splitter = danish().splitter({"knud", "lymf", "åre"})
    assert splitter.split("lymfeknuder") == ()
    assert splitter.split("åreknuderne") == ()
    assert splitter.split("lægkramperne") != ()


# --- the one spelling corrector -------------------------------------------------------

def test_a_real_danish_word_is_not_corrected_into_a_rule_word():
    fix = danish().corrector("triage", ["salte", "hoster", "luft", "læggen", "lægge"])
    assert fix.fix("satte") is None  # wordfreq knows it
    assert fix.fix("haster") is None
    assert fix.fix("læggn") == "læggen"  # a dropped letter beats a changed one


def test_plain_letters_and_swapped_letters():
    triage = danish().corrector("triage", ["åndenød", "hævet"])
    assert triage.fix("andenod") == "åndenød"
    search = danish().corrector("search", ["krampe", "læggen"])
    assert search.fix("krmape") == "krampe"  # one swapped pair (OSA)
    assert search.fix("laeggen") == "læggen"


# --- dialects: read only where the text is written in the dialect ----------------------

def _forms(text: str, word: str) -> tuple[str, ...]:
    toks, _ = danish().tokenizer.tokenize(text)
    return next(t.forms for t in toks if t.text.lower() == word)


def test_a_dialect_word_is_read_in_a_text_written_in_the_dialect():
    # two different Jutlandic words: "a" is the writer, "te" is "til"
    assert _forms("a ka itt gå te æ læge", "a") == ("jeg",)
    assert _forms("a ka itt gå te æ læge", "te") == ("til",)


def test_one_dialect_look_alike_alone_keeps_its_own_meaning():
    assert "jeg" not in _forms("Hun tager vitamin A hver dag", "a")
    assert _forms("Jeg drikker te hele dagen", "te")[0] == "te"


def test_the_dialect_threshold_is_data(tmp_path):
    path = _with(tmp_path, "variants", lambda d: d.update(dialect_min_words=0))
    with pytest.raises(LanguageDataError, match="dialect_min_words"):
        load(variants=path)
