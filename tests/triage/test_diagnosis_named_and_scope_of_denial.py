"""A diagnosis named is no event, a denied stopping keeps the medicine, a relative who is
ill stays the patient, a stretch beside a halt is a cramp let go, and a calf that locks in
either word order is a cramp. Our own wordings; each test names the behaviour."""

from __future__ import annotations

import pytest

from krampe.triage import triage
from krampe.triage.engine import Engine
from tests.triage.helpers import level, status_of


@pytest.mark.parametrize("text", [
    "Min søster har epilepsi.",
    "Jeg har haft epilepsi siden jeg var barn, og i nat fik jeg krampe i læggen.",
])
def test_epilepsy_named_as_a_diagnosis_is_no_fit_now(text: str) -> None:
    assert level(text) != "emergency"


@pytest.mark.parametrize("text", [
    "Min bror har epilepsi og fik et anfald for fem minutter siden.",
    "Hun fik et epileptisk anfald på gulvet i køkkenet.",
])
def test_a_fit_is_still_an_emergency(text: str) -> None:
    assert level(text) == "emergency"


def test_a_denied_stopping_keeps_the_medicine_taken() -> None:
    text = "Jeg tør ikke droppe blodtrykspillerne, men jeg får krampe i læggene."
    assert status_of(text, "medication_suspected") == "present"
    assert status_of("Jeg tager ikke blodtrykspiller, men får krampe i læggene.",
                     "medication_suspected") != "present"


def test_a_remedy_read_about_for_an_ill_relative_leaves_the_relative_the_patient() -> None:
    text = ("Min morfar har nyresvigt og er i dialyse. Han får krampe i benene om aftenen. "
            "Jeg har læst at magnesium hjælper, kan han tage det?")
    assert status_of(text, "supplement_risk") == "present"


def test_a_halt_with_a_stretch_is_a_cramp_let_go_not_rest_relief() -> None:
    text = ("Jeg får krampe i læggen, når vi vandrer op ad skrænten, men den slipper, når "
            "jeg stopper og strækker den.")
    assert status_of(text, "claudication") != "present"
    assert status_of("Når jeg har gået 200 meter, gør læggen ondt, og jeg må stoppe, "
                     "udstrækning hjælper ikke.", "claudication") == "present"


@pytest.mark.parametrize("text", [
    "I nat låste min venstre læg sig helt.",
    "Under svømningen låste læggen.",
    "Foden gik i baglås på trappen.",
])
def test_a_calf_that_locks_is_a_cramp_in_either_order(text: str) -> None:
    _, _, mentions = Engine.get().mentions(text)
    assert "cramp" in {m.concept for m in mentions}


def test_woken_several_nights_a_week_by_cramps_is_sleep_disturbed() -> None:
    r = triage("Siden sommer vågner jeg 3 nætter om ugen med krampe i læggen.")
    assert "frequent_disturbing" in {f.id for f in r.findings if f.status == "present"}


def test_woken_at_a_clock_time_is_no_count_of_nights() -> None:
    r = triage("Jeg vågner kl 5 med krampe i læggen, når jeg har løbet om aftenen.")
    assert "frequent_disturbing" not in {f.id for f in r.findings if f.status == "present"}
