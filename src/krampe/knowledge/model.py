"""The shape every reader produces: Article -> Section -> Passage.

Readers (txt, Markdown, HTML) fill these; the index, the content checker, triage
advice and the web pages all read them. Keep it format-neutral.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# "lead": the opening paragraph(s) before the first subheading (the manchet), which
# introduces the article rather than answering a question.
PassageKind = Literal["paragraph", "lead", "list", "table_row", "faq", "heading_only"]

# Passages are shown as answers; the contract caps them at 700 characters.
MAX_PASSAGE_CHARS = 700


@dataclass(slots=True)
class Passage:
    text: str
    kind: PassageKind = "paragraph"
    # A later piece of a paragraph too long for one passage (the content check flags it).
    continued: bool = False


@dataclass(slots=True)
class Section:
    heading: str | None
    level: int = 0
    # Ids from the content pack's sources.yaml (Markdown: `<!-- sources: a, b -->`).
    sources: list[str] = field(default_factory=list)
    # Free tags such as "trigger:night" or "finding:dvt_signs" (`<!-- tags: ... -->`).
    tags: list[str] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)


ArticleFormat = Literal["txt", "md", "html"]


@dataclass(slots=True)
class Article:
    id: str  # stable: the file name without extension
    title: str
    path: str
    format: ArticleFormat
    # Normalised keys: title, published, updated (ISO dates), author, url, summary,
    # sources (list of ids), clinical_review ("pending" or a review record), breadcrumb
    # (a text page's trail without its home page, indexed beside the site); `untitled`
    # is True when the article names no title and the file name stands in.
    metadata: dict[str, object] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)
    # krampe.policy.review.content_hash of the text a clinical review covers (for
    # Markdown: title, summary and body, not the dates or the review record itself).
    content_hash: str = ""

    @property
    def url(self) -> str | None:
        value = self.metadata.get("url")
        return str(value) if value else None
