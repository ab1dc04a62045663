"""Word-form variation (data in data/variants.yaml) shared by the corpus and query generators."""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).resolve().parent / "data" / "variants.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    groups = data.get("groups")
    prefixes = data.get("question_prefixes")
    if not (isinstance(groups, list) and all(isinstance(g, list) and len(g) > 1 for g in groups)):
        raise ValueError(f"{_DATA}: `groups` must be a list of lists of at least two forms")
    if not (isinstance(prefixes, list) and prefixes):
        raise ValueError(f"{_DATA}: `question_prefixes` must be a non-empty list")
    return data


@lru_cache(maxsize=1)
def _alternatives() -> tuple[dict[str, list[str]], re.Pattern[str]]:
    alts: dict[str, list[str]] = {}
    for group in _data()["groups"]:
        forms = [str(f) for f in group]
        for form in forms:
            alts.setdefault(form.lower(), []).extend(f for f in forms if f != form)
    # Longest first, so "natlige kramper" wins over "kramper".
    words = sorted(alts, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.I)
    return alts, pattern


def question_prefixes() -> list[str]:
    return [str(p) for p in _data()["question_prefixes"]]


def swap_forms(text: str, rng: random.Random, rate: float) -> str:
    """Replace known word forms by another form of their group with probability `rate`."""
    alts, pattern = _alternatives()

    def repl(match: re.Match[str]) -> str:
        word = match.group(0)
        if rng.random() >= rate:
            return word
        new = rng.choice(alts[word.lower()])
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    return pattern.sub(repl, text)


def typo(text: str, rng: random.Random) -> str:
    """Swap two inner letters of one of the longer words: the typos people make."""
    words = [m for m in re.finditer(r"\w{6,}", text)]
    if not words:
        return text
    m = rng.choice(words)
    w = m.group(0)
    i = rng.randrange(1, len(w) - 2)
    w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    return text[: m.start()] + w + text[m.end() :]
