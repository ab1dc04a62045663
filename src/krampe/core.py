"""The core calls behind every interface: the CLI, the REST API and the web pages use these.

`ask` is search plus the triage banner: a question that describes symptoms ("min læg er
hævet og rød, hvad gør jeg?") gets the triage object above the answers.
"""

from __future__ import annotations

from krampe.knowledge.kb import KnowledgeBase, SearchResult
from krampe.textinput import validate_text
from krampe.triage import TriageResult
from krampe.triage import banner as triage_banner


class AskResult(SearchResult):
    """The contract object of `krampe ask`: answers, and the triage object typed."""

    triage: TriageResult | None = None
    # The question reports a present finding or a current episode ("jeg har ondt i læggen
    # nu"), so the red-flag screen should be offered; a trigger alone does not.
    screen_link: bool = False
    # Asked during a cramp happening now ("krampe nu", "av av", "hjælp, den slipper ikke"):
    # pages lead with the acute steps of the bundled guide (krampe.knowledge.acute).
    acute: bool = False


def reports_symptoms(result: TriageResult) -> bool:
    """True when the text reports something triage acts on (the contract's rule for `ask`).

    That is a finding or trigger with status present, a red flag mentioned only
    hypothetically (shown as `if_then`), or a symptom happening now. Negated, historical
    or other people's findings alone do not put a banner over an ordinary question.
    """
    if not result.understood:
        return False
    return (
        any(f.status == "present" for f in result.findings)
        or bool(result.triggers)
        or bool(result.if_then)
        or result.episode
    )


def ask(question: object, kb: KnowledgeBase, top: int = 5) -> AskResult:
    """Answers with sources, and the triage object when the question describes symptoms."""
    text = validate_text(question, what="spørgsmålet")
    result, outcome = kb.answer(text, top)
    banner = triage_banner(text)
    # The search's answers as they are: dumping and validating them again cost more than
    # the rest of building the result.
    out = AskResult(question=result.question, answered=result.answered,
                    answers=result.answers, acute=outcome.acute)
    if banner is not None and reports_symptoms(banner):
        out.triage = banner
        out.screen_link = banner.understood and (
            banner.episode or any(f.status == "present" for f in banner.findings)
        )
    return out
