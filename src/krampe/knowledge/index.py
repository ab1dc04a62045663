"""The inverted index: BM25F impacts per (term, passage) in CSR arrays, plus the
vocabulary state the analyser needs (compound parts, typo vocabulary, learned synonyms).

Terms of a passage: each word's stem, its compound parts (lower weight) and the synonym
concepts it belongs to ("~blodprop" for DVT, trombose ...). Scoring a query is a few
vectorised numpy operations per query term over that term's postings.
"""

from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from krampe.knowledge.danish import (
    CONTENT,
    STOP,
    Analyzer,
    Token,
    declared_synonyms,
    tokenize,
)
from krampe.knowledge.model import Article
from krampe.knowledge.settings import search_settings

# In heading overlap, question words and generic words count this share of their IDF.
DICE_MINOR = 0.5

# Bump when analysis or index layout changes: cached indexes are keyed by it.
ENGINE_VERSION = "1"


@dataclass(slots=True)
class Record:
    """What an answer shows about a passage."""

    text: str
    source: str
    title: str
    section: str | None
    url: str | None
    kind: str
    article: int


@dataclass
class Index:
    records: list[Record]
    article_ids: list[str]
    article_start: np.ndarray  # first passage of each article (passages are contiguous)
    vocab: dict[str, int]
    indptr: np.ndarray
    docs: np.ndarray
    impacts: np.ndarray
    idf: np.ndarray
    title_terms: list[frozenset[int]]
    section_of: np.ndarray  # passage -> section
    heading_terms: list[frozenset[int]]  # per section
    heading_weight: np.ndarray  # per section: summed IDF of the heading's words
    topic_terms: frozenset[int]  # what the knowledge base is about (see search.yaml)
    known: set[str]
    surface_vocab: list[str]
    declared: list[list[str]]
    warnings: list[str] = field(default_factory=list)
    _analyzer: Analyzer | None = field(default=None, repr=False)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_analyzer"] = None  # rebuilt on load: holds a C stemmer and caches
        return state

    @property
    def size(self) -> int:
        return len(self.records)

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(known=set(self.known), surface_vocab=self.surface_vocab,
                                      declared=self.declared)
        return self._analyzer

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.indptr[term], self.indptr[term + 1]
        return self.docs[start:end], self.impacts[start:end]

    def contains(self, term: int, passages: np.ndarray) -> np.ndarray:
        """Boolean per passage: does it hold the term (in body, heading or title)?"""
        docs = self.postings(term)[0]
        if docs.size == 0:
            return np.zeros(passages.shape, dtype=bool)
        pos = np.searchsorted(docs, passages)
        pos = np.minimum(pos, docs.size - 1)
        return docs[pos] == passages

    def in_articles(self, term: int, articles: np.ndarray) -> np.ndarray:
        """Boolean per article: does any of its passages hold the term?"""
        docs = self.postings(term)[0]
        starts = self.article_start[articles]
        ends = np.append(self.article_start, self.size)[articles + 1]
        pos = np.searchsorted(docs, starts)
        found = np.zeros(articles.shape, dtype=bool)
        ok = pos < docs.size
        found[ok] = docs[pos[ok]] < ends[ok]
        return found


def _term_weights(tokens: list[Token], part_w: float, concept_w: float) -> dict[str, float]:
    weights: dict[str, float] = {}
    for tok in tokens:
        weights[tok.stem] = weights.get(tok.stem, 0.0) + 1.0
        for part, part_concepts in zip(tok.parts, tok.part_concepts, strict=False):
            weights[part] = weights.get(part, 0.0) + part_w
            for concept in part_concepts:
                weights[concept] = weights.get(concept, 0.0) + part_w * concept_w
        for concept in tok.concepts:
            weights[concept] = weights.get(concept, 0.0) + concept_w
    return weights


def build(articles: list[Article], warnings: list[str] | None = None) -> Index:
    cfg = search_settings()
    # Pass 1: vocabulary and declared synonyms, so compounds and "X (Y)" use the corpus.
    counts: Counter[str] = Counter()
    declared: list[list[str]] = []
    for article in articles:
        counts.update(tokenize(article.title))
        for section in article.sections:
            counts.update(tokenize(section.heading or ""))
            for passage in section.passages:
                counts.update(tokenize(passage.text))
                if "(" in passage.text:
                    declared.extend(declared_synonyms(passage.text))
    probe = Analyzer()
    known = {
        probe.stem(word) for word in counts
        if len(word) >= 3 and word.isalpha() and probe.kind(word) != STOP
    }
    surface_vocab = sorted(w for w in counts if len(w) >= 4 and w.isalpha())
    unique_declared = sorted({tuple(pair) for pair in declared})
    analyzer = Analyzer(known=set(known), surface_vocab=surface_vocab,
                        declared=[list(p) for p in unique_declared])

    # Pass 2: BM25F weighted term frequencies per passage.
    part_w, concept_w = cfg.index_weights.part, cfg.index_weights.concept
    w_body, w_head, w_title = cfg.fields.body, cfg.fields.heading, cfg.fields.title
    vocab: dict[str, int] = {}
    term_col, doc_col, tf_col = array("i"), array("i"), array("f")
    lengths = array("f")
    records: list[Record] = []
    article_start: list[int] = []
    title_terms: list[frozenset[int]] = []
    section_of = array("i")
    heading_terms: list[frozenset[int]] = []
    heading_stems: list[list[tuple[int, float]]] = []
    body_df: Counter[str] = Counter()
    for a_idx, article in enumerate(articles):
        article_start.append(len(records))
        title_tokens = analyzer.analyse(article.title)
        title_w = _term_weights(title_tokens, part_w, concept_w)
        title_terms.append(frozenset(vocab.setdefault(t, len(vocab)) for t in title_w))
        for section in article.sections:
            head_tokens = analyzer.analyse(section.heading or "")
            head_w = _term_weights(head_tokens, part_w, concept_w)
            heading_terms.append(frozenset(vocab.setdefault(t, len(vocab)) for t in head_w))
            heading_stems.append([(vocab.setdefault(t.stem, len(vocab)),
                                   1.0 if t.kind == CONTENT else DICE_MINOR)
                                  for t in head_tokens])
            for passage in section.passages:
                body_tokens = analyzer.analyse(passage.text)
                body_w = _term_weights(body_tokens, part_w, concept_w)
                body_df.update(t for t in body_w if t.startswith("~") or t in known)
                section_of.append(len(heading_terms) - 1)
                combined: dict[str, float] = {}
                for weights, factor in ((body_w, w_body), (head_w, w_head), (title_w, w_title)):
                    for term, value in weights.items():
                        combined[term] = combined.get(term, 0.0) + factor * value
                doc = len(records)
                for term, value in combined.items():
                    term_col.append(vocab.setdefault(term, len(vocab)))
                    doc_col.append(doc)
                    tf_col.append(value)
                lengths.append(w_body * len(body_tokens) + w_head * len(head_tokens)
                               + w_title * len(title_tokens))
                records.append(Record(passage.text, article.id, article.title, section.heading,
                                      article.url, passage.kind, a_idx))

    terms = np.frombuffer(term_col, dtype=np.int32)
    docs = np.frombuffer(doc_col, dtype=np.int32)
    tfs = np.frombuffer(tf_col, dtype=np.float32)
    order = np.argsort(terms, kind="stable")  # docs stay ascending within a term
    terms, docs, tfs = terms[order], docs[order], tfs[order]
    n_terms = len(vocab)
    df = np.bincount(terms, minlength=n_terms)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    n_docs = max(len(records), 1)
    idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
    dl = np.frombuffer(lengths, dtype=np.float32)
    avgdl = float(dl.mean()) if dl.size else 1.0
    k1, b = cfg.bm25.k1, cfg.bm25.b
    norm = k1 * (1 - b + b * dl[docs] / max(avgdl, 1e-6))
    impacts = (tfs * (k1 + 1) / (tfs + norm)).astype(np.float32)
    heading_weight = np.asarray([sum(float(idf[t]) * f for t, f in stems)
                                 for stems in heading_stems], dtype=np.float32)
    weak = {analyzer.stem(w) for w in (*analyzer._lex.weak_words, *analyzer._lex.question_words)}
    floor = cfg.gate.topic_share * len(records)
    in_titles = frozenset().union(*title_terms) if title_terms else frozenset()
    topic_terms = frozenset(
        vocab[t] for t, count in body_df.items()
        if count >= floor and t not in weak and vocab[t] in in_titles
    )
    return Index(
        records=records,
        article_ids=[a.id for a in articles],
        article_start=np.asarray(article_start, dtype=np.int64),
        vocab=vocab,
        indptr=indptr,
        docs=np.ascontiguousarray(docs),
        impacts=np.ascontiguousarray(impacts),
        idf=idf,
        title_terms=title_terms,
        section_of=np.frombuffer(section_of, dtype=np.int32).copy(),
        heading_terms=heading_terms,
        heading_weight=heading_weight,
        topic_terms=topic_terms,
        known=known,
        surface_vocab=surface_vocab,
        declared=[list(p) for p in unique_declared],
        warnings=list(warnings or []),
    )
