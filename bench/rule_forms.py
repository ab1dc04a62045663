"""Rules and surface forms per concept: how many rules are written by hand, and how many
distinct surface forms the compiled patterns accept.

    python bench/rule_forms.py [--baseline-src PATH/TO/OLD/src] [--all]

`rules`: the entries written in the rule files for a concept or trigger (patterns,
excludes and, where the rules have them, constructions). `forms`: distinct token sequences
the compiled patterns accept, after expanding alternatives (`a|b`), word lists (`@name`),
concept families (`{NAME}`) and constructions; a gap (`~N`) counts as one placeholder and a
wildcard (`smert*`) as one form. A concept whose forms run past 2,000,000 is counted
without removing repeats (marked `>=`). Each system runs in its own process with its
`src/` first on PYTHONPATH, so an older commit is counted on exactly its own rules. One
table: the concepts of the red-flag findings first, then totals.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CAP = 2_000_000
# The concepts the red-flag findings are built from (shown even without --all).
FOCUS = ["chest_pain", "breathless", "hemoptysis", "seizure", "cold_limb", "numb", "cannot_move",
         "saddle_numb", "bladder_bowel", "swelling", "pop", "no_weight", "long_duration",
         "wont_release", "weakness", "function_loss", "walking_pain", "rest_relief"]


def _item_forms(item) -> list[tuple[str, ...]]:
    """Surface forms of one compiled pattern item, each a tuple of tokens."""
    group = getattr(item, "group", None)
    if group:
        out: list[tuple[str, ...]] = []
        for seq in group:
            out += _seq_forms(seq)
        return out
    if item.gap:
        return [(f"~{item.gap}",)]
    return [(_alt_text(a),) for a in item.alts]


def _alt_text(alt) -> str:
    if alt.kind == "num":
        return f"NUM{alt.op or ''}{alt.n if alt.op else ''}"
    return {"exact": "{}", "prefix": "{}*", "suffix": "*{}", "infix": "*{}*"}[alt.kind].format(
        alt.value)


def _seq_forms(items) -> list[tuple[str, ...]]:
    forms: list[tuple[str, ...]] = [()]
    for item in items:
        forms = [f + g for f in forms for g in _item_forms(item)]
        if len(forms) > CAP:
            raise OverflowError
    return forms


def _seq_count(items) -> int:
    n = 1
    for item in items:
        group = getattr(item, "group", None)
        n *= sum(_seq_count(seq) for seq in group) if group else (1 if item.gap else len(item.alts))
    return n


def _count(patterns) -> tuple[int, bool]:
    """(distinct forms, exact?) of a concept's compiled patterns."""
    seen: set[tuple[str, ...]] = set()
    try:
        for p in patterns:
            seen.update(_seq_forms(p.items))
            if len(seen) > CAP:
                raise OverflowError
    except OverflowError:
        return sum(_seq_count(p.items) for p in patterns), False
    return len(seen), True


def measure() -> dict:
    """Run inside the system's own process: counts per concept and trigger."""
    from krampe.triage.engine import Engine
    from krampe.triage.schema import get_rules

    rules = get_rules()
    engine = Engine.get()
    compiled: dict[str, list] = {}
    for m in (engine.matcher, engine.excluder):
        for p in m.patterns:
            compiled.setdefault(str(p.owner), []).append(p)
    out = {}
    for cid, c in rules.lexicon.concepts.items():
        written = len(c.patterns) + len(c.exclude) + len(getattr(c, "constructions", []) or [])
        forms, exact = _count(compiled.get(cid, []))
        out[cid] = {"rules": written, "forms": forms, "exact": exact}
    for tid, t in rules.triggers.items():
        written = len(t.patterns) + len(t.exclude) + len(getattr(t, "constructions", []) or [])
        forms, exact = _count(compiled.get("trigger:" + tid, []))
        out["trigger:" + tid] = {"rules": written, "forms": forms, "exact": exact}
    return out


def _run(src: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    proc = subprocess.run([sys.executable, __file__, "--measure"], capture_output=True,
                          text=True, cwd=REPO, env=env, check=True)
    return json.loads(proc.stdout)


def _cell(row: dict | None) -> str:
    if row is None:
        return "- | -"
    return f"{row['rules']} | {'' if row['exact'] else '>='}{row['forms']:,}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline-src", type=Path, help="src/ of the baseline checkout")
    ap.add_argument("--all", action="store_true", help="every concept and trigger")
    ap.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure()))
        return
    systems = [("this checkout", REPO / "src")]
    if args.baseline_src:
        systems.insert(0, ("baseline", args.baseline_src.resolve()))
    counts = [_run(src) for _, src in systems]
    names = list(dict.fromkeys(k for c in counts for k in c))
    shown = names if args.all else [n for n in FOCUS if any(n in c for c in counts)]
    head = " | ".join(f"{n} rules | {n} forms" for n, _ in systems)
    print(f"| concept | {head} |")
    print("|---|" + "---|---|" * len(systems))
    for name in shown:
        print(f"| {name} | " + " | ".join(_cell(c.get(name)) for c in counts) + " |")
    for label, pick in (("all concepts", lambda k: not k.startswith("trigger:")),
                        ("all triggers", lambda k: k.startswith("trigger:"))):
        cells = []
        for c in counts:
            rows = [v for k, v in c.items() if pick(k)]
            exact = all(r["exact"] for r in rows)
            cells.append(f"{sum(r['rules'] for r in rows)} | {'' if exact else '>='}"
                         f"{sum(r['forms'] for r in rows):,}")
        print(f"| **{label}** | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
