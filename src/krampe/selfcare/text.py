"""Readable Danish text of the guide and the plan (for the terminal).

Each function returns (line, style) pairs; style is None, "heading", "emergency",
"urgent" or "muted", so the CLI can colour them and tests can read plain text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

from krampe.policy import get_policy
from krampe.policy.review import review_label
from krampe.selfcare.dates import WEEKDAYS, danish_date
from krampe.selfcare.exercises import exercise
from krampe.selfcare.models import AcuteGuide, Plan
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


def _review_note(value: object) -> Line:
    return (f"Indholdet er {review_label(value, lambda d: danish_date(d, weekday=False))}.",
            "muted")


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
    out += [("", None), _review_note(guide.clinical_review)]
    return out


def _short(day) -> str:
    return f"{WEEKDAYS[day.weekday()][:3]} {day.day}/{day.month}"


def plan_lines(plan: Plan) -> list[Line]:
    refs = _Refs()
    out: list[Line] = [(plan.title.upper(), "heading")]
    weeks = f"{plan.weeks} uge" if plan.weeks == 1 else f"{plan.weeks} uger"
    out.append((f"{weeks}: {danish_date(plan.start)} – {danish_date(plan.end)}", None))
    flags = plan.profile.flags()
    labels = {"pregnant": "gravid", "night_cramps": "natlige kramper", "over_60": "over 60 år"}
    adapted = ", ".join(labels[f] for f in flags) if flags else "ingen (standardprogram)"
    out.append((f"Tilpasset: {adapted}", None))
    out += [("", None), ("Sådan er programmet bygget op", "heading")]
    for rule in plan.rules:
        out += _wrap(f"• {rule.text} {refs.cite(rule.sources)}", "  ", "    ")
    out += [("", None), ("Pas på", "urgent")]
    for rule in plan.cautions:
        out += _wrap(f"• {rule.text} {refs.cite(rule.sources)}", "  ", "    ", "urgent")
    used: list[str] = []
    for week in range(1, plan.weeks + 1):
        sessions = plan.sessions_in_week(week)
        first, last = sessions[0].date, sessions[-1].date
        out += [("", None), (f"Uge {week} ({_short(first)} – {_short(last)})", "heading")]
        stretch = [s for s in sessions if s.kind == "stretch"]
        strength = [s for s in sessions if s.kind == "strength"]
        for group, when in ((stretch, "hver dag"), (strength, None)):
            if not group:
                continue
            s = group[0]
            days = when or ", ".join(_short(x.date) for x in group)
            dose = "; ".join(
                f"{i.name}{f' (niveau {i.level}: {i.level_name})' if i.level else ''} {i.dose_text}"
                for i in s.items
            )
            title = s.title.rsplit(" (uge", 1)[0].split(":")[0]
            out += _wrap(
                f"{title} – {days} kl. {s.start:%H:%M}: {dose} {refs.cite(s.sources)}",
                "  ",
                "    ",
            )
            used += [i.exercise_id for i in s.items if i.exercise_id not in used]
    out += [("", None), ("Øvelserne", "heading")]
    for ex_id in used:
        ex = exercise(ex_id)
        out.append((f"  {ex.name} – {ex.target}", "heading"))
        for n, step in enumerate(ex.steps, 1):
            out += _wrap(f"{n}. {step}", "    ", "       ")
        out += _wrap(f"Sådan bygger du op: {ex.progression} {refs.cite(ex.sources)}", "    ",
                     "    ")  # fmt: skip
        for c in ex.cautions:
            if not c.applies_to or set(c.applies_to) & set(flags):
                out += _wrap(f"Pas på: {c.text} {refs.cite(c.sources)}", "    ", "    ")
    out += refs.lines()
    out += [("", None), _review_note(plan.clinical_review)]
    return out


def as_text(lines: list[Line]) -> str:
    return "\n".join(line for line, _ in lines)
