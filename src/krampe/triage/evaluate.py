"""Scoring a triage set (JSON Lines: text, level, optional triggers / triggers_ok)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from krampe.errors import InputError
from krampe.triage import triage
from krampe.triage.engine import _RANK

LEVELS = ["emergency", "urgent", "routine", "self_care"]
# Gold "none": noise or another language, where the engine must answer understood=false.
GOLD_LEVELS = [*LEVELS, "none"]


class Case(BaseModel):
    id: str | None = None
    text: str
    level: str
    triggers: list[str] | None = None  # absent: triggers are not scored for this case
    triggers_ok: list[str] = []


class Miss(BaseModel):
    id: str
    text: str
    kind: str  # level, trigger_missed, trigger_extra
    gold: str
    got: str


class Report(BaseModel):
    n: int
    exact: float
    under_triage: int
    over_triage_self_care: int
    self_care_to_urgent_or_emergency: int
    confusion: dict[str, dict[str, int]]
    trigger_recall: float
    trigger_precision: float
    misses: list[Miss]


def load_cases(path: Path) -> list[Case]:
    cases = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"Kan ikke læse {path}: {exc.strerror}.", code="bad_file") from exc
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = Case.model_validate(json.loads(line))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise InputError(
                f"Linje {no} i {path} er ikke en gyldig sag.", code="bad_file"
            ) from exc
        if case.level not in GOLD_LEVELS:
            raise InputError(f"Linje {no}: ukendt niveau {case.level!r}.", code="bad_file")
        cases.append(case.model_copy(update={"id": case.id or f"linje{no}"}))
    return cases


def evaluate(cases: list[Case]) -> Report:
    confusion = {g: dict.fromkeys(GOLD_LEVELS, 0) for g in GOLD_LEVELS}
    exact = under = over_sc = sc_high = 0
    tp = fn = fp = 0
    misses: list[Miss] = []
    for c in cases:
        r = triage(c.text)
        got = r.level or "none"
        confusion[c.level][got] += 1
        rank = _RANK.get(got, -1)
        if got == c.level:
            exact += 1
        else:
            misses.append(Miss(id=c.id, text=c.text, kind="level", gold=c.level, got=got))
        if c.level in ("emergency", "urgent") and rank < _RANK[c.level]:
            under += 1
        if c.level == "self_care" and rank > 0:
            over_sc += 1
            if rank >= _RANK["urgent"]:
                sc_high += 1
        if c.triggers is None:
            continue
        found = set(r.triggers)
        allowed = set(c.triggers) | set(c.triggers_ok)
        for t in c.triggers:
            if t in found:
                tp += 1
            else:
                fn += 1
                misses.append(Miss(id=c.id, text=c.text, kind="trigger_missed", gold=t, got=""))
        for t in sorted(found - allowed):
            fp += 1
            misses.append(Miss(id=c.id, text=c.text, kind="trigger_extra", gold="", got=t))
    n = len(cases)
    return Report(
        n=n,
        exact=exact / n if n else 0.0,
        under_triage=under,
        over_triage_self_care=over_sc,
        self_care_to_urgent_or_emergency=sc_high,
        confusion=confusion,
        trigger_recall=tp / (tp + fn) if tp + fn else 1.0,
        trigger_precision=tp / (tp + fp) if tp + fp else 1.0,
        misses=misses,
    )
