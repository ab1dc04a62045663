"""Triage: how urgently to act on a Danish description of calf symptoms.

`triage(text, region=None, answers=None) -> TriageResult`; `model_dump()` is the
contract JSON of `krampe triage --json`. Rules are data in `rules/*.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from krampe.triage.engine import Engine
from krampe.triage.result import TriageResult

__all__ = ["TriageResult", "banner", "triage"]


def triage(
    text: object,
    region: str | None = None,
    answers: Mapping[str, bool | None] | None = None,
    known_findings: Iterable[str] = (),
) -> TriageResult:
    """Triage one description. Raises `krampe.errors.InputError` for bad input.

    `answers`: screening question ids -> True (ja), False (nej) or None (ved ikke).
    `known_findings`: finding ids the caller already knows (the diary), counted as present.
    """
    return Engine.get().triage(
        text, region=region, answers=answers, known_findings=known_findings
    )


def banner(text: object) -> TriageResult | None:
    """The triage of a question when it reports something triage acts on (see
    `krampe.core.reports_symptoms`), else None: `krampe ask`'s banner, without building
    a full result for every question about cramps in general."""
    return Engine.get().banner(text)
