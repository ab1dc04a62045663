"""The diary "til lægen" as a spreadsheet Danish Excel opens by double-click.

Semicolons, a UTF-8 byte order mark, Danish column names and values (labels, ja/nej,
decimal commas, dd-mm-åååå dates): no stored codes such as both/asleep/True.
"""

from __future__ import annotations

from collections.abc import Sequence

from krampe.csvout import write_csv
from krampe.diary.labels import labels
from krampe.diary.models import Entry
from krampe.diary.summary import flagged_note, level_text
from krampe.diary.timeutil import to_local
from krampe.selfcare.dates import WEEKDAYS

COLUMNS = [
    "Dato", "Ugedag", "Klokken", "Varighed (minutter)", "Styrke (0-10)", "Ben", "Situation",
    "Forstyrrede søvnen", "Forstyrrede arbejdet", "Dagens sammenhæng", "Note",
    "Faresignal i noten",
]  # fmt: skip


def _yes_no(value: bool | None) -> str:
    return "ja" if value else "nej"


def _minutes(seconds: int) -> str:
    return f"{seconds / 60:.1f}".replace(".", ",").removesuffix(",0")


def _flag(entry: Entry) -> str:
    flag = flagged_note(entry) if entry.note else None
    if flag is None:
        return ""
    return f"{', '.join(flag.findings)} ({level_text(flag.level)})"


def doctor_csv(entries: Sequence[Entry]) -> str:
    """One row per cramp, oldest first."""
    lab = labels()
    rows = []
    for e in sorted(entries, key=lambda e: (e.started_at, e.id)):
        local = to_local(e.started_at)
        rows.append([
            f"{local:%d-%m-%Y}", WEEKDAYS[local.weekday()], f"{local:%H:%M}",
            _minutes(e.duration_seconds), e.intensity, lab.legs.get(e.leg, e.leg),
            lab.situations.get(e.situation, e.situation), _yes_no(e.disturbed_sleep),
            _yes_no(e.disturbed_work),
            ", ".join(lab.contexts.get(c, c) for c in e.contexts or []), e.note or "",
            _flag(e),
        ])  # fmt: skip
    return write_csv(COLUMNS, rows, delimiter=";", bom=True)
