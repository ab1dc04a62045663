"""A clinic's profile: one YAML file that makes krampe the clinic's own.

Name, logo, accent colour, address, phone, booking address, opening hours, the
knowledge bases to answer from and the web sites allowed to embed `/embed`. The path
comes from `--clinic` or KRAMPE_CLINIC; without it krampe is as it ships. Every problem
is one Danish sentence (`ClinicProfileError`; the CLI exits 2 on it).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from krampe.bundled import BUNDLED
from krampe.clinic import contrast
from krampe.errors import KrampeError
from krampe.plural import count

ENV = "KRAMPE_CLINIC"  # config.Settings.clinic; the CLI's --clinic reads it too
MAX_LOGO_BYTES = 512 * 1024
MAX_PROFILE_BYTES = 64 * 1024
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_SVG = re.compile(rb"<svg[\s>]", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9 ]+$")
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = re.compile(rf"^(?:{_LABEL}\.)*{_LABEL}$|^\[[0-9a-f:.]+\]$")

# The profile's fields, as the messages name them (the file's own keys).
_FIELDS = {
    "name": "name (klinikkens navn)",
    "logo": "logo",
    "accent": "accent (accentfarven)",
    "accent_dark": "accent_dark (accentfarven i mørkt tema)",
    "address": "address (adressen)",
    "phone": "phone (telefonnummeret)",
    "booking_url": "booking_url (adressen til online booking)",
    "opening_hours": "opening_hours (åbningstiderne)",
    "knowledge": "knowledge (artiklerne)",
    "embed_origins": "embed_origins (hjemmesider, der må indlejre krampe)",
}


class ClinicProfileError(KrampeError):
    code = "clinic_profile"
    status = 400


class Logo(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: Path
    media_type: Literal["image/svg+xml", "image/png"]
    data: bytes


class ClinicProfile(BaseModel):
    """A validated profile; paths in it are already resolved against the file's folder."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=80)
    accent: str
    accent_dark: str | None = None
    phone: str
    booking_url: str
    address: str | None = Field(default=None, max_length=200)
    opening_hours: list[str] = Field(default_factory=list, max_length=14)
    logo: str | None = None
    knowledge: list[str] = Field(default_factory=lambda: [BUNDLED], min_length=1)
    embed_origins: list[str] = Field(default_factory=list, max_length=20)

    # Set by `load`, not by the file.
    source: Path | None = Field(default=None, exclude=True)
    logo_file: Logo | None = Field(default=None, exclude=True)

    @field_validator("phone", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        # `phone: 86123456` without quotes is a number in YAML.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("accent", "accent_dark", mode="before")
    @classmethod
    def _unquoted_colour(cls, value: object) -> object:
        # `accent: #1f6f5c` without quotes is a comment in YAML: the field is empty.
        if value is None:
            raise ValueError("er tom: skriv farven i anførselstegn, fx \"#1f6f5c\" "
                             "(uden dem læses # som en kommentar)")
        return value

    @field_validator("name", "address", "phone", "booking_url")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = " ".join(value.split())
        if not value:
            raise ValueError("må ikke være tom")
        return value

    @field_validator("accent", "accent_dark")
    @classmethod
    def _colour(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not contrast.is_hex_colour(value):
            raise ValueError(f"«{value}» er ikke en farve: skriv den som #RRGGBB, fx #1f6f5c")
        return contrast.normalise(value)

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        digits = value.replace(" ", "").removeprefix("+")
        if not _PHONE.match(value) or not 8 <= len(digits) <= 15:
            raise ValueError(f"«{value}» er ikke et telefonnummer (fx 86 12 34 56)")
        return value

    @field_validator("booking_url")
    @classmethod
    def _booking(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http") or not parts.netloc:
            raise ValueError(f"«{value}» er ikke en webadresse, der starter med https://")
        return value

    @field_validator("opening_hours")
    @classmethod
    def _hours(cls, value: list[str]) -> list[str]:
        lines = [" ".join(line.split()) for line in value]
        if any(not line or len(line) > 80 for line in lines):
            raise ValueError("skal være linjer med højst 80 tegn, fx «Mandag–torsdag 7.30–18»")
        return lines

    @field_validator("embed_origins")
    @classmethod
    def _origins(cls, value: list[str]) -> list[str]:
        return [_origin(item) for item in value]

    # --- what the pages need ------------------------------------------------------------

    @property
    def dark_accent(self) -> str:
        return self.accent_dark or self.accent

    @property
    def tel(self) -> str:
        return self.phone.replace(" ", "")

    @property
    def booking_label(self) -> str:
        return f"Book tid hos {self.name}"

    def frame_ancestors(self) -> str:
        """The CSP frame-ancestors value of /embed: its own origin and the listed sites."""
        return " ".join(["'self'", *self.embed_origins])


def _origin(raw: str) -> str:
    """A web site's origin, as CSP frame-ancestors takes it: scheme://host[:port]."""
    text = raw.strip().lower().rstrip("/")
    parts = urlsplit(text)
    bad = ValueError(f"«{raw}» er ikke en hjemmeside som https://www.klinik.dk "
                     "(kun protokol, navn og evt. port; ingen sti)")
    try:
        port = parts.port
    except ValueError:
        raise bad from None
    if (parts.scheme not in ("https", "http") or not parts.hostname or parts.path
            or parts.query or parts.fragment or parts.username or parts.password
            or not _HOST.match(parts.netloc.rsplit(":", 1)[0] if port else parts.netloc)):
        raise bad
    return f"{parts.scheme}://{parts.netloc}"


def load(path: str | Path) -> ClinicProfile:
    """Read and check a profile; a ClinicProfileError (Danish) for anything wrong."""
    file = Path(path).expanduser()
    where = str(path)
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise ClinicProfileError(f"Klinikprofilen findes ikke: {where}") from None
    except IsADirectoryError:
        raise ClinicProfileError(f"Klinikprofilen er en mappe, ikke en fil: {where}") from None
    except OSError as exc:
        raise ClinicProfileError(
            f"Klinikprofilen kan ikke læses: {where} ({exc.strerror or exc})") from None
    if len(raw) > MAX_PROFILE_BYTES:
        raise ClinicProfileError(f"Klinikprofilen er for stor (højst 64 KB): {where}")
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ClinicProfileError(f"Klinikprofilen er ikke UTF-8-tekst: {where}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (linje {mark.line + 1})" if mark is not None else ""
        raise ClinicProfileError(
            f"Klinikprofilen er ikke gyldig YAML{line}: {where}") from None
    if not isinstance(data, dict):
        raise ClinicProfileError(
            f"Klinikprofilen skal være felter som «name: Klinikkens navn»: {where}")
    try:
        profile = ClinicProfile.model_validate(data)
    except ValidationError as exc:
        raise ClinicProfileError(_message(exc, where)) from None
    folder = file.resolve().parent
    _check_contrast(profile, where)
    return profile.model_copy(update={
        "source": file.resolve(),
        "knowledge": [_knowledge(spec, folder, where) for spec in profile.knowledge],
        "logo_file": _logo(profile.logo, folder, where) if profile.logo else None,
    })


def _message(exc: ValidationError, where: str) -> str:
    first = exc.errors()[0]
    loc = [str(p) for p in first.get("loc", ())]
    field = _FIELDS.get(loc[0], loc[0]) if loc else "profilen"
    kind = first.get("type", "")
    if kind == "missing":
        why = "mangler"
    elif kind == "extra_forbidden":
        return f"Klinikprofilen {where}: ukendt felt «{loc[0]}» (kendte felter: " \
               f"{', '.join(_FIELDS)})."
    elif kind == "value_error":
        why = str(first.get("msg", "")).removeprefix("Value error, ")
    elif kind.startswith("string"):
        why = "skal være en tekst" if kind == "string_type" else "er for lang eller tom"
    elif kind.startswith("list") or kind == "too_long" or kind == "too_short":
        why = "skal være en liste (linjer, der starter med «- »)" if kind == "list_type" \
            else "har for mange eller for få linjer"
    else:
        why = "er ugyldig"
    return f"Klinikprofilen {where}: {field} {why}."


def _check_contrast(profile: ClinicProfile, where: str) -> None:
    for scheme, colour in (("light", profile.accent), ("dark", profile.dark_accent)):
        found = contrast.problems(colour, scheme)
        if not found:
            continue
        p = found[0]
        field = "accent" if scheme == "light" or profile.accent_dark is None else "accent_dark"
        shown = f"{p.ratio:.1f}".replace(".", ",")
        needed = f"{p.needed:.1f}".replace(".", ",")
        on = ("med teksten på knappen" if p.what == "tekst"
              else f"mod baggrunden {p.against}")
        tema = "lyst" if scheme == "light" else "mørkt"
        hint = ("Vælg en mørkere eller lysere farve" if p.what == "tekst"
                else "Vælg en farve med mere kontrast")
        if scheme == "dark" and profile.accent_dark is None:
            hint += ", eller angiv accent_dark til mørkt tema"
        raise ClinicProfileError(
            f"Klinikprofilen {where}: {field} {colour} har for lidt kontrast i {tema} tema "
            f"{on}: {shown}:1, WCAG AA kræver {needed}:1. {hint}.")


def _knowledge(spec: str, folder: Path, where: str) -> str:
    if spec.strip() == BUNDLED:
        return BUNDLED
    path = (folder / Path(spec).expanduser()).resolve()
    if not path.exists():
        raise ClinicProfileError(f"Klinikprofilen {where}: artikelmappen findes ikke: {path}")
    return str(path)


def _logo(spec: str, folder: Path, where: str) -> Logo:
    if urlsplit(spec).scheme in ("http", "https"):
        raise ClinicProfileError(
            f"Klinikprofilen {where}: logo skal være en fil ved siden af profilen, ikke en "
            "webadresse (krampe henter intet fra andre sider).")
    path = (folder / Path(spec).expanduser()).resolve()
    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise ClinicProfileError(f"Klinikprofilen {where}: logo skal være SVG eller PNG: {path}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ClinicProfileError(f"Klinikprofilen {where}: logoet findes ikke: {path}") from None
    except OSError as exc:
        raise ClinicProfileError(
            f"Klinikprofilen {where}: logoet kan ikke læses: {path} "
            f"({exc.strerror or exc})") from None
    if len(data) > MAX_LOGO_BYTES:
        raise ClinicProfileError(
            f"Klinikprofilen {where}: logoet er større end {MAX_LOGO_BYTES // 1024} KB: {path}")
    if suffix == ".png" and not data.startswith(_PNG_MAGIC):
        raise ClinicProfileError(f"Klinikprofilen {where}: logoet er ikke en PNG-fil: {path}")
    if suffix == ".svg" and not _SVG.search(data[:4096]):
        raise ClinicProfileError(f"Klinikprofilen {where}: logoet er ikke en SVG-fil: {path}")
    if suffix == ".png":
        return Logo(path=path, media_type="image/png", data=data)
    return Logo(path=path, media_type="image/svg+xml", data=data)


def describe(profile: ClinicProfile) -> str:
    """One Danish line about the profile (for `krampe clinic check`)."""
    sites = count(len(profile.embed_origins), "hjemmeside", "hjemmesider")
    bases = count(len(profile.knowledge), "artikelkilde", "artikelkilder")
    return f"{profile.name}: {bases}, må indlejres på {sites}."
