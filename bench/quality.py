"""Quality benchmark: krampe against off-the-shelf retrievers on the same passages.

    python bench/quality.py                      # seeds + qa_dev (and bundled + qa_bundled)
    python bench/quality.py --kb DIR --set FILE  # any knowledge base and question set(s)

All systems index the passages krampe's readers produce; peers get the section heading
with each passage. Each set is also run reworded three ways per question (casual lower case,
a story prefix with other word forms, one typo; same gold), unless --no-paraphrase.
Peers have no reject gate: they answer whenever a term (or vector) matches.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from peers.base import Unavailable
from peers.passages import load_docs, splitter_name
from peers.queries import paraphrases
from peers.scoring import Question, Tally, load_set
from peers.table import engine_version, machine_line, render

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SYSTEMS = ("krampe", "fts5", "bm25s", "e5")
# Names for the table when a system cannot even be constructed here.
DISPLAY = {"krampe": "krampe", "fts5": "SQLite FTS5", "bm25s": "bm25s + Danish stemmer",
           "e5": "multilingual-e5-small (dense)"}
HEADERS = ["set", "system", "hit@1", "hit@3", "MRR@5", "false rej", "OOS rej", "ms/q", "build s"]


def make(system: str, specs: list[str]):
    if system == "krampe":
        from peers.krampe_engine import KrampeRetriever

        return KrampeRetriever(specs)
    if system == "fts5":
        from peers.fts5 import Fts5Retriever

        return Fts5Retriever()
    if system == "bm25s":
        from peers.bm25 import Bm25sRetriever

        return Bm25sRetriever()
    from peers.dense import E5Retriever

    return E5Retriever()


def default_suites() -> list[tuple[list[str], list[Path]]]:
    dev = SHARED / "eval" / "qa_dev.jsonl"
    suites = [([str(SHARED / "seeds")], [dev])]
    for candidate in (REPO / "eval" / "qa_bundled.jsonl", SHARED / "eval" / "qa_bundled.jsonl"):
        if candidate.is_file() and _bundled_has_articles():
            suites.append((["bundled"], [candidate]))
            break
    return suites


def _bundled_has_articles() -> bool:
    from peers.passages import bundled_dir

    return any(bundled_dir().glob("*.md"))


def kb_label(specs: list[str]) -> str:
    return "+".join("bundled" if s == "bundled" else Path(s).name for s in specs)


def question_sets(sets: list[Path], paraphrase: bool) -> dict[str, list[Question]]:
    """Each set by name; with `paraphrase`, also each set reworded 3 ways (same gold)."""
    out: dict[str, list[Question]] = {}
    rng = random.Random(5)
    for path in sets:
        questions = load_set(path)
        out[path.stem] = questions
        if paraphrase:
            out[f"{path.stem} paraphrased"] = [
                replace(q, id=f"{q.id}~{i}", q=text)
                for q in questions
                for i, text in enumerate(paraphrases(q.q, rng), 1)
            ]
    return out


def run_suite(specs: list[str], sets: list[Path], systems: list[str], misses: bool,
              paraphrase: bool = False):
    docs = load_docs(specs)
    label = kb_label(specs)
    questions = question_sets(sets, paraphrase)
    rows: list[list[str]] = []
    notes: list[str] = []
    for system in systems:
        name = DISPLAY[system]
        try:
            retriever = make(system, specs)
            name = retriever.name
            start = time.perf_counter()
            retriever.build(docs)
            build_s = time.perf_counter() - start
        except Unavailable as exc:
            for set_name in questions:
                rows.append([f"{set_name} @ {label}", name, "not available", *[""] * 6])
            notes.append(f"{name}: {exc}")
            continue
        for set_name, set_questions in questions.items():
            tally = Tally()
            for question in set_questions:
                start = time.perf_counter()
                ranking = retriever.search(question.q, top=5)
                ms = (time.perf_counter() - start) * 1000
                tally.add(question, ranking.answered, ranking.texts, ms)
            rows.append([f"{set_name} @ {label}", name, *tally.row().values(), f"{build_s:.2f}"])
            if misses and tally.misses:
                notes.append(f"{name} on {set_name} @ {label}: " + "; ".join(tally.misses))
    return docs, rows, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", action="append", help="file, directory or `bundled` (repeatable)")
    parser.add_argument("--set", action="append", type=Path, help="question set (.jsonl)")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated subset")
    parser.add_argument("--misses", action="store_true", help="list each system's misses")
    parser.add_argument("--no-paraphrase", action="store_true",
                        help="skip the reworded copy of each set (lower case, story, typo)")
    args = parser.parse_args(argv)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        parser.error(f"unknown systems: {', '.join(sorted(unknown))}")
    if args.kb or args.set:
        kbs = args.kb or [str(SHARED / "seeds")]
        suites = [(kbs, args.set or [SHARED / "eval" / "qa_dev.jsonl"])]
    else:
        suites = default_suites()
    # krampe caches its index under KRAMPE_HOME; never touch the user's own cache.
    # A fresh one each run also makes krampe's "build s" a cold build.
    home = tempfile.mkdtemp(prefix="krampe-bench-")
    os.environ["KRAMPE_HOME"] = home
    try:
        return _run(args, suites, systems)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _run(args: argparse.Namespace, suites: list[tuple[list[str], list[Path]]],
         systems: list[str]) -> int:
    print(f"# quality benchmark · {machine_line()} · {engine_version(REPO)}")
    print(f"passages: {splitter_name()}")
    all_rows: list[list[str]] = []
    all_notes: list[str] = []
    for specs, sets in suites:
        docs, rows, notes = run_suite(specs, sets, systems, args.misses,
                                       paraphrase=not args.no_paraphrase)
        print(f"kb {' + '.join(specs)}: {len(docs)} passages")
        all_rows.extend(rows)
        all_notes.extend(notes)
    print()
    print(render(HEADERS, all_rows))
    for note in all_notes:
        print(f"\n- {note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
