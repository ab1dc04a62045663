"""The index cache carries the articles' metadata, and a warm start reads no article.

A server worker on a clinic's 10,000 articles used to read every article again for the
sources page, and to hash every file for the cache key; both now come from KRAMPE_HOME.
"""

from __future__ import annotations

import pytest

from krampe.knowledge import kb as kb_mod
from krampe.web.services import Services


def _no_reading(*_args, **_kwargs):
    raise AssertionError("an article was read on a warm start")


def test_warm_start_takes_metadata_from_the_cache(seeds_dir, monkeypatch: pytest.MonkeyPatch):
    specs = ["bundled", str(seeds_dir)]
    cold = Services(specs)
    assert not cold.kb.from_cache
    kb_mod.forget_loaded()  # as a new worker process: only the disk cache is left
    monkeypatch.setattr(kb_mod, "load_articles", _no_reading)
    monkeypatch.setattr(kb_mod, "_cache_key", _no_reading)  # hashing every file's content
    warm = Services(specs)
    assert warm.kb.from_cache
    assert warm.articles == cold.articles
    seeds = [a for a in warm.articles if not a.bundled]
    assert len(seeds) == 2 and all(a.published or a.updated for a in seeds)
    assert any(a.bundled and a.source_ids for a in warm.articles)


def test_a_changed_article_is_read_again(tmp_path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "artikler"
    folder.mkdir()
    page = folder / "natkramper.md"
    page.write_text("---\ntitle: Natkramper\nupdated: 2026-01-02\n---\n\n# Natkramper\n\n"
                    "Krampe i læggen om natten er almindeligt hos ældre.\n", encoding="utf-8")
    first = Services([str(folder)])
    assert first.articles[0].updated == "2026-01-02"
    kb_mod.forget_loaded()
    page.write_text(page.read_text(encoding="utf-8").replace("2026-01-02", "2026-03-04"),
                    encoding="utf-8")
    second = Services([str(folder)])
    assert not second.kb.from_cache
    assert second.articles[0].updated == "2026-03-04"
