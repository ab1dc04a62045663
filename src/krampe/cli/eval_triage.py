"""`krampe eval triage FILE`: level accuracy, under/over-triage, trigger recall/precision."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from krampe.errors import KrampeError


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    @eval_app.command("triage")
    def eval_triage(
        file: Path = typer.Argument(..., help="JSON Lines med text, level, triggers."),
        as_json: bool = typer.Option(False, "--json", help="Skriv rapporten som JSON."),
    ) -> None:
        """Evaluér triage på et sæt beskrivelser."""
        from krampe.triage.evaluate import LEVELS, evaluate, load_cases

        try:
            report = evaluate(load_cases(file))
        except KrampeError as exc:
            typer.echo(f"fejl: {exc.message}", err=True)
            raise typer.Exit(2) from None
        if as_json:
            typer.echo(json.dumps(report.model_dump(), ensure_ascii=False))
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
