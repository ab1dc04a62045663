"""The product's policy facts, each written once: the triage levels (order, headline,
look, action), the Danish phone numbers, the sources registry and the review rule.

Depends on no other krampe package (only `krampe.errors`), so every package may use it.
"""

from krampe.policy.load import PolicyError, get_policy, load_policy, policy_version
from krampe.policy.model import (
    LEVEL_IDS,
    REGION_IDS,
    Call,
    Level,
    LevelInfo,
    Region,
    RegionId,
    Source,
)

__all__ = [
    "LEVEL_IDS",
    "REGION_IDS",
    "Call",
    "Level",
    "LevelInfo",
    "PolicyError",
    "Region",
    "RegionId",
    "Source",
    "get_policy",
    "load_policy",
    "policy_version",
]
