"""What other packages keep about a user: the registry behind "download" and "delete".

Accounts owns the download of all data and the deletion of the account, not the data. A
package that stores rows per user (the diary) registers a `UserData` with the app from
its `install(app)`, so accounts never imports it. The registry lives on `app.state`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import State

from krampe.accounts.models import User

_STATE_KEY = "user_data"
EXPORT_NOTE = ("Alt, krampe har gemt om dig. Adgangskoden er kun gemt som en Argon2-hash "
               "og er ikke med.")


@dataclass(frozen=True, slots=True)
class UserData:
    """One package's rows about a user."""

    name: str
    # JSON-ready parts of the download, each under its own key (the diary: entries, days).
    export: Callable[[Session, int], dict[str, Any]]
    # Deletes the user's rows without committing: the account goes in the same transaction.
    delete: Callable[[Session, int], None]
    # The spreadsheet download; one package at most provides it.
    export_csv: Callable[[Session, int], str] | None = None


def register(app_state: State, data: UserData) -> None:
    """Add a package's data to the app's registry (again under the same name: replaced)."""
    registry: dict[str, UserData] = getattr(app_state, _STATE_KEY, None) or {}
    if data.export_csv is not None and any(
        other.export_csv is not None for name, other in registry.items() if name != data.name
    ):
        raise ValueError("only one package provides the CSV download")
    setattr(app_state, _STATE_KEY, {**registry, data.name: data})


def registered(app_state: State) -> tuple[UserData, ...]:
    return tuple((getattr(app_state, _STATE_KEY, None) or {}).values())


def export_json(db: Session, user_id: int, parts: Iterable[UserData]) -> dict[str, Any]:
    """Everything stored about the user: the account, each registered part, a note."""
    user = db.get_one(User, user_id)
    data: dict[str, Any] = {
        "account": {"username": user.username, "created_at": user.created_at.isoformat()},
    }
    for part in parts:
        data.update(part.export(db, user_id))
    data["note"] = EXPORT_NOTE
    return data


def export_csv(db: Session, user_id: int, parts: Iterable[UserData]) -> str:
    """The spreadsheet of the part that provides one; empty when none does."""
    for part in parts:
        if part.export_csv is not None:
            return part.export_csv(db, user_id)
    return ""
