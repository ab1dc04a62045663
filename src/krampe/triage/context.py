"""A small ConText engine (after medspaCy's ConText), driven by rules/context_da.yaml.

Cues are found per sentence (longest match wins; PSEUDO cues only block shorter cues
inside them). A modifier cue's scope runs FORWARD and/or BACKWARD from the cue to the
sentence edge, its `max_scope`, a TERMINATE cue, or a comma, unless the scope has reached
a mention and the next token starts another (so "ingen hævelse, rødme eller varme" is one
list, but "ingen feber, læggen er hævet" and "en pude der ikke er der, følelsesløs i
skridtet" are not). A cue inside a mention is part of that mention ("kan ikke gå") and is
ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from krampe.lang.da import danish
from krampe.triage.patterns import Matcher, Token, parse_pattern, parse_patterns
from krampe.triage.schema import ContextFile, ContextRule, GenericQuestions
from krampe.triage.text import Sentence


@dataclass(slots=True)
class Mention:
    concept: str  # concept id, or "trigger:<id>"
    role: str
    start: int  # token indices, end exclusive
    end: int
    sent: int
    char_start: int
    char_end: int
    categories: set[str] = field(default_factory=set)
    status: str = "present"
    answer: str | None = None  # the question whose "ja" made this mention (no words)
    opens: bool = False  # the first words of its sentence ("Vækker mig hver gang.")
    clause: int = 0  # clause boundaries (commas, "men") before it in its sentence

    @property
    def is_target(self) -> bool:
        # a marker is a word order around another concept's mention (the verb of "har fået
        # en blodprop"): its words stay cues of that mention ("min far fik en blodprop")
        return self.role not in ("location", "marker")


_RELATIVE = ("FAMILY", "FAMILY_PAST")
# A mention on a quoted line ("> Lise skrev: ..."): another writer's words.
QUOTED = "QUOTED"
_MODIFIERS = {
    "NEGATED_EXISTENCE", "HISTORICAL", "HYPOTHETICAL", "FAMILY", "FAMILY_HISTORY", "FAMILY_PAST",
}
# The writer speaking about themselves (after a relative's past event).
_FIRST_PERSON = frozenset(danish().data.words.first_person)
_RELATIVES = frozenset(danish().cues.words("relatives"))
# Modifiers that keep a later mention from counting as the writer's own present symptom.
_NOT_OWN = {"NEGATED_EXISTENCE", "HYPOTHETICAL", "FAMILY", "FAMILY_HISTORY", "FAMILY_PAST",
            "HISTORICAL"}


def resolve_status(categories: set[str]) -> str:
    """One status from a mention's modifiers.

    Someone else's finding is `other_person` only as background (family history, or an
    earlier event); when the text is about another person as the patient ("min far har
    fået en hævet læg"), the finding is theirs and present.
    """
    if QUOTED in categories:
        return "other_person"
    if "NEGATED_EXISTENCE" in categories:
        return "negated"
    if "HYPOTHETICAL" in categories:
        return "hypothetical"
    if "FAMILY_HISTORY" in categories or (
        "FAMILY" in categories and "HISTORICAL" in categories
    ):
        return "other_person"
    if "HISTORICAL" in categories:
        return "historical"
    return "present"


@dataclass
class _Cue:
    rule: ContextRule
    start: int
    end: int


def _scope_ends(rules: list[ContextRule]) -> list[ContextRule]:
    """The `@scope_ends` rule as one cue for the boundary list's words plus one per phrase
    ("bortset fra"), in its place."""
    out: list[ContextRule] = []
    for rule in rules:
        out.append(rule)
        if rule.literal == "@scope_ends":
            out += [rule.model_copy(update={"literal": phrase})
                    for phrase in danish().cues.scope_phrases]
    return out


class ContextEngine:
    def __init__(self, rules: list[ContextRule], generic: GenericQuestions | None = None,
                 background: list[str] | None = None, extra: ContextFile | None = None):
        self.rules = rules = _scope_ends(rules)
        self.answers_no = Matcher([p for a in (extra.answers_no if extra else [])
                                   for p in parse_patterns(a)])
        self.open_question = (parse_pattern(extra.open_questions)
                              if extra and extra.open_questions else None)
        self.self_patient = Matcher([p for a in (extra.self_patient if extra else [])
                                     for p in parse_patterns(a)])
        self.own_case = Matcher([p for a in (extra.own_case if extra else [])
                                 for p in parse_patterns(a)])
        self.yes_no_verb = (parse_pattern(extra.yes_no_verbs)
                            if extra and extra.yes_no_verbs else None)
        self.pronoun = (parse_pattern(extra.relative_pronouns)
                        if extra and extra.relative_pronouns else None)
        self.apposition = (parse_pattern(extra.appositions)
                           if extra and extra.appositions else None)
        self.linking_words = frozenset(extra.linking_words if extra else ())
        self.clause_joiners = frozenset(extra.clause_joiners if extra else ())
        self.family_rule = next((r for r in rules if r.category == "FAMILY"), None)
        self.background = frozenset(background or ())
        self.matcher = Matcher([parse_pattern(r.literal, owner=i) for i, r in enumerate(rules)])
        self.generic_start = parse_pattern(generic.starts) if generic else None
        self.generic_applies = set(generic.applies_to) if generic else set()
        self.personal = Matcher([parse_pattern(p) for p in generic.personal]) if generic else None
        self.consequence = Matcher(
            [parse_pattern(p) for p in generic.consequences] if generic else []
        )

    def _generic_question(self, toks: list[Token], sent: Sentence) -> bool:
        """A general question ("Kan en blodprop give kramper?") reports nothing about the
        writer: its mentions are hypothetical, unless the writer anchors them to themselves
        ("min læg", "jeg har") - then they are read as usual."""
        if not (sent.question and self.generic_start and self.personal):
            return False
        if self.generic_start.match_at(toks, sent.start, sent.end) < 0:
            return False
        return not self.personal.find(toks, sent.start, sent.end)

    def _cues(self, toks: list[Token], s: int, e: int, mentions: list[Mention]) -> list[_Cue]:
        found = self.matcher.find(toks, s, e)
        found.sort(key=lambda m: (-(m.end - m.start), m.start))
        taken = [False] * (e - s)
        spans: set[tuple[int, int]] = set()
        cues: list[_Cue] = []
        for m in found:
            # Rules with the same words all apply ("ikke" negates forward, and backward a
            # verb right before it); a longer cue blocks a shorter one inside it.
            if (m.start, m.end) not in spans and any(
                    taken[i - s] for i in range(m.start, m.end)):
                continue
            spans.add((m.start, m.end))
            for i in range(m.start, m.end):
                taken[i - s] = True
            rule = self.rules[m.owner]
            if rule.direction == "PSEUDO":
                continue
            # A cue inside a mention belongs to the mention ("kan ikke gå", "uden opvarmning"),
            # but a relative named by a trigger word is still a relative ("min bedstemor"),
            # and a duration inside a hypothetical cue is part of the cue ("googlet i to
            # timer om blodpropper").
            if any(mt.is_target and mt.start < m.end and m.start < mt.end
                   and not (mt.role == "trigger" and rule.category in _RELATIVE)
                   and not (mt.role == "context" and rule.category == "HYPOTHETICAL"
                            and m.start <= mt.start and mt.end <= m.end)
                   for mt in mentions):
                continue
            cues.append(_Cue(rule, m.start, m.end))
        cues.sort(key=lambda c: c.start)
        return cues

    def apply(
        self, toks: list[Token], sents: list[Sentence], mentions: list[Mention]
    ) -> None:
        """Set `categories` and `status` on every target mention."""
        by_sent: dict[int, list[Mention]] = {}
        for mt in mentions:
            by_sent.setdefault(mt.sent, []).append(mt)
        recent: set[int] = set()  # sentences naming a present or recent time
        own_case = any(self.own_case.find(toks, s.start, s.end) for s in sents)
        named: list[bool] = []  # whether each sentence names a relative (computed on need)
        for si, sent in enumerate(sents):
            s, e = sent.start, sent.end
            sent_mentions = by_sent.get(si)
            if not sent_mentions:
                continue
            if self._generic_question(toks, sent):
                for mt in sent_mentions:
                    if mt.concept in self.generic_applies or (
                        mt.role == "trigger" and "trigger:*" in self.generic_applies
                    ):
                        mt.categories.add("HYPOTHETICAL")
                cons = self.consequence.find(toks, s, e)
                if cons:
                    after = min(c.end for c in cons)
                    for mt in sent_mentions:
                        if mt.is_target and mt.start >= after:
                            mt.categories.add("HYPOTHETICAL")
            cues = self._cues(toks, s, e, sent_mentions)
            pronoun = self._relative_pronoun(toks, sents, si, named)
            if pronoun is not None:
                cues = sorted([*cues, pronoun], key=lambda c: c.start)
            if not cues:
                continue
            fam = [c.end for c in cues if c.rule.category in ("FAMILY_PAST", "FAMILY")]
            if fam and any(
                self.rules[m.owner].category == "PRESENT_TIME"
                # a time named after the writer turns to themselves ("min bror havde en
                # blodprop, jeg fik krampe i går"), or fronted before them ("..., så nu er
                # jeg nervøs"), dates the writer's clause, not the relative's
                and not any(
                    not _FIRST_PERSON.isdisjoint(t.forms)
                    for t in toks[min(fam):min(m.end + 2, e)]
                )
                for m in self.matcher.find(toks, s, e)  # also inside mentions ("pludselig")
            ):
                recent.add(si)
            starts = {mt.start for mt in sent_mentions if mt.is_target}
            for cue in cues:
                rule = cue.rule
                if rule.category not in _MODIFIERS or (own_case and rule.own_case_lifts):
                    continue
                lo, hi = cue.start, cue.end
                if rule.direction in ("FORWARD", "BIDIRECTIONAL"):
                    hi = self._forward_end(toks, cue, cues, starts, e)
                if rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
                    lo = self._backward_start(toks, cue, cues, starts, s)
                allowed = rule.allowed_types
                for mt in sent_mentions:
                    if not mt.is_target:
                        continue
                    if mt.start < cue.end and cue.start < mt.end:
                        if not (mt.role == "trigger" and rule.category in _RELATIVE):
                            continue
                        mt.categories.add(rule.category)  # "min bedstemor": her age
                        continue
                    if allowed is not None and mt.concept not in allowed and not (
                        mt.role == "trigger" and "trigger:*" in allowed
                    ):
                        continue
                    if lo <= mt.start < hi:
                        mt.categories.add(rule.category)
        self._answered_no(toks, sents, by_sent)
        self_declared = any(self.self_patient.find(toks, s.start, s.end) for s in sents)
        self._relatives(toks, sents, mentions, set() if self_declared else recent)
        for mt in mentions:
            mt.status = resolve_status(mt.categories)

    def _relative_pronoun(self, toks: list[Token], sents: list[Sentence], si: int,
                          named: list[bool]) -> _Cue | None:
        """A sentence opening with "han", "hun", "hendes" ... after a sentence that named a
        relative ("Jeg ringer for min far. Han har epilepsi.") speaks of that relative: the
        pronoun is a relative cue for its sentence."""
        sent = sents[si]
        if self.pronoun is None or self.family_rule is None:
            return None
        # after a linking word too: "Men hendes højre læg er blevet hævet."
        at = sent.start + (sent.start + 1 < sent.end
                           and toks[sent.start].forms[0] in self.linking_words)
        if not self.pronoun.match_at(toks, at, sent.end) > at:
            return None
        while len(named) < si:
            prev = sents[len(named)]
            named.append(any(self.rules[m.owner].category in _RELATIVE
                             for m in self.matcher.find(toks, prev.start, prev.end)))
        if not any(named[:si]):
            return None
        return _Cue(self.family_rule, at, at + 1)

    def _answered_no(self, toks: list[Token], sents: list[Sentence],
                     by_sent: dict[int, list[Mention]]) -> None:
        """A yes/no question, or a label, answered no by the next sentence ("Hævet? Nej,
        det er den ikke.", "Hævelse: ingen."): the mentions in its last clause are
        negated."""
        for si, sent in enumerate(sents[:-1]):
            if not (sent.question or sent.label) or si not in by_sent:
                continue
            nxt = sents[si + 1]
            if nxt.label and si + 1 not in by_sent and si + 2 < len(sents):
                nxt = sents[si + 2]  # a speaker's name before the answer ("Kunde: nej")
            dash = nxt.end - nxt.start == 1 and toks[nxt.start].kind == "punct"  # "Medicin: -"
            if not dash and not any(p.match_at(toks, nxt.start, nxt.end) > nxt.start
                                    for p in self.answers_no.patterns):
                continue
            # The yes/no clause asked last ("Hvornår får du dem, og er læggen hævet, rød
            # eller varm?"): a verb opening a clause; else the last clause after a comma.
            joins = self.clause_joiners
            yes_no = [i for i in range(sent.start + 1, sent.end)
                      if (toks[i - 1].kind == "punct" or toks[i - 1].forms[0] in joins)
                      and self.yes_no_verb is not None
                      and self.yes_no_verb.match_at(toks, i, sent.end) > i]
            if yes_no:
                clause = yes_no[-1]
            else:
                if self.open_question and self.open_question.match_at(
                        toks, sent.start, sent.end) > sent.start:
                    continue
                clause = max((i + 1 for i in range(sent.start, sent.end)
                              if toks[i].kind == "punct"), default=sent.start)
            for mt in by_sent[si]:
                if mt.is_target and mt.start >= clause:
                    mt.categories.add("NEGATED_EXISTENCE")

    def _relatives(self, toks: list[Token], sents: list[Sentence], mentions: list[Mention],
                   recent: set[int]) -> None:
        """Who the patient is. A relative's past event ("min mor fik en blodprop"), and a
        relative's condition, medicine or history in any tense ("min bedstemor har
        åreforkalkning og tager 100 piller", the `background` concepts), are background
        when the writer then describes their own symptom ("..., men jeg fik krampe") and
        the relative's sentence names no recent time ("i går", "pludselig", "nu");
        otherwise the relative is the patient and the finding is read as theirs (FAMILY,
        still present). The same when the writer told their own symptom first ("Jeg får
        krampe i læggen. Min mor ryger.") and the relative has no symptom of their own.
        A relative's own symptoms ("min far har en hævet læg") stay theirs."""
        relative_ill = any(
            m.is_target and m.role == "symptom" and not self._background(m)
            and m.categories & {"FAMILY", "FAMILY_PAST"} for m in mentions)
        for mt in mentions:
            past = "FAMILY_PAST" in mt.categories
            if not past and not ("FAMILY" in mt.categories and self._background(mt)):
                continue
            mt.categories.discard("FAMILY_PAST")
            # a relative with a symptom of their own may be the patient: their person
            # triggers (age) stay theirs however the writer goes on
            # nor when the relative's sentence ends in a colon that gives them the word ("Min
            # far (80) beder mig skrive: 'Jeg ...'"): the first person after it is theirs
            own_later = mt.sent not in recent and not (
                (relative_ill or sents[mt.sent].label) and mt.role == "trigger"
                and not past) and any(
                m2.is_target and m2.role not in ("trigger", "context")
                and m2.start >= mt.end and not (m2.categories & _NOT_OWN)
                # with the relative ill, a remedy or medicine the writer reads about or
                # asks for ("jeg har læst at magnesium hjælper") is the patient's, not a
                # symptom of the writer's own
                and not (relative_ill and self._background(m2))
                # the writer named in the later symptom's own sentence ("..., og jeg fik
                # krampe", "Jeg har fået krampe."), not only somewhere between ("hun skreg og
                # jeg blev forskrækket. Krampen gik over, da hun strakte")
                and any(not _FIRST_PERSON.isdisjoint(t.forms)
                        for t in toks[max(mt.end, sents[m2.sent].start):m2.end])
                for m2 in mentions
            )
            # another relative ill before this one's past ("min datter fik krampe ... min
            # far fik en blodprop"): the ill one is the patient, this is background
            who = self._relative_named(toks, sents[mt.sent].start, mt.start)
            own_before = mt.sent not in recent and any(
                m2.is_target and m2.role not in ("trigger", "context")
                and m2.end <= mt.start and not (m2.categories & _NOT_OWN - {"FAMILY"})
                and (("FAMILY" not in m2.categories and not relative_ill
                      # the writer, or (this relative named here) someone else by a
                      # pronoun ("han glemte sin drikkedunk og fik krampe. ... min mor
                      # havde en blodprop")
                      and self._subject_in(toks, sents[m2.sent].start, sents[m2.sent].end,
                                           others=who is not None))
                     or ("FAMILY" in m2.categories and who is not None
                         and self._relative_named(toks, sents[m2.sent].start, m2.start)
                         not in (None, who)))
                for m2 in mentions
            )
            mt.categories.add("FAMILY_HISTORY" if own_later or own_before else "FAMILY")

    @staticmethod
    def _relative_named(toks: list[Token], start: int, end: int) -> str | None:
        """The relative named last before `end` in its sentence ("min far ..."), if any."""
        for i in range(end - 1, start - 1, -1):
            if not _RELATIVES.isdisjoint(toks[i].forms):
                return toks[i].forms[0]
        return None

    def _subject_in(self, toks: list[Token], start: int, end: int, others: bool) -> bool:
        """The writer is named here, or (`others`) a person by a pronoun ("han", "hun") in
        a sentence naming no relative (whom the pronoun would stand for)."""
        return self._writer_in(toks, start, end) or (
            others and self.pronoun is not None
            and self._relative_named(toks, start, end) is None
            and any(self.pronoun.match_at(toks, i, end) > i for i in range(start, end)))

    @staticmethod
    def _writer_in(toks: list[Token], start: int, end: int) -> bool:
        """The writer speaks of themselves here: "jeg", "mig", "min læg", not "min far"."""
        return any(not _FIRST_PERSON.isdisjoint(toks[i].forms) and not (
            i + 1 < end and not _RELATIVES.isdisjoint(toks[i + 1].forms))
            for i in range(start, end))

    def _background(self, mt: Mention) -> bool:
        return mt.concept in self.background or (
            mt.role == "trigger" and "trigger:*" in self.background)

    @staticmethod
    def _terminates(cue: _Cue, other: _Cue) -> bool:
        d = other.rule
        if d.direction != "TERMINATE" or cue.rule.category in d.spares:
            return False
        return d.category == "TERMINATE" or d.category in cue.rule.terminated_by

    def _forward_end(self, toks, cue, cues, starts, e) -> int:
        limit = e if cue.rule.max_scope is None else min(e, cue.end + cue.rule.max_scope)
        term = {c.start for c in cues if c.start >= cue.end and self._terminates(cue, c)}
        listed = False  # the scope has reached a mention: a comma may go on with the list
        relative = cue.rule.category in _RELATIVE
        for j in range(cue.end, limit):
            if j in term:
                return j
            if toks[j].kind == "punct" and (not listed or (j + 1) not in starts):
                # "min mor (hende med blodpropperne)": the apposition is the relative's
                if (relative and self.apposition is not None and j + 1 < e
                        and self.apposition.match_at(toks, j + 1, e) > j + 1):
                    continue
                return j
            listed = listed or j in starts
        return limit

    def _backward_start(self, toks, cue, cues, starts, s) -> int:
        limit = s if cue.rule.max_scope is None else max(s, cue.start - cue.rule.max_scope)
        term = {c.end for c in cues if c.end <= cue.start and self._terminates(cue, c)}
        for j in range(cue.start - 1, limit - 1, -1):
            if (j + 1) in term:
                return j + 1
            if toks[j].kind == "punct":  # backwards a comma always ends the scope (safer)
                return j + 1
        return limit
