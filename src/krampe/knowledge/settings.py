"""Search and gate settings from data/search.yaml (validated on load)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

_DATA = Path(__file__).resolve().parent / "data" / "search.yaml"


class Bm25(BaseModel):
    k1: float = Field(gt=0)
    b: float = Field(ge=0, le=1)


class Fields(BaseModel):
    body: float = Field(gt=0)
    heading: float = Field(ge=0)
    title: float = Field(ge=0)


class IndexWeights(BaseModel):
    part: float = Field(ge=0, le=1)
    concept: float = Field(ge=0, le=1)


class QuestionAsks(BaseModel):
    """Cue words of what a question or heading asks (krampe.knowledge.asks)."""

    cause: set[str]
    action: set[str]


class QueryWeights(BaseModel):
    content: float = Field(gt=0)
    weak: float = Field(ge=0)
    question: float = Field(ge=0)
    concept: float = Field(ge=0, le=1)
    part: float = Field(ge=0, le=1)
    head_share: float = Field(ge=0, lt=1)
    candidates: int = Field(ge=1)
    coverage_mix: float = Field(ge=0, le=1)
    heading_boost: float = Field(ge=0)
    first_in_section_boost: float = Field(ge=0)
    story: float = Field(default=1.0, ge=0, le=1)
    lead: float = Field(default=1.0, ge=0, le=1)
    lead_margin: float = Field(default=0.0, ge=0, le=1)
    definition_boost: float = Field(default=0.0, ge=0)
    no_body: float = Field(default=1.0, ge=0, le=1)
    asks: QuestionAsks | None = None


class Answers(BaseModel):
    min_ratio: float = Field(ge=0, le=1)
    max_per_section: int = Field(ge=1)


class Remedy(BaseModel):
    """Where a question names the treatment it asks about ("hjælper X mod ...")."""

    verbs: set[str]
    before: set[str]
    skip: set[str]
    # A compound remedy whose head is generic ("akupunkturbehandling"): the modifier counts.
    generic_heads: set[str] = set()
    # Before a verb of helping, after one of these: the subject names the treatment.
    modals: set[str] = set()
    # Words in those places that ask for advice, not about a treatment ("tips mod ...").
    advice: set[str] = set()


class CommonUnknown(BaseModel):
    """An unknown word common in everyday Danish weighs less than a rare one."""

    zipf_from: float = Field(ge=0, le=8)
    zipf_to: float = Field(ge=0, le=8)
    floor: float = Field(ge=0, le=1)


class Gate(BaseModel):
    min_coverage: float = Field(ge=0, le=1)
    min_coverage_on_topic: float = Field(ge=0, le=1)
    article_credit: float = Field(ge=0, le=1)
    parts_credit: float = Field(ge=0, le=1)
    head_credit: float = Field(ge=0, le=1)
    unknown_weight: float = Field(gt=0)
    common_unknown: CommonUnknown
    other_domain: list[str]
    topic_share: float = Field(gt=0, le=1)
    article_subject_min: int = Field(default=3, ge=1)
    article_subject_share: float = Field(default=0.5, ge=0, le=1)
    topic_floor: float = Field(ge=0)
    unknown_weight_on_topic: float = Field(ge=0, le=1)
    story: float = Field(default=1.0, ge=0, le=1)
    name: float = Field(default=1.0, ge=0, le=1)
    remedy: Remedy
    position_words: list[str] = []
    ranking_only: list[str] = []
    ranking_only_expand: list[str] = []


class Acute(BaseModel):
    """An acute question (krampe.knowledge.acute) also ranks by these lexicon concepts."""

    expand: list[str]
    weight: float = Field(ge=0)


class Derivation(BaseModel):
    """Derivational endings that join a search stem to its relatives (krampe.knowledge.search)."""

    suffixes: list[str]
    min_base: int = Field(ge=2)
    # Inflectional endings the stemmer keeps: only taken off a question word, never added.
    removed_only: list[str] = []


class Semantic(BaseModel):
    """The semantic stage (krampe.knowledge.semantic)."""

    weight: float = Field(ge=0)
    # Runs only when the second answer scores at least this share of the first.
    margin: float = Field(ge=0, le=1)
    # Query vectors kept in memory, by normalised question text.
    query_cache: int = Field(ge=0)
    max_passages: int = Field(ge=0)
    threads: int = Field(ge=1)


class SearchSettings(BaseModel):
    # Words of the layer's lexicon store whose synonym groups the policy's four-digit
    # out-of-hours codes join (krampe.knowledge.danish.synonym_groups).
    out_of_hours_groups: list[str] = []
    bm25: Bm25
    fields: Fields
    index_weights: IndexWeights
    query: QueryWeights
    answers: Answers
    gate: Gate
    acute: Acute
    derivation: Derivation
    semantic: Semantic


@lru_cache(maxsize=1)
def search_settings() -> SearchSettings:
    return SearchSettings.model_validate(yaml.safe_load(_DATA.read_text(encoding="utf-8")))
