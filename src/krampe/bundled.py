"""Where the bundled content pack lives, and "bundled", the knowledge-base spec naming it.

A leaf module so the knowledge engine (which loads any folder of articles) and the
content package (which owns the pack) agree on the place without importing each other.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

BUNDLED = "bundled"
PACK_DIR = Path(__file__).resolve().parent / "content" / "da"


def resolve_specs(specs: Iterable[str | Path] | None) -> list[Path]:
    """Knowledge-base specs as paths: "bundled" is the pack, and so is no spec at all."""
    return [PACK_DIR if str(spec) == BUNDLED else Path(spec) for spec in specs or [BUNDLED]]
