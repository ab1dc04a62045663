"""Markdown reader (markdown-it-py): optional YAML front matter, headings, paragraphs,
lists, tables, FAQ, and `<!-- sources/tags -->` section comments."""

from __future__ import annotations

import re

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from krampe.knowledge.readers import blocks as b
from krampe.knowledge.readers.meta import normalise

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")

_MD = MarkdownIt("commonmark").enable("table")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.load(match[1], Loader=_Loader)
    except (yaml.YAMLError, ValueError):  # ValueError: impossible dates such as 2022-02-30
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return data, text[match.end():]


def reviewed_text(text: str) -> str:
    """What a clinical review of the page covers: its title, summary and body. Dates and
    the review record itself are left out, so recording a review does not lapse it."""
    front, body = split_front_matter(text)
    return "\n".join([str(front.get("title") or ""), str(front.get("summary") or ""), body])


def _inline_text(token: Token, lines: bool = False) -> str:
    """The text of an inline token; with `lines`, its line breaks kept (a paragraph's
    lines may be a site label and a byline, each read on its own)."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n" if lines else " ")
        elif child.type == "image":
            continue
    if lines:
        return "\n".join(b.clean(line) for line in "".join(parts).split("\n"))
    return b.clean("".join(parts))


def _blocks(tokens: list[Token]) -> list[b.Block]:
    out: list[b.Block] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            out.append(b.Heading(int(tok.tag[1]), _inline_text(tokens[i + 1])))
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth, items, j = 0, [], i
            while j < len(tokens):
                t = tokens[j]
                if t.type.endswith("_list_open"):
                    depth += 1
                elif t.type.endswith("_list_close"):
                    depth -= 1
                    if depth == 0:
                        break
                elif t.type == "inline":
                    items.append(_inline_text(t))
                j += 1
            out.append(b.ListBlock(items))
            i = j + 1
            continue
        if tok.type == "table_open":
            table, j = b.Table(header=[]), i
            row: list[str] | None = None
            while j < len(tokens) and tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "tr_open":
                    row = []
                elif t.type == "inline" and row is not None:
                    row.append(_inline_text(t))
                elif t.type == "tr_close" and row is not None:
                    if not table.header:
                        table.header = row
                    else:
                        table.rows.append(row)
                    row = None
                j += 1
            out.append(table)
            i = j + 1
            continue
        if tok.type == "html_block":
            for comment in _COMMENT.findall(tok.content):
                out.append(b.Comment(comment))
            rest = b.clean(_TAG.sub(" ", _COMMENT.sub(" ", tok.content)))
            if rest:
                out.append(b.Para(rest))
        elif tok.type == "inline":
            out.append(b.Para(_inline_text(tok, lines=True)))
        i += 1
    return out


def parse(text: str) -> tuple[str | None, dict[str, object], list]:
    """(title or None, normalised metadata, sections) of a Markdown document."""
    front, body = split_front_matter(text)
    meta = normalise(front)
    blocks = _blocks(_MD.parse(body))
    title = meta.get("title")
    if not title:
        first = next((blk for blk in blocks if isinstance(blk, b.Heading)), None)
        title = first.text if first else None
    return (str(title) if title else None), meta, b.build_sections(blocks, meta)
