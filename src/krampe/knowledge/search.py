"""Ranking and the "not covered" gate over an Index.

Ranking: BM25F over analysed terms; each query word scores the best of its
alternatives (the word, its synonym concepts, a typo correction) and its compound
parts; the top candidates are re-ranked by how much of the question they cover.

Gate: a question is answered only when the best passage covers enough of the
question's informative words, weighted by IDF (rare words are what a question is
about; unknown words weigh like the rarest). Question words and generic verbs do not
count. A lower bar applies when the passage's article is about a word of the question
(title match), and words that mark another domain (feberkramper, influenza ...) must be
covered literally. Thresholds live in data/search.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from krampe.knowledge.acute import asks_relief, is_acute
from krampe.knowledge.asks import mismatch as asks_mismatch
from krampe.knowledge.danish import CONTENT, DETAIL, QUESTION, STOP, WEAK, Token, tokenize
from krampe.knowledge.index import DICE_MINOR, Index
from krampe.knowledge.settings import search_settings
from krampe.lang.da import danish, zipf

Alt = tuple[int, float]  # (term id, weight)
_BRACKETS = re.compile(r"(\w+)?\s*\(([^()]{1,60})\)")
# A single letter joined to a word by a hyphen: "B-vitamin", "D-vitamin".
_VARIANT_LETTER = re.compile(r"(?<!\w)([^\W\d_])-(\w+)")



@dataclass
class QueryWord:
    surface: str
    kind: str
    confidence: float
    full: list[Alt]
    parts: list[list[Alt]]
    importance: float = 0.0
    other_domain: bool = False
    marker_concepts: tuple[str, ...] = ()  # the other-domain phrases it ends
    remedy: bool = False  # the treatment the question asks about
    story: bool = False  # in a sentence told before or around the question itself
    expansion: bool = False  # added for an acute question: ranks, never gates

    @property
    def known(self) -> bool:
        return bool(self.full) or any(self.parts)


@dataclass
class Hit:
    passage: int
    score: float
    coverage: float


@dataclass
class SearchOutcome:
    answered: bool
    hits: list[Hit] = field(default_factory=list)
    coverage: float = 0.0
    on_topic: bool = False
    reason: str = ""
    words: list[QueryWord] = field(default_factory=list)
    semantic: bool = False  # the semantic stage reordered the answers (see _uncertain)
    # Asked during a cramp now (knowledge.acute.is_acute): found once, for the ranking
    # and for the ask result.
    acute: bool = False


def _alts(index: Index, stem: str, concepts: tuple[str, ...], concept_w: float) -> list[Alt]:
    alts: list[Alt] = []
    if (term := index.vocab.get(stem)) is not None:
        alts.append((term, 1.0))
    for concept in concepts:
        if (term := index.vocab.get(concept)) is not None:
            alts.append((term, concept_w))
    return alts


def _word(index: Index, tok: Token, confidence: float = 1.0) -> QueryWord:
    concept_w = search_settings().query.concept
    full = _alts(index, tok.stem, tok.concepts, concept_w)
    parts = [
        _alts(index, part, concepts, concept_w)
        for part, concepts in zip(tok.parts, tok.part_concepts, strict=False)
    ]
    return QueryWord(tok.surface, tok.kind, confidence, full, parts)


def _as_modifier(index: Index, tok: Token, word: QueryWord) -> QueryWord:
    """A word the index lacks may be the modifier of its compounds ("kinin" in
    "kininpræparater"), or a compound whose modifier only they hold ("astmamedicin" beside
    "astmamidler"): it matches those compounds a little less than itself."""
    analyzer = index.analyzer
    concept_w = search_settings().query.concept

    def alts_of(words: list[str]) -> list[Alt]:
        found: dict[int, float] = {}
        for surface in words:
            for term, weight in _word(index, analyzer.token(surface)).full:
                found[term] = max(found.get(term, 0.0), weight * concept_w)
        return list(found.items())

    compounds = analyzer.modifier_of(tok.surface) or analyzer.head_of(tok.surface)
    if compounds:
        # "kinin" begins "kininpræparater"; "rande" ends "saltrande", a kind of rande.
        return QueryWord(tok.surface, tok.kind, word.confidence, alts_of(compounds), [])
    split = analyzer.split_unknown_modifier(tok.surface)
    if split is None:
        head_credit = search_settings().gate.head_credit
        # "busrejse" is a kind of "rejse": its head matches, as a compound's head does.
        head_word = analyzer.known_head(tok.surface)
        if head_word is not None:
            alts = [(t, w * head_credit)
                    for t, w in _word(index, analyzer.token(head_word)).full]
            if alts:
                return QueryWord(tok.surface, tok.kind, word.confidence, alts, [])
        # "astmaspray" beside "astmamedicin": only the modifier is shared, so it counts
        # like a shared head.
        shared = analyzer.known_modifier(tok.surface)
        if shared is not None:
            alts = [(t, w * head_credit / concept_w) for t, w in alts_of(shared[0])]
            return QueryWord(tok.surface, tok.kind, word.confidence, alts, [])
        return word
    modifier = alts_of(split[0])
    head = _word(index, analyzer.token(split[1])).full
    if not modifier or not head:
        return word
    return QueryWord(tok.surface, tok.kind, word.confidence, [], [modifier, head])


def _derived(index: Index, tok: Token) -> QueryWord | None:
    """A word the index lacks whose derivation it holds ("opereres" beside "operation",
    "svømmer" beside "svømning", "behandlingen" beside "behandles"): the search stems
    joined by the derivational endings of search.yaml `derivation`. Matched a little less
    than the word itself, like a synonym."""
    cfg = search_settings()
    concept_w = cfg.query.concept
    stem, vocab = tok.stem, index.vocab
    found: list[int] = []
    removed_only = cfg.derivation.removed_only
    for suffix in [*cfg.derivation.suffixes, *removed_only]:
        if suffix not in removed_only and (term := vocab.get(stem + suffix)) is not None:
            found.append(term)
        base = stem[: -len(suffix)]
        if stem.endswith(suffix) and len(base) >= cfg.derivation.min_base \
                and (term := vocab.get(base)) is not None:
            found.append(term)
    if not found:
        return None
    alts = [(t, concept_w) for t in dict.fromkeys(found)]
    return QueryWord(tok.surface, tok.kind, 1.0, alts, [])


def _by_pattern(index: Index, tok: Token, word: QueryWord) -> QueryWord:
    """A word nothing else matched, in a concept of the lexicon store by one of its word
    patterns ("astmaspray" by "astmaspray*"): matched like a synonym."""
    concept_w = search_settings().query.concept
    found = [t for c in index.analyzer.pattern_concepts(tok.surface)
             if (t := index.vocab.get(c)) is not None]
    if not found:
        return word
    return QueryWord(tok.surface, tok.kind, word.confidence, [(t, concept_w) for t in found], [])


def _acute_words(index: Index, names: list[str] | None = None) -> list[QueryWord]:
    """Asked during a cramp now: what the acute steps say (search.yaml `acute.expand`,
    concepts of the lexicon store) ranks, so the steps beat an explanation that merely
    shares the question's words. Other `names` expand other questions the same way."""
    lang = index.analyzer.lang
    words: list[QueryWord] = []
    for name in search_settings().acute.expand if names is None else names:
        head = lang.lexicon.forms(name)[0]
        tokens = index.analyzer.analyse(head)
        concepts = tokens[-1].concepts if tokens else ()
        alts = [(t, 1.0) for c in concepts if (t := index.vocab.get(c)) is not None]
        if alts:
            words.append(QueryWord(head, CONTENT, 1.0, alts, [], expansion=True))
    return words


def _ranking_only(index: Index) -> frozenset[str]:
    """Concepts whose words rank but never gate (search.yaml `gate.ranking_only`); once
    per index, not once per query word."""
    found = index.derived.get("ranking_only")
    if found is None:
        analyzer = index.analyzer
        concepts: set[str] = set()
        for name in search_settings().gate.ranking_only:
            head = analyzer.lang.lexicon.forms(name)[0]
            concepts.update(analyzer.token(head).concepts)
        found = index.derived["ranking_only"] = frozenset(concepts)
    return found


def remedy_words(words: list[str]) -> set[str]:
    """Words in the places where a question names a treatment (see search.yaml)."""
    cfg = search_settings().gate.remedy
    found: set[str] = set()
    for i, word in enumerate(words):
        if word in cfg.before and i > 0:
            found.add(words[i - 1])
        if word in cfg.verbs:
            j = i + 1
            while j < len(words) and words[j] in cfg.skip:
                j += 1
            if j < len(words):
                found.add(words[j])
            found.update(_subject_of(words, i))
    return found - set(cfg.advice)


def _subject_of(words: list[str], verb: int) -> list[str]:
    """The treatment named as the subject of a verb of helping, after a modal: "kan
    botox-sprøjter hjælpe", "vil en varmepude virke" (a few words at most)."""
    cfg = search_settings().gate.remedy
    start = verb - 1
    while start >= 0 and verb - start <= 4 and words[start] not in cfg.modals:
        start -= 1
    if start < 0 or words[start] not in cfg.modals:
        return []
    return [w for w in words[start + 1:verb] if w not in cfg.skip]


def analyse_question(index: Index, question: str,
                     acute: bool | None = None) -> list[QueryWord]:
    cfg = search_settings()
    analyzer = index.analyzer
    markers = index.markers
    unknown_idf = float(index.idf.max()) * cfg.gate.unknown_weight if index.idf.size else 1.0
    words: list[QueryWord] = []
    spelled: dict[str, str] = {}  # typo -> corpus word, so "hæjlper mod" reads "hjælper"
    variant_letters = _variant_letters(index, question)
    names = _names(analyzer, question)
    relatives = set(analyzer.lang.cues.words("relatives"))
    for tok, story in _sentence_tokens(analyzer, question):
        word = _word(index, tok)
        if tok.kind == CONTENT and not word.known:
            word = _derived(index, tok) or word
        word.story = story
        if tok.kind == CONTENT and not word.full and not all(word.parts or [[]]):
            fixed = analyzer.correct(tok.surface)
            if fixed is not None:
                corrected = analyzer.analyse(fixed[0])
                if corrected and corrected[0].kind not in (CONTENT, DETAIL):
                    # A misspelt generic word ("ntyter" for nytter) is that word.
                    word = _word(index, corrected[0], fixed[1])
                    word.surface, word.kind = tok.surface, corrected[0].kind
                    spelled[tok.surface] = fixed[0]
                elif corrected:
                    candidate = _word(index, corrected[0], fixed[1])
                    if candidate.known:
                        spelled[tok.surface] = fixed[0]
                        candidate.surface, candidate.kind = tok.surface, tok.kind
                        if corrected[0].kind != CONTENT:
                            candidate.kind = corrected[0].kind
                        word = candidate
        if tok.kind == CONTENT and not word.known:
            word = _as_modifier(index, tok, word)
        if tok.kind == CONTENT and not word.known:
            word = _by_pattern(index, tok, word)
        word.other_domain = (tok.stem in markers or any(p in markers for p in tok.parts)
                             or any(c in markers for c in tok.concepts))
        word.marker_concepts = tuple(c for c in tok.concepts if c in markers)
        if tok.kind == CONTENT and tok.surface in variant_letters and not word.known:
            # A letter naming a variant ("B-vitamin", "D-vitamin") the knowledge base
            # never names: answered only where the text names that letter too.
            word.other_domain = True
        word.importance = _importance(index, word, unknown_idf)
        if word.story and not word.other_domain:
            word.importance *= cfg.gate.story
        if tok.kind == CONTENT and not word.known and tok.surface in names:
            word.importance *= cfg.gate.name
        if tok.kind == DETAIL and tok.surface in relatives:
            # "min mor", "far vil ikke ...": whom the question is about, not what; it
            # ranks like a word of a story, so a passage naming a mother does not win.
            word.story = True
        if tok.kind == CONTENT and set(tok.concepts) & _ranking_only(index):
            word.expansion = True  # "er det farligt ...": asks about the rest
        words.append(word)
    if asks_relief(question, acute):
        words.extend(_acute_words(index))
    elif any(w.expansion for w in words):
        # "Er det farligt?" is answered by when to see a doctor.
        words.extend(_acute_words(index, cfg.gate.ranking_only_expand))
    plain = not analyzer.lang.norm.has_danish_letters(question)
    raw = [analyzer.respell(w, plain) for w in tokenize(question)]
    # "sover på maven", "ligger på ryggen": a body part after a preposition of position
    # says how one lies, not where the trouble is.
    placed = {raw[i + 1] for i, w in enumerate(raw[:-1]) if w in cfg.gate.position_words}
    for word in words:
        if word.other_domain and not word.marker_concepts and word.surface in placed:
            word.other_domain = False
    remedies = remedy_words([spelled.get(w, w) for w in raw])
    for word in words:
        word.remedy = word.kind == CONTENT and spelled.get(word.surface, word.surface) in remedies
    return words


_WORD = re.compile(r"[^\W\d_][\w-]*")


def _names(analyzer, question: str) -> set[str]:
    """Words written with a capital inside a sentence, not in capitals throughout
    ("Netto", "Mallorca"; not "DVT", not "HJÆLP NU"): proper names, lower-cased."""
    found: set[str] = set()
    for sentence in analyzer.lang.tokenizer.sentences(question):
        words = _WORD.findall(sentence)
        found.update(w.lower() for w in words[1:] if w[0].isupper() and not w.isupper())
    return found


def _variant_letters(index: Index, question: str) -> set[str]:
    """Letters naming a variant of something the knowledge base speaks of ("E-vitamin");
    a letter before a word it never uses ("t-shirt") names no variant of anything here."""
    letters = set()
    for letter, rest in _VARIANT_LETTER.findall(question):
        toks = index.analyzer.analyse(rest)
        if toks and _word(index, toks[0]).known:
            letters.add(letter.lower())
    return letters


def _sentence_tokens(analyzer, question: str) -> list[tuple[Token, bool]]:
    """The question's tokens, each marked when it belongs to a story sentence: one that
    is not itself a question while another sentence is ("Jeg sidder ned hele dagen.
    hvad er en krampe i læggen?"). A single sentence is never a story."""
    # The language layer's sentence ends, a lead-in colon among them ("Efter min løbetur
    # i går: hvordan ...").
    sentences = analyzer.lang.tokenizer.sentences(question)
    if len(sentences) < 2:
        return [(tok, False) for tok in analyzer.analyse(question, query=True)]
    asking = [_is_question(analyzer, s) for s in sentences]
    if not any(asking) or all(asking):
        return [(tok, False) for tok in analyzer.analyse(question, query=True)]
    marked = [(tok, not ask) for sentence, ask in zip(sentences, asking, strict=True)
              for tok in analyzer.analyse(sentence, query=True)]
    if not any(tok.kind == CONTENT and not story for tok, story in marked) or any(
            _refers_back(s) for s, ask in zip(sentences, asking, strict=True) if ask):
        # "Jeg har ondt i skulderen. Hvad gør jeg?", "Jeg får krampe når jeg løber. Hvad
        # skyldes det?": the story says what is asked.
        return [(tok, False) for tok, _ in marked]
    return marked


def _refers_back(sentence: str) -> bool:
    """A pronoun pointing back at the story ("hvad skyldes det?"), not forward at an
    at-clause ("er det normalt at få krampe?")."""
    words = tokenize(sentence)
    back = danish().data.words.back_references
    return any(w in back and "at" not in words[i + 1:] for i, w in enumerate(words))


def _is_question(analyzer, sentence: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return True
    words = [w for w in tokenize(sentence) if analyzer.kind(w) != STOP or w == "hvis"]
    return bool(words) and analyzer.kind(words[0]) == QUESTION


def _importance(index: Index, word: QueryWord, unknown_idf: float) -> float:
    """How specific the word is: the IDF of its broadest match (unknown: the rarest)."""
    if word.full:
        specific = min(float(index.idf[t]) for t, _ in word.full)
        if word.parts and all(word.parts):  # lægkramper is as specific as læg + krampe
            specific = min(specific, sum(max(float(index.idf[t]) for t, _ in alts)
                                         for alts in word.parts))
        return specific
    if word.parts:
        return max(
            min(float(index.idf[t]) for t, _ in alts) if alts else unknown_idf
            for alts in word.parts
        )
    return unknown_idf * _common_share(index, word.surface)


def _common_share(index: Index, surface: str) -> float:
    """The share an unknown word keeps: less the more common it is in everyday Danish
    (written without æ/ø/å too: "saette" is "sætte")."""
    cfg = search_settings().gate.common_unknown
    level = max(zipf(v) for v in index.analyzer.lang.norm.ascii_variants(surface.lower()))
    if level < cfg.zipf_from:
        level = max(level, _compound_level(index, surface.lower()))
    if level <= cfg.zipf_from:
        return 1.0
    span = max(cfg.zipf_to - cfg.zipf_from, 1e-9)
    return max(cfg.floor, 1.0 - (1.0 - cfg.floor) * (level - cfg.zipf_from) / span)


def _compound_level(index: Index, word: str) -> float:
    """How common a compound of two everyday words is, rare in word lists as compounds
    are ("telefonnummeret": telefon + nummeret): its rarer part's Zipf level; 0 when it
    is no such compound ("fibersprængning" keeps the rarity of "sprængning")."""
    lang = index.analyzer.lang
    if len(word) < 8 or not word.isalpha():
        return 0.0
    best = 0.0
    for i in range(len(word) - 4, 3, -1):
        right = word[i:]
        if right in lang.data.compounds.non_parts or not lang.is_word(right):
            continue
        left = word[:i]
        for candidate in [left] + [left[: -len(link)] for link in lang.data.compounds.linking
                                   if left.endswith(link) and len(left) > len(link) + 3]:
            if lang.is_word(candidate):
                best = max(best, min(zipf(candidate), zipf(right)))
    return best


def _weigh_for_topic(index: Index, informative: list[QueryWord]) -> None:
    """On-topic questions (they name what the knowledge base is about, e.g. krampe):
    the topic words count as real evidence and words the index has never seen are
    more likely story details ("min mor på 75 ...") than the question's subject."""
    gate = search_settings().gate
    topical = [w for w in informative if any(t in index.topic_terms for t in _terms(w))]
    if not topical or any(w.other_domain for w in informative):
        return
    # The topic counts once, however many of its words the question uses ("krampe i
    # læggen" is one topic, not two pieces of evidence against an unknown treatment).
    for word in topical:
        word.importance = max(word.importance, gate.topic_floor / len(topical))
    for word in informative:
        if not word.known:
            word.importance *= gate.unknown_weight_on_topic


def _best_of(index: Index, alts: list[Alt], n: int) -> np.ndarray:
    scores = np.zeros(n, dtype=np.float32)
    for term, weight in alts:
        docs, impacts = index.postings(term)
        values = impacts * (weight * index.idf[term])
        if len(alts) == 1:
            scores[docs] = values
        else:
            scores[docs] = np.maximum(scores[docs], values)
    return scores


def score(index: Index, words: list[QueryWord]) -> np.ndarray:
    q = search_settings().query
    kind_weight = {CONTENT: q.content, DETAIL: q.content, WEAK: q.weak, QUESTION: q.question}
    total = np.zeros(index.size, dtype=np.float32)
    for word in words:
        weight = kind_weight.get(word.kind, 0.0) * word.confidence
        if word.expansion:
            weight = search_settings().acute.weight
        if word.story:
            weight *= q.story
        if weight <= 0:
            continue
        full = _compound_capped(index, word)
        if len(full) == 1 and not (word.parts and all(word.parts)):
            # One term (most words): its postings go straight into the total, without a
            # dense array per word (the same sums, over the postings only).
            docs, impacts = index.postings(full[0][0])
            total[docs] += weight * (impacts * (full[0][1] * index.idf[full[0][0]]))
            continue
        word_scores = _best_of(index, full, index.size) if full else None
        if word.parts and all(word.parts):
            # "lægkramper" and "krampe i læggen" say the same: the word scores the
            # better of its literal match and its parts matched one by one.
            # Danish compounds are right-headed: blodtryksmedicin is a kind of medicin.
            n = len(word.parts)
            shares = ([1.0 - q.head_share / (n - 1)] * (n - 1) + [1.0 + q.head_share]
                      if n > 1 else [1.0])
            parts = np.sum([share * _best_of(index, alts, index.size)
                            for share, alts in zip(shares, word.parts, strict=True)], axis=0)
            parts *= q.part * n
            word_scores = parts if word_scores is None else np.maximum(word_scores, parts)
        if word_scores is not None:
            total += weight * word_scores
    return total


def _compound_capped(index: Index, word: QueryWord) -> list[Alt]:
    """A compound is no more specific than its parts together: cap the literal match's
    IDF at the sum of the parts' IDF (a rare spelling is not rarer meaning)."""
    if not word.parts or not all(word.parts) or not word.full:
        return word.full
    cap = sum(max(float(index.idf[t]) for t, _ in alts) for alts in word.parts)
    return [(t, w * min(1.0, cap / max(float(index.idf[t]), 1e-9))) for t, w in word.full]


class _Coverage:
    """Per candidate passage: credit of each informative word (0..1), vectorised."""

    def __init__(self, index: Index, words: list[QueryWord], candidates: np.ndarray):
        self.index = index
        self.candidates = candidates
        self.articles = index.article_of[candidates]
        self._spans = index.article_spans(self.articles)
        self._article_list: list[int] | None = None
        self._in_passage: dict[int, np.ndarray] = {}
        self._in_article: dict[int, np.ndarray] = {}
        self._in_body: dict[int, np.ndarray] = {}

    def _look_up(self, term: int) -> None:
        """Whether each candidate holds the term, and in its own text: one search of
        the term's postings answers both."""
        index = self.index
        start, end = int(index.indptr[term]), int(index.indptr[term + 1])
        docs = index.docs[start:end]
        if docs.size == 0:
            self._in_passage[term] = self._in_body[term] = np.zeros(self.candidates.shape,
                                                                    dtype=bool)
            return
        pos = np.minimum(docs.searchsorted(self.candidates), docs.size - 1)
        found = docs[pos] == self.candidates
        self._in_passage[term] = found
        self._in_body[term] = found & index.in_body[start:end][pos]

    def _passage_has(self, term: int) -> np.ndarray:
        if term not in self._in_passage:
            self._look_up(term)
        return self._in_passage[term]

    def _article_has(self, term: int) -> np.ndarray:
        if term not in self._in_article:
            self._in_article[term] = self.index.in_articles(term, self.articles, self._spans)
        return self._in_article[term]

    def _body_has(self, term: int) -> np.ndarray:
        if term not in self._in_body:
            self._look_up(term)
        return self._in_body[term]

    def _credit(self, alts: list[Alt], where) -> np.ndarray:
        credit = np.zeros(self.candidates.shape, dtype=np.float32)
        for term, weight in alts:
            credit = np.maximum(credit, where(term) * weight)
        return credit

    def word_credit(self, word: QueryWord, where) -> np.ndarray:
        credit = self._credit(word.full, where)
        if word.parts:
            # A compound names one specific thing: its parts cover it only together,
            # and a little less than the word itself would.
            gate = search_settings().gate
            each = [self._credit(alts, where) for alts in word.parts]
            credit = np.maximum(credit, np.min(each, axis=0) * gate.parts_credit)
            # Danish compounds are right-headed: blodtryksmedicin is medicin, so a
            # passage about medicine covers part of it.
            if len(each) > 1:
                credit = np.maximum(credit, each[-1] * gate.head_credit)
        return credit * word.confidence

    def credits(self, word: QueryWord, article_credit: float) -> tuple[np.ndarray, np.ndarray]:
        """(credit in the passage itself, credit counting the rest of its article)."""
        own = self.word_credit(word, self._passage_has)
        elsewhere = self.word_credit(word, self._article_has) * article_credit
        return own, np.maximum(own, elsewhere)

    def on_topic(self, word: QueryWord, own: np.ndarray) -> np.ndarray:
        """Per candidate: the word is what the knowledge base, or the candidate's own
        article (a word of its title), is about, and the passage has it."""
        terms = _terms(word)
        if any(t in self.index.topic_terms for t in terms):
            return own > 0
        topics = self.index.article_topics
        if self._article_list is None:  # the candidates' articles, once per question
            self._article_list = self.articles.tolist()
        titled = {a: not topics[a].isdisjoint(terms) for a in set(self._article_list)}
        return (own > 0) & np.fromiter(map(titled.__getitem__, self._article_list), dtype=bool,
                                       count=len(self._article_list))

    def heading_dice(self, words: list[QueryWord]) -> np.ndarray:
        """IDF-weighted Dice overlap of the question with each candidate's section heading.

        Matching "krampe" in a heading of a cramp corpus says little; matching "hvad er"
        or "magnesium" says what the section answers. A word matched only through a
        compound part or a synonym counts that alternative's (lower) weight.
        """
        idf = self.index.idf
        part_w = search_settings().query.part
        per_word: list[list[tuple[int, float]]] = []
        q_total = 0.0
        for word in words:
            factor = 1.0 if word.kind == CONTENT else DICE_MINOR
            if word.story:
                factor *= search_settings().query.story
            values = [(t, float(idf[t]) * w * factor) for t, w in word.full]
            values += [(t, float(idf[t]) * w * factor * part_w)
                       for alts in word.parts for t, w in alts]
            if values:
                per_word.append(values)
                q_total += max(v for _, v in values)
        sections = self.index.section_of[self.candidates]
        matched = np.zeros(self.candidates.shape, dtype=np.float32)
        if per_word:
            terms = [t for values in per_word for t, _ in values]
            has = self.index.headings_have(terms, sections)  # one row per (word, term)
            weighted = has * np.asarray([v for values in per_word for _, v in values])[:, None]
            starts = np.cumsum([0] + [len(values) for values in per_word[:-1]])
            for best in np.maximum.reduceat(weighted, starts, axis=0):
                matched += best  # word by word, as the sum always was
        h_total = self.index.heading_weight[sections]
        return 2 * matched / np.maximum(q_total + h_total, 1e-9)


def _semantic_order(index: Index, candidates: np.ndarray, final: np.ndarray, floor: float,
                    query_vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The passages the lexical ranking would show, reordered by their cosine with the
    question: final * exp(weight * (cos - best cos)). The others are not shown."""
    assert index.embeddings is not None
    shown = final >= floor
    cos = index.embeddings[candidates[shown]].astype(np.float32) @ query_vector
    weight = search_settings().semantic.weight
    reranked = np.zeros(final.shape, dtype=np.float32)
    reranked[shown] = final[shown] * np.exp(weight * (cos - cos.max()))
    order = np.argsort(-reranked, kind="stable")
    return order[: int(shown.sum())], reranked


def _uncertain(final: np.ndarray, floor: float, shown: np.ndarray) -> bool:
    """The lexical ranking is uncertain of its first answer: another passage it would show
    scores at least `semantic.margin` of the first. Below that the reordering cannot change
    the first answer unless the other passage's cosine beats the first's by ln(1 / margin)
    / weight (0.024 at 0.7 and 15), a gap the regression sets never saw it bridge; so the
    query is not encoded at all (about 20 ms a question)."""
    scores = np.sort(final[shown & (final >= floor)])[::-1]
    return scores.size >= 2 and scores[1] >= search_settings().semantic.margin * scores[0]


def _asks_definition(question: str) -> bool:
    """The question asks what something is: "hvad" and a defining verb first."""
    words = tokenize(question)
    verbs = danish().cues.words("definition_verbs")
    return len(words) >= 3 and words[0] == "hvad" and words[1] in verbs


def _explained(index: Index, passages: np.ndarray, opens: np.ndarray,
               word: QueryWord) -> bool:
    """Some leading passage explains the word: it opens by defining it, names it in
    brackets ("indersiden af lårene (ridebukseanæstesi)", "vanddrivende midler
    (diuretika)"), or its heading or its article's title holds it."""
    if opens.any() or _opens_with(index, passages, [word], any_sentence=True).any():
        return True
    # The word itself or a synonym; a compound's parts only all together (a title on
    # "blodprop" does not explain "blodsukker").
    wanted = [{t for t, _ in word.full}] if word.full else [{t for t, _ in alts}
                                                             for alts in word.parts]
    analyzer = index.analyzer
    for passage in passages.tolist():
        article = int(index.article_of[passage])
        around = [index.article_titles[article],
                  index.section_headings[int(index.section_of[passage])] or "",
                  *_bracketed(index.texts[passage])]
        for text in around:
            found: set[int | None] = set()
            for tok in analyzer.analyse(text):
                found |= {index.vocab.get(tok.stem), *(index.vocab.get(c) for c in tok.concepts),
                          *(index.vocab.get(p) for p in tok.parts)}
            if wanted and all(found & terms for terms in wanted):
                return True
    return False


def _bracketed(text: str) -> list[str]:
    """What brackets name in a text, and the word just before each: "(diuretika)",
    "midler (diuretika)"."""
    out: list[str] = []
    for match in _BRACKETS.finditer(text):
        out.append(match[2])
        if match[1]:
            out.append(match[1])
    return out


def _opens_with(index: Index, candidates: np.ndarray, words: list[QueryWord],
                any_sentence: bool = False) -> np.ndarray:
    """Per candidate: its opening clause defines what the question names: it holds every
    informative word, one of them within two words of a defining verb ("Iskias er
    betegnelsen for", "... kaldes dyb venetrombose"). With `any_sentence`, the opening
    clause of any of its sentences ("En tørvægt, der er sat for lavt. Tørvægten er den
    vægt ...")."""
    out = np.zeros(candidates.shape, dtype=bool)
    if not words:
        return out
    wanted = [set(_terms(w)) for w in words]
    for i, passage in enumerate(candidates.tolist()):
        openings = _openings(index, passage)
        out[i] = any(_defines(opening, wanted)
                     for opening in (openings if any_sentence else openings[:1]))
    return out


# Per sentence of a passage, its opening clause: the terms of each word (with the synonym
# phrases it ends) and where a defining verb stands.
_Opening = tuple[tuple[frozenset[int], ...], tuple[int, ...]]
_MAX_OPENINGS = 50_000  # passages remembered per index (a long-running server)


def _openings(index: Index, passage: int) -> tuple[_Opening, ...]:
    """The opening clauses of a passage's sentences, analysed once per passage: they
    depend on the passage alone, not on the question."""
    memo = index.derived.setdefault("openings", {})
    found = memo.get(passage)
    if found is not None:
        return found
    lang = danish()
    verbs = set(lang.cues.words("definition_verbs"))
    analyzer = index.analyzer
    vocab = index.vocab
    out: list[_Opening] = []
    for sentence in lang.tokenizer.sentences(index.texts[passage]):
        clauses = lang.tokenizer.clauses(sentence)
        clause = clauses[0] if clauses else []
        hits: list[set[int]] = []
        for word in clause:
            tok = analyzer.token(word)
            hits.append({t for t in (vocab.get(tok.stem), *(vocab.get(c) for c in tok.concepts),
                                     *(vocab.get(p) for p in tok.parts)) if t is not None})
        for last, concepts in analyzer.phrase_concepts([analyzer.stem(w) for w in clause]):
            hits[last].update(t for c in concepts if (t := vocab.get(c)) is not None)
        out.append((tuple(frozenset(h) for h in hits),
                    tuple(j for j, word in enumerate(clause) if word in verbs)))
    if len(memo) >= _MAX_OPENINGS:
        memo.clear()
    found = memo[passage] = tuple(out)
    return found


def _defines(opening: _Opening, wanted: list[set[int]]) -> bool:
    """The sentence's opening clause holds every word, one of them within two words of a
    defining verb."""
    hits, verbs_at = opening
    matched = [any(terms & want for want in wanted) for terms in hits]
    if not all(any(terms & want for terms in hits) for want in wanted):
        return False
    return any(any(matched[max(0, j - 2):j + 3]) for j in verbs_at)


def _lead_alone(lead: np.ndarray, coverage: np.ndarray) -> np.ndarray:
    """Per candidate: a lead passage covering more of the question than every passage
    that is no lead (no section explains what it says)."""
    if not lead.any():
        return np.zeros(lead.shape, dtype=bool)
    best = float(coverage[~lead].max()) if (~lead).any() else 0.0
    return lead & (coverage > best + search_settings().query.lead_margin)


def _terms(word: QueryWord) -> list[int]:
    return [t for t, _ in word.full] + [t for alts in word.parts for t, _ in alts]


def search(index: Index, question: str, top: int = 5,
           query_vector: Callable[[], np.ndarray] | None = None) -> SearchOutcome:
    """Rank, gate and pick the answers; `query_vector` (the semantic stage) is called
    only for a question that passes the gate and whose first answer is uncertain."""
    cfg = search_settings()
    acute = is_acute(question)
    words = analyse_question(index, question, acute)
    informative = [w for w in words if w.kind == CONTENT and not w.expansion]
    if index.size == 0 or not informative:
        return SearchOutcome(False, reason="no informative words", words=words, acute=acute)
    _weigh_for_topic(index, informative)
    scores = score(index, words)
    k = min(cfg.query.candidates, index.size)
    candidates = np.argpartition(-scores, k - 1)[:k] if k < index.size else np.arange(index.size)
    candidates = candidates[scores[candidates] > 0]
    if candidates.size == 0:
        return SearchOutcome(False, reason="no match", words=words, acute=acute)
    candidates = np.sort(candidates)  # ascending, for the postings look-ups

    cov = _Coverage(index, informative, candidates)
    weights = np.asarray([w.importance for w in informative], dtype=np.float32)
    covered = np.zeros(candidates.shape, dtype=np.float32)
    topic = np.zeros(candidates.shape, dtype=bool)
    marker_missing = np.zeros(candidates.shape, dtype=bool)
    for word, weight in zip(informative, weights, strict=True):
        own, wider = cov.credits(word, cfg.gate.article_credit)
        covered += weight * wider
        topic |= cov.on_topic(word, own)
        if word.other_domain:  # must be there literally, not through its parts
            marked = [index.vocab.get(c) for c in word.marker_concepts]
            if marked:  # a phrase ("blodprop i hjertet"): the passage must say it
                alts = [(t, 1.0) for t in marked if t is not None]
            else:
                alts = [alt for alt in word.full if alt[1] == 1.0]
            marker_missing |= cov._credit(alts, cov._passage_has) < 1.0
    coverage = covered / max(float(weights.sum()), 1e-9)
    # A passage none of whose own words answer (only its heading or title matched) is
    # never an answer: a heading alone says nothing.
    in_body = np.zeros(candidates.shape, dtype=bool)
    for word in informative:
        in_body |= cov.word_credit(word, cov._body_has) > 0

    mix = cfg.query.coverage_mix
    dice = cov.heading_dice([w for w in words if w.known and not w.expansion])
    final = scores[candidates] * (1 - mix + mix * coverage)
    final *= 1 + cfg.query.heading_boost * dice
    sections = index.section_of
    first = (candidates == 0) | (sections[candidates] != sections[np.maximum(candidates - 1, 0)])
    lead = index.lead[candidates]
    opens = np.zeros(candidates.shape, dtype=bool)
    definition = _asks_definition(question)
    if definition:
        # "Hvad er iskias?": the passage that opens by naming it defines it (often the
        # lead: "Iskias er betegnelsen for ...").
        opens = _opens_with(index, candidates, informative)
        final *= np.where(opens, 1 + cfg.query.definition_boost, 1.0)
        lead &= ~opens
    # The gate asks whether any of the leading passages covers the question; the lead
    # counts there as any passage (what it says is in the knowledge base).
    relevance = final * np.where(first, 1 + cfg.query.first_in_section_boost, 1.0)
    final *= np.where(first & ~lead, 1 + cfg.query.first_in_section_boost, 1.0)
    if cfg.query.asks is not None:
        # A heading that asks another kind of question ("Hvorfor ...?" for "hvad kan jeg
        # gøre ...?") says nothing of whether its section answers: no heading boost there.
        # Ranking only: the gate above keeps it.
        final /= np.where(asks_mismatch(index, question, sections[candidates]),
                          1 + cfg.query.heading_boost * dice, 1.0)
    # The lead mentions everything the article goes on to explain: the section that
    # explains it answers better, where one covers the question as well. A lead that
    # says more of the question than any section is where the answer is.
    lead &= ~_lead_alone(lead, coverage * in_body)
    final *= np.where(lead, cfg.query.lead, 1.0)
    final *= np.where(in_body, 1.0, cfg.query.no_body)
    order = np.argsort(-final, kind="stable")
    by_relevance = np.argsort(-np.where(in_body, relevance, 0.0), kind="stable")
    leading = by_relevance[: max(top, 3)]
    if in_body[leading].any():
        leading = leading[in_body[leading]]
    # The leading passage that clears its own bar by the most: one on its article's topic
    # needs less of the question than one that is not.
    bars = np.where(topic, cfg.gate.min_coverage_on_topic, cfg.gate.min_coverage)
    gate_at = leading[np.argmax((coverage - bars)[leading])]
    threshold = float(bars[gate_at])
    outcome = SearchOutcome(False, coverage=float(coverage[gate_at]),
                            on_topic=bool(topic[gate_at]), words=words, acute=acute)
    if marker_missing[gate_at]:
        outcome.reason = "question is about another domain"
        return outcome
    for word in informative:
        if not word.remedy:
            continue
        if not word.full and not (word.parts and all(word.parts)):
            outcome.reason = f"treatment not in the knowledge base: {word.surface}"
            return outcome
        if cov.credits(word, 1.0)[1][gate_at] <= 0:
            outcome.reason = f"treatment not in the answering article: {word.surface}"
            return outcome
    if coverage[gate_at] < threshold:
        outcome.reason = f"coverage {coverage[gate_at]:.2f} < {threshold:.2f}"
        return outcome
    if definition and len(informative) == 1 and not _explained(
            index, candidates[leading], opens[leading], informative[0]):
        # "Hvad er et normalt kolesteroltal?" over an article that only mentions it: the
        # knowledge base names the thing but never says what it is.
        outcome.reason = f"mentioned but never explained: {informative[0].surface}"
        return outcome
    outcome.answered = True
    floor = final[order[0]] * cfg.answers.min_ratio
    if (query_vector is not None and index.embeddings is not None
            and _uncertain(final, floor, in_body)):
        order, final = _semantic_order(index, candidates, final, floor, query_vector())
        floor = 0.0  # the lexical floor already chose which passages may be shown
        outcome.semantic = True
    per_section: dict[int, int] = {}
    for i in order:
        if final[i] < floor or len(outcome.hits) >= top:
            break
        if not in_body[i]:
            continue
        section = int(index.section_of[candidates[i]])
        if per_section.get(section, 0) >= cfg.answers.max_per_section:
            continue  # variety: the next best section may answer a different reading
        per_section[section] = per_section.get(section, 0) + 1
        outcome.hits.append(Hit(int(candidates[i]), float(final[i]), float(coverage[i])))
    return outcome
