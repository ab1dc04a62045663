"""Validation of free text from people (questions, descriptions): the contract's limits."""

from __future__ import annotations

from krampe.config import get_settings
from krampe.errors import InputError


class CheckedText(str):
    """Text that has passed `validate_text`; passing it on validates nothing twice."""

    __slots__ = ()


def validate_text(
    text: object, *, what: str = "teksten", max_chars: int | None = None
) -> CheckedText:
    """Return the stripped text or raise InputError with a Danish message.

    Rejects, never truncates: over-long input is an error (checked on the raw length
    first, so a 1 MB input costs nothing more than len()). Text already checked (the
    core call validated it, then search and triage receive it) is returned as it is.
    """
    if type(text) is CheckedText and max_chars is None:
        return text
    limit = max_chars or get_settings().max_input_chars
    if not isinstance(text, str):
        raise InputError(f"Feltet med {what} skal være tekst.", code="invalid_type")
    if len(text) > limit * 4 or len(text.strip()) > limit:
        raise InputError(
            f"Teksten i {what} er for lang: højst {limit} tegn.", code="too_long"
        )
    if "\x00" in text or not _encodable(text):
        raise InputError(f"Der er ugyldige tegn i {what}.", code="invalid_text")
    stripped = text.strip()
    if not stripped:
        raise InputError(f"Feltet med {what} er tomt. Skriv mindst et ord.", code="empty")
    return CheckedText(stripped)


def _encodable(text: str) -> bool:
    """False for a lone surrogate (JSON allows "\\ud800"): it cannot be written out as UTF-8."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
