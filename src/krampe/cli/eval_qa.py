"""`krampe eval qa`: hit@1, hit@3, MRR@5 and rejections on a question set (JSON Lines)."""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import typer

from krampe.cli.ask import load_kb
from krampe.cli.text import fail, print_json
from krampe.errors import InputError, KrampeError
from krampe.evaluation.qa import Scores, first_hit
from krampe.knowledge.kb import KnowledgeBase


@dataclass
class Case:
    id: str
    q: str
    gold: list[str] = field(default_factory=list)
    oos: bool = False


@dataclass
class Outcome:
    id: str
    q: str
    oos: bool
    answered: bool
    rank: int | None  # 1-based rank of the first answer holding a gold phrase
    top: str | None
    ms: float


def read_cases(path: Path) -> list[Case]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise InputError(f"Kan ikke læse testsættet {path}.", code="invalid_file") from None
    cases = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            gold = [str(g) for g in row.get("gold", [])]
            case = Case(str(row.get("id", n)), str(row["q"]), gold, bool(row.get("oos")))
        except (ValueError, KeyError, TypeError, AttributeError):
            raise InputError(f"Linje {n} i {path} er ikke et gyldigt spørgsmål (JSON med "
                             "'q' og 'gold' eller 'oos').", code="invalid_file") from None
        if not case.oos and not case.gold:
            raise InputError(f"Linje {n} i {path} mangler 'gold' eller 'oos'.",
                             code="invalid_file")
        cases.append(case)
    if not cases:
        raise InputError(f"Testsættet {path} er tomt.", code="invalid_file")
    return cases


def evaluate(kb: KnowledgeBase, cases: list[Case], top: int = 5) -> tuple[dict, list[Outcome]]:
    outcomes = []
    scores = Scores()
    for case in cases:
        start = time.perf_counter()
        result = kb.search(case.q, top)
        ms = (time.perf_counter() - start) * 1000
        rank = first_hit((answer.text for answer in result.answers), case.gold)
        scores.add(oos=case.oos, answered=result.answered, rank=rank)
        first = result.answers[0].text[:90] if result.answers else None
        outcomes.append(Outcome(case.id, case.q, case.oos, result.answered, rank, first, ms))
    times = sorted(o.ms for o in outcomes)
    summary = {
        "questions": len(outcomes),
        "in_scope": scores.in_scope,
        "out_of_scope": scores.out_of_scope,
        "hit@1": scores.hit_at_1,
        "hit@3": scores.hit_at_3,
        "mrr@5": scores.mrr_at_5,
        "false_rejections": scores.false_rejections,
        "oos_rejected": scores.oos_rejected,
        "latency_ms_p50": statistics.median(times),
        "latency_ms_p99": times[min(len(times) - 1, int(0.99 * len(times)))],
    }
    return summary, outcomes


def _misses(outcomes: list[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if (o.oos and o.answered) or (not o.oos and o.rank != 1)]


def render(summary: dict, outcomes: list[Outcome]) -> str:
    lines = []
    misses = _misses(outcomes)
    if misses:
        lines.append("Afvigelser:")
        for o in misses:
            if o.oos:
                what = "besvaret, men uden for emnet"
            elif not o.answered:
                what = "afvist, men burde besvares"
            elif o.rank is None:
                what = "intet rigtigt svar i top"
            else:
                what = f"rigtigt svar på plads {o.rank}"
            lines.append(f"  {o.id:8} {what:30} {o.q}")
            if o.top and not o.oos:
                lines.append(f"  {'':8} øverst: {o.top}")
        lines.append("")
    lines.append(f"{'mål':22} {'værdi':>8}")
    for key, label in (("hit@1", "hit@1"), ("hit@3", "hit@3"), ("mrr@5", "MRR@5")):
        lines.append(f"{label:22} {summary[key]:8.3f}")
    lines.append(f"{'afviste (i emnet)':22} {summary['false_rejections']:>4} / "
                 f"{summary['in_scope']}")
    lines.append(f"{'afviste (uden for)':22} {summary['oos_rejected']:>4} / "
                 f"{summary['out_of_scope']}")
    lines.append("")
    lines.append(f"hit@1 {summary['hit@1']:.3f} · hit@3 {summary['hit@3']:.3f} · "
                 f"MRR@5 {summary['mrr@5']:.3f} · {summary['questions']} spørgsmål")
    lines.append(f"i emnet afvist {summary['false_rejections']}/{summary['in_scope']} · "
                 f"uden for emnet afvist {summary['oos_rejected']}/{summary['out_of_scope']}")
    lines.append(f"svartid p50 {summary['latency_ms_p50']:.2f} ms · "
                 f"p99 {summary['latency_ms_p99']:.2f} ms")
    return "\n".join(lines)


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""

    @eval_app.command("qa")
    def eval_qa(
        file: Path = typer.Argument(..., help="Spørgsmål i JSON Lines (q + gold eller oos)."),
        kb: list[str] | None = typer.Option(None, "--kb", help="Artikler (kan gentages)."),
        as_json: bool = typer.Option(False, "--json", help="Skriv resultatet som JSON."),
    ) -> None:
        """Mål svar-kvaliteten: hit@1, hit@3, MRR@5, afvisninger; lister afvigelserne."""
        try:
            cases = read_cases(file)
            base = load_kb(kb)
            summary, outcomes = evaluate(base, cases)
        except KrampeError as exc:
            fail(exc.message)
            return
        if as_json:
            payload = {**summary, "misses": [asdict(o) for o in _misses(outcomes)]}
            print_json(payload)
        else:
            typer.echo(render(summary, outcomes))
