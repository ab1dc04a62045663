"""`krampe clinic init|check|snippet`, and `--clinic` on `krampe triage`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from krampe.cli import clinic as clinic_cli
from krampe.cli import triage as triage_cli
from krampe.clinic import load
from tests.clinic.helpers import EXAMPLE, answers_for, write_profile
from tests.triage.helpers import LEVEL_TEXTS


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    for mod in (clinic_cli, triage_cli):
        mod.register(app=app, eval_app=typer.Typer(), content_app=typer.Typer())
    return app


def run(app, *args: str):
    return CliRunner().invoke(app, list(args))


def _answers(level: str) -> list[str]:
    return [arg for qid in answers_for(LEVEL_TEXTS[level]) for arg in ("--answer", f"{qid}=nej")]


def test_init_writes_a_profile_that_loads_and_prints_the_snippet(app, tmp_path):
    path = tmp_path / "klinik.yaml"
    r = run(app, "clinic", "init", str(path), "--name", "Fys & Co", "--phone", "86 11 22 33",
            "--booking-url", "https://fys.example/book", "--accent", "#1f6f5c",
            "--accent-dark", "#5fb3a1", "--hours", "Mandag 8–16", "--origin",
            "https://www.fys.example", "--base-url", "https://krampe.fys.example")
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == (
        '<iframe src="https://krampe.fys.example/embed" title="Krampe i læggen: spørg '
        'Fys &amp; Co" width="100%" height="640" style="border:0;max-width:40rem" '
        'loading="lazy" referrerpolicy="no-referrer"></iframe>')
    profile = load(path)
    assert (profile.name, profile.embed_origins, profile.opening_hours) == (
        "Fys & Co", ["https://www.fys.example"], ["Mandag 8–16"])
    assert "# Accentfarven" in path.read_text(encoding="utf-8")
    again = run(app, "clinic", "init", str(path), "--name", "X", "--phone", "86112233",
                "--booking-url", "https://x.example", "--accent", "#1f6f5c")
    assert again.exit_code == 2 and "findes allerede" in again.output


def test_init_refuses_a_bad_colour_and_writes_nothing(app, tmp_path):
    path = tmp_path / "klinik.yaml"
    r = run(app, "clinic", "init", str(path), "--name", "X", "--phone", "86112233",
            "--booking-url", "https://x.example", "--accent", "#ffcc00")
    assert r.exit_code == 2
    assert "har for lidt kontrast i lyst tema" in r.output
    assert list(tmp_path.iterdir()) == []


def test_check(app, tmp_path):
    r = run(app, "clinic", "check", str(write_profile(tmp_path)))
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "Fysioterapi Testvej: 1 artikelkilde, må indlejres på 1 hjemmeside."


@pytest.mark.parametrize(("changes", "message"), [
    ({"accent": "grøn"}, "«grøn» er ikke en farve"),
    ({"logo": "mangler.svg"}, "logoet findes ikke"),
])
def test_a_bad_profile_exits_2_with_a_danish_line(app, tmp_path, changes, message):
    path = write_profile(tmp_path, **changes)
    for args in (("clinic", "check", str(path)),
                 ("triage", "--clinic", str(path), "jeg får krampe om natten")):
        r = run(app, *args)
        assert r.exit_code == 2
        assert r.output.startswith("fejl: Klinikprofilen") and message in r.output


def test_a_missing_profile_through_the_real_command(tmp_path):
    # The installed entry point, with the path from KRAMPE_CLINIC.
    missing = tmp_path / "ingen.yaml"
    proc = subprocess.run([sys.executable, "-m", "krampe", "triage", "krampe om natten"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "KRAMPE_CLINIC": str(missing)})
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"fejl: Klinikprofilen findes ikke: {missing}"


@pytest.mark.parametrize("level", list(LEVEL_TEXTS))
def test_triage_text_and_json_per_level(app, tmp_path, level):
    path = str(write_profile(tmp_path))
    args = ["triage", "--clinic", path, "--region", "sjaelland", *_answers(level)]
    text = run(app, *args, LEVEL_TEXTS[level])
    assert text.exit_code == 0, text.output
    out = json.loads(run(app, *args, "--json", LEVEL_TEXTS[level]).stdout)
    assert out["level"] == level
    if level in ("routine", "self_care"):
        assert out["booking"]["label"] == "Book tid hos Fysioterapi Testvej"
        card = text.stdout.split("\n\n")[0]
        lines = card.splitlines()
        book = next(i for i, line in enumerate(lines) if "Book tid hos" in line)
        assert lines[book] == "  Book tid hos Fysioterapi Testvej: https://testvej-fys.example/book"
        assert lines[book + 1] == "  Eller ring til Fysioterapi Testvej: 86 00 00 00"
        if level == "routine":  # after "din egen læge", never before it
            gp = next(i for i, line in enumerate(lines) if "din egen læge" in line)
            assert gp < book
    else:
        assert out["booking"] is None
        assert "Book tid" not in text.stdout and "Testvej" not in text.stdout


def test_without_a_profile_the_json_is_as_before(app, monkeypatch):
    monkeypatch.delenv("KRAMPE_CLINIC", raising=False)
    out = json.loads(run(app, "triage", "--json", LEVEL_TEXTS["routine"]).stdout)
    assert "booking" not in out


def test_serve_refuses_a_bad_profile_before_it_starts(tmp_path):
    path = write_profile(tmp_path, accent="#ffcc00", accent_dark=None)
    proc = subprocess.run([sys.executable, "-m", "krampe", "serve", "--port", "0",
                           "--clinic", str(path)],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ))
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"fejl: Klinikprofilen {path}: accent #ffcc00 har for lidt")


def test_ask_answers_from_the_profiles_articles(tmp_path):
    from krampe.cli import ask as ask_cli

    app = typer.Typer()
    ask_cli.register(app=app, eval_app=typer.Typer(), content_app=typer.Typer())
    app.command("noop")(lambda: None)  # a group, so "ask" is a sub-command as in krampe
    profile = write_profile(tmp_path, knowledge=[str(EXAMPLE / "artikler")])
    r = run(app, "ask", "--clinic", str(profile), "--json",
            "hvad hjælper mod kramper i læggen når man er gravid?")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["answered"]
    assert out["answers"][0]["title"] == "Kramper i læggen, når du er gravid"


def test_triage_batch_carries_the_booking_too(app, tmp_path):
    path = str(write_profile(tmp_path))
    lines = f"{LEVEL_TEXTS['emergency']}\n{LEVEL_TEXTS['self_care']}\n"
    r = CliRunner().invoke(app, ["triage", "--clinic", path, "--json", *_answers("self_care"),
                                 "-"], input=lines)
    assert r.exit_code == 0, r.output
    first, second = (json.loads(line) for line in r.stdout.splitlines())
    assert first["level"] == "emergency" and first["booking"] is None
    assert second["level"] == "self_care" and second["screen"]["complete"]
    assert second["booking"]["clinic"] == "Fysioterapi Testvej"
