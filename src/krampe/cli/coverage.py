"""`krampe coverage`: which common questions the articles answer, per topic."""

from __future__ import annotations

import typer

from krampe.cli.ask import load_kb
from krampe.cli.text import fail, print_json, wrap
from krampe.content.coverage import STATUSES, CoverageReport, run
from krampe.errors import KrampeError

_COLUMNS = ("Emne", "Besvaret", "Svagt", "Ikke dækket")


def render(report: CoverageReport) -> str:
    """The terminal table, the definitions, then what is missing per topic."""
    kb = ", ".join(report.knowledge_base)
    rows = [(t.label, t.answered, t.weak, t.not_covered) for t in report.topics]
    totals = report.totals
    rows.append(("I alt", totals["answered"], totals["weak"], totals["not_covered"]))
    width = max(len(_COLUMNS[0]), *(len(r[0]) for r in rows))
    lines = [f"Dækning: {report.questions} almindelige spørgsmål mod {kb}", ""]
    lines.append(f"{_COLUMNS[0]:<{width}}  " + "  ".join(f"{c:>11}" for c in _COLUMNS[1:]))
    for n, row in enumerate(rows):
        if n == len(rows) - 1:
            lines.append("-" * (width + 3 * 13))
        lines.append(f"{row[0]:<{width}}  " + "  ".join(f"{v:>11}" for v in row[1:]))
    lines.append("")
    for status in STATUSES:
        lines += wrap(f"{report.labels[status]}: {report.definitions[status]}")
    missing = [(t, [q for q in t.questions if q.status != "answered"]) for t in report.topics]
    missing = [(t, qs) for t, qs in missing if qs]
    if missing:
        lines += ["", "Det kan artiklerne med fordel dække bedre:"]
    for topic, questions in missing:
        lines += ["", topic.label]
        for q in sorted(questions, key=lambda q: STATUSES.index(q.status), reverse=True):
            lines += wrap(f"[{report.labels[q.status].lower()}] {q.question} {q.reason}", "  ")
    return "\n".join(lines)


def coverage(
    kb: list[str] | None = typer.Option(
        None, "--kb", help="Artikelfil eller -mappe (kan gentages); 'bundled' = pakken."),
    as_json: bool = typer.Option(False, "--json", help="Skriv resultatet som JSON."),
) -> None:
    """Vis, hvilke almindelige spørgsmål artiklerne besvarer, svagt besvarer eller ikke
    dækker, emne for emne."""
    try:
        report = run(load_kb(kb), kb)
    except KrampeError as exc:
        fail(exc.message)
        return
    if as_json:
        print_json(report.to_dict())
    else:
        typer.echo(render(report))


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""
    app.command("coverage")(coverage)
