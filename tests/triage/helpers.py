"""Small helpers shared by the triage tests."""

from __future__ import annotations

from krampe.triage import triage
from krampe.triage.result import TriageResult

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


def at_least(text: str, minimum: str, **kw) -> None:
    """The level of `text` (triaged with `kw`) is `minimum` or higher."""
    got = level(text, **kw)
    assert RANK[got] >= RANK[minimum], f"{text!r}: {got}"


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


def expect(text: str, level: str | None = None, *, at_least: str | None = None,
           has: tuple[str, ...] = (), lacks: tuple[str, ...] = (),
           **statuses: str | None) -> TriageResult:
    """Assert how `text` is read, in one triage: its `level` exactly, or `at_least` that
    level; findings it reports in any status (`has`) or does not report (`lacks`); and each
    named finding's status (None: not reported). The result, for any further check."""
    r = triage(text)
    if level is not None:
        assert r.level == level, (text, r.level)
    if at_least is not None:
        assert RANK[r.level] >= RANK[at_least], f"{text!r}: {r.level}"
    reported = {f.id: f.status for f in r.findings}
    for finding in has:
        assert finding in reported, (text, finding, reported)
    for finding in lacks:
        assert finding not in reported, (text, finding, reported)
    for finding, status in statuses.items():
        assert reported.get(finding) == status, (text, finding, reported)
    return r
