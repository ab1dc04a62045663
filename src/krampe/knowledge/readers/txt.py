"""Plain-text reader: headings are lines of their own (up to 120 characters, no closing
full stop), detected from the layout; the first line is the title when it looks like one.

Bylines and date lines in the body ("Af Mette Sørensen", "Skrevet af ...", "Sidste
ændring: 25 august, 2022", "12. marts 2024") become metadata; captions ("Illustration af
...") and cross-links ("Læs også: ...") are dropped, as are short unpunctuated lines
directly followed by a heading (image captions).
"""

from __future__ import annotations

import re
from itertools import pairwise

from krampe.knowledge.readers import blocks as b
from krampe.knowledge.readers.cues import cues
from krampe.knowledge.readers.meta import date_only

_LIST_MARK = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+(.*)$")
# A row of a table aligned with spaces: a short label, a gap of two or more spaces, the
# value ("  Pris:     250 kr. for ..."; "  Uge 4-7     Opbygning: ..."); a label with a
# colon may fill its column ("  Holdstr.: Højst 12").
_ALIGNED_ROW = re.compile(r"^(\s*)(\S(?:.{0,28}?\S)?)(\s{2,}|(?<=:)\s)(\S.*)$")
# A line ending in a short abbreviation ("kl.", "ca.", "nr.") over a number goes on:
# "... mandag-torsdag kl." / "9-12, eller ...".
_ABBREVIATION_END = re.compile(r"(?:^|\s)[a-zæøå]{1,3}\.$")
# A breadcrumb trail ("Forside > Borger > Sundhed"): navigation, never title or text.
_CRUMB_SEPARATOR = re.compile(r"\s+[>›»]\s+")


def _list_item(line: str) -> re.Match[str] | None:
    """A list line ("- Stræk læggen", "2. Hold strækket"); a date ("14. januar 2025") is
    no item 14."""
    return None if date_only(line) else _LIST_MARK.match(line)
# A hard-wrapped paragraph line is not split off as a heading above this length.
_GLUED_HEADING_CHARS = 80
# The first line of its own is the title up to this multiple of a heading's length.
_TITLE_STRETCH = 1.3


def _heading_like(line: str, first: bool = False) -> bool:
    """A heading, or with `first` the title: the opening line of its own may be longer."""
    text = line.strip()
    stretch = _TITLE_STRETCH if first else 1.0
    if not text or len(text) > b.MAX_HEADING_CHARS * stretch or "\n" in text:
        return False
    if len(text.split()) > b.MAX_HEADING_WORDS * stretch or text[-1] in ".,;:!":
        return False
    return text[0].isupper() or text[0].isdigit()


def _colon_question(line: str) -> bool:
    """A question closed by a colon instead of "?" ("Hvorfor kan jeg få kramper:", "Skal
    jeg drikke mere, når ...:"): a heading over the text that answers it. A lead-in that
    is no question ("Gør sådan:", "Når du får krampe:") stays with its text."""
    text = line.strip()
    if not text.endswith(":") or text.endswith("::") or not _heading_like(text[:-1]):
        return False
    words = text[:-1].lower().replace(",", " ").split()
    table = cues()
    if words[0] in table.colon_question_words:
        return True
    return (len(words) > 2 and words[0] not in table.colon_question_not_verbs
            and words[1] in table.colon_question_pronouns)


_NAME_LINKS = frozenset({"i", "og", "for", "på", "af", "ved", "med", "til"})


def _name(line: str) -> bool:
    """A proper name ("Jordemoderklinikken Solsikken, Aarhus"): a few words, each
    capitalised. Danish titles capitalise only their first word."""
    words = line.replace(",", " ").split()
    capitals = [w for w in words if w[0].isupper()]
    # "Foreningen Hjertesvigt i Hverdagen": a name keeps its small linking words low.
    return (2 <= len(words) <= 6 and len(capitals) >= 2 and words[0][0].isupper()
            and all(w[0].isupper() or w in _NAME_LINKS for w in words))


def _numbered_heading(group: list[str], nxt: list[str] | None) -> str | None:
    """A numbered line of its own ("2. Medicin", "3. HVORNÅR SKAL I RINGE?") over a
    paragraph, or over a list marked otherwise than by numbers, is a numbered section
    heading, not a one-item list: as a list it would be a passage that says nothing."""
    if len(group) != 1 or nxt is None or (_NUMBERED.match(nxt[0]) and _list_item(nxt[0])):
        return None
    match = _NUMBERED.match(group[0])
    if match is None or not _heading_like(match[1]):
        return None
    return match[1].strip()


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _breadcrumb(line: str) -> bool:
    pieces = _CRUMB_SEPARATOR.split(line.strip())
    return len(pieces) >= 3 and all(0 < len(p.split()) <= 5 for p in pieces)


def _aligned_table(group: list[str]) -> b.Table | None:
    """Rows aligned with spaces, a value wrapped onto lines indented under its column (a
    contact box, a week plan): one row a passage, with its label, as in a table."""
    base = min(_indent(line) for line in group)
    rows: list[list[str]] = []
    gaps = 0
    for line in group:
        if _indent(line) > base and rows:
            rows[-1][1] += " " + line.strip()
            continue
        match = _ALIGNED_ROW.match(line)
        if match is None or _indent(line) != base:
            return None
        rows.append([match[2], match[4].strip()])
        gaps += len(match[3]) > 1
    if len(rows) < 2 or gaps * 2 < len(rows):
        return None
    # "Pris:" labels its value in one cell; a label without a colon is a column of its own.
    return b.Table([], [[f"{label} {value}"] if label.endswith(":") else [label, value]
                        for label, value in rows])


def _hanging(group: list[str]) -> list[str]:
    """A list item wrapped onto lines indented under its text continues on them; read as
    lines of their own, item 8 would lose its number and items 2-7 their break."""
    out: list[str] = []
    for line in group:
        if (out and _list_item(out[-1]) and not _list_item(line)
                and _indent(line) > _indent(out[-1])):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


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
    # A table's rows stay one group: its wrapped values look like new sentences.
    return [piece for group in groups
            for piece in ([group] if _aligned_table(group) else _split_group(_hanging(group)))]


def _split_group(lines: list[str]) -> list[list[str]]:
    """Texts without blank lines keep one paragraph (or heading) per line; hard-wrapped
    texts continue a sentence on the next line. Split only where a line ends a sentence
    or is a short heading-like line, and the next one starts a new sentence."""
    if len(lines) < 2:
        return [lines]
    pieces: list[list[str]] = [[lines[0]]]
    for prev, line in pairwise(lines):
        head = line.lstrip()[:1]
        # A label closed by a colon ("Kort fortalt:") leads into its sentence; a question
        # closed by one heads it.
        ends = prev.rstrip()[-1:] in (".", "!", "?") or _colon_question(prev) or (
            _heading_like(prev) and len(prev.strip()) <= _GLUED_HEADING_CHARS)
        if head.isdigit() and _ABBREVIATION_END.search(prev.rstrip()):
            ends = False
        if ends and (head.isupper() or head.isdigit()) and not _list_item(line):
            pieces.append([line])
        else:
            pieces[-1].append(line)
    return pieces


def parse(text: str) -> tuple[str | None, dict[str, object], list]:
    meta: dict[str, object] = {}
    units: list[str | b.Block] = []  # a str is a single line, to be classified below
    groups = _raw_blocks(text)
    for i, group in enumerate(groups):
        if len(group) == 1 and b.lift_metadata(group[0].strip(), meta):
            continue  # before lists: "12. marts 2024" is a date, not item 12
        if len(group) == 1 and _breadcrumb(group[0]):
            # Kept for the index (beside the site), not as text; the home page says nothing.
            meta.setdefault("breadcrumb", " ".join(_CRUMB_SEPARATOR.split(group[0].strip())[1:]))
            continue
        table = _aligned_table(group)
        if table is not None:
            units.append(table)
            continue
        numbered = _numbered_heading(group, groups[i + 1] if i + 1 < len(groups) else None)
        if numbered:
            units.append(b.Heading(3, numbered))
            continue
        items = [m[1] for line in group if (m := _list_item(line))]
        if len(items) == len(group):
            units.append(b.ListBlock(items))
            continue
        # A lead-in ("Gør sådan:") directly over its list: a paragraph and a list, which
        # the section builder keeps together, not one paragraph with dashes inside.
        first = next((j for j, line in enumerate(group) if _list_item(line)), None)
        if first and len(items) == len(group) - first:
            if first == 1 and _colon_question(group[0]):
                units.append(group[0].strip())  # a question heading over its list
            else:
                units.append(b.Para(" ".join(line.strip() for line in group[:first])))
            units.append(b.ListBlock(items))
            continue
        # A heading line glued to its paragraph (no blank line between).
        if len(group) > 1 and ((_heading_like(group[0]) and group[0].rstrip().endswith("?"))
                               or _colon_question(group[0])):
            units.append(group[0].strip())
            group = group[1:]
        if len(group) == 1:
            units.append(group[0].strip())
        else:
            units.append(b.Para(" ".join(group)))

    # Bylines, dates and cross-links go before headings are guessed: "Af Mette Sørensen"
    # looks like a heading, and a heading is judged by the line that follows it.
    # A line that only says "Læs også" heads a list of links: as a heading, the builder
    # drops it with its list.
    units = [b.Heading(2, u) if isinstance(u, str) and b.is_related_heading(u, exact=True)
             else u for u in units]
    kept = [u for u in units if not (isinstance(u, str) and (
        b.is_skip_line(u) or b.lift_metadata(u, meta)))]
    title: str | None = None
    site_seen = False
    out: list[b.Block] = []
    for i, line in enumerate(kept):
        if not isinstance(line, str):
            out.append(line)
            continue
        if title is not None and _colon_question(line):
            out.append(b.Heading(2, line.rstrip(":").rstrip()))
            continue
        if not _heading_like(line, first=i == 0) or (title is not None and b.is_label(line)):
            out.append(b.Para(line))
            continue
        if title is None:
            nxt = kept[i + 1] if i + 1 < len(kept) else None
            above = isinstance(nxt, str) and _heading_like(nxt, first=True)
            # Under a site label ("Kommune · Center"), a line in capitals is the title.
            named = _name(line) and not (site_seen and line.isupper())
            if b.is_label(line) or (above and (" " not in line or named)):
                # Above the title: the site ("Lægehuset Ved Åen · Åvej 12 · ...", a name
                # such as "Klinikken Solbakken, Vejle") or a category word
                # ("PATIENTINFORMATION"); the site is kept as publisher.
                site_seen = site_seen or b.is_label(line)
                if b.is_label(line) or named:
                    meta.setdefault("publisher", b.publisher(line))
                continue
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
    return title, meta, b.build_sections(out, meta)
