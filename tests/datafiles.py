"""Changed copies of the YAML data files, for the tests of what loading them rejects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml


def edit_yaml(path: Path, change: Callable[[Any], object], to: Path | None = None) -> Path:
    """Read the YAML file, let `change` alter its data in place, and write the data to `to`
    (by default back to `path`); returns where it was written."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    target = path if to is None else to
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target
