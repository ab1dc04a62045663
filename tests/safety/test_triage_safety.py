"""Safety cases for triage, one per hazard in docs/safety/hazard-log.md.

Descriptions are written here in everyday Danish (not copied from the dev sets); each test
checks the policy in ../shared/spec/triage-policy.md, not one engine's wording.
"""

from __future__ import annotations

import re

import pytest

from krampe.errors import InputError
from krampe.triage import triage
from tests.triage.helpers import RANK, at_least, expect, level, status_of


@pytest.mark.parametrize("text", [
    "Min venstre læg er blevet hævet, rød og varm i løbet af i går",
    "Læggen er hævet og øm, og den ene fod er tykkere end den anden",
    "jeg har fået en varm og rød læg der gør ondt når jeg går",
    "Efter operationen i knæet er min højre læg hævet",
])
def test_swollen_red_warm_calf_is_urgent_or_higher(text):
    at_least(text, "urgent")


@pytest.mark.parametrize("text", [
    "læggn er hævt og varm",
    "LÆGGEN ER HÆVET OG RØD",
    "min lægmuskel er hævet og øm efter flyveturen fra Thailand",
])
def test_typos_and_inflections_still_urgent(text):
    at_least(text, "urgent")


def test_old_clot_with_current_swelling_is_urgent():
    text = "Jeg havde en blodprop i benet for fire år siden, og nu er min læg hævet igen"
    at_least(text, "urgent")


def test_old_clot_alone_does_not_raise_level():
    result = triage("Jeg havde en blodprop for mange år siden. I nat fik jeg krampe i læggen.")
    assert "historical" in {f.status for f in result.findings} or not result.findings
    assert result.level in ("self_care", "routine")


def test_yes_to_swelling_question_raises_level():
    text = "Jeg har ondt i læggen"
    first = triage(text)
    assert first.questions, "calf pain with open red flags must ask follow-up questions"
    ids = [q.id for q in first.questions]
    before = RANK[first.level]
    raised = [qid for qid in ids
              if RANK[triage(text, answers={qid: True}).level or "self_care"] > before]
    assert raised, f"no 'yes' to {ids} raised the level"


@pytest.mark.parametrize("text", [
    "Jeg fik pludselig svært ved at trække vejret og har trykken for brystet, og læggen er øm",
    "Min fod er blevet kold og helt hvid, og jeg kan ikke bevæge tæerne",
    "Jeg hoster blod og har ondt i brystet",
    "Ondt i ryggen og jeg er følelsesløs i skridtet og kan ikke holde på vandet",
])
def test_emergency_findings_send_to_112(text):
    assert level(text) == "emergency", text


def test_emergency_action_names_112():
    result = triage("Jeg har pludselig svært ved at få luft og smerter i brystet")
    assert result.level == "emergency"
    assert re.search(r"\b112\b", result.action)


def test_negated_swelling_not_present():
    result = triage("Jeg får krampe i læggen om natten. Læggen er ikke hævet og ikke rød.")
    assert status_of(result.text, "dvt_signs") != "present"
    assert result.level in ("self_care", "routine")
    assert not any("hævet" in q.text.lower() or "hævelse" in q.text.lower()
                   for q in result.questions), "a negated swelling was asked about again"


def test_negation_scope_ends_at_men():
    text = "Der er ingen rødme, men læggen er hævet og varm"
    at_least(text, "urgent")


def test_relative_history_is_other_person():
    result = triage("Min mor havde en blodprop. Jeg får krampe i læggen om natten.")
    assert status_of(result.text, "dvt_signs") != "present"
    assert result.level in ("self_care", "routine")


def test_asking_for_a_relative_keeps_findings_present():
    at_least("Min far på 82 har fået en hævet og rød læg, hvad skal han gøre?", "urgent")


@pytest.mark.parametrize("text", [
    "Min datter på 2 år fik feberkramper i nat",
    "Min mand fik et krampeanfald og rystede over hele kroppen",
])
def test_seizure_is_emergency_not_cramp(text):
    expect(text, "emergency", seizure="present")


def test_ask_about_seizure_carries_emergency_triage():
    from krampe.core import ask
    from krampe.knowledge.kb import KnowledgeBase

    result = ask("Mit barn har feberkramper, hvad gør jeg?", KnowledgeBase.load(["bundled"]), 3)
    data = result.model_dump() if hasattr(result, "model_dump") else dict(result)
    assert data["triage"] is not None
    assert data["triage"]["level"] == "emergency"


def _regions_from_clinical_sources(text: str) -> dict[str, str]:
    text = " ".join(text.split())  # the spec wraps lines inside "Region\n  Midtjylland"
    found = {}
    for match in re.finditer(r"(\d{4}) \(Region (\w+)", text):
        found[match[2]] = match[1]
    for match in re.finditer(r"Region (\w+) (\d{2} \d{2} \d{2} \d{2})", text):
        found[match[1]] = match[2]
    return found


def test_region_numbers_match_clinical_sources(shared_dir):
    from krampe.policy import get_policy

    spec = (shared_dir / "spec" / "clinical-sources.md").read_text(encoding="utf-8")
    expected = _regions_from_clinical_sources(spec)
    assert len(expected) == 5, expected
    policy = get_policy()
    ours = {r.name.removeprefix("Region "): r.number for r in policy.regions()}
    assert ours == expected
    assert policy.emergency_number() == "112"
    assert all(r.verified for r in policy.regions()), "every number needs a verified date"


@pytest.mark.parametrize(("region", "number"), [
    ("hovedstaden", "1813"), ("sjaelland", "1818"), ("nordjylland", "70 15 03 00"),
    ("midtjylland", "70 11 31 31"), ("syddanmark", "70 11 07 07"),
])
def test_urgent_action_names_region_number(region, number):
    result = triage("Min læg er hævet, rød og varm", region=region)
    assert result.level == "urgent"
    assert number in result.action
    others = {"1813", "1818", "70 15 03 00", "70 11 31 31", "70 11 07 07"} - {number}
    assert not any(o in result.action for o in others), "another region's number shown"


@pytest.mark.parametrize("text", [
    "Jeg vågner om natten med krampe i læggen, det går over når jeg strækker",
    "Fik krampe i læggen under fodboldkampen, den slap efter et minut",
    "Min læg trak sig sammen i nat, og den er lidt øm her til morgen",
    "jeg får krampe i læggen når jeg har drukket for lidt vand",
    "krampe i lægmusklen efter svømning, hvad kan jeg selv gøre?",
    "Hvorfor får man kramper i benene om natten?",
])
def test_ordinary_night_cramp_never_emergency(text):
    assert level(text) in ("self_care", "routine"), text


def test_exercise_breathlessness_not_emergency():
    text = "Jeg var forpustet efter intervalløbet, og bagefter fik jeg krampe i læggen"
    assert level(text) != "emergency"


def test_hypothetical_red_flag_goes_to_if_then():
    result = triage("Hvad gør jeg hvis benet bliver hævet og varmt efter krampen?")
    assert result.level in ("self_care", "routine", None)
    assert result.if_then, "a hypothetical red flag must be answered in if_then"
    assert any(getattr(i, "level", None) in ("urgent", "emergency") for i in result.if_then)
    assert status_of(result.text, "dvt_signs") != "present"


@pytest.mark.parametrize(("finding", "minimum"), [
    ("frequent_disturbing", "routine"), ("recurrent_unexplained", "routine"),
    ("self_care_failed", "routine"),
])
def test_diary_finding_ids_raise_level(finding, minimum):
    from krampe.diary.doctor import DIARY_TEXT

    assert level(DIARY_TEXT) == "self_care"
    at_least(DIARY_TEXT, minimum, known_findings=[finding])


def test_red_flag_in_diary_note_is_flagged():
    from krampe.diary.doctor import triage_note

    note = triage_note("Vågnede med krampe, og nu er læggen hævet og varm")
    assert note is not None and RANK[note["level"]] >= RANK["urgent"]
    assert triage_note("Kort krampe i nat, gik over med udstrækning") is None


@pytest.mark.parametrize("text", [
    "asdkjh qwe zxcmnb", "???!!!", "🙂🙂🙂", "The weather is nice today",
    "Das Wetter ist heute schön", "1234 5678",
])
def test_noise_and_other_language_not_self_care(text):
    result = triage(text)
    assert result.understood is False
    assert result.level is None
    assert "112" in result.action


def test_over_long_input_rejected_not_truncated():
    red_flag_at_the_end = "Jeg har haft krampe. " * 400 + "Nu er læggen hævet og varm."
    assert len(red_flag_at_the_end) > 5000
    with pytest.raises(InputError) as info:
        triage(red_flag_at_the_end)
    assert info.value.code == "too_long"
    assert "tegn" in info.value.message
    with pytest.raises(InputError):
        triage("   ")
