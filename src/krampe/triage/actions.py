"""Danish action sentences per level, with the emergency, own GP and out-of-hours numbers.

The wording and the numbers are the policy's (krampe.policy); these wrappers keep the
engine's calls. `rules` is no longer read: levels and regions are not rule files.
"""

from __future__ import annotations

from krampe.policy import Level, RegionId, get_policy
from krampe.triage.schema import Rules


def normalise_region(region: str | None, rules: Rules) -> RegionId | None:
    """"Region Sjælland", "sjælland", "SJAELLAND" -> "sjaelland"; InputError if unknown."""
    return get_policy().normalise_region(region)


def action_for(level: Level, rules: Rules, region: str | None) -> str:
    policy = get_policy()
    return policy.action(level, policy.normalise_region(region))


def fill(template: str, rules: Rules, region: str | None) -> str:
    """{gp}, {oohs} and {emergency} filled in a rule text (the screen's questions)."""
    policy = get_policy()
    return policy.fill(template, policy.normalise_region(region))


def not_understood_action(rules: Rules, region: str | None) -> str:
    policy = get_policy()
    return policy.not_understood_action(policy.normalise_region(region))
