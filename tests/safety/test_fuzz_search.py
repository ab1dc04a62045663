"""Fuzz question analysis and search: any question is answered or rejected cleanly, and
answers stay in the contract's shape (the long run also checks a CPU-time bound)."""

from __future__ import annotations

from functools import cache

from hypothesis import given
from hypothesis import strategies as st

from krampe.errors import KrampeError
from krampe.knowledge.kb import KnowledgeBase
from tests.safety.fuzzing import FUZZ, check_bound, timed


@cache
def _kb() -> KnowledgeBase:
    return KnowledgeBase.load(["bundled"], use_cache=False)


WORDS = ["hvorfor", "får", "jeg", "krampe", "kramper", "i", "læggen", "om", "natten", "hvad",
         "kan", "gøre", "magnesium", "hjælper", "strækøvelser", "ikke", "gravid", "statiner",
         "lægkrampe", "læggn", "kramp", "natlige", "hvornår", "læge", "?", "!", "og", "eller",
         "hvordan", "laver", "man", "lasagne", "blodprop", "AND", "OR", "NOT", "*", "\"", "(",
         "-", "%", "_", "\\", "'", ";", "--"]
QUESTIONS = st.one_of(
    st.text(min_size=0, max_size=6000),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå ", min_size=1, max_size=300),
)


@FUZZ
@given(question=QUESTIONS, top=st.integers(1, 20))
def test_search_never_crashes(question, top):
    kb = _kb()
    try:
        result, cpu = timed(kb.search, question, top)
    except KrampeError as exc:
        assert exc.message.strip() and "\n" not in exc.message
        return
    check_bound(cpu, f"{len(question)} chars")
    data = result.model_dump()
    assert len(data["answers"]) <= top
    assert data["answered"] == bool(data["answers"])
    for answer in data["answers"]:
        assert answer["text"].strip() and len(answer["text"]) <= 700
        assert answer["source"]
