"""Advice, trigger details and sources from the bundled content pack.

The only place triage reads the content pack: sections tagged `level:<level>`,
`finding:<id>` and `trigger:<id>` (see docs/architecture.md). Short advice is the first
passage of a tagged section; every piece shown carries its article and section. When the
pack is missing or has no section for a tag, nothing is shown for it (never made-up text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from krampe.content import pack
from krampe.triage.result import SourceRef, TriggerDetail
from krampe.triage.schema import Rules

_MAX_ADVICE_CHARS = 400


@dataclass(frozen=True)
class _Section:
    article: str
    heading: str | None
    passage: str
    sources: tuple[str, ...]
    tags: frozenset[str]


@lru_cache(maxsize=512)
def _sections(tag: str) -> tuple[_Section, ...]:
    try:
        found = pack.sections_tagged(tag)
    except Exception:  # a broken pack must not break triage; `krampe content check` reports it
        return ()
    out = []
    for sec in found:
        passages = [p for p in (getattr(sec, "passages", None) or []) if str(p).strip()]
        if not passages:
            continue
        out.append(
            _Section(
                article=str(sec.article_id),
                heading=getattr(sec, "heading", None),
                passage=_short(_standalone(getattr(sec, "heading", None), str(passages[0]))),
                sources=tuple(getattr(sec, "sources", None) or ()),
                tags=frozenset(getattr(sec, "tags", None) or ()),
            )
        )
    return tuple(out)


_ANSWER_WORD = re.compile(r"(ja|nej)\b", re.IGNORECASE)


def _standalone(heading: str | None, text: str) -> str:
    """A passage opening with "Ja." or "Nej," answers its heading's question; shown alone as
    advice it would say yes to nothing, so the question goes in front."""
    text = text.strip()
    if heading and heading.rstrip().endswith("?") and _ANSWER_WORD.match(text):
        return f"{heading.strip()} {text}"
    return text


def _short(text: str) -> str:
    """The passage, cut at a sentence end when it is long."""
    text = " ".join(text.split())
    if len(text) <= _MAX_ADVICE_CHARS:
        return text
    cut = text.rfind(". ", 0, _MAX_ADVICE_CHARS)
    return text[: cut + 1] if cut > 0 else text[:_MAX_ADVICE_CHARS].rsplit(" ", 1)[0] + " …"


def _best(secs: tuple[_Section, ...], wanted: set[str]) -> list[_Section]:
    """Most specific first: fewest finding/trigger tags that this result does not have."""

    def off_topic(sec: _Section) -> int:
        return sum(
            1 for t in sec.tags if t.startswith(("finding:", "trigger:")) and t not in wanted
        )

    return sorted(secs, key=off_topic)  # stable: pack order breaks ties


def lookup(
    rules: Rules, level: str | None, findings: list[str], triggers: list[str]
) -> tuple[list[str], list[TriggerDetail], list[SourceRef]]:
    """(advice, trigger_details, sources) for a result."""
    advice: list[str] = []
    refs: list[SourceRef] = []
    seen_ref: set[tuple[str, str | None]] = set()

    def use(sec: _Section) -> None:
        key = (sec.article, sec.heading)
        if key not in seen_ref:
            seen_ref.add(key)
            refs.append(SourceRef(source=sec.article, section=sec.heading))

    wanted = {f"finding:{f}" for f in findings} | {f"trigger:{t}" for t in triggers}
    tags = [f"finding:{f}" for f in findings]
    if level:
        tags.append(f"level:{level}")
    for tag in tags:
        for sec in _best(_sections(tag), wanted):
            if sec.passage not in advice:
                advice.append(sec.passage)
                use(sec)
                break

    details: list[TriggerDetail] = []
    for tid in triggers:
        secs = tuple(_best(_sections(f"trigger:{tid}"), wanted))
        for sec in secs:
            use(sec)
        # The sources of the passage shown (every advice sentence traceable to its source).
        sources = list(dict.fromkeys(secs[0].sources)) if secs else []
        details.append(
            TriggerDetail(
                id=tid,
                label=rules.triggers[tid].label,
                advice=secs[0].passage if secs else "",
                sources=sources,
            )
        )
    return advice, details, refs
