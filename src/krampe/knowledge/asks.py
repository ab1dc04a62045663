"""What a question or a heading asks for: a cause ("Hvorfor ...", "Hvad skyldes ...") or
what to do ("Hvad kan jeg gøre ...", "Hvordan forebygger jeg ...").

A heading that asks why ("Hvorfor får jeg kramper om natten?") explains causes; a question
that asks what to do about the same words ("hvad kan jeg gøre inden jeg går i seng") is
answered under a heading about what to do, however many words the why-heading shares with
it. Only this contrast is drawn: "hvad", "hvordan" and "hvilken" ask for many things (what
it is, how it feels, which muscle) that a why-section may well answer. The cue words are
data (search.yaml `query.asks`).
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np

from krampe.knowledge.index import Index
from krampe.knowledge.settings import search_settings

Asks = Literal["cause", "action"] | None

_WORD = re.compile(r"[^\W\d_]+")


def asks(text: str | None) -> Asks:
    """"cause" or "action" when the text has cue words of that kind only, else None (a
    heading such as "Årsager og behandling" asks both)."""
    cfg = search_settings().query.asks
    if not text or cfg is None:
        return None
    words = set(_WORD.findall(text.lower()))
    cause, action = bool(words & cfg.cause), bool(words & cfg.action)
    if cause == action:
        return None
    return "cause" if cause else "action"


def heading_asks(index: Index) -> list[Asks]:
    """What each section's heading asks; once per index."""
    found = index.derived.get("heading_asks")
    if found is None:
        found = index.derived["heading_asks"] = [asks(h) for h in index.section_headings]
    return found


def mismatch(index: Index, question: str, sections: np.ndarray) -> np.ndarray:
    """Per passage (by its section): the heading asks for a cause and the question what
    to do, or the other way round."""
    wanted = asks(question)
    if wanted is None:
        return np.zeros(sections.shape, dtype=bool)
    kinds = heading_asks(index)
    return np.asarray([kinds[s] is not None and kinds[s] != wanted for s in sections],
                      dtype=bool)
