"""Bad article files: a warning naming the file while the rest is indexed, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from krampe.knowledge import readers
from krampe.knowledge.kb import KnowledgeBase
from krampe.knowledge.readers import MAX_ARTICLE_BYTES, load_articles

GOOD = "Krampe i læggen\n\nStræk læggen roligt, til krampen slipper.\n"


def _folder(tmp_path: Path) -> Path:
    (tmp_path / "god.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "kun_titel.md").write_text("# Bare en titel\n", encoding="utf-8")
    (tmp_path / "tom.html").write_text("<html><body><nav>Menu</nav></body></html>",
                                       encoding="utf-8")
    (tmp_path / "latin1.txt").write_bytes("Kramper i læggen om natten".encode("latin-1"))
    (tmp_path / "kaempe.html").write_text(
        "<html><body><article><h1>Stor</h1>" + "<p>Stræk læggen.</p>" * 140_000
        + "</article></body></html>", encoding="utf-8")
    assert (tmp_path / "kaempe.html").stat().st_size > MAX_ARTICLE_BYTES
    return tmp_path


def test_each_bad_file_is_one_warning_naming_it(tmp_path: Path) -> None:
    articles, warnings = load_articles([_folder(tmp_path)])
    assert [a.id for a in articles] == ["god"]
    assert len(warnings) == 4
    for name in ("kun_titel.md", "tom.html", "latin1.txt", "kaempe.html"):
        assert sum(name in w for w in warnings) == 1, (name, warnings)
    assert any("2 MB" in w for w in warnings if "kaempe.html" in w)


def test_unreadable_file_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _folder(tmp_path)
    (tmp_path / "laast.md").write_text(GOOD, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "laast.md":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    _, warnings = load_articles([tmp_path])
    assert any("laast.md" in w and "kan ikke læses" in w for w in warnings)


def test_a_reader_failure_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "god.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "skaev.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")

    def broken(text: str):
        raise ValueError("the parser gave up")

    monkeypatch.setattr(readers.html, "parse", broken)
    articles, warnings = load_articles([tmp_path])
    assert [a.id for a in articles] == ["god"]
    assert len(warnings) == 1 and "skaev.html" in warnings[0]


def test_knowledge_base_answers_from_the_rest(tmp_path: Path, _isolated_home: Path) -> None:
    kb = KnowledgeBase.load([str(_folder(tmp_path))], use_cache=False)
    assert len(kb.warnings) == 4
    assert kb.search("hvad gør jeg ved krampe i læggen?").answered


def test_cli_warns_on_stderr_and_answers(tmp_path: Path, _isolated_home: Path) -> None:
    env = {**os.environ, "KRAMPE_HOME": str(_isolated_home)}
    done = subprocess.run(
        [sys.executable, "-m", "krampe", "ask", "--kb", str(_folder(tmp_path)), "--json",
         "hvad gør jeg ved krampe i læggen?"],
        capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    for name in ("kun_titel.md", "tom.html", "latin1.txt", "kaempe.html"):
        assert name in done.stderr
