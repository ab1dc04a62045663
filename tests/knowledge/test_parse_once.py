"""Each article file is parsed once per process, whoever reads it (index, pages, pack)."""

from __future__ import annotations

from pathlib import Path

from krampe.knowledge import readers


def test_an_article_is_parsed_once_and_again_after_a_change(tmp_path: Path, monkeypatch):
    calls = []
    real = readers.parse_article

    def counting(text, path):
        calls.append(path)
        return real(text, path)

    monkeypatch.setattr(readers, "parse_article", counting)
    f = tmp_path / "a.md"
    f.write_text("# Krampe\n\nStræk læggen, når krampen kommer.\n", encoding="utf-8")
    first = readers.read_article(f)
    articles, _ = readers.load_articles([tmp_path])
    assert articles[0] is first and len(calls) == 1
    f.write_text("# Krampe\n\nStræk læggen og gå lidt rundt, så slipper den.\n",
                 encoding="utf-8")
    changed = readers.read_article(f)
    texts = [p.text for s in changed.sections for p in s.passages]
    assert any("gå lidt rundt" in t for t in texts)
    assert readers.read_article(f) is changed
    assert len(calls) == 2


def test_the_bundled_pack_is_parsed_once_for_index_pages_and_pack(monkeypatch):
    from krampe.content import pack
    from krampe.knowledge.kb import KnowledgeBase, forget_loaded

    calls = []
    real = readers.parse_article

    def counting(text, path):
        calls.append(Path(path).name)
        return real(text, path)

    monkeypatch.setattr(readers, "parse_article", counting)
    monkeypatch.setattr(readers, "_PARSED", {})
    pack._load_pack.cache_clear()
    forget_loaded()
    pack.sections_tagged("level:self_care")
    KnowledgeBase.load(None)
    readers.load_articles([pack.bundled_dir()])
    assert calls and len(calls) == len(set(calls)), calls
