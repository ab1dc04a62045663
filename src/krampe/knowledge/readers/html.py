"""HTML reader (selectolax): only the article body counts; metadata from <head>.

The title comes from the page's metadata or <title> without the site's name (see
titles.py); paragraphs marked as the lead (class "manchet", "lead", ...) are the lead;
a byline container is read as one line, so the block builder can lift it as metadata.
"""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from krampe.knowledge.readers import blocks as b
from krampe.knowledge.readers.cues import cues
from krampe.knowledge.readers.meta import byline, normalise
from krampe.knowledge.readers.titles import is_site, site_names, strip_site

_DROP = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript",
         "iframe", "svg", "button", "figcaption", "template", "select", "dialog")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = {"div", "section", "article", "main", "blockquote", "span", "body",
               "figure", "center", "dd", "aside"}  # an aside left is a fact box
_TOP = ("article", "main", "body", "html")


_SPACE_BEFORE_PUNCT = re.compile(r"\s+([.,;:!?)])")


def _text(node: Node) -> str:
    return _SPACE_BEFORE_PUNCT.sub(r"\1", b.clean(node.text(separator=" ")))


def _json_ld(tree: HTMLParser) -> dict[str, object]:
    found: dict[str, object] = {}
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text() or "")
        except (ValueError, TypeError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data])
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                for key in ("headline", "datePublished", "dateModified", "author", "url",
                            "publisher", "isPartOf"):
                    if key in item and key not in found:
                        found[key] = item[key]
    return found


# Where a page names its site outside <head>: its logo or home link, and the pages of its
# breadcrumb trail ("Forside › Afdelinger › Akutafdelingen").
_SITE_NODES = ('a[href="/"]', '[class*="logo"]', '[class*="brand"]', '[class*="site-name"]',
               '[class*="breadcrumb"] a', '[aria-label*="rødkrumme"] a')


def _site_texts(tree: HTMLParser) -> list[object]:
    """The site's names in the page's own furniture (read before it is dropped)."""
    texts: list[object] = []
    for selector in _SITE_NODES:
        texts += [text for node in tree.css(selector)
                  if (text := _text(node)) and len(text.split()) <= 5]
    return texts


def _sites(raw: dict[str, object], names: list[object]) -> set[str]:
    """The site's names as the page declares them, and its addresses (for the title)."""
    names = [raw.get("og:site_name"), raw.get("application-name"), *names]
    for key in ("publisher", "isPartOf"):
        value = raw.get(key)
        names.append(value.get("name") if isinstance(value, dict) else value)
    urls = [raw.get(key) for key in ("canonical", "og:url", "url")]
    return site_names(names, urls)


def _head_meta(tree: HTMLParser) -> dict[str, object]:
    raw: dict[str, object] = {}
    # Most specific first: the first value for a contract key wins in normalise().
    for node in tree.css("meta"):
        key = (node.attributes.get("property") or node.attributes.get("name")
               or node.attributes.get("itemprop") or "")
        value = node.attributes.get("content")
        if key and value:
            raw.setdefault(key, value)
    raw.update({k: v for k, v in _json_ld(tree).items() if k not in raw})
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical and canonical.attributes.get("href"):
        raw.setdefault("canonical", canonical.attributes["href"])
    title_node = tree.css_first("title")
    if title_node and _text(title_node):
        raw.setdefault("title", _text(title_node))
    return raw


def _marked(node: Node, markers: list[str]) -> bool:
    """Does the node or an ancestor inside the article carry one of the class markers?"""
    current: Node | None = node
    while current is not None and current.tag not in _TOP:
        label = (current.attributes.get("class") or "").lower()
        if label and any(marker in label for marker in markers):
            return True
        current = current.parent
    return False


def _details(node: Node, out: list[b.Block]) -> None:
    """A <details> FAQ item: its <summary> is the question heading one level below the
    current heading, its body the answer; then the enclosing heading resumes."""
    summary = node.css_first("summary")
    question = _text(summary) if summary else ""
    if summary is not None:
        summary.decompose()
    if not question:
        _walk(node, out)
        return
    parent = next((block for block in reversed(out) if isinstance(block, b.Heading)), None)
    out.append(b.Heading(min(6, parent.level + 1) if parent else 2, question))
    _walk(node, out)
    if parent is not None:
        out.append(b.Heading(parent.level, parent.text))


def _disclosure(node: Node) -> bool:
    """A button that folds a panel out (an accordion's question): it says which state it
    is in (aria-expanded), names its panel (aria-controls) or is marked as one by class."""
    if node.tag != "button":
        return False
    attrs = node.attributes
    label = (attrs.get("class") or "").lower()
    return ("aria-expanded" in attrs or "aria-controls" in attrs
            or any(marker in label for marker in cues().disclosure_markers))


def _folded_item(node: Node, out: list[b.Block]) -> bool:
    """An accordion item: a container whose first element is a disclosure button and whose
    later elements hold the answer. Like a <details> FAQ item, the button's text is a
    question heading below the current heading; then the enclosing heading
    resumes; its answer is read with it, as a FAQ's is. False when the container is no
    such item."""
    elements = list(node.iter())
    if len(elements) < 2 or not _disclosure(elements[0]):
        return False
    question = _text(elements[0])
    if not question or len(question) > b.MAX_HEADING_CHARS:
        return False
    elements[0].decompose()
    parent = next((block for block in reversed(out) if isinstance(block, b.Heading)), None)
    # At least level 3, where a question heading is paired with its answer (a FAQ).
    out.append(b.Heading(min(6, max(3, parent.level + 1 if parent else 3)), question))
    _walk(node, out)
    if parent is not None:
        out.append(b.Heading(parent.level, parent.text))
    return True


def _walk(node: Node, out: list[b.Block]) -> None:
    """Blocks in document order. Iterative (an explicit stack of siblings) so that deeply
    nested markup cannot exhaust Python's recursion limit."""
    table = cues()
    stack: list[Node | None] = [node.child]
    while stack:
        child = stack.pop()
        if child is None:
            continue
        stack.append(child.next)
        tag = child.tag
        if tag == "_comment":
            raw = child.html or ""
            out.append(b.Comment(raw.removeprefix("<!--").removesuffix("-->")))
        elif tag == "-text":
            text = b.clean(child.text() or "")
            if text:
                out.append(b.Para(text))
        elif tag in _HEADINGS:
            out.append(b.Heading(_HEADINGS[tag], _text(child)))
        elif tag == "details":
            _details(child, out)
        elif tag in ("p", "summary", "dt", "address"):
            out.append(b.Para(_text(child), lead=_marked(child, table.lead_markers)))
        elif tag in ("ul", "ol"):
            items = [_text(li) for li in child.css("li")]
            out.append(b.ListBlock(items))
        elif tag == "table":
            out.append(_table(child))
        elif tag in _CONTAINERS or tag in ("dl", "li", "time", "a", "strong", "em", "b", "i"):
            # "Af <a>Mette</a>, <time>12. marts</time>" in one byline box is one line.
            if (tag != "body" and _marked(child, table.byline_markers)
                    and byline(text := _text(child))):
                out.append(b.Para(text))
            elif tag in _CONTAINERS and _folded_item(child, out):
                continue
            else:
                stack.append(child.child)


def _fact_box(node: Node) -> bool:
    """An <aside> inside the article that opens with a heading of its own ("Fakta: ...")
    over its own text: a box of the article's facts, not the page's sidebar (which sits
    outside the article, or is marked as related links, and is dropped)."""
    if node.tag != "aside":
        return False
    parent = node.parent
    while parent is not None and parent.tag not in ("article", "main"):
        parent = parent.parent
    if parent is None:
        return False
    first = next((child for child in node.iter() if child.tag != "-text"), None)
    if first is None or first.tag not in _HEADINGS:
        return False
    heading = _text(first)
    return bool(heading) and not b.is_related_heading(heading) and not any(
        child.tag in ("a", "nav") for child in node.iter() if child is not first)


def _table(node: Node) -> b.Table:
    rows = [[_text(cell) for cell in tr.css("th, td")] for tr in node.css("tr")]
    rows = [row for row in rows if any(row)]
    if not rows:
        return b.Table(header=[])
    return b.Table(header=rows[0], rows=rows[1:])


def parse(text: str) -> tuple[str | None, dict[str, object], list]:
    tree = HTMLParser(text)
    raw = _head_meta(tree)
    meta = normalise(raw)
    furniture = _site_texts(tree)
    for selector in _DROP:
        for node in tree.css(selector):
            # An accordion's question is read with its answer; a fact box inside the
            # article is part of its text.
            if not (_disclosure(node) or _fact_box(node)):
                node.decompose()
    markers = cues().html_noise_markers
    for node in tree.css("[class], [id]"):
        label = f"{node.attributes.get('class') or ''} {node.attributes.get('id') or ''}".lower()
        if node.tag not in ("html", "body", "main", "article") and any(
                marker in label for marker in markers):
            node.decompose()
    body = tree.css_first("article") or tree.css_first("main") or tree.css_first(
        '[role="main"]') or tree.body or tree.root
    blocks: list[b.Block] = []
    if body is not None:
        _walk(body, blocks)
    sites = _sites(raw, furniture)
    title = strip_site(str(meta.get("title") or ""), sites)
    if not title or is_site(title, sites):  # <title> names only the site: use the <h1>
        h1 = tree.css_first("h1")
        title = _text(h1) if h1 else title
    if title:
        meta["title"] = title
    sections = b.build_sections(blocks, meta)
    return (title or None), meta, sections
