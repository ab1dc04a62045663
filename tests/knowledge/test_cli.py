"""`krampe ask` and `krampe eval qa` through the real console entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str, stdin: str | None = None, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "KRAMPE_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "krampe", *args], input=stdin, capture_output=True,
        text=True, env=env, timeout=120,
    )


def test_ask_json_shape(seeds_dir: Path, _isolated_home: Path):
    out = run("ask", "--kb", str(seeds_dir), "--json", "--top", "3",
              "Hvorfor får jeg kramper i læggen om natten?", home=_isolated_home)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"question", "answered", "answers", "triage"}
    assert data["answered"] and 1 <= len(data["answers"]) <= 3
    assert set(data["answers"][0]) == {"text", "source", "title", "section", "url", "score"}


def test_ask_human_output_and_not_covered(seeds_dir: Path, _isolated_home: Path):
    out = run("ask", "--kb", str(seeds_dir), "Kan medicin give kramper?", home=_isolated_home)
    assert out.returncode == 0
    # Sources are named by their titles, never by file names.
    assert "Kilde: Krampe i læggen – årsager og lindring" in out.stdout
    assert "001_59e8fa4ca127b5a4" not in out.stdout and "diuretika" in out.stdout
    out = run("ask", "--kb", str(seeds_dir), "Hvordan laver man lasagne?", home=_isolated_home)
    assert out.returncode == 0 and "dækker vidensbasen desværre ikke" in out.stdout


def test_batch_mode_keeps_order_and_reports_bad_lines(seeds_dir: Path, _isolated_home: Path):
    lines = ["Kan medicin give kramper?", "x" * 6000, "", "Hvordan bager man boller?"]
    out = run("ask", "--kb", str(seeds_dir), "--json", "-", stdin="\n".join(lines) + "\n",
              home=_isolated_home)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 3
    assert rows[0]["answered"] is True
    assert rows[1]["error"] == "too_long" and rows[1]["message"]
    assert rows[2]["answered"] is False and rows[2]["answers"] == []


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_exit_2_with_danish_stderr(question: str, seeds_dir: Path,
                                                     _isolated_home: Path):
    out = run("ask", "--kb", str(seeds_dir), question, home=_isolated_home)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("fejl: ") and out.stderr.count("\n") == 1
    assert "tom" in out.stderr


def test_huge_question_is_rejected(seeds_dir: Path, _isolated_home: Path):
    # argv caps one argument at 128 KiB; the 1 MB question goes through batch mode.
    out = run("ask", "--kb", str(seeds_dir), "krampe " * 18_000, home=_isolated_home)
    assert out.returncode == 2 and out.stdout == ""
    assert "for lang" in out.stderr and "Traceback" not in out.stderr
    out = run("ask", "--kb", str(seeds_dir), "--json", "-", stdin="krampe " * 170_000 + "\n",
              home=_isolated_home)
    assert out.returncode == 0 and json.loads(out.stdout)["error"] == "too_long"


def test_directory_without_articles(tmp_path: Path, _isolated_home: Path):
    out = run("ask", "--kb", str(tmp_path), "krampe", home=_isolated_home)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("fejl: ") and "Traceback" not in out.stderr


def test_bad_file_is_a_warning_and_the_rest_is_indexed(tmp_path: Path, _isolated_home: Path):
    (tmp_path / "god.md").write_text((FIXTURES / "natlige_kramper.md").read_text("utf-8"),
                                     encoding="utf-8")
    (tmp_path / "billede.txt").write_bytes(b"\x89PNG\x00\x00\x00" * 50)
    (tmp_path / "gammel.txt").write_bytes("Kramper i læggen, æøå".encode("cp1252"))
    out = run("ask", "--kb", str(tmp_path), "--json", "Er natlige kramper farlige?",
              home=_isolated_home)
    assert out.returncode == 0
    assert json.loads(out.stdout)["answered"] is True
    assert "billede.txt" in out.stderr and "gammel.txt" in out.stderr


def test_bad_top_is_danish_error(seeds_dir: Path, _isolated_home: Path):
    out = run("ask", "--kb", str(seeds_dir), "--top", "mange", "krampe", home=_isolated_home)
    assert out.returncode == 2 and "--top" in out.stderr and out.stdout == ""


def test_eval_qa(seeds_dir: Path, tmp_path: Path, _isolated_home: Path):
    cases = tmp_path / "qa.jsonl"
    cases.write_text(
        '{"id": "a", "q": "Kan medicin give kramper?", "gold": ["diuretika"]}\n'
        '{"id": "b", "q": "Hvordan bager man boller?", "oos": true}\n'
        '{"id": "c", "q": "Hvordan laver jeg hæl-drop?", "gold": ["findes ikke i teksten"]}\n',
        encoding="utf-8")
    out = run("eval", "qa", str(cases), "--kb", str(seeds_dir), "--json", home=_isolated_home)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["hit@1"] == 0.5 and data["oos_rejected"] == 1
    assert [m["id"] for m in data["misses"]] == ["c"]
    out = run("eval", "qa", str(cases), "--kb", str(seeds_dir), home=_isolated_home)
    tail = out.stdout.strip().splitlines()[-3:]
    assert tail[0].startswith("hit@1 0.500") and "afvist" in tail[1] and "p50" in tail[2]
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    out = run("eval", "qa", str(broken), "--kb", str(seeds_dir), home=_isolated_home)
    assert out.returncode == 2 and out.stderr.startswith("fejl: ")
