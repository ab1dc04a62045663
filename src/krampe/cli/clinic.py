"""`krampe clinic`: a clinic's profile (init, check) and the snippet for its web site.

`--clinic PATH` (or KRAMPE_CLINIC) is the same option on `triage`, `ask` and `serve`;
`clinic_option()` and `load_profile()` are shared with them.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import typer

from krampe.cli.text import fail
from krampe.clinic import ENV, ClinicProfile, ClinicProfileError
from krampe.clinic import load as load_clinic
from krampe.clinic.profile import describe
from krampe.clinic.snippet import embed_snippet, profile_text

DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def clinic_option() -> Path | None:
    """The shared `--clinic` option (Typer reads KRAMPE_CLINIC when it is not given)."""
    return typer.Option(None, "--clinic", envvar=ENV, dir_okay=False,
                        help="Klinikprofil (YAML): navn, booking, artikler (docs/clinic.md).")


def load_profile(path: Path | None) -> ClinicProfile | None:
    """The profile, or None without one; a bad profile ends the command (exit 2)."""
    if path is None or str(path) == "":
        return None
    try:
        return load_clinic(path)
    except ClinicProfileError as exc:
        fail(exc.message)


def booking_lines(booking: dict | None) -> list[str]:
    """The booking on a terminal care card, after whom to call."""
    if not booking:
        return []
    lines = [f"  {booking['label']}: {booking['url']}",
             f"  Eller ring til {booking['clinic']}: {booking['phone']}"]
    if booking["opening_hours"]:
        lines.append(f"    Åbent: {'; '.join(booking['opening_hours'])}")
    return lines


def init(
    path: Path = typer.Argument(Path("klinik.yaml"), dir_okay=False,
                                help="Hvor profilen skrives (standard: klinik.yaml)."),
    name: str = typer.Option(..., "--name", help="Klinikkens navn."),
    phone: str = typer.Option(..., "--phone", help="Telefonnummer, fx \"86 12 34 56\"."),
    booking_url: str = typer.Option(..., "--booking-url", help="Adressen til online booking."),
    accent: str = typer.Option(..., "--accent", help="Accentfarve, #RRGGBB."),
    accent_dark: str | None = typer.Option(None, "--accent-dark",
                                           help="Accentfarve i mørkt tema (valgfri)."),
    address: str | None = typer.Option(None, "--address", help="Adresse."),
    hours: list[str] | None = typer.Option(
        None, "--hours", help="Åbningstid, én linje (kan gentages), fx \"Fredag 7.30–15\"."),
    logo: str | None = typer.Option(None, "--logo",
                                    help="Logo (SVG eller PNG), i forhold til profilen."),
    kb: list[str] | None = typer.Option(
        None, "--kb", help="Artikler: 'bundled' og/eller en mappe (kan gentages)."),
    origin: list[str] | None = typer.Option(
        None, "--origin", help="Hjemmeside, der må indlejre krampe (kan gentages)."),
    base_url: str = typer.Option(DEFAULT_BASE_URL, "--base-url",
                                 help="Hvor krampe kører (til koden, der skal kopieres)."),
    force: bool = typer.Option(False, "--force", help="Overskriv en eksisterende profil."),
) -> None:
    """Skriv en klinikprofil og vis koden til klinikkens hjemmeside."""
    if path.exists() and not force:
        fail(f"{path} findes allerede (brug --force for at overskrive).")
    fields = {
        "name": name, "logo": logo, "accent": accent, "accent_dark": accent_dark,
        "address": address, "phone": phone, "booking_url": booking_url,
        "opening_hours": list(hours or []), "knowledge": list(kb or ["bundled"]),
        "embed_origins": list(origin or []),
    }
    text = profile_text(fields, str(path))
    folder = path.resolve().parent
    if not folder.is_dir():
        fail(f"Mappen findes ikke: {folder}")
    # Checked before it replaces anything: a profile that would not load is never written.
    fd, tmp = tempfile.mkstemp(prefix=".klinik-", suffix=".yaml", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        profile = load_profile(Path(tmp))
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    if profile is None:  # never: the path was given
        fail("Klinikprofilen kunne ikke læses.")
    typer.echo(f"Klinikprofilen er skrevet: {path}", err=True)
    typer.echo(f"Start krampe med den: krampe serve --clinic {path}", err=True)
    typer.echo("Kopiér denne kode ind på klinikkens hjemmeside:", err=True)
    typer.echo(embed_snippet(profile, base_url))


def check(
    path: Path = typer.Argument(..., dir_okay=False, help="Klinikprofilen."),
) -> None:
    """Tjek en klinikprofil (exit 2 med en forklaring, hvis noget er galt)."""
    profile = load_profile(path)
    if profile is None:
        fail("Angiv klinikprofilen.")
    typer.echo(describe(profile))


def snippet(
    clinic: Path | None = clinic_option(),
    base_url: str = typer.Option(DEFAULT_BASE_URL, "--base-url",
                                 help="Hvor krampe kører, fx https://krampe.klinik.dk."),
) -> None:
    """Vis koden, klinikken kopierer ind på sin hjemmeside."""
    profile = load_profile(clinic)
    if profile is None:
        fail(f"Angiv klinikprofilen med --clinic eller {ENV}.")
    typer.echo(embed_snippet(profile, base_url))


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""
    clinic_app = typer.Typer(help="Klinikudgaven: profil og kode til hjemmesiden.",
                             no_args_is_help=True)
    clinic_app.command("init")(init)
    clinic_app.command("check")(check)
    clinic_app.command("snippet")(snippet)
    app.add_typer(clinic_app, name="clinic")
