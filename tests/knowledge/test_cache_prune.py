"""The index cache in KRAMPE_HOME/index does not grow without bound: every changed article
or engine version writes a new index (at 10,000 articles hundreds of MB each)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from krampe.config import get_settings
from krampe.knowledge import kb as kb_mod
from krampe.knowledge import store
from krampe.knowledge.kb import KnowledgeBase

HOUR = store.PRUNE_GRACE_SECONDS
NOW = 2_000_000_000.0


def _index(root: Path, n: int, hours_ago: float) -> Path:
    folder = root / f"{n:032x}"
    folder.mkdir(parents=True)
    (folder / "index.pkl").write_bytes(b"x")
    when = NOW - hours_ago * HOUR
    os.utime(folder / "index.pkl", (when, when))
    return folder


def _old(path: Path, hours_ago: float = 3, now: float = NOW) -> Path:
    when = now - hours_ago * HOUR
    os.utime(path, (when, when))
    return path


def test_keeps_the_most_recently_used_and_anything_used_within_the_hour(tmp_path: Path):
    recent = [_index(tmp_path, n, hours_ago=2 + n) for n in range(3)]
    older = [_index(tmp_path, n, hours_ago=10 + n) for n in range(3, 6)]
    fresh = _index(tmp_path, 9, hours_ago=0.2)  # another process may have just written it
    deleted = store.prune(tmp_path, keep=4, now=NOW)
    assert sorted(deleted) == sorted(p.name for p in older)
    assert all(p.is_dir() for p in [*recent, fresh])
    assert not any(p.exists() for p in older)


def test_leftovers_go_once_old(tmp_path: Path):
    live = _index(tmp_path, 1, hours_ago=0)
    pointer = tmp_path / "stat-a.key"
    pointer.write_text(live.name)
    _old(pointer)
    dangling = tmp_path / "stat-b.key"
    dangling.write_text("f" * 32)
    _old(dangling)
    new_dangling = tmp_path / "stat-c.key"
    new_dangling.write_text("e" * 32)
    _old(new_dangling, hours_ago=0.5)
    (tmp_path / ".tmp-crashed").mkdir()
    _old(tmp_path / ".tmp-crashed")
    legacy = tmp_path / "0123.pkl"  # an older cache format's single file
    legacy.write_bytes(b"old")
    _old(legacy)
    someone_elses = tmp_path / "notes.txt"  # not the cache's: never touched
    someone_elses.write_text("x")
    _old(someone_elses)
    deleted = store.prune(tmp_path, keep=8, now=NOW)
    assert sorted(deleted) == [".tmp-crashed", "0123.pkl", "stat-b.key"]
    assert live.is_dir() and pointer.exists() and new_dangling.exists()
    assert someone_elses.exists()


def test_a_missing_or_unreadable_home_is_no_error(tmp_path: Path):
    assert store.prune(tmp_path / "nowhere", keep=1, now=NOW) == []


def test_a_new_index_prunes_and_reading_one_counts_as_use(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("KRAMPE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KRAMPE_INDEX_CACHE_KEEP", "1")
    get_settings.cache_clear()
    try:
        page = tmp_path / "natkramper.md"
        page.write_text("# Natkramper\n\nKrampe i læggen om natten er almindeligt.\n",
                        encoding="utf-8")
        first = KnowledgeBase.load([str(page)])
        root = get_settings().home / "index"
        first_folder = root / first.key
        _old(first_folder / "index.pkl", hours_ago=5, now=time.time())
        kb_mod.forget_loaded()
        assert KnowledgeBase.load([str(page)]).from_cache
        # a read is a use: the index now counts as just used
        assert (first_folder / "index.pkl").stat().st_mtime > time.time() - HOUR
        _old(first_folder / "index.pkl", hours_ago=5, now=time.time())
        kb_mod.forget_loaded()
        page.write_text("# Natkramper\n\nKrampe i læggen om natten er ret almindeligt.\n",
                        encoding="utf-8")
        second = KnowledgeBase.load([str(page)])
        assert second.key != first.key
        assert (root / second.key).is_dir()
        assert not first_folder.exists()
    finally:
        get_settings.cache_clear()
