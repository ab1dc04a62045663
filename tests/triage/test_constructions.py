"""Named constructions and concept families: one idea written once, read in every word
order; both are data, checked when the rules load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from krampe.lang.da import danish
from krampe.triage.patterns import expand_families, parse_pattern, parse_patterns
from krampe.triage.schema import RULES_DIR, RuleError, get_rules, load_rules
from tests.datafiles import edit_yaml
from tests.triage.helpers import present


def _rules_with(tmp_path: Path, name: str, edit) -> Path:
    """A copy of the rule files with one of them changed by `edit` (a function of its YAML)."""
    d = tmp_path / "rules"
    shutil.copytree(RULES_DIR, d)
    edit_yaml(d / f"{name}.yaml", edit)
    return d


def test_a_family_with_phrases_compiles_to_one_pattern_per_phrase():
    flat = expand_families("{PAIN} i brystet")
    assert flat[0].startswith("*ondt|ont|") and "gør nas i brystet" in flat
    assert len(parse_patterns("{PAIN} i brystet")) == len(flat)
    with pytest.raises(ValueError, match="parse_patterns"):
        parse_pattern("{PAIN} i brystet")
    with pytest.raises(ValueError, match="unknown family"):
        parse_patterns("{NO_SUCH_FAMILY}")


def test_families_write_out_store_concepts_and_other_families():
    assert "læggen" in danish().family("LEG")[0]  # {CALF} inside {LEG}
    assert "hver gang" in danish().family("WHEN")


def test_every_use_of_a_construction_cites_a_source():
    rules = get_rules()
    uses = [u for c in rules.lexicon.concepts.values() for u in c.constructions]
    assert uses and all(u.sources for u in uses)
    assert {u.use for u in uses} <= set(rules.constructions)


def test_an_unknown_construction_is_refused(tmp_path):
    def edit(d):
        d["concepts"]["chest_pain"]["constructions"][0]["use"] = "whenever"
    with pytest.raises(RuleError, match="unknown construction"):
        load_rules(_rules_with(tmp_path, "lexicon_da", edit))


def test_a_use_without_a_form_for_its_slots_is_refused(tmp_path):
    def edit(d):
        d["concepts"]["no_weight"]["constructions"][0]["use"] = "when"  # needs x and y
    with pytest.raises(RuleError, match="no form with slots"):
        load_rules(_rules_with(tmp_path, "lexicon_da", edit))


# One construction, every word order ("pain when breathing").
@pytest.mark.parametrize("text", [
    "Det gør ondt i siden når jeg trækker vejret",
    "Når jeg ånder ind, stikker det i brystet",
    "smerter ved hver indånding",
    "jeg har fået smertefuld vejrtrækning",
    "det gør ondt at trække vejret",
    "Vejrtrækningen gør ondt",
])
def test_pain_when_breathing_in_any_order(text: str) -> None:
    assert present(text, "pe_signs")


@pytest.mark.parametrize(("text", "finding"), [
    ("jeg kan ikke løfte foden ordentligt og snubler", "neuro_deficit"),
    ("Foden er iskold og bleg og han kan knap røre tæerne", "limb_ischaemia"),
    ("hun har ikke kunnet holde på vandet siden i går og har ondt i ryggen", "cauda_equina"),
    ("Efter faldet kan jeg ikke træde på foden", "injury_signs"),
    ("han kan næsten ikke få vejret", "pe_signs"),
])
def test_cannot_verb(text: str, finding: str) -> None:
    assert present(text, finding)


@pytest.mark.parametrize("text", [
    "jeg fik krampe efter at have stået i ti timer på lageret",
    "krampe i læggen da jeg løb i en time, den slap med det samme",
])
def test_a_duration_belongs_to_the_thing_it_follows(text: str) -> None:
    assert not present(text, "persistent_cramp")


@pytest.mark.parametrize("text", [
    "jeg fik en krampe i nat, der sad i en halv time",
    "Krampen har nu varet tre kvarter",
    "Krampen gik over, men fem timer efter er læggen stadig stenhård",
])
def test_a_long_cramp_or_a_calf_still_hard_later(text: str) -> None:
    assert present(text, "persistent_cramp")


@pytest.mark.parametrize("text", [
    "Foden er svag, og svagheden er blevet værre",
    "Tiltagende følelsesløshed i foden og den er svag",
])
def test_weakness_getting_worse_has_lasted(text: str) -> None:
    assert present(text, "neuro_deficit")


def test_every_named_construction_is_used():
    rules = get_rules()
    used = {u.use for c in [*rules.lexicon.concepts.values(), *rules.triggers.values()]
            for u in c.constructions}
    assert used == set(rules.constructions)
