"""Triage: how urgently to act on a Danish description of calf symptoms.

`triage(text, region=None, answers=None) -> TriageResult`; `model_dump()` is the
contract JSON of `krampe triage --json`. Rules are data in `rules/*.yaml`.
"""

from __future__ import annotations

from collections.abc import Mapping

from krampe.triage.result import TriageResult

__all__ = ["TriageResult", "triage"]


def triage(
    text: str, region: str | None = None, answers: Mapping[str, bool] | None = None
) -> TriageResult:
    """Triage one description. Raises `krampe.errors.InputError` for bad input.

    `answers` keys are follow-up question ids or finding ids (e.g. from the diary);
    True makes the finding present, False only stops the question being asked.
    """
    from krampe.triage.engine import Engine

    return Engine.get().triage(text, region=region, answers=answers)
