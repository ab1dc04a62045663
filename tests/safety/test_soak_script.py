"""bench/soak.py works end to end: a short real run against `krampe serve` (2 workers).

Only correctness is asserted (no errors, no lost diary writes), never speed: the numbers
of the 5-minute run live in docs/safety/soak.md.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.safety.nodeids import REPO


def test_soak_short_run_has_no_errors(tmp_path):
    out = tmp_path / "soak.md"
    env = {**os.environ}
    env.pop("DATABASE_URL", None)
    proc = subprocess.run(
        [sys.executable, str(REPO / "bench" / "soak.py"), "--seconds", "8", "--clients", "3",
         "--rate", "9", "--warmup", "2", "--out", str(out)],
        capture_output=True, text=True, timeout=240, env=env)
    report = proc.stdout
    assert "errors: 0 of" in report, report + proc.stderr[-2000:]
    assert "every one found again: yes" in report, report
    assert "| ask |" in report and "| diary_write |" in report
    written = int(report.split("diary entries acknowledged: ")[1].split(";")[0])
    assert written > 0
    assert out.read_text(encoding="utf-8").strip() == report.strip()
