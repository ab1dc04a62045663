"""Loading the policy: levels, Danish phone numbers and the sources registry, in one object.

Every package that shows a level, a number or a source asks `get_policy()`; nothing else
writes them down (tests/policy/test_single_source.py keeps it so).
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from pydantic import BaseModel

from krampe.datafile import read_model
from krampe.errors import InputError, KrampeError
from krampe.policy.model import (
    Call,
    Emergency,
    Level,
    LevelInfo,
    LevelsFile,
    NotUnderstood,
    OutOfHours,
    OwnGp,
    Region,
    RegionId,
    RegionsFile,
    Source,
    SourcesFile,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
# The triage rules are read only as bytes for the version hash: a path, not an import,
# so the policy depends on no other krampe package.
RULES_DIR = Path(__file__).resolve().parents[1] / "triage" / "rules"
# The rules take their words from the Danish language layer (`@name` lists): its data
# counts as rules for the version too, likewise read as bytes only.
LANG_DATA_DIR = Path(__file__).resolve().parents[1] / "lang" / "da" / "data"
VERSION_LENGTH = 12

_M = TypeVar("_M", bound=BaseModel)


class PolicyError(KrampeError):
    """A policy data file is broken: a bug in the package, not bad user input."""

    code = "policy_invalid"
    status = 500


class _Open(dict):
    """Leaves a placeholder it does not know as it is (filled later, per region)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _read(path: Path, model: type[_M]) -> _M:
    return read_model(path, model, PolicyError, "{name}: kan ikke læses ({exc})")


def content_hash(*directories: Path) -> str:
    """A short hash over every *.yaml file (name and bytes) in the directories."""
    digest = hashlib.sha256()
    for directory in directories:
        for path in sorted(Path(directory).glob("*.yaml")):
            digest.update(f"{directory.name}/{path.name}\0".encode())
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()[:VERSION_LENGTH]


class Policy:
    """The validated policy. `LEVELS` is most urgent first."""

    def __init__(self, levels: LevelsFile, regions: RegionsFile, sources: SourcesFile,
                 version: str) -> None:
        self._sources = MappingProxyType({s.id: s for s in sources.sources})
        self._regions = {r.id: r for r in regions.regions}
        self._emergency = regions.emergency
        self._own_gp = regions.own_gp
        self._oohs = regions.out_of_hours
        self._version = version
        ordered = sorted(levels.levels, key=lambda lv: lv.rank, reverse=True)
        self.LEVELS: tuple[Level, ...] = tuple(lv.id for lv in ordered)
        self._levels: dict[str, LevelInfo] = {}
        for lv in ordered:
            headline = self._prefill(lv.headline)
            self._levels[lv.id] = lv.model_copy(update={
                "headline": headline, "short": self._prefill(lv.short),
                "action": self._prefill(lv.action, headline)})
        nu = levels.not_understood
        self._not_understood = nu.model_copy(update={"action": self._prefill(nu.action)})

    # --- levels ----------------------------------------------------------------------------

    def rank(self, level: Level) -> int:
        """Higher is more urgent; KeyError for an unknown level."""
        return self._levels[level].rank

    def red_flag_levels(self) -> tuple[Level, ...]:
        """The levels whose findings are red flags, most urgent first."""
        return tuple(lv for lv in self.LEVELS if self.level_info(lv).red_flag)

    def level_info(self, level: Level) -> LevelInfo:
        """Headline, colour, icon, action template ({gp}, {oohs} open) and sources."""
        return self._levels[level]

    def short_action(self, level: Level) -> str:
        """The care card's one short sentence under the headline (no numbers)."""
        return self._levels[level].short

    def calls(self, level: Level, region: RegionId | None = None) -> tuple[Call, ...]:
        """Whom the level's card says to call, most important first.

        Emergency: the emergency number. Urgent: the region's out-of-hours number (without
        a region, a Call with no number: the page asks for the region, never lists all
        five), beside the own GP with hours. Routine: the own GP. Self-care: nobody.
        """
        gp = Call(kind="own_gp", label=self._own_gp.label, note=self._own_gp.hours)
        if level == "emergency":
            return (Call(kind="emergency", label=self._emergency.label,
                         number=self._emergency.number),)
        if level == "urgent":
            return (self.out_of_hours_call(region), gp)
        if level == "routine":
            return (gp,)
        return ()

    def out_of_hours_call(self, region: RegionId | None = None) -> Call:
        """The out-of-hours call button of the region; no number without a region."""
        if region is None:
            return Call(kind="out_of_hours", label=self._oohs.button)
        r = self._regions[region]
        return Call(kind="out_of_hours", label=self._oohs.button, number=r.number,
                    region=r.id, note=r.name)

    def not_understood(self) -> NotUnderstood:
        return self._not_understood

    def action(self, level: Level, region: RegionId | None = None) -> str:
        """The level's Danish action sentence, with the region's (or every) number."""
        return self.fill(self._levels[level].action, region)

    def not_understood_action(self, region: RegionId | None = None) -> str:
        return self.fill(self._not_understood.action, region)

    # --- numbers ---------------------------------------------------------------------------

    def emergency(self) -> Emergency:
        return self._emergency

    def emergency_number(self) -> str:
        return self._emergency.number

    def own_gp(self) -> OwnGp:
        return self._own_gp

    def out_of_hours_service(self) -> OutOfHours:
        return self._oohs

    def regions(self) -> tuple[Region, ...]:
        return tuple(self._regions.values())

    def region(self, region_id: RegionId) -> Region:
        """KeyError for an unknown id; `normalise_region` turns user text into an id."""
        return self._regions[region_id]

    def normalise_region(self, text: str | None) -> RegionId | None:
        """"Region Sjælland", "sjælland", "SJAELLAND" -> "sjaelland"; InputError if unknown."""
        if text is None:
            return None
        key = str(text).strip().lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
        key = unicodedata.normalize("NFKD", key).removeprefix("region ")
        for region_id in self._regions:
            if key == region_id:
                return region_id
        raise InputError(
            f"Ukendt region {text!r}. Brug en af: {', '.join(self._regions)}.",
            code="unknown_region",
        )

    def gp_text(self) -> str:
        """"din egen læge (hverdage kl. 8–16)"."""
        return f"{self._own_gp.label} ({self._own_gp.hours})"

    def out_of_hours(self, region: RegionId | None = None) -> str:
        """"lægevagten i Region X: number" for the region, or for every region."""
        shown = [r for r in self._regions.values() if region is None or r.id == region]
        return ", ".join(f"{self._oohs.label} i {r.name}: {r.number}" for r in shown)

    def name_out_of_hours(self, text: str) -> str:
        """`text` with the every-region list of out-of-hours numbers replaced by the plain
        name ("lægevagten"): for a page that shows the number on a call button instead of
        five numbers in one sentence."""
        return text.replace(self.out_of_hours(None), self._oohs.label)

    def fill(self, template: str, region: RegionId | None = None,
             level: Level | None = None) -> str:
        """A policy text with every placeholder filled, on one line.

        {emergency}, {gp}, {oohs} (the region's number, or every region's) and, given a
        level, {headline}: data files outside the policy write these, never the facts.
        """
        values = {"emergency": self.emergency_number(), "gp": self.gp_text(),
                  "oohs": self.out_of_hours(region)}
        if level is not None:
            values["headline"] = self._levels[level].headline
        try:
            text = template.format_map(values)
        except (KeyError, ValueError, IndexError) as exc:
            raise PolicyError(f"Teksten {template!r} har en ukendt pladsholder: {exc}") from exc
        return " ".join(text.split())

    def _prefill(self, template: str, headline: str | None = None) -> str:
        values = _Open(emergency=self.emergency_number())
        if headline is not None:
            values["headline"] = headline
        return template.format_map(values)

    # --- sources and version ---------------------------------------------------------------

    def sources(self) -> Mapping[str, Source]:
        """The one sources registry, by id (read-only)."""
        return self._sources

    def source(self, source_id: str) -> Source:
        """KeyError for an unknown id."""
        return self._sources[source_id]

    def policy_version(self) -> str:
        """Short hash of the policy data and the triage rule files: names the exact rules."""
        return self._version


def load_policy(data_dir: Path = DATA_DIR, rules_dir: Path = RULES_DIR,
                lang_dir: Path = LANG_DATA_DIR) -> Policy:
    """Read, validate and cross-check the policy; PolicyError when anything is off."""
    d = Path(data_dir)
    levels = _read(d / "levels.yaml", LevelsFile)
    regions = _read(d / "regions.yaml", RegionsFile)
    sources = _read(d / "sources.yaml", SourcesFile)
    known = {s.id for s in sources.sources}
    cited = [(f"levels.yaml {lv.id}", lv.sources) for lv in levels.levels]
    cited += [("levels.yaml not_understood", levels.not_understood.sources),
              ("regions.yaml emergency", regions.emergency.sources),
              ("regions.yaml own_gp", regions.own_gp.sources),
              ("regions.yaml out_of_hours", regions.out_of_hours.sources)]
    cited += [(f"regions.yaml {r.id}", [r.source]) for r in regions.regions]
    errors = [f"{where}: ukendt kilde {sid!r}" for where, ids in cited for sid in ids
              if sid not in known]
    if errors:
        raise PolicyError("; ".join(errors))
    return Policy(levels, regions, sources, content_hash(d, Path(rules_dir), Path(lang_dir)))


@lru_cache(maxsize=1)
def get_policy() -> Policy:
    """The bundled policy (validated once, cached)."""
    return load_policy()


def policy_version() -> str:
    return get_policy().policy_version()
