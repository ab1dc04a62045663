"""Terminal output shared by the commands: wrapping, JSON reports, the one-line error exit."""

from __future__ import annotations

import json
import re
import textwrap
from typing import NoReturn

import typer

WIDTH = 88
# Digits separated by single spaces are a phone number ("12 34 56 78"): never split them.
_NUMBER_SPACE = re.compile(r"(?<=\d) (?=\d)")


def wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    """Wrap for the terminal without breaking phone numbers across lines."""
    glued = _NUMBER_SPACE.sub("\u00a0", text)
    lines = textwrap.wrap(glued, width, initial_indent=indent, subsequent_indent=indent)
    return [line.replace("\u00a0", " ") for line in lines] or [""]


def fail(message: str) -> NoReturn:
    """Print a one-line Danish error on stderr and exit 2 (the contract for bad input)."""
    typer.echo(f"fejl: {message}", err=True)
    raise typer.Exit(code=2)


def print_json(data: object) -> None:
    """A report as indented JSON, Danish letters as they are."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
