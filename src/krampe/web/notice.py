"""The disclaimer every API result carries (issue 7, HAZ-06), as the pages show it.

Built from data: the review state and dates of the active knowledge base's articles
(the bundled pack's via `krampe.content.pack`), and the phone numbers of the acute
guide's contacts (selfcare/data/acute.yaml). The web layer adds it as an extra `notice`
key to `/api/ask` and `/api/triage`; the CLI's JSON stays the engines' objects.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from krampe.content.pack import REVIEW_PENDING_LABEL, load_pack
from krampe.content.pack import review_label as pack_review_label
from krampe.web.templating import danish_date, review_label

NOT_A_DIAGNOSIS = (
    "Dette er ikke en diagnose. Rådene bygger på de viste kilder og erstatter ikke en læge."
)


class Notice(BaseModel):
    not_a_diagnosis: str = Field(description="At svaret ikke er en diagnose.")
    content_review: str = Field(description="Om og hvornår indholdet er fagligt gennemgået.")
    content_reviewed: bool = Field(description="Sandt når alle artikler er fagligt gennemgået.")
    emergency: str = Field(description="Hvad du gør i en nødsituation (112, lægevagt).")
    emergency_number: str = Field(examples=["112"])


def content_review(articles: list) -> tuple[str, bool]:
    """(Danish sentence, reviewed?) for the active articles (`services.ArticleInfo`)."""
    bundled_pending = any(
        pack_review_label(a) == REVIEW_PENDING_LABEL for a in load_pack()
    ) if any(a.bundled for a in articles) else False
    pending = bundled_pending or not articles or any(
        review_label(a.clinical_review) == REVIEW_PENDING_LABEL
        for a in articles if not a.bundled
    )
    dates = sorted(str(a.updated)[:10] for a in articles if a.updated)
    updated = f" (senest opdateret {danish_date(dates[-1])})" if dates else ""
    if pending:
        return f"Indholdet er {REVIEW_PENDING_LABEL}{updated}.", False
    return f"Indholdet er fagligt gennemgået{updated}.", True


def emergency_text(region: str | None = None) -> tuple[str, str]:
    """(Danish sentence, emergency number) from the acute guide's contacts."""
    from krampe.selfcare import acute_guide

    contacts = acute_guide().contacts
    emergency = next(c for c in contacts if c.id == "emergency")
    text = f"Ring {emergency.number} {emergency.when}"
    local = next((c for c in contacts if region and c.region == region and c.number), None)
    if local is not None:
        text += f" {local.label}: ring {local.number} {local.when}"
    else:
        text += " Uden for egen læges åbningstid: ring til lægevagten i din region."
    return text, str(emergency.number)


def build_notice(articles: list, region: str | None = None) -> Notice:
    review, reviewed = content_review(articles)
    emergency, number = emergency_text(region)
    return Notice(not_a_diagnosis=NOT_A_DIAGNOSIS, content_review=review,
                  content_reviewed=reviewed, emergency=emergency, emergency_number=number)
