"""CLI commands (filled in by the owning feature)."""

from __future__ import annotations

import typer


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""
