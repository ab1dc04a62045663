"""One rule for "clinically reviewed": only a record with reviewer and date counts."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from krampe.content import pack
from krampe.content.check import check_paths
from krampe.policy.review import PENDING_LABEL, is_reviewed, is_valid, review_label
from krampe.selfcare.models import AcuteGuide
from krampe.web.templating import review_label as web_review_label

RECORD = {"reviewer": "Anne Læge", "date": "2026-01-31"}


@pytest.mark.parametrize("value", [
    None, "", "pending", "reviewed", {"reviewer": "X"}, {"date": "2026-01-31"},
    {"reviewer": "", "date": "2026-01-31"}, {"reviewer": "X", "date": "snart"}, ["X"],
])
def test_not_reviewed(value):
    assert not is_reviewed(value)
    assert review_label(value) == PENDING_LABEL
    assert web_review_label(value) == PENDING_LABEL


def test_a_record_is_reviewed():
    assert is_reviewed(RECORD) and is_valid(RECORD)
    assert review_label(RECORD) == "fagligt gennemgået af Anne Læge (2026-01-31)"
    assert web_review_label(RECORD) == "fagligt gennemgået af Anne Læge (31. januar 2026)"
    assert is_reviewed({"reviewer": "X", "date": dt.date(2026, 1, 31)})


def test_valid_values():
    assert is_valid("pending")
    assert not is_valid("reviewed") and not is_valid({"reviewer": "X"})


def test_selfcare_data_takes_the_same_values():
    from krampe.selfcare import acute_guide

    data = acute_guide().model_dump()
    assert AcuteGuide.model_validate({**data, "clinical_review": RECORD}).clinical_review
    with pytest.raises(ValidationError):
        AcuteGuide.model_validate({**data, "clinical_review": "reviewed"})


def test_content_check_and_pack_agree(tmp_path):
    page = tmp_path / "side.md"
    front = "---\ntitle: T\nsummary: S\nupdated: 2026-01-01\nsources: [nhs-dvt]\n"
    body = "---\n\n# T\n\n## A\n<!-- sources: nhs-dvt -->\n\nTekst.\n"
    (tmp_path / "sources.yaml").write_text(
        "- {id: nhs-dvt, title: DVT, publisher: NHS}\n", encoding="utf-8")
    page.write_text(front + "clinical_review: reviewed\n" + body, encoding="utf-8")
    codes = [i.code for i in check_paths([tmp_path], today=dt.date(2026, 2, 1)).errors]
    assert codes == ["front_matter_invalid"]
    page.write_text(front + "clinical_review: {reviewer: X, date: 2026-01-31}\n" + body,
                    encoding="utf-8")
    assert check_paths([tmp_path], today=dt.date(2026, 2, 1)).errors == []
    article = pack.read_article(page)
    assert pack.review_label(article).startswith("fagligt gennemgået af X")
