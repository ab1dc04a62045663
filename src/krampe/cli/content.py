"""`krampe content check`: validate the content pack or any folder of articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from krampe.cli.text import fail, print_json
from krampe.content.check import check_paths
from krampe.errors import KrampeError
from krampe.knowledge.readers import UnreadableFile, read_article


def _today(value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise KrampeError(f"--today skal være en dato som 2026-01-31, ikke '{value}'.") from None


def check(
    kb: list[str] = typer.Option(
        None, "--kb", help="Mappe eller fil at tjekke (kan gentages; 'bundled' = pakken)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Skriv resultatet som JSON."),
    strict: bool = typer.Option(
        False, "--strict",
        help="Hold alle sider op på pakkens regler (front matter, kilder, faglig gennemgang)."),
    today: str = typer.Option(None, "--today", help="Dato at måle alder fra (ÅÅÅÅ-MM-DD).",
                              hidden=True),
) -> None:
    """Tjek artiklerne: titel, dato, overskrifter, lange afsnit, ulæselige dele, forældede
    sider og uenige kilder (advarsler); med --strict også pakkens regler (fejl)."""
    paths = kb or ["bundled"]
    for path in paths:
        if path != "bundled" and not Path(path).exists():
            fail(f"{path} findes ikke.")
    try:
        report = check_paths(paths, today=_today(today), strict=strict)
    except KrampeError as exc:
        fail(exc.message)
        return
    if as_json:
        print_json(report.to_dict())
    else:
        for issue in report.issues:
            word = "FEJL" if issue.severity == "error" else "ADVARSEL"
            typer.echo(f"{word} {issue.file}: {issue.message}")
        typer.echo(
            f"{report.files} filer tjekket: {len(report.errors)} fejl, "
            f"{len(report.warnings)} advarsler."
        )
    if not report.ok:
        raise typer.Exit(code=1)


def content_hash(
    files: list[Path] = typer.Argument(..., help="Artikelfiler."),
) -> None:
    """Vis den content_hash, en faglig gennemgang (clinical_review) skal nævne."""
    for file in files:
        try:
            article = read_article(file)
        except UnreadableFile as exc:
            fail(str(exc))
            return
        typer.echo(f"{article.content_hash}  {file}")


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""
    content_app.command("check")(check)
    content_app.command("hash")(content_hash)
