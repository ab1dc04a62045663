"""The inverted index: BM25F impacts per (term, passage) in CSR arrays, plus the
vocabulary state the analyser needs (compound parts, typo vocabulary, learned synonyms).

Terms of a passage: each word's stem, its compound parts (lower weight) and the synonym
concepts it belongs to ("~blodprop" for DVT, trombose ...). Scoring a query is a few
vectorised numpy operations per query term over that term's postings.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from krampe.knowledge.danish import (
    CONTENT,
    QUESTION,
    STOP,
    WEAK,
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
ENGINE_VERSION = "5"


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
    # Columns rather than one object per passage: a 100k-passage index pickles fast.
    # A list when built, a memory-mapped column (knowledge.store) when read from the cache.
    texts: Sequence[str]
    kinds: list[str]
    section_headings: list[str | None]
    article_titles: list[str]
    article_urls: list[str | None]
    article_ids: list[str]
    article_start: np.ndarray  # first passage of each article (passages are contiguous)
    vocab: dict[str, int]
    indptr: np.ndarray
    docs: np.ndarray
    impacts: np.ndarray
    idf: np.ndarray
    section_of: np.ndarray  # passage -> section
    heading_weight: np.ndarray  # per section: summed IDF of the heading's words
    topic_terms: frozenset[int]  # what the knowledge base is about (see search.yaml)
    article_of: np.ndarray  # passage -> article
    head_indptr: np.ndarray  # heading postings: term -> sections whose heading holds it
    head_sections: np.ndarray
    # Per posting (parallel to docs): the term is in the passage's own text, not only in
    # its heading or the article's title. A heading alone is never an answer.
    in_body: np.ndarray
    # Per passage: the article's lead (its opening text before the first heading of its
    # own), a summary that mentions everything and answers little.
    lead: np.ndarray
    # Per article: the title's content terms (a question sharing one is on its topic).
    article_topics: list[frozenset[int]]
    known: set[str]
    surface_vocab: list[str]
    declared: list[list[str]]
    warnings: list[str] = field(default_factory=list)
    # What the sources page and the answer dates need of each article (its file and its
    # normalised front matter), so that a worker never reads the articles again.
    article_paths: list[str] = field(default_factory=list)
    article_meta: list[dict[str, object]] = field(default_factory=list)
    # Each article's content hash: what a clinical review record must name.
    article_hashes: list[str] = field(default_factory=list)
    # Unit vectors of the passages (float16) for the semantic stage, or None.
    embeddings: np.ndarray | None = None
    _analyzer: Analyzer | None = field(default=None, repr=False)
    _markers: set[str] | None = field(default=None, repr=False)
    # What the search derives from the index and its settings alone, made on first need
    # (search.py): never per question.
    _derived: dict | None = field(default=None, repr=False)

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_analyzer"] = None  # rebuilt on load: holds a C stemmer and caches
        state["_markers"] = None
        state["_derived"] = None
        return state

    @property
    def derived(self) -> dict:
        """A per-index memo of question-independent values (see search.py)."""
        memo = getattr(self, "_derived", None)
        if memo is None:
            memo = self._derived = {}
        return memo

    @property
    def markers(self) -> set[str]:
        """Stems of the words, and concepts of the phrases, that mark another domain
        (search.yaml gate.other_domain)."""
        if self._markers is None:
            markers: set[str] = set()
            for entry in search_settings().gate.other_domain:
                if " " not in entry:
                    markers.add(self.analyzer.stem(entry))
                    continue
                # A phrase ("hold i siden") marks through the synonym concept the lexicon
                # gives it: its words alone mean other things.
                tokens = self.analyzer.analyse(entry)
                # The phrase's own concept, not those of its last word ("siden" is also
                # a form of "sidde").
                own = set(self.analyzer.token(tokens[-1].surface).concepts) if tokens else set()
                phrase = set(tokens[-1].concepts) - own if tokens else set()
                if not phrase:
                    raise ValueError(f"other_domain: {entry!r} is no phrase of the lexicon")
                markers.update(phrase)
            self._markers = markers
        return self._markers

    def headings_have(self, terms: list[int], sections: np.ndarray) -> np.ndarray:
        """Boolean (term, section): does the section's heading hold the term? All terms
        in one search: their heading postings, each shifted into a range of its own."""
        n = len(self.heading_weight)
        ids = np.asarray(terms, dtype=np.int64)
        starts, ends = self.head_indptr[ids], self.head_indptr[ids + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros((len(terms), sections.size), dtype=bool)
        shift = np.arange(len(terms), dtype=np.int64) * n
        first = np.cumsum(lengths) - lengths  # where each term's block starts in `keys`
        at = np.arange(total) - np.repeat(first - starts, lengths)
        keys = self.head_sections[at].astype(np.int64) + np.repeat(shift, lengths)
        wanted = (shift[:, None] + sections[None, :]).ravel()
        pos = np.minimum(keys.searchsorted(wanted), total - 1)
        return (keys[pos] == wanted).reshape(len(terms), sections.size)

    @property
    def size(self) -> int:
        return len(self.texts)

    def record(self, passage: int) -> Record:
        article = int(self.article_of[passage])
        return Record(self.texts[passage], self.article_ids[article],
                      self.article_titles[article],
                      self.section_headings[int(self.section_of[passage])],
                      self.article_urls[article], self.kinds[passage], article)

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:
            self._analyzer = Analyzer(known=set(self.known), surface_vocab=self.surface_vocab,
                                      declared=self.declared)
        return self._analyzer

    def postings(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.indptr[term], self.indptr[term + 1]
        return self.docs[start:end], self.impacts[start:end]

    def article_spans(self, articles: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(first passage, one past the last) of each article."""
        ends = self.derived.get("article_end")
        if ends is None:  # once per index, not a copy of the starts per look-up
            ends = self.derived["article_end"] = np.append(self.article_start[1:], self.size)
        return self.article_start[articles], ends[articles]

    def in_articles(self, term: int, articles: np.ndarray,
                    spans: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """Boolean per article: does any of its passages hold the term? `spans`: the
        articles' `article_spans`, when the caller looks up several terms."""
        docs = self.postings(term)[0]
        starts, ends = spans if spans is not None else self.article_spans(articles)
        if docs.size == 0:
            return np.zeros(articles.shape, dtype=bool)
        pos = docs.searchsorted(starts)
        return (pos < docs.size) & (docs[np.minimum(pos, docs.size - 1)] < ends)


# What one word adds to a document: (stem id, kind, ((term id, weight), ...), stem).
_Contrib = tuple[int, str, tuple[tuple[int, float], ...], str]


class _Weigher:
    """Weighted term frequencies of word lists, with each distinct word analysed once."""

    def __init__(self, analyzer: Analyzer, vocab: dict[str, int]):
        cfg = search_settings().index_weights
        self.analyzer = analyzer
        self.vocab = vocab
        self.part_w, self.concept_w = cfg.part, cfg.concept
        self._cache: dict[str, _Contrib | None] = {}

    def _tid(self, term: str) -> int:
        tid = self.vocab.get(term)
        if tid is None:
            tid = self.vocab[term] = len(self.vocab)
        return tid

    def _contrib(self, word: str) -> _Contrib | None:
        tok: Token = self.analyzer.token(word)
        if tok.kind == STOP:
            return None
        terms: dict[int, float] = {self._tid(tok.stem): 1.0}
        for part, part_concepts in zip(tok.parts, tok.part_concepts, strict=False):
            tid = self._tid(part)
            terms[tid] = terms.get(tid, 0.0) + self.part_w
            for concept in part_concepts:
                cid = self._tid(concept)
                terms[cid] = terms.get(cid, 0.0) + self.part_w * self.concept_w
        for concept in tok.concepts:
            cid = self._tid(concept)
            terms[cid] = terms.get(cid, 0.0) + self.concept_w
        return self._tid(tok.stem), tok.kind, tuple(terms.items()), tok.stem

    def weigh(self, words: list[str]) -> tuple[dict[int, float], list[tuple[int, str]]]:
        """(term id -> weighted tf, [(stem id, kind)] of the kept words in order)."""
        cache = self._cache
        acc: dict[int, float] = {}
        kept: list[tuple[int, str]] = []
        stems: list[str] = []
        phrase_starts = self.analyzer._phrase_starts
        may_phrase = False
        for word in words:
            contrib: _Contrib | Literal[False] | None = cache.get(word, False)
            if contrib is False:
                contrib = cache[word] = self._contrib(word)
            if contrib is None:
                continue
            stem_id, kind, terms, stem = contrib
            kept.append((stem_id, kind))
            stems.append(stem)
            may_phrase = may_phrase or stem in phrase_starts
            for tid, weight in terms:
                acc[tid] = acc.get(tid, 0.0) + weight
        if may_phrase:
            for _, concepts in self.analyzer.phrase_concepts(stems):
                for concept in concepts:
                    cid = self._tid(concept)
                    acc[cid] = acc.get(cid, 0.0) + self.concept_w
        return acc, kept


def _publisher(article: Article) -> str:
    """Where the page sits: its site, and the pages of its breadcrumb trail ("Hold og
    kurser"), which say what the page is about as its site does, beside the title."""
    values = [article.metadata.get(key) for key in ("publisher", "breadcrumb")]
    return " ".join(value for value in values if isinstance(value, str))


def _lead_sections(article: Article, title_words: list[str],
                   headings: list[list[str]]) -> set[int]:
    """Sections holding the article's lead: the text before its first heading of its own.

    That is the first section when it has no heading, or when its heading is the title
    again (an HTML h1, a Markdown "#", the title's words); only when a later section has
    a heading, else the whole article is the answer's text.
    """
    if len(article.sections) < 2 or not any(headings[1:]):
        return set()
    first = article.sections[0]
    if not headings[0] or first.level <= 1 or headings[0] == title_words:
        return {0}
    return set()


def build(articles: list[Article], warnings: list[str] | None = None) -> Index:
    cfg = search_settings()
    # Pass 1: words of every text, vocabulary and declared synonyms, so compounds and
    # "X (Y)" use the corpus.
    counts: Counter[str] = Counter()
    declared: list[list[str]] = []
    layout: list[tuple[list[str], list[tuple[list[str], list[list[str]]]]]] = []
    for article in articles:
        title_words = tokenize(article.title)
        counts.update(title_words)
        counts.update(tokenize(_publisher(article)))
        sections = []
        for section in article.sections:
            head_words = tokenize(section.heading or "")
            counts.update(head_words)
            bodies = []
            for passage in section.passages:
                words = tokenize(passage.text)
                counts.update(words)
                bodies.append(words)
                if "(" in passage.text:
                    declared.extend(declared_synonyms(passage.text))
            sections.append((head_words, bodies))
        layout.append((title_words, sections))
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
    w_body, w_head, w_title = cfg.fields.body, cfg.fields.heading, cfg.fields.title
    vocab: dict[str, int] = {}
    weigher = _Weigher(analyzer, vocab)
    term_col, doc_col, tf_col = array("i"), array("i"), array("f")
    lengths = array("f")
    texts: list[str] = []
    kinds: list[str] = []
    section_headings: list[str | None] = []
    article_of = array("i")
    article_start: list[int] = []
    title_terms: list[frozenset[int]] = []
    section_of = array("i")
    heading_terms: list[frozenset[int]] = []
    heading_stems: list[list[tuple[int, float]]] = []
    body_df: Counter[int] = Counter()
    body_col = array("b")
    lead_col = array("b")
    article_topics: list[frozenset[int]] = []
    subjects: list[dict[int, int]] = []  # per article: subject term -> passages using it
    weak_kinds = (STOP, WEAK, QUESTION)
    for a_idx, (article, (title_words, sections)) in enumerate(zip(articles, layout,
                                                                   strict=True)):
        article_start.append(len(texts))
        # Who publishes the article counts with its title: "hvad gør rygklinikken ...".
        title_w, title_kept = weigher.weigh(title_words + tokenize(_publisher(article)))
        title_terms.append(frozenset(title_w))
        article_topics.append(frozenset(t for t, kind in title_kept if kind not in weak_kinds))
        leading = _lead_sections(article, title_words, [h for h, _ in sections])
        # Words many of the article's passages use are what it is about, titled or not.
        subject: Counter[int] = Counter()
        n_passages = 0
        article_heads: set[int] = set()
        for s_idx, (section, (head_words, bodies)) in enumerate(
                zip(article.sections, sections, strict=True)):
            if s_idx in leading:
                # The title repeated as the first heading (an HTML h1, a Markdown "#") is
                # no section heading: the title field already carries it.
                title_set = set(title_words)
                head_words = [w for w in head_words if w not in title_set]
            head_w, head_kept = weigher.weigh(head_words)
            article_heads.update(t for t, kind in head_kept if kind not in weak_kinds)
            heading_terms.append(frozenset(head_w))
            section_headings.append(section.heading)
            heading_stems.append([(t, 1.0 if kind == CONTENT else DICE_MINOR)
                                  for t, kind in head_kept])
            fixed: dict[int, float] = {}
            for weights, factor in ((head_w, w_head), (title_w, w_title)):
                for term, value in weights.items():
                    fixed[term] = fixed.get(term, 0.0) + factor * value
            fixed_len = w_head * len(head_kept) + w_title * len(title_kept)
            for passage, words in zip(section.passages, bodies, strict=True):
                body_w, body_kept = weigher.weigh(words)
                body_df.update(body_w.keys())
                subject.update({t for t, kind in [*body_kept, *head_kept]
                                if kind not in weak_kinds})
                n_passages += 1
                combined = dict(fixed)
                for term, value in body_w.items():
                    combined[term] = combined.get(term, 0.0) + w_body * value
                doc = len(texts)
                term_col.extend(combined.keys())
                tf_col.extend(combined.values())
                doc_col.extend([doc] * len(combined))
                body_col.extend([t in body_w for t in combined])
                # A reader may mark the lead itself (a kind "lead").
                lead_col.append(s_idx in leading or passage.kind == "lead")
                lengths.append(w_body * len(body_kept) + fixed_len)
                section_of.append(len(heading_terms) - 1)
                texts.append(passage.text)
                kinds.append(passage.kind)
                article_of.append(a_idx)
        floor_a = max(cfg.gate.article_subject_min, cfg.gate.topic_share * n_passages)
        subjects.append({t: n for t, n in subject.items()
                         if n >= floor_a and t in article_heads})

    # A subject is the article's own: most of the passages using the word are in it.
    used = Counter[int]()
    for found in subjects:
        used.update(found)
    for a_idx, found in enumerate(subjects):
        own = {t for t, n in found.items() if n >= cfg.gate.article_subject_share * used[t]}
        article_topics[a_idx] = article_topics[a_idx] | own
    terms = np.frombuffer(term_col, dtype=np.int32)
    docs = np.frombuffer(doc_col, dtype=np.int32)
    tfs = np.frombuffer(tf_col, dtype=np.float32)
    order = np.argsort(terms, kind="stable")  # docs stay ascending within a term
    terms, docs, tfs = terms[order], docs[order], tfs[order]
    in_body = np.frombuffer(body_col, dtype=np.int8).astype(bool)[order]
    n_terms = len(vocab)
    df = np.bincount(terms, minlength=n_terms)
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    n_docs = max(len(texts), 1)
    idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
    dl = np.frombuffer(lengths, dtype=np.float32)
    avgdl = float(dl.mean()) if dl.size else 1.0
    k1, b = cfg.bm25.k1, cfg.bm25.b
    norm = k1 * (1 - b + b * dl[docs] / max(avgdl, 1e-6))
    impacts = (tfs * (k1 + 1) / (tfs + norm)).astype(np.float32)
    heading_weight = np.asarray([sum(float(idf[t]) * f for t, f in stems)
                                 for stems in heading_stems], dtype=np.float32)
    # Generic words (stop, filler, weak and question words) never say what a base is about.
    weak = {analyzer.stem(w) for w in analyzer.lang.classes.listed
            if analyzer.kind(w) in (STOP, WEAK, QUESTION)}
    weak_ids = {vocab[w] for w in weak if w in vocab}
    floor = cfg.gate.topic_share * len(texts)
    in_titles = frozenset().union(*title_terms) if title_terms else frozenset()
    # Stems of the corpus and concepts only (not compound parts of stop-word stems).
    topic_terms = frozenset(
        t for t, count in body_df.items()
        if count >= floor and t not in weak_ids and t in in_titles
    )
    pairs = sorted((t, s) for s, terms in enumerate(heading_terms) for t in terms)
    head_terms = np.asarray([t for t, _ in pairs], dtype=np.int64)
    head_indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(np.bincount(head_terms, minlength=len(vocab)), out=head_indptr[1:])
    return Index(
        texts=texts,
        kinds=kinds,
        section_headings=section_headings,
        article_titles=[a.title for a in articles],
        article_urls=[a.url for a in articles],
        article_of=np.frombuffer(article_of, dtype=np.int32).astype(np.int64),
        head_indptr=head_indptr,
        head_sections=np.asarray([s for _, s in pairs], dtype=np.int32),
        in_body=np.ascontiguousarray(in_body),
        lead=np.frombuffer(lead_col, dtype=np.int8).astype(bool),
        article_topics=article_topics,
        article_ids=[a.id for a in articles],
        article_start=np.asarray(article_start, dtype=np.int64),
        vocab=vocab,
        indptr=indptr,
        docs=np.ascontiguousarray(docs),
        impacts=np.ascontiguousarray(impacts),
        idf=idf,
        section_of=np.frombuffer(section_of, dtype=np.int32).copy(),
        heading_weight=heading_weight,
        topic_terms=topic_terms,
        known=known,
        surface_vocab=surface_vocab,
        declared=[list(p) for p in unique_declared],
        warnings=list(warnings or []),
        article_paths=[a.path for a in articles],
        article_meta=[dict(a.metadata or {}) for a in articles],
        article_hashes=[a.content_hash for a in articles],
    )
