"""`krampe nu` (what to do during a cramp) and `krampe plan` (the exercise programme)."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import TypedDict
from zoneinfo import ZoneInfo

import typer

from krampe.cli.text import fail, print_json
from krampe.errors import KrampeError
from krampe.plural import count
from krampe.selfcare import Profile, acute_guide, build_plan, plan_to_ics
from krampe.selfcare.dates import parse_start_date
from krampe.selfcare.plan import plan_config, validate_reminder
from krampe.selfcare.text import guide_lines, plan_lines


class _Style(TypedDict, total=False):
    fg: str
    bold: bool
    dim: bool


_STYLES: dict[str, _Style] = {
    "heading": {"bold": True},
    "emergency": {"fg": "red", "bold": True},
    "urgent": {"fg": "yellow", "bold": True},
    "muted": {"dim": True},
}


def _echo_lines(lines) -> None:
    # Click drops the colours by itself when stdout is not a terminal.
    for text, style in lines:
        typer.secho(text, **_STYLES.get(style or "", {}))


def nu(
    as_json: bool = typer.Option(False, "--json", help="Skriv vejledningen som JSON."),
) -> None:
    """Krampe lige nu: trin for trin, hvad du gør under en krampe i læggen, og faresignalerne
    der betyder, at du skal have hjælp med det samme eller til lægen i dag."""
    guide = acute_guide()
    if as_json:
        print_json(guide.model_dump(mode="json"))
    else:
        _echo_lines(guide_lines(guide))


def plan(
    start: str = typer.Option(
        None,
        "--start",
        metavar="DATO",
        help="Første dag i programmet, fx 2026-12-01 eller 1-12-2026. Standard: i dag.",
    ),
    weeks: str = typer.Option(
        "6", "--weeks", "--uger", metavar="N", help="Antal uger (1-26). Standard: 6."
    ),
    ics: Path = typer.Option(
        None,
        "--ics",
        metavar="FIL",
        help="Gem programmet som kalenderfil (.ics) til Google, Outlook eller Apple "
        "Kalender. Brug - for at skrive filen til stdout.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Skriv programmet som JSON."),
    gravid: bool = typer.Option(
        False, "--gravid", help="Du er gravid: ingen tung excentrisk træning på ét ben."
    ),
    natkramper: bool = typer.Option(
        False, "--natkramper", help="Du får kramper om natten: stræk lige før sengetid."
    ),
    over_60: bool = typer.Option(
        False, "--over-60", help="Du er over 60: blidere start og støtte ved stol eller væg."
    ),
    reminder: str = typer.Option(
        None,
        "--paamindelse",
        "--alarm",
        metavar="MIN",
        help="Kalenderfilens påmindelse: så mange minutter før hver aftale "
        "(0 = når den begynder). Standard: 15.",
        show_default=False,
    ),
) -> None:
    """Byg et program med daglige stræk og styrketræning 3 gange om ugen, der starter
    blidt og bygges op. Vises som skema, JSON eller kalenderfil (.ics)."""
    try:
        first = parse_start_date(start) if start is not None else _today()
        n_weeks = _int(weeks, "Antal uger skal være et helt tal, fx 6.")
        minutes = validate_reminder(
            plan_config().reminder.default_minutes if reminder is None else reminder
        )
        profile = Profile(pregnant=gravid, night_cramps=natkramper, over_60=over_60)
        result = build_plan(first, n_weeks, profile)
    except KrampeError as exc:
        fail(exc.message)
        return
    if ics is not None:
        data = plan_to_ics(result, minutes)
        if str(ics) == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        try:
            ics.write_bytes(data)
        except OSError as exc:
            fail(f"Kunne ikke gemme kalenderfilen {ics}: {exc.strerror or exc}.")
        if not as_json:
            typer.echo(
                f"Gemte {count(len(result.sessions), 'aftale', 'aftaler')} i {ics} "
                f"({count(result.weeks, 'uge', 'uger')} fra {result.start.isoformat()}), "
                f"hver med en påmindelse {count(minutes, 'minut', 'minutter')} før."
                if minutes
                else f"Gemte {count(len(result.sessions), 'aftale', 'aftaler')} i {ics} "
                f"({count(result.weeks, 'uge', 'uger')} fra {result.start.isoformat()}), "
                "hver med en påmindelse, når den begynder."
            )
    if as_json:
        print_json(result.model_dump(mode="json"))
    elif ics is None:
        _echo_lines(plan_lines(result))


def _today() -> date:
    # "Today" in Denmark, where the plan's events happen (same as the web app's default).
    return datetime.now(ZoneInfo(plan_config().timezone)).date()


def _int(text: str, message: str) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        fail(message)
        raise  # unreachable: fail exits


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""
    app.command("nu")(nu)
    app.command("plan")(plan)
