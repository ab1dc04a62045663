"""KnowledgeBase: load articles (cached index under KRAMPE_HOME) and answer questions."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel

from krampe.bundled import resolve_specs
from krampe.config import get_settings
from krampe.errors import InputError, KnowledgeBaseError
from krampe.knowledge import index as index_mod
from krampe.knowledge import semantic, store
from krampe.knowledge.readers import article_files, load_articles
from krampe.knowledge.search import SearchOutcome, search
from krampe.lang import da as lang_da
from krampe.textinput import validate_text

MAX_TOP = 50
_ENGINE_DIR = Path(__file__).resolve().parent
_DATA_DIR = _ENGINE_DIR / "data"
# The language layer reads the Danish of every passage: its code and data key the cache too.
_LANG_DIR = Path(lang_da.__file__).resolve().parent
# Loaded knowledge bases by cache key: a long-running server loads each set once.
_LOADED: dict[str, KnowledgeBase] = {}
_STAT_KEYS: dict[tuple, str] = {}


class Answer(BaseModel):
    text: str
    source: str
    title: str
    section: str | None
    url: str | None
    score: float


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    id: str
    title: str
    path: str
    metadata: dict[str, object]
    content_hash: str = ""  # of the text a clinical review covers (policy.review)


class SearchResult(BaseModel):
    question: str
    answered: bool
    answers: list[Answer]


def _cache_key(files: list[Path]) -> str:
    digest = hashlib.sha256(index_mod.ENGINE_VERSION.encode())
    # An index built with the semantic stage holds its vectors; one without does not.
    digest.update((semantic.MODEL_ID if semantic.enabled() else "lexical").encode())
    # Lexicons and the engine's own code change the index too.
    for engine_file in sorted([*_DATA_DIR.glob("*.yaml"), *_ENGINE_DIR.rglob("*.py"),
                               *_LANG_DIR.rglob("*.yaml"), *_LANG_DIR.rglob("*.py")]):
        digest.update(engine_file.read_bytes())
    for file in files:
        digest.update(str(file.resolve()).encode())
        try:
            digest.update(hashlib.sha256(file.read_bytes()).digest())
        except OSError:
            digest.update(b"<unreadable>")
    return digest.hexdigest()[:32]


def _stat_signature(files: list[Path]) -> tuple | None:
    """Cheap in-process shortcut: unchanged sizes and times mean unchanged contents."""
    try:
        return tuple((str(f), st.st_size, st.st_mtime_ns) for f in files
                     for st in (f.stat(),))
    except OSError:
        return None


def _signature_path(signature: tuple) -> Path:
    # The language layer's data and code change the index too, and so does whether the
    # semantic stage adds its vectors.
    engine = _stat_signature(sorted([*_DATA_DIR.glob("*.yaml"), *_ENGINE_DIR.rglob("*.py"),
                                     *_LANG_DIR.rglob("*.yaml"), *_LANG_DIR.rglob("*.py")]))
    mode = semantic.MODEL_ID if semantic.enabled() else "lexical"
    digest = hashlib.sha256(repr((index_mod.ENGINE_VERSION, engine, mode, signature)).encode())
    return get_settings().home / "index" / f"stat-{digest.hexdigest()[:32]}.key"


def _remembered_key(signature: tuple) -> str | None:
    """The content key computed when these files (and the engine's) last had exactly these
    paths, sizes and modification times: a warm start reads no article at all."""
    try:
        key = _signature_path(signature).read_text().strip()
    except OSError:
        return None
    return key if len(key) == 32 and store.exists(_cache_path(key)) else None


def _remember_key(signature: tuple, key: str) -> None:
    path = _signature_path(signature)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w") as handle:
            handle.write(key)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only costs speed


def _cache_path(key: str) -> Path:
    """The cache folder of one key (krampe.knowledge.store's format)."""
    return get_settings().home / "index" / key


def _add_vectors(idx: index_mod.Index) -> None:
    """The semantic stage's passage vectors, when it runs and the budget allows."""
    if not semantic.enabled() or idx.size == 0:
        return
    texts = [semantic.passage_text(rec.title, rec.section, rec.text)
             for rec in (idx.record(i) for i in range(idx.size))]
    idx.embeddings, reason = semantic.passage_vectors(texts)
    if reason:
        idx.warnings.append(f"Semantisk søgning er slået fra for denne samling: {reason}.")


def forget_loaded() -> None:
    """Drop the in-process knowledge bases (the disk cache stays)."""
    _LOADED.clear()
    _STAT_KEYS.clear()


class KnowledgeBase:
    def __init__(self, idx: index_mod.Index, key: str = "", from_cache: bool = False):
        self.index = idx
        self.key = key
        self.from_cache = from_cache
        _ = idx.analyzer, idx.markers  # built now, so the first question is not slower

    @property
    def warnings(self) -> list[str]:
        return self.index.warnings

    def article_records(self) -> list[ArticleRecord]:
        """Each article's id, title, file and normalised metadata, from the index (cached
        with it): nothing is read from disk."""
        idx = self.index
        hashes = idx.article_hashes or [""] * len(idx.article_ids)
        return [ArticleRecord(id=idx.article_ids[i], title=idx.article_titles[i],
                              path=idx.article_paths[i], metadata=dict(idx.article_meta[i]),
                              content_hash=hashes[i])
                for i in range(len(idx.article_ids))]

    @classmethod
    def from_articles(cls, articles, warnings=None) -> KnowledgeBase:
        return cls(index_mod.build(articles, warnings))

    @classmethod
    def load(cls, specs: list[str] | None = None, *, use_cache: bool = True) -> KnowledgeBase:
        """Load the articles named by specs (None/[] or "bundled": the content pack)."""
        paths = resolve_specs(specs)
        files = article_files(paths)
        if not files:
            where = ", ".join(str(p) for p in paths)
            raise KnowledgeBaseError(f"Ingen artikler fundet i {where}.", code="kb_empty")
        signature = _stat_signature(files)
        key = _STAT_KEYS.get(signature) if use_cache and signature else None
        if key is None and use_cache and signature:
            key = _remembered_key(signature)
        if key is None:
            key = _cache_key(files)
            if signature and use_cache:
                _remember_key(signature, key)
        if signature:
            _STAT_KEYS[signature] = key
        if use_cache and key in _LOADED:
            return _LOADED[key]
        path = _cache_path(key)
        idx = store.read(path) if use_cache else None
        from_cache = idx is not None
        if idx is None:
            articles, warnings = load_articles(paths)
            idx = index_mod.build(articles, warnings)
            _add_vectors(idx)
            if use_cache:
                store.write(path, idx)
                store.prune(path.parent, get_settings().index_cache_keep)
        kb = cls(idx, key, from_cache)
        if use_cache:
            _LOADED[key] = kb
        return kb

    def explain(self, question: str, top: int = 5) -> SearchOutcome:
        """The full outcome (coverage, gate reason): for evaluation and debugging."""
        text = validate_text(question, what="spørgsmålet")
        return search(self.index, text, top, self._query_vector(text))

    def _query_vector(self, text: str) -> Callable[[], np.ndarray] | None:
        if self.index.embeddings is None or not semantic.enabled():
            return None
        return lambda: semantic.encode_query(text)

    def search(self, question: str, top: int = 5) -> SearchResult:
        return self.answer(question, top)[0]

    def answer(self, question: str, top: int = 5) -> tuple[SearchResult, SearchOutcome]:
        """The search result and the outcome behind it (krampe ask reads whether the
        question is acute from it instead of finding out again)."""
        text = validate_text(question, what="spørgsmålet")
        if isinstance(top, bool) or not isinstance(top, int) or not 1 <= top <= MAX_TOP:
            raise InputError(f"Antal svar skal være mellem 1 og {MAX_TOP}.", code="invalid_top")
        outcome = search(self.index, text, top, self._query_vector(text))
        answers = []
        for hit in outcome.hits:
            rec = self.index.record(hit.passage)
            answers.append(Answer(text=rec.text, source=rec.source, title=rec.title,
                                  section=rec.section, url=rec.url, score=round(hit.score, 4)))
        return SearchResult(question=text, answered=bool(answers), answers=answers), outcome
