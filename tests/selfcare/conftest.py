"""Fixtures for the self-care tests: the sources registry the data must cite."""

from __future__ import annotations

import pytest
import yaml

from krampe.content import pack


@pytest.fixture(scope="session")
def registry_ids() -> set[str]:
    """Ids in the content pack's sources registry (its loader if it has one)."""
    loader = getattr(pack, "load_sources", None)
    if loader is not None:
        entries = loader()
        entries = entries.values() if isinstance(entries, dict) else entries
        return {e["id"] if isinstance(e, dict) else e.id for e in entries}
    path = pack.bundled_dir() / "sources.yaml"
    assert path.is_file(), "the content pack must ship sources.yaml"
    return {e["id"] for e in yaml.safe_load(path.read_text(encoding="utf-8"))}
