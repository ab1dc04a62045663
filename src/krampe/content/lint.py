"""Warnings for any article, whoever wrote it: what makes it harder to answer from.

No title, no date, no headings, paragraphs too long for one answer, and parts that
cannot be read (garbled characters, a web page without an article element). These never
fail a check: a clinic's own article need not follow our pack's conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from krampe.knowledge.model import MAX_PASSAGE_CHARS, Article

# Below this much text an article without headings is short enough to read as one.
HEADINGS_FROM_CHARS = 1200
# UTF-8 read as Latin-1/cp1252 ("Ã¦" for æ) or bytes that could not be decoded.
_GARBLED = re.compile(r"Ã[¦¸¥†˜…]|â€[™œ\x9d“”]|\ufffd")
_ARTICLE_ELEMENT = re.compile(r"<(?:article|main)\b|role\s*=\s*[\"']?main", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    section: str | None = None


def lint_article(article: Article, text: str) -> list[Finding]:
    """Warnings for one article read from `text` (its file's contents)."""
    found: list[Finding] = []
    if article.metadata.get("untitled"):
        found.append(Finding("no_title", "Artiklen har ingen titel; filnavnet bruges i stedet."))
    if not (article.metadata.get("published") or article.metadata.get("updated")):
        found.append(Finding("no_date", "Artiklen har ingen dato (udgivet eller opdateret), "
                                        "så læseren kan ikke se, hvor ny den er."))
    found += _headings(article)
    found += _long_paragraphs(article)
    found += _garbled(article)
    if article.format == "html" and not _ARTICLE_ELEMENT.search(text):
        found.append(Finding("no_article_element",
                             "Siden har intet <article>- eller <main>-element, så menuer og "
                             "andet uden om artiklen kan komme med i svarene."))
    return found


def _headings(article: Article) -> list[Finding]:
    named = [s for s in article.sections if s.heading and s.heading != article.title]
    size = sum(len(p.text) for s in article.sections for p in s.passages)
    if named or size < HEADINGS_FROM_CHARS:
        return []
    return [Finding("no_headings", "Artiklen har ingen mellemrubrikker. Overskrifter gør det "
                                   "lettere at finde det afsnit, der svarer på et spørgsmål.")]


def _long_paragraphs(article: Article) -> list[Finding]:
    found = []
    for section in article.sections:
        if any(p.continued for p in section.passages):
            name = section.heading or "(før første overskrift)"
            found.append(Finding(
                "long_paragraph",
                f"Afsnittet '{name}' har et tekstafsnit på over {MAX_PASSAGE_CHARS} tegn; det "
                "deles i flere svar. Del det gerne op.", section.heading))
    return found


def _garbled(article: Article) -> list[Finding]:
    for section in article.sections:
        for passage in section.passages:
            if match := _GARBLED.search(passage.text):
                return [Finding(
                    "garbled_text",
                    f"Teksten indeholder ulæselige tegn (fx '{match[0]}' i afsnittet "
                    f"'{section.heading or article.title}'); filen er måske gemt med en "
                    "forkert tegnkodning.", section.heading)]
    return []
