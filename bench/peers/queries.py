"""Speed-bench queries: the dev-set questions plus deterministic everyday paraphrases."""

from __future__ import annotations

import random
from pathlib import Path

from peers.scoring import load_set
from peers.variants import question_prefixes, swap_forms, typo


def paraphrases(question: str, rng: random.Random) -> list[str]:
    """Three variants: casual lower-case, a story prefix with other word forms, a typo."""
    casual = question.rstrip("?").lower()
    story = rng.choice(question_prefixes()) + swap_forms(question, rng, rate=0.6).lower()
    return [casual, story, typo(question, rng)]


def speed_queries(set_path: Path, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for question in load_set(set_path):
        out.append(question.q)
        out.extend(paraphrases(question.q, rng))
    return out
