"""The bundled content pack: our own Danish articles and their sources registry.

Articles are read with the knowledge engine's Markdown reader (no second parser here);
this module adds the registry (`da/sources.yaml`), resolved source labels and lookups by
section tag (`trigger:<id>`, `finding:<id>`, `level:<level>`, `topic:<name>`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from krampe.errors import KnowledgeBaseError
from krampe.knowledge.model import Article
from krampe.knowledge.readers import read_article

_PACK_DIR = Path(__file__).resolve().parent / "da"
SOURCES_FILE = "sources.yaml"
_ORDER_FILE = Path(__file__).resolve().parent / "data" / "pack.yaml"

# What the product shows while no clinician has reviewed a page (never claim a review).
REVIEW_PENDING_LABEL = "ikke fagligt gennemgået endnu"


def bundled_dir() -> Path:
    """Directory of the bundled pack (what `--kb bundled` and the default knowledge base use)."""
    return _PACK_DIR


class Source(BaseModel):
    """One entry of the sources registry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: str | None = None
    # When someone last checked facts copied from it (phone numbers); None = never.
    verified: str | None = None

    @field_validator("url")
    @classmethod
    def _http_only(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("url skal starte med http:// eller https://")
        return value

    @field_validator("verified", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        return value.isoformat() if hasattr(value, "isoformat") else value

    @property
    def label(self) -> str:
        """What readers see, e.g. "NICE CKS: Leg cramps (2012)"."""
        year = f" ({self.year})" if self.year else ""
        return f"{self.publisher}: {self.title}{year}"


class TaggedSection(BaseModel):
    """A pack section carrying a tag, with what a caller needs to show and cite it."""

    article_id: str
    article_title: str
    heading: str | None
    passages: list[str]
    sources: list[str]
    source_labels: list[str]
    tags: list[str]


def parse_sources(path: Path) -> dict[str, Source]:
    """Read and validate a sources registry; KnowledgeBaseError (Danish) when it is broken."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(
            f"Kilderegistret {path} kan ikke læses: {exc}", code="sources_invalid"
        ) from None
    if not isinstance(raw, list):
        raise KnowledgeBaseError(
            f"Kilderegistret {path} skal være en liste af kilder.", code="sources_invalid"
        )
    sources: dict[str, Source] = {}
    for index, item in enumerate(raw, start=1):
        try:
            source = Source.model_validate(item)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "?"
            raise KnowledgeBaseError(
                f"Kilde nr. {index} i {path.name} er ugyldig ({where}: {first['msg']}).",
                code="sources_invalid",
            ) from None
        if source.id in sources:
            raise KnowledgeBaseError(
                f"Kilden {source.id} står to gange i {path.name}.", code="sources_invalid"
            )
        sources[source.id] = source
    return sources


@lru_cache(maxsize=1)
def load_sources() -> dict[str, Source]:
    """The pack's sources registry by id (validated, cached)."""
    return parse_sources(bundled_dir() / SOURCES_FILE)


@lru_cache(maxsize=1)
def _lookup_order() -> tuple[str, ...]:
    raw = yaml.safe_load(_ORDER_FILE.read_text(encoding="utf-8"))
    order = raw.get("lookup_order") if isinstance(raw, dict) else None
    if not isinstance(order, list) or not all(isinstance(i, str) for i in order):
        raise KnowledgeBaseError(f"{_ORDER_FILE.name}: lookup_order skal være en liste af id'er.",
                                 code="pack_invalid")
    return tuple(order)


@lru_cache(maxsize=1)
def _load_pack() -> tuple[Article, ...]:
    articles = [read_article(path) for path in sorted(bundled_dir().glob("*.md"))]
    order = {article_id: i for i, article_id in enumerate(_lookup_order())}
    return tuple(sorted(articles, key=lambda a: (order.get(a.id, len(order)), a.id)))


def load_pack() -> list[Article]:
    """Every article of the pack: canonical pages first (data/pack.yaml), then by file name."""
    return list(_load_pack())


def source_labels(ids: list[str]) -> list[str]:
    """Readable labels for source ids; an unknown id is shown as itself (check catches it)."""
    registry = load_sources()
    return [registry[i].label if i in registry else i for i in ids]


def review_label(article: Article) -> str:
    """Honest review status for display: only an explicit record counts as reviewed."""
    review = article.metadata.get("clinical_review")
    if isinstance(review, dict) and review.get("reviewer") and review.get("date"):
        return f"fagligt gennemgået af {review['reviewer']} ({review['date']})"
    return REVIEW_PENDING_LABEL


@lru_cache(maxsize=256)
def _tagged(tag: str) -> tuple[TaggedSection, ...]:
    found = []
    for article in _load_pack():
        for section in article.sections:
            if tag not in section.tags:
                continue
            found.append(
                TaggedSection(
                    article_id=article.id,
                    article_title=article.title,
                    heading=section.heading,
                    passages=[p.text for p in section.passages],
                    sources=list(section.sources),
                    source_labels=source_labels(section.sources),
                    tags=list(section.tags),
                )
            )
    return tuple(found)


def sections_tagged(tag: str) -> list[TaggedSection]:
    """Sections carrying `tag` (e.g. "trigger:night", "finding:dvt_signs", "level:urgent").

    Order: canonical pages first (data/pack.yaml: the seek-help page for findings and
    levels, the causes page for triggers), then position in the article, so callers that
    show one section take the first. Empty list for an unknown tag.
    """
    return [section.model_copy(deep=True) for section in _tagged(tag.strip())]


def all_tags() -> set[str]:
    """Every tag used in the pack."""
    return {tag for article in _load_pack() for s in article.sections for tag in s.tags}
