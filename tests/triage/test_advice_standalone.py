"""Advice is shown without its heading, so it must read on its own."""

from __future__ import annotations

import re

import pytest

from krampe.triage import triage

CASES = [
    "Jeg fik pludselig svært ved at trække vejret, og min venstre læg er hævet og varm",
    "min læg er hævet og rød efter flyveturen",
    "jeg tager furosemid og får krampe om natten",
    "krampe i læggen når jeg løber",
    "jeg er 72 og får krampe hver nat",
    "jeg er gravid og har krampe i læggen",
]


@pytest.mark.parametrize("text", CASES)
def test_advice_never_opens_with_a_bare_yes_or_no(text):
    result = triage(text)
    shown = list(result.advice) + [t.advice for t in result.trigger_details]
    assert shown, "the bundled pack should give advice here"
    for advice in shown:
        assert not re.match(r"(ja|nej)\b", advice, re.IGNORECASE), advice
