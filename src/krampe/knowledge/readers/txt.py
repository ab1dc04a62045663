"""Plain-text reader: headings are short lines of their own, detected from the layout.

Author and date lines in the body ("Skrevet af ...", "Sidste ændring: 25 august, 2022")
become metadata; captions ("Illustration af ...") and cross-links ("Læs også: ...") are
dropped, as are short unpunctuated lines directly followed by a heading (image captions).
"""

from __future__ import annotations

import re
from itertools import pairwise

from krampe.knowledge.readers import blocks as b
from krampe.knowledge.readers.meta import metadata_line as _metadata_line
from krampe.knowledge.readers.meta import parse_date

_LIST_ITEM = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+(.*)$")
_MAX_HEADING_CHARS = 120
_MAX_HEADING_WORDS = 14


def _heading_like(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > _MAX_HEADING_CHARS or "\n" in text:
        return False
    if len(text.split()) > _MAX_HEADING_WORDS or text[-1] in ".,;:!":
        return False
    first = text[0]
    return first.isupper() or first.isdigit()


def _raw_blocks(text: str) -> list[list[str]]:
    groups: list[list[str]] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line.rstrip())
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return [piece for group in groups for piece in _split_group(group)]


def _split_group(lines: list[str]) -> list[list[str]]:
    """Texts without blank lines keep one paragraph (or heading) per line; hard-wrapped
    texts continue a sentence on the next line. Split only where a line ends a sentence
    or is a short heading-like line, and the next one starts a new sentence."""
    if len(lines) < 2:
        return [lines]
    pieces: list[list[str]] = [[lines[0]]]
    for prev, line in pairwise(lines):
        head = line.lstrip()[:1]
        ends = prev.rstrip()[-1:] in (".", "!", "?", ":") or (
            _heading_like(prev) and len(prev.strip()) <= 80)
        if ends and (head.isupper() or head.isdigit()) and not _LIST_ITEM.match(line):
            pieces.append([line])
        else:
            pieces[-1].append(line)
    return pieces


def parse(text: str) -> tuple[str | None, dict[str, object], list]:
    meta: dict[str, object] = {}
    units: list[str | b.Block] = []  # a str is a single line, to be classified below
    for group in _raw_blocks(text):
        items = [m[1] for line in group if (m := _LIST_ITEM.match(line))]
        if len(items) == len(group):
            units.append(b.ListBlock(items))
            continue
        # A heading line glued to its paragraph (no blank line between).
        if len(group) > 1 and _heading_like(group[0]) and group[0].rstrip().endswith("?"):
            units.append(group[0].strip())
            group = group[1:]
        if len(group) == 1:
            units.append(group[0].strip())
        else:
            units.append(b.Para(" ".join(group)))

    title: str | None = None
    out: list[b.Block] = []
    kept = [u for u in units if not (isinstance(u, str) and b.is_skip_line(u))]
    for i, line in enumerate(kept):
        if not isinstance(line, str):
            out.append(line)
            continue
        found = _metadata_line(line)
        if found:
            key, raw = found
            if key == "author":
                meta.setdefault("author", raw)
            else:
                meta.setdefault(key, parse_date(raw))
            continue
        if not _heading_like(line):
            out.append(b.Para(line))
            continue
        if title is None:
            title = line
            out.append(b.Heading(1, line))
            continue
        if line == title:
            continue
        nxt = kept[i + 1] if i + 1 < len(kept) else None
        next_is_heading = isinstance(nxt, str) and _heading_like(nxt)
        if nxt is None or (next_is_heading and not line.endswith("?")):
            continue  # a caption or a dangling line, not a heading
        out.append(b.Heading(2, line))
    return title, meta, b.build_sections(out)
