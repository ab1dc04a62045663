"""The bundled content pack: our own Danish articles.

Articles are read with the knowledge engine's Markdown reader (no second parser here);
this module adds resolved source labels (from the policy's one sources registry), the
review label and lookups by section tag (`trigger:<id>`, `finding:<id>`, `level:<level>`,
`topic:<name>`). `parse_sources` reads the registry a foreign folder of articles ships.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from krampe.bundled import PACK_DIR
from krampe.errors import KnowledgeBaseError
from krampe.knowledge.model import Article
from krampe.knowledge.readers import read_article
from krampe.policy import Source, get_policy
from krampe.policy.review import review_label as _review_label

# The registry a foreign folder of articles may ship (the bundled pack uses the policy's).
SOURCES_FILE = "sources.yaml"
_ORDER_FILE = Path(__file__).resolve().parent / "data" / "pack.yaml"


def bundled_dir() -> Path:
    """Directory of the bundled pack (what `--kb bundled` and the default knowledge base use)."""
    return PACK_DIR


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


def load_sources() -> dict[str, Source]:
    """The sources registry the pack cites: the policy's (krampe.policy)."""
    return dict(get_policy().sources())


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


def article_title(article_id: str) -> str | None:
    """The title of a pack article by id (file name without extension), or None."""
    return next((a.title for a in _load_pack() if a.id == article_id), None)


def section_sources(article_id: str, heading: str | None) -> list[str]:
    """The source ids a pack section cites (`<!-- sources: ... -->`); [] when unknown."""
    for article in _load_pack():
        if article.id == article_id:
            for section in article.sections:
                if section.heading == heading and section.sources:
                    return list(section.sources)
    return []


def source_labels(ids: list[str]) -> list[str]:
    """Readable labels for source ids; an unknown id is shown as itself (check catches it)."""
    registry = get_policy().sources()
    return [registry[i].label if i in registry else i for i in ids]


def review_label(article: Article) -> str:
    """Honest review status for display (krampe.policy.review decides)."""
    return _review_label(article.metadata.get("clinical_review"), article.content_hash)


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
