"""Source ids → readable labels, from the policy's one sources registry."""

from __future__ import annotations

from krampe.policy import get_policy


def source_label(source_id: str) -> str:
    """A readable label like "NHS: Leg cramps"; the bare id if unknown."""
    entry = get_policy().sources().get(source_id)
    return entry.label if entry else source_id
