"""The policy loader: validated on load, one order of levels, a version naming the rules."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from krampe.errors import InputError
from krampe.policy import LEVEL_IDS, PolicyError, get_policy, load_policy, policy_version
from krampe.policy.load import DATA_DIR, RULES_DIR
from tests.datafiles import edit_yaml as edit


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    data, rules = tmp_path / "data", tmp_path / "rules"
    shutil.copytree(DATA_DIR, data)
    shutil.copytree(RULES_DIR, rules)
    return data, rules


def test_levels_most_urgent_first():
    policy = get_policy()
    assert policy.LEVELS == ("emergency", "urgent", "routine", "self_care")
    assert set(policy.LEVELS) == set(LEVEL_IDS)
    ranks = [policy.rank(lv) for lv in policy.LEVELS]
    assert ranks == sorted(ranks, reverse=True)


def test_level_info_has_everything_a_page_shows():
    policy = get_policy()
    for level in policy.LEVELS:
        info = policy.level_info(level)
        assert info.headline and info.colour and info.icon and info.sources
        assert "{" not in info.headline
        assert "{emergency}" not in info.action and "{headline}" not in info.action
    assert policy.emergency_number() in policy.level_info("emergency").headline


def test_actions_fill_the_regions_number():
    policy = get_policy()
    urgent = policy.action("urgent", "sjaelland")
    assert policy.region("sjaelland").number in urgent
    assert policy.region("hovedstaden").number not in urgent
    assert policy.level_info("urgent").headline in urgent
    every = policy.not_understood_action()
    assert all(r.number in every for r in policy.regions())
    assert policy.own_gp().hours in urgent


def test_regions_and_numbers():
    policy = get_policy()
    assert [r.id for r in policy.regions()] == [
        "hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]
    for r in policy.regions():
        assert r.verified and r.source in policy.sources()
    assert policy.normalise_region("Region Sjælland") == "sjaelland"
    assert policy.normalise_region(" SJAELLAND ") == "sjaelland"
    assert policy.normalise_region(None) is None
    with pytest.raises(InputError):
        policy.normalise_region("Skåne")


def test_short_actions_and_calls_for_the_care_cards():
    policy = get_policy()
    for level in LEVEL_IDS:
        short = policy.short_action(level)
        assert short and short.endswith(".") and "{" not in short
        # No phone number in it: the card shows numbers as call buttons.
        assert not re.search(r"\d{3}", short)
    assert [c.kind for c in policy.calls("emergency")] == ["emergency"]
    assert policy.calls("emergency")[0].tel == policy.emergency_number()
    oohs, gp = policy.calls("urgent", "syddanmark")
    assert oohs.kind == "out_of_hours" and oohs.number == policy.region("syddanmark").number
    assert oohs.tel == oohs.number.replace(" ", "") and oohs.note == "Region Syddanmark"
    assert gp.kind == "own_gp" and gp.number is None and gp.note == policy.own_gp().hours
    # Without a region, no number: the page asks for the region instead.
    assert policy.calls("urgent")[0].number is None and policy.calls("urgent")[0].tel is None
    assert [c.kind for c in policy.calls("routine")] == ["own_gp"]
    assert policy.calls("self_care") == ()


def test_out_of_hours_list_is_named_for_pages_with_a_call_button():
    policy = get_policy()
    action = policy.action("urgent")
    assert policy.out_of_hours(None) in action
    named = policy.name_out_of_hours(action)
    assert not any(r.number in named for r in policy.regions())
    assert "til lægevagten." in named
    one = policy.action("urgent", "sjaelland")
    assert policy.name_out_of_hours(one) == one  # one region's number stays


def test_fill_rejects_an_unknown_placeholder():
    with pytest.raises(PolicyError):
        get_policy().fill("Ring {nummer}")
    assert get_policy().fill("ring {emergency}") == f"ring {get_policy().emergency_number()}"


def test_bundled_files_load(dirs):
    data, rules = dirs
    assert load_policy(data, rules).LEVELS == get_policy().LEVELS


def test_schema_rejects_a_bad_level(dirs):
    data, rules = dirs
    edit(data / "levels.yaml", lambda d: d["levels"][0].update(id="critical"))
    with pytest.raises(PolicyError, match=r"levels\.yaml"):
        load_policy(data, rules)


def test_schema_rejects_a_missing_level(dirs):
    data, rules = dirs
    edit(data / "levels.yaml", lambda d: d["levels"].pop())
    with pytest.raises(PolicyError, match="levels"):
        load_policy(data, rules)


def test_schema_rejects_equal_ranks(dirs):
    data, rules = dirs
    edit(data / "levels.yaml", lambda d: d["levels"][1].update(rank=d["levels"][0]["rank"]))
    with pytest.raises(PolicyError, match="rank"):
        load_policy(data, rules)


def test_schema_rejects_an_unknown_placeholder(dirs):
    data, rules = dirs
    edit(data / "levels.yaml", lambda d: d["levels"][0].update(action="Ring {nummer}"))
    with pytest.raises(PolicyError, match="placeholder"):
        load_policy(data, rules)


def test_schema_rejects_an_unknown_field(dirs):
    data, rules = dirs
    edit(data / "levels.yaml", lambda d: d["levels"][0].update(headlien="x"))
    with pytest.raises(PolicyError):
        load_policy(data, rules)


def test_missing_region_or_mistyped_number(dirs):
    data, rules = dirs
    edit(data / "regions.yaml", lambda d: d["regions"].pop())
    with pytest.raises(PolicyError, match="regions"):
        load_policy(data, rules)
    shutil.copy(DATA_DIR / "regions.yaml", data / "regions.yaml")
    edit(data / "regions.yaml", lambda d: d["regions"][2].update(number="70 11 0707"))
    with pytest.raises(PolicyError, match="number"):
        load_policy(data, rules)


def test_unknown_source_is_an_error(dirs):
    data, rules = dirs
    edit(data / "levels.yaml", lambda d: d["levels"][0].update(sources=["nowhere"]))
    with pytest.raises(PolicyError, match="nowhere"):
        load_policy(data, rules)


def test_duplicate_source_id_is_an_error(dirs):
    data, rules = dirs
    edit(data / "sources.yaml", lambda d: d["sources"].append(dict(d["sources"][0])))
    with pytest.raises(PolicyError, match="duplicate"):
        load_policy(data, rules)


def test_version_is_short_and_stable():
    assert re.fullmatch(r"[0-9a-f]{12}", policy_version())
    assert load_policy().policy_version() == policy_version()


def test_version_changes_when_a_rule_file_changes(dirs):
    data, rules = dirs
    before = load_policy(data, rules).policy_version()
    assert before == policy_version()  # same bytes, same version
    findings = rules / "findings.yaml"
    findings.write_text(findings.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    after = load_policy(data, rules).policy_version()
    assert after != before


def test_version_changes_when_policy_data_changes(dirs):
    data, rules = dirs
    before = load_policy(data, rules).policy_version()
    edit(data / "regions.yaml", lambda d: d["own_gp"].update(hours="hverdage kl. 8-15"))
    assert load_policy(data, rules).policy_version() != before


def test_version_changes_when_a_rule_file_is_added(dirs):
    data, rules = dirs
    before = load_policy(data, rules).policy_version()
    (rules / "extra.yaml").write_text("x: 1\n", encoding="utf-8")
    assert load_policy(data, rules).policy_version() != before
