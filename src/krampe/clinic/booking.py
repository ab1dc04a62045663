"""The clinic's booking on a result: "Book tid hos <klinik>", link and phone.

Only on a final result at a level the policy lets a clinic book (routine and self-care,
`levels.yaml: clinic_booking`), and never while the red-flag screen is still open: an
urgent or emergency result, or one that may still become one, shows the emergency
and out-of-hours calls alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from krampe.clinic.profile import ClinicProfile
from krampe.policy import get_policy


def offers_booking(result: Mapping[str, Any]) -> bool:
    """Whether a triage result (contract shape) may carry a clinic's booking."""
    level = result.get("level")
    screen = result.get("screen") or {}
    if not level or not result.get("understood") or not screen.get("complete", False):
        return False
    return get_policy().level_info(level).clinic_booking


def booking(profile: ClinicProfile | None, result: Mapping[str, Any] | None) -> dict | None:
    """The API's `booking` object for a result, or None (no profile, or not this level)."""
    if profile is None or not result or not offers_booking(result):
        return None
    return {
        "clinic": profile.name,
        "label": profile.booking_label,
        "url": profile.booking_url,
        "phone": profile.phone,
        "tel": profile.tel,
        "opening_hours": list(profile.opening_hours),
    }
