"""Content pack controls for HAZ-06: dated, review state recorded, every section sourced."""

from __future__ import annotations

from datetime import date

from krampe.content.pack import bundled_dir, load_sources
from krampe.knowledge.readers import read_article


def _pages():
    files = sorted(bundled_dir().glob("*.md"))
    assert len(files) >= 5
    return [read_article(f) for f in files]


def test_every_page_is_dated_and_has_review_state():
    for page in _pages():
        meta = page.metadata
        updated = date.fromisoformat(str(meta["updated"]))
        assert date(2015, 1, 1) <= updated <= date.today(), page.id
        review = meta.get("clinical_review")
        assert review == "pending" or (isinstance(review, dict) and review.get("reviewer")
                                       and review.get("date")), f"{page.id}: {review!r}"


def test_every_section_cites_known_sources():
    known = set(load_sources())
    for page in _pages():
        page_sources = set(page.metadata.get("sources") or [])
        assert page_sources and page_sources <= known, page.id
        for section in page.sections:
            if not section.passages:
                continue
            cited = set(section.sources) or page_sources
            assert cited <= known, f"{page.id} / {section.heading}: {cited - known}"
            assert section.sources, f"{page.id} / {section.heading}: no sources comment"
