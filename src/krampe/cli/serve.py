"""`krampe serve`: the web app and REST API under uvicorn."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import signal
from pathlib import Path
from typing import Any

import typer
from pydantic import ValidationError

from krampe.cli.clinic import clinic_option, load_profile
from krampe.clinic import ENV as CLINIC_ENV
from krampe.config import deployment_problem, get_settings
from krampe.errors import KrampeError
from krampe.knowledge.kb import KnowledgeBase

# Access lines come from krampe.web.middleware (method, path without query, status, time);
# uvicorn's own access log would print query strings, so it is off.
GRACEFUL_SECONDS = 30

LOG_CONFIG: dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        },
    },
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"level": "INFO"},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        "krampe": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}


def serve(
    kb: list[str] = typer.Option(
        None,
        "--kb",
        help="Artikler at svare ud fra (fil eller mappe; 'bundled' = den indbyggede pakke). "
        "Kan gentages.",
    ),
    host: str = typer.Option("127.0.0.1", help="Adresse at lytte på."),
    port: int = typer.Option(
        8000, min=0, max=65535, help="Port (0: en ledig port, som uvicorn skriver i loggen)."
    ),
    workers: int = typer.Option(1, min=1, max=64, help="Antal arbejdsprocesser."),
    access_log: bool = typer.Option(
        True, help="Log metode, sti og status (aldrig tekst eller parametre)."
    ),
    clinic: Path | None = clinic_option(),
) -> None:
    """Start webappen og API'et (http://HOST:PORT)."""
    # Deferred: uvicorn and the web stack cost about a second every other command would pay.
    import uvicorn

    from krampe.web.app import KB_ENV

    # A clinic's profile is checked here (a clear Danish line, exit 2), and its articles
    # are the default knowledge base; workers read its path from the environment.
    profile = load_profile(clinic)
    if profile is not None and profile.source is not None:
        os.environ[CLINIC_ENV] = str(profile.source)
    specs = list(kb) if kb else (profile.knowledge if profile else ["bundled"])
    # Fail fast with one Danish line (exit 2) before any worker starts: a worker's failed
    # lifespan would print a traceback and exit 3.
    _check_settings(workers)
    loaded = _preflight(specs)
    # Workers are separate processes: they read the knowledge base specs from the environment.
    os.environ[KB_ENV] = json.dumps(specs)
    if workers > 1:
        _fork_workers(specs, loaded)
    config = json.loads(json.dumps(LOG_CONFIG))
    if not access_log:
        config["loggers"]["krampe.access"] = {"level": "WARNING"}
    # Port 0 lets the system pick a free port (tests); uvicorn's start-up line names it.
    where = f"http://{host}:{port}" if port else f"{host} på en ledig port"
    typer.echo(f"krampe kører på {where} (Ctrl+C stopper)", err=True)
    uvicorn.run(
        "krampe.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
        log_config=config,
        # X-Forwarded-For is honoured by the app itself, and only from
        # KRAMPE_TRUSTED_PROXIES (krampe.web.app).
        proxy_headers=False,
        server_header=False,
        # SIGTERM: stop accepting, let running requests finish (at most this long), exit.
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
    )


def _check_settings(workers: int) -> None:
    """Settings that would only half work are refused before anything starts."""
    get_settings.cache_clear()
    try:
        settings = get_settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "KRAMPE_" + "_".join(str(p) for p in first.get("loc", ())[:1]).upper()
        message = str(first.get("msg", "")).removeprefix("Value error, ")
        raise KrampeError(f"Ugyldig indstilling {name}: {message}") from None
    problem = deployment_problem(settings, workers)
    if problem:
        raise KrampeError(problem)


def _fork_workers(specs: list[str], kb: KnowledgeBase) -> None:
    """Load the engines here once and fork the workers from this process.

    uvicorn spawns fresh interpreters by default: each worker imported the web stack and
    loaded the index again (seconds at 10,000 articles, ~280 MB each). Forked after the
    load, a worker starts at once and shares this process's pages copy-on-write.
    """
    import uvicorn._subprocess

    import krampe.web.app  # noqa: F401 - imported once here, inherited by every worker
    from krampe.web.services import preload

    preload(specs, kb)
    # Objects that exist now never change: keep the collector from writing to their
    # pages (which would copy them into every worker).
    gc.collect()
    gc.freeze()
    # The supervisor's signal handlers would stay in a forked worker: a SIGTERM before
    # uvicorn's server installs its own would be queued for the supervisor and lost. A
    # forked worker starts with the defaults, as a spawned one does.
    defaults: dict[int, Any] = {getattr(signal, name): signal.SIG_DFL
                for name in ("SIGTERM", "SIGHUP", "SIGQUIT", "SIGTTIN", "SIGTTOU")
                if hasattr(signal, name)}
    defaults[signal.SIGINT] = signal.default_int_handler
    os.register_at_fork(after_in_child=lambda: [signal.signal(number, handler)
                                                for number, handler in defaults.items()])
    # uvicorn starts its workers through this context (its one hook for it).
    uvicorn._subprocess.spawn = multiprocessing.get_context("fork")  # type: ignore[assignment]


def _preflight(specs: list[str]) -> KnowledgeBase:
    """Load the knowledge base, and open and migrate the database, as the workers will."""
    # Deferred: SQLAlchemy and the web stack, as in serve().
    from sqlalchemy.exc import SQLAlchemyError

    from krampe.db import Database

    try:
        # Builds the index cache when it is missing, so that workers only read it.
        kb = KnowledgeBase.load(specs)
    except FileNotFoundError as exc:
        raise KrampeError(f"Vidensbasen findes ikke: {exc.filename}") from None
    except OSError as exc:
        raise KrampeError(f"Vidensbasen kan ikke læses: {exc.strerror or exc}") from None
    settings = get_settings()
    where = "databasen" if settings.database_url else f"datamappen {settings.home}"
    hint = ("Tjek DATABASE_URL, og at databasen kører." if settings.database_url
            else "Tjek plads og rettigheder (KRAMPE_HOME).")
    try:
        db = Database.from_url()
    except OSError as exc:
        raise KrampeError(f"Kan ikke skrive i {where}: {exc.strerror or exc}. {hint}") from None
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
        raise KrampeError(f"Kan ikke åbne {where}: {reason}. {hint}") from None
    # The workers open the same database: already at head, they skip the upgrade.
    db.remember_at_head()
    db.dispose()
    return kb


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""
    app.command("serve")(serve)
