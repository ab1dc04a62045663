"""The programme read as a schedule, its words against the chosen plan, and the drawings."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from pydantic import ValidationError

from krampe.selfcare import Profile, build_plan, exercises
from krampe.selfcare.dates import WEEKDAYS
from krampe.selfcare.drawings import drawing_svg, drawings
from krampe.selfcare.schedule import exercise_doses, schedule
from krampe.selfcare.wording import RuleTemplate

START = date(2026, 12, 1)  # a Tuesday
SVG = "{http://www.w3.org/2000/svg}"


@pytest.mark.parametrize("profile", [Profile(), Profile(night_cramps=True), Profile(over_60=True)])
def test_days_are_in_clock_order_under_their_weekday(profile):
    plan = build_plan(START, 3, profile)
    weeks = schedule(plan)
    assert [w.number for w in weeks] == [1, 2, 3]
    for week in weeks:
        assert len(week.days) == 7
        assert {d.weekday for d in week.days} == set(WEEKDAYS)
        for day in week.days:
            starts = [s.start for s in day.sessions]
            assert starts == sorted(starts)
            assert day.label.startswith(WEEKDAYS[day.date.weekday()].capitalize() + " ")
    # The plan's own order is the day order too (JSON, .ics).
    keys = [(s.date, s.start) for s in plan.sessions]
    assert keys == sorted(keys)


def test_night_plan_lists_the_1700_strength_before_the_2130_stretch():
    week = schedule(build_plan(START, 1, Profile(night_cramps=True)))[0]
    wednesday = next(d for d in week.days if d.weekday == "onsdag")
    assert wednesday.label == "Onsdag 2. december"
    assert [(s.kind, f"{s.start:%H:%M}") for s in wednesday.sessions] == [
        ("strength", "17:00"), ("stretch", "21:30"),
    ]
    assert week.label == "Uge 1 (tirsdag 1. december – mandag 7. december)"


def _text(plan) -> str:
    return " ".join(r.text for r in plan.rules)


def test_a_four_week_plan_promises_nothing_from_week_5():
    plan = build_plan(START, 4)
    text = _text(plan)
    assert "uge 5" not in text and "60 sekunder" not in text and "af 15" not in text
    assert "30-45 sekunder" in text and "45 sekunder fra uge 3" in text
    assert "3 sæt af 12 hæl-drop pr. ben" in text
    assert "fra uge 3" in text  # single-leg lowering starts in week 3 of this plan


def test_a_six_week_plan_reaches_the_full_dose():
    text = _text(build_plan(START, 6))
    assert "60 sekunder fra uge 5" in text and "3 sæt af 15 hæl-drop pr. ben" in text
    assert "mandag, onsdag og fredag" in text


def test_a_one_week_plan_says_the_dose_stays():
    text = _text(build_plan(START, 1))
    assert "Holdetiden er 30 sekunder i hele dit program" in text
    assert "2 sæt af 10 hæl-drop på begge ben i hele dit program" in text
    assert "ét ben" not in text and "gradvist" not in text


def test_pregnancy_plan_never_mentions_lowering_on_one_leg_as_a_step():
    plan = build_plan(START, 26, Profile(pregnant=True))
    assert not any(r.id == "single_leg_later" for r in plan.rules)
    assert "3 sæt af 15 tåhævninger på begge ben" in _text(plan)


def test_over_60_four_weeks_keeps_both_legs():
    text = _text(build_plan(START, 4, Profile(over_60=True)))
    assert "2 sæt af 10 tåhævninger på begge ben" in text
    assert "ét ben – i dit program" not in text and "uge 5" not in text


@pytest.mark.parametrize("weeks", range(1, 27))
def test_every_rule_is_filled_in(weeks):
    for profile in (Profile(), Profile(pregnant=True, night_cramps=True, over_60=True)):
        for rule in build_plan(START, weeks, profile).rules:
            assert "{" not in rule.text and "}" not in rule.text


def test_a_rule_template_with_an_unknown_name_or_condition_fails_on_load():
    with pytest.raises(ValidationError, match="ukendte pladsholdere"):
        RuleTemplate(id="x", text="op til {hold_max}", sources=["s"])
    with pytest.raises(ValidationError, match="ukendt betingelse"):
        RuleTemplate(id="x", text="tekst", sources=["s"], when="always")


def test_exercise_doses_follow_the_weeks():
    doses = exercise_doses(build_plan(START, 4))
    wall = [(s.weeks, s.dose) for s in doses["wall_calf_stretch"]]
    assert wall == [("uge 1-2", "2 × 30 sek. pr. ben"), ("uge 3-4", "2 × 45 sek. pr. ben")]
    drops = [s.weeks for s in doses["eccentric_heel_drops"]]
    assert drops == ["uge 1", "uge 2", "uge 3", "uge 4"]


def test_every_exercise_has_a_drawing_with_a_text_alternative():
    assert set(drawings()) == {e.id for e in exercises()}
    for ex in exercises():
        svg = ET.fromstring(str(drawing_svg(ex.id, "t")))
        assert svg.get("role") == "img"
        title = svg.find(f"{SVG}title")
        assert title is not None and title.text and title.text.startswith("Tegning:")
        assert svg.get("aria-labelledby") == title.get("id") == f"t-{ex.id}"
        assert len(list(svg.iter(f"{SVG}line"))) + len(list(svg.iter(f"{SVG}polyline"))) >= 3
