"""Small helpers shared by the triage tests."""

from __future__ import annotations

from krampe.triage import triage

RANK = {None: -1, "self_care": 0, "routine": 1, "urgent": 2, "emergency": 3}

# A description at each level, whole (the screen's questions answered "nej"): the care
# cards' and the clinic's tests walk these.
LEVEL_TEXTS = {
    "emergency": ("Jeg fik pludselig svært ved at trække vejret, og min venstre læg er "
                  "hævet og varm"),
    "urgent": "min læg er hævet og rød efter en lang flyrejse",
    "routine": "jeg vågner med krampe i læggen hver nat, og det ødelægger min søvn",
    "self_care": "jeg får krampe i læggen om natten",
}


def level(text: str, **kw) -> str | None:
    return triage(text, **kw).level


def status_of(text: str, finding: str) -> str | None:
    """Status of `finding` in the result, None when it is not reported."""
    for f in triage(text).findings:
        if f.id == finding:
            return f.status
    return None


def present(text: str, finding: str) -> bool:
    return status_of(text, finding) == "present"


def triggers(text: str) -> list[str]:
    return triage(text).triggers
