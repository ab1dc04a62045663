"""The passages every system indexes: krampe's own readers when present, else a plain splitter.

The fallback exists only so the harness runs before the engine lands; the table says which
splitter was used.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ARTICLE_SUFFIXES = {".txt", ".md", ".html", ".htm"}
MAX_CHARS = 700


@dataclass(frozen=True, slots=True)
class Doc:
    source: str  # article id (file name without extension)
    title: str
    section: str | None
    text: str

    def with_heading(self) -> str:
        """Text plus its section heading: what a peer indexes (headings are fair evidence)."""
        return f"{self.section}\n{self.text}" if self.section else self.text


def resolve_specs(specs: list[str]) -> list[Path]:
    """Article files of `--kb` specs (`bundled` = the content pack), sorted, recursive."""
    files: list[Path] = []
    for spec in specs:
        path = bundled_dir() if spec == "bundled" else Path(spec)
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix in ARTICLE_SUFFIXES
            )
        elif path.is_file():
            files.append(path)
        else:
            raise SystemExit(f"no such knowledge base: {spec}")
    return files


def bundled_dir() -> Path:
    from krampe.content.pack import bundled_dir as _bundled

    return _bundled()


def splitter_name() -> str:
    return "krampe readers" if _krampe_reader() else "bench fallback splitter"


def _krampe_reader():
    try:
        from krampe.knowledge.readers import load_articles
    except ImportError:
        return None
    return load_articles


def load_docs(specs: list[str]) -> list[Doc]:
    """All passages of the knowledge base named by `specs`, in reading order."""
    paths = [bundled_dir() if spec == "bundled" else Path(spec) for spec in specs]
    try:
        from krampe.knowledge.readers import load_articles
    except ImportError:
        load_articles = None
    if load_articles is not None:
        # krampe's own file selection and readers: the very passages krampe indexes.
        articles, warnings = load_articles(paths)
        for warning in warnings:
            print(f"warning: {warning}", file=sys.stderr)
        return [
            Doc(article.id, article.title, section.heading, passage.text)
            for article in articles
            for section in article.sections
            for passage in section.passages
        ]
    docs: list[Doc] = []
    for path in resolve_specs(specs):
        docs.extend(_fallback_docs(path))
    return docs


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*)$")


def _fallback_docs(path: Path) -> list[Doc]:
    """Blank-line paragraphs; `#` lines and short lines ending in `?` are headings."""
    text = path.read_text(encoding="utf-8")
    text = _FRONT_MATTER.sub("", text)
    docs: list[Doc] = []
    heading: str | None = None
    title = path.stem
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        match = _MD_HEADING.match(block)
        if match and "\n" not in block:
            heading = match.group(1).strip()
            continue
        if "\n" not in block and len(block) < 90 and block.endswith("?"):
            heading = block
            continue
        for start in range(0, len(block), MAX_CHARS):
            docs.append(Doc(path.stem, title, heading, block[start : start + MAX_CHARS]))
    return docs
