"""Scores on every evaluation set (eval/sets.yaml), this checkout beside a baseline.

    python bench/eval_sets.py [--baseline-src PATH/TO/OLD/src]

Each system runs `python -m krampe eval qa|triage --json` in its own process with its
`src/` first on PYTHONPATH, so an older commit (e.g. a `git worktree` of it) is scored
on exactly the same files. Triage sets whose lines carry `present` are also scored with
the red-flag screen (`--screened`) where the system has it. One table, no timings.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def _run(src: Path, args: list[str]) -> dict | None:
    # src/ first; a PYTHONPATH already set (e.g. an optional package) stays after it.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(src), os.environ.get("PYTHONPATH", "")) if p)}
    proc = subprocess.run([sys.executable, "-m", "krampe", "eval", *args, "--json"],
                          capture_output=True, text=True, cwd=REPO, env=env, check=False)
    if proc.returncode != 0:
        return None
    return json.loads(proc.stdout)


def _qa(src: Path, item: dict) -> str:
    kbs = [a for kb in item["kb"] for a in ("--kb", kb)]
    r = _run(src, ["qa", item["file"], *kbs])
    if r is None:
        return "n/a"
    return (f"hit@1 {r['hit@1']:.2f} hit@3 {r['hit@3']:.2f} "
            f"rej {r['false_rejections']}/{r['in_scope']} oos {r['oos_rejected']}/"
            f"{r['out_of_scope']}")


def _triage(src: Path, item: dict, screened: bool) -> str:
    r = _run(src, ["triage", item["file"], *(["--screened"] if screened else [])])
    if r is None:
        return "n/a"
    if screened:
        r = r.get("screened") if "screened" in r else None
        if r is None:
            return "n/a"
    return (f"exact {r['exact']:.3f} under {r['under_triage']} sc+ {r['over_triage_self_care']} "
            f"trig {r['trigger_recall']:.2f}/{r['trigger_precision']:.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline-src", type=Path, help="src/ of the baseline checkout")
    args = ap.parse_args()
    sets = yaml.safe_load((REPO / "eval" / "sets.yaml").read_text(encoding="utf-8"))
    systems = [("this checkout", REPO / "src")]
    if args.baseline_src:
        systems.insert(0, ("baseline", args.baseline_src.resolve()))
    rows = []
    for item in sets["qa"]:
        if item.get("blind") or not (REPO / item["file"]).exists():
            continue  # a blind set is run once, by hand, and recorded in eval/README.md
        rows.append((item["file"], "qa", [_qa(src, item) for _, src in systems]))
    for item in sets["triage"]:
        path = REPO / item["file"]
        if item.get("blind") or not path.exists():
            continue
        rows.append((item["file"], "free text", [_triage(src, item, False) for _, src in systems]))
        first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
        if "present" in first:
            rows.append((item["file"], "screened",
                         [_triage(src, item, True) for _, src in systems]))
    print("| set | mode | " + " | ".join(name for name, _ in systems) + " |")
    print("|---|---|" + "---|" * len(systems))
    for name, mode, cells in rows:
        print(f"| {name} | {mode} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
