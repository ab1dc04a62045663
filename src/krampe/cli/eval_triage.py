"""`krampe eval triage FILE`: level accuracy, under/over-triage, trigger recall/precision."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from krampe.cli.text import fail
from krampe.errors import KrampeError
from krampe.triage.evaluate import LEVELS, Report, evaluate, load_cases


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    @eval_app.command("triage")
    def eval_triage(
        file: Path = typer.Argument(..., help="JSON Lines med text, level, triggers."),
        as_json: bool = typer.Option(False, "--json", help="Skriv rapporten som JSON."),
        screened: bool = typer.Option(
            False, "--screened",
            help="Kør også screeningen med en simuleret, sandfærdig person (kræver 'present').",
        ),
    ) -> None:
        """Evaluér triage på et sæt beskrivelser."""
        try:
            cases = load_cases(file)
            report = evaluate(cases)
            screen = evaluate(cases, screened=True) if screened else None
        except KrampeError as exc:
            fail(exc.message)
            return
        if as_json:
            out = report.model_dump()
            if screen is not None:
                out = {"free_text": out, "screened": screen.model_dump()}
            typer.echo(json.dumps(out, ensure_ascii=False))
            return
        typer.echo(f"Triage-evaluering af {file} ({report.n} beskrivelser)")
        typer.echo("")
        typer.echo("Forvekslingstabel (rækker = facit, kolonner = svar):")
        cols = [*LEVELS, "none"]
        typer.echo(f"{'':>11} " + " ".join(f"{c:>10}" for c in cols))
        for g in LEVELS:
            row = report.confusion[g]
            typer.echo(f"{g:>11} " + " ".join(f"{row[c]:>10}" for c in cols))
        typer.echo("")
        if report.misses:
            typer.echo("Fejl:")
            for m in report.misses:
                if m.kind == "level":
                    what = f"niveau {m.gold} -> {m.got}"
                elif m.kind == "trigger_missed":
                    what = f"mangler udløser {m.gold}"
                else:
                    what = f"ekstra udløser {m.got}"
                typer.echo(f"  {m.id}: {what}: {m.text}")
        else:
            typer.echo("Ingen fejl.")
        typer.echo("")
        typer.echo(
            f"exact={report.exact:.3f} n={report.n} under_triage={report.under_triage} "
            f"over_triage_self_care={report.over_triage_self_care} "
            f"self_care_to_urgent+={report.self_care_to_urgent_or_emergency}"
        )
        typer.echo(
            f"trigger_recall={report.trigger_recall:.3f} "
            f"trigger_precision={report.trigger_precision:.3f}"
        )
        typer.echo(f"misses={len(report.misses)}")
        if screen is not None:
            _screen_table(report, screen)


def _screen_table(free: Report, screen: Report) -> None:
    typer.echo("")
    typer.echo("Fri tekst og screening side om side:")
    typer.echo(f"  {'':<34}{'fri tekst':>12}{'screenet':>12}")
    rows = [
        ("exact", f"{free.exact:.3f}", f"{screen.exact:.3f}"),
        ("akut/haster endt lavere", str(free.under_triage), str(screen.under_triage)),
        ("egenomsorg sendt højere", str(free.over_triage_self_care),
         str(screen.over_triage_self_care)),
        ("egenomsorg sendt til haster/112", str(free.self_care_to_urgent_or_emergency),
         str(screen.self_care_to_urgent_or_emergency)),
        ("screening ikke færdig", "", str(screen.incomplete)),
    ]
    for name, a, b in rows:
        typer.echo(f"  {name:<34}{a:>12}{b:>12}")
    typer.echo("")
    typer.echo("Spørgsmål pr. sag (sider = spørgsmål på samme niveau stillet samlet):")
    typer.echo(f"  {'niveau':<12}{'n':>4}{'sider snit':>12}{'sider max':>11}"
               f"{'enkelte snit':>14}{'enkelte max':>13}")
    for lv, q in screen.questions.items():
        typer.echo(f"  {lv:<12}{q.n:>4}{q.pages_mean:>12.2f}{q.pages_max:>11}"
                   f"{q.items_mean:>14.2f}{q.items_max:>13}")
