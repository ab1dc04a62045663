"""The exercises' line drawings (data/drawings.yaml) as inline SVG with a text alternative.

Inline, so the page needs no image request and the lines take the text colour
(`currentColor`): they print black and keep the text's contrast.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Literal

from markupsafe import Markup, escape
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from krampe.selfcare.exercises import exercises
from krampe.selfcare.loading import SelfcareDataError, load_yaml

WIDTH, HEIGHT = 200, 160
ShapeKind = Literal["line", "poly", "circle", "rect", "arrow"]
_KINDS: tuple[ShapeKind, ...] = ("line", "poly", "circle", "rect", "arrow")
_ARITY = {"line": (4,), "arrow": (4,), "circle": (3,), "rect": (4,)}


class Shape(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    line: list[float] | None = None
    poly: list[float] | None = None
    circle: list[float] | None = None
    rect: list[float] | None = None
    arrow: list[float] | None = None

    @model_validator(mode="after")
    def _one_shape(self) -> Shape:
        given = [(k, v) for k, v in self.model_dump().items() if v is not None]
        if len(given) != 1:
            raise ValueError("hver figur er præcis én af line, poly, circle, rect, arrow")
        kind, numbers = given[0]
        if kind == "poly":
            if len(numbers) < 4 or len(numbers) % 2:
                raise ValueError("poly skal have mindst to punkter (x, y)")
        elif len(numbers) not in _ARITY[kind]:
            raise ValueError(f"{kind} skal have {_ARITY[kind][0]} tal")
        if any(not 0 <= n <= max(WIDTH, HEIGHT) for n in numbers):
            raise ValueError(f"{kind}: tal uden for tegningen")
        return self

    @property
    def kind(self) -> ShapeKind:
        return next(k for k in _KINDS if getattr(self, k) is not None)

    @property
    def numbers(self) -> list[float]:
        numbers: list[float] = getattr(self, self.kind)
        return numbers


class Drawing(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    alt: str = Field(min_length=20)
    shapes: list[Shape] = Field(min_length=2)
    mark: list[Shape] = []


@lru_cache(maxsize=1)
def drawings() -> dict[str, Drawing]:
    """Exercise id → drawing; every exercise has exactly one."""
    try:
        raw = load_yaml("drawings.yaml")
        items = {str(k): Drawing.model_validate(v) for k, v in (raw or {}).items()}
    except ValidationError as exc:
        raise SelfcareDataError(f"drawings.yaml er ugyldig: {exc}") from exc
    ids = {e.id for e in exercises()}
    if set(items) != ids:
        raise SelfcareDataError(
            f"drawings.yaml: mangler {sorted(ids - set(items))}, "
            f"ukendte {sorted(set(items) - ids)}"
        )
    return items


def _fmt(n: float) -> str:
    return f"{n:g}"


def _line(x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}"/>'


def _shape_svg(shape: Shape) -> str:
    n = shape.numbers
    match shape.kind:
        case "line":
            return _line(*n)
        case "poly":
            points = " ".join(f"{_fmt(n[i])},{_fmt(n[i + 1])}" for i in range(0, len(n), 2))
            return f'<polyline points="{points}"/>'
        case "circle":
            return f'<circle cx="{_fmt(n[0])}" cy="{_fmt(n[1])}" r="{_fmt(n[2])}"/>'
        case "rect":
            return (f'<rect x="{_fmt(n[0])}" y="{_fmt(n[1])}" width="{_fmt(n[2])}" '
                    f'height="{_fmt(n[3])}"/>')  # fmt: skip
        case "arrow":
            x1, y1, x2, y2 = n
            angle = math.atan2(y2 - y1, x2 - x1)
            head = [
                (x2 - 9 * math.cos(angle + s), y2 - 9 * math.sin(angle + s)) for s in (0.5, -0.5)
            ]
            (ax, ay), (bx, by) = head
            return _line(x1, y1, x2, y2) + (
                f'<polyline points="{ax:.1f},{ay:.1f} {_fmt(x2)},{_fmt(y2)} {bx:.1f},{by:.1f}"/>'
            )
    raise AssertionError(shape.kind)  # pragma: no cover - the Literal is exhaustive


def drawing_svg(exercise_id: str, id_prefix: str = "tegning") -> Markup:
    """The exercise's drawing as inline SVG: role="img", its alt text as <title>."""
    drawing = drawings()[exercise_id]
    title_id = f"{id_prefix}-{exercise_id}"
    body = "".join(_shape_svg(s) for s in drawing.shapes)
    mark = "".join(_shape_svg(s) for s in drawing.mark)
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="drawing" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{title_id}" focusable="false">'
        f'<title id="{title_id}">{escape(drawing.alt)}</title>'
        '<g fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" '
        f'stroke-linejoin="round">{body}</g>'
        '<g fill="none" stroke="currentColor" stroke-width="7" stroke-linecap="round" '
        f'stroke-dasharray="1 9" class="drawing-mark">{mark}</g>'
        "</svg>"
    )
