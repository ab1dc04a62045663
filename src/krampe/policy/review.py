"""The one rule for "clinically reviewed", for articles, the acute guide and the programme.

Only a review record (`clinical_review: {reviewer: ..., date: ...}`) counts; "pending",
a bare "reviewed", a record without a reviewer or date, or nothing at all do not: the
product never claims a review it cannot name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

PENDING = "pending"
PENDING_LABEL = "ikke fagligt gennemgået endnu"
REVIEWED_LABEL = "fagligt gennemgået"


class ReviewRecord(BaseModel):
    """Who reviewed the content, and when."""

    model_config = ConfigDict(frozen=True)

    reviewer: str = Field(min_length=1)
    date: dt.date


# The value of a `clinical_review` field in front matter or a data file.
ClinicalReview = Literal["pending"] | ReviewRecord


def review_record(value: object) -> ReviewRecord | None:
    """The record in a `clinical_review` value, or None when it is not one."""
    if isinstance(value, ReviewRecord):
        return value
    if not isinstance(value, dict):
        return None
    try:
        return ReviewRecord.model_validate(value)
    except ValidationError:
        return None


def is_reviewed(value: object) -> bool:
    """True only for a complete review record."""
    return review_record(value) is not None


def is_valid(value: object) -> bool:
    """What `clinical_review` may hold: "pending" or a complete record."""
    return value == PENDING or is_reviewed(value)


def review_label(value: object, date_format: Callable[[dt.date], str] = dt.date.isoformat) -> str:
    """The Danish status line, e.g. "fagligt gennemgået af X (2026-01-31)"."""
    record = review_record(value)
    if record is None:
        return PENDING_LABEL
    return f"{REVIEWED_LABEL} af {record.reviewer} ({date_format(record.date)})"
