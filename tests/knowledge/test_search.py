"""Search end to end on the seed articles, the out-of-scope gate and the cache."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from krampe.errors import InputError, KnowledgeBaseError
from krampe.knowledge.kb import KnowledgeBase, SearchResult, forget_loaded
from krampe.knowledge.search import analyse_question
from tests.knowledge.helpers import kb_from, top_answer

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def seeds_kb(seeds_dir: Path) -> KnowledgeBase:
    return KnowledgeBase.load([str(seeds_dir)])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Hvorfor får jeg kramper i læggen om natten?", "Nattelige kramper"),
        ("Kan medicin give kramper?", "diuretika"),
        ("Kan en blodprop give kramper i læggen?", "blodprop (DVT)"),
        ("hjælper magnisium mod lægkramper", "Magnesium"),  # typo
        ("hvad kan hjlæpe mod krmape i lgægen om natten", "Nattelige kramper"),  # swaps
        ("kan vanddrivende piller give krampe i benet?", "diuretika"),  # lay words
        ("jeg har en dyb venetrombose, kan det give krampe?", "blodprop (DVT)"),  # synonym
        ("Kan statiner give krampe?", "statiner"),
        ("hvordan laver man hæl drop", "Hæl-drop"),
        ("hvad kan jeg spise for at undgå kramperne", "spis"),
    ],
)
def test_seed_questions(seeds_kb: KnowledgeBase, question: str, expected: str):
    assert expected.lower() in top_answer(seeds_kb, question).lower()


@pytest.mark.parametrize(
    "question",
    [
        "Hvordan laver man lasagne?",
        "Hvad bliver vejret i weekenden?",
        "Mit barn havde feberkramper i nat, hvad gør jeg?",
        "Er epilepsi farligt?",
        "Hvad er symptomerne på influenza?",
        "Hvordan behandler jeg tennisalbue?",
        "Hvordan fornyer jeg mit pas?",
    ],
)
def test_out_of_scope_is_not_answered(seeds_kb: KnowledgeBase, question: str):
    result = seeds_kb.search(question)
    assert result == SearchResult(question=question, answered=False, answers=[])


def test_contract_shape_and_limits(seeds_kb: KnowledgeBase):
    result = seeds_kb.search("  Hvad gør jeg, når krampen kommer?  ", top=2)
    data = result.model_dump()
    # The search part of the contract; core.ask adds the triage object.
    assert set(data) == {"question", "answered", "answers"}
    assert data["question"] == "Hvad gør jeg, når krampen kommer?"
    assert 1 <= len(data["answers"]) <= 2
    for answer in data["answers"]:
        assert set(answer) == {"text", "source", "title", "section", "url", "score"}
        assert len(answer["text"]) <= 700
        assert answer["source"] in {"000_ea70facc87306999", "001_59e8fa4ca127b5a4"}
    scores = [a["score"] for a in data["answers"]]
    assert scores == sorted(scores, reverse=True)


def test_bad_questions_are_input_errors(seeds_kb: KnowledgeBase):
    for bad in ("", "   ", "x" * 1_000_000, None):
        with pytest.raises(InputError):
            seeds_kb.search(bad)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        seeds_kb.search("krampe", top=0)


def test_html_article_is_searchable(seeds_dir: Path):
    kb = KnowledgeBase.load([str(seeds_dir), str(FIXTURES / "strakte_laegge.html")])
    result = kb.search("Hvad gør jeg hvis jeg får krampe midt på løbeturen?")
    assert result.answered
    sources = [a.source for a in result.answers]
    assert "strakte_laegge" in sources
    hit = next(a for a in result.answers if a.source == "strakte_laegge")
    assert hit.url == "https://example.org/helse/kramper-i-laeggen"


def test_index_is_cached_and_reused(tmp_path: Path):
    shutil.copy(FIXTURES / "natlige_kramper.md", tmp_path / "a.md")
    first = KnowledgeBase.load([str(tmp_path)])
    assert not first.from_cache
    forget_loaded()
    second = KnowledgeBase.load([str(tmp_path)])
    assert second.from_cache and second.key == first.key
    assert second.search("Er natlige kramper farlige?").answered


# One article, and the same article after a section on quinine was added to it.
STRETCH = "# Kramper\n\nStræk læggen før sengetid.\n"
STRETCH_AND_QUININE = STRETCH + "\n## Kinin\n\nKinin bruges ikke længere mod kramper i læggen.\n"


def test_changed_file_is_reindexed(tmp_path: Path):
    before = kb_from(tmp_path, {"a.md": STRETCH})
    assert not before.search("Hjælper kinin mod kramper?").answered
    forget_loaded()
    after = kb_from(tmp_path, {"a.md": STRETCH_AND_QUININE})
    assert after.key != before.key and not after.from_cache
    assert "Kinin" in after.search("Hjælper kinin mod kramper?").answers[0].text


def test_corrupted_cache_is_rebuilt(tmp_path: Path, _isolated_home: Path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(FIXTURES / "natlige_kramper.md", docs / "a.md")
    KnowledgeBase.load([str(docs)])
    caches = list((_isolated_home / "index").glob("*/index.pkl"))
    assert len(caches) == 1
    for damage in (b"", b"KRAMPEIDX2" + b"\x00" * 40, caches[0].read_bytes()[:-20] + b"x" * 20):
        caches[0].write_bytes(damage)
        forget_loaded()
        kb = KnowledgeBase.load([str(docs)])
        assert not kb.from_cache
        assert kb.search("Er natlige kramper farlige?").answered


@pytest.mark.parametrize("array", ["docs", "impacts", "texts"])
def test_a_damaged_array_file_is_noticed(tmp_path: Path, _isolated_home: Path, array: str):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(FIXTURES / "natlige_kramper.md", docs / "a.md")
    expected = KnowledgeBase.load([str(docs)]).search("Er natlige kramper farlige?")
    (npy,) = (_isolated_home / "index").glob(f"*/{array}.npy")
    data = bytearray(npy.read_bytes())
    data[-1] ^= 0xFF  # one flipped byte in the data, the header intact
    npy.write_bytes(bytes(data))
    forget_loaded()
    kb = KnowledgeBase.load([str(docs)])
    assert not kb.from_cache
    assert kb.search("Er natlige kramper farlige?") == expected
    forget_loaded()
    again = KnowledgeBase.load([str(docs)])  # the rebuilt cache replaced the damaged one
    assert again.from_cache
    assert again.search("Er natlige kramper farlige?") == expected


def test_cached_arrays_are_memory_mapped_and_texts_read_alike(tmp_path: Path):
    shutil.copy(FIXTURES / "natlige_kramper.md", tmp_path / "a.md")
    built = KnowledgeBase.load([str(tmp_path)]).index
    forget_loaded()
    cached = KnowledgeBase.load([str(tmp_path)]).index
    # Shared through the page cache, not copied into each process: a read-only mapping.
    assert isinstance(cached.docs.base, np.memmap) and not cached.docs.flags.writeable
    assert list(cached.texts) == list(built.texts) and cached.texts[-1] == built.texts[-1]
    assert np.array_equal(cached.impacts, built.impacts)


def test_kb_errors(tmp_path: Path):
    with pytest.raises(KnowledgeBaseError):
        KnowledgeBase.load([str(tmp_path)])
    with pytest.raises(KnowledgeBaseError):
        KnowledgeBase.load([str(tmp_path / "nope")])
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 100)
    with pytest.raises(KnowledgeBaseError):
        KnowledgeBase.load([str(tmp_path)])


def test_changed_file_is_seen_by_a_running_process(tmp_path: Path):
    first = kb_from(tmp_path, {"a.md": STRETCH})
    assert KnowledgeBase.load([str(tmp_path)]) is first  # same files: same object
    second = kb_from(tmp_path, {"a.md": STRETCH_AND_QUININE})
    assert second is not first and second.search("Hjælper kinin mod kramper?").answered


@pytest.mark.parametrize("prefix", ["Godmorgen. ", "Undskyld hvis det er dumt, men ",
                                    "Hej, et spørgsmål: ", "Jeg sidder ned hele dagen. ",
                                    "Efter min løbetur i går: "])
@pytest.mark.parametrize("question", ["nytter det noget at strække ud før jeg går i seng?",
                                      "hvordan laver man hæl drop?",
                                      "hvornår skal man ringe 112?"])
def test_greetings_and_stories_do_not_change_the_answer(seeds_kb: KnowledgeBase, prefix: str,
                                                        question: str):
    # Near ties may swap (a story word scores a little); the answer must stay in front.
    result = seeds_kb.search(prefix + question)
    assert result.answered
    assert top_answer(seeds_kb, question) in [a.text for a in result.answers[:2]]


def test_a_story_does_not_hide_another_domain(seeds_kb: KnowledgeBase):
    assert not seeds_kb.search("Min søn på 3 har høj feber. Hvad gør jeg ved krampen?").answered


@pytest.mark.parametrize(
    ("question", "story"),
    [
        ("Jeg sidder ned hele dagen. Hvad er en krampe i læggen?", {"sidder", "dagen"}),
        ("Efter min løbetur i går: hvordan laver jeg hæl-drop?", {"løbetur"}),
        # The question points back at the story, or has no subject of its own.
        ("Jeg får krampe i læggen når jeg løber. Hvad skyldes det?", set()),
        ("Jeg har ondt i læggen når jeg løber. Hvad gør jeg?", set()),
        ("Er det normalt at få krampe i læggen når man løber?", set()),
    ],
)
def test_story_sentences_are_told_apart_from_the_question(seeds_kb: KnowledgeBase,
                                                          question: str, story: set[str]):
    words = analyse_question(seeds_kb.index, question)
    assert {w.surface for w in words if w.story and w.kind in ("content", "detail")} == story
