"""The programme: structure, progression and the profile adaptations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from krampe.errors import InputError
from krampe.selfcare import Profile, build_plan
from krampe.selfcare.models import Plan

START = date(2026, 12, 1)  # a Tuesday: weeks do not line up with calendar weeks
EXERCISE_RANK = {"calf_raises": 0, "eccentric_heel_drops": 1}
PROFILES = [
    Profile(),
    Profile(pregnant=True),
    Profile(night_cramps=True),
    Profile(over_60=True),
    Profile(pregnant=True, night_cramps=True, over_60=True),
]


def _strength(plan: Plan, week: int):
    return [s for s in plan.sessions_in_week(week) if s.kind == "strength"]


def _stretch(plan: Plan, week: int):
    return [s for s in plan.sessions_in_week(week) if s.kind == "stretch"]


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: "+".join(p.flags()) or "default")
def test_counts_per_week(profile):
    plan = build_plan(START, 6, profile)
    assert len(plan.sessions) == 6 * (7 + 3)
    for week in range(1, 7):
        stretch, strength = _stretch(plan, week), _strength(plan, week)
        assert len(stretch) == 7
        assert len({s.date for s in stretch}) == 7
        assert len(strength) == 3
        assert {s.date.weekday() for s in strength} == {0, 2, 4}  # Mon, Wed, Fri
    assert plan.end == START + timedelta(days=41)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: "+".join(p.flags()) or "default")
def test_progression_never_goes_down(profile):
    plan = build_plan(START, 12, profile)
    holds = [s.items[0].hold_seconds for s in plan.sessions if s.kind == "stretch"]
    assert holds == sorted(holds)
    assert holds[0] == 30 and holds[-1] == 60
    loads = [
        (EXERCISE_RANK[i.exercise_id], i.level or 0, i.sets * i.reps)
        for s in plan.sessions
        if s.kind == "strength"
        for i in s.items
    ]
    assert loads == sorted(loads)
    assert loads[0] < loads[-1]  # it really builds up


def test_default_plan_starts_gently_and_ends_at_full_dose():
    plan = build_plan(START)
    first = _strength(plan, 1)[0].items[0]
    last = _strength(plan, 6)[-1].items[0]
    assert (first.sets, first.reps, first.per_leg) == (2, 10, False)
    assert (last.sets, last.reps, last.per_leg) == (3, 15, True)
    assert _stretch(plan, 1)[0].items[0].dose_text.startswith("2 × 30")


def test_pregnancy_has_no_heel_drops_without_the_caution():
    plan = build_plan(START, 26, Profile(pregnant=True))
    assert not any(i.exercise_id == "eccentric_heel_drops" for s in plan.sessions for i in s.items)
    assert any("jordemoder" in r.text for r in plan.rules)
    # Stretching stays in.
    assert all(s.items for s in plan.sessions if s.kind == "stretch")


def test_night_cramps_move_stretching_before_bed_and_add_hamstrings():
    default, night = build_plan(START), build_plan(START, profile=Profile(night_cramps=True))
    assert _stretch(night, 1)[0].start > _stretch(default, 1)[0].start
    assert "sengetid" in _stretch(night, 1)[0].title
    assert any(i.exercise_id == "hamstring_stretch" for i in _stretch(night, 1)[0].items)
    assert "hallegraeff-2012" in {s for r in night.rules for s in r.sources}


def test_over_60_starts_with_supported_calf_raises():
    plan = build_plan(START, profile=Profile(over_60=True))
    first = _strength(plan, 1)[0]
    assert first.items[0].exercise_id == "calf_raises"
    assert any("stol" in n for n in first.notes)


def test_every_session_and_rule_is_sourced(registry_ids):
    for profile in PROFILES:
        plan = build_plan(START, 6, profile)
        assert set(plan.source_ids) <= registry_ids
        assert all(s.sources for s in plan.sessions)
        assert all(r.sources for r in [*plan.rules, *plan.cautions])


def test_plan_serialises_to_json_and_back():
    plan = build_plan(START, 2, Profile(night_cramps=True))
    again = Plan.model_validate_json(plan.model_dump_json())
    assert again == plan
    assert plan.model_dump(mode="json")["sessions"][0]["date"] == "2026-12-01"


@pytest.mark.parametrize("weeks", [0, -1, 27, 1000])
def test_weeks_out_of_range_are_rejected(weeks):
    with pytest.raises(InputError):
        build_plan(START, weeks)


@settings(max_examples=40, deadline=None)
@given(start=st.dates(date(2000, 1, 1), date(2100, 12, 31)), weeks=st.integers(1, 26))
def test_any_start_and_length_gives_a_full_plan(start, weeks):
    plan = build_plan(start, weeks)
    assert len(plan.sessions) == weeks * 10
    assert plan.sessions[0].date == start
    ids = [s.id for s in plan.sessions]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("start", [date(1, 1, 1), date(2, 1, 1), date(1999, 12, 31),
                                   date(2101, 1, 1), date(9999, 12, 31)])
def test_start_out_of_range_is_a_danish_input_error(start):
    # Every caller (CLI, web, API, Python) gets the same error, never an OverflowError.
    with pytest.raises(InputError, match="Startdatoen skal ligge mellem 2000 og 2100"):
        build_plan(start, 26)


def test_start_must_be_a_date():
    with pytest.raises(InputError, match="dato"):
        build_plan("2026-12-01", 6)  # type: ignore[arg-type]
