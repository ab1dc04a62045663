"""The one CSV writer of the app: every CSV krampe produces is written here.

Spreadsheets run a cell that starts with = + - @ (or a tab or line break) as a formula,
so such a cell gets a leading apostrophe (CSV injection). The file may be opened with
another separator than it was written with (Danish Excel splits a comma file on `;`,
and quotes only count at the start of a cell), so the same holds for every piece of a
cell after a `;`, `,`, tab or line break: `;=1+1;` is written `;'=1+1;`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# Quote a cell holding any of these: both list separators, the quote, line breaks, tabs.
_NEEDS_QUOTES = frozenset(',;"\r\n\t')
BOM = "\ufeff"
Cell = object


# A formula character at the start of any piece a spreadsheet could split off.
_PIECE_FORMULA = re.compile(r'([;,\t\r\n])([ "]*)(?=[=+\-@])')


def inert(value: Cell) -> str:
    """The cell's text, with an apostrophe before anything a spreadsheet would run."""
    text = "" if value is None else str(value)
    text = _PIECE_FORMULA.sub(r"\1\2'", text)
    return "'" + text if text.startswith(FORMULA_START) else text


def _field(value: Cell) -> str:
    text = inert(value)
    if _NEEDS_QUOTES.intersection(text) or text != text.strip(" "):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_csv(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    *,
    delimiter: str = ",",
    bom: bool = False,
) -> str:
    """RFC 4180 text (CRLF line ends) of the header and rows.

    `delimiter=";", bom=True` is what Danish Excel opens by double-click: it reads a
    UTF-8 file as UTF-8 only with the byte order mark, and splits on the list separator
    of the Danish locale.
    """
    if delimiter not in (",", ";"):
        raise ValueError("delimiter must be ',' or ';'")
    width = len(header)
    lines = [delimiter.join(_field(h) for h in header)]
    for row in rows:
        if len(row) != width:
            raise ValueError(f"a row has {len(row)} cells, the header {width}")
        lines.append(delimiter.join(_field(c) for c in row))
    return (BOM if bom else "") + "\r\n".join(lines) + "\r\n"
