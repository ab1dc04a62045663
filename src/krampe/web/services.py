"""The web app's handle on the engines: loaded once at startup, one call per feature.

Each page and its API twin go through the same method here, so the browser and the
API can never disagree. No search or triage logic lives in the web package.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from krampe import core, selfcare
from krampe.bundled import PACK_DIR
from krampe.content import coverage, pack
from krampe.knowledge.kb import KnowledgeBase
from krampe.lang.da import spelling
from krampe.policy import Level, get_policy
from krampe.policy.review import PENDING_LABEL, REVIEWED_LABEL, is_reviewed
from krampe.triage import TriageResult, triage
from krampe.triage.schema import get_rules
from krampe.web.notice import build_notice


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: str
    title: str
    url: str | None
    published: str | None
    updated: str | None
    author: str | None
    clinical_review: object
    content_hash: str
    source_ids: list[str]
    bundled: bool

    @property
    def reviewed(self) -> bool:
        return is_reviewed(self.clinical_review, self.content_hash)


class Services:
    def __init__(self, kb_specs: list[str] | None = None,
                 kb: KnowledgeBase | None = None) -> None:
        self.kb_specs = list(kb_specs or ["bundled"])
        # `kb`: already loaded from these specs (krampe serve's pre-flight check).
        self.kb = kb or KnowledgeBase.load(self.kb_specs)
        self._articles = self._collect_articles()
        self._by_id = {a.id: a for a in self._articles}
        self._notices: dict[str | None, dict] = {}
        self._notice_bytes: bytes | None = None
        self._warm = False
        self._coverage: coverage.CoverageReport | None = None

    # --- the core calls -------------------------------------------------------------------

    def ask(self, question: object, top: int = 5) -> core.AskResult:
        return core.ask(question, self.kb, top)

    def triage(
        self,
        text: object,
        region: str | None = None,
        answers: Mapping[str, bool | None] | None = None,
        known_findings: list[str] | None = None,
    ) -> TriageResult:
        return triage(text, region=region, answers=answers or None,
                      known_findings=known_findings or ())

    # The same calls as JSON-ready dicts: what the engine pool hands back (a process pool
    # pickles the result, and the routes need the contract's JSON anyway).

    def ask_json(self, question: object, top: int = 5) -> dict:
        return self.ask(question, top).model_dump(mode="json")

    def ask_bytes(self, question: object, top: int = 5) -> bytes:
        """The answer as JSON text, encoded where the engine runs: the event loop neither
        unpickles a tree of objects nor encodes it again (`/api/ask`)."""
        return self.ask(question, top).model_dump_json().encode()

    def triage_json(
        self,
        text: object,
        region: str | None = None,
        answers: Mapping[str, bool | None] | None = None,
        known_findings: list[str] | None = None,
    ) -> dict:
        return self.triage(text, region, answers, known_findings).model_dump(mode="json")

    def warm_up(self) -> None:
        """Build every lazy cache (analyser, triage rules) once, before engine processes
        are forked from this one, so that they inherit them instead of building their own.
        Once per process tree: a worker forked from a warmed parent skips it."""
        if self._warm:
            return
        spelling.warm_up()  # a number in a question: wordfreq, lazily imported
        self.ask_json("krampe i læggen om natten", 5)
        self.triage_json("krampe i læggen om natten")
        self.notice_bytes()
        self._warm = True

    def screen_questions(self) -> dict[str, ScreenQuestion]:
        """Every screening question in the policy's order of asking (rules/questions.yaml)."""
        return _screen_questions()

    def notice_bytes(self) -> bytes:
        """`notice()` as JSON text (made once)."""
        if self._notice_bytes is None:
            self._notice_bytes = json.dumps(self.notice(), ensure_ascii=False,
                                            separators=(",", ":")).encode()
        return self._notice_bytes

    def notice(self, region: str | None = None) -> dict:
        """The disclaimer for API results (not a diagnosis, review state, emergency)."""
        cached = self._notices.get(region)
        if cached is None:
            cached = build_notice(self._articles, region).model_dump()
            self._notices[region] = cached
        return dict(cached)

    def acute_guide(self):
        return selfcare.acute_guide()

    def exercises(self):
        return selfcare.exercises()

    def plan(self, start: date, weeks: int, profile):
        return selfcare.build_plan(start, weeks, profile)

    def plan_ics(self, plan, reminder_minutes: int) -> bytes:
        return selfcare.plan_to_ics(plan, reminder_minutes)

    def coverage(self) -> coverage.CoverageReport:
        """The coverage bank against this knowledge base (run once per worker)."""
        if self._coverage is None:
            self._coverage = coverage.run(self.kb, self.kb_specs)
        return self._coverage

    def sources(self) -> list:
        return list(get_policy().sources().values())

    # --- articles of the active knowledge base ---------------------------------------------

    @property
    def articles(self) -> list[ArticleInfo]:
        return self._articles

    def article(self, article_id: str) -> ArticleInfo | None:
        return self._by_id.get(article_id)

    def section_sources(self, article_id: str, section: str | None) -> list[str]:
        """The source ids a section of our pack cites (`<!-- sources: ... -->`), for an
        answer's links; [] for a clinic's article."""
        info = self._by_id.get(article_id)
        return pack.section_sources(article_id, section) if info and info.bundled else []

    def _collect_articles(self) -> list[ArticleInfo]:
        """Article metadata for the sources page and answer dates.

        It comes with the search index (and its cache): a worker starting on a clinic's
        10,000 articles reads none of them again.
        """
        out = []
        for art in self.kb.article_records():
            meta = art.metadata
            sources = meta.get("sources")  # a list of ids (readers.meta.normalise)
            out.append(
                ArticleInfo(
                    id=art.id,
                    title=art.title,
                    url=_str(meta.get("url")),
                    published=_str(meta.get("published")),
                    updated=_str(meta.get("updated")),
                    author=_str(meta.get("author")),
                    clinical_review=meta.get("clinical_review"),
                    content_hash=art.content_hash,
                    source_ids=[str(s) for s in sources] if isinstance(sources, list) else [],
                    bundled=_in_pack(art.path),
                )
            )
        return sorted(out, key=lambda a: (not a.bundled, a.title.lower()))


@dataclass(frozen=True, slots=True)
class ScreenQuestion:
    id: str
    finding: str
    level: Level  # the level of the red flag it screens
    position: int  # in the policy's order of asking


@cache
def _screen_questions() -> dict[str, ScreenQuestion]:
    rules = get_rules()
    ordered = [q for fid in rules.screen.order for q in rules.questions if q.finding == fid]
    return {
        q.id: ScreenQuestion(q.id, q.finding, rules.findings[q.finding].level, n)
        for n, q in enumerate(ordered)
    }


@cache
def _dir_in_pack(folder: str) -> bool:
    return Path(folder).resolve().is_relative_to(PACK_DIR)


def _in_pack(path: str) -> bool:
    # One resolve per folder, not per file: 10,000 articles sit in a handful of folders.
    return _dir_in_pack(os.path.dirname(path))


def _clinic_articles(articles: list[ArticleInfo]) -> dict:
    """The footer's line about the articles not from our pack: how many, their authors,
    and when they were last changed."""
    own = [a for a in articles if not a.bundled]
    authors = sorted({a.author for a in own if a.author}, key=str.lower)
    dates = [d for a in own if (d := a.updated or a.published)]
    return {"count": len(own), "authors": authors, "latest": max(dates) if dates else None}


def _str(value: object) -> str | None:
    return None if value in (None, "") else str(value)


_lock = threading.Lock()


# Engines `krampe serve` loaded before it forked its workers, by knowledge base specs:
# each worker takes them over (pages shared copy-on-write) instead of loading its own.
_PRELOADED: dict[tuple[str, ...], Services] = {}


def preload(kb_specs: list[str], kb: KnowledgeBase | None = None) -> Services:
    """Load and warm the engines in this process for the workers it will fork."""
    services = Services(kb_specs, kb)
    services.warm_up()
    _PRELOADED[tuple(services.kb_specs)] = services
    return services


def get_services(app) -> Services:
    """The app's engines; loaded by the lifespan, or on first use if a host skips lifespan."""
    services = getattr(app.state, "services", None)
    if services is None:
        with _lock:
            services = getattr(app.state, "services", None)
            if services is None:
                services = _load(app)
    return services


def _load(app) -> Services:
    services = _PRELOADED.get(tuple(app.state.kb_specs)) or Services(app.state.kb_specs)
    labels: dict[str, str] = {}
    for src in services.sources():
        labels[src.id] = src.label
    for art in services.articles:
        labels.setdefault(art.id, art.title)
    bundled = [a for a in services.articles if a.bundled]
    reviewed = bool(bundled) and all(a.reviewed for a in bundled)
    review_summary = REVIEWED_LABEL if reviewed else PENDING_LABEL
    app.state.page_context = {
        "clinic": getattr(app.state, "clinic", None),
        "clinic_articles": _clinic_articles(services.articles),
        "source_labels": labels,
        "max_chars": app.state.settings.max_input_chars,
        "review_summary": review_summary,
        "articles": {a.id: a for a in services.articles},
    }
    app.state.services = services
    return services
