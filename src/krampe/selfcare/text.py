"""Readable Danish text of the guide and the plan (for the terminal).

Each function returns (line, style) pairs; style is None, "heading", "emergency",
"urgent" or "muted", so the CLI can colour them and tests can read plain text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from krampe.plural import count
from krampe.policy import get_policy
from krampe.policy.review import review_label
from krampe.selfcare.dates import danish_date
from krampe.selfcare.exercises import exercise
from krampe.selfcare.models import AcuteGuide, Plan
from krampe.selfcare.plan import plan_config
from krampe.selfcare.schedule import exercise_doses, item_text, schedule
from krampe.selfcare.sources import source_label

Line = tuple[str, str | None]
WIDTH = 88


class _Refs:
    """Numbers sources in order of first use: [1], [2] ..."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def cite(self, ids: Iterable[str]) -> str:
        nums = []
        for sid in ids:
            if sid not in self.ids:
                self.ids.append(sid)
            nums.append(self.ids.index(sid) + 1)
        return "[" + ", ".join(str(n) for n in nums) + "]"

    def lines(self) -> list[Line]:
        out: list[Line] = [("", None), ("Kilder", "heading")]
        for n, sid in enumerate(self.ids, 1):
            out += _wrap(f"[{n}] {source_label(sid)}", "  ", "      ", "muted")
        return out


def _review_note(value: object, current: str | None = None) -> Line:
    label = review_label(value, current, lambda d: danish_date(d, weekday=False))
    return (f"Indholdet er {label}.", "muted")


def _wrap(text: str, first: str, rest: str, style: str | None = None) -> list[Line]:
    wrapped = textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=first,
                            subsequent_indent=rest)  # fmt: skip
    return [(line, style) for line in wrapped]


def guide_lines(guide: AcuteGuide) -> list[Line]:
    refs = _Refs()
    policy = get_policy()
    out: list[Line] = [(guide.title.upper(), "heading")]
    out += _wrap(guide.intro, "", "")
    out.append(("", None))
    for n, step in enumerate(guide.steps, 1):
        out.append((f"{n:>2}. {step.title}", "heading"))
        out += _wrap(f"{step.text} {refs.cite(step.sources)}", "    ", "    ")
    out += [("", None), (f"!! {guide.red_flags_title.upper()}", "emergency")]
    for flag in guide.red_flags:
        headline = policy.level_info(flag.level).headline.upper()
        out += _wrap(f"!! {headline}: {flag.sign}", "  ", "     ", flag.level)
        out += _wrap(f"-> {flag.action} {refs.cite(flag.sources)}", "     ", "        ",
                     flag.level)  # fmt: skip
    out += [("", None), ("Telefonnumre", "heading")]
    for c in guide.contacts:
        number = f"{c.number}  " if c.number else ""
        style = "emergency" if c.number == policy.emergency_number() else None
        out += _wrap(f"{number}{c.label}: {c.when} {refs.cite(c.sources)}", "  ", "      ",
                     style)  # fmt: skip
    for note in guide.notes:
        out += [("", None), (note.title, "heading")]
        out += _wrap(f"{note.text} {refs.cite(note.sources)}", "  ", "  ")
    out += refs.lines()
    out += [("", None), _review_note(guide.clinical_review, guide.content_hash)]
    return out


def plan_lines(plan: Plan) -> list[Line]:
    """The plan week by week and day by day (Danish weekday names, sessions by clock)."""
    refs = _Refs()
    cfg = plan_config()
    out: list[Line] = [(plan.title.upper(), "heading")]
    weeks = count(plan.weeks, "uge", "uger")
    out.append((f"{weeks}: {danish_date(plan.start)} – {danish_date(plan.end)}", None))
    flags = plan.profile.flags()
    adapted = ", ".join(cfg.profiles[f].label.lower() for f in flags) if flags else (
        "ingen (standardprogram)"
    )
    out.append((f"Tilpasset: {adapted}", None))
    out += [("", None), ("Sådan er dit program bygget op", "heading")]
    for rule in plan.rules:
        out += _wrap(f"• {rule.text} {refs.cite(rule.sources)}", "  ", "    ")
    out += [("", None), ("Pas på", "urgent")]
    for rule in plan.cautions:
        out += _wrap(f"• {rule.text} {refs.cite(rule.sources)}", "  ", "    ", "urgent")
    for week in schedule(plan):
        out += [("", None), (week.label, "heading")]
        for day in week.days:
            out.append((f"  {day.label}", None))
            for s in day.sessions:
                items = "; ".join(item_text(i) for i in s.items)
                out += _wrap(
                    f"kl. {s.start:%H:%M}  {s.name} ({s.duration_minutes} min): {items} "
                    f"{refs.cite(s.sources)}",
                    "    ",
                    "              ",
                )
    out += [("", None), ("Øvelserne i dit program", "heading")]
    for ex_id, spans in exercise_doses(plan).items():
        ex = exercise(ex_id)
        out.append((f"  {ex.name} – {ex.target}", "heading"))
        for n, step in enumerate(ex.steps, 1):
            out += _wrap(f"{n}. {step}", "    ", "       ")
        dose = "; ".join(f"{span.weeks}: {span.dose}" for span in spans)
        out += _wrap(f"I dit program: {dose} {refs.cite(ex.sources)}", "    ", "    ")
        for c in ex.cautions_for(flags):
            out += _wrap(f"Pas på: {c.text} {refs.cite(c.sources)}", "    ", "    ")
    out += refs.lines()
    out += [("", None), _review_note(plan.clinical_review, plan.content_hash)]
    return out


def as_text(lines: list[Line]) -> str:
    return "\n".join(line for line, _ in lines)
