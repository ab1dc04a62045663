"""Danish singular and plural of a counted word: "1 krampe", "2 kramper", "0 kramper"."""

from __future__ import annotations


def plural(n: int | float, one: str, many: str) -> str:
    """The word for n of something; Danish uses the singular for exactly one only."""
    return one if n == 1 else many


def count(n: int, one: str, many: str) -> str:
    """'1 krampe', '2 kramper'."""
    return f"{n} {plural(n, one, many)}"
