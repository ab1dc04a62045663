"""`krampe coverage`: the question bank, the three statuses and the --json schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from krampe.content.coverage import STATUSES, bank, run
from krampe.knowledge.kb import KnowledgeBase
from tests.knowledge.helpers import kb_from

CLINIC = Path(__file__).parents[1] / "knowledge" / "fixtures" / "clinic"
CLINIC_MD = [str(CLINIC / f"{name}.md") for name in ("hospital", "blog", "portal")]
TOPICS = {"during", "night", "sport", "pregnancy", "older", "medicines", "supplements",
          "red_flags", "exercises", "doctor"}


def test_bank_holds_at_least_150_questions_in_the_ten_topics() -> None:
    data = bank()
    assert data.size >= 150
    assert {t.id for t in data.topics} == TOPICS
    assert all(len(t.questions) >= 12 for t in data.topics)
    for status in STATUSES:  # the definitions name the margin they use
        assert data.meaning(status) and "{" not in data.meaning(status)
    assert "0,10" in data.meaning("answered")


def test_topic_words_match_word_beginnings_only() -> None:
    night = next(t for t in bank().topics if t.id == "night")
    assert night.words_re.search("Natlige kramper vækker mange")
    assert not night.words_re.search("en naturlig reaktion")


@pytest.fixture(scope="module")
def clinic_report():
    return run(KnowledgeBase.load(CLINIC_MD, use_cache=False), CLINIC_MD)


def test_statuses_follow_their_definitions(clinic_report) -> None:
    margin = clinic_report.margin
    seen = set()
    for topic in clinic_report.topics:
        assert topic.answered + topic.weak + topic.not_covered == len(topic.questions)
        for q in topic.questions:
            seen.add(q.status)
            if q.status == "not_covered":
                assert q.margin is None and q.source is None
            elif q.status == "answered":
                assert q.margin is not None and q.margin >= margin and not q.lead
            else:
                assert q.margin is not None
                assert q.lead or q.margin < margin or "noget andet" in q.reason
    assert seen == set(STATUSES)


def test_questions_only_the_lead_speaks_to_are_weak(tmp_path: Path) -> None:
    # The ranking puts a section that answers before the lead, so a lead is the best
    # passage only where nothing else speaks to the question: such a question is weak.
    kb = kb_from(tmp_path, {"kramper.md": (
        "# Kramper i benene\n\nMagnesium, kinin og salttabletter nævnes tit mod kramper, men "
        "her handler det om udstrækning.\n\n## Stræk før sengetid\n\nStræk læggen i et "
        "halvt minut, før du går i seng.\n")}, use_cache=False)
    report = run(kb, [str(tmp_path)])
    leads = [q for t in report.topics for q in t.questions if q.lead]
    assert leads and all(q.status == "weak" for q in leads)


def test_three_clinic_articles_leave_pregnancy_uncovered(clinic_report) -> None:
    pregnancy = next(t for t in clinic_report.topics if t.id == "pregnancy")
    assert pregnancy.answered < pregnancy.weak + pregnancy.not_covered


def _check_schema(data: dict) -> None:
    assert set(data) >= {"knowledge_base", "questions", "margin", "labels", "definitions",
                         "totals", "topics"}
    assert isinstance(data["knowledge_base"], list) and isinstance(data["questions"], int)
    assert isinstance(data["margin"], float)
    for key in ("labels", "definitions", "totals"):
        assert set(data[key]) == set(STATUSES)
    assert all(isinstance(v, str) and v for v in data["definitions"].values())
    assert sum(data["totals"].values()) == data["questions"]
    assert {t["id"] for t in data["topics"]} == TOPICS
    for topic in data["topics"]:
        assert set(topic) >= {"id", "label", "questions", *STATUSES}
        assert sum(topic[s] for s in STATUSES) == len(topic["questions"])
        for q in topic["questions"]:
            assert set(q) >= {"question", "status", "reason", "coverage", "margin", "lead",
                              "source", "title", "section"}
            assert q["status"] in STATUSES and isinstance(q["lead"], bool)
            assert isinstance(q["coverage"], float) and isinstance(q["reason"], str)
            assert q["margin"] is None or isinstance(q["margin"], float)
            for key in ("source", "title", "section"):
                assert q[key] is None or isinstance(q[key], str)


def _krampe(*args: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "krampe", *args], capture_output=True,
                          text=True, env={**os.environ, "KRAMPE_HOME": str(home)}, timeout=120)


def test_cli_json_schema(_isolated_home: Path) -> None:
    done = _krampe("coverage", *(a for p in CLINIC_MD for a in ("--kb", p)), "--json",
                   home=_isolated_home)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    _check_schema(data)
    assert data["knowledge_base"] == CLINIC_MD and data["questions"] == bank().size


def test_cli_table_names_the_topics_and_definitions(_isolated_home: Path) -> None:
    done = _krampe("coverage", home=_isolated_home)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for topic in bank().topics:
        assert topic.label in out
    assert "I alt" in out
    for status in STATUSES:
        assert f"{bank().statuses[status].label}: " in out


def test_cli_bad_kb_is_a_danish_one_liner(tmp_path: Path, _isolated_home: Path) -> None:
    done = _krampe("coverage", "--kb", str(tmp_path / "findes-ikke"), home=_isolated_home)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith("fejl: ") and "Traceback" not in done.stderr
