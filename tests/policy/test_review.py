"""One rule for "clinically reviewed": only a record with reviewer, date and the content
hash of the text as it is now counts; a changed text lapses to pending."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from krampe.content import pack
from krampe.content.check import check_paths
from krampe.knowledge.readers import parse_article
from krampe.policy.review import (
    PENDING_LABEL,
    content_hash,
    is_lapsed,
    is_reviewed,
    is_valid,
    review_label,
)
from krampe.selfcare.models import AcuteGuide
from krampe.web.templating import review_label as web_review_label

TEXT = "Stræk læggen roligt, til krampen slipper."
HASH = content_hash(TEXT)
RECORD = {"reviewer": "Anne Læge", "date": "2026-01-31", "content_hash": HASH}


@pytest.mark.parametrize("value", [
    None, "", "pending", "reviewed", {"reviewer": "X"}, {"date": "2026-01-31"},
    {"reviewer": "X", "date": "2026-01-31"},  # no hash: what was reviewed is unknown
    {"reviewer": "", "date": "2026-01-31", "content_hash": HASH},
    {"reviewer": "X", "date": "snart", "content_hash": HASH},
    {"reviewer": "X", "date": "2026-01-31", "content_hash": "abc"}, ["X"],
])
def test_not_reviewed(value):
    assert not is_reviewed(value, HASH)
    assert review_label(value, HASH) == PENDING_LABEL
    assert web_review_label(value, HASH) == PENDING_LABEL


def test_a_record_of_this_text_is_reviewed():
    assert is_reviewed(RECORD, HASH) and is_valid(RECORD)
    assert review_label(RECORD, HASH) == "fagligt gennemgået af Anne Læge (2026-01-31)"
    assert web_review_label(RECORD, HASH) == "fagligt gennemgået af Anne Læge (31. januar 2026)"
    assert is_reviewed({**RECORD, "date": dt.date(2026, 1, 31)}, HASH)


def test_a_changed_text_lapses_to_pending():
    changed = content_hash(TEXT.replace("roligt", "hårdt"))
    assert not is_reviewed(RECORD, changed) and is_lapsed(RECORD, changed)
    assert review_label(RECORD, changed) == PENDING_LABEL
    # Nor does a caller that cannot say what the text is get a review.
    assert not is_reviewed(RECORD, None) and web_review_label(RECORD) == PENDING_LABEL
    # Re-wrapping the same words is no change.
    assert content_hash("Stræk  læggen\n roligt, til krampen slipper.") == HASH


def test_valid_values():
    assert is_valid("pending") and is_valid(RECORD)
    assert not is_valid("reviewed") and not is_valid({"reviewer": "X", "date": "2026-01-31"})


def test_selfcare_data_takes_the_same_values():
    from krampe.selfcare import acute_guide

    guide = acute_guide()
    data = guide.model_dump()
    record = {**RECORD, "content_hash": guide.content_hash}
    reviewed = AcuteGuide.model_validate({**data, "clinical_review": record})
    assert reviewed.content_hash == guide.content_hash  # the record is not its own text
    assert is_reviewed(reviewed.clinical_review, reviewed.content_hash)
    data["intro"] += " Ny sætning."
    edited = AcuteGuide.model_validate({**data, "clinical_review": record})
    assert not is_reviewed(edited.clinical_review, edited.content_hash)
    with pytest.raises(ValidationError):
        AcuteGuide.model_validate({**data, "clinical_review": "reviewed"})


def test_programme_review_names_the_programme_material():
    """The programme is built per person, so its record names the material every plan is
    built from (plan.yaml and the exercises): a plan shows it as reviewed while that
    material is unchanged, and pending after a rule's text changes."""
    from krampe.selfcare import plan as plans
    from krampe.selfcare.text import as_text, plan_lines

    cfg = plans.plan_config()
    assert cfg.clinical_review == "pending" and review_label(
        cfg.clinical_review, plans.programme_hash(cfg)) == PENDING_LABEL
    record = {**RECORD, "content_hash": plans.programme_hash(cfg)}
    reviewed = cfg.model_copy(update={"clinical_review": record})
    assert plans.programme_hash(reviewed) == plans.programme_hash(cfg)
    assert is_reviewed(reviewed.clinical_review, plans.programme_hash(reviewed))
    first = reviewed.cautions[0]
    edited = reviewed.model_copy(update={"cautions": [
        first.model_copy(update={"text": first.text + " Ny sætning."}), *reviewed.cautions[1:]]})
    assert not is_reviewed(edited.clinical_review, plans.programme_hash(edited))
    plan = plans.build_plan(dt.date(2026, 3, 2), 2)
    assert plan.content_hash == plans.programme_hash(cfg)
    assert f"Indholdet er {PENDING_LABEL}." in as_text(plan_lines(plan))
    shown = plan.model_copy(update={"clinical_review": record})
    assert "fagligt gennemgået af Anne Læge" in as_text(plan_lines(shown))


FRONT = ("---\ntitle: T\nsummary: S\npublished: 2026-01-01\nupdated: 2026-01-01\n"
         "sources: [nhs-dvt]\n")
BODY = "---\n\n# T\n\n## A\n<!-- sources: nhs-dvt -->\n\nTekst.\n"


def test_article_review_lapses_when_its_text_changes(tmp_path):
    page = tmp_path / "side.md"
    (tmp_path / "sources.yaml").write_text(
        "- {id: nhs-dvt, title: DVT, publisher: NHS}\n", encoding="utf-8")
    page.write_text(FRONT + "clinical_review: reviewed\n" + BODY, encoding="utf-8")
    codes = [i.code for i in check_paths([tmp_path], today=dt.date(2026, 2, 1)).errors]
    assert codes == ["front_matter_invalid"]

    current = parse_article(page.read_text(encoding="utf-8"), page).content_hash
    record = f"clinical_review: {{reviewer: X, date: 2026-01-31, content_hash: {current}}}\n"
    page.write_text(FRONT + record + BODY, encoding="utf-8")
    report = check_paths([tmp_path], today=dt.date(2026, 2, 1))
    assert report.issues == []
    article = parse_article(page.read_text(encoding="utf-8"), page)
    # Recording the review (and its date) does not change the hash it names.
    assert article.content_hash == current
    assert pack.review_label(article).startswith("fagligt gennemgået af X")

    page.write_text(FRONT + record + BODY.replace("Tekst.", "Ny tekst."), encoding="utf-8")
    article = parse_article(page.read_text(encoding="utf-8"), page)
    assert pack.review_label(article) == PENDING_LABEL
    report = check_paths([tmp_path], today=dt.date(2026, 2, 1))
    assert [i.code for i in report.warnings] == ["review_lapsed"]
    assert article.content_hash in report.warnings[0].message


def test_dates_are_checked(tmp_path):
    (tmp_path / "sources.yaml").write_text(
        "- {id: nhs-dvt, title: DVT, publisher: NHS}\n", encoding="utf-8")
    page = tmp_path / "side.md"
    page.write_text(FRONT.replace("updated: 2026-01-01", "updated: 2025-12-01")
                    + "clinical_review: pending\n" + BODY, encoding="utf-8")
    report = check_paths([tmp_path], today=dt.date(2026, 2, 1))
    assert [i.message for i in report.errors] == ["'updated' ligger før 'published'."]
    report = check_paths([tmp_path], today=dt.date(2025, 6, 1))
    assert {i.code for i in report.errors} == {"front_matter_invalid"}  # in the future
