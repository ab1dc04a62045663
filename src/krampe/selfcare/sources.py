"""Source ids → readable labels, from the content pack's registry (sources.yaml)."""

from __future__ import annotations

from functools import lru_cache

import yaml

from krampe.content import pack


@lru_cache(maxsize=1)
def source_registry() -> dict[str, dict]:
    """id → {title, publisher, year, url}; the content pack's loader when it has one."""
    loader = getattr(pack, "load_sources", None)
    if loader is not None:
        entries = loader()
        if isinstance(entries, dict):
            entries = list(entries.values())
        return {_get(e, "id"): _as_dict(e) for e in entries}
    path = pack.bundled_dir() / "sources.yaml"
    if not path.is_file():
        return {}
    return {e["id"]: e for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []}


def source_label(source_id: str) -> str:
    """A readable label like "NHS: Leg cramps (2012)"; the bare id if unknown."""
    entry = source_registry().get(source_id)
    if not entry:
        return source_id
    year = f" ({entry['year']})" if entry.get("year") else ""
    return f"{entry.get('publisher')}: {entry.get('title')}{year}"


def _get(entry: object, key: str):
    return entry[key] if isinstance(entry, dict) else getattr(entry, key)


def _as_dict(entry: object) -> dict:
    if isinstance(entry, dict):
        return entry
    dump = getattr(entry, "model_dump", None)
    return dump() if dump else dict(vars(entry))
