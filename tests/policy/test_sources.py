"""The one sources registry: unique ids, and every id cited anywhere is in it."""

from __future__ import annotations

from pathlib import Path

import yaml

from krampe.content import pack
from krampe.policy import get_policy
from krampe.policy.load import DATA_DIR

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "krampe"
# Data files whose `sources:` / `source:` values are source ids.
CITING = [
    *sorted((PACKAGE / "triage" / "rules").glob("*.yaml")),
    *sorted((PACKAGE / "selfcare" / "data").glob("*.yaml")),
    *sorted((PACKAGE / "content" / "data").glob("*.yaml")),
    DATA_DIR / "levels.yaml",
    DATA_DIR / "regions.yaml",
]


def _cited(node: object) -> set[str]:
    """Every id under a `sources` (list) or `source` (string) key, at any depth."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                found |= {v for v in value if isinstance(v, str)}
            elif key == "source" and isinstance(value, str):
                found.add(value)
            else:
                found |= _cited(value)
    elif isinstance(node, list):
        for item in node:
            found |= _cited(item)
    return found


def test_registry_ids_are_unique():
    raw = yaml.safe_load((DATA_DIR / "sources.yaml").read_text(encoding="utf-8"))
    ids = [s["id"] for s in raw["sources"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(get_policy().sources())


def test_every_source_cited_in_data_files_exists():
    known = set(get_policy().sources())
    missing = {}
    for path in CITING:
        cited = _cited(yaml.safe_load(path.read_text(encoding="utf-8")))
        if cited - known:
            missing[path.name] = sorted(cited - known)
    assert not missing, missing


def test_every_source_cited_by_the_articles_exists():
    known = set(get_policy().sources())
    for article in pack.load_pack():
        cited = set(article.metadata.get("sources") or [])
        cited |= {sid for section in article.sections for sid in section.sources}
        assert cited <= known, (article.id, sorted(cited - known))


def test_the_scan_sees_the_data_that_cites():
    # Guards the walker: each kind of file really cites something it can read.
    for name in ("findings.yaml", "acute.yaml", "levels.yaml", "regions.yaml"):
        path = next(p for p in CITING if p.name == name)
        assert _cited(yaml.safe_load(path.read_text(encoding="utf-8"))), name


def test_merged_entries_keep_the_ids_content_and_rules_cite():
    sources = get_policy().sources()
    # Ids both old registries had, resolved to the publication's own title and address.
    assert sources["garrison-2012"].title.startswith("Nocturnal leg cramps and prescription")
    assert sources["wells-1997"].publisher == "The Lancet"
    assert sources["nice-cks-leg-cramps"].url == "https://cks.nice.org.uk/topics/leg-cramps/"
    assert sources["healthnz-acute-limb-ischaemia"].url.startswith("https://info.health.nz/")
    # Ids only the triage rules had.
    for sid in ("nhs-care-cards", "dk-112", "triage-policy", "nhs-cauda-equina"):
        assert sid in sources
    # Nothing shown to readers names a file.
    assert all(".md" not in s.label and "seed 0" not in s.label for s in sources.values())
