"""The index cache on disk: a folder per cache key under KRAMPE_HOME/index.

    <key>/index.pkl      magic, sha256 of the rest, pickle of everything but the arrays
    <key>/<field>.npy    each numpy array of the index (postings, impacts, embeddings ...)
    <key>/texts.npy      the passage texts as one UTF-8 buffer, texts_at.npy its offsets

The arrays are memory-mapped read-only (`np.load(mmap_mode="r")`): every process that
serves the same knowledge base (uvicorn workers, their engine processes, other `krampe
serve` processes on the machine) shares one copy in the page cache instead of holding its
own, and a load copies nothing. The pickle names each array's dtype, shape and sha256, so
a truncated or scribbled file is noticed and the cache rebuilt, never served.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import re
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal, overload

import numpy as np

from krampe.knowledge.index import Index

_MAGIC = b"KRAMPEIDX2"
_HEAD = len(_MAGIC) + 32
_META = "index.pkl"
_KEY = re.compile(r"[0-9a-f]{32}")
# Nothing used within this time is pruned: another process may have just written it.
PRUNE_GRACE_SECONDS = 3600.0


class TextColumn(Sequence[str]):
    """Passage texts as one UTF-8 buffer with offsets: no Python string per passage is
    kept, and the buffer is shared through the page cache when it is memory-mapped."""

    __slots__ = ("_data", "_offsets")

    def __init__(self, data: np.ndarray, offsets: np.ndarray) -> None:
        self._data = data
        self._offsets = offsets

    @classmethod
    def encode(cls, texts: Sequence[str]) -> TextColumn:
        chunks = [t.encode("utf-8") for t in texts]
        offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
        np.cumsum([len(c) for c in chunks], out=offsets[1:])
        return cls(np.frombuffer(b"".join(chunks), dtype=np.uint8), offsets)

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        j = int(i) + n if i < 0 else int(i)
        if not 0 <= j < n:
            raise IndexError("passage index out of range")
        start, end = int(self._offsets[j]), int(self._offsets[j + 1])
        return self._data[start:end].tobytes().decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        for j in range(len(self)):
            yield self[j]


def _digest(array: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(array).reshape(-1).view(np.uint8).data).hexdigest()


def write(folder: Path, idx: Index) -> None:
    """Write the index to `folder` atomically (a temporary folder renamed into place);
    a read-only or full home only costs speed."""
    state = idx.__getstate__()
    arrays: dict[str, np.ndarray] = {}
    for name, value in list(state.items()):
        if isinstance(value, np.ndarray):
            arrays[name] = value
            state[name] = None
    column = idx.texts if isinstance(idx.texts, TextColumn) else TextColumn.encode(idx.texts)
    arrays["texts"], arrays["texts_at"] = column._data, column._offsets
    state["texts"] = None
    manifest = {name: (a.dtype.str, a.shape, _digest(a)) for name, a in arrays.items()}
    payload = pickle.dumps({"state": state, "arrays": manifest},
                           protocol=pickle.HIGHEST_PROTOCOL)
    tmp = None
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".tmp-"))
        for name, array in arrays.items():
            np.save(tmp / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        (tmp / _META).write_bytes(_MAGIC + hashlib.sha256(payload).digest() + payload)
        if folder.exists():  # a damaged cache being replaced
            shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:  # another process renamed its copy into place first
            shutil.rmtree(tmp, ignore_errors=True)


def exists(folder: Path) -> bool:
    return (folder / _META).is_file()


def read(folder: Path) -> Index | None:
    """The cached index with its arrays memory-mapped, or None when missing or damaged
    (then it is rebuilt)."""
    try:
        blob = (folder / _META).read_bytes()
    except OSError:
        return None
    if len(blob) < _HEAD or not blob.startswith(_MAGIC):
        return None
    payload = blob[_HEAD:]
    if hashlib.sha256(payload).digest() != blob[len(_MAGIC):_HEAD]:
        return None
    try:
        meta = pickle.loads(payload)
        state, manifest = meta["state"], meta["arrays"]
        arrays = {}
        for name, (dtype, shape, digest) in manifest.items():
            # An empty array has nothing to map; a plain ndarray view of a mapped one
            # slices without np.memmap's subclass overhead.
            mode: Literal["r"] | None = "r" if int(np.prod(shape)) else None
            array = np.asarray(np.load(folder / f"{name}.npy", mmap_mode=mode,
                                       allow_pickle=False))
            if array.dtype.str != dtype or array.shape != tuple(shape) \
                    or _digest(array) != digest:
                return None
            arrays[name] = array
    except Exception:  # a damaged cache must never crash a question
        return None
    state["texts"] = TextColumn(arrays.pop("texts"), arrays.pop("texts_at"))
    state.update(arrays)
    idx = Index.__new__(Index)
    idx.__dict__.update(state)
    with contextlib.suppress(OSError):  # the time of last use, which `prune` goes by
        os.utime(folder / _META)
    return idx


def _age(path: Path, now: float) -> float:
    try:
        return now - path.stat().st_mtime
    except OSError:
        return 0.0


def _last_use(folder: Path, now: float) -> float:
    """Seconds since an index was written or read (a damaged one: since its folder
    changed)."""
    meta = folder / _META
    return _age(meta if meta.is_file() else folder, now)


def prune(root: Path, keep: int, *, now: float | None = None) -> list[str]:
    """Delete what the cache no longer needs, and return the names deleted: beyond the
    `keep` most recently used indexes, those unused for over an hour; temporary folders of
    interrupted writes, key pointers whose index is gone and files of older cache formats,
    once over an hour old. Every changed article or engine version writes a new index, so
    without this the home grows by a full index each time. A process still serving a
    deleted index keeps its memory-mapped files (the kernel frees them when it stops)."""
    now = time.time() if now is None else now
    try:
        entries = list(root.iterdir())
    except OSError:
        return []
    indexes = sorted((p for p in entries if p.is_dir() and _KEY.fullmatch(p.name)),
                     key=lambda p: _last_use(p, now))
    doomed = [p for p in indexes[keep:] if _last_use(p, now) > PRUNE_GRACE_SECONDS]
    gone = {p.name for p in doomed} | {
        p.name for p in indexes if not (p / _META).is_file()}
    for path in entries:
        if _KEY.fullmatch(path.name) or _age(path, now) <= PRUNE_GRACE_SECONDS:
            continue
        if path.name.startswith("stat-") and path.suffix == ".key":
            try:
                pointed = path.read_text().strip()
            except OSError:
                continue
            if pointed in gone or not (root / pointed).is_dir():
                doomed.append(path)
        elif path.name.startswith(".tmp-") or path.suffix == ".pkl":
            doomed.append(path)  # an interrupted write, or an older format's single file
    for path in doomed:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
    return sorted(p.name for p in doomed)
