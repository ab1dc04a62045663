"""The triage engine: Danish text -> mentions -> ConText status -> findings -> level.

Compiled once from the rule files (`Engine.get()`); `triage()` in this package is the
public call. Only a year's age (`PASTYEAR` in the patterns) depends on the clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from krampe.errors import InputError
from krampe.lang.da import danish
from krampe.policy import Level, get_policy
from krampe.policy.load import Policy
from krampe.textinput import validate_text
from krampe.triage import advice, screen
from krampe.triage.context import QUOTED, ContextEngine, Mention
from krampe.triage.patterns import (
    Match,
    Matcher,
    Token,
    longest_per_owner,
    parse_pattern,
    parse_patterns,
)
from krampe.triage.result import FindingOut, IfThen, Screen, Status, TriageResult
from krampe.triage.schema import Concept, Finding, Rule, Rules, Trigger, get_rules
from krampe.triage.text import Sentence, tokenize

_REPORT_ORDER: tuple[Status, ...] = ("hypothetical", "negated", "historical", "other_person")
_TRIGGER = "trigger:"
_PERSON_TRIGGERS = frozenset({"age"})  # facts of the person, reported with a seizure too
_REMEDY = "selfcare_tried"  # the concept of self-care tried (a trigger's `among_remedies`)
# The negations that stand after a finite verb, inside what they deny ("hoster ikke blod").
_INNER_NEGATION = frozenset({"ikke", "aldrig"})


@dataclass
class _Eval:
    finding: Finding
    status: Status
    used: list[Mention]
    rule: int | None  # index of the rule that held; None when only a key concept matched


class Engine:
    def __init__(self, rules: Rules):
        self.rules = rules
        self._qmap = {q.id: q for q in rules.questions}
        concepts = rules.lexicon.concepts
        pats = []
        excl = []
        self.role: dict[str, str] = {}
        self.suppressed_by: dict[str, list[str]] = {}
        for cid, c in concepts.items():
            self.role[cid] = c.role
            self.suppressed_by[cid] = list(c.suppressed_by)
            pats += [q for p in written_patterns(rules, c) for q in parse_patterns(p, owner=cid)]
            excl += [q for p in c.exclude for q in parse_patterns(p, owner=cid)]
        for tid, t in rules.triggers.items():
            key = _TRIGGER + tid
            self.role[key] = "trigger"
            self.suppressed_by[key] = [_TRIGGER + s for s in t.suppressed_by]
            pats += [q for p in written_patterns(rules, t) for q in parse_patterns(p, owner=key)]
            excl += [q for p in t.exclude for q in parse_patterns(p, owner=key)]
        self.matcher = Matcher(pats)
        self._episode = Matcher([parse_pattern(p, owner="episode") for p in rules.screen.episode])
        self.excluder = Matcher(excl)
        self.context = ContextEngine(list(rules.context.rules), rules.context.generic_questions,
                                     list(rules.context.background), rules.context)
        self._english_words = frozenset(w.lower() for w in rules.lexicon.english_words)
        self._danish_only = frozenset(danish().cues.words("danish_only"))
        self._answer_words = frozenset(danish().cues.words("answer_no")) | frozenset(
            danish().cues.words("answer_yes"))
        # The layer in force when the engine was built reads every description it triages.
        self.lang = danish()
        targets = set(rules.lexicon.typo_targets)
        stems: set[str] = set()
        for p in pats:
            for item in p.items:
                targets.update(a.value for a in item.alts if a.kind == "exact")
                stems.update(a.value for a in item.alts if a.kind == "prefix")
        # Only exact rule words are left alone: "læggn" also matches the prefix "læg*", but
        # its nearest word "læggen" is what the writer meant (an extra form is harmless).
        self.fixer = self.lang.corrector("triage", targets, prefixes=stems)
        self._clause_cuts = frozenset(w for w in self.lang.tokenizer.clause_words
                                      if " " not in w)
        # Per finding, the concepts one of which must be mentioned for any of its rules
        # (a rule's first concept) or keys to hold: computed once, not per description.
        self._entry: list[tuple[Finding, frozenset[str]]] = [
            (f, frozenset(r.all[0].partition("@")[0] for r in f.rules) | frozenset(f.key))
            for f in rules.findings.values()]

    def clear_caches(self) -> None:
        """Forget every per-word cache (the speed bench measures words never seen)."""
        self.fixer.clear()
        self.lang.tokenizer.clear_cache()
        for m in (self.matcher, self.excluder, self.context.matcher):
            m.clear_cache()

    @classmethod
    @lru_cache(maxsize=1)
    def get(cls) -> Engine:
        return cls(get_rules())

    # --- reading --------------------------------------------------------------------
    def mentions(self, text: str) -> tuple[list[Token], list[Sentence], list[Mention]]:
        toks, sents = tokenize(text, self.fixer, self.lang)
        quoted = _quoted_lines(text)
        mentions: list[Mention] = []
        for si, (s, e, *_rest) in enumerate(sents):
            found = longest_per_owner(self.matcher.find(toks, s, e))
            if e - s == 1 and toks[s].kind == "num":
                found += self._bare_age(toks[s], s)
            negated = self._verb_negated(toks, s, e, found)
            found += negated
            if not found:
                continue
            excluded = self.excluder.find(toks, s, e)
            kept = [
                m for m in found
                if not any(x.owner == m.owner and x.start < m.end and m.start < x.end
                           for x in excluded)
            ]
            kept = [
                m for m in kept
                if not any(o.owner in self.suppressed_by[m.owner] and o.start < m.end
                           and m.start < o.end for o in kept)
            ]
            # clause boundaries up to each token of the sentence (a comma, "men")
            cuts = [0]
            for i in range(s, e):
                cuts.append(cuts[-1] + (toks[i].kind == "punct"
                                        or toks[i].forms[0] in self._clause_cuts))
            for m in kept:
                mentions.append(
                    Mention(
                        concept=m.owner,
                        role=self.role[m.owner],
                        start=m.start,
                        end=m.end,
                        sent=si,
                        char_start=toks[m.start].start,
                        char_end=toks[m.end - 1].end,
                        opens=m.start == s,
                        clause=cuts[m.start - s],
                        categories={"NEGATED_EXISTENCE"} if m in negated else set(),
                    )
                )
                if any(a <= toks[m.start].start < b for a, b in quoted):
                    mentions[-1].categories.add(QUOTED)
        self.context.apply(toks, sents, mentions)
        return toks, sents, mentions

    def _bare_age(self, num: Token, at: int) -> list[Match[str]]:
        """A sentence that is one number ("62. Ondt i læggen ...", "ja. 72. kun om natten")
        answers "how old?": read as "er 62", so the age trigger's own threshold decides."""
        said = [Token("er", num.start, num.start, ("er",), "word"), num]
        return [Match(m.owner, at, at + 1)
                for m in self.matcher.find(said, 0, 2) if m.owner == _TRIGGER + "age"]

    def _verb_negated(self, toks: list[Token], s: int, e: int,
                      found: list[Match[str]]) -> list[Match[str]]:
        """Symptoms negated inside their own words ("jeg hoster ikke blod op", "læggen har
        aldrig hævet"): Danish puts "ikke" after the finite verb, inside the finding, where
        no pattern's gap may cross it. Read without the negation, a symptom found there that
        the sentence did not already name is a negated mention."""
        keep = [i for i in range(s, e) if _INNER_NEGATION.isdisjoint(toks[i].forms)]
        if len(keep) == e - s:
            return []
        sub = [toks[i] for i in keep]
        out = []
        for m in longest_per_owner(self.matcher.find(sub, 0, len(sub))):
            start, end = keep[m.start], keep[m.end - 1] + 1
            if (self.role[m.owner] != "symptom" or end - start == m.end - m.start
                    or any(f.owner == m.owner and f.start < end and start < f.end
                           for f in found)):
                continue  # not a symptom, no negation inside it, or already read
            out.append(Match(m.owner, start, end))
        return out

    # --- policy ---------------------------------------------------------------------
    def _eval_rule(
        self, rule: Rule, by: dict[str, list[Mention]], statuses: set[str]
    ) -> list[Mention] | None:
        def pick(ref: str) -> list[Mention]:
            cid, _, extra = ref.partition("@")
            ok = statuses | ({extra} if extra else set())
            return [m for m in by.get(cid, ()) if m.status in ok]

        if any(m.status == "present" for ref in rule.none for m in by.get(ref, ())):
            return None
        firsts = pick(rule.all[0])
        if rule.none_in_sentence or rule.none_in_clause:
            firsts = [m for m in firsts if self._sentence_ok(m, rule, by)]
        if rule.none_later_in_sentence:
            firsts = [
                m for m in firsts
                if not any(o.sent == m.sent and o.start >= m.end and o.status == "present"
                           for r in rule.none_later_in_sentence for o in by.get(r, ()))
            ]
        if not firsts:
            return None
        if rule.within is not None:
            return self._within(rule, firsts, pick)
        rest = []
        for ref in rule.all[1:]:
            got = pick(ref)
            if not got:
                return None
            rest.append(got[0])
        for first in firsts if rule.any_sentences is not None else firsts[:1]:
            found = Engine._with_any(rule, [first, *rest], pick)
            if found is not None:
                return found
        return None

    @staticmethod
    def _with_any(rule: Rule, used: list[Mention],
                  pick: Callable[[str], list[Mention]]) -> list[Mention] | None:
        """`used` plus the first mention of any `any` ref, or None when the rule has `any`
        refs and none was read."""
        if not rule.any:
            return used
        got = [m for ref in rule.any for m in pick(ref)]
        if rule.any_sentences is not None:
            got = [m for m in got if abs(m.sent - used[0].sent) <= rule.any_sentences]
        return [*used, got[0]] if got else None

    @staticmethod
    def _within(
        rule: Rule, firsts: list[Mention], pick: Callable[[str], list[Mention]]
    ) -> list[Mention] | None:
        """The first `all` mention with each other one near it in its sentence ("kramperne
        holder mig vågen", not "sover dårligt af stress ... og har fået lidt krampe"), or
        in the sentence before when it opens its own without a subject ("Krampe i læggen
        om natten. Vækker mig hver gang.")."""
        within = rule.within
        assert within is not None

        def near_to(m: Mention, first: Mention) -> bool:
            if m.sent == first.sent:
                return max(m.start - first.end, first.start - m.end) < within
            return (m.sent == first.sent - 1 and first.opens) or (
                m.sent == first.sent + 1 and m.opens)

        for first in firsts:
            used = [first]
            for ref in rule.all[1:]:
                near = [m for m in pick(ref) if near_to(m, first)]
                if not near:
                    break
                used.append(near[0])
            else:
                return Engine._with_any(rule, used, pick)
        return None

    @staticmethod
    def _sentence_ok(m: Mention, rule: Rule, by: dict[str, list[Mention]]) -> bool:
        def here(refs: list[str]) -> bool:
            return any(o.sent == m.sent and o.status == "present" for r in refs
                       for o in by.get(r, ()))

        def in_clause(refs: list[str]) -> bool:
            return any(o.sent == m.sent and o.clause == m.clause and o.status == "present"
                       for r in refs for o in by.get(r, ()))

        if in_clause(rule.none_in_clause):
            return False
        return not here(rule.none_in_sentence) or here(rule.unless_in_sentence)

    def evaluate(self, mentions: list[Mention]) -> list[_Eval]:
        by: dict[str, list[Mention]] = {}
        for m in mentions:
            by.setdefault(m.concept, []).append(m)
        seen_status = {m.status for m in mentions if m.is_target}
        out: list[_Eval] = []
        for f, entry in self._entry:
            # Cheap exit: no rule can hold unless its first concept is mentioned at all.
            if entry.isdisjoint(by):
                continue
            hit = self._first_rule(f, by, {"present"})
            if hit is not None:
                out.append(_Eval(f, "present", hit[1], hit[0]))
                continue
            for status in _REPORT_ORDER:
                if status not in seen_status:
                    continue
                hit = self._first_rule(f, by, {status, "present"}, need=status)
                if hit is not None:
                    out.append(_Eval(f, status, hit[1], hit[0]))
                    break
                key = [m for k in f.key for m in by.get(k, ()) if m.status == status]
                if key:
                    out.append(_Eval(f, status, key[:1], None))
                    break
        return out

    def _first_rule(
        self, f: Finding, by: dict[str, list[Mention]], statuses: set[str],
        need: str | None = None,
    ) -> tuple[int, list[Mention]] | None:
        for i, rule in enumerate(f.rules):
            used = self._eval_rule(rule, by, statuses)
            if used is not None and (need is None or any(m.status == need for m in used)):
                return i, used
        return None

    # --- the call -------------------------------------------------------------------
    def triage(
        self,
        text: object,
        region: str | None = None,
        answers: Mapping[str, bool | None] | None = None,
        known_findings: Iterable[str] = (),
    ) -> TriageResult:
        result = self._triage(text, region, answers, known_findings)
        assert result is not None
        return result

    def banner(self, text: object) -> TriageResult | None:
        """The result when the text reports something triage acts on (a present finding,
        a trigger, a red flag said hypothetically, a symptom now: core.reports_symptoms),
        else None, found without the screen, the advice and the result's texts, which a
        question about cramps in general would build only to throw away."""
        return self._triage(text, None, None, (), banner=True)

    def _triage(
        self,
        text: object,
        region: str | None,
        answers: Mapping[str, bool | None] | None,
        known_findings: Iterable[str],
        banner: bool = False,
    ) -> TriageResult | None:
        clean = validate_text(text, what="beskrivelsen")
        policy = get_policy()
        region_id = policy.normalise_region(region)
        given = self._check_answers(answers)
        known = self._check_known(known_findings)
        toks, sents, mentions = self.mentions(clean)

        # An all-English text ("My calf is swollen and red") is not understood, even though
        # English words mixed into a Danish description count ("min calf er swollen og rød",
        # "leg cramp efter gym, hvad skal jeg gøre": Danish words around English findings).
        understood = any(not self._english(toks, m) for m in mentions) or (
            bool(mentions) and any(t.forms[0] in self._danish_only for t in toks))
        if not understood:
            mentions = []
        # A "ja" makes the question's signs present (overriding a negation in the text);
        # the finding's own rules then decide. A "nej" adds nothing, so it never removes a
        # finding the text states present.
        implied = self._implied_cramp(toks, sents, mentions)
        evals = self.evaluate(mentions + self._answer_mentions(given) + implied)
        present = [e for e in evals if e.status == "present"]
        present_ids = [e.finding.id for e in present]
        if banner and not (understood and (
                present or self._triggers(mentions, implied, present_ids, toks, sents)
                or _raising(evals, self._level(present_ids, policy) or "self_care", policy)
                or self._episode_now(toks, sents, mentions))):
            return None
        findings = [self._finding_out(clean, e) for e in evals]
        for fid in known:
            if fid not in present_ids:
                present_ids.append(fid)
                findings = [f for f in findings if f.id != fid]
                findings.append(FindingOut(
                    id=fid, evidence=self.rules.findings[fid].label, status="present",
                    via="answer", rule="known",
                ))

        level = self._level(present_ids, policy)
        if level is None and understood:
            level = "self_care"
        patient = screen.patient(mentions, self.rules, toks)
        scr = screen.run(
            self.rules, clean, mentions, present_ids, given, level, patient
        )
        if level is None and scr.complete:
            level = "self_care"  # not understood, but every red flag answered "nej"

        triggers = self._triggers(mentions, implied, present_ids, toks, sents)
        rank = policy.rank(level) if level else -1
        urgent = min(policy.rank(lv) for lv in policy.red_flag_levels())  # lowest red flag
        if_then = [
            IfThen(
                id=e.finding.id,
                evidence=_evidence(clean, e.used)[0],
                level=e.finding.level,
                action=policy.action(e.finding.level, region_id),
                via="text",
            )
            for e in _raising(evals, level, policy)
        ]
        for q in scr.unsure:
            flag = self.rules.findings[q.finding]
            if policy.rank(flag.level) > rank:
                if_then.append(IfThen(
                    id=flag.id, evidence=screen.question_text(q, patient), level=flag.level,
                    via="answer",
                    action=screen.watch_action(self.rules, flag.level, [q], region_id),
                ))

        if level is None:
            action = policy.not_understood_action(region_id)
        else:
            action = policy.action(level, region_id)
        if not scr.complete:
            action = f"{action} {self.rules.screen.provisional}"
        safety_net = (
            screen.safety_net(self.rules, region_id)
            if scr.complete and rank < urgent else []
        )
        if understood:
            adv, details, refs = advice.lookup(self.rules, level, present_ids, triggers)
        else:
            adv, details, refs = [], [], []
        return TriageResult(
            text=clean,
            understood=understood,
            level=level,
            action=action,
            findings=findings if understood or present_ids else [],
            triggers=triggers,
            trigger_details=details,
            questions=scr.questions,
            screen=Screen(complete=scr.complete, open=scr.open, resolved=scr.resolved),
            if_then=if_then,
            safety_net=safety_net,
            patient="other" if patient else "self",
            episode=self._episode_now(toks, sents, mentions),
            advice=adv,
            sources=refs,
            policy_version=policy.policy_version(),
        )

    def _triggers(self, mentions: list[Mention], implied: list[Mention],
                  present_ids: list[str], toks: list[Token],
                  sents: list[Sentence]) -> list[str]:
        """The triggers the text reports, then those its present findings name."""
        seizure = "seizure" in present_ids
        triggers: list[str] = []
        # A seizure is not a muscle cramp: cramp triggers do not apply, only the person's age.
        for m in mentions:
            if m.role == "trigger" and m.status == "present":
                tid = m.concept[len(_TRIGGER):]
                if tid not in triggers and (not seizure or tid in _PERSON_TRIGGERS) \
                        and not self._beside_sign(m, tid, mentions + implied, toks, sents):
                    triggers.append(tid)
        if not seizure:
            for fid in present_ids:  # a finding names its own ("claudication": circulation)
                for tid in self.rules.findings[fid].triggers:
                    if tid not in triggers:
                        triggers.append(tid)
        return triggers

    def _level(self, present_ids: list[str], policy: Policy) -> Level | None:
        """The highest level of the present findings, None when there are none."""
        levels = [self.rules.findings[f].level for f in present_ids]
        if not levels:
            return None
        highest: Level = max(levels, key=policy.rank)  # no Optional context for max's T
        return highest

    def _beside_sign(self, m: Mention, tid: str, mentions: list[Mention],
                     toks: list[Token], sents: list[Sentence]) -> bool:
        """A circumstance trigger in a sentence telling of a red-flag sign and of no cramp
        ("i nat er hun blevet stakåndet"): it dates the sign, not a cramp; a trigger named
        among remedies tried is one of them."""
        trigger = self.rules.triggers[tid]
        if not trigger.not_beside and not trigger.among_remedies and not trigger.needs_cramp:
            return False
        here = [o for o in mentions if o.sent == m.sent]
        if trigger.among_remedies and sum(o.concept == _REMEDY for o in here) >= 2:
            return True  # "udstrækning, vand, magnesium, nye sko": a remedy tried
        if trigger.needs_cramp and not any(
                o.concept == "cramp" and o.status != "negated" for o in mentions) and not any(
                o.role in ("symptom", "location") and o.status == "present" for o in here):
            # no cramp told at all, and nothing felt nor any limb named in this sentence: the
            # time dates something else ("har kølet den det meste af natten" after a fall)
            return True
        # the clause, where the sentence holds both ("iskias med krampe i læggen, og i nat
        # kunne jeg ikke holde på vandet": the night dates the sign)
        lo, hi = m.start, m.end
        while lo > sents[m.sent].start and toks[lo - 1].kind != "punct":
            lo -= 1
        while hi < sents[m.sent].end and toks[hi].kind != "punct":
            hi += 1
        clause = [o for o in here if lo <= o.start < hi]
        return any(not any(o.concept == "cramp" for o in part) and any(
            o.concept in trigger.not_beside and o.status == "present" for o in part)
            for part in (here, clause))

    def _english(self, toks: list[Token], m: Mention) -> bool:
        """A mention in English words only ("swollen", "my calf"): alone it does not make a
        text understood."""
        is_english = self.lang.norm.is_english
        return all(t.kind != "word" or t.forms[0] in self._english_words
                   or is_english(t.forms[0]) for t in toks[m.start:m.end])

    def _episode_now(
        self, toks: list[Token], sents: list[Sentence], mentions: list[Mention]
    ) -> bool:
        """A symptom reported as happening now: a present symptom in a sentence with an
        episode word ("jeg har ondt i læggen nu", "krampe i nat")."""
        seen: set[int] = set()
        for m in mentions:
            if m.status != "present" or m.role != "symptom" or m.sent in seen:
                continue
            seen.add(m.sent)
            s, e = sents[m.sent].start, sents[m.sent].end
            if self._episode.find(toks, s, e):
                return True
        return False

    def _implied_cramp(self, toks: list[Token], sents: list[Sentence],
                       mentions: list[Mention]) -> list[Mention]:
        """A reply to the follow-up questions ("nej. ja den er stadig hård. 3 timer nu.")
        never names the cramp it answers about: two or more sentences opening with "ja" or
        "nej" make the cramp the topic of the text (no words, like an answer's signs)."""
        if any(m.concept == "cramp" for m in mentions):
            return []
        opened = sum(1 for s, e, *_rest in sents
                     if e > s and toks[s].forms[0] in self._answer_words)
        if opened < 2:
            return []
        return [Mention(concept="cramp", role=self.role["cramp"], start=-1, end=-1,
                        sent=-1000, char_start=-1, char_end=-1, categories={"IMPLIED"})]

    def _answer_mentions(self, given: dict[str, bool | None]) -> list[Mention]:
        out = []
        for n, q in enumerate(self.rules.questions):
            if given.get(q.id) is not True:
                continue
            for c in q.yes_signs:  # each answer its own "sentence": sentence rules stay local
                out.append(Mention(
                    concept=c, role=self.role[c], start=-1, end=-1, sent=-1 - n,
                    char_start=-1, char_end=-1, answer=q.id,
                ))
        return out

    def _finding_out(self, text: str, e: _Eval) -> FindingOut:
        answered = [m.answer for m in e.used if m.answer]
        if answered:
            q = self._qmap[answered[0]]
            return FindingOut(id=e.finding.id, evidence=q.text, status=e.status,
                              via="answer", rule=f"answer:{q.id}")
        words, span = _evidence(text, e.used)
        rule = f"{e.finding.id}#{e.rule + 1}" if e.rule is not None else f"{e.finding.id}:key"
        return FindingOut(id=e.finding.id, evidence=words, status=e.status, via="text",
                          span=span, rule=rule)

    def _check_answers(self, answers: Mapping[str, bool | None] | None) -> dict[str, bool | None]:
        if answers is None:
            return {}
        if not isinstance(answers, Mapping):
            raise InputError(
                "Svarene skal være et objekt med ja/nej/ved ikke-værdier.", code="invalid_answers"
            )
        out: dict[str, bool | None] = {}
        for key, value in answers.items():
            if key not in self._qmap:
                raise InputError(
                    f"Ukendt spørgsmål {key!r}. Brug et af: {', '.join(self._qmap)}.",
                    code="unknown_answer",
                )
            if value is not None and not isinstance(value, bool):
                raise InputError(
                    f"Svaret på {key!r} skal være ja, nej eller ved ikke.", code="invalid_answers"
                )
            out[key] = value
        return out

    def _check_known(self, known: Iterable[str]) -> list[str]:
        out = []
        for fid in known:
            if fid not in self.rules.findings:
                raise InputError(f"Ukendt fund {fid!r}.", code="unknown_finding")
            out.append(fid)
        return out


def _raising(evals: list[_Eval], level: Level | None, policy: Policy) -> list[_Eval]:
    """The red flags (urgent or emergency) said hypothetically that would raise `level`:
    the text's `if_then`, and what alone puts a banner on a question."""
    rank = policy.rank(level) if level else -1
    urgent = min(policy.rank(lv) for lv in policy.red_flag_levels())
    return [e for e in evals if e.status == "hypothetical"
            and policy.rank(e.finding.level) >= urgent and policy.rank(e.finding.level) > rank]


_QUOTE_LABELS = frozenset(danish().cues.words("quote_labels"))
# A label opening a line: up to three words before a colon ("Oprindeligt indlæg:").
_LINE_LABEL = re.compile(r"^\s*((?:[^\W\d_]+\s+){0,2}[^\W\d_]+)\s*:")


def _quoted_lines(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted lines ("> Lise skrev: ...", "Tråd: '...'"): someone else's
    words."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        label = _LINE_LABEL.match(line)
        if label and label.group(1).split()[-1].lower() in _QUOTE_LABELS:
            # only the title or the quoted post: the writer may go on on the same line
            spans.append((pos, pos + _quoted_end(line, label.end())))
        elif line.lstrip().startswith(">"):
            spans.append((pos, pos + len(line)))
        pos += len(line)
    return spans


_QUOTE_MARKS = "'\"«»„“”‘’"
_TITLE_END = re.compile(r"[.!?](?:\s|$)")


def _quoted_end(line: str, after: int) -> int:
    """Where the words after a forum label end: the last closing quote mark when they open
    with one ("Tråd: 'A?' - 'B'"), else the end of the title's first sentence."""
    rest = line[after:].lstrip()
    start = len(line) - len(rest)
    if rest[:1] and rest[0] in _QUOTE_MARKS:
        last = max(line.rfind(q) for q in _QUOTE_MARKS)
        return last + 1 if last > start else len(line)
    end = _TITLE_END.search(line, start)
    return end.end() if end else len(line)


def written_patterns(rules: Rules, c: Concept | Trigger) -> list[str]:
    """A concept's or trigger's patterns as written, then those of its constructions."""
    return [*c.patterns,
            *(p for u in c.constructions for p in rules.constructions[u.use].compile(u))]


def _evidence(text: str, used: list[Mention]) -> tuple[str, tuple[int, int] | None]:
    """Exact words of the input and their span: the mentions' span if they share a
    sentence, else the first mention's words."""
    words = [m for m in used if m.answer is None and m.char_start >= 0]
    if not words:
        return "", None
    first = min(words, key=lambda m: m.char_start)
    end = first.char_end
    if all(m.sent == first.sent for m in words):
        end = max(m.char_end for m in words)
    return text[first.char_start:end], (first.char_start, end)
