"""Reader data (months, metadata cues, skip lines) loaded from data/readers.yaml."""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, field_validator

_DATA = Path(__file__).resolve().parent.parent / "data" / "readers.yaml"


class ReaderCues(BaseModel):
    model_config = {"ignored_types": (cached_property,)}

    months: dict[str, int]
    author_cues: list[str]
    publisher_cues: list[str] = []
    byline_author_cues: list[str]
    updated_cues: list[str]
    published_cues: list[str]
    skip_line_prefixes: list[str]
    boilerplate_phrases: list[str]
    meta_keys: dict[str, list[str]]
    faq_heading_cues: list[str]
    related_headings: list[str]
    lead_markers: list[str]
    byline_markers: list[str]
    html_noise_markers: list[str]
    disclosure_markers: list[str] = []
    letter_question_cues: list[str] = []
    letter_answer_cues: list[str] = []
    colon_question_words: list[str] = []
    colon_question_pronouns: list[str] = []
    colon_question_not_verbs: list[str] = []
    byline_extra_pieces: list[str] = []
    signature_cues: list[str] = []
    signature_max_words: int = 12

    @field_validator("months")
    @classmethod
    def _months_valid(cls, value: dict[str, int]) -> dict[str, int]:
        bad = [name for name, number in value.items() if not 1 <= number <= 12]
        if bad:
            raise ValueError(f"invalid month numbers for {bad}")
        return {name.lower(): number for name, number in value.items()}

    # Compiled once: readers test every line of every article against these.
    @cached_property
    def skip_line_re(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(p) for p in self.skip_line_prefixes)
        return re.compile(rf"\s*(?:{alternatives})", re.IGNORECASE)

    @cached_property
    def boilerplate_re(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(p) for p in self.boilerplate_phrases)
        return re.compile(alternatives, re.IGNORECASE)

    @cached_property
    def signature_re(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(c) for c in self.signature_cues) or "(?!)"
        return re.compile(rf"\s*(?:{alternatives})\b", re.IGNORECASE)

    @cached_property
    def byline_extra_re(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.byline_extra_pieces) or "(?!)",
                          re.IGNORECASE)

    @cached_property
    def related_heading_re(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(p) for p in self.related_headings)
        return re.compile(rf"\s*(?:{alternatives})\b", re.IGNORECASE)

    @cached_property
    def metadata_line_re(self) -> re.Pattern[str]:
        """(cue, value) of "Skrevet af X" / "Sidste ændring: 25 august, 2022" lines."""
        cue_list = sorted({*self.author_cues, *self.publisher_cues, *self.updated_cues,
                           *self.published_cues},
                          key=len, reverse=True)
        alternatives = "|".join(re.escape(c) for c in cue_list)
        return re.compile(rf"\s*({alternatives})\s*(.*)$", re.IGNORECASE)

    def meta_key(self, raw_key: str) -> str | None:
        """The contract key for a source key such as `lastUpdated` or `og:url`."""
        key = raw_key.strip().lower()
        for contract_key, aliases in self.meta_keys.items():
            if key in aliases:
                return contract_key
        return None


@lru_cache(maxsize=1)
def cues() -> ReaderCues:
    return ReaderCues.model_validate(yaml.safe_load(_DATA.read_text(encoding="utf-8")))
