"""Reading the YAML data files next to this package, with a clear error when one is broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from krampe.errors import KrampeError

DATA_DIR = Path(__file__).resolve().parent / "data"


class SelfcareDataError(KrampeError):
    """A bundled data file is broken: a bug in the package, not bad user input."""

    code = "selfcare_data"
    status = 500


def load_yaml(name: str) -> Any:
    path = DATA_DIR / name
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SelfcareDataError(f"Datafilen {name} kunne ikke læses: {exc}") from exc
