"""The `krampe` command line: a Typer app assembled from one module per command group.

Each module in this package owns its commands and exposes `register(app)`; no logic
lives here beyond wiring and turning KrampeError into a one-line Danish error (exit 2).
Typer's and Click's own texts (help, usage errors, Ctrl-C) are Danish: see danish.py.
"""

from __future__ import annotations

import sys

import typer

from krampe.cli import (
    ask,
    clinic,
    content,
    coverage,
    danish,
    diary,
    eval_qa,
    eval_triage,
    selfcare,
    serve,
    triage,
)
from krampe.errors import KrampeError

app = typer.Typer(
    name="krampe",
    help="krampe: hjælp til krampe i læggen (spørgsmål, triage, egenomsorg, dagbog).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Evaluér kvaliteten på et testsæt.", no_args_is_help=True)
content_app = typer.Typer(help="Værktøjer til indholdspakken.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(content_app, name="content")


def _register_all() -> None:
    for module in (ask, clinic, triage, eval_qa, eval_triage, content, coverage, selfcare,
                   serve, diary):
        module.register(app=app, eval_app=eval_app, content_app=content_app)


def main() -> None:
    try:
        _register_all()
        danish.install()
        danish.use_danish_classes(app)
        code = danish.run(app)
    except KrampeError as exc:
        print(f"fejl: {exc.message}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt:  # Ctrl-C before the app runs (while it loads)
        print(danish.ABORTED, file=sys.stderr)
        code = danish.EXIT_INTERRUPTED
    sys.exit(code)
