"""The one rule for "clinically reviewed", for articles, the acute guide and the programme.

Only a review record counts: `clinical_review: {reviewer: ..., date: ..., content_hash:
...}`, where `content_hash` is `content_hash()` of the text the reviewer read. When the
text changes, the hash no longer matches and the content is pending again. "pending", a
bare "reviewed", an incomplete record or nothing at all do not count either: the product
never claims a review it cannot name, nor one of an older text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

PENDING = "pending"
PENDING_LABEL = "ikke fagligt gennemgået endnu"
REVIEWED_LABEL = "fagligt gennemgået"
HASH_LENGTH = 16


class ReviewRecord(BaseModel):
    """Who reviewed the content, when, and which text (its hash)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reviewer: str = Field(min_length=1)
    date: dt.date
    content_hash: str = Field(pattern=rf"^[0-9a-f]{{{HASH_LENGTH}}}$")


# The value of a `clinical_review` field in a data file.
ClinicalReview = Literal["pending"] | ReviewRecord


def content_hash(text: str) -> str:
    """The hash a review record names: of the text with its whitespace normalised, so
    re-wrapping a paragraph does not lapse a review but changing a word does."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _record(value: object) -> ReviewRecord | None:
    if isinstance(value, ReviewRecord):
        return value
    if not isinstance(value, dict):
        return None
    try:
        return ReviewRecord.model_validate(value)
    except ValidationError:
        return None


def review_record(value: object, current: str | None) -> ReviewRecord | None:
    """The record in a `clinical_review` value when it covers the text as it is now
    (`current`: its `content_hash`), else None. `current` None (the caller cannot tell
    what the text is) is never reviewed."""
    record = _record(value)
    if record is None or not current or record.content_hash != current:
        return None
    return record


def is_reviewed(value: object, current: str | None) -> bool:
    """True only for a complete record whose hash is the current text's."""
    return review_record(value, current) is not None


def is_lapsed(value: object, current: str | None) -> bool:
    """A complete record of an earlier text: the text has changed since the review."""
    return _record(value) is not None and not is_reviewed(value, current)


def is_valid(value: object) -> bool:
    """What `clinical_review` may hold: "pending" or a complete record (any text)."""
    return value == PENDING or _record(value) is not None


def review_label(value: object, current: str | None,
                 date_format: Callable[[dt.date], str] = dt.date.isoformat) -> str:
    """The Danish status, e.g. "fagligt gennemgået af X (2026-01-31)"."""
    record = review_record(value, current)
    if record is None:
        return PENDING_LABEL
    return f"{REVIEWED_LABEL} af {record.reviewer} ({date_format(record.date)})"
