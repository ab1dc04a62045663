"""Typer's and Click's own words in Danish: help headings, usage, errors and Ctrl-C.

Typer keeps its help and error texts in settable module constants (typer.rich_utils);
the help option's text and the "Usage:" prefix belong to the command classes, so the
app's commands and groups use the subclasses below. Usage errors are printed here
(`run`), one Danish line and a hint, instead of Click's English ones.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer import rich_utils
from typer._click import exceptions as click_exceptions
from typer.core import TyperCommand, TyperGroup

HELP_TEXT = "Vis denne hjælp og afslut."
USAGE_PREFIX = "Brug: "
ABORTED = "Afbrudt."
# Exit status of a program stopped by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
EXIT_USAGE = 2

_RICH_TEXTS = {
    "DEPRECATED_STRING": "(forældet) ",
    "DEFAULT_STRING": "[standard: {}]",
    "ENVVAR_STRING": "[miljøvariabel: {}]",
    "REQUIRED_LONG_STRING": "[påkrævet]",
    "ARGUMENTS_PANEL_TITLE": "Argumenter",
    "OPTIONS_PANEL_TITLE": "Tilvalg",
    "COMMANDS_PANEL_TITLE": "Kommandoer",
    "ERRORS_PANEL_TITLE": "Fejl",
    "ABORTED_TEXT": ABORTED,
    "RICH_HELP": "Se [blue]'{command_path} {help_option}'[/] for hjælp.",
}

# Click's usage errors that carry no structure, by their English text.
_MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<x>.*)\)"),
     "For mange argumenter: {x}."),
    (re.compile(r"No such command '(?P<x>.*)'\. Did you mean '(?P<y>.*)'\?"),
     "Kommandoen '{x}' findes ikke. Mente du '{y}'?"),
    (re.compile(r"No such command '(?P<x>.*)'\."), "Kommandoen '{x}' findes ikke."),
    (re.compile(r"Missing command\."), "Der mangler en kommando."),
    (re.compile(r"Option '(?P<x>.*)' requires an argument\."),
     "Tilvalget '{x}' skal have en værdi."),
    (re.compile(r"Option '(?P<x>.*)' requires (?P<n>\d+) arguments\."),
     "Tilvalget '{x}' skal have {n} værdier."),
    (re.compile(r"Option '(?P<x>.*)' does not take a value\."),
     "Tilvalget '{x}' tager ingen værdi."),
]
_PARAM_KIND = {"option": "tilvalg", "argument": "argument", "parameter": "parameter"}


def install() -> None:
    """Put the Danish texts into Typer's help and error rendering."""
    for name, text in _RICH_TEXTS.items():
        setattr(rich_utils, name, text)


class _Danish:
    """Danish help option text and usage prefix for a Typer command or group."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)


class DanishCommand(_Danish, TyperCommand):
    pass


class DanishGroup(_Danish, TyperGroup):
    pass


def use_danish_classes(app: typer.Typer) -> None:
    """Make every command and group registered on `app` (and below) a Danish one."""
    # Typer fills in its own classes (or a default placeholder) when nothing is given.
    if not isinstance(app.info.cls, type) or app.info.cls is TyperGroup:
        app.info.cls = DanishGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = DanishCommand
    for group in app.registered_groups:
        if group.typer_instance is not None:
            use_danish_classes(group.typer_instance)


def usage_message(exc: click_exceptions.UsageError) -> str:
    """Click's usage error in Danish (its own text when there is no translation)."""
    if isinstance(exc, click_exceptions.NoSuchOption):
        text = f"Tilvalget {exc.option_name} findes ikke."
        if exc.possibilities:
            text += " Mente du " + " eller ".join(sorted(exc.possibilities)) + "?"
        return text
    if isinstance(exc, click_exceptions.MissingParameter):
        kind = _PARAM_KIND.get(exc.param_type or "parameter", "parameter")
        name = exc.param_hint or (exc.param.name if exc.param else "")
        if exc.param is not None and exc.ctx is not None and not exc.param_hint:
            name = " / ".join(f"'{d}'" for d in exc.param.opts) or f"'{exc.param.name}'"
        return f"Der mangler {kind} {name}.".replace("  ", " ")
    if isinstance(exc, click_exceptions.BadParameter):
        name = " / ".join(f"'{d}'" for d in exc.param.opts) if exc.param else ""
        return f"Ugyldig værdi for {name}: {exc.message}" if name else (
            f"Ugyldig værdi: {exc.message}")
    message = exc.format_message()
    for pattern, danish in _MESSAGES:
        if m := pattern.fullmatch(message):
            return danish.format(**m.groupdict())
    return message


def run(app: typer.Typer, args: Sequence[str] | None = None) -> int:
    """Run the app; Danish text for usage errors and Ctrl-C. Returns the exit status."""
    try:
        result = app(args=list(args) if args is not None else None, standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else "", err=True)
        return EXIT_USAGE
    except click_exceptions.UsageError as exc:
        typer.echo(f"fejl: {usage_message(exc)}", err=True)
        if exc.ctx is not None:
            typer.echo(f"Se '{exc.ctx.command_path} --help' for hjælp.", err=True)
        return EXIT_USAGE
    except (typer.Abort, KeyboardInterrupt):
        typer.echo(ABORTED, err=True)
        return EXIT_INTERRUPTED
    except click_exceptions.ClickException as exc:
        typer.echo(f"fejl: {exc.format_message()}", err=True)
        return exc.exit_code
    if result == EXIT_INTERRUPTED:
        # Typer turns Ctrl-C inside a command into exit 130 without a word.
        typer.echo(ABORTED, err=True)
    return result if isinstance(result, int) else 0


def main_exit(app: typer.Typer) -> None:
    sys.exit(run(app))
