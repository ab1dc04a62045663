"""`krampe db ...`: the diary's database (schema upgrades, status)."""

from __future__ import annotations

from collections.abc import Callable

import typer

from krampe.errors import KrampeError

db_app = typer.Typer(help="Dagbogens database (SQLite i KRAMPE_HOME eller DATABASE_URL).",
                     no_args_is_help=True)


def _run(action: Callable[[], str]) -> None:
    """One Danish line on success; a one-line Danish error (exit 2) instead of a traceback."""
    # Deferred: SQLAlchemy costs more than half a second that the other commands should not pay.
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    try:
        typer.echo(action())
    except (SQLAlchemyError, ArgumentError, OSError) as exc:
        detail = getattr(exc, "orig", None) or exc
        first = (str(detail).splitlines() or [type(exc).__name__])[0]
        raise KrampeError(f"Databasen kunne ikke bruges: {first}") from None


@db_app.command("upgrade")
def upgrade() -> None:
    """Opgradér databasens skema til nyeste version (sker også når `krampe serve` starter)."""

    def action() -> str:
        # Deferred: SQLAlchemy, as in _run().
        from krampe.db import Database
        from krampe.db.migrate import current_revision

        db = Database.from_url(migrate=True)
        return (f"Databasen er opdateret (version {current_revision(db.engine)}): "
                f"{db.engine.url.render_as_string(hide_password=True)}")

    _run(action)


@db_app.command("status")
def status() -> None:
    """Vis hvilken database der bruges og dens skemaversion."""

    def action() -> str:
        # Deferred: SQLAlchemy, as in _run().
        from krampe.db import Database
        from krampe.db.migrate import current_revision

        db = Database.from_url(migrate=False)
        rev = current_revision(db.engine)
        state = f"version {rev}" if rev else "ikke oprettet endnu (kør krampe db upgrade)"
        return f"{db.engine.url.render_as_string(hide_password=True)}: {state}"

    _run(action)


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""
    app.add_typer(db_app, name="db")
