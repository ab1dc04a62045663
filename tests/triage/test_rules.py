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


# Each edit to a copy of the bundled rules, and the error it must raise (None: any RuleError).
BROKEN = [
    pytest.param("findings.yaml",
                 lambda d: d["findings"][0]["rules"][0]["all"].append("no_such_concept"),
                 "unknown concept 'no_such_concept'", id="unknown_concept_in_finding"),
    pytest.param("findings.yaml",
                 lambda d: d["findings"][0].update(sources=["nowhere"]),
                 "unknown source 'nowhere'", id="missing_source"),
    pytest.param("findings.yaml",
                 lambda d: d["findings"][0].update(sources=[]),
                 r"findings\.yaml", id="finding_without_sources"),
    pytest.param("findings.yaml",
                 lambda d: d["findings"][0].update(id="made_up"),
                 "made_up", id="unknown_finding_id"),
    pytest.param("triggers.yaml",
                 lambda d: d["triggers"][0].update(id="moon_phase"),
                 "moon_phase", id="unknown_trigger_id"),
    pytest.param("questions.yaml",
                 lambda d: d["questions"][0].update(finding="nope"),
                 "unknown finding 'nope'", id="question_for_unknown_finding"),
    pytest.param("findings.yaml",
                 lambda d: d["findings"][0].update(level="self_care"),
                 "self_care", id="finding_cannot_be_self_care"),
    pytest.param("context_da.yaml",
                 lambda d: d["rules"][0].update(direction="SIDEWAYS"),
                 r"context_da\.yaml", id="bad_context_direction"),
    pytest.param("lexicon_da.yaml",
                 lambda d: d["concepts"]["swelling"]["patterns"].append("~2 hævet"),
                 r"lexicon_da\.yaml", id="broken_pattern"),
    pytest.param("findings.yaml",
                 lambda d: d["findings"][0].update(levle="urgent"),
                 None, id="unknown_field_is_an_error"),
    pytest.param("context_da.yaml",
                 lambda d: d["generic_questions"]["applies_to"].append("nonsense"),
                 "nonsense", id="unknown_concept_in_generic_questions"),
    pytest.param("context_da.yaml",
                 lambda d: d["rules"][0].update(allowed_types=["no_concept"]),
                 "no_concept", id="unknown_allowed_type_in_cue"),
]


@pytest.mark.parametrize("file,change,match", BROKEN)
def test_a_broken_rule_file_fails_on_load(rules_copy, file, change, match):
    edit(rules_copy / file, change)
    with pytest.raises(RuleError, match=match):
        load_rules(rules_copy)


@pytest.mark.parametrize("bad", ["", "~1 a", "a ~1", "a*b", "*"])
def test_pattern_syntax_errors(bad):
    with pytest.raises(ValueError):
        parse_pattern(bad)
