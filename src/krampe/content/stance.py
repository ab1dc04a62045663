"""Advice stance of a sentence on a topic, from the cue lists in data/stance_cues.yaml.

Sentences, clauses and the shared words (negation, conditions, topic names such as
`@massage`) are the Danish language layer's (krampe.lang.da).

A sentence recommends a topic ("Massér området med faste strøg", "hæl-drop anbefales")
or advises against it ("Undgå at røre ved eller massere musklen"). The checker compares
these stances across articles to find sources that disagree. Conditions ("hvis krampen
ikke slipper ved stræk") are not advice and are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field, field_validator

from krampe.lang.da import danish

_DATA = Path(__file__).resolve().parent / "data" / "stance_cues.yaml"

Polarity = Literal["for", "against"]



def _expand(values: list[str]) -> list[str]:
    """Cue lists with each `@name` replaced by the language layer's forms of it."""
    out: list[str] = []
    for value in values:
        if not value.startswith("@"):
            out.append(value)
            continue
        try:
            out += [f for f in danish().forms(value[1:]) if f not in out]
        except KeyError:
            raise ValueError(f"unknown word list {value!r} (krampe.lang.da)") from None
    return out


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


class Topic(BaseModel):
    label: str = Field(min_length=1)
    forms: list[str] = Field(min_length=1)

    _forms = field_validator("forms")(_expand)


class StanceCues(BaseModel):
    topics: dict[str, Topic] = Field(min_length=1)
    negation_cues: list[str] = Field(min_length=1)
    negation_window: int = Field(ge=1, le=20)
    negation_after: int = Field(ge=0, le=5)
    positive_cues: list[str] = Field(min_length=1)
    imperatives: list[str]
    condition_cues: list[str]
    main_clause_starts: list[str]
    conjunctions: list[str]

    @field_validator(
        "negation_cues", "positive_cues", "imperatives", "condition_cues", "main_clause_starts",
        "conjunctions",
    )
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        cleaned = [" ".join(v.lower().split()) for v in _expand(value)]
        if any(not v for v in cleaned):
            raise ValueError("empty cue")
        return cleaned


@lru_cache(maxsize=1)
def cues() -> StanceCues:
    return StanceCues.model_validate(yaml.safe_load(_DATA.read_text(encoding="utf-8")))


def _word_match(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def _find(pattern: tuple[str, ...], words: list[str]) -> list[int]:
    """Start positions where the (multi-word, last word may end in *) pattern occurs."""
    n = len(pattern)
    hits = []
    for i in range(len(words) - n + 1):
        if all(_word_match(p, w) for p, w in zip(pattern, words[i:i + n], strict=True)):
            hits.append(i)
    return hits


def _contains(cue_list: list[str], words: list[str]) -> bool:
    return any(_find(_phrase(cue), words) for cue in cue_list)


def _clauses(sentence: str) -> list[list[str]]:
    return danish().tokenizer.clauses(sentence)


@dataclass(frozen=True, slots=True)
class Stance:
    topic: str
    polarity: Polarity
    sentence: str


def sentences(text: str) -> list[str]:
    return danish().tokenizer.sentences(text)


def _is_condition(clause: list[str], table: StanceCues) -> bool:
    while clause and clause[0] in table.conjunctions:  # "og når ...", "eller hvis ..."
        clause = clause[1:]
    return any(_find(_phrase(c), clause[:2]) == [0] for c in table.condition_cues)


def _advice_clauses(clauses: list[list[str]], table: StanceCues) -> list[list[str]]:
    """Drop condition clauses, including the list items that continue a fronted one."""
    out: list[list[str]] = []
    in_condition = False
    for clause in clauses:
        if _is_condition(clause, table):
            in_condition = True
            continue
        if in_condition and (clause[0] in table.main_clause_starts
                             or clause[0] in table.imperatives):
            in_condition = False
        if not in_condition:
            out.append(clause)
    return out


def sentence_stances(sentence: str) -> list[Stance]:
    """The advice stances one sentence takes (at most one per topic)."""
    table = cues()
    clauses = _clauses(sentence)
    all_words = [w for clause in clauses for w in clause]
    recommends = _contains(table.positive_cues, all_words) or any(
        clause and clause[0] in table.imperatives for clause in clauses
    )
    advice = _advice_clauses(clauses, table)
    found: dict[str, Polarity] = {}
    for name, topic in table.topics.items():
        for clause in advice:
            spans = [(i, i + len(_phrase(form))) for form in topic.forms
                     for i in _find(_phrase(form), clause)]
            if not spans:
                continue
            first, end = min(spans)
            before = clause[max(0, first - table.negation_window):first]
            after = clause[end:end + table.negation_after]  # "frarådes", "bør ikke bruges"
            if _contains(table.negation_cues, before) or _contains(table.negation_cues, after):
                found[name] = "against"  # a negated mention wins over a plain one
            elif recommends and name not in found:
                found[name] = "for"
    return [Stance(topic, polarity, sentence) for topic, polarity in found.items()]


def text_stances(text: str) -> list[Stance]:
    return [stance for s in sentences(text) for stance in sentence_stances(s)]


def topic_label(topic: str) -> str:
    return cues().topics[topic].label
