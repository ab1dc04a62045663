"""The diary's bridge to triage: findings from patterns, and red flags in notes."""

from __future__ import annotations

import logging

from krampe.diary.thresholds import DiaryFinding

log = logging.getLogger("krampe.diary")

# What triage reads when the diary, not the person's words, raises the findings.
DIARY_TEXT = "krampe i læggen"


def _triage():
    from krampe.triage import triage

    return triage


def triage_findings(findings: list[DiaryFinding]) -> dict | None:
    """The triage result (contract dict) for the diary's findings, or None without any."""
    if not findings:
        return None
    try:
        result = _triage()(DIARY_TEXT, answers={f.id: True for f in findings})
    except Exception:  # the diary page must not fail because triage did
        log.exception("triage of diary findings failed")
        return None
    return result.model_dump() if hasattr(result, "model_dump") else dict(result)


def triage_note(note: str | None) -> dict | None:
    """Triage a free note; the result only when it reports something present."""
    if not note:
        return None
    try:
        result = _triage()(note)
    except Exception:
        log.exception("triage of a diary note failed")
        return None
    data = result.model_dump() if hasattr(result, "model_dump") else dict(result)
    present = [f for f in data.get("findings") or [] if f.get("status") == "present"]
    if not present or data.get("level") in (None, "self_care"):
        return None
    return data
