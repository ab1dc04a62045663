"""Our Danish text is our own: no run of 6 words copied from the seed articles."""

from __future__ import annotations

import re

from krampe.selfcare import acute_guide, exercises
from krampe.selfcare.plan import plan_config

N = 6


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + N]) for i in range(len(words) - N + 1)}


def _our_texts() -> list[str]:
    g = acute_guide()
    texts = [g.intro] + [s.text for s in g.steps] + [n.text for n in g.notes]
    texts += [f.sign + " " + f.action for f in g.red_flags]
    for ex in exercises():
        texts += [*ex.steps, ex.progression, *(c.text for c in ex.cautions)]
        texts += [lv.how for lv in ex.levels]
    cfg = plan_config()
    texts += [r.text for r in (*cfg.rules, *cfg.cautions)]
    texts += [r.text for p in cfg.profiles.values() for r in p.rules]
    return texts


def test_no_sentence_copied_from_the_seeds(seeds_dir):
    seed = set()
    for path in seeds_dir.iterdir():
        seed |= _shingles(path.read_text(encoding="utf-8"))
    copied = [t for t in _our_texts() if _shingles(t) & seed]
    assert not copied, copied


def test_the_check_would_catch_a_copy(seeds_dir):
    text = (seeds_dir / "001_59e8fa4ca127b5a4.txt").read_text(encoding="utf-8")
    sentence = next(s for s in text.split(". ") if len(s.split()) > 12)
    assert _shingles(sentence) & _shingles(text)
