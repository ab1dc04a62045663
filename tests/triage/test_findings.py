"""Each policy finding is detected from ordinary Danish, and sets the policy's level."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from tests.triage.helpers import expect

CASES = [
    # finding, level, description
    ("pe_signs", "emergency", "Jeg er pludselig meget forpustet, og min læg er øm"),
    ("pe_signs", "emergency", "Der er en trykken for brystet og læggen gør ondt"),
    ("pe_signs", "emergency", "jeg hoster blod og har ondt i benet"),
    ("pe_signs", "emergency", "Jeg kan ikke få vejret ordentligt"),
    ("seizure", "emergency", "Min datter har feberkramper"),
    ("seizure", "emergency", "Han fik et krampeanfald og var bevidstløs"),
    ("seizure", "emergency", "Hele kroppen rykkede, og hun reagerede ikke"),
    ("limb_ischaemia", "emergency", "Foden er pludselig iskold og helt hvid"),
    ("limb_ischaemia", "emergency", "Benet er koldt og jeg kan ikke bevæge tæerne"),
    ("cauda_equina", "emergency", "Ondt i ryggen og følelsesløs i skridtet"),
    ("cauda_equina", "emergency", "Iskias og nu kan jeg ikke holde på urinen"),
    ("dvt_signs", "urgent", "Den ene læg er hævet og øm"),
    ("dvt_signs", "urgent", "læggen er rød, varm og gør ondt"),
    ("dvt_signs", "urgent", "Efter kejsersnittet for to uger siden er mit venstre ben hævet"),
    ("dvt_signs", "urgent", "Jeg har gips på foden og læggen er blevet hævet"),
    ("dvt_signs", "urgent", "Jeg er i kemobehandling og mit ben er opsvulmet"),
    ("injury_signs", "urgent", "Det føltes som om nogen sparkede mig i læggen, et smæld"),
    ("injury_signs", "urgent", "Efter tacklingen kan jeg ikke støtte på benet"),
    ("injury_signs", "urgent", "Et kæmpe blåt mærke på læggen efter træning"),
    ("injury_signs", "urgent", "Jeg faldt på cyklen og læggen er meget hævet"),
    ("persistent_cramp", "urgent", "Krampen har varet over 20 minutter"),
    ("persistent_cramp", "urgent", "Krampen vil ikke slippe selv om jeg strækker og går rundt"),
    ("persistent_cramp", "urgent", "Krampen gik over, men læggen er stadig hård og øm timer efter"),
    ("neuro_deficit", "urgent", "Foden sover hele tiden og benet føles svagt"),
    ("neuro_deficit", "urgent", "Jeg kan ikke løfte foden og snubler over den"),
    ("frequent_disturbing", "routine", "Jeg vågner hver nat med krampe i læggen"),
    ("frequent_disturbing", "routine", "Kramperne ødelægger min nattesøvn"),
    ("recurrent_unexplained", "routine", "Jeg har haft kramper flere gange om ugen i månedsvis"),
    ("recurrent_unexplained", "routine", "Jeg får ofte krampe i hvile uden nogen grund"),
    ("medication_suspected", "routine", "Siden jeg fik blodtryksmedicin har jeg fået kramper"),
    ("medication_suspected", "routine", "Får kramper efter jeg begyndte på atorvastatin"),
    ("supplement_risk", "routine", "Jeg er i dialyse, må jeg tage magnesium mod krampe?"),
    ("claudication", "routine", "Ondt i læggen efter 200 meter, det letter når jeg står stille"),
    ("claudication", "routine", "Jeg har åreforkalkning og krampe i læggen"),
    ("nerve_compression", "routine", "Diskusprolaps i lænden og krampe i læggen"),
    ("nerve_compression", "routine", "Jeg har en klemt nerve i ryggen, og det stråler ned i benet"),
    ("self_care_failed", "routine", "Strækker og drikker vand mod kramperne, men intet hjælper"),
]


@pytest.mark.parametrize("finding,expected,text", CASES)
def test_finding_present_with_its_level(finding, expected, text):
    expect(text, expected, **{finding: "present"})


def test_every_policy_finding_has_a_case():
    from krampe.triage.schema import POLICY_FINDINGS

    assert {c[0] for c in CASES} == POLICY_FINDINGS


@pytest.mark.parametrize(
    "text",
    [
        "Min søn på 2 år fik feberkramper i nat",
        "Min far fik et krampeanfald",
        "Hun fik kramper i hele kroppen og var væk i et par minutter",
        "Jeg har epilepsi og fik et anfald",
    ],
)
def test_seizures_are_not_cramps(text):
    r = expect(text, "emergency", seizure="present")
    # never treated as calf cramps: no cramp triggers, no cramp questions
    assert r.triggers == []
    assert r.questions == []


def test_febrile_seizure_history_still_mentions_but_a_calf_cramp_is_not_a_seizure():
    expect("Jeg får lægkramper om natten", "self_care", lacks=("seizure",))


@pytest.mark.parametrize(
    "text",
    [
        "Jeg blev forpustet efter intervalløbet og fik krampe i læggen",
        "Jeg var helt forpustet efter fodboldkampen, og så fik jeg krampe",
        "Forpustet på trapperne og lidt krampe i læggen bagefter",
    ],
)
def test_breathless_from_hard_exercise_is_not_pe(text):
    assert triage(text).level == "self_care"


@pytest.mark.parametrize(
    "text",
    [
        "Begge ankler er lidt hævede efter flyveturen, men gør ikke ondt",
        "Jeg er gravid i uge 34, og anklerne hæver lidt om aftenen, ingen smerter eller rødme",
    ],
)
def test_mild_bilateral_ankle_swelling_is_not_dvt(text):
    assert triage(text).level == "self_care"


def test_plain_tit_without_time_span_is_self_care():
    assert triage("Jeg får tit krampe i læggen").level == "self_care"
