"""Rule texts filled in from the built plan, so the words match the weeks chosen.

plan.yaml writes a rule as a template ("op til {hold_last}") and may show it only
`when` (or `unless`) a condition of the plan holds. The facts and conditions are
computed here from the plan's own sessions: a 4-week plan never promises week 5.
"""

from __future__ import annotations

import string
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from krampe.selfcare.dates import WEEKDAYS
from krampe.selfcare.exercises import exercise
from krampe.selfcare.models import PlannedExercise, PlanRule, Session

FACTS = frozenset({
    "weeks", "stretch_sets", "hold_first", "hold_last", "hold_range", "hold_steps",
    "strength_per_week", "strength_days", "strength_first", "strength_last", "single_leg_from",
})  # fmt: skip
CONDITIONS = frozenset({"hold_grows", "strength_grows", "single_leg"})


def placeholders(text: str) -> set[str]:
    """The {names} a template uses (a stray brace is a ValueError)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def check_template(text: str, when: str | None, unless: str | None) -> None:
    """Raise ValueError for a name the plan cannot fill or a condition it does not know."""
    unknown = placeholders(text) - FACTS
    if unknown:
        raise ValueError(f"ukendte pladsholdere {sorted(unknown)} i '{text[:40]}...'")
    for cond in (when, unless):
        if cond is not None and cond not in CONDITIONS:
            raise ValueError(f"ukendt betingelse '{cond}' (kendte: {sorted(CONDITIONS)})")


def and_join(items: Sequence[str]) -> str:
    """'a', 'a og b', 'a, b og c' (Danish lists have no comma before 'og')."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def strength_phrase(item: PlannedExercise) -> str:
    """'2 sæt af 10 hæl-drop på begge ben' for running text."""
    short = exercise(item.exercise_id).short or item.name.lower()
    legs = "pr. ben" if item.per_leg else "på begge ben"
    return f"{item.sets} sæt af {item.reps} {short} {legs}"


def _seconds(n: int) -> str:
    return f"{n} sekunder"


def plan_facts(
    sessions: Sequence[Session], weeks: int, strength_weekdays: Sequence[int]
) -> tuple[dict[str, str], dict[str, bool]]:
    """The facts (text) and conditions (bool) of a built plan's sessions."""
    stretch = [s for s in sessions if s.kind == "stretch"]
    strength = [s.items[0] for s in sessions if s.kind == "strength"]
    # Hold time by the week it first appears: [(1, 30), (3, 45)] for a 4-week plan.
    holds: list[tuple[int, int]] = []
    for s in stretch:
        seconds = s.items[0].hold_seconds or 0
        if not holds or holds[-1][1] != seconds:
            holds.append((s.week, seconds))
    first_hold, last_hold = holds[0][1], holds[-1][1]
    single = next((s.week for s in sessions if s.kind == "strength" and s.items[0].per_leg), None)
    days = [WEEKDAYS[d] for d in sorted(strength_weekdays)]
    facts = {
        "weeks": str(weeks),
        "stretch_sets": str(stretch[0].items[0].sets),
        "hold_first": _seconds(first_hold),
        "hold_last": _seconds(last_hold),
        "hold_range": _seconds(first_hold) if first_hold == last_hold
        else f"{first_hold}-{last_hold} sekunder",
        "hold_steps": and_join([f"{_seconds(sec)} fra uge {week}" for week, sec in holds[1:]]),
        "strength_per_week": f"{len(days)} gange",
        "strength_days": and_join(days),
        "strength_first": strength_phrase(strength[0]),
        "strength_last": strength_phrase(strength[-1]),
        "single_leg_from": str(single or ""),
    }
    conditions = {
        "hold_grows": len(holds) > 1,
        "strength_grows": facts["strength_first"] != facts["strength_last"],
        "single_leg": single is not None,
    }
    return facts, conditions


class RuleTemplate(BaseModel):
    """A rule of plan.yaml: its text may name plan facts, and it may depend on a condition."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: str
    sources: list[str] = Field(min_length=1)
    when: str | None = None
    unless: str | None = None

    @model_validator(mode="after")
    def _known_names(self) -> RuleTemplate:
        check_template(self.text, self.when, self.unless)
        return self


def fill_rules(
    templates: Sequence[RuleTemplate], facts: dict[str, str], conditions: dict[str, bool]
) -> list[PlanRule]:
    """The rules whose conditions hold, with their texts filled in."""
    out = []
    for t in templates:
        if t.when is not None and not conditions[t.when]:
            continue
        if t.unless is not None and conditions[t.unless]:
            continue
        out.append(PlanRule(id=t.id, text=t.text.format(**facts), sources=list(t.sources)))
    return out
