"""The acute guide: what to do during a cramp, and the red flags that mean seek help."""

from __future__ import annotations

from functools import lru_cache

from pydantic import ValidationError

from krampe.selfcare.loading import SelfcareDataError, load_yaml
from krampe.selfcare.models import AcuteGuide


@lru_cache(maxsize=1)
def acute_guide() -> AcuteGuide:
    """The "Nu, under en krampe" guide (validated on first use, then cached)."""
    raw = load_yaml("acute.yaml")
    for contact in (raw or {}).get("contacts") or []:
        if not isinstance(contact, dict) or "policy" not in contact:
            # The numbers are the policy's: a contact may only point at one by key.
            raise SelfcareDataError(f"acute.yaml: kontakten {contact!r} mangler 'policy'")
    try:
        guide = AcuteGuide.model_validate(raw)
    except ValidationError as exc:
        raise SelfcareDataError(f"acute.yaml er ugyldig: {exc}") from exc
    firsts = [step.first for step in guide.steps]
    if not firsts or not firsts[0] or firsts != sorted(firsts, reverse=True):
        raise SelfcareDataError("acute.yaml: trinnene med 'first' skal stå først (mindst ét)")
    for group in (guide.steps, guide.red_flags, guide.notes, guide.contacts):
        ids = [item.id for item in group]
        if len(ids) != len(set(ids)):
            raise SelfcareDataError(f"acute.yaml: dobbelte id'er i {ids}")
    return guide
