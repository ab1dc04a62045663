"""core.ask: the triage banner rides along only when the question reports symptoms."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from krampe import core
from krampe.cli import _register_all, app
from krampe.cli.text import wrap
from krampe.knowledge.kb import KnowledgeBase


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load(None)


def test_symptom_question_carries_the_urgent_banner(kb):
    result = core.ask("min læg er hævet, rød og varm, hvad gør jeg?", kb)
    assert result.triage is not None
    assert result.triage.level == "urgent"
    assert any(f.status == "present" for f in result.triage.findings)
    assert result.screen_link


def test_plain_question_has_no_banner(kb):
    result = core.ask("hvad er en krampe i læggen?", kb)
    assert result.answered
    assert result.triage is None


def test_hypothetical_red_flag_gives_if_then_not_a_raised_level(kb):
    result = core.ask("hvad gør jeg hvis benet bliver hævet og rødt?", kb)
    assert result.triage is not None
    assert result.triage.level == "self_care"
    assert result.triage.if_then
    assert not result.screen_link


def test_current_episode_links_into_the_screen_but_a_trigger_alone_does_not(kb):
    now = core.ask("jeg har ondt i læggen nu, hvad gør jeg?", kb)
    assert now.triage is not None and now.screen_link
    trigger = core.ask("får krampe når jeg løber, hvad gør jeg", kb)
    assert trigger.triage is not None and not trigger.screen_link


def test_cli_ask_shows_no_self_care_verdict_while_the_screen_is_open():
    _register_all()
    out = CliRunner().invoke(app, ["ask", "jeg har krampe i læggen nu, hvad gør jeg?"])
    assert out.exit_code == 0, out.output
    flat = " ".join(out.output.split())
    assert "krampe triage --interactive" in flat
    assert "Det kan du selv gøre" not in flat


def test_cli_shows_the_urgent_action_above_the_answers():
    _register_all()
    out = CliRunner().invoke(app, ["ask", "min læg er hævet og rød og gør ondt, hvad gør jeg?"])
    assert out.exit_code == 0, out.output
    first_lines = "\n".join(out.output.splitlines()[:4])
    assert "VIGTIGT" in first_lines and "Søg læge i dag" in first_lines


def test_wrap_never_splits_a_phone_number():
    text = "ring til lægevagten i Region Midtjylland: 70 11 31 31 " * 5
    for width in range(30, 90):
        for line in wrap(text, width=width):
            assert not line.rstrip().endswith(("70", "70 11", "70 11 31"))


@pytest.mark.parametrize(("question", "acute"), [
    ("krampe nu, hvad gør jeg", True),
    ("av av av", True),
    ("hjælp, den slipper ikke", True),
    ("hvad gør jeg, hvis jeg får krampe i læggen?", False),
    ("hvorfor får jeg krampe om natten?", False),
])
def test_acute_field_marks_a_cramp_happening_now(kb, question, acute):
    assert core.ask(question, kb).acute is acute
    assert "acute" in core.ask(question, kb).model_dump()
