"""The command line speaks Danish: help, usage errors and Ctrl-C, not Click's English."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import typer

from krampe.cli import danish

ENGLISH = ("Usage:", "Options", "Commands", "Show this message", "Error", "Aborted",
           "No such option", "Try '")


def krampe(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "krampe", *args], capture_output=True,
                          text=True, timeout=120, **kw)


def _english(text: str) -> list[str]:
    return [w for w in ENGLISH if w in text]


@pytest.mark.parametrize("args", [["--help"], ["plan", "--help"], ["db", "--help"]])
def test_help_is_danish(args):
    out = krampe(*args)
    assert out.returncode == 0, out.stderr
    assert "Brug: " in out.stdout and "Tilvalg" in out.stdout
    assert "Vis denne hjælp og afslut." in out.stdout
    assert _english(out.stdout) == []


@pytest.mark.parametrize("args, message", [
    (["plan", "--wekes", "3"], "fejl: Tilvalget --wekes findes ikke. Mente du --weeks?"),
    (["planer"], "fejl: Kommandoen 'planer' findes ikke. Mente du 'plan'?"),
    (["xyz"], "fejl: Kommandoen 'xyz' findes ikke."),
    (["plan", "ekstra"], "fejl: For mange argumenter: ekstra."),
    (["plan", "--uger"], "fejl: Tilvalget '--uger' skal have en værdi."),
])
def test_usage_errors_are_danish(args, message):
    out = krampe(*args)
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == message
    assert _english(out.stderr) == [] and "Traceback" not in out.stderr


def test_ctrl_c_says_afbrudt():
    proc = subprocess.Popen([sys.executable, "-m", "krampe", "triage", "--interactive"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        os.set_blocking(proc.stdout.fileno(), False)
        seen, deadline = b"", time.monotonic() + 120
        while b"Beskriv" not in seen and time.monotonic() < deadline:  # the prompt is up
            seen += proc.stdout.read() or b""
            time.sleep(0.05)
        assert b"Beskriv" in seen
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == danish.EXIT_INTERRUPTED
    assert err.decode().strip() == "Afbrudt."


def test_run_turns_an_interrupt_inside_a_command_into_afbrudt(capfd):
    app = typer.Typer()

    @app.command()
    def slow() -> None:
        raise KeyboardInterrupt

    @app.command()
    def other() -> None:
        pass

    assert danish.run(app, ["slow"]) == 130
    assert capfd.readouterr().err.strip() == "Afbrudt."
