"""The disclaimer every API result carries (issue 7, HAZ-06), as the pages show it.

Built from data: the review state (krampe.policy.review) and dates of the active
knowledge base's articles, the policy's phone numbers and the acute guide's wording for
its contacts. The web layer adds it as an extra `notice` key to `/api/ask` and
`/api/triage`; the CLI's JSON stays the engines' objects.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from krampe.policy import get_policy
from krampe.policy.review import PENDING_LABEL, REVIEWED_LABEL
from krampe.selfcare import acute_guide
from krampe.web.templating import danish_date

NOT_A_DIAGNOSIS = (
    "Dette er ikke en diagnose. Rådene bygger på de viste kilder og erstatter ikke en læge."
)


class Notice(BaseModel):
    not_a_diagnosis: str = Field(description="At svaret ikke er en diagnose.")
    content_review: str = Field(description="Om og hvornår indholdet er fagligt gennemgået.")
    content_reviewed: bool = Field(description="Sandt når alle artikler er fagligt gennemgået.")
    emergency: str = Field(description="Hvad du gør i en nødsituation (alarmnummer, lægevagt).")
    emergency_number: str = Field(examples=[get_policy().emergency_number()])


def content_review(articles: list) -> tuple[str, bool]:
    """(Danish sentence, reviewed?) for the active articles (`services.ArticleInfo`)."""
    pending = not articles or not all(a.reviewed for a in articles)
    dates = sorted(str(a.updated)[:10] for a in articles if a.updated)
    updated = f" (senest opdateret {danish_date(dates[-1])})" if dates else ""
    if pending:
        return f"Indholdet er {PENDING_LABEL}{updated}.", False
    return f"Indholdet er {REVIEWED_LABEL}{updated}.", True


def emergency_text(region: str | None = None) -> tuple[str, str]:
    """(Danish sentence, emergency number): the policy's numbers, the guide's wording."""
    number = get_policy().emergency_number()
    contacts = acute_guide().contacts
    emergency = next(c for c in contacts if c.number == number)
    text = f"Ring {number} {emergency.when}"
    local = next((c for c in contacts if region and c.region == region and c.number), None)
    if local is not None:
        text += f" {local.label}: ring {local.number} {local.when}"
    else:
        text += " Uden for egen læges åbningstid: ring til lægevagten i din region."
    return text, number


def build_notice(articles: list, region: str | None = None) -> Notice:
    review, reviewed = content_review(articles)
    emergency, number = emergency_text(region)
    return Notice(not_a_diagnosis=NOT_A_DIAGNOSIS, content_review=review,
                  content_reviewed=reviewed, emergency=emergency, emergency_number=number)
