"""Danish analysis for retrieval: the index's view of the language layer.

How Danish is read (tokens, stems, compounds, word classes, synonyms, spelling) is
krampe.lang.da's; this module builds it over one index: compound splitting and typo
correction are driven by the index vocabulary, and the synonyms an article declares
itself ("vanddrivende midler (diuretika)") are learned at index time and added to the
layer's groups.

Stop and question words are dropped or weakened here for retrieval only; triage reads
every word and never loses negations.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from krampe.knowledge.settings import search_settings
from krampe.lang.da import CONTENT, DETAIL, QUESTION, STOP, WEAK, Danish, danish
from krampe.lang.da.memo import Lru
from krampe.policy import get_policy

__all__ = ["CONTENT", "DETAIL", "QUESTION", "STOP", "WEAK", "Analyzer", "Token",
           "declared_synonyms", "tokenize"]

# "X (Y)": an article declaring a synonym; Y is one to three words.
_PAREN = re.compile(r"\(\s*([a-zæøå][a-zæøå -]{1,40}?)\s*\)", re.IGNORECASE)
_QUOTES = "\"'„“”«»‘’"
_PLAIN = re.compile(r"[a-zæøåäöü][a-zæøåäöü-]*")


def synonym_groups(lang: Danish) -> list[list[str]]:
    """The layer's synonym groups; the policy's four-digit out-of-hours codes join the
    groups of search.yaml's `out_of_hours_groups` words: people search for the number,
    but only the policy writes it."""
    groups = lang.lexicon.groups()
    words = search_settings().out_of_hours_groups
    for word in words:
        if not any(word in group for group in groups):
            raise ValueError(f"out_of_hours_groups: no synonym group has {word!r}")
    if not words:
        return groups
    # Four-digit codes only: a number written in pairs is four tokens, not one search word.
    numbers = [r.number for r in get_policy().regions() if " " not in r.number]
    return [[*g, *(n for n in numbers if n not in g)] if any(w in g for w in words) else g
            for g in groups]


def tokenize(text: str) -> list[str]:
    """Search's words of a text (krampe.lang.da: lower case, no accents, no punctuation)."""
    return danish().tokenizer.words(text)


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
        lang: Danish = danish()
        self.lang = lang
        self._words = lang.tokenizer.words
        self._stem = lang.lemmas.stem
        self._kind = lang.classes.kind
        # Per word, the most recently used (a long-running server meets new words).
        self._cache: Lru[str, Token] = Lru(500_000)
        self._respelt: Lru[tuple[str, bool], str] = Lru(100_000)
        self._surface_set = set(self.surface_vocab)
        self._splitter = lang.splitter(self.known)  # adds the layer's compound parts
        # A compound of words only the lexicon store knows ("fodbold" in "fodboldtræning",
        # "kinin" in "kininpræparater"), when the index's words do not split it; a word
        # the store lists itself keeps its own meaning.
        self._store_words = lang.lexicon.words()
        store = {self._stem(w) for w in self._store_words if len(w) >= 4 and w.isalpha()}
        self._store_splitter = lang.splitter(self.known | store)
        self._single: dict[str, set[str]] = {}
        self._phrases: dict[tuple[str, ...], set[str]] = {}
        for group in [*synonym_groups(lang), *self.declared]:
            self._add_group(group)
        self._max_phrase = max((len(p) for p in self._phrases), default=1)
        # Words that open a new clause: a phrase never spans one.
        self._clause_starts = frozenset(lang.cues.words("clause_starts"))
        self._phrase_starts = {p[0] for p in self._phrases}
        # Words the layer knows, for respelling queries typed without æ/ø/å.
        self._lexicon_words = (set(lang.classes.listed) | set(lang.data.lemmas.lemmas)
                               | set(lang.data.compounds.parts) | lang.lexicon.words())
        # Swapped letters are also undone in the layer's own words ("ntyter", "hjlæpe"),
        # which a question uses whether or not the corpus does.
        self._corrector = lang.corrector("search", self.surface_vocab,
                                         swap_extra=self._lexicon_words)
        self._reversed: list[str] | None = None  # the corpus words reversed, for heads
        self._patterns: list[tuple[str, str]] | None = None
        # A stem's inflections, for finding it as a compound's head.
        self._inflections = tuple(sorted({"e", "s", *lang.data.compounds.endings}))

    # -- basic pieces -------------------------------------------------------------
    def stem(self, word: str) -> str:
        return self._stem(word)

    def kind(self, word: str) -> str:
        return self._kind(word)

    def _add_group(self, group: list[str]) -> None:
        concept = "~" + "_".join(self._stems(self._words(group[0])))
        for member in group:
            words = self._words(member)
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
    def split(self, word: str) -> tuple[str, ...]:
        """Stems of a compound's parts (lægkramper -> læg, kramp), or () if not one."""
        parts = self._splitter.split(word)
        if parts or word in self._store_words:
            return parts
        return self._store_splitter.split(word)

    # -- tokens -----------------------------------------------------------------------
    def token(self, word: str) -> Token:
        cached = self._cache.get(word)
        if cached is not None:
            self._cache.move_to_end(word)
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
        self._cache.put(word, tok)
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

    def respell(self, word: str, plain_text: bool = True) -> str:
        """A query word written without æ/ø/å ("naar", "gore", "laeggen") as the word the
        layer or the index knows; unchanged when it is known or nothing fits. In a text
        that has æ, ø or å (`plain_text` False) a real word is what was meant: "bor" is
        not "bør" where the writer types ø elsewhere."""
        key = (word, plain_text)
        done = self._respelt.get(key)
        if done is None:
            done = self._respell(word, plain_text)
            self._respelt.put(key, done)
        else:
            self._respelt.move_to_end(key)
        return done

    def _respell(self, word: str, plain_text: bool) -> str:
        known = self._lexicon_words
        if word in known or word in self._surface_set or word.isdigit():
            return word
        norm = self.lang.norm
        variants = norm.ascii_variants(word)
        for variant in variants[1:]:
            if variant in known or variant in self._surface_set:
                return variant
        if not self.lang.is_word(word):
            # An everyday word neither the layer nor the corpus holds ("saette": sætte).
            for variant in variants[1:]:
                if self.lang.is_word(variant):
                    return variant
        if not plain_text and self.lang.is_word(word):
            return word
        for variant in variants:
            for candidate in norm.letter_variants(variant):
                if candidate in known or candidate in self._surface_set:
                    return candidate
        return word

    def analyse(self, text: str, query: bool = False) -> list[Token]:
        """Tokens of a text (stop words dropped), with phrase synonyms attached. A query's
        words written without æ/ø/å are respelt first."""
        words = self._words(text)
        if query:
            plain = not self.lang.norm.has_danish_letters(text)
            words = [self.respell(w, plain) for w in words]
        tokens = [self.token(w) for w in words]
        at = [i for i, t in enumerate(tokens) if t.kind != STOP]
        kept = [tokens[i] for i in at]
        breaks = self._clause_starts
        for last, first, concepts in self._phrase_spans([t.stem for t in kept]):
            if any(w in breaks for w in words[at[first] + 1:at[last]]):
                continue  # "krampe, at tæerne peger nedad" is no "krampe i tæerne"
            # The phrase's other words ("trækker" in "trækker sig sammen", "mangel" in
            # "mangel på væske", "medicin" in "medicin mod depression") mean the phrase,
            # not themselves: unless the phrase is one of their own concepts, they become
            # weak, so they neither rank nor gate on their own.
            for i in range(first, last):
                tok = kept[i]
                if tok.kind == CONTENT and not set(tok.concepts) & concepts:
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

    # -- queries: modifiers of the corpus's compounds -----------------------------------
    def modifier_of(self, word: str) -> list[str]:
        """Corpus compounds a word unknown to the index is the modifier of: "kinin" in
        "kininpræparater", "astma" in "astmamidler", "trappen" (its ending dropped) in
        "trappetrin". The rest must be a word that can stand as a compound's head (after
        a linking letter), so "kin" finds nothing."""
        found = self._modifier_of(word)
        for ending in self.lang.data.compounds.endings:
            if found:
                break
            if word.endswith(ending) and len(word) - len(ending) >= 5:
                found = self._modifier_of(word[: -len(ending)])
        return found

    def _head(self, word: str) -> bool:
        """A compound's head: a part the index or the layer knows, or a real word."""
        return len(word) >= 4 and (self._splitter.part(word) is not None
                                   or self.lang.is_word(word))

    def _modifier_of(self, word: str) -> list[str]:
        if len(word) < 4 or not word.isalpha():
            return []
        vocab = self.surface_vocab
        found: list[str] = []
        i = bisect_left(vocab, word)
        while i < len(vocab) and vocab[i].startswith(word) and len(found) < 8:
            rest = vocab[i][len(word):]
            heads = [rest] + [rest[len(link):] for link in self.lang.data.compounds.linking
                              if rest.startswith(link)]
            if any(self._head(h) for h in heads):
                found.append(vocab[i])
            i += 1
        return found

    def split_unknown_modifier(self, word: str) -> tuple[list[str], str] | None:
        """A compound whose head the index knows and whose modifier only its compounds
        hold ("astmamedicin": astma as in "astmamidler", medicin): (modifier's corpus
        compounds, head word), or None."""
        if len(word) < 8 or not word.isalpha() or self._splitter.is_whole(word):
            return None
        for i in range(len(word) - 4, 3, -1):  # the longest known head first
            head = word[i:]
            if not self._splitter.part(head):
                continue
            left = word[:i]
            lefts = [left] + [left[: -len(link)] for link in self.lang.data.compounds.linking
                              if left.endswith(link) and len(left) > len(link) + 3]
            for candidate in lefts:
                found = self.modifier_of(candidate)
                if found:
                    return found, head
        return None

    def head_of(self, word: str) -> list[str]:
        """Corpus compounds a word unknown to the index is the head of: "rande" in
        "saltrande", "randen" in "saltrande" too (any inflection of the stem). What comes
        before must be a part the index or the layer knows, or a real word (after a
        linking letter), so "and" finds no "hand" and "rand" no "brand"."""
        stem = self.stem(word)
        if len(stem) < 4 or not word.isalpha():
            return []
        if self._reversed is None:
            self._reversed = sorted(w[::-1] for w in self.surface_vocab)
        rev_vocab = self._reversed
        found: list[str] = []
        for ending in ("", *self._inflections):
            key = (stem + ending)[::-1]
            i = bisect_left(rev_vocab, key)
            while i < len(rev_vocab) and rev_vocab[i].startswith(key) and len(found) < 8:
                whole = rev_vocab[i][::-1]
                rest = whole[: -len(key)]
                lefts = [rest] + [rest[: -len(link)] for link in self.lang.data.compounds.linking
                                  if rest.endswith(link)]
                if whole not in found and any(len(m) >= 3 and self._modifier(m) for m in lefts):
                    found.append(whole)
                i += 1
        return found

    def _modifier(self, word: str) -> bool:
        """A compound's first part: a part the index or the layer knows, or a real word."""
        return self._splitter.part(word) is not None or self.lang.is_word(word)

    def known_modifier(self, word: str) -> tuple[list[str], str] | None:
        """A compound whose head is a real word the index lacks and whose modifier begins
        corpus compounds ("astmaspray": astma as in "astmamedicin"): (those compounds, the
        head), or None. Such a compound shares only its modifier with them."""
        if len(word) < 8 or not word.isalpha() or self._splitter.is_whole(word):
            return None
        for i in range(len(word) - 4, 3, -1):  # the longest head first
            head = word[i:]
            if not self.lang.is_word(head) or head in self.lang.data.compounds.non_parts:
                continue
            left = word[:i]
            lefts = [left] + [left[: -len(link)] for link in self.lang.data.compounds.linking
                              if left.endswith(link) and len(left) > len(link) + 3]
            for candidate in lefts:
                if not self.lang.is_word(candidate) and self._splitter.part(candidate) is None:
                    continue
                found = self.modifier_of(candidate)
                if found:
                    return found, head
        return None

    def pattern_concepts(self, word: str) -> list[str]:
        """Concepts of the lexicon store whose word patterns match a word ("astmaspray" by
        "astmaspray*"), as index concept terms."""
        if self._patterns is None:
            self._patterns = []
            for forms in self.lang.lexicon.concepts.values():
                words = [f for f in forms if "*" not in f]
                if not words:
                    continue
                concept = "~" + "_".join(self._stems(self._words(words[0])))
                for form in forms:
                    if form.count("*") == 1 and " " not in form and len(form) >= 5:
                        self._patterns.append((form, concept))
        found: list[str] = []
        for form, concept in self._patterns:
            core = form.strip("*")
            hit = word.startswith(core) if form.endswith("*") else word.endswith(core)
            if hit and concept not in found:
                found.append(concept)
        return found

    def known_head(self, word: str) -> str | None:
        """The head of a compound whose head the index knows and whose modifier is a real
        word it lacks ("busrejse": rejse), or None."""
        if len(word) < 8 or not word.isalpha() or self._splitter.is_whole(word):
            return None
        for i in range(3, len(word) - 3):  # the longest head first
            head = word[i:]
            if self._splitter.part(head) is None:
                continue
            left = word[:i]
            lefts = [left] + [left[: -len(link)] for link in self.lang.data.compounds.linking
                              if left.endswith(link) and len(left) > len(link) + 2]
            if any(len(m) >= 3 and self.lang.is_word(m) for m in lefts):
                return head
        return None

    # -- queries: typos and spellings ------------------------------------------------
    def correct(self, word: str) -> tuple[str, float] | None:
        """A corpus word for an unknown query word (ascii spelling, then typo), or None."""
        return self._corrector.correct(word)


def declared_synonyms(text: str) -> list[list[str]]:
    """Synonym pairs an article declares: "en blodprop (DVT)", "nogle vanddrivende
    midler (diuretika)", "rastløse ben (restless legs)".

    Parentheses also explain ("efter kort hvile (claudicatio)", "mod knæet
    (dorsalfleksion)"), so a one-word name counts only after a determiner or a clause
    boundary, and never after a preposition.
    """
    words = danish().data.words
    stop, prepositions = set(words.stop_words), set(words.prepositions)
    determiners, generic_heads = set(words.determiners), set(words.generic_heads)
    pairs: list[list[str]] = []
    for paren in _PAREN.finditer(text):
        inner = paren[1].strip().lower()
        inner_words = inner.replace("-", " ").split()
        if not 1 <= len(inner_words) <= 3 or any(w in stop for w in inner_words):
            continue
        raw = text[max(0, paren.start() - 80):paren.start()].lower().split()
        # A quoted word names the thing itself: "vindueskiggersyge" (claudicatio
        # intermittens); the quotes are no part of it.
        quoted = bool(raw) and raw[-1][:1] in _QUOTES and raw[-1][-1:] in _QUOTES
        if quoted:
            raw[-1] = raw[-1].strip(_QUOTES)
            raw.insert(-1, ",")  # a boundary before it
        take = 1 if quoted else len(inner_words)
        if take == 1 and len(raw) >= 2 and raw[-1] in generic_heads:
            take = 2  # "vanddrivende midler (diuretika)": the phrase names it
        if len(raw) < take:
            continue
        outer_words, before = raw[-take:], (raw[-take - 1] if len(raw) > take else "")
        if not all(_PLAIN.fullmatch(w) for w in outer_words):
            continue
        if any(w in stop or w in prepositions for w in outer_words):
            continue
        before_word = before.strip(",.;:!?()")
        if before_word in prepositions:
            continue
        boundary = not before or before[-1] in ",.;:!?(" or before_word in determiners
        if len(inner_words) == 1 and not boundary:
            continue
        outer = " ".join(outer_words)
        if outer != inner:
            pairs.append([inner, outer])
    return pairs
