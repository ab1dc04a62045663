"""Fuzz the article readers: random and malformed txt/md/html files never crash them.

Allowed outcomes: an Article, or the readers' own Danish `UnreadableFile` / a KrampeError.
Anything else (IndexError, RecursionError, UnicodeError ...) is a bug. In the long run each
file is also read within the CPU-time bound (tests/safety/fuzzing.py).
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from krampe.errors import KrampeError
from krampe.knowledge.model import Article
from krampe.knowledge.readers import UnreadableFile, read_article
from tests.safety.fuzzing import FUZZ, check_bound

_counter = itertools.count()
SUFFIX = st.sampled_from([".txt", ".md", ".html", ".htm", ".markdown", ".text"])
DANISH = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzæøåÆØÅ .,!?\n-#*|")),
                 max_size=300)
ENCODE = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252", "utf-32"])


def _read(tmp: Path, data: bytes, suffix: str):
    path = tmp / f"f{next(_counter)}{suffix}"
    path.write_bytes(data)
    start = time.thread_time()
    try:
        result = read_article(path)
    except (UnreadableFile, KrampeError) as exc:
        assert str(exc).strip(), "an error without a message"
        result = None
    except RecursionError:
        # Re-raised short: pytest needs minutes to render a 1,000-frame traceback.
        raise AssertionError(f"RecursionError reading {len(data)} bytes ({suffix})") from None
    check_bound(time.thread_time() - start, f"{len(data)} bytes ({suffix})")
    path.unlink()
    if result is not None:
        assert isinstance(result, Article)
        assert result.title
        for section in result.sections:
            for passage in section.passages:
                assert passage.text.strip()
    return result


@st.composite
def encoded_text(draw) -> bytes:
    text = draw(st.one_of(st.text(max_size=2000), DANISH))
    if draw(st.booleans()):
        pos = draw(st.integers(0, len(text)))
        text = text[:pos] + "\x00" * draw(st.integers(1, 3)) + text[pos:]
    if draw(st.booleans()):
        text += "x" * draw(st.integers(0, 200_000))  # a huge line
    return text.encode(draw(ENCODE), errors="replace")


@FUZZ
@given(data=st.one_of(st.binary(max_size=4000), encoded_text()), suffix=SUFFIX)
def test_reader_never_crashes_on_random_text(tmp_path_factory, data, suffix):
    _read(tmp_path_factory.mktemp("fz", numbered=True), data, suffix)


TAGS = ["div", "p", "article", "main", "section", "span", "ul", "li", "table", "tr", "td",
        "h1", "h2", "h3", "script", "style", "nav", "footer", "a", "b", "pre", "template",
        "svg", "math", "iframe", "noscript", "br", "img"]


@st.composite
def malformed_html(draw) -> str:
    depth = draw(st.sampled_from([0, 1, 10, 200, 3000]))
    tag = draw(st.sampled_from(TAGS))
    pieces = [draw(st.sampled_from(["", "<!doctype html>", "<html><head>", "<!--", "<body>"]))]
    if draw(st.booleans()):
        pieces.append('<meta property="article:modified_time" content="'
                      + draw(st.text(max_size=30)) + '">')
        pieces.append("<title>" + draw(DANISH) + "</title>")
    pieces.append(f"<{tag}>" * depth)
    for _ in range(draw(st.integers(0, 12))):
        t = draw(st.sampled_from(TAGS))
        kind = draw(st.integers(0, 6))
        body = draw(DANISH)
        if kind == 0:
            pieces.append(f"<{t}>{body}")  # never closed
        elif kind == 1:
            pieces.append(f"{body}</{t}>")  # closed, never opened
        elif kind == 2:
            pieces.append(f'<{t} class="{body}" data-x=\'{body}>{body}')  # broken attribute
        elif kind == 3:
            pieces.append(f"<!-- {body}")  # unclosed comment
        elif kind == 4:
            pieces.append(f"&#{draw(st.integers(0, 0x11FFFF))};&{body[:8]};&#x;")
        elif kind == 5:
            pieces.append(f"<{t}>{body}</{t}>")
        else:
            pieces.append(f"<h{draw(st.integers(1, 9))}>{body}")
    if draw(st.booleans()):
        pieces.append(f"</{tag}>" * draw(st.integers(0, depth)))
    return "".join(pieces)


@FUZZ
@given(html=malformed_html(), suffix=st.sampled_from([".html", ".htm", ".txt"]),
       encoding=ENCODE)
def test_reader_never_crashes_on_malformed_html(tmp_path_factory, html, suffix, encoding):
    _read(tmp_path_factory.mktemp("fz", numbered=True),
          html.encode(encoding, errors="replace"), suffix)


YAMLISH = st.sampled_from([
    "title: Krampe", "title:", "title: [", "updated: ikke en dato",
    "sources: nice-cks", "sources: [a, b", "sources:\n  - a\n  - {b: c}", "clinical_review:",
    "clinical_review: {reviewer: X}", ": :", "- liste", "&anker *anker",
    "!!python/object:os.system",
    "published: 13/09/2025", "title: !!binary aGVq", "? kompleks\n: nøgle", "\t tab: x",
    "title: " + "x" * 5000, "a: &a [*a]", "updated: 2022-02-30", "published: 2025-13-45",
])


@st.composite
def broken_front_matter(draw) -> str:
    lines = draw(st.lists(YAMLISH, max_size=8))
    close = draw(st.sampled_from(["---", "...", "", "----", "--- "]))
    body = draw(st.lists(st.one_of(DANISH, st.sampled_from([
        "# Overskrift", "## Under", "<!-- sources: a, b -->", "<!-- tags: x", "| a | b |",
        "|---|", "- punkt", "```", "> citat", "1. trin"])), max_size=12))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + "---\n" + "\n".join(lines) + "\n" + close + "\n" + "\n".join(body)


@FUZZ
@given(text=broken_front_matter(), suffix=st.sampled_from([".md", ".txt", ".markdown"]))
def test_reader_never_crashes_on_broken_front_matter(tmp_path_factory, text, suffix):
    _read(tmp_path_factory.mktemp("fz", numbered=True), text.encode("utf-8"), suffix)


def test_deeply_nested_html_is_read(tmp_path):
    """A fixed worst case next to the random ones: 3,000 nested divs around real text."""
    html = ("<html><body><article>" + "<div>" * 3_000 + "<h1>Krampe</h1><p>"
            + "Stræk læggen roligt. " * 20 + "</p>" + "</div>" * 3_000 + "</article></body></html>")
    # Found by this fuzzer (RecursionError), fixed in a27d52f: now the text must be read.
    result = _read(tmp_path, html.encode(), ".html")
    assert result is not None and "Stræk" in " ".join(
        p.text for s in result.sections for p in s.passages)


def test_impossible_date_in_front_matter_is_not_a_crash(tmp_path):
    text = "---\ntitle: Krampe\nupdated: 2022-02-30\n---\n# Krampe\nStræk læggen roligt.\n"
    _read(tmp_path, text.encode(), ".md")
