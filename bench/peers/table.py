"""One Markdown table per benchmark (pastes straight into bench/README.md), plus a run header."""

from __future__ import annotations

import datetime as dt
import os
import platform
import subprocess
from pathlib import Path


def machine_line() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = os.getloadavg()[0]  # other work on the box skews timings: say how busy it was
    return (f"{now} · {os.cpu_count()} cores · {cpu} · Python {platform.python_version()}"
            f" · load avg {load:.1f}")


def engine_version(repo: Path) -> str:
    """Commit of the engine measured, marked dirty when src/krampe has uncommitted edits."""
    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                                  text=True, timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return ""

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "src/krampe")
    return f"engine {head}{' + uncommitted edits' if dirty else ''}"


def render(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"
    out = [line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out.extend(line(r) for r in rows)
    return "\n".join(out)
