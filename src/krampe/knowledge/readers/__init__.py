"""Article readers: detect the format from the content, read one file, load many."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from krampe.errors import KnowledgeBaseError
from krampe.knowledge.model import Article, ArticleFormat
from krampe.knowledge.readers import html, markdown, txt
from krampe.policy.review import content_hash

SUFFIXES: dict[str, ArticleFormat] = {
    ".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
}
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html|<head|<body|<article|<!--)", re.I)
_HTML_TAGS = re.compile(r"<(?:p|div|h[1-6]|article|main|body|section|ul|li)[\s>]", re.I)
_MD_SIGNS = re.compile(r"^(?:#{1,6}\s+\S|\|.+\|\s*$|[-*]\s+\S|\d+\.\s+\S|```)", re.M)


# A bigger file is no article (a data dump, a saved web app): skipped, not parsed.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024


class UnreadableFile(Exception):
    """A file that cannot be read as an article (the message is Danish)."""


def detect_format(text: str, suffix: str = "") -> ArticleFormat:
    """'html', 'md' or 'txt', decided by the content first and the file name second."""
    head = text[:4000]
    if _HTML_START.match(head) and _HTML_TAGS.search(text):
        return "html"
    if len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if markdown.split_front_matter(text)[0]:
        return "md"
    if len(re.findall(r"^#{1,6}\s+\S", head, re.M)) >= 1 and len(_MD_SIGNS.findall(text)) >= 2:
        return "md"
    return SUFFIXES.get(suffix.lower(), "txt")


def decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise UnreadableFile(f"{name} er tom")
    if b"\x00" in data[:8192]:
        raise UnreadableFile(f"{name} er en binær fil, ikke en tekst")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{name} er ikke gyldig UTF-8-tekst") from None


def read_text(path: Path) -> str:
    """The file's text; UnreadableFile when it is missing, too big, empty, binary or not
    UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            raise UnreadableFile(f"{path.name} er større end 2 MB og læses ikke som artikel")
        data = path.read_bytes()
    except OSError:
        raise UnreadableFile(f"{path.name} kan ikke læses") from None
    return decode(data, path.name)


def parse_article(text: str, path: Path) -> Article:
    fmt = detect_format(text, path.suffix)
    parser = {"html": html.parse, "md": markdown.parse, "txt": txt.parse}[fmt]
    try:
        title, meta, sections = parser(text)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError,
            MemoryError):
        # Text no reader can make sense of must cost a warning, never the whole base.
        raise UnreadableFile(f"{path.name} kunne ikke læses som {fmt}-artikel") from None
    if not any(section.passages for section in sections):
        raise UnreadableFile(f"{path.name} indeholder ingen tekst, der kan bruges som svar")
    meta = {key: value for key, value in meta.items() if value not in (None, "")}
    if not title:
        meta["untitled"] = True
    title = title or path.stem
    meta["title"] = title
    reviewed = markdown.reviewed_text(text) if fmt == "md" else text
    return Article(id=path.stem, title=title, path=str(path), format=fmt,
                   metadata=meta, sections=sections, content_hash=content_hash(reviewed))


# Each article file is parsed once per process: the index, the pages' metadata and the
# content pack all read the same files. Keyed by the file's identity and change stamp, so
# an edited file is parsed again; bounded, so a 10,000-article base is not kept twice.
_PARSED: dict[tuple[Path, int, int], Article] = {}
PARSED_MAX = 2000


def _stamp(path: Path) -> tuple[Path, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (path.resolve(), st.st_mtime_ns, st.st_size)


def _remember(key: tuple[Path, int, int] | None, article: Article) -> None:
    if key is not None and len(_PARSED) < PARSED_MAX:
        _PARSED[key] = article


def read_article(path: str | Path) -> Article:
    """Read one article file; UnreadableFile (Danish message) when it cannot be used.

    The result is shared within the process: treat it as read-only."""
    path = Path(path)
    key = _stamp(path)
    if key is not None and key in _PARSED:
        return _PARSED[key]
    article = parse_article(read_text(path), path)
    _remember(key, article)
    return article


def _candidates(spec: Path) -> list[Path]:
    if spec.is_dir():
        return sorted(
            p for p in spec.rglob("*")
            if p.is_file() and p.suffix.lower() in SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(spec).parts)
        )
    return [spec]


def article_files(paths: Sequence[str | Path]) -> list[Path]:
    """All article files named by the paths (directories searched recursively)."""
    files: list[Path] = []
    for raw in paths:
        spec = Path(raw)
        if not spec.exists():
            raise KnowledgeBaseError(f"Vidensbasen {raw} findes ikke.", code="kb_not_found")
        files.extend(_candidates(spec))
    seen: set[tuple[int, int] | Path] = set()
    unique = []
    for file in files:
        # The same file named twice (overlapping specs, links): one stat, not a resolve of
        # every path component (10,000 files: ~0.1 s instead of ~1 s).
        try:
            st = file.stat()
            key: tuple[int, int] | Path = (st.st_dev, st.st_ino)
        except OSError:
            key = file.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(file)
    return unique


def _read_or_reason(path: Path) -> Article | str:
    try:
        return read_article(path)
    except UnreadableFile as exc:
        return str(exc)


# Big sets are read on all cores: parsing is most of a cold index build.
PARALLEL_FROM = 400


def _read_all(files: list[Path]) -> list[Article | str]:
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2:
        return [_read_or_reason(f) for f in files]
    try:
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            return list(pool.map(_read_or_reason, files, chunksize=64))
    except (OSError, ValueError, RuntimeError):  # no fork here: read in this process
        return [_read_or_reason(f) for f in files]


def load_articles(paths: Sequence[str | Path]) -> tuple[list[Article], list[str]]:
    """Read every article under the paths; one bad file becomes a Danish warning.

    Raises KnowledgeBaseError when nothing readable is left.
    """
    articles: list[Article] = []
    warnings: list[str] = []
    files = article_files(paths)
    for file, result in zip(files, _read_all(files), strict=True):
        if isinstance(result, Article):
            articles.append(result)
            _remember(_stamp(file), result)  # parsed in a worker process: keep it here
        else:
            warnings.append(f"Springer over {file}: {result.removeprefix(file.name + ' ')}")
    if not articles:
        where = ", ".join(str(p) for p in paths) or "(ingen)"
        raise KnowledgeBaseError(f"Ingen læsbare artikler i {where}.", code="kb_empty")
    return articles, warnings
