"""The core calls behind every interface: the CLI, the REST API and the web pages use these.

`ask` is search plus the triage banner: a question that describes symptoms ("min læg er
hævet og rød, hvad gør jeg?") gets the triage object above the answers.
"""

from __future__ import annotations

from krampe.knowledge.kb import AskResult, KnowledgeBase
from krampe.textinput import validate_text
from krampe.triage import TriageResult, triage


def reports_symptoms(result: TriageResult) -> bool:
    """True when the text reports something triage acts on (the contract's rule for `ask`).

    That is a finding or trigger with status present, or a red flag mentioned only
    hypothetically (shown as `if_then`). Negated, historical or other people's findings
    alone do not put a banner over an ordinary question.
    """
    if not result.understood:
        return False
    return (
        any(f.status == "present" for f in result.findings)
        or bool(result.triggers)
        or bool(result.if_then)
    )


def ask(question: str, kb: KnowledgeBase, top: int = 5) -> AskResult:
    """Answers with sources, and the triage object when the question describes symptoms."""
    text = validate_text(question, what="spørgsmålet")
    result = kb.search(text, top)
    banner = triage(text)
    if reports_symptoms(banner):
        result.triage = banner.model_dump()
    return result
