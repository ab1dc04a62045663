"""The bundled content pack: our own reviewed Danish articles and their sources registry."""

from __future__ import annotations

from pathlib import Path

_PACK_DIR = Path(__file__).resolve().parent / "da"


def bundled_dir() -> Path:
    """Directory of the bundled pack (what `--kb bundled` and the default knowledge base use)."""
    return _PACK_DIR
