"""The triage engine: Danish text -> mentions -> ConText status -> findings -> level.

Compiled once from the rule files (`Engine.get()`); `triage()` in this package is the
public call. Nothing here depends on the clock.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from krampe.errors import InputError
from krampe.textinput import validate_text
from krampe.triage import actions, advice
from krampe.triage.context import ContextEngine, Mention
from krampe.triage.patterns import Matcher, Token, longest_per_owner, parse_pattern
from krampe.triage.result import FindingOut, IfThen, QuestionOut, TriageResult
from krampe.triage.schema import Finding, Rule, Rules, get_rules
from krampe.triage.text import Sentence, TypoFixer, set_abbreviations, tokenize

_RANK = {"self_care": 0, "routine": 1, "urgent": 2, "emergency": 3}
_REPORT_ORDER = ("hypothetical", "negated", "historical", "other_person")
_TRIGGER = "trigger:"


@dataclass
class _Eval:
    finding: Finding
    status: str
    used: list[Mention]


class Engine:
    def __init__(self, rules: Rules):
        self.rules = rules
        concepts = rules.lexicon.concepts
        pats = []
        excl = []
        self.role: dict[str, str] = {}
        self.suppressed_by: dict[str, list[str]] = {}
        for cid, c in concepts.items():
            self.role[cid] = c.role
            self.suppressed_by[cid] = list(c.suppressed_by)
            pats += [parse_pattern(p, owner=cid) for p in c.patterns]
            excl += [parse_pattern(p, owner=cid) for p in c.exclude]
        for tid, t in rules.triggers.items():
            key = _TRIGGER + tid
            self.role[key] = "trigger"
            self.suppressed_by[key] = [_TRIGGER + s for s in t.suppressed_by]
            pats += [parse_pattern(p, owner=key) for p in t.patterns]
            excl += [parse_pattern(p, owner=key) for p in t.exclude]
        self.matcher = Matcher(pats)
        self.excluder = Matcher(excl)
        self.context = ContextEngine(list(rules.context.rules), rules.context.generic_questions)
        tn = rules.textnorm
        set_abbreviations(set(tn.abbreviations))
        self._english_words = frozenset(w.lower() for w in rules.lexicon.english_words)
        targets = set(rules.lexicon.typo_targets)
        for p in pats:
            for item in p.items:
                targets.update(a.value for a in item.alts if a.kind == "exact")
        known = set(tn.known_words)
        self._exact_words = frozenset(targets)
        self.fixer = TypoFixer(
            targets - known,
            known,
            self._is_lexical,
            tn.typo.min_length,
            tn.typo.max_distance_short,
            tn.typo.max_distance_long,
            tn.typo.long_from,
        )

    def clear_caches(self) -> None:
        """Forget every per-word cache (the speed bench measures words never seen)."""
        self.fixer.fix.cache_clear()
        for m in (self.matcher, self.excluder, self.context.matcher):
            m.clear_cache()

    def _is_lexical(self, form: str) -> bool:
        # Only exact lexicon words are left alone: "læggn" also matches the prefix "læg*",
        # but its nearest word "læggen" is what the writer meant (an extra form is harmless).
        return form in self._exact_words

    @classmethod
    @lru_cache(maxsize=1)
    def get(cls) -> Engine:
        return cls(get_rules())

    # --- reading --------------------------------------------------------------------
    def mentions(self, text: str) -> tuple[list[Token], list[Sentence], list[Mention]]:
        toks, sents = tokenize(text, self.fixer)
        mentions: list[Mention] = []
        for si, (s, e, _q) in enumerate(sents):
            found = longest_per_owner(self.matcher.find(toks, s, e))
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
                    )
                )
        self.context.apply(toks, sents, mentions)
        return toks, sents, mentions

    # --- policy ---------------------------------------------------------------------
    def _eval_rule(
        self, rule: Rule, by: dict[str, list[Mention]], statuses: set[str]
    ) -> list[Mention] | None:
        def pick(ref: str) -> list[Mention]:
            cid, _, extra = ref.partition("@")
            ok = statuses | ({"historical"} if extra else set())
            return [m for m in by.get(cid, ()) if m.status in ok]

        if any(m.status == "present" for ref in rule.none for m in by.get(ref, ())):
            return None
        firsts = pick(rule.all[0])
        if rule.none_in_sentence:
            firsts = [m for m in firsts if self._sentence_ok(m, rule, by)]
        if rule.none_later_in_sentence:
            firsts = [
                m for m in firsts
                if not any(o.sent == m.sent and o.start >= m.end and o.status == "present"
                           for r in rule.none_later_in_sentence for o in by.get(r, ()))
            ]
        if not firsts:
            return None
        used = [firsts[0]]
        for ref in rule.all[1:]:
            got = pick(ref)
            if not got:
                return None
            used.append(got[0])
        if rule.any:
            got = [m for ref in rule.any for m in pick(ref)]
            if not got:
                return None
            used.append(got[0])
        return used

    @staticmethod
    def _sentence_ok(m: Mention, rule: Rule, by: dict[str, list[Mention]]) -> bool:
        def here(refs: list[str]) -> bool:
            return any(o.sent == m.sent and o.status == "present" for r in refs
                       for o in by.get(r, ()))

        return not here(rule.none_in_sentence) or here(rule.unless_in_sentence)

    def evaluate(self, mentions: list[Mention]) -> list[_Eval]:
        by: dict[str, list[Mention]] = {}
        for m in mentions:
            by.setdefault(m.concept, []).append(m)
        seen_status = {m.status for m in mentions if m.is_target}
        out: list[_Eval] = []
        for f in self.rules.findings.values():
            # Cheap exit: no rule can hold unless its first concept is mentioned at all.
            if not any(r.all[0].partition("@")[0] in by for r in f.rules) and not any(
                k in by for k in f.key
            ):
                continue
            hit = self._first_rule(f, by, {"present"})
            if hit is not None:
                out.append(_Eval(f, "present", hit))
                continue
            for status in _REPORT_ORDER:
                if status not in seen_status:
                    continue
                hit = self._first_rule(f, by, {status, "present"}, need=status)
                if hit is None:
                    key = [m for k in f.key for m in by.get(k, ()) if m.status == status]
                    hit = key[:1] or None
                if hit is not None:
                    out.append(_Eval(f, status, hit))
                    break
        return out

    def _first_rule(self, f: Finding, by, statuses: set[str], need: str | None = None):
        for rule in f.rules:
            used = self._eval_rule(rule, by, statuses)
            if used is not None and (need is None or any(m.status == need for m in used)):
                return used
        return None

    # --- the call -------------------------------------------------------------------
    def triage(
        self,
        text: object,
        region: str | None = None,
        answers: Mapping[str, bool] | None = None,
    ) -> TriageResult:
        clean = validate_text(text, what="beskrivelsen")
        region_id = actions.normalise_region(region, self.rules)
        answers = self._check_answers(answers)
        _toks, _sents, mentions = self.mentions(clean)
        evals = self.evaluate(mentions)

        present_ids = [e.finding.id for e in evals if e.status == "present"]
        findings = [
            FindingOut(id=e.finding.id, evidence=_evidence(clean, e.used), status=e.status)
            for e in evals
        ]
        # Answers: a "yes" makes the question's finding present (the diary may pass finding
        # ids directly); a "no" only means the question is not asked again.
        for key, yes in answers.items():
            if not yes:
                continue
            fid = self._question_finding(key)
            if fid not in present_ids:
                present_ids.append(fid)
                findings = [f for f in findings if f.id != fid]
                findings.append(FindingOut(id=fid, evidence=f"svar: ja ({key})", status="present"))

        # An all-English text ("My calf is swollen and red") is not understood, even though
        # English words mixed into a Danish description count ("min calf er swollen og rød").
        english = self._english_words
        understood = any(
            clean[m.char_start:m.char_end].lower() not in english for m in mentions
        ) or any(answers.values())
        levels = [self.rules.findings[f].level for f in present_ids]
        level = max(levels, key=_RANK.__getitem__) if levels else "self_care"
        if not understood:
            return TriageResult(
                text=clean, understood=False, level=None,
                action=actions.not_understood_action(self.rules, region_id),
                findings=[], triggers=[], trigger_details=[], questions=[], if_then=[],
                advice=[], sources=[],
            )

        seizure = "seizure" in present_ids
        triggers: list[str] = []
        if not seizure:  # a seizure is not a muscle cramp: cramp triggers do not apply
            for m in mentions:
                if m.role == "trigger" and m.status == "present":
                    tid = m.concept[len(_TRIGGER):]
                    if tid not in triggers:
                        triggers.append(tid)

        questions = self._questions(mentions, present_ids, answers, level)
        if_then = [
            IfThen(
                id=e.finding.id,
                evidence=_evidence(clean, e.used),
                level=e.finding.level,
                action=actions.action_for(e.finding.level, self.rules, region_id),
            )
            for e in evals
            # red flags only (urgent/emergency) that would raise the level
            if e.status == "hypothetical" and _RANK[e.finding.level] >= _RANK["urgent"]
            and _RANK[e.finding.level] > _RANK[level]
        ]
        adv, details, refs = advice.lookup(self.rules, level, present_ids, triggers)
        return TriageResult(
            text=clean,
            understood=True,
            level=level,
            action=actions.action_for(level, self.rules, region_id),
            findings=findings,
            triggers=triggers,
            trigger_details=details,
            questions=questions,
            if_then=if_then,
            advice=adv,
            sources=refs,
        )

    def _check_answers(self, answers: Mapping[str, bool] | None) -> dict[str, bool]:
        if answers is None:
            return {}
        if not isinstance(answers, Mapping):
            raise InputError(
                "Svarene skal være et objekt med ja/nej-værdier.", code="invalid_answers"
            )
        out: dict[str, bool] = {}
        qids = {q.id for q in self.rules.questions}
        for key, value in answers.items():
            if key not in qids and key not in self.rules.findings:
                raise InputError(
                    f"Ukendt spørgsmål {key!r}. Brug et af: {', '.join(sorted(qids))}.",
                    code="unknown_answer",
                )
            if not isinstance(value, bool):
                raise InputError(
                    f"Svaret på {key!r} skal være ja eller nej.", code="invalid_answers"
                )
            out[key] = value
        return out

    def _question_finding(self, key: str) -> str:
        for q in self.rules.questions:
            if q.id == key:
                return q.finding
        return key

    def _questions(self, mentions, present_ids, answers, level) -> list[QuestionOut]:
        if level == "emergency":
            return []
        present = {m.concept for m in mentions if m.status == "present"}
        answered = {m.concept for m in mentions if m.status in ("present", "negated")}
        out = []
        for q in self.rules.questions:
            if q.id in answers or q.finding in answers or q.finding in present_ids:
                continue
            if _RANK[self.rules.findings[q.finding].level] <= _RANK[level]:
                continue
            if not present.intersection(q.asked_when):
                continue
            if answered.intersection(q.answered_by):
                continue
            out.append(QuestionOut(id=q.id, text=q.text))
        return out


def _evidence(text: str, used: list[Mention]) -> str:
    """Exact words of the input: the span of the mentions if they share a sentence."""
    if not used:
        return ""
    first = min(used, key=lambda m: m.char_start)
    same = [m for m in used if m.sent == first.sent]
    if len(same) == len(used):
        return text[first.char_start : max(m.char_end for m in used)]
    return text[first.char_start : first.char_end]
