"""The progressive programme: daily stretches plus strength three days a week.

All numbers (times, hold times, stages) and every profile adaptation live in
data/plan.yaml; this module only turns them into dated sessions.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from krampe.errors import InputError
from krampe.policy.review import ClinicalReview, content_hash
from krampe.selfcare.exercises import exercise, exercises
from krampe.selfcare.loading import SelfcareDataError, load_yaml
from krampe.selfcare.models import (
    Exercise,
    Plan,
    PlannedExercise,
    PlanRule,
    Profile,
    Session,
)
from krampe.selfcare.wording import RuleTemplate, fill_rules, plan_facts

__all__ = ["Profile", "build_plan", "plan_config", "programme_hash", "validate_reminder"]


class _C(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HoldStep(_C):
    from_week: int = Field(ge=1)
    seconds: int = Field(ge=10, le=120)


class Stage(_C):
    from_week: int = Field(ge=1)
    exercise: str
    level: int | None = None
    sets: int = Field(ge=1, le=5)
    reps: int = Field(ge=1, le=30)
    per_leg: bool


class StretchBlock(_C):
    start: time
    minutes: int = Field(ge=1, le=60)
    title: str
    exercises: list[str] = Field(min_length=1)
    sets: int = Field(ge=1, le=5)
    hold_by_week: list[HoldStep] = Field(min_length=1)


class StrengthBlock(_C):
    start: time
    minutes: int = Field(ge=1, le=60)
    title: str
    stages: list[Stage] = Field(min_length=1)


class ProfileRules(_C):
    label: str
    priority: int
    stretch_start: time | None = None
    stretch_title: str | None = None
    add_stretches: list[str] = []
    exclude: list[str] = []
    strength_stages: list[Stage] | None = None
    session_notes: dict[Literal["stretch", "strength"], str] = {}
    rules: list[RuleTemplate] = Field(min_length=1)


class ReminderConfig(_C):
    default_minutes: int = Field(ge=0)
    max_minutes: int = Field(ge=1, le=7 * 24 * 60)


class PlanConfig(_C):
    title: str
    timezone: str
    min_weeks: int
    max_weeks: int
    strength_weekdays: list[int] = Field(min_length=1)
    reminder: ReminderConfig
    stretch: StretchBlock
    strength: StrengthBlock
    rules: list[RuleTemplate]
    cautions: list[PlanRule]
    profiles: dict[str, ProfileRules]
    # The review record of the programme's material: this file and the exercises.
    clinical_review: ClinicalReview = "pending"

    @model_validator(mode="after")
    def _consistent(self) -> PlanConfig:
        known = {e.id: e for e in exercises()}
        stage_lists = [self.strength.stages] + [
            p.strength_stages for p in self.profiles.values() if p.strength_stages
        ]
        for stages in stage_lists:
            if stages[0].from_week != 1:
                raise ValueError("styrketrinene skal starte i uge 1")
            if [s.from_week for s in stages] != sorted({s.from_week for s in stages}):
                raise ValueError("styrketrinene skal stå i stigende uge-rækkefølge")
            for st in stages:
                ex = known.get(st.exercise)
                if ex is None or ex.kind != "strength":
                    raise ValueError(f"ukendt styrkeøvelse {st.exercise}")
                if st.level is not None and st.level > len(ex.levels):
                    raise ValueError(f"{st.exercise} har intet niveau {st.level}")
        stretch_ids = list(self.stretch.exercises)
        for p in self.profiles.values():
            stretch_ids += p.add_stretches
        for sid in stretch_ids:
            if sid not in known or known[sid].kind != "stretch":
                raise ValueError(f"ukendt stræk {sid}")
        if not 0 <= self.reminder.default_minutes <= self.reminder.max_minutes:
            raise ValueError("påmindelsens standard skal ligge mellem 0 og max_minutes")
        if self.stretch.hold_by_week[0].from_week != 1:
            raise ValueError("holdetiderne skal starte i uge 1")
        unknown = set(self.profiles) - set(Profile.model_fields)
        if unknown:
            raise ValueError(f"ukendte profiler i plan.yaml: {sorted(unknown)}")
        return self


@lru_cache(maxsize=1)
def plan_config() -> PlanConfig:
    try:
        return PlanConfig.model_validate(load_yaml("plan.yaml"))
    except ValidationError as exc:
        raise SelfcareDataError(f"plan.yaml er ugyldig: {exc}") from exc


def programme_hash(cfg: PlanConfig | None = None) -> str:
    """What a review record of the programme names: every rule, time and exercise text a
    plan is built from (not the record itself), so changing any of them lapses the review."""
    cfg = cfg or plan_config()
    material = cfg.model_dump_json(exclude={"clinical_review"}) + "".join(
        e.model_dump_json() for e in exercises())
    return content_hash(material)


def _by_week(steps, week: int):
    """The last step whose from_week has been reached (steps are sorted)."""
    current = steps[0]
    for step in steps:
        if step.from_week <= week:
            current = step
    return current


def _stretch_item(ex: Exercise, sets: int, seconds: int) -> PlannedExercise:
    leg = " pr. ben" if ex.dose.per_leg else ""
    return PlannedExercise(
        exercise_id=ex.id,
        name=ex.name,
        sets=sets,
        hold_seconds=seconds,
        per_leg=ex.dose.per_leg,
        dose_text=f"{sets} × {seconds} sek.{leg}",
        how=list(ex.steps),
        sources=_merge([ex.sources, ex.dose.sources]),
    )


def _strength_item(stage: Stage) -> PlannedExercise:
    ex = exercise(stage.exercise)
    level = ex.levels[stage.level - 1] if stage.level else None
    leg = " pr. ben" if stage.per_leg else " (begge ben)"
    how = list(ex.steps) + ([f"Niveau {level.level} – {level.name}: {level.how}"] if level else [])
    sources = [*ex.sources, *ex.dose.sources, *(level.sources if level else [])]
    return PlannedExercise(
        exercise_id=ex.id,
        name=ex.name,
        sets=stage.sets,
        reps=stage.reps,
        per_leg=stage.per_leg,
        level=level.level if level else None,
        level_name=level.name if level else None,
        dose_text=f"{stage.sets} × {stage.reps} gentagelser{leg}",
        how=how,
        sources=list(dict.fromkeys(sources)),
    )


def _cautions_for(ex_ids: list[str], flags: set[str]) -> tuple[list[str], list[str]]:
    """Texts and sources of the exercises' cautions that apply to this person."""
    notes: list[str] = []
    sources: list[str] = []
    for ex_id in ex_ids:
        for c in exercise(ex_id).cautions:
            if not c.applies_to or flags & set(c.applies_to):
                notes.append(c.text)
                sources += c.sources
    return list(dict.fromkeys(notes)), list(dict.fromkeys(sources))


def validate_reminder(minutes: object) -> int:
    """Minutes before each session for the calendar's reminder: a whole number in range."""
    cfg = plan_config().reminder
    try:
        if isinstance(minutes, bool) or minutes is None:
            raise ValueError
        value = minutes if isinstance(minutes, int) else int(str(minutes).strip())
    except ValueError:
        raise InputError(
            "Påmindelsen skal være et helt antal minutter, fx 15.", code="invalid_reminder"
        ) from None
    if not 0 <= value <= cfg.max_minutes:
        raise InputError(
            f"Påmindelsen skal være mellem 0 og {cfg.max_minutes} minutter før "
            "(0 = når øvelserne begynder).",
            code="invalid_reminder",
        )
    return value


def validate_weeks(weeks: int) -> int:
    cfg = plan_config()
    if isinstance(weeks, bool) or not isinstance(weeks, int):
        raise InputError("Antal uger skal være et helt tal.", code="invalid_weeks")
    if not cfg.min_weeks <= weeks <= cfg.max_weeks:
        raise InputError(
            f"Antal uger skal være mellem {cfg.min_weeks} og {cfg.max_weeks}.",
            code="invalid_weeks",
        )
    return weeks


# A plan is for a real calendar: bounding the start keeps every caller's date arithmetic
# (sessions, weeks, the .ics export) far from date.min/date.max.
MIN_START = date(2000, 1, 1)
MAX_START = date(2100, 12, 31)


def validate_start(start: object) -> date:
    if not isinstance(start, date):
        raise InputError("Startdatoen skal være en dato.", code="invalid_date")
    if isinstance(start, datetime):
        start = start.date()
    if not MIN_START <= start <= MAX_START:
        raise InputError(
            f"Startdatoen skal ligge mellem {MIN_START.year} og {MAX_START.year}.",
            code="invalid_date",
        )
    return start


def build_plan(start: date, weeks: int = 6, profile: Profile | None = None) -> Plan:
    """A dated, progressive plan from `start` (the plan's day 1) for `weeks` weeks.

    Week n is the n-th block of 7 days from the start date, so every week holds 7
    stretch sessions and one strength session per weekday in `strength_weekdays`.
    """
    cfg = plan_config()
    validate_weeks(weeks)
    start = validate_start(start)
    profile = profile or Profile()
    flags = set(profile.flags())
    active = sorted(
        ((name, cfg.profiles[name]) for name in flags if name in cfg.profiles),
        key=lambda item: item[1].priority,
    )  # lowest priority first, so later (more careful) profiles overwrite

    stretch_start, stretch_title = cfg.stretch.start, cfg.stretch.title
    stretch_ids = list(cfg.stretch.exercises)
    stages = list(cfg.strength.stages)
    excluded: set[str] = set()
    session_notes: dict[str, list[str]] = {"stretch": [], "strength": []}
    session_note_sources: dict[str, list[str]] = {"stretch": [], "strength": []}
    templates = list(cfg.rules)
    for _name, rules_for in active:
        stretch_start = rules_for.stretch_start or stretch_start
        stretch_title = rules_for.stretch_title or stretch_title
        stretch_ids += [s for s in rules_for.add_stretches if s not in stretch_ids]
        stages = list(rules_for.strength_stages or stages)
        excluded |= set(rules_for.exclude)
        for kind, note in rules_for.session_notes.items():
            # A profile's session note says what its rules say, so it cites their sources.
            session_notes[kind].append(note)
            session_note_sources[kind] += [s for r in rules_for.rules for s in r.sources]
        templates += rules_for.rules
    # Exclusions win over any stage list, whichever profile brought it in.
    if any(st.exercise in excluded for st in stages):
        raise SelfcareDataError("plan.yaml: en profil bruger en øvelse, en anden udelukker")
    stretch_ids = [s for s in stretch_ids if s not in excluded]

    sessions: list[Session] = []
    for offset in range(weeks * 7):
        day = start + timedelta(days=offset)
        week = offset // 7 + 1
        hold = _by_week(cfg.stretch.hold_by_week, week).seconds
        items = [_stretch_item(exercise(s), cfg.stretch.sets, hold) for s in stretch_ids]
        notes, note_sources = _cautions_for(stretch_ids, flags)
        sessions.append(
            Session(
                id=f"{day.isoformat()}-stretch",
                date=day,
                start=stretch_start,
                duration_minutes=cfg.stretch.minutes,
                week=week,
                kind="stretch",
                name=stretch_title,
                title=f"{stretch_title} (uge {week})",
                items=items,
                notes=session_notes["stretch"] + notes,
                sources=_merge(
                    [*(i.sources for i in items), note_sources, session_note_sources["stretch"]]
                ),
            )
        )
        if day.weekday() in cfg.strength_weekdays:
            stage = _by_week(stages, week)
            item = _strength_item(stage)
            notes, note_sources = _cautions_for([stage.exercise], flags)
            sessions.append(
                Session(
                    id=f"{day.isoformat()}-strength",
                    date=day,
                    start=cfg.strength.start,
                    duration_minutes=cfg.strength.minutes,
                    week=week,
                    kind="strength",
                    name=cfg.strength.title,
                    title=f"{cfg.strength.title}: {item.name} (uge {week})",
                    items=[item],
                    notes=session_notes["strength"] + notes,
                    sources=_merge([item.sources, note_sources, session_note_sources["strength"]]),
                )
            )
    # A day reads in clock order (a 17:00 strength session before a 21:30 stretch).
    sessions.sort(key=lambda s: (s.date, s.start))
    facts, conditions = plan_facts(sessions, weeks, cfg.strength_weekdays)
    return Plan(
        start=start,
        weeks=weeks,
        end=start + timedelta(days=weeks * 7 - 1),
        timezone=cfg.timezone,
        profile=profile,
        title=cfg.title,
        rules=fill_rules(templates, facts, conditions),
        cautions=list(cfg.cautions),
        sessions=sessions,
        clinical_review=cfg.clinical_review,
        content_hash=programme_hash(cfg),
    )


def _merge(groups) -> list[str]:
    return list(dict.fromkeys(s for g in groups for s in g))
