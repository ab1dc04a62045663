"""The diary's part of an account's data: download (JSON and CSV) and deletion.

Registered with accounts as `USER_DATA` (accounts.userdata) by `diary.install`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from krampe.accounts.userdata import UserData
from krampe.csvout import write_csv
from krampe.diary.models import DayRecord, DayTotal, Entry, IdempotencyKey
from krampe.diary.repository import list_days, list_entries
from krampe.diary.timeutil import to_local

CSV_COLUMNS = [
    "record", "id", "started_at_utc", "started_local", "day", "duration_seconds",
    "intensity", "leg", "situation", "disturbed_sleep", "disturbed_work", "contexts",
    "note", "created_at_utc", "updated_at_utc",
]


def export_data(db: Session, user_id: int) -> dict[str, Any]:
    entries = list_entries(db, user_id, newest_first=False)
    days = list_days(db, user_id)
    return {
        "entries": [
            {
                "id": e.id, "started_at": e.started_at.isoformat(),
                "started_local": to_local(e.started_at).isoformat(),
                "duration_seconds": e.duration_seconds, "intensity": e.intensity,
                "leg": e.leg, "situation": e.situation,
                "disturbed_sleep": e.disturbed_sleep, "disturbed_work": e.disturbed_work,
                "contexts": list(e.contexts or []), "note": e.note,
                "created_at": e.created_at.isoformat(), "updated_at": e.updated_at.isoformat(),
            }
            for e in entries
        ],
        "days": [
            {"day": d.day.isoformat(), "contexts": list(d.contexts or []),
             "updated_at": d.updated_at.isoformat()}
            for d in days
        ],
    }


def export_csv(db: Session, user_id: int) -> str:
    data = export_data(db, user_id)
    rows: list[list[object]] = [
        [
            "entry", e["id"], e["started_at"], e["started_local"], e["started_local"][:10],
            e["duration_seconds"], e["intensity"], e["leg"], e["situation"],
            e["disturbed_sleep"], e["disturbed_work"], ";".join(e["contexts"]), e["note"],
            e["created_at"], e["updated_at"],
        ]
        for e in data["entries"]
    ]
    rows += [
        ["day", "", "", "", d["day"], "", "", "", "", "", "", ";".join(d["contexts"]), "",
         "", d["updated_at"]]
        for d in data["days"]
    ]
    return write_csv(CSV_COLUMNS, rows)


def delete_data(db: Session, user_id: int) -> None:
    # Explicit deletes as well as ON DELETE CASCADE: nothing is left even if a
    # connection ran without foreign keys enabled.
    for model in (IdempotencyKey, Entry, DayRecord, DayTotal):
        db.execute(delete(model).where(model.user_id == user_id))


USER_DATA = UserData(name="diary", export=export_data, delete=delete_data,
                     export_csv=export_csv)
