"""The index's batched look-ups agree with reading the postings one term at a time."""

from __future__ import annotations

import numpy as np
import pytest

from krampe.knowledge.kb import KnowledgeBase


@pytest.fixture(scope="module")
def index():
    return KnowledgeBase.load(None).index


def _heading_terms(index, section: int) -> set[int]:
    return {t for t in range(len(index.head_indptr) - 1)
            if section in index.head_sections[index.head_indptr[t]:index.head_indptr[t + 1]]}


def test_headings_have_matches_each_sections_heading_terms(index):
    sections = np.unique(index.section_of)[::3]
    by_section = {int(s): _heading_terms(index, int(s)) for s in sections}
    terms = sorted({t for found in by_section.values() for t in found})[:40]
    terms += [terms[0], 0]  # a repeated term and one that may head nothing
    has = index.headings_have(terms, sections)
    assert has.shape == (len(terms), sections.size)
    for i, term in enumerate(terms):
        for j, section in enumerate(sections.tolist()):
            assert has[i, j] == (term in by_section[section])
    assert has.any() and not has.all()


def test_headings_have_with_terms_heading_nothing(index):
    empty = [t for t in range(len(index.head_indptr) - 1)
             if index.head_indptr[t] == index.head_indptr[t + 1]][:3]
    assert empty
    sections = np.arange(min(5, len(index.heading_weight)))
    assert not index.headings_have(empty, sections).any()


def test_in_articles_matches_the_articles_passages(index):
    articles = np.arange(len(index.article_ids))
    starts, ends = index.article_spans(articles)
    for term in range(0, len(index.indptr) - 1, 7):
        docs = set(index.postings(term)[0].tolist())
        expected = [any(p in docs for p in range(s, e))
                    for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]
        assert index.in_articles(term, articles).tolist() == expected
