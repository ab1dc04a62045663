"""A clinic profile to test with, written to a folder, and finished triage results."""

from __future__ import annotations

from pathlib import Path

import yaml

from krampe.triage import triage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "clinic"
LOGO = (EXAMPLE / "logo.svg").read_bytes()

PROFILE = {
    "name": "Fysioterapi Testvej",
    "logo": "logo.svg",
    "accent": "#1f6f5c",
    "accent_dark": "#5fb3a1",
    "address": "Testvej 1, 8000 Aarhus C",
    "phone": "86 00 00 00",
    "booking_url": "https://testvej-fys.example/book",
    "opening_hours": ["Mandag–fredag 8–16"],
    "knowledge": ["bundled"],
    "embed_origins": ["https://testvej-fys.example"],
}

def write_profile(folder: Path, name: str = "klinik.yaml", **changes) -> Path:
    """The profile with `changes` (a value None drops the field) and its logo."""
    data = {**PROFILE, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    (folder / "logo.svg").write_bytes(LOGO)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def answers_for(text: str) -> dict[str, bool]:
    """The "nej" answers that finish the screen for `text` (for the API and the forms)."""
    answers: dict[str, bool] = {}
    result = triage(text).model_dump(mode="json")
    while not result["screen"]["complete"] and result["questions"]:
        answers.update({q["id"]: False for q in result["questions"]})
        result = triage(text, answers=answers).model_dump(mode="json")
    return answers


def finished(text: str) -> dict:
    """The triage result once every screening question is answered "nej"."""
    return triage(text, answers=answers_for(text) or None).model_dump(mode="json")
