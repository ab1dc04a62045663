"""Triage speed: descriptions per second and p50/p99 per description, in-process.

    python bench/triage_speed.py [FILE.jsonl ...] [--rounds 20]

Inputs: the shared dev set and two of our regression sets in eval/ (or the given JSON Lines
files with `text` and `level`). Start-up (rule loading, compiling, content pack) is
excluded: every system sees each description once before timing. Systems, side by side in one run:

- krampe           the full `krampe.triage.triage()` call (findings, questions, advice)
- krampe-nocache   the same, with every per-word cache (typo corrector, pattern
                   candidates) cleared before each description: every word is new
- keyword-baseline a naive keyword matcher (red-flag words -> level, no context), the
                   obvious thing to compare with; its accuracy shows what context buys
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from krampe.policy import get_policy

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [
    REPO.parent / "shared" / "eval" / "triage_dev.jsonl",
    REPO / "eval" / "triage_regression_extra.jsonl",
    REPO / "eval" / "triage_regression_round1.jsonl",
]
_POLICY = get_policy()
RANK = {None: -1, **{level: _POLICY.rank(level) for level in _POLICY.LEVELS}}

# The baseline: a keyword list per level, most urgent first, first match wins; no negation.
KEYWORDS = {
    "emergency": ["åndenød", "svært ved at trække vejret", "ondt i brystet", "hoster blod",
                  "krampeanfald", "feberkramper", "hele kroppen", "koldt", "bleg",
                  "skridtet", "holde på vandet"],
    "urgent": ["hævet", "hævelse", "rød", "varm", "pop", "smæld", "kan ikke gå",
               "blåt mærke", "slipper ikke", "følelsesløs", "svaghed", "blodprop"],
    "routine": ["hver nat", "dagligt", "statin", "vanddrivende", "medicin", "iskias",
                "nyre", "når jeg går", "flere gange om ugen", "måneder"],
}


def keyword_baseline(text: str) -> str:
    low = text.lower()
    for level in KEYWORDS:
        if any(k in low for k in KEYWORDS[level]):
            return level
    return "self_care"


def load(paths: list[Path]) -> list[dict]:
    cases = []
    for p in paths:
        if not p.is_file():
            print(f"(springer over {p}: findes ikke)", file=sys.stderr)
            continue
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    return cases


def time_system(fn, texts: list[str], rounds: int, before=None) -> list[float]:
    for t in texts:  # warm-up: start-up and first-touch costs are not per-description costs
        fn(t)
    out = []
    for _ in range(rounds):
        for t in texts:
            if before:
                before()
            start = time.perf_counter()
            fn(t)
            out.append((time.perf_counter() - start) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args(argv)
    cases = load(args.files or DEFAULT_SETS)
    if not cases:
        print("Ingen beskrivelser at måle på.", file=sys.stderr)
        return 2

    from krampe.triage import triage
    from krampe.triage.engine import Engine

    def krampe(text: str) -> str | None:
        return triage(text).level

    texts = [c["text"] for c in cases]
    systems = [
        ("krampe", krampe, None),
        ("krampe-nocache", krampe, Engine.get().clear_caches),
        ("keyword-baseline", keyword_baseline, None),
    ]
    rows = []
    for name, fn, before in systems:
        lat = time_system(fn, texts, args.rounds, before)
        got = [fn(t) for t in texts]
        exact = sum(g == c["level"] for g, c in zip(got, cases, strict=True)) / len(cases)
        under = sum(
            RANK[c["level"]] >= RANK["urgent"] and RANK[g] < RANK[c["level"]]
            for g, c in zip(got, cases, strict=True)
        )
        over = sum(
            c["level"] == "self_care" and RANK[g] > RANK["self_care"]
            for g, c in zip(got, cases, strict=True)
        )
        total_s = sum(lat) / 1000
        rows.append([name, f"{len(lat) / total_s:,.0f}", f"{pct(lat, 0.5):.3f}",
                     f"{pct(lat, 0.99):.3f}", f"{statistics.mean(lat):.3f}", f"{exact:.3f}",
                     str(under), str(over)])

    headers = ["system", "descr/s", "p50 ms", "p99 ms", "mean ms", "exact", "under", "over sc"]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    print(f"Triage speed: {len(texts)} descriptions x {args.rounds} rounds (target p50 <= 1 ms)")
    print("| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
