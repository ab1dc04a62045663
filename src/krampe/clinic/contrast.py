"""WCAG 2.1 contrast of a clinic's accent colour against where the web pages put it.

The accent is a button's background (its text white or dark, whichever reads better)
and a bar or border beside the page's own backgrounds. Both schemes are checked with the
colours of the stylesheet itself (`web/static/style.css`, the one place they are
written), so a changed background is checked too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from krampe.errors import KrampeError

STYLESHEET = Path(__file__).resolve().parents[1] / "web" / "static" / "style.css"
# The backgrounds a clinic's accent sits on: the page, the header, and the routine and
# self-care cards that hold the booking button.
BACKGROUNDS = ("bg", "soft", "routine-bg", "self-bg")
# Text on an accent button: white, or the light scheme's ink on a light accent.
TEXT_COLOURS = ("#ffffff", "#1a1a1a")
TEXT_MIN = 4.5  # WCAG AA, normal text (1.4.3)
UI_MIN = 3.0  # WCAG AA, a component against what is next to it (1.4.11)
SCHEMES = ("light", "dark")

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_TOKEN = re.compile(r"--([a-z][a-z0-9-]*)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;")
_DARK = re.compile(r"@media\s*\(prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{([^}]*)\}")
_ROOT = re.compile(r":root\s*\{([^}]*)\}")


def is_hex_colour(value: str) -> bool:
    return bool(_HEX.match(value))


def normalise(colour: str) -> str:
    """'#ABC' -> '#aabbcc'."""
    c = colour.lower()
    return "#" + "".join(ch * 2 for ch in c[1:]) if len(c) == 4 else c


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.1) of a #rrggbb colour."""
    c = normalise(colour)
    channels = [int(c[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(accent: str) -> str:
    """The text colour that reads best on the accent."""
    return max(TEXT_COLOURS, key=lambda t: ratio(t, accent))


@cache
def scheme_backgrounds() -> dict[str, dict[str, str]]:
    """{'light': {'bg': '#ffffff', ...}, 'dark': {...}}: the stylesheet's backgrounds."""
    css = STYLESHEET.read_text(encoding="utf-8")
    light, dark = _ROOT.search(css), _DARK.search(css)
    if light is None or dark is None:
        raise KrampeError(f"{STYLESHEET.name} mangler farverne for lyst og mørkt tema.")
    out = {}
    for scheme, block in (("light", light.group(1)), ("dark", dark.group(1))):
        tokens = dict(_TOKEN.findall(block))
        missing = [name for name in BACKGROUNDS if name not in tokens]
        if missing:
            raise KrampeError(f"{STYLESHEET.name} mangler --{missing[0]} ({scheme}).")
        out[scheme] = {name: normalise(tokens[name]) for name in BACKGROUNDS}
    return out


@dataclass(frozen=True, slots=True)
class Problem:
    scheme: str
    against: str  # a colour
    what: str  # "tekst" or "baggrund"
    ratio: float
    needed: float


def problems(accent: str, scheme: str) -> list[Problem]:
    """Every place the accent falls short of WCAG AA in the scheme ([] when it passes)."""
    out = []
    text = text_on(accent)
    if ratio(text, accent) < TEXT_MIN:
        out.append(Problem(scheme, text, "tekst", ratio(text, accent), TEXT_MIN))
    for colour in scheme_backgrounds()[scheme].values():
        r = ratio(accent, colour)
        if r < UI_MIN:
            out.append(Problem(scheme, colour, "baggrund", r, UI_MIN))
    return out
