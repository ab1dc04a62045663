"""Metadata normalisation: contract keys and ISO dates from Danish, day-first or ISO text."""

from __future__ import annotations

import datetime as dt
import re

from krampe.knowledge.readers.cues import cues

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\b")
_WORDY = re.compile(r"\b(\d{1,2})\.?\s+([a-zæøå]+)\.?,?\s+(\d{4})\b")
_MONTH_YEAR = re.compile(r"([a-zæøå]+)\.?,?\s+(\d{4})")
_ENGLISH = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def _iso(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(value: object) -> str | None:
    """ISO date (YYYY-MM-DD) from '25 august, 2022', '13. september 2025', '13/09/2025', ISO."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    if match := _ISO.search(text):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.search(text):  # Danish dates are day-first
        return _iso(int(match[3]), int(match[2]), int(match[1]))
    months = cues().months
    if (match := _WORDY.search(text)) and match[2] in months:
        return _iso(int(match[3]), months[match[2]], int(match[1]))
    if (match := _ENGLISH.search(text)) and match[1] in months:
        return _iso(int(match[3]), months[match[1]], int(match[2]))
    # "Revideret marts 2024": a month without a day is dated to its first day.
    if (match := _MONTH_YEAR.fullmatch(text)) and match[1] in months:
        return _iso(int(match[2]), months[match[1]], 1)
    return None


def metadata_line(line: str) -> tuple[str, str] | None:
    """("author" | "publisher" | "updated" | "published", value) for "Skrevet af X" /
    "Udgivet af X" / "Sidste ændring: 25 august, 2022" lines, else None."""
    table = cues()
    match = table.metadata_line_re.match(line)
    if match is None:
        return None
    cue, value = match[1].lower(), match[2].strip(" :")
    after = line[match.end(1):match.end(1) + 1]
    if not cue.endswith(":") and after not in (" ", ":", ""):
        return None  # "Afslapning ..." is not "Af: ..."
    for key, cue_list in (("updated", table.updated_cues), ("published", table.published_cues),
                          ("author", table.author_cues), ("publisher", table.publisher_cues)):
        if cue in cue_list:
            if key in ("author", "publisher"):
                # "læge Henrik Dalgaard, speciallæge i almen medicin": a name and a role.
                return (key, value) if value and len(value.split()) <= _BYLINE_WORDS else None
            return (key, value) if parse_date(value) else None
    return None


# A byline names someone and may give a role ("Af Birthe Søgaard, frivillig redaktør, med
# faglig hjælp fra fysioterapeut Ole Brix"); longer, it is prose.
_BYLINE_WORDS = 12
_BYLINE_SEPARATORS = re.compile(r"\s+[·•|–—]\s+|\s*\|\s*")
# A line that is nothing but a date: "12. marts 2024", "tirsdag d. 4. juni 2024",
# "14.02.2025", "2024-03-12".
_DATE_ONLY = re.compile(
    r"(?:[a-zæøå]+dag\s+)?(?:d\.\s*)?"
    r"(?:\d{1,2}\.?\s+[a-zæøå]+\.?,?\s+\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[t ][\d:.+z-]*)?|[a-z]+\.?\s+\d{1,2},?\s+\d{4}"
    # "september 2024": a month and a year (parse_date knows the month names).
    r"|[a-zæøå]+\.?\s+\d{4})",
    re.IGNORECASE,
)


# A date closing a byline piece, after a space or a comma ("Udgivet af X, maj 2024").
_DATE_TAIL = re.compile(rf"[,\s]\s*({_DATE_ONLY.pattern})\s*$", re.IGNORECASE)


def _pieces(text: str) -> list[str]:
    """A byline's pieces: split at separators, and a date at the end of a piece ("Af Mette
    Sørensen 12. marts 2024", read from one HTML box) is a piece of its own."""
    out: list[str] = []
    for piece in _BYLINE_SEPARATORS.split(text.strip()):
        if not piece:
            continue
        # A dated cue ("Opdateret 12. marts 2024") is one piece; a name may close with one.
        item = metadata_line(piece)
        whole = date_only(piece) or (item is not None and item[0] in ("updated", "published"))
        match = None if whole else _DATE_TAIL.search(piece)
        if match and match.start() > 0:
            out += [piece[:match.start()].rstrip(" ,"), match[1]]
        else:
            out.append(piece)
    return out


def date_only(text: str) -> str | None:
    """The ISO date of a line that holds only a date, else None."""
    text = text.strip().rstrip(".").strip()
    if len(text) > 40 or not _DATE_ONLY.fullmatch(text):
        return None
    return parse_date(text)


def _bare_author(piece: str) -> str | None:
    """"Af Mette Sørensen, fysioterapeut" or "Af fysioterapeut Mette Sørensen" -> the
    name; prose such as "Af samme grund bør du ..." is not a byline (a byline names
    someone with a capital letter and is no sentence)."""
    words = piece.split()
    if (len(words) not in range(2, _BYLINE_WORDS + 2)
            or words[0].lower() not in cues().byline_author_cues):
        return None
    if not any(w[:1].isupper() for w in words[1:]) or piece.rstrip()[-1] in ".!?:;":
        return None
    return " ".join(words[1:])


def byline(text: str) -> dict[str, str] | None:
    """Metadata of a byline such as "Af Birgitte Holm · Opdateret 17. januar 2025" or a
    lone date line: every piece must be metadata, otherwise the text is prose (None)."""
    if len(text) > 200:
        return None
    found: dict[str, str] = {}
    extra = cues().byline_extra_re
    for piece in _pieces(text):
        if extra.search(piece.strip(" *_")):
            continue  # a reading time, a reviewer: byline furniture
        item = metadata_line(piece)
        if item is None and (name := _bare_author(piece)):
            item = ("author", name)
        if item is None and (date := date_only(piece)):
            item = ("published", date)
        if item is None:
            return None
        key, value = item
        found.setdefault(key, value if key in ("author", "publisher")
                         else parse_date(value) or value)
    return found or None


def _author(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        names = [_author(item) for item in value]
        return ", ".join(name for name in names if name) or None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def normalise(raw: dict[str, object]) -> dict[str, object]:
    """Map source keys (lastUpdated, og:url, datePublished ...) onto the contract keys.

    The first value found for a contract key wins, so callers pass the most trusted
    keys first.
    """
    table = cues()
    out: dict[str, object] = {}
    for raw_key, value in raw.items():
        key = table.meta_key(str(raw_key))
        if key is None or key in out or value in (None, "", []):
            continue
        if key in ("published", "updated"):
            parsed = parse_date(value)
            if parsed:
                out[key] = parsed
        elif key == "author":
            if author := _author(value):
                out[key] = author
        elif key == "sources":
            items = value if isinstance(value, list) else str(value).split(",")
            out[key] = [str(item).strip() for item in items if str(item).strip()]
        elif key == "clinical_review":
            out[key] = value
        else:
            out[key] = " ".join(str(value).split())
    return out
