"""Reading the YAML data files next to this package, with a clear error when one is broken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from krampe.datafile import read_yaml
from krampe.errors import KrampeError

DATA_DIR = Path(__file__).resolve().parent / "data"


class SelfcareDataError(KrampeError):
    """A bundled data file is broken: a bug in the package, not bad user input."""

    code = "selfcare_data"
    status = 500


def load_yaml(name: str) -> Any:
    return read_yaml(DATA_DIR / name, SelfcareDataError, "Datafilen {name} kunne ikke læses: {exc}")
