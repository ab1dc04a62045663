"""Danish analysis for retrieval: tokens, stems, compounds, synonyms, typos.

Everything language-specific is data (data/danish.yaml). The analyser is built per
index: compound splitting and typo correction are driven by the index vocabulary, and
the synonyms an article declares itself ("vanddrivende midler (diuretika)") are learned
at index time and added to the lexicon's groups.

Stop and question words are handled here for retrieval only; triage has its own
pipeline and never loses negations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import Stemmer
import yaml
from pydantic import BaseModel, field_validator
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from krampe.policy import get_policy

_DATA = Path(__file__).resolve().parent / "data" / "danish.yaml"
_WORD = re.compile(r"[0-9a-zæøåäöüéèáàóíúñ]+", re.IGNORECASE)
# "X (Y)": an article declaring a synonym; Y is one to three words.
_PAREN = re.compile(r"\(\s*([a-zæøå][a-zæøå -]{1,40}?)\s*\)", re.IGNORECASE)
_BEFORE = re.compile(r"((?:[a-zæøå-]+\s+){0,2}[a-zæøå-]+)\s*$", re.IGNORECASE)

_EL_END = re.compile(r"[^aeiouyæøå]el$")
_PLAIN = re.compile(r"[a-zæøåäöü][a-zæøåäöü-]*")

STOP, QUESTION, WEAK, CONTENT = "stop", "question", "weak", "content"
DETAIL = "detail"  # story details (mor, måned): ranked like content, not required by the gate


class FuzzyConfig(BaseModel):
    min_length: int = 5
    min_score: float = 80
    # Two neighbouring letters swapped ("krmape", "lgægen"): one OSA edit, which the
    # ratio above counts as two. Words shorter than this are too ambiguous to swap.
    transposition_min_length: int = 5


class Lexicon(BaseModel):
    stop_words: set[str]
    question_words: set[str]
    weak_words: set[str]
    detail_words: set[str] = set()
    filler_words: set[str] = set()
    forms: dict[str, str]
    linking: list[str]
    compound_words: list[str]
    synonyms: list[list[str]]
    generic_heads: set[str] = set()
    non_parts: set[str] = set()
    prepositions: set[str] = set()
    determiners: set[str] = set()
    fuzzy: FuzzyConfig
    ascii_folds: dict[str, str]
    # One-letter spellings without æ/ø/å (gore -> gøre, hvornar -> hvornår).
    ascii_letters: dict[str, list[str]] = {}
    # A member of the synonym group that the policy's four-digit out-of-hours codes
    # join: people search for the number, but only the policy writes it.
    out_of_hours_group: str | None = None

    @field_validator("synonyms")
    @classmethod
    def _groups(cls, value: list[list[str]]) -> list[list[str]]:
        for group in value:
            if len(group) < 2:
                raise ValueError(f"a synonym group needs two members: {group}")
        return [[str(member).lower() for member in group] for group in value]

    @field_validator("stop_words", "question_words", "weak_words", "detail_words",
                     "filler_words")
    @classmethod
    def _lower(cls, value: set[str]) -> set[str]:
        return {str(word).lower() for word in value}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    return _with_policy_numbers(
        Lexicon.model_validate(yaml.safe_load(_DATA.read_text(encoding="utf-8")))
    )


def _with_policy_numbers(lex: Lexicon) -> Lexicon:
    word = lex.out_of_hours_group
    if word is None:
        return lex
    if not any(word in group for group in lex.synonyms):
        raise ValueError(f"out_of_hours_group: no synonym group has {word!r}")
    # Four-digit codes only: a number written in pairs is four tokens, not one search word.
    numbers = [r.number for r in get_policy().regions() if " " not in r.number]
    groups = [[*g, *(n for n in numbers if n not in g)] if word in g else g
              for g in lex.synonyms]
    return lex.model_copy(update={"synonyms": groups})


# Accents Danish writes only sometimes (massér, idé, allé); æ, ø, å stay.
_ACCENTS = str.maketrans("éèêáàâóòôíìîúùû", "eeeaaaoooiiiuuu")


_ACCENTED = re.compile("[éèêáàâóòôíìîúùû]")


def tokenize(text: str) -> list[str]:
    low = text.lower()
    if _ACCENTED.search(low):  # rare; str.translate is slow on every text
        low = low.translate(_ACCENTS)
    return _WORD.findall(low)


@dataclass(slots=True)
class Token:
    surface: str
    stem: str
    kind: str  # STOP, QUESTION, WEAK or CONTENT
    parts: tuple[str, ...] = ()  # compound part stems, e.g. lægkramper -> (læg, kramp)
    concepts: tuple[str, ...] = ()  # synonym concepts of the whole word
    part_concepts: tuple[tuple[str, ...], ...] = ()  # concepts of each part
    # Set on query tokens that were corrected (typo or ascii spelling): similarity 0-1.
    confidence: float = 1.0
    original: str | None = None


@dataclass
class Analyzer:
    """The analysis of one index: its vocabulary drives compounds and typo correction."""

    known: set[str] = field(default_factory=set)  # stems usable as compound parts
    surface_vocab: list[str] = field(default_factory=list)  # corpus words, for typos
    declared: list[list[str]] = field(default_factory=list)  # learned "X (Y)" groups

    def __post_init__(self) -> None:
        lex = lexicon()
        self._lex = lex
        self._stemmer = Stemmer.Stemmer("danish")
        self._cache: dict[str, Token] = {}
        self._corrections: dict[str, tuple[str, float] | None] = {}
        self._surface_set = set(self.surface_vocab)
        for word in lex.compound_words:
            self.known.add(self.stem(word))
        self._short_parts = {w for w in lex.compound_words if len(w) < 4}
        self._single: dict[str, set[str]] = {}
        self._phrases: dict[tuple[str, ...], set[str]] = {}
        for group in [*lex.synonyms, *self.declared]:
            self._add_group(group)
        self._max_phrase = max((len(p) for p in self._phrases), default=1)
        self._phrase_starts = {p[0] for p in self._phrases}
        # Words the lexicon knows, for respelling queries typed without æ/ø/å.
        self._lexicon_words = {*lex.stop_words, *lex.question_words, *lex.weak_words,
                               *lex.detail_words, *lex.filler_words, *lex.forms,
                               *lex.compound_words}
        self._lexicon_words |= {m for group in lex.synonyms for m in group if " " not in m}
        # Swapped letters are also undone in the lexicon's own words ("ntyter", "hjlæpe"),
        # which a question uses whether or not the corpus does.
        self._swap_vocab = sorted(self._surface_set | {
            w for w in self._lexicon_words
            if len(w) >= lex.fuzzy.transposition_min_length and w.isalpha()})

    # -- basic pieces -------------------------------------------------------------
    def stem(self, word: str) -> str:
        form = self._lex.forms.get(word)
        if form is not None:
            return form
        stem = self._stemmer.stemWord(word)
        # muskel/muskler, artikel/artikler: the stemmer keeps the -el of the singular.
        if len(stem) >= 5 and _EL_END.search(stem):
            stem = stem[:-2] + "l"
        return stem

    def kind(self, word: str) -> str:
        if word.isdigit():
            return WEAK  # ages, dates, counts: details, not what a question is about
        if word in self._lex.question_words:
            return QUESTION
        if word in self._lex.stop_words or word in self._lex.filler_words:
            return STOP
        if word in self._lex.weak_words:
            return WEAK
        if word in self._lex.detail_words:
            return DETAIL
        return CONTENT

    def _add_group(self, group: list[str]) -> None:
        concept = "~" + "_".join(self._stems(tokenize(group[0])))
        for member in group:
            words = tokenize(member)
            stems = tuple(self._stems(words))
            # "på benene" must not make every "ben" a synonym of "stå".
            if not stems or (len(stems) == 1 and len(words) > 1):
                continue
            if len(stems) == 1:
                self._single.setdefault(stems[0], set()).add(concept)
            else:
                self._phrases.setdefault(stems, set()).add(concept)

    def _stems(self, words: Iterable[str]) -> list[str]:
        return [self.stem(w) for w in words if self.kind(w) != STOP]

    # -- compounds ------------------------------------------------------------------
    def _is_part(self, word: str) -> str | None:
        if len(word) < 3 or self.kind(word) == STOP or word in self._lex.non_parts:
            return None
        if len(word) < 4 and word not in self._short_parts:
            return None  # "ser", "tag": too short to trust unless the lexicon says so
        stem = self.stem(word)
        if len(stem) < 3 or stem not in self.known or stem in self._lex.stop_words:
            return None
        return stem

    def split(self, word: str, depth: int = 0) -> tuple[str, ...]:
        """Stems of a compound's parts (lægkramper -> læg, kramp), or () if not one."""
        if len(word) < 6 or depth > 2 or not word.isalpha():
            return ()
        best: tuple[str, ...] = ()
        for i in range(len(word) - 3, 2, -1):  # shortest known head (right part) first
            left, right = word[:i], word[i:]
            right_stem = self._is_part(right)
            if right_stem is None:
                continue
            lefts = [left] + [left[: -len(link)] for link in self._lex.linking
                              if left.endswith(link) and len(left) > len(link) + 2]
            for candidate in lefts:
                left_stem = self._is_part(candidate)
                # The modifier may be a compound itself: blodtryk-s-medicin.
                inner = self.split(candidate, depth + 1)
                if left_stem is None and not inner:
                    continue
                left_parts = inner or (left_stem,)
                right_parts = self.split(right, depth + 1) or (right_stem,)
                best = (*left_parts, *right_parts)
                break
            if best:
                break
        return best

    # -- tokens -----------------------------------------------------------------------
    def token(self, word: str) -> Token:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        kind = self.kind(word)
        stem = self.stem(word)
        parts: tuple[str, ...] = ()
        concepts = tuple(sorted(self._single.get(stem, ())))
        part_concepts: tuple[tuple[str, ...], ...] = ()
        if kind == CONTENT:
            parts = tuple(p for p in self.split(word) if p != stem)
            part_concepts = tuple(tuple(sorted(self._single.get(p, ()))) for p in parts)
        tok = Token(word, stem, kind, parts, concepts, part_concepts)
        if len(self._cache) < 500_000:
            self._cache[word] = tok
        return tok

    def phrase_concepts(self, stems: list[str]) -> list[tuple[int, set[str]]]:
        """(index of the phrase's last word, concepts) for synonym phrases in stems."""
        found: list[tuple[int, set[str]]] = []
        starts = self._phrase_starts
        for i, stem in enumerate(stems):
            if stem not in starts:
                continue
            for n in range(2, min(self._max_phrase, len(stems) - i) + 1):
                concepts = self._phrases.get(tuple(stems[i:i + n]))
                if concepts:
                    found.append((i + n - 1, concepts))
        return found

    def _phrase_spans(self, stems: list[str]) -> list[tuple[int, int, set[str]]]:
        """(last index, first index, concepts) of the synonym phrases in stems."""
        found: list[tuple[int, int, set[str]]] = []
        for i, stem in enumerate(stems):
            if stem not in self._phrase_starts:
                continue
            for n in range(2, min(self._max_phrase, len(stems) - i) + 1):
                concepts = self._phrases.get(tuple(stems[i:i + n]))
                if concepts:
                    found.append((i + n - 1, i, concepts))
        return found

    def respell(self, word: str) -> str:
        """A query word written without æ/ø/å ("naar", "gore", "laeggen") as the word the
        lexicon or the index knows; unchanged when it is known or nothing fits."""
        known = self._lexicon_words
        if word in known or word in self._surface_set or word.isdigit():
            return word
        variants = [word]
        for plain, letter in self._lex.ascii_folds.items():
            variants += [v.replace(plain, letter) for v in variants if plain in v]
        for variant in variants[1:]:
            if variant in known or variant in self._surface_set:
                return variant
        for variant in variants:
            for i, char in enumerate(variant):
                for letter in self._lex.ascii_letters.get(char, ()):
                    candidate = variant[:i] + letter + variant[i + 1:]
                    if candidate in known or candidate in self._surface_set:
                        return candidate
        return word

    def analyse(self, text: str, query: bool = False) -> list[Token]:
        """Tokens of a text (stop words dropped), with phrase synonyms attached. A query's
        words written without æ/ø/å are respelt first."""
        words = tokenize(text)
        if query:
            words = [self.respell(w) for w in words]
        tokens = [self.token(w) for w in words]
        kept = [t for t in tokens if t.kind != STOP]
        for last, first, concepts in self._phrase_spans([t.stem for t in kept]):
            # The phrase's other words ("trækker" in "trækker sig sammen", "mangel" in
            # "mangel på væske") mean the phrase, not themselves: without a concept of
            # their own they become weak, so they neither rank nor gate on their own.
            for i in range(first, last):
                tok = kept[i]
                if tok.kind == CONTENT and not tok.concepts:
                    kept[i] = Token(tok.surface, tok.stem, WEAK, tok.parts, tok.concepts,
                                    tok.part_concepts, tok.confidence, tok.original)
            head = kept[last]
            # A phrase ("hvor lang tid") carries meaning its words lack. A head without
            # a concept of its own stands only for the phrase: "sammen" in "trækker sig
            # sammen" must not match "samme" (the stemmer conflates them).
            stem = head.stem if head.concepts else ""
            kept[last] = Token(head.surface, stem, CONTENT, head.parts,
                               tuple(sorted({*head.concepts, *concepts})), head.part_concepts,
                               head.confidence, head.original)
        return kept

    # -- queries: typos and spellings ------------------------------------------------
    def correct(self, word: str) -> tuple[str, float] | None:
        """A corpus word for an unknown query word (ascii spelling, then typo), or None."""
        if word in self._corrections:
            return self._corrections[word]
        found = self._correct(word)
        if len(self._corrections) < 100_000:
            self._corrections[word] = found
        return found

    def _correct(self, word: str) -> tuple[str, float] | None:
        for plain, letter in self._lex.ascii_folds.items():
            if plain in word:
                folded = word.replace(plain, letter)
                if folded in self._surface_set:
                    return folded, 1.0
        fuzzy = self._lex.fuzzy
        if len(word) < fuzzy.min_length or not self.surface_vocab:
            return None
        found = process.extractOne(word, self.surface_vocab, scorer=fuzz.ratio,
                                   score_cutoff=fuzzy.min_score)
        if found is not None:
            return found[0], found[1] / 100.0
        if len(word) < fuzzy.transposition_min_length:
            return None
        # One edit that the ratio scores as two: a swapped pair of letters.
        letters = sorted(word)
        swaps = [cand for cand, _, _ in process.extract(
            word, self._swap_vocab, scorer=OSA.distance, score_cutoff=1, limit=None)
            if sorted(cand) == letters]  # the same letters: a swap, not another edit
        if not swaps:
            return None
        # A word the corpus uses is the likelier reading.
        swapped = min(swaps, key=lambda cand: (cand not in self._surface_set, cand))
        return swapped, OSA.normalized_similarity(word, swapped)


def declared_synonyms(text: str) -> list[list[str]]:
    """Synonym pairs an article declares: "en blodprop (DVT)", "nogle vanddrivende
    midler (diuretika)", "rastløse ben (restless legs)".

    Parentheses also explain ("efter kort hvile (claudicatio)", "mod knæet
    (dorsalfleksion)"), so a one-word name counts only after a determiner or a clause
    boundary, and never after a preposition.
    """
    lex = lexicon()
    pairs: list[list[str]] = []
    for paren in _PAREN.finditer(text):
        inner = paren[1].strip().lower()
        inner_words = inner.replace("-", " ").split()
        if not 1 <= len(inner_words) <= 3 or any(w in lex.stop_words for w in inner_words):
            continue
        raw = text[max(0, paren.start() - 80):paren.start()].lower().split()
        take = len(inner_words)
        if take == 1 and len(raw) >= 2 and raw[-1] in lex.generic_heads:
            take = 2  # "vanddrivende midler (diuretika)": the phrase names it
        if len(raw) < take:
            continue
        outer_words, before = raw[-take:], (raw[-take - 1] if len(raw) > take else "")
        if not all(_PLAIN.fullmatch(w) for w in outer_words):
            continue
        if any(w in lex.stop_words or w in lex.prepositions for w in outer_words):
            continue
        before_word = before.strip(",.;:!?()")
        if before_word in lex.prepositions:
            continue
        boundary = not before or before[-1] in ",.;:!?(" or before_word in lex.determiners
        if len(inner_words) == 1 and not boundary:
            continue
        outer = " ".join(outer_words)
        if outer != inner:
            pairs.append([inner, outer])
    return pairs
