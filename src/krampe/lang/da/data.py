"""The layer's data files (data/*.yaml): pydantic models, loading and the checks.

Everything is checked on load: no list repeats an entry, the five weighting classes are
exclusive, structural lists share a word only where `overlaps` says why, a word stands in
two lexicon concepts only where `shared` says why, and cue and concept names are unique
(they are one `@name` namespace). A bad file is a LanguageDataError, never a silent gap.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from krampe.datafile import read_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's safe loader where PyYAML has it: every process that reads Danish loads these.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LanguageDataError(ValueError):
    """A data file of the language layer is invalid (raised on load): a developer's
    error, like a bad rule file, so not a user-facing KrampeError."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _no_repeats(where: str, values: Iterable[str]) -> None:
    repeated = sorted(w for w, n in Counter(values).items() if n > 1)
    if repeated:
        raise ValueError(f"{where} repeats {repeated}")


def _lower(values: list[str]) -> list[str]:
    return [str(v).lower() for v in values]


def _check_overlaps(lists: dict[str, list[str]], allowed: dict[str, list[str]],
                    what: str) -> None:
    """Each word in two or more of `lists` must be named in `allowed` with exactly those."""
    seen: dict[str, set[str]] = {}
    for name, words in lists.items():
        for word in words:
            seen.setdefault(word, set()).add(name)
    for word, names in sorted(seen.items()):
        if len(names) > 1 and set(allowed.get(word, ())) != names:
            raise ValueError(f"{word!r} is in {sorted(names)}: {what}")
    for word, listed in allowed.items():
        if seen.get(word, set()) != set(listed):
            raise ValueError(f"overlap listed for {word!r} does not hold ({listed})")


WEIGHT_CLASSES = ("stop_words", "filler_words", "question_words", "weak_words", "detail_words")
STRUCTURAL = ("prepositions", "determiners", "generic_heads", "back_references", "first_person")


class WordsFile(_Strict):
    stop_words: list[str]
    filler_words: list[str]
    question_words: list[str]
    weak_words: list[str]
    detail_words: list[str]
    prepositions: list[str]
    determiners: list[str]
    generic_heads: list[str]
    back_references: list[str]
    first_person: list[str]
    overlaps: dict[str, list[str]] = {}

    @model_validator(mode="after")
    def _checks(self) -> WordsFile:
        for name in (*WEIGHT_CLASSES, *STRUCTURAL):
            _no_repeats(f"words.yaml {name}", getattr(self, name))
            if any(w != w.lower() or not w for w in getattr(self, name)):
                raise ValueError(f"words.yaml {name}: entries are lower case words")
        _check_overlaps({n: getattr(self, n) for n in WEIGHT_CLASSES}, {},
                        "the weighting classes are exclusive")
        return self


class CompoundsFile(_Strict):
    linking: list[str] = Field(min_length=1)
    parts: list[str] = Field(min_length=1)
    non_parts: list[str]
    # Inflectional endings a noun drops as a compound's modifier (trappen -> trappetrin).
    endings: list[str] = []
    # Compounds read whole: never split, never matched by their head or modifier.
    whole: list[str] = []
    overlaps: dict[str, list[str]] = {}


class LemmasFile(_Strict):
    lemmas: dict[str, str]


class Profile(_Strict):
    """How one user of the corrector corrects (see spelling.yaml `profiles`)."""

    min_length: int = Field(ge=3)
    # search: rapidfuzz ratio (0-100) over every target; triage: edit distance
    min_score: float | None = Field(default=None, ge=0, le=100)
    max_distance_short: int | None = Field(default=None, ge=0, le=2)
    max_distance_long: int | None = Field(default=None, ge=0, le=3)
    long_from: int = 8
    same_first_letter: bool = False
    # Swapped neighbours ("krmape") for words at least this long; None: not tried.
    transposition_min_length: int | None = None
    protect_known: bool = False

    @model_validator(mode="after")
    def _one_measure(self) -> Profile:
        by_ratio = self.min_score is not None
        by_distance = self.max_distance_short is not None and self.max_distance_long is not None
        if by_ratio == by_distance:
            raise ValueError("a profile sets min_score or both max_distance_* (not both)")
        return self


class Known(_Strict):
    min_zipf: float = Field(ge=0, le=8)


_PLAIN = str.maketrans({"å": "a", "ø": "o", "æ": "e"})
_STRIPPED = str.maketrans({"å": "a", "ø": "o", "æ": "a"})


class SpellingFile(_Strict):
    ascii_folds: dict[str, str]
    ascii_letters: dict[str, list[str]]
    # short words typed without æ/ø/å, read so only in a text without æ, ø and å
    ascii_short: dict[str, str] = {}
    # real words that are also a sign word stripped of æ/ø/å, read so only in a cluster
    ascii_clustered: dict[str, str] = {}
    accents: dict[str, str]
    quotes: dict[str, str]
    spoken: dict[str, str]
    abbreviations: list[str]
    known: Known
    profiles: dict[str, Profile]

    @model_validator(mode="after")
    def _checks(self) -> SpellingFile:
        _no_repeats("spelling.yaml abbreviations", self.abbreviations)
        for table in (self.accents, self.quotes):
            if any(len(k) != 1 or len(v) != 1 for k, v in table.items()):
                raise ValueError("spelling.yaml: accents and quotes map one character to one")
        for plain, word in self.ascii_short.items():
            if word.translate(_PLAIN) != plain or plain == word:
                raise ValueError(f"spelling.yaml ascii_short: {plain!r} is not {word!r} "
                                 "typed without æ/ø/å")
        for plain, word in self.ascii_clustered.items():
            # autocorrect strips the letter to its base: æ -> a as well as e
            if plain not in {word.translate(_PLAIN), word.translate(_STRIPPED)} or plain == word:
                raise ValueError(f"spelling.yaml ascii_clustered: {plain!r} is not {word!r} "
                                 "stripped of æ/ø/å")
        for name in ("search", "triage"):
            if name not in self.profiles:
                raise ValueError(f"spelling.yaml: profile {name!r} is missing")
        return self


class Boundary(_Strict):
    form: str = Field(min_length=1)
    ends: Literal["sentence", "clause", "scope"]
    clause: bool = False  # a scope end that also splits clauses for the content checks


class CuesFile(_Strict):
    boundaries: list[Boundary] = Field(min_length=1)
    dictated: dict[str, str] = {}  # punctuation said aloud: word -> its mark
    words: dict[str, list[str]]

    @model_validator(mode="after")
    def _checks(self) -> CuesFile:
        _no_repeats("cues.yaml boundaries", [b.form for b in self.boundaries])
        if "scope_ends" in self.words:
            raise ValueError("cues.yaml: `scope_ends` is the boundary list's, not a word list")
        for name, words in self.words.items():
            _no_repeats(f"cues.yaml words.{name}", words)
            if any(" " in w or w != w.lower() for w in words):
                raise ValueError(f"cues.yaml words.{name}: one lower-case word per entry")
        marks = {b.form for b in self.boundaries if len(b.form) == 1}
        for word, mark in self.dictated.items():
            if mark not in marks or not word.isalpha() or word != word.lower():
                raise ValueError(f"cues.yaml dictated: {word!r} -> {mark!r} is no boundary mark")
        for b in self.boundaries:
            if b.ends == "sentence" and len(b.form) != 1:
                raise ValueError(f"cues.yaml: a sentence end is one character ({b.form!r})")
        return self


_FAMILY_NAME = re.compile(r"^[A-Z][A-Z_]*$")
_FAMILY_TOKEN = re.compile(r"^(?:(?:NUM|CLOCK)(?:[<>]=?\d+){0,2}|[^\sA-Z{}]+)$")


def _family_form(form: str) -> bool:
    """A whole `{FAMILY}` or `@concept`, or tokens in the rules' pattern syntax."""
    if re.fullmatch(r"\{[A-Z][A-Z_]*\}|@[a-z_]+", form):
        return True
    return bool(form) and form == form.strip() and all(
        _FAMILY_TOKEN.match(alt) for t in form.split(" ") for alt in t.split("|"))


class LexiconFile(_Strict):
    concepts: dict[str, list[str]]
    shared: dict[str, list[str]] = {}
    # Concept families for triage's constructions ({PAIN}, {BREATHE}): every form of one
    # idea, words and phrases, in the token-pattern syntax of the rules (`a|b`, `stem*`,
    # `~N`); a form may be a whole store concept (`@pain`) or another family (`{LEG}`).
    # Search does not read them (they are no synonym groups).
    families: dict[str, list[str]] = {}

    @model_validator(mode="after")
    def _checks(self) -> LexiconFile:
        for name, forms in self.concepts.items():
            if len(forms) < 2:
                raise ValueError(f"lexicon.yaml {name}: a concept needs two forms")
            _no_repeats(f"lexicon.yaml {name}", forms)
            for form in forms:
                if form != form.lower() or form.strip() != form or not form:
                    raise ValueError(f"lexicon.yaml {name}: {form!r} is not lower case")
                if "*" in form.strip("*") or form.strip("*") == "":
                    raise ValueError(f"lexicon.yaml {name}: bad pattern {form!r}")
            if "*" in forms[0]:
                raise ValueError(f"lexicon.yaml {name}: the head (first form) is no pattern")
        _check_overlaps(self.concepts, self.shared, "a word means one concept unless shared")
        for name, forms in self.families.items():
            if not _FAMILY_NAME.match(name):
                raise ValueError(f"lexicon.yaml families: {name!r} is not an upper-case name")
            _no_repeats(f"lexicon.yaml families.{name}", forms)
            for form in forms:
                if not _family_form(form):
                    raise ValueError(f"lexicon.yaml families.{name}: bad form {form!r}")
                ref = form[1:].strip("{}") if form[0] in "@{" else None
                if form.startswith("@") and ref not in self.concepts:
                    raise ValueError(f"lexicon.yaml families.{name}: unknown concept {form!r}")
                if form.startswith("{") and ref not in self.families:
                    raise ValueError(f"lexicon.yaml families.{name}: unknown family {form!r}")
        return self


class VariantsFile(_Strict):
    """Words as written that are not Danish spelling (Norwegian, Swedish, English, chat):
    each the Danish word a reader takes it for (data/variants.yaml)."""

    foreign_letters: dict[str, str]
    dialect_min_words: int = 2
    dialects: dict[str, dict[str, str]] = {}
    languages: dict[str, dict[str, str]]

    @model_validator(mode="after")
    def _checks(self) -> VariantsFile:
        if any(len(k) != 1 or len(v) != 1 for k, v in self.foreign_letters.items()):
            raise ValueError("variants.yaml: foreign_letters map one character to one")
        seen: dict[str, str] = {}
        if self.dialect_min_words < 1:
            raise ValueError("variants.yaml: dialect_min_words is at least 1")
        for lang, table in [*self.languages.items(), *self.dialects.items()]:
            for word, danish in table.items():
                for w in (word, danish):
                    if w != w.lower() or not w or not w.replace("-", "").isalpha():
                        raise ValueError(f"variants.yaml {lang}: {w!r} is not one lower-case word")
                if word == danish:
                    raise ValueError(f"variants.yaml {lang}: {word!r} maps to itself")
                if word in seen:
                    raise ValueError(f"variants.yaml: {word!r} is in {seen[word]} and {lang}")
                seen[word] = lang
        return self

    def table(self) -> dict[str, str]:
        """Every listed word -> its Danish word, all languages in one table."""
        return {w: d for table in self.languages.values() for w, d in table.items()}

    def dialect(self, words: set[str]) -> dict[str, str]:
        """The dialect forms to read in a text of these words: each dialect of which the
        text has at least `dialect_min_words` different words ({} for most texts); a
        dialect named as a language counts that language's words too ("zu viel Bier,
        glaube ich": "bier" is German only beside other German)."""
        active: dict[str, str] = {}
        for name, table in self.dialects.items():
            known = words.intersection(table) | words.intersection(self.languages.get(name, {}))
            if len(known) >= self.dialect_min_words:
                active.update(table)
        return active


class LanguageData(_Strict):
    words: WordsFile
    compounds: CompoundsFile
    lemmas: LemmasFile
    spelling: SpellingFile
    cues: CuesFile
    lexicon: LexiconFile
    variants: VariantsFile

    @model_validator(mode="after")
    def _across(self) -> LanguageData:
        structural = {n: getattr(self.words, n) for n in STRUCTURAL}
        structural["parts"] = self.compounds.parts
        structural["non_parts"] = self.compounds.non_parts
        _check_overlaps(structural, {**self.words.overlaps, **self.compounds.overlaps},
                        "structural lists overlap only where `overlaps` says why")
        clash = set(self.cues.words) & set(self.lexicon.concepts)
        if clash:
            raise ValueError(f"cue lists and concepts share names {sorted(clash)}")
        return self


FILES = {"words": WordsFile, "compounds": CompoundsFile, "lemmas": LemmasFile,
         "spelling": SpellingFile, "cues": CuesFile, "lexicon": LexiconFile,
         "variants": VariantsFile}


def load(directory: Path = DATA_DIR, **replace: Path) -> LanguageData:
    """Read and check every data file; `replace` names other files (lexicon=PATH)."""
    parts = {}
    for name in FILES:
        path = replace.get(name, directory / f"{name}.yaml")
        parts[name] = read_yaml(path, LanguageDataError, loader=_LOADER)
    try:
        return LanguageData.model_validate(parts)
    except (ValidationError, ValueError) as exc:
        raise LanguageDataError(f"Danish language data: {exc}") from exc


@lru_cache(maxsize=1)
def shipped() -> LanguageData:
    return load()


def files() -> list[Path]:
    """The shipped data files (cache keys of derived indexes include them)."""
    return sorted(DATA_DIR.glob("*.yaml"))
