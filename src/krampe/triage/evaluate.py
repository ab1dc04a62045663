"""Scoring a triage set (JSON Lines: text, level, optional triggers / triggers_ok)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from krampe.errors import InputError
from krampe.policy import get_policy
from krampe.triage import triage
from krampe.triage.result import TriageResult

LEVELS: list[str] = list(get_policy().LEVELS)
# Gold "none": noise or another language, where the engine must answer understood=false.
GOLD_LEVELS = [*LEVELS, "none"]


class Case(BaseModel):
    id: str | None = None
    text: str
    level: str
    triggers: list[str] | None = None  # absent: triggers are not scored for this case
    triggers_ok: list[str] = []
    # The finding ids truly present for the patient: the simulated person's answers.
    present: list[str] | None = None


class Miss(BaseModel):
    id: str
    text: str
    kind: str  # level, trigger_missed, trigger_extra
    gold: str
    got: str


class QuestionCount(BaseModel):
    """Questions a person answers before the screen is complete, for one gold level.

    `pages`: same-level questions asked together count once (what a person answers);
    `items`: every single question."""

    n: int
    pages_mean: float
    pages_max: int
    items_mean: float
    items_max: int


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
    screened: bool = False
    incomplete: int = 0  # screened: cases whose screen was still open after the last round
    questions: dict[str, QuestionCount] = {}


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


MAX_ROUNDS = 6  # the contract's simulated person answers at most 6 rounds


def simulate(case: Case) -> tuple[TriageResult, int, int]:
    """The contract's simulated truthful person: "ja" to a question when any of its
    findings is truly present, else "nej", never "ved ikke", until the screen is complete.
    Returns the last result, the pages and the single questions answered."""
    present = set(case.present or ())
    answers: dict[str, bool | None] = {}
    r = triage(case.text)
    pages = items = 0
    for _ in range(MAX_ROUNDS):
        if r.screen.complete or not r.questions:
            break
        pages += len({q.group for q in r.questions})
        items += len(r.questions)
        for q in r.questions:
            answers[q.id] = bool(present.intersection(q.findings))
        r = triage(case.text, answers=answers)
    return r, pages, items


def evaluate(cases: list[Case], screened: bool = False) -> Report:
    """Score a set on free text alone, or (`screened`) after the simulated person's answers;
    screened cases need `present`."""
    confusion = {g: dict.fromkeys(GOLD_LEVELS, 0) for g in GOLD_LEVELS}
    exact = under = over_sc = sc_high = incomplete = 0
    tp = fn = fp = 0
    misses: list[Miss] = []
    counts: dict[str, list[tuple[int, int]]] = {}
    policy = get_policy()
    ranks: dict[str, int] = {lv: policy.rank(lv) for lv in policy.LEVELS}
    for no, c in enumerate(cases, 1):
        case_id = c.id or f"sag{no}"  # load_cases names every case; others may not
        if screened:
            if c.present is None:
                raise InputError(f"{c.id}: mangler 'present' til screeningen.", code="bad_file")
            r, pages, items = simulate(c)
            counts.setdefault(c.level, []).append((pages, items))
            incomplete += not r.screen.complete
        else:
            r = triage(c.text)
        # Not understood stays "none" unless an answer raised the level above self-care.
        shown = r.level if r.understood or r.level not in (None, "self_care") else None
        got = shown or "none"
        confusion[c.level][got] += 1
        rank = ranks.get(got, -1)
        if got == c.level:
            exact += 1
        else:
            misses.append(Miss(id=case_id, text=c.text, kind="level", gold=c.level, got=got))
        if c.level in policy.red_flag_levels() and rank < ranks[c.level]:
            under += 1
        if c.level == "self_care" and rank > 0:
            over_sc += 1
            if rank >= ranks["urgent"]:
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
                misses.append(Miss(id=case_id, text=c.text, kind="trigger_missed", gold=t, got=""))
        for t in sorted(found - allowed):
            fp += 1
            misses.append(Miss(id=case_id, text=c.text, kind="trigger_extra", gold="", got=t))
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
        screened=screened,
        incomplete=incomplete,
        questions={
            lv: QuestionCount(
                n=len(v),
                pages_mean=sum(p for p, _ in v) / len(v),
                pages_max=max(p for p, _ in v),
                items_mean=sum(i for _, i in v) / len(v),
                items_max=max(i for _, i in v),
            )
            for lv in LEVELS if (v := counts.get(lv))
        },
    )
