"""The exercise library: stretches and strength exercises between cramps, as data."""

from __future__ import annotations

from functools import lru_cache

from pydantic import TypeAdapter, ValidationError

from krampe.selfcare.loading import SelfcareDataError, load_yaml
from krampe.selfcare.models import Exercise

_ADAPTER = TypeAdapter(list[Exercise])


@lru_cache(maxsize=1)
def _load() -> tuple[Exercise, ...]:
    try:
        items = _ADAPTER.validate_python(load_yaml("exercises.yaml"))
    except ValidationError as exc:
        raise SelfcareDataError(f"exercises.yaml er ugyldig: {exc}") from exc
    ids = [e.id for e in items]
    if len(ids) != len(set(ids)):
        raise SelfcareDataError(f"exercises.yaml: dobbelte id'er i {ids}")
    return tuple(items)


def exercises() -> list[Exercise]:
    """All exercises, in the order of the data file."""
    return list(_load())


def exercise(exercise_id: str) -> Exercise:
    for item in _load():
        if item.id == exercise_id:
            return item
    raise KeyError(exercise_id)
