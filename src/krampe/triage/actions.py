"""Danish action sentences per level, with 112, the own GP and the out-of-hours numbers."""

from __future__ import annotations

import unicodedata

from krampe.errors import InputError
from krampe.triage.schema import Rules


def normalise_region(region: str | None, rules: Rules) -> str | None:
    """"Region Sjælland", "sjælland", "SJAELLAND" -> "sjaelland"; InputError if unknown."""
    if region is None:
        return None
    key = str(region).strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    key = unicodedata.normalize("NFKD", key)
    if key.startswith("region "):
        key = key[len("region "):]
    ids = [r.id for r in rules.regions.regions]
    if key not in ids:
        raise InputError(
            f"Ukendt region {region!r}. Brug en af: {', '.join(ids)}.", code="unknown_region"
        )
    return key


def out_of_hours(rules: Rules, region: str | None) -> str:
    regions = [r for r in rules.regions.regions if region is None or r.id == region]
    return ", ".join(f"lægevagten i {r.name}: {r.number}" for r in regions)


def own_gp(rules: Rules) -> str:
    gp = rules.regions.own_gp
    return f"{gp.label} ({gp.hours})"


def fill(template: str, rules: Rules, region: str | None) -> str:
    text = template.format(gp=own_gp(rules), oohs=out_of_hours(rules, region))
    return " ".join(text.split())


def action_for(level: str, rules: Rules, region: str | None) -> str:
    return fill(rules.levels[level].action, rules, region)


def not_understood_action(rules: Rules, region: str | None) -> str:
    return fill(rules.not_understood.action, rules, region)
