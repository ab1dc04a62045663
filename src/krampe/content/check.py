"""`krampe content check`: lint any folder of articles, or hold our pack to its rules.

Every article gets the lint warnings of `lint.py` (no title, no date, no headings, long
paragraphs, unreadable parts), the stale-page warning (not updated for 24 months) and
the disagreement warning (advice on one topic that differs between articles).

Our pack's rules are errors (the pack is broken): missing or invalid front matter,
sections without a source, source ids not in the registry. They apply to the bundled
pack, to pages that use its conventions (front matter with `sources`/`clinical_review`,
or `<!-- sources -->` comments), and with `strict` to every page. A file that cannot be
read is a warning (the index skips it too), and an error with `strict`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel

from krampe.bundled import resolve_specs
from krampe.content import lint, pack, stance
from krampe.errors import KnowledgeBaseError
from krampe.knowledge.model import Article
from krampe.knowledge.readers import UnreadableFile, article_files, parse_article, read_text
from krampe.knowledge.readers.markdown import split_front_matter
from krampe.knowledge.readers.meta import parse_date
from krampe.policy import Source, get_policy
from krampe.policy.review import is_lapsed
from krampe.policy.review import is_valid as review_is_valid

_TAGS_FILE = Path(__file__).resolve().parent / "data" / "tags.yaml"
REQUIRED_KEYS = ("title", "summary", "updated", "sources", "clinical_review")
# Our own pack also says when each page was first written.
PACK_KEYS = ("published",)
STALE_MONTHS = 24
# Sections tagged like this report a disagreement on purpose (they quote both sides).
DISAGREEMENT_TAG_PREFIX = "disagreement:"

Severity = Literal["error", "warning"]


class Issue(BaseModel):
    severity: Severity
    code: str
    file: str
    section: str | None = None
    message: str


class CheckReport(BaseModel):
    files: int
    issues: list[Issue]
    strict: bool = False

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "strict": self.strict,
            "files": self.files,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "issues": [issue.model_dump() for issue in self.issues],
        }


def _registry_for(file: Path, root: Path) -> Path | None:
    """The nearest sources.yaml from the file's folder up to the checked root.

    The bundled pack has none: it cites the policy's registry (see `_Checker.registry`).
    """
    if _in_pack(file):
        return _POLICY_REGISTRY
    folder = file.parent.resolve()
    top = (root if root.is_dir() else root.parent).resolve()
    while True:
        candidate = folder / pack.SOURCES_FILE
        if candidate.is_file():
            return candidate
        if folder == top or folder.parent == folder:
            return None
        folder = folder.parent


# Stands for the policy's sources registry where a file path is expected.
_POLICY_REGISTRY = Path("<krampe.policy sources>")


def _in_pack(file: Path) -> bool:
    return file.resolve().is_relative_to(pack.bundled_dir().resolve())


def _months_between(earlier: dt.date, later: dt.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _uses_conventions(front: dict[str, object], article: Article) -> bool:
    if "sources" in front or "clinical_review" in front:
        return True
    return any(section.sources for section in article.sections)


class _Checker:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.issues: list[Issue] = []
        self.registries: dict[Path, dict[str, Source] | None] = {
            _POLICY_REGISTRY: dict(get_policy().sources())
        }

    def add(self, severity: Severity, code: str, file: Path, message: str,
            section: str | None = None) -> None:
        self.issues.append(
            Issue(severity=severity, code=code, file=str(file), section=section, message=message)
        )

    def registry(self, path: Path | None, file: Path) -> dict[str, Source] | None:
        if path is None:
            return None
        if path not in self.registries:
            try:
                self.registries[path] = pack.parse_sources(path)
            except KnowledgeBaseError as exc:
                self.add("error", "sources_invalid", path, exc.message)
                self.registries[path] = None
        return self.registries[path]

    def front_matter(self, file: Path, front: dict[str, object],
                     registry: dict[str, Source] | None, article: Article) -> None:
        required = REQUIRED_KEYS + (PACK_KEYS if _in_pack(file) else ())
        missing = [key for key in required if front.get(key) in (None, "", [])]
        if missing:
            self.add("error", "front_matter_missing", file,
                     f"Front matter mangler: {', '.join(missing)}.")
        for key in ("title", "summary"):
            if key in front and front[key] not in (None, "") and not isinstance(front[key], str):
                self.add("error", "front_matter_invalid", file, f"'{key}' skal være tekst.")
        self.dates(file, front)
        review = front.get("clinical_review")
        if review not in (None, "") and not review_is_valid(review):
            self.add("error", "front_matter_invalid", file,
                     "'clinical_review' skal være 'pending' eller have reviewer, date og "
                     "content_hash.")
        elif is_lapsed(review, article.content_hash):
            self.add("warning", "review_lapsed", file,
                     "Teksten er ændret efter den faglige gennemgang, så siden vises som "
                     "ikke gennemgået. Nuværende content_hash: "
                     f"{article.content_hash}.")
        ids = front.get("sources")
        if ids not in (None, "", []):
            if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
                self.add("error", "front_matter_invalid", file,
                         "'sources' skal være en liste af kilde-id'er.")
            else:
                self.unknown_ids(file, ids, registry, None)

    def dates(self, file: Path, front: dict[str, object]) -> None:
        """`published` and `updated`: ISO dates, not in the future, published first."""
        dates: dict[str, dt.date] = {}
        for key in ("published", "updated"):
            value = front.get(key)
            if value in (None, ""):
                continue
            date = value if isinstance(value, dt.date) else (
                _iso_date(value) if isinstance(value, str) else None)
            if date is None:
                self.add("error", "front_matter_invalid", file,
                         f"'{key}' skal være en ISO-dato (ÅÅÅÅ-MM-DD), ikke {value!r}.")
            elif date > self.today:
                self.add("error", "front_matter_invalid", file,
                         f"'{key}' ligger i fremtiden ({date.isoformat()}).")
            else:
                dates[key] = date
        if "published" in dates and "updated" in dates and dates["updated"] < dates["published"]:
            self.add("error", "front_matter_invalid", file,
                     "'updated' ligger før 'published'.")

    def unknown_ids(self, file: Path, ids: list[str],
                    registry: dict[str, Source] | None, section: str | None) -> None:
        if registry is None:
            return
        unknown = [i for i in ids if i not in registry]
        if unknown:
            where = f"afsnittet '{section}'" if section else "front matter"
            self.add("error", "unknown_source", file,
                     f"Ukendt kilde i {where}: {', '.join(unknown)} (ikke i sources.yaml).",
                     section)

    def sections(self, file: Path, article: Article,
                 registry: dict[str, Source] | None) -> None:
        for section in article.sections:
            if not section.passages:
                continue
            name = section.heading or "(før første overskrift)"
            if not section.sources:
                self.add("error", "section_without_source", file,
                         f"Afsnittet '{name}' har ingen <!-- sources: ... -->.", name)
            else:
                self.unknown_ids(file, section.sources, registry, name)
            for tag in section.tags:
                if problem := _tag_problem(tag):
                    self.add("error", "unknown_tag", file,
                             f"Mærket '{tag}' i '{name}': {problem}.", name)

    def stale(self, file: Path, article: Article) -> None:
        value = article.metadata.get("updated") or article.metadata.get("published")
        date = _iso_date(value) if isinstance(value, str) else None
        if date is None:
            return
        months = _months_between(date, self.today)
        if months >= STALE_MONTHS:
            self.add("warning", "stale", file,
                     f"Siden er ikke opdateret siden {date.isoformat()} "
                     f"({months} måneder; grænsen er {STALE_MONTHS}).")


@lru_cache(maxsize=1)
def _tag_kinds() -> dict[str, frozenset[str] | None]:
    raw = yaml.safe_load(_TAGS_FILE.read_text(encoding="utf-8"))
    kinds = raw["kinds"] if isinstance(raw, dict) else None
    if not isinstance(kinds, dict) or not kinds:
        raise KnowledgeBaseError(f"{_TAGS_FILE.name} mangler 'kinds'.", code="tags_invalid")
    return {str(k): None if v is None else frozenset(map(str, v)) for k, v in kinds.items()}


def _tag_problem(tag: str) -> str | None:
    kind, _, value = tag.partition(":")
    kinds = _tag_kinds()
    if not value:
        return "skal have formen type:id"
    if kind not in kinds:
        return f"ukendt type '{kind}' (kendte: {', '.join(sorted(kinds))})"
    allowed = kinds[kind]
    if kind == "disagreement" and value not in stance.cues().topics:
        return f"ukendt emne '{value}' (se stance_cues.yaml)"
    if allowed is not None and value not in allowed:
        return f"ukendt {kind}-id '{value}'"
    return None


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        parsed = parse_date(value)
        return dt.date.fromisoformat(parsed) if parsed and value.strip()[:4].isdigit() else None


def _stances(article: Article) -> dict[str, dict[str, list[str]]]:
    """topic -> polarity -> example sentences, skipping sections that quote a disagreement."""
    out: dict[str, dict[str, list[str]]] = {}
    for section in article.sections:
        if any(tag.startswith(DISAGREEMENT_TAG_PREFIX) for tag in section.tags):
            continue
        for passage in section.passages:
            for found in stance.text_stances(passage.text):
                out.setdefault(found.topic, {}).setdefault(found.polarity, []).append(
                    found.sentence
                )
    return out


def _disagreements(checker: _Checker, read: list[tuple[Path, Article]]) -> None:
    """One warning per topic and article that advises against what others recommend."""
    per_article = [(file, article, _stances(article)) for file, article in read]
    topics = sorted({t for _, _, s in per_article for t in s})
    for topic in topics:
        pro = [(f, a, s[topic]["for"]) for f, a, s in per_article if s.get(topic, {}).get("for")]
        con = [(f, a, s[topic]["against"]) for f, a, s in per_article
               if s.get(topic, {}).get("against")]
        for file_against, art_against, said_against in con:
            others = [(f, a, said) for f, a, said in pro if f != file_against]
            if not others:
                continue
            names = ", ".join(f"'{a.title}' ({f.name})" for f, a, _ in others)
            checker.add(
                "warning", "disagreement", file_against,
                f"Kilderne er uenige om {stance.topic_label(topic)}: {names} anbefaler det "
                f"(\"{_short(others[0][2][0])}\"), mens '{art_against.title}' "
                f"({file_against.name}) fraråder det (\"{_short(said_against[0])}\").",
            )


def _short(sentence: str, limit: int = 140) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def check_paths(paths: Sequence[str | Path], today: dt.date | None = None,
                strict: bool = False) -> CheckReport:
    """Check every article under the paths ("bundled" = the pack). `today` fixes the clock;
    `strict` holds every page to the pack's rules."""
    today = today or dt.date.today()
    checker = _Checker(today)
    roots = resolve_specs(paths)
    read: list[tuple[Path, Article]] = []
    count = 0
    for root in roots:
        for file in article_files([root]):
            count += 1
            try:
                text = read_text(file)
                article = parse_article(text, file)
            except UnreadableFile as exc:
                checker.add("error" if strict else "warning", "unreadable", file, str(exc))
                continue
            front, _ = split_front_matter(text)
            if strict or _in_pack(file) or _uses_conventions(front, article):
                _pack_rules(checker, file, root, front, article)
            for finding in lint.lint_article(article, text):
                checker.add("warning", finding.code, file, finding.message, finding.section)
            checker.stale(file, article)
            read.append((file, article))
    _disagreements(checker, read)
    return CheckReport(files=count, issues=checker.issues, strict=strict)


def _pack_rules(checker: _Checker, file: Path, root: Path, front: dict[str, object],
                article: Article) -> None:
    if not _uses_conventions(front, article):
        missing = [key for key in REQUIRED_KEYS if front.get(key) in (None, "", [])]
        what = "ingen front matter" if not front else f"mangler {', '.join(missing)}"
        checker.add("error", "front_matter_missing", file,
                    f"Ikke i pakkens format: {what} (kræver {', '.join(REQUIRED_KEYS)}).")
        return
    registry_path = _registry_for(file, root)
    registry = checker.registry(registry_path, file)
    if registry_path is None:
        checker.add("error", "sources_missing", file,
                    "Siden bruger kilde-id'er, men der er ingen sources.yaml.")
    checker.front_matter(file, front, registry, article)
    checker.sections(file, article, registry)
