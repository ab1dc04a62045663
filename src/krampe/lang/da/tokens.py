"""Tokens, sentences and clauses of Danish text.

Two views of one text: `words()` is the plain word list search indexes (letters and
digits, lower case, accents off); `tokenize()` keeps every token with its offsets and the
boundaries as punctuation tokens, so triage can show the exact words and no negation is
ever lost. Sentence and clause ends come from the one boundary list (data/cues.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from krampe.lang.da.data import CuesFile, SpellingFile
from krampe.lang.da.memo import Lru
from krampe.lang.da.normalise import Normaliser

_DANISH = frozenset("æøå")
_WORD = re.compile(r"[0-9a-zæøåäöüéèáàóíúñ]+")
# Chat writers end a sentence with an emoji instead of a full stop ("lite vann 🙈 Ingen
# hævelse"): a pictograph or dingbat before a capitalised word reads as a sentence end;
# before a lower-case one it is inside the sentence ("statiner 😬 nej vent", "Hej 🙂 kan I").
_EMOJI = "[\u2600-\u27bf\U0001f300-\U0001faff]+"
_EMOJI_RE = re.compile(_EMOJI)
# The longest line that runs on into the next in a message told in short lines.
_FRAGMENT_WORDS = 3
# A tick box of a symptom checker's list: "[ ] hævelse" (left empty: not there), "[x]
# hævelse" (ticked: there). Each box opens an item of its own, so no negation or finding
# reaches from one item into the next.
_BOX = r"\[[ \t]?\]|\[[xX✓✔*][ \t]?\]"
# A speaker's label opening a line of a transcript ("S: Er den hævet?", "P: Nej"): no
# word of what is said, so an answer opens its sentence and answers the question before.
_SPEAKER = r"(?m:^)[ \t]*[A-ZÆØÅ][a-zæøå]?:(?=[ \t])"
_EMPTY_BOX = re.compile(r"\[[ \t]?\]")
_FORMS_MEMO = 100_000  # words whose forms are remembered
_SPOKEN = re.compile(r"[^\W\d_]+'[^\W\d_]*")


@dataclass(slots=True)
class Token:
    text: str  # as written
    start: int  # character offsets in the input
    end: int
    forms: tuple[str, ...]  # as written, folded or spoken form, Danish variant, typo fix
    kind: str  # "word", "num" or "punct"


class Sentence(NamedTuple):
    start: int  # token indices, end exclusive
    end: int
    question: bool  # ended with "?"
    label: bool = False  # ended with ":" ("Hævelse: ingen.")


class Tokenizer:
    """Built once per data set: the regular expressions come from the boundary list."""

    def __init__(self, cues: CuesFile, spelling: SpellingFile, normaliser: Normaliser):
        self.norm = normaliser
        self.sentence_ends = frozenset(b.form for b in cues.boundaries if b.ends == "sentence")
        marks = [b.form for b in cues.boundaries if b.ends == "clause" and len(b.form) == 1]
        self.clause_marks = frozenset(marks)
        # Clause words split advice into clauses (content checks); scope words end ConText
        # scopes (triage), a few of them both.
        self.clause_words = tuple(b.form for b in cues.boundaries
                                  if (b.ends == "clause" and len(b.form) > 1) or b.clause)
        self.scope_words = tuple(b.form for b in cues.boundaries if b.ends == "scope")
        ends = "".join(re.escape(c) for c in sorted(self.sentence_ends) if c != "\n")
        punct = "".join(re.escape(c) for c in sorted(self.clause_marks) if c != "-")
        # Words (letters, inner hyphens as in "p-piller", inner apostrophes of spoken forms
        # as in "bli'r"), numbers, and the punctuation that ends a sentence or a clause; a
        # dash ends a clause only free-standing ("krampe - nu er den væk"). Numbers are
        # ASCII digits only: int() must be able to read them ("²" is not).
        # Written number signs are words: thousands grouped with a full stop ("12.000
        # skridt") are one number, a minus before a number is "minus" ("var -8 i nat"), a
        # plus between numbers stays ("35+2": weeks and days of a pregnancy), and a slash
        # before a unit of time is "pr" ("3 gange/uge"); any other slash is dropped. A clock
        # time ("kl. 02:10", with seconds "02:10:33" as a log stamps it) and a decimal ("3,6
        # mmol") are one number, read as its whole part: the colon ends no sentence there,
        # the comma no clause.
        self._token = re.compile(
            _SPEAKER + r"|[^\W\d_]+(?:['-][^\W\d_]+)*|[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9])"
            r"|[0-9]{1,2}([:.])[0-9]{2}(?:\1[0-9]{2})?(?![0-9])|[0-9]+,[0-9]+|[0-9]+"
            r"|(?<!\S)-(?=[0-9])|(?<=[0-9])\+(?=[0-9])|(?<=[0-9] )\+(?= [0-9])|/"
            r"|[" + ends + punct + r"]|\n|(?<!\S)-(?!\S)|" + _EMOJI + "|" + _BOX)
        units = "|".join(re.escape(u) for u in cues.words.get("per_units", ()))
        self._per_unit = re.compile(rf"\s*(?:{units})\b") if units else None
        self._sentence_split = re.compile(r"(?<=[" + ends + r"])\s+|\n+")
        self._abbreviations = frozenset(spelling.abbreviations)
        self._ascii_short = dict(spelling.ascii_short)
        self._ascii_clustered = dict(spelling.ascii_clustered)
        self.dictated = dict(cues.dictated)
        self._negation = frozenset(cues.words.get("negation", ()))
        # Words that set a context (negation, history, doubt, another person): a line with
        # one keeps its break, so the cue reaches no fragment on the next line.
        self._line_cues = self._negation | frozenset(
            w for name in ("past", "condition", "worry", "signs", "relatives")
            for w in cues.words.get(name, ()) if "*" not in w)
        # Inside a sentence string: the clause marks and the sentence ends that may stand
        # mid-line (";", ":"); a dash only free-standing ("hæl-drop" is one word).
        inner = (self.clause_marks | self.sentence_ends) - {"-", "\n", ".", "!", "?"}
        self._clause_split = (*sorted(inner), " - ")
        # A word's forms by (word, fix): words repeat across texts, their forms do not
        # change (the most recently used; `clear_cache` for benchmarks of unseen words).
        self._forms_memo: Lru[tuple[str, object], tuple[str, ...]] = Lru(_FORMS_MEMO)

    def clear_cache(self) -> None:
        self._forms_memo.clear()

    # -- search's view --------------------------------------------------------------------
    def words(self, text: str) -> list[str]:
        """Lower-case words and numbers ("Lægkramper om natten?" -> lægkramper, om, natten)."""
        low = self.norm.lower(text)
        if "'" in low:
            low = _SPOKEN.sub(lambda m: self.norm.spoken(m.group()) or m.group(), low)
        return _WORD.findall(low)

    def sentences(self, text: str) -> list[str]:
        """Sentences as strings: split after a sentence end followed by space, or at a
        line break ("Efter min løbetur i går: hvordan ..." is two)."""
        return [s.strip() for s in self._sentence_split.split(text.strip()) if s.strip()]

    def clauses(self, sentence: str) -> list[list[str]]:
        """A sentence's clauses as word lists, split at the clause marks and clause words
        of the boundary list ("stræk læggen, men undgå massage" -> two)."""
        text = f" {sentence.lower()} "
        for mark in self._clause_split:
            text = text.replace(mark, " | ")
        for word in self.clause_words:
            text = text.replace(f" {word} ", " | ")
        return [ws for part in text.split("|") if (ws := _CLAUSE_WORD.findall(part))]

    # -- triage's view --------------------------------------------------------------------
    def tokenize(
        self, text: str, fix: Callable[[str], str | None] | None = None
    ) -> tuple[list[Token], list[Sentence]]:
        """Tokens of `text` with offsets and sentence ranges (token index start, end).
        `fix` maps an unknown word to the word meant (the spelling corrector)."""
        toks: list[Token] = []
        sents: list[Sentence] = []
        # Same length as `text` (one character per character), so offsets stay exact.
        low = self.norm.quotes(text)
        sent_start = line_start = 0
        boxed = False  # the line holds a tick box: it never runs on into the next
        n = len(text)
        ends, marks = self.sentence_ends, self.clause_marks
        dictated = self.dictated
        # A text typed without æ, ø and å: its short words are read as the Danish ones too.
        short = self._ascii_short if _DANISH.isdisjoint(low.lower()) else None
        variants = self.norm.variants
        dialect = (variants.dialect(set(_WORD.findall(low.lower())))
                   if variants is not None and variants.dialects else {})
        for m in self._token.finditer(low):
            s = m.group().lower()
            start, end = m.span()
            said = s in dictated  # "komma", "punktum" from speech-to-text
            if said:
                s = dictated[s]
            if s[-1] == ":" and len(s) > 1:
                continue  # a speaker's label
            if s[0] == "[":
                # a box closes the item before it; an empty one reads as "ikke"
                if len(toks) > sent_start:
                    sents.append(Sentence(sent_start, len(toks), False))
                sent_start = line_start = len(toks)
                boxed = True
                if _EMPTY_BOX.fullmatch(s):
                    toks.append(Token(text[start:end], start, end, ("ikke",), "word"))
                continue
            if _EMOJI_RE.fullmatch(s):
                after = low[end:].lstrip()
                if not (after and after[0].isupper()):
                    continue  # mid-sentence: "statiner 😬 nej vent", "Hej 🙂 kan I"
                s = "!"
            if s in ends:
                if s == "." and not said and not self._ends_sentence(low, toks, end, n):
                    continue
                if s == "\n" and not boxed and self._line_goes_on(low, toks[line_start:], end):
                    line_start = len(toks)
                    continue
                if len(toks) > sent_start:
                    sents.append(Sentence(sent_start, len(toks), s == "?", s == ":"))
                elif s == "?" and sents:  # "hævet??" or "hævet ?"
                    sents[-1] = sents[-1]._replace(question=True)
                sent_start = line_start = len(toks)
                boxed = boxed and s != "\n"
                continue
            sign = self._sign(s, low, end)
            if sign is not None:
                if sign:
                    toks.append(Token(text[start:end], start, end, (sign,), "word"))
                continue
            if s in marks:
                toks.append(Token(text[start:end], start, end, (",",), "punct"))
                continue
            if s[0].isdigit() and s.isascii():
                toks.append(Token(s, start, end, (_number(s),), "num"))
                continue
            forms = self._forms_memo.get((s, fix))
            if forms is None:
                forms = self._forms(s, fix)
                self._forms_memo.put((s, fix), forms)
            else:
                self._forms_memo.move_to_end((s, fix))
            if short and s in short:
                forms = (*forms, short[s])
            if s in dialect:  # "a" is "jeg" in a Jutlandic text, not a letter
                forms = (dialect[s],)
            toks.append(Token(text[start:end], start, end, forms, "word"))
        if len(toks) > sent_start:
            sents.append(Sentence(sent_start, len(toks), False))
        self._clustered(toks, sents)
        return toks, sents

    def _line_goes_on(self, low: str, line: list[Token], end: int) -> bool:
        """A message told in short lines without punctuation ("venstre fod / hænger / kan
        ikke løfte den"): a line of one to three words runs on into the next line when that
        opens in lower case, so a fragment keeps its referent. A context cue on either line
        (a negation, a past, a doubt, another person, a year) keeps the break, so no denial
        or history reaches over it ("ingen feber / hævet læg", "tidligere / blodprop /
        venstre læg hævet", "blodprop 2019 / hævet venstre læg")."""
        if not 0 < len(line) <= _FRAGMENT_WORDS:
            return False
        nxt = low[end:].split("\n", 1)[0]
        first = nxt.lstrip()[:1]
        if not first.isalpha() or not first.islower():
            return False
        words = {t.forms[0] for t in line} | set(_WORD.findall(nxt.lower()))
        if any(w.isdigit() and len(w) == 4 and 1900 <= int(w) < 2100 for w in words):
            return False
        return self._line_cues.isdisjoint(words)

    def _sign(self, s: str, low: str, end: int) -> str | None:
        """The word a written number sign stands for, "" for a sign to drop, None for no
        sign."""
        if s == "-" and end < len(low) and low[end].isdigit():
            return "minus"
        if s == "+":
            return "+"
        if s == "/":
            unit = self._per_unit
            return "pr" if unit is not None and unit.match(low.lower(), end) else ""
        return None

    def _clustered(self, toks: list[Token], sents: list[Sentence]) -> None:
        """Autocorrect or a foreign keyboard strips æ/ø/å from several words of a sentence
        ("lag er rod og havet"): two or more such words in one sentence are read as the
        Danish ones too; one alone stays the word it is ("badede i havet")."""
        table = self._ascii_clustered
        if not table:
            return
        for s, e, *_rest in sents:
            hits = [i for i in range(s, e) if toks[i].kind == "word"
                    and toks[i].forms[0] in table]
            if len(hits) < 2:
                continue
            for i in hits:
                toks[i].forms = (*toks[i].forms, table[toks[i].forms[0]])

    def _forms(self, s: str, fix: Callable[[str], str | None] | None) -> tuple[str, ...]:
        """A word's forms: as written, then æ/ø/å folded or the spoken form written out,
        Swedish ä/ö as æ/ø, the Danish word of a neighbouring language's or an English
        one ("vondt" -> "ondt"), else the spelling fix."""
        norm = self.norm
        forms = [s]
        if "'" in s:
            spoken = norm.spoken(s)
            if spoken:
                forms.append(spoken)
            else:  # "calf'en": a foreign word with a Danish ending
                s = s.split("'", 1)[0]
                forms.append(s)
        else:
            folded = norm.ascii_fold(s)
            if folded:
                forms.append(folded)
        plain = norm.lower(s)  # accents Danish writes only sometimes: "diarré", "massér"
        if plain != s:
            forms.append(plain)
        letters = norm.foreign_letters(s)
        if letters:
            forms.append(letters)
        variant = norm.variant(s) or (letters and norm.variant(letters))
        if variant:
            forms.append(variant)
        elif fix is not None:
            fixed = fix(forms[-1])
            if fixed:
                forms.append(fixed)
        return tuple(dict.fromkeys(forms))

    def _ends_sentence(self, low: str, toks: list[Token], end: int, n: int) -> bool:
        """A full stop ends a sentence when followed by space/end and not after an
        abbreviation ("fx.", "ca.", "hø.") or an initial that the sentence goes on after
        ("Fru L. (93) klager", "Hr. K., 79,", not "vitamin D. Det")."""
        if end < n and not low[end].isspace():
            return False
        if not toks or toks[-1].kind != "word":
            return True
        last = toks[-1]
        if last.forms[0] in self._abbreviations:
            return False
        if len(last.text) == 1 and last.text.isupper():
            rest = low[end:].lstrip()
            return not rest or rest[0].isupper()
        return True


def _number(s: str) -> str:
    """The whole number a numeric token is read as: "12.000" 12000, "02:10" 2 (the hour),
    "3,6" 3."""
    if ":" in s or "," in s:
        return str(int(re.split("[:,]", s)[0]))
    if "." in s and len(s.rsplit(".", 1)[1]) == 2:  # "01.30": a clock time
        return str(int(s.split(".")[0]))
    return s.replace(".", "")


_CLAUSE_WORD = re.compile(r"[a-zæøåéü0-9]+(?:-[a-zæøåéü0-9]+)*")
