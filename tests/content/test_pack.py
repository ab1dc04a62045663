"""The bundled pack: registry, front matter, tags for every policy id, own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from krampe.content import pack
from krampe.content.check import check_paths
from krampe.knowledge.model import MAX_PASSAGE_CHARS
from krampe.policy import get_policy

# From ../shared/spec/triage-policy.md (test_policy_ids_match_spec keeps them in step).
TRIGGERS = ["night", "exercise", "no_warmup", "overload", "standing", "sitting",
            "dehydration", "electrolytes", "age", "pregnancy", "diuretics", "statins",
            "medication", "alcohol", "caffeine", "tobacco", "cold", "footwear",
            "circulation", "nerve", "sleep_position", "stress"]
FINDINGS = ["pe_signs", "seizure", "limb_ischaemia", "cauda_equina", "dvt_signs",
            "injury_signs", "persistent_cramp", "neuro_deficit", "frequent_disturbing",
            "recurrent_unexplained", "medication_suspected", "supplement_risk",
            "claudication", "nerve_compression", "self_care_failed"]
LEVELS = ["emergency", "urgent", "routine", "self_care"]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-zæøåé0-9]+", text.lower())


def test_policy_ids_match_spec(shared_dir: Path) -> None:
    spec = (shared_dir / "spec" / "triage-policy.md").read_text(encoding="utf-8")
    findings = re.findall(r"^\| `([a-z_]+)` \| (?:emergency|urgent|routine) \|", spec, re.M)
    assert findings == FINDINGS
    trigger_block = spec.split("## Trigger ids", 1)[1].split("\n\n", 2)[1]
    assert re.findall(r"`([a-z_]+)`", trigger_block) == TRIGGERS


def test_sources_registry_loads_with_labels() -> None:
    sources = pack.load_sources()
    assert sources["nice-cks-leg-cramps"].label == "NICE CKS: Leg cramps (2012)"
    assert sources["seed-2022"].year == 2022 and sources["seed-2025"].year == 2025
    assert all(s.url is None or s.url.startswith("http") for s in sources.values())


def test_pack_passes_its_own_check() -> None:
    report = check_paths(["bundled"])
    assert report.files == len(list(pack.bundled_dir().glob("*.md")))
    assert report.errors == [], [i.message for i in report.errors]
    assert report.warnings == [], [i.message for i in report.warnings]


def test_every_article_has_front_matter_and_pending_review() -> None:
    articles = pack.load_pack()
    assert len(articles) >= 10
    registry = pack.load_sources()
    for article in articles:
        meta = article.metadata
        assert meta.get("summary") and meta.get("updated"), article.id
        # When the text was first written and last changed (front matter, ISO dates).
        assert meta.get("published") and meta["published"] <= meta["updated"], article.id
        assert meta.get("clinical_review") == "pending", article.id
        assert pack.review_label(article) == "ikke fagligt gennemgået endnu"
        assert set(meta["sources"]) <= set(registry), article.id
        for section in article.sections:
            assert section.sources, (article.id, section.heading)
            assert set(section.sources) <= set(registry), (article.id, section.heading)


@pytest.mark.parametrize("tag", [f"trigger:{t}" for t in TRIGGERS]
                         + [f"finding:{f}" for f in FINDINGS] + [f"level:{lv}" for lv in LEVELS])
def test_every_policy_id_has_a_tagged_section(tag: str) -> None:
    found = pack.sections_tagged(tag)
    assert found, tag
    first = found[0]
    assert first.passages and first.heading and first.article_title
    assert len(first.source_labels) == len(first.sources) >= 1
    assert all(":" in label for label in first.source_labels)  # resolved, not bare ids


def test_each_trigger_has_its_own_section_with_advice() -> None:
    # One section per trigger in the causes article, each saying what to do about it.
    for trigger in TRIGGERS:
        sections = [s for s in pack.sections_tagged(f"trigger:{trigger}")
                    if s.article_id == "aarsager"]
        assert len(sections) == 1, trigger
        assert any("Det kan du gøre" in p or "Stop ikke" in p for p in sections[0].passages)


def test_unknown_tag_gives_empty_list_and_results_are_copies() -> None:
    assert pack.sections_tagged("trigger:does_not_exist") == []
    first = pack.sections_tagged("level:urgent")[0]
    first.passages.clear()
    assert pack.sections_tagged("level:urgent")[0].passages


def test_phone_numbers_in_seek_help_section() -> None:
    text = " ".join(p for s in pack.sections_tagged("level:urgent") for p in s.passages)
    # The article writes the numbers in running text: they must be the policy's.
    policy = get_policy()
    for number in [policy.emergency_number(), *(r.number for r in policy.regions())]:
        assert number in text, number


def test_disagreement_between_seeds_is_named() -> None:
    sections = pack.sections_tagged("disagreement:massage")
    assert sections
    text = " ".join(sections[0].passages)
    assert "2022" in text and "2025" in text
    assert {"seed-2022", "seed-2025"} <= set(sections[0].sources)


def test_passages_are_short_standalone_answers() -> None:
    for article in pack.load_pack():
        for section in article.sections:
            for passage in section.passages:
                assert len(passage.text) <= MAX_PASSAGE_CHARS
                if passage.kind == "paragraph":
                    assert len(passage.text) <= 600, (article.id, section.heading)


def test_no_eight_word_run_copied_from_the_seeds(seeds_dir: Path) -> None:
    seen: set[tuple[str, ...]] = set()
    for seed in seeds_dir.iterdir():
        words = _words(seed.read_text(encoding="utf-8"))
        seen.update(tuple(words[i:i + 8]) for i in range(len(words) - 7))
    assert seen
    copied = []
    for page in sorted(pack.bundled_dir().glob("*.md")):
        words = _words(page.read_text(encoding="utf-8"))
        copied += [(page.name, " ".join(words[i:i + 8])) for i in range(len(words) - 7)
                   if tuple(words[i:i + 8]) in seen]
    assert copied == []


def test_tag_registry_lists_the_policy_ids() -> None:
    from krampe.content.check import _tag_kinds

    kinds = _tag_kinds()
    assert kinds["trigger"] == frozenset(TRIGGERS)
    assert kinds["finding"] == frozenset(FINDINGS)
    assert kinds["level"] == frozenset(LEVELS)


@pytest.mark.parametrize(("tag", "article"), [
    *[(f"finding:{f}", "hvornaar-skal-du-soege-hjaelp") for f in FINDINGS],
    *[(f"level:{lv}", "hvornaar-skal-du-soege-hjaelp") for lv in LEVELS],
    *[(f"trigger:{t}", "aarsager") for t in TRIGGERS],
])
def test_canonical_section_comes_first(tag: str, article: str) -> None:
    # Triage shows the first section for a tag: generic advice, not e.g. the pregnancy page.
    assert pack.sections_tagged(tag)[0].article_id == article


@pytest.mark.parametrize("tag", [f"trigger:{t}" for t in TRIGGERS]
                         + [f"finding:{f}" for f in FINDINGS] + [f"level:{lv}" for lv in LEVELS])
def test_canonical_advice_fits_a_short_card(tag: str) -> None:
    # Triage shows the first passage of the first section (cut near 400 characters):
    # keep it whole so no "what to do" sentence is lost.
    assert len(pack.sections_tagged(tag)[0].passages[0]) <= 400
