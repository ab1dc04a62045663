"""The diary's fixed choices and their Danish labels, loaded and checked from YAML."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, field_validator

DATA = Path(__file__).resolve().parent / "data"


class Labels(BaseModel):
    legs: dict[str, str]
    situations: dict[str, str]
    contexts: dict[str, str]

    @field_validator("legs", "situations", "contexts")
    @classmethod
    def _non_empty(cls, value: dict[str, str]) -> dict[str, str]:
        if not value or any(not k.isidentifier() or not v.strip() for k, v in value.items()):
            raise ValueError("every choice needs an identifier id and a Danish label")
        return value


@lru_cache(maxsize=1)
def labels() -> Labels:
    labels = Labels.model_validate(yaml.safe_load((DATA / "labels.yaml").read_text("utf-8")))
    required_legs = {"both", "left", "right"}
    required_situations = {"asleep", "resting", "exercising", "working", "other"}
    if set(labels.legs) != required_legs or set(labels.situations) != required_situations:
        raise ValueError("labels.yaml: legs/situations do not match the diary's fixed choices")
    return labels
