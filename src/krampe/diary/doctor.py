"""The diary's bridge to triage: findings from patterns, and red flags in notes."""

from __future__ import annotations

import logging

from krampe.diary.thresholds import DiaryFinding
from krampe.errors import InputError
from krampe.triage import triage

log = logging.getLogger("krampe.diary")

# What triage reads when the diary, not the person's words, raises the findings.
DIARY_TEXT = "krampe i læggen"


def triage_findings(findings: list[DiaryFinding]) -> dict | None:
    """The triage result (contract dict) for the diary's findings, or None without any.

    The diary knows findings from the entries' pattern; they are passed as known findings,
    never as answers to screening questions, so the red-flag screen stays open for them."""
    if not findings:
        return None
    return triage(DIARY_TEXT, known_findings=[f.id for f in findings]).model_dump()


def triage_note(note: str | None) -> dict | None:
    """Triage a free note; the result only when it reports something present."""
    if not note:
        return None
    try:
        result = triage(note)
    except InputError as exc:  # a note triage cannot read (e.g. too long) is no red flag
        log.warning("diary note not triaged: %s", exc.code)
        return None
    data = result.model_dump()
    present = [f for f in data.get("findings") or [] if f.get("status") == "present"]
    if not present or data.get("level") in (None, "self_care"):
        return None
    return data
