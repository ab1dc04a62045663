"""Sitting through a ride and hard work kept up for long, told in the `for_long`
construction: the vehicle or the work, then the while (or the while first, or behind a
comma). Our own wordings; each test names the behaviour."""

from __future__ import annotations

import pytest

from tests.triage.helpers import triggers


@pytest.mark.parametrize("text", [
    "Efter 8 t i lastbilen fik jeg krampe i læggen ved rastepladsen.",
    "Vi tog bussen til Berlin, mange timer, og i aften krampede min læg.",
    "Sad 12 timer i traktoren under høsten, og nu har jeg krampe i foden.",
])
def test_hours_in_a_vehicle_are_sitting(text: str) -> None:
    assert "sitting" in triggers(text)


@pytest.mark.parametrize("text", [
    "Jeg brugte hele søndagen på at slæbe fliser, og om aftenen fik jeg krampe i læggen.",
    "Gravede hele dagen i kolonihaven og fik krampe i læggen bagefter.",
    "Efter en dobbeltvagt på plejehjemmet fik jeg krampe i læggen.",
])
def test_long_hard_work_is_overload(text: str) -> None:
    assert "overload" in triggers(text)


def test_a_short_errand_is_no_overload() -> None:
    assert "overload" not in triggers("Jeg bar indkøbsposerne op og fik krampe i læggen.")


def test_a_count_of_thousands_is_no_age() -> None:
    assert "age" not in triggers("Jeg er oppe på 9000 skridt om dagen og får krampe i læggen.")
    assert "age" in triggers("Jeg er 67 og får krampe i læggen om natten.")
