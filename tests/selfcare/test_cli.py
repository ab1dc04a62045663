"""`krampe nu` and `krampe plan` through the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import timedelta

import pytest
import typer
from icalendar import Calendar
from typer.testing import CliRunner

from krampe.cli import selfcare as selfcare_cli


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    selfcare_cli.register(app=app, eval_app=typer.Typer(), content_app=typer.Typer())
    return app


def run(app, *args: str):
    return CliRunner().invoke(app, list(args))


def test_nu_prints_numbered_steps_and_red_flags(app):
    result = run(app, "nu")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert " 1. Træk tæerne op mod knæet" in out and " 2. Massér blidt" in out
    assert "RING 112" in out and "SØG LÆGE I DAG" in out
    assert "1813" in out and "lægevagt" in out.lower()
    assert "Kilderne er uenige" in out
    assert "[1] " in out and "ikke fagligt gennemgået" in out


def test_nu_json(app):
    result = run(app, "nu", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["steps"][0]["id"] == "dorsiflex" and data["steps"][0]["first"]
    assert {f["level"] for f in data["red_flags"]} == {"emergency", "urgent"}


def test_plan_text(app):
    result = run(app, "plan", "--start", "2026-12-01", "--natkramper")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Uge 1 " in out and "Uge 6 " in out and "Uge 7 " not in out
    assert "kl. 21:30" in out and "natlige kramper" in out


def test_plan_json_day_first_date(app):
    result = run(app, "plan", "--start", "1-12-2026", "--weeks", "2", "--json", "--gravid")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["start"] == "2026-12-01" and data["weeks"] == 2
    assert data["profile"] == {"pregnant": True, "night_cramps": False, "over_60": False}
    assert len(data["sessions"]) == 20


def test_plan_ics_file(app, tmp_path):
    target = tmp_path / "program.ics"
    result = run(app, "plan", "--start", "2026-12-01", "--ics", str(target),
                 "--paamindelse", "10")
    assert result.exit_code == 0, result.output
    assert "60 aftaler" in result.stdout and "påmindelse 10 minutter før" in result.stdout
    cal = Calendar.from_ical(target.read_bytes())
    assert len(cal.walk("VEVENT")) == 60
    assert [a.decoded("TRIGGER") for a in cal.walk("VALARM")] == [timedelta(minutes=-10)] * 60


def test_plan_ics_reminder_defaults_to_15_minutes_and_1_minute_is_singular(app, tmp_path):
    target = tmp_path / "program.ics"
    assert run(app, "plan", "--start", "2026-12-01", "--weeks", "1", "--ics",
               str(target)).exit_code == 0
    alarms = Calendar.from_ical(target.read_bytes()).walk("VALARM")
    assert {a.decoded("TRIGGER") for a in alarms} == {timedelta(minutes=-15)}
    one = run(app, "plan", "--weeks", "1", "--ics", str(target), "--alarm", "1")
    assert "10 aftaler" in one.stdout and "1 uge " in one.stdout and "1 minut før" in one.stdout


def test_plan_text_lists_days_with_weekday_names_in_clock_order(app):
    result = run(app, "plan", "--start", "2026-12-01", "--weeks", "1", "--natkramper")
    out = result.stdout
    assert "Uge 1 (tirsdag 1. december – mandag 7. december)" in out
    day = out[out.index("  Onsdag 2. december"):out.index("  Torsdag 3. december")]
    assert day.index("kl. 17:00") < day.index("kl. 21:30")
    assert "Styrke til læggen" in day and "Lægstræk før sengetid" in day


@pytest.mark.parametrize(
    "args",
    [
        ["--start", "32-13-2026"],
        ["--start", "i morgen"],
        ["--start", "2026-02-30"],
        ["--weeks", "0"],
        ["--weeks", "27"],
        ["--weeks", "seks"],
        ["--alarm", "-5"],
        ["--paamindelse", "1441"],
        ["--paamindelse", "et kvarter"],
    ],
)
def test_bad_input_gives_one_danish_line_and_exit_2(app, args):
    result = run(app, "plan", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fejl: ")
    assert "Traceback" not in result.stderr


def test_unwritable_ics_path_is_a_clean_error(app, tmp_path):
    result = run(app, "plan", "--start", "2026-12-01", "--ics", str(tmp_path / "nope" / "x.ics"))
    assert result.exit_code == 2
    assert result.stderr.startswith("fejl: Kunne ikke gemme kalenderfilen")


def test_real_entry_point():
    proc = subprocess.run(
        [sys.executable, "-m", "krampe", "plan", "--start", "2026-12-01", "--weeks", "1",
         "--ics", "-"],
        capture_output=True,
        timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(Calendar.from_ical(proc.stdout).walk("VEVENT")) == 10
    bad = subprocess.run(
        [sys.executable, "-m", "krampe", "plan", "--weeks", "0"], capture_output=True, timeout=60
    )
    assert bad.returncode == 2
    assert bad.stderr.decode().strip() == "fejl: Antal uger skal være mellem 1 og 26."
