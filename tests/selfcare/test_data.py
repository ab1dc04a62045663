"""The self-care data files: valid on load, every item sourced from the registry."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from krampe.selfcare import acute_guide, exercises
from krampe.selfcare.models import Dose, Exercise
from krampe.selfcare.plan import plan_config


def test_every_guide_item_cites_known_sources(registry_ids):
    guide = acute_guide()
    items = [*guide.steps, *guide.red_flags, *guide.notes, *guide.contacts]
    for item in items:
        assert item.sources, item.id
        assert set(item.sources) <= registry_ids, (item.id, set(item.sources) - registry_ids)


def test_guide_covers_the_acute_steps_in_order():
    guide = acute_guide()
    ids = [s.id for s in guide.steps]
    for earlier, later in [("dorsiflex", "walk"), ("walk", "heat")]:
        assert ids.index(earlier) < ids.index(later)
    assert {"wall_stretch", "massage"} <= set(ids)
    # At night the person is lying in bed: the first steps start there, not standing.
    first = guide.first_steps
    assert first and ids[: len(first)] == [s.id for s in first]
    assert first[0].id == "dorsiflex" and "liggende" in first[0].text
    assert "wall_stretch" not in {s.id for s in first}


def test_red_flags_match_policy_levels():
    flags = {f.finding: f for f in acute_guide().red_flags}
    # triage-policy.md: these are emergencies (112) ...
    for finding in ("pe_signs", "limb_ischaemia"):
        assert flags[finding].level == "emergency"
        assert "112" in flags[finding].action
    # ... and these mean a doctor today.
    for finding in ("dvt_signs", "injury_signs", "persistent_cramp"):
        assert flags[finding].level == "urgent"
        assert "i dag" in flags[finding].action


def test_contacts_have_112_and_every_region():
    contacts = acute_guide().contacts
    assert any(c.number == "112" for c in contacts)
    regions = {c.region for c in contacts if c.region}
    assert regions == {"hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"}
    for c in contacts:
        if c.number and c.number != "112":
            assert re.fullmatch(r"\d{4}|\d{2} \d{2} \d{2} \d{2}", c.number), c.number


def test_guide_names_the_disagreement_between_the_seeds():
    notes = acute_guide().notes
    note = next(n for n in notes if {"seed-2022", "seed-2025"} <= set(n.sources))
    assert "2022" in note.text and "2025" in note.text
    assert "mellem kramperne" in note.text  # heel drops are training, not acute care


def test_exercises_cover_the_required_ones_and_cite_known_sources(registry_ids):
    items = {e.id: e for e in exercises()}
    assert {"wall_calf_stretch", "soleus_wall_stretch", "eccentric_heel_drops"} <= set(items)
    for ex in items.values():
        assert set(ex.source_ids) <= registry_ids, (ex.id, set(ex.source_ids) - registry_ids)
        assert ex.steps and ex.progression and ex.cautions


def test_exercise_doses_are_in_the_recommended_range():
    for ex in exercises():
        d = ex.dose
        if ex.kind == "stretch":
            assert 30 <= d.hold_seconds_min <= d.hold_seconds_max <= 60
            assert 2 <= d.sets_min <= d.sets_max <= 3
        else:
            assert 10 <= d.reps_min <= d.reps_max <= 15
            assert d.sets_max == 3


def test_gastrocnemius_straight_knee_and_soleus_bent_knee():
    items = {e.id: e for e in exercises()}
    assert "strakt knæ" in items["wall_calf_stretch"].target
    assert "bøjet knæ" in items["soleus_wall_stretch"].target
    assert items["eccentric_heel_drops"].eccentric


def test_heel_drops_carry_a_pregnancy_caution():
    heel = next(e for e in exercises() if e.id == "eccentric_heel_drops")
    assert any("pregnant" in c.applies_to for c in heel.cautions)


def test_plan_rules_cite_known_sources(registry_ids):
    cfg = plan_config()
    rules = [*cfg.rules, *cfg.cautions] + [r for p in cfg.profiles.values() for r in p.rules]
    for rule in rules:
        assert rule.sources and set(rule.sources) <= registry_ids, rule.id


def test_invalid_data_is_rejected_on_load():
    good = next(e for e in exercises() if e.id == "wall_calf_stretch").model_dump()
    with pytest.raises(ValidationError):  # a stretch dosed in repetitions
        Exercise.model_validate({**good, "dose": {**good["dose"], "reps_min": 10,
                                                  "reps_max": 12}})  # fmt: skip
    with pytest.raises(ValidationError):  # no sources
        Exercise.model_validate({**good, "sources": []})
    with pytest.raises(ValidationError):  # unknown key (typo in YAML)
        Exercise.model_validate({**good, "dosis": 3})
    with pytest.raises(ValidationError):  # min above max
        Dose(sets_min=3, sets_max=2, reps_min=10, reps_max=12, frequency="x", sources=["a"])


def test_phone_numbers_are_the_policys():
    """The guide writes no number itself: each contact's comes from the policy by key."""
    from krampe.policy import get_policy

    policy = get_policy()
    ours = {c.region: c.number for c in acute_guide().contacts if c.region}
    assert ours == {r.id: r.number for r in policy.regions()}
    emergency = next(c for c in acute_guide().contacts if c.id == "emergency")
    assert emergency.number == policy.emergency_number()
