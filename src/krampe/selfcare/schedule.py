"""A plan read as a schedule: weeks, then days with Danish weekday names, then sessions
in clock order; and each exercise's dose week by week in this plan.

The page, the terminal and the print layout all read the plan through this one view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from krampe.selfcare.dates import MONTHS, WEEKDAYS
from krampe.selfcare.models import Plan, PlannedExercise, Session


@dataclass(frozen=True, slots=True)
class PlanDay:
    date: date
    sessions: list[Session]

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.date.weekday()]

    @property
    def label(self) -> str:
        """'Tirsdag 1. december'."""
        return f"{self.weekday.capitalize()} {self.date.day}. {MONTHS[self.date.month - 1]}"


@dataclass(frozen=True, slots=True)
class PlanWeek:
    number: int
    days: list[PlanDay]

    @property
    def first(self) -> date:
        return self.days[0].date

    @property
    def last(self) -> date:
        return self.days[-1].date

    @property
    def label(self) -> str:
        """'Uge 1 (tirsdag 1. december – mandag 7. december)'."""
        return f"Uge {self.number} ({self.days[0].label.lower()} – {self.days[-1].label.lower()})"


@dataclass(frozen=True, slots=True)
class DoseSpan:
    """One exercise's dose over consecutive weeks: 'uge 3-4: 2 × 45 sek. pr. ben'."""

    first_week: int
    last_week: int
    dose: str

    @property
    def weeks(self) -> str:
        if self.first_week == self.last_week:
            return f"uge {self.first_week}"
        return f"uge {self.first_week}-{self.last_week}"


def schedule(plan: Plan) -> list[PlanWeek]:
    """Weeks → days → sessions, each day's sessions sorted by their start time."""
    by_day: dict[date, list[Session]] = {}
    for session in plan.sessions:
        by_day.setdefault(session.date, []).append(session)
    weeks: dict[int, list[PlanDay]] = {}
    for day in sorted(by_day):
        sessions = sorted(by_day[day], key=lambda s: s.start)
        weeks.setdefault(sessions[0].week, []).append(PlanDay(day, sessions))
    return [PlanWeek(n, days) for n, days in sorted(weeks.items())]


def _level(item: PlannedExercise) -> str:
    """'niveau 2 (Op på to, ned på ét)', or "" for an exercise without levels."""
    return f"niveau {item.level} ({item.level_name})" if item.level else ""


def _item_dose(item: PlannedExercise) -> str:
    level = _level(item)
    return f"{level}: {item.dose_text}" if level else item.dose_text


def item_text(item: PlannedExercise) -> str:
    """'Hæl-drop på et trappetrin, niveau 2 (Op på to, ned på ét): 3 × 10 gentagelser pr. ben'."""
    level = _level(item)
    return f"{item.name}{', ' + level if level else ''}: {item.dose_text}"


def exercise_doses(plan: Plan) -> dict[str, list[DoseSpan]]:
    """Exercise id → its dose by week in this plan, in order of first use."""
    out: dict[str, list[DoseSpan]] = {}
    for session in plan.sessions:
        for item in session.items:
            spans = out.setdefault(item.exercise_id, [])
            dose = _item_dose(item)
            if spans and spans[-1].dose == dose:
                if spans[-1].last_week != session.week:
                    spans[-1] = DoseSpan(spans[-1].first_week, session.week, dose)
            elif spans and spans[-1].last_week == session.week:
                continue  # one dose per week: the week's first session sets it
            else:
                spans.append(DoseSpan(session.week, session.week, dose))
    return out
