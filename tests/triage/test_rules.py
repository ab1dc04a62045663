"""Rule files are validated on load: bad ids, missing sources and broken patterns fail."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from krampe.policy import get_policy
from krampe.triage.patterns import parse_pattern
from krampe.triage.schema import (
    POLICY_FINDINGS,
    POLICY_TRIGGERS,
    RULES_DIR,
    RuleError,
    load_rules,
)
from tests.datafiles import edit_yaml as edit


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    d = tmp_path / "rules"
    shutil.copytree(RULES_DIR, d)
    return d


def test_bundled_rules_load_and_cover_the_policy():
    rules = load_rules()
    assert set(rules.findings) == POLICY_FINDINGS
    assert set(rules.triggers) == POLICY_TRIGGERS
    sources = get_policy().sources()
    for f in rules.findings.values():
        assert f.sources and all(s in sources for s in f.sources)


def test_unknown_concept_in_finding(rules_copy):
    edit(rules_copy / "findings.yaml",
         lambda d: d["findings"][0]["rules"][0]["all"].append("no_such_concept"))
    with pytest.raises(RuleError, match="unknown concept 'no_such_concept'"):
        load_rules(rules_copy)


def test_missing_source(rules_copy):
    edit(rules_copy / "findings.yaml", lambda d: d["findings"][0].update(sources=["nowhere"]))
    with pytest.raises(RuleError, match="unknown source 'nowhere'"):
        load_rules(rules_copy)


def test_finding_without_sources(rules_copy):
    edit(rules_copy / "findings.yaml", lambda d: d["findings"][0].update(sources=[]))
    with pytest.raises(RuleError, match=r"findings\.yaml"):
        load_rules(rules_copy)


def test_unknown_finding_id(rules_copy):
    edit(rules_copy / "findings.yaml", lambda d: d["findings"][0].update(id="made_up"))
    with pytest.raises(RuleError, match="made_up"):
        load_rules(rules_copy)


def test_unknown_trigger_id(rules_copy):
    edit(rules_copy / "triggers.yaml", lambda d: d["triggers"][0].update(id="moon_phase"))
    with pytest.raises(RuleError, match="moon_phase"):
        load_rules(rules_copy)


def test_question_for_unknown_finding(rules_copy):
    edit(rules_copy / "questions.yaml", lambda d: d["questions"][0].update(finding="nope"))
    with pytest.raises(RuleError, match="unknown finding 'nope'"):
        load_rules(rules_copy)


def test_finding_cannot_be_self_care(rules_copy):
    edit(rules_copy / "findings.yaml", lambda d: d["findings"][0].update(level="self_care"))
    with pytest.raises(RuleError, match="self_care"):
        load_rules(rules_copy)


def test_bad_context_direction(rules_copy):
    edit(rules_copy / "context_da.yaml", lambda d: d["rules"][0].update(direction="SIDEWAYS"))
    with pytest.raises(RuleError, match=r"context_da\.yaml"):
        load_rules(rules_copy)


def test_broken_pattern(rules_copy):
    edit(rules_copy / "lexicon_da.yaml",
         lambda d: d["concepts"]["swelling"]["patterns"].append("~2 hævet"))
    with pytest.raises(RuleError, match=r"lexicon_da\.yaml"):
        load_rules(rules_copy)


def test_unknown_field_is_an_error(rules_copy):
    edit(rules_copy / "findings.yaml", lambda d: d["findings"][0].update(levle="urgent"))
    with pytest.raises(RuleError):
        load_rules(rules_copy)


@pytest.mark.parametrize("bad", ["", "~1 a", "a ~1", "a*b", "*"])
def test_pattern_syntax_errors(bad):
    with pytest.raises(ValueError):
        parse_pattern(bad)


def test_unknown_concept_in_generic_questions(rules_copy):
    edit(rules_copy / "context_da.yaml",
         lambda d: d["generic_questions"]["applies_to"].append("nonsense"))
    with pytest.raises(RuleError, match="nonsense"):
        load_rules(rules_copy)


def test_unknown_allowed_type_in_cue(rules_copy):
    edit(rules_copy / "context_da.yaml",
         lambda d: d["rules"][0].update(allowed_types=["no_concept"]))
    with pytest.raises(RuleError, match="no_concept"):
        load_rules(rules_copy)
