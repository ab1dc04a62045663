"""Reading a bundled YAML data file: its data, or the caller's own error naming the file.

The lowest layer, so that every package with data files (the Danish language layer, the
policy, the rules, self-care) reads them the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel

_M = TypeVar("_M", bound=BaseModel)

UNREADABLE = "{name}: cannot read ({exc})"


def read_yaml(path: Path, error: Callable[[str], Exception], unreadable: str = UNREADABLE,
              loader: Any = yaml.SafeLoader) -> Any:
    """The file's data; `error(unreadable)` (with {name} and {exc} filled) when the file
    cannot be read or is not YAML."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise error(unreadable.format(name=path.name, exc=exc)) from exc


def read_model(path: Path, model: type[_M], error: Callable[[str], Exception],
               unreadable: str = UNREADABLE) -> _M:
    """The file read as `model`; `error` also when the data does not validate."""
    data = read_yaml(path, error, unreadable)
    try:
        return model.model_validate(data)
    except ValueError as exc:  # pydantic's ValidationError is one
        raise error(f"{path.name}: {exc}") from exc
