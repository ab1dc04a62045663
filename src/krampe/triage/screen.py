"""The red-flag screen: which signs of the emergency and urgent findings are still open.

Free text never closes the safety check on a guess. Each red flag has one question per
route (sign); a route is settled by the text only when the text settles exactly what the
question asks (a negated sign, or a sign that rules it out such as "krampen gik over"),
or by an answer. A flag stays open until every route is settled; `open` holds the open
flags above the current level, in the policy's order (rules/questions.yaml).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Literal

from krampe.lang.da import danish
from krampe.policy import Level, RegionId, get_policy
from krampe.triage.context import Mention
from krampe.triage.patterns import Token
from krampe.triage.result import QuestionOut, Resolved
from krampe.triage.schema import Question, Rules

# Possessives turned round to address the writer about their relative ("min far" -> "din far").
_YOUR = {"min": "din", "mit": "dit", "mine": "dine", "vores": "jeres", "hans": "hans",
         "hendes": "hendes"}


@dataclass
class ScreenState:
    complete: bool
    open: list[str]
    resolved: list[Resolved]
    questions: list[QuestionOut]
    unsure: list[Question] = field(default_factory=list)  # routes answered "ved ikke"


def patient(mentions: list[Mention], rules: Rules, toks: list[Token]) -> str | None:
    """"din far" when a relative is the patient (their findings are present), else None."""
    if not any(m.status == "present" and "FAMILY" in m.categories
               and m.role not in ("trigger", "context") for m in mentions):
        return None
    relatives = set(danish().cues.words("relatives"))
    for prev, tok in itertools.pairwise(toks):
        if prev.forms[0] in _YOUR and tok.forms[0] in relatives:
            return f"{_YOUR[prev.forms[0]]} {tok.text.lower()}"
    return rules.screen.someone


def question_text(q: Question, person: str | None) -> str:
    if person is None:
        return q.text
    persons = person if person.endswith("s") else f"{person}s"
    return _capital(q.text_other.format(person=person, persons=persons))


def group_text(rules: Rules, level: str, person: str | None) -> str:
    if person is None:
        return str(getattr(rules.screen.lead, level))
    return _capital(str(getattr(rules.screen.lead_other, level)).format(person=person))


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def _settled_by_text(
    q: Question, present: dict[str, Mention], negated: dict[str, Mention]
) -> Mention | None:
    """The words that settle this route as absent, or None when the route stays open."""
    for cid in q.absent_if:
        if cid in present:
            return present[cid]
    hits = [negated[cid] for cid in q.settled_by if cid in negated]
    if q.settled_when == "all" and len(hits) < len(q.settled_by):
        return None
    return hits[0] if hits else None


def run(
    rules: Rules,
    text: str,
    mentions: list[Mention],
    present_ids: list[str],
    answers: dict[str, bool | None],
    level: Level | None,
    person: str | None,
) -> ScreenState:
    # The first present and the first negated mention of each concept in the text.
    present: dict[str, Mention] = {}
    negated: dict[str, Mention] = {}
    for mention in mentions:
        if mention.status == "present":
            present.setdefault(mention.concept, mention)
        elif mention.status == "negated":
            negated.setdefault(mention.concept, mention)
    policy = get_policy()
    rank = policy.rank(level) if level else -1
    resolved: list[Resolved] = []
    open_flags: list[str] = []
    questions: list[QuestionOut] = []
    unsure: list[Question] = []
    for fid in rules.screen.order:
        flag = rules.findings[fid]
        if fid in present_ids:
            continue
        flag_open: list[Question] = []
        for q in _routes(rules)[fid]:
            if q.completes is not None and answers.get(q.completes) is not True:
                continue  # a completing question follows only a "ja" that left the flag open
            if q.id in answers:
                value = answers[q.id]
                status: Literal["present", "negated", "unknown"] = (
                    "present" if value else "negated" if value is False else "unknown"
                )
                worded = question_text(q, person)
                resolved.append(Resolved(finding=fid, question=q.id, question_text=worded,
                                         by="answer", status=status, evidence=worded))
                if value is None:
                    unsure.append(q)
                continue
            m = _settled_by_text(q, present, negated)
            if m is not None:
                resolved.append(Resolved(
                    finding=fid, question=q.id, question_text=question_text(q, person),
                    by="text", status="negated",
                    evidence=text[m.char_start:m.char_end], span=(m.char_start, m.char_end),
                ))
                continue
            flag_open.append(q)
        if flag_open and policy.rank(flag.level) > rank:
            open_flags.append(fid)
            questions += [_question_out(rules, q, person) for q in flag_open]
    complete = level == "emergency" or not open_flags
    if level == "emergency":
        open_flags, questions = [], []
    return ScreenState(complete=complete, open=open_flags, resolved=resolved,
                       questions=questions, unsure=unsure)


_OUT: dict[tuple[int, str, str | None], tuple[Rules, QuestionOut]] = {}


def _question_out(rules: Rules, q: Question, person: str | None) -> QuestionOut:
    """The question as the result shows it; frozen, so one object serves every result."""
    key = (id(rules), q.id, person)
    hit = _OUT.get(key)
    if hit is None or hit[0] is not rules:
        level = rules.findings[q.finding].level
        out = QuestionOut(id=q.id, text=question_text(q, person), findings=[q.finding],
                          level=level, group=group_text(rules, level, person))
        if len(_OUT) > 10_000:  # person comes from the text: keep the cache bounded
            _OUT.clear()
        hit = _OUT[key] = (rules, out)
    return hit[1]


_ROUTES: dict[int, tuple[Rules, dict[str, list[Question]]]] = {}


def _routes(rules: Rules) -> dict[str, list[Question]]:
    """The questions of each red flag, in file order (per rule set; Rules is unhashable)."""
    hit = _ROUTES.get(id(rules))
    if hit is None or hit[0] is not rules:
        out: dict[str, list[Question]] = {fid: [] for fid in rules.screen.order}
        for q in rules.questions:
            out.setdefault(q.finding, []).append(q)
        hit = _ROUTES[id(rules)] = (rules, out)
    return hit[1]


def watch_action(
    rules: Rules, level: Level, qs: list[Question], region: RegionId | None
) -> str:
    """The level's safety-net sentence naming these routes' signs ("ved pludselig
    åndenød")."""
    signs: list[str] = []
    for q in qs:
        if q.watch not in signs:
            signs.append(q.watch)
    joined = signs[0] if len(signs) == 1 else ", ".join(signs[:-1]) + " eller " + signs[-1]
    template = str(getattr(rules.screen.safety_net, level))
    return get_policy().fill(template.replace("{signs}", joined), region)


def safety_net(rules: Rules, region: RegionId | None) -> list[str]:
    """What to watch for and whom to call, one line per red-flag level."""
    lines = []
    for level in get_policy().red_flag_levels():
        qs = [q for fid in rules.screen.order if rules.findings[fid].level == level
              for q in rules.questions if q.finding == fid]
        lines.append(watch_action(rules, level, qs, region))
    return lines
