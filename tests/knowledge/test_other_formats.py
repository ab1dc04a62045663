"""Articles in other formats than the seeds (an HTML page from a health site, Markdown
with differently named front-matter keys): metadata, FAQ pairing, no page furniture in
answers, and a regression question set per article that must keep answering well."""

from __future__ import annotations

from pathlib import Path

import pytest

from krampe.cli.eval_qa import evaluate, read_cases
from krampe.knowledge.kb import KnowledgeBase
from krampe.knowledge.readers import read_article
from krampe.knowledge.readers.meta import byline
from tests.conftest import EVAL

HERE = Path(__file__).parent
HTML = HERE / "fixtures" / "laegkramper_aeldre.html"
MD = HERE / "fixtures" / "kramper_sport.md"

# Text that only appears in the page's furniture (cookie bar, nav, aside, share, footer).
FURNITURE = ["cookies", "Accepter alle", "Tilmeld nyhedsbrev", "Forside", "Mest læste",
             "Del på Facebook", "Rastløse ben om aftenen", "© 2025", "indbakken",
             "Spring til indhold", "dataLayer", "erstatter ikke konsultation",
             "Af Birgitte Holm"]


def test_html_metadata_from_meta_itemprop_and_byline():
    article = read_article(HTML)
    assert article.title == "Lægkramper hos ældre"
    assert article.metadata["author"].startswith("Birgitte Holm")
    assert article.metadata["published"] == "2024-03-04"
    assert article.metadata["updated"] == "2025-01-17"
    assert article.metadata["url"].endswith("/laegkramper-hos-aeldre")


def test_html_details_are_faq_pairs_and_lead_in_joins_its_list():
    article = read_article(HTML)
    faq = {s.heading: s.passages for s in article.sections if s.passages[0].kind == "faq"}
    assert "Kan jeg tage kinin mod mine kramper?" in faq
    kinin = faq["Kan jeg tage kinin mod mine kramper?"][0].text
    assert kinin.startswith("Kan jeg tage kinin") and "anbefales ikke" in kinin
    texts = [p.text for s in article.sections for p in s.passages]
    assert any(t.startswith("Ja, flere almindelige") and "statiner" in t for t in texts)
    assert not any(t.startswith("Ja, flere almindelige") and "statiner" not in t
                   for t in texts)


def test_html_page_furniture_never_becomes_text():
    text = "\n".join(p.text for s in read_article(HTML).sections for p in s.passages)
    for phrase in FURNITURE:
        assert phrase not in text, phrase


def test_markdown_front_matter_with_other_key_names():
    article = read_article(MD)
    assert article.title == "Kramper i læggen når du dyrker sport"
    assert article.metadata["published"] == "2023-06-12"
    assert article.metadata["updated"] == "2024-10-02"
    assert article.metadata["author"] == "Jonas Winther"
    assert article.metadata["url"].startswith("https://www.loebeklubben.example/")


@pytest.mark.parametrize(("text", "expected"), [
    ("Af Birgitte Holm · Opdateret 17. januar 2025",
     {"author": "Birgitte Holm", "updated": "2025-01-17"}),
    ("Skrevet af Ole Berg | Publiceret: 3. maj 2024",
     {"author": "Ole Berg", "published": "2024-05-03"}),
    ("Af og til får man kramper om natten, når man har gået meget.", None),
    ("Opdateret med nye råd om udstrækning og væske", None),
])
def test_byline(text: str, expected: dict[str, str] | None):
    assert byline(text) == expected


@pytest.mark.parametrize(("paths", "questions", "min_hit1", "min_hit3"), [
    ([HTML], "qa_regression_html_aeldre.jsonl", 0.75, 0.95),
    ([MD], "qa_regression_md_sport.jsonl", 0.6, 0.8),
])
def test_regression_sets_on_other_formats(paths, questions, min_hit1, min_hit3):
    kb = KnowledgeBase.load([str(p) for p in paths], use_cache=False)
    summary, _ = evaluate(kb, read_cases(EVAL / questions))
    assert summary["hit@1"] >= min_hit1
    assert summary["hit@3"] >= min_hit3
    assert summary["false_rejections"] <= 1


def test_answers_over_a_mixed_knowledge_base_show_no_furniture(seeds_dir: Path):
    kb = KnowledgeBase.load([str(seeds_dir), str(HTML), str(MD)], use_cache=False)
    for case in read_cases(EVAL / "qa_regression_html_aeldre.jsonl"):
        result = kb.search(case.q, 3).model_dump()
        shown = " ".join(str(answer) for answer in result.get("answers", []))
        for phrase in FURNITURE:
            assert phrase not in shown
