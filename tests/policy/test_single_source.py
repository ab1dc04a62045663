"""Each policy fact is written once: in src/krampe/policy/data/.

Fails when a level headline, a source title or a phone number of the policy is written
in any Python file, template or other data file under src/. Our own articles
(content/da/*.md) are running text for people and may name numbers and headlines; they
cite sources by id.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from krampe.policy import get_policy

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "krampe"
POLICY_DATA = PACKAGE / "policy" / "data"
ARTICLES = PACKAGE / "content" / "da"
TEXT_SUFFIXES = {".py", ".html", ".yaml", ".yml", ".json", ".txt", ".md", ".css", ".js",
                 ".ini", ".mako", ".toml", ".cfg"}
# Shorter titles ("Leg cramps", "Lægevagt") are ordinary words in running text: they
# count only as a whole string value ("Leg cramps", title: Leg cramps).
LONG_TITLE = 20

# Files still allowed to write a policy fact while they are being switched (it only ever
# shrinks); empty since the red-flag screen's web pages read the policy.
ALLOWED: set[str] = set()


def _number_pattern(number: str) -> re.Pattern[str]:
    digits = r"\s+".join(re.escape(part) for part in number.split())
    # Not part of an id, a longer number or a host name: "dk-112", "1813.aspx", "112.dk".
    return re.compile(rf"(?<![\w\-/.]){digits}(?![\w\-]|\.\w)")


def _title_pattern(title: str) -> re.Pattern[str]:
    t = re.escape(title)
    if len(title) >= LONG_TITLE:
        return re.compile(t)
    return re.compile(rf"([\"']){t}\1|\btitle:\s*{t}\s*$", re.M)


def facts() -> list[tuple[str, re.Pattern[str]]]:
    """(what, pattern) for every headline, number and source title of the policy."""
    policy = get_policy()
    out = [(f"headline {policy.level_info(lv).headline!r}",
            re.compile(re.escape(policy.level_info(lv).headline), re.I))
           for lv in policy.LEVELS]
    numbers = [policy.emergency_number(), *(r.number for r in policy.regions())]
    out += [(f"number {n!r}", _number_pattern(n)) for n in numbers]
    titles = {s.title for s in policy.sources().values()}
    out += [(f"source title {t!r}", _title_pattern(t)) for t in sorted(titles)]
    return out


def violations(text: str) -> list[str]:
    return [what for what, pattern in facts() if pattern.search(text)]


def _scanned() -> list[Path]:
    files = []
    for path in sorted(PACKAGE.rglob("*")):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES or "__pycache__" in path.parts:
            continue
        if path.is_relative_to(POLICY_DATA):
            continue  # the one place the facts are written
        if path.parent == ARTICLES and path.suffix == ".md":
            continue  # our articles: running text for people
        files.append(path)
    return files


def test_no_policy_fact_is_written_outside_the_policy():
    found = {}
    for path in _scanned():
        name = path.relative_to(SRC).as_posix()
        if name in ALLOWED:
            continue
        hits = violations(path.read_text(encoding="utf-8"))
        if hits:
            found[name] = hits
    assert not found, (
        "read these from krampe.policy (get_policy(), or `policy` in templates) instead: "
        f"{found}"
    )


def test_the_scan_covers_code_templates_and_data():
    names = {p.relative_to(SRC).as_posix() for p in _scanned()}
    assert "krampe/selfcare/data/acute.yaml" in names
    assert "krampe/web/templates/base.html" in names
    assert "krampe/diary/templates/_doctor.html" in names
    assert "krampe/web/notice.py" in names
    assert not any(n.startswith("krampe/policy/data/") for n in names)


def test_allowed_files_exist():
    # A renamed lead file must leave this list too (it only ever shrinks).
    missing = [name for name in ALLOWED if not (SRC / name).is_file()]
    assert not missing, missing


@pytest.mark.parametrize(("text", "expected"), [
    ('<strong>Ring 112 nu</strong>', ["headline 'Ring 112 nu'", "number '112'"]),
    ('label = "SØG LÆGE I DAG"', ["headline 'Søg læge i dag'"]),
    ("ring til lægevagten på 70 11 31 31.", ["number '70 11 31 31'"]),
    ("Akuttelefonen: 1813", ["number '1813'"]),
    ('- id: x\n  title: Leg cramps\n', ["source title 'Leg cramps'"]),
    ("Magnesium for skeletal muscle cramps (Garrison m.fl.) siger",
     ["source title 'Magnesium for skeletal muscle cramps (Garrison m.fl.)'"]),
])
def test_the_scan_finds_a_written_fact(text, expected):
    assert violations(text) == expected


@pytest.mark.parametrize("text", [
    "sources: [dk-112, regionh-1813]",
    "https://www.112.dk/",
    "Fakta-om-1813.aspx",
    "width: 1120px; id 21813",
    "se lægevagten, eller læs om leg cramps hos NHS",
    "{{ policy.emergency_number() }} {{ policy.level_info(level).headline }}",
])
def test_the_scan_ignores_ids_urls_and_lookups(text):
    assert violations(text) == []
