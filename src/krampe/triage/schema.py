"""Rule files under rules/: pydantic models, loading and cross-checks.

Everything the engine knows (findings, triggers, questions, lexicon, ConText cues) is
data; a bad id, a missing source or a broken pattern is an error at load time, never a
silent gap at triage time. Levels, phone numbers and the sources registry are the
policy's (krampe.policy); the rules cite them by id.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from krampe.datafile import read_model
from krampe.lang.da import danish
from krampe.policy import Level, get_policy
from krampe.triage.patterns import parse_pattern, parse_patterns

RULES_DIR = Path(__file__).resolve().parent / "rules"

Status = Literal["present", "negated", "historical", "hypothetical", "other_person"]

POLICY_FINDINGS = {
    "pe_signs", "seizure", "limb_ischaemia", "cauda_equina", "dvt_signs", "injury_signs",
    "persistent_cramp", "neuro_deficit", "frequent_disturbing", "recurrent_unexplained",
    "medication_suspected", "supplement_risk", "claudication", "nerve_compression",
    "self_care_failed",
}
POLICY_TRIGGERS = {
    "night", "exercise", "no_warmup", "overload", "standing", "sitting", "dehydration",
    "electrolytes", "age", "pregnancy", "diuretics", "statins", "medication", "alcohol",
    "caffeine", "tobacco", "cold", "footwear", "circulation", "nerve", "sleep_position",
    "stress",
}


class RuleError(ValueError):
    """A rule file is invalid (raised at load time)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_patterns(values: list[str]) -> list[str]:
    for v in values:
        parse_patterns(v)
    return values


_SLOT = re.compile(r"\{([a-z])\}")


class Use(_Strict):
    """A concept's (or trigger's) use of a named construction, its slots filled in."""

    use: str
    x: str
    y: str | None = None
    sources: list[str] = Field(min_length=1)

    def slots(self) -> dict[str, str]:
        return {k: v for k, v in (("x", self.x), ("y", self.y)) if v is not None}


class Construction(_Strict):
    doc: str
    forms: list[str] = Field(min_length=1)

    @field_validator("forms")
    @classmethod
    def _forms(cls, v: list[str]) -> list[str]:
        for form in v:
            if not _SLOT.search(form):
                raise ValueError(f"form {form!r} has no slot")
            parse_patterns(_SLOT.sub("x", form))
        return v

    def compile(self, use: Use) -> list[str]:
        """The written patterns of one use: each form whose slots are exactly the use's."""
        slots = use.slots()
        out = []
        for form in self.forms:
            if set(_SLOT.findall(form)) == set(slots):
                out.append(_SLOT.sub(lambda m: slots[m.group(1)], form))
        return out


class ConstructionsFile(_Strict):
    constructions: dict[str, Construction]


class Concept(_Strict):
    role: Literal["symptom", "location", "context", "marker"] = "symptom"
    patterns: list[str] = []
    constructions: list[Use] = []
    exclude: list[str] = []
    suppressed_by: list[str] = []

    _p = field_validator("patterns", "exclude")(_check_patterns)


class LexiconFile(_Strict):
    concepts: dict[str, Concept]
    typo_targets: list[str] = []
    # English words matched only inside a Danish text: alone they do not make it understood
    english_words: list[str] = []

    @field_validator("typo_targets")
    @classmethod
    def _once(cls, v: list[str]) -> list[str]:
        repeated = sorted({w for w in v if v.count(w) > 1})
        if repeated:
            raise ValueError(f"typo_targets repeats {repeated}")
        return v


class Rule(_Strict):
    all: list[str] = Field(min_length=1)
    any: list[str] = []
    none: list[str] = []
    none_in_sentence: list[str] = []
    # none present in the first `all` mention's clause (its sentence up to a comma, "men")
    none_in_clause: list[str] = []
    unless_in_sentence: list[str] = []
    none_later_in_sentence: list[str] = []
    # every `all` mention within this many tokens of the first, in its sentence
    within: int | None = Field(default=None, ge=1)
    # an `any` mention in the sentence of the first `all` mention or this many sentences
    # from it
    any_sentences: int | None = Field(default=None, ge=0)


class Finding(_Strict):
    id: str
    level: Level
    label: str
    sources: list[str] = Field(min_length=1)
    key: list[str] = []
    rules: list[Rule] = Field(min_length=1)
    # Triggers this finding names when present (claudication: the circulation)
    triggers: list[str] = []

    @field_validator("level")
    @classmethod
    def _not_self_care(cls, v: Level) -> Level:
        if v == "self_care":
            raise ValueError("a finding sends the person somewhere: not self_care")
        return v


class FindingsFile(_Strict):
    findings: list[Finding]


class Trigger(_Strict):
    id: str
    label: str
    sources: list[str] = Field(min_length=1)
    patterns: list[str] = []
    constructions: list[Use] = []
    exclude: list[str] = []
    suppressed_by: list[str] = []
    # A circumstance of a cramp (when or where it came) is not counted in a sentence that
    # tells of one of these signs and of no cramp ("i nat blev hun stakåndet"): it dates
    # the sign, not a cramp.
    not_beside: list[str] = []
    # Not counted in a description that tells of no cramp at all and names no symptom nor
    # limb in the trigger's sentence (a time that dates something else).
    needs_cramp: bool = False
    # Named in a list of remedies tried (a sentence with two or more self-care mentions:
    # "udstrækning, vand, magnesium, nye sko"), it is one of them, not a cause.
    among_remedies: bool = False

    _p = field_validator("patterns", "exclude")(_check_patterns)


class TriggersFile(_Strict):
    triggers: list[Trigger]


class Question(_Strict):
    """One screening question: one route (a sign) of one red flag."""

    id: str
    finding: str
    text: str
    text_other: str  # when a relative is the patient: {person}, {persons}
    yes_signs: list[str] = Field(min_length=1)
    settled_by: list[str] = Field(min_length=1)
    settled_when: Literal["any", "all"] = "any"
    absent_if: list[str] = []
    completes: str | None = None
    watch: str
    sources: list[str] = Field(min_length=1)


class ScreenText(_Strict):
    emergency: str
    urgent: str


class Screen(_Strict):
    order: list[str] = Field(min_length=1)
    lead: ScreenText
    lead_other: ScreenText
    provisional: str
    safety_net: ScreenText
    someone: str  # the patient when no relative noun is found
    episode: list[str] = Field(min_length=1)  # patterns: a symptom happening now

    _p = field_validator("episode")(_check_patterns)
    sources: list[str] = Field(min_length=1)


class QuestionsFile(_Strict):
    screen: Screen
    questions: list[Question]


ContextCategory = Literal[
    "NEGATED_EXISTENCE", "HISTORICAL", "HYPOTHETICAL", "FAMILY", "FAMILY_HISTORY",
    "FAMILY_PAST", "TERMINATE", "SUBJECT_SWITCH", "PRESENT_TIME", "CONSEQUENT", "PSEUDO",
]


class ContextRule(_Strict):
    literal: str
    category: ContextCategory
    direction: Literal["FORWARD", "BACKWARD", "BIDIRECTIONAL", "TERMINATE", "PSEUDO"]
    max_scope: int | None = Field(default=None, ge=1)
    allowed_types: list[str] | None = None
    terminated_by: list[str] = []
    # A TERMINATE cue that leaves these scopes running ("min søster har epilepsi og får
    # anfald": a verb after "og" shares the relative as its subject)
    spares: list[str] = []
    # A condition ("hvis man har ...") the writer then says is their own case ("det er
    # præcis sådan, det er"): this cue is lifted when the text has one of `own_case`.
    own_case_lifts: bool = False

    @field_validator("literal")
    @classmethod
    def _literal(cls, v: str) -> str:
        parse_pattern(v)
        return v


class GenericQuestions(_Strict):
    starts: str  # pattern for the first word(s) of a general question
    applies_to: list[str] = Field(min_length=1)  # concept ids, "trigger:<id>" or "trigger:*"
    personal: list[str] = Field(min_length=1)  # anchors that make it about the writer
    # "Kan en blodprop give åndenød?": what follows one of these is a possible consequence,
    # so even symptoms after it are hypothetical.
    consequences: list[str] = []

    @field_validator("starts")
    @classmethod
    def _starts(cls, v: str) -> str:
        parse_pattern(v)
        return v

    _p = field_validator("personal", "consequences")(_check_patterns)


class ContextFile(_Strict):
    rules: list[ContextRule] = Field(min_length=1)
    generic_questions: GenericQuestions | None = None
    # A relative's conditions, medicines and history: background once the writer turns to
    # their own symptoms (concept ids, "trigger:<id>" or "trigger:*").
    background: list[str] = []
    # The answer to a yes/no question just asked, when it denies it ("Hævet? Nej."): a
    # pattern at the start of the next sentence. Open questions ("hvorfor ...?") start with
    # one of `open_questions` and are never answered so.
    answers_no: list[str] = []
    open_questions: str | None = None
    # A verb that opens a yes/no clause after an open question in the same sentence
    # ("Hvornår får du dem, og er læggen hævet?"): that clause is what a "nej" answers.
    yes_no_verbs: str | None = None
    self_patient: list[str] = []
    # A sentence opening with one of these after a sentence that named a relative speaks
    # of that relative ("Jeg ringer for min far. Han har epilepsi.").
    relative_pronouns: str | None = None
    # An apposition after a relative, behind a comma, a bracket or a dash ("min mor (hende
    # med blodpropperne)", "min far, ham med hjertet"): the relative's scope goes on.
    appositions: str | None = None
    # Linking words a sentence may open with before such a pronoun ("Men hendes læg ...").
    linking_words: list[str] = []
    # Words that join a yes/no clause to the open question before it ("..., og er den
    # hævet?"), like a comma.
    clause_joiners: list[str] = []
    # The writer saying a condition they described is their own case ("det er præcis
    # sådan, det er", "sådan har jeg det"): cues marked `own_case_lifts` do not apply.
    own_case: list[str] = []

    _a = field_validator("answers_no", "self_patient", "own_case")(_check_patterns)


class Rules(BaseModel):
    """All rule files, validated and cross-checked."""

    model_config = ConfigDict(frozen=True)

    lexicon: LexiconFile
    constructions: dict[str, Construction]
    findings: dict[str, Finding]
    triggers: dict[str, Trigger]
    questions: list[Question]
    screen: Screen
    context: ContextFile


_M = TypeVar("_M", bound=BaseModel)


def _read(path: Path, model: type[_M]) -> _M:
    return read_model(path, model, RuleError)


def load_rules(directory: Path = RULES_DIR) -> Rules:
    """Load and cross-check every rule file in `directory`; RuleError when anything is off."""
    d = Path(directory)
    sources = get_policy().sources()
    lexicon_f = _read(d / "lexicon_da.yaml", LexiconFile)
    findings_f = _read(d / "findings.yaml", FindingsFile)
    triggers_f = _read(d / "triggers.yaml", TriggersFile)
    questions_f = _read(d / "questions.yaml", QuestionsFile)
    context_f = _read(d / "context_da.yaml", ContextFile)
    constructions = _read(d / "constructions.yaml", ConstructionsFile).constructions

    errors: list[str] = []

    def need_uses(where: str, uses: list[Use]) -> None:
        """Each use names a construction, has a form for its slots, and compiles."""
        for u in uses:
            cons = constructions.get(u.use)
            if cons is None:
                errors.append(f"{where}: unknown construction {u.use!r}")
                continue
            need_sources(f"{where} ({u.use})", u.sources)
            written = cons.compile(u)
            if not written:
                errors.append(f"{where}: construction {u.use!r} has no form with slots "
                              f"{sorted(u.slots())}")
            for text in written:
                try:
                    parse_patterns(text)
                except ValueError as exc:
                    errors.append(f"{where} ({u.use}): {exc}")

    def need_sources(where: str, ids: list[str]) -> None:
        for sid in ids:
            if sid not in sources:
                errors.append(f"{where}: unknown source {sid!r}")

    concepts = lexicon_f.concepts
    for cid, c in concepts.items():
        if not c.patterns and not c.constructions:
            errors.append(f"lexicon_da.yaml {cid}: no patterns and no constructions")
        need_uses(f"lexicon_da.yaml {cid}", c.constructions)
        for ref in c.suppressed_by:
            if ref not in concepts:
                errors.append(f"lexicon_da.yaml {cid}: unknown concept {ref!r} in suppressed_by")

    def need_concept(where: str, ref: str) -> None:
        if ref.split("@", 1)[0] not in concepts:
            errors.append(f"{where}: unknown concept {ref!r}")
        if "@" in ref and ref.split("@", 1)[1] not in ("historical", "hypothetical"):
            errors.append(f"{where}: only '@historical' or '@hypothetical' may follow a "
                          f"concept ({ref!r})")

    findings = {}
    for f in findings_f.findings:
        if f.id in findings:
            errors.append(f"findings.yaml: duplicate finding {f.id!r}")
        findings[f.id] = f
        if f.id not in POLICY_FINDINGS:
            errors.append(f"findings.yaml: {f.id!r} is not a finding of the policy")
        need_sources(f"findings.yaml {f.id}", f.sources)
        for ref in f.key:
            need_concept(f"findings.yaml {f.id} key", ref)
        for rule in f.rules:
            for ref in (*rule.all, *rule.any, *rule.none, *rule.none_in_sentence,
                        *rule.none_in_clause, *rule.unless_in_sentence,
                        *rule.none_later_in_sentence):
                need_concept(f"findings.yaml {f.id}", ref)
    missing = POLICY_FINDINGS - set(findings)
    if missing:
        errors.append(f"findings.yaml: missing policy findings {sorted(missing)}")

    triggers = {}
    for t in triggers_f.triggers:
        if t.id in triggers:
            errors.append(f"triggers.yaml: duplicate trigger {t.id!r}")
        triggers[t.id] = t
        need_sources(f"triggers.yaml {t.id}", t.sources)
        if not t.patterns and not t.constructions:
            errors.append(f"triggers.yaml {t.id}: no patterns and no constructions")
        need_uses(f"triggers.yaml {t.id}", t.constructions)
    if set(triggers) != POLICY_TRIGGERS:
        errors.append(
            "triggers.yaml: trigger ids must be the policy's 22 "
            f"(unknown {sorted(set(triggers) - POLICY_TRIGGERS)}, "
            f"missing {sorted(POLICY_TRIGGERS - set(triggers))})"
        )
    for f in findings.values():
        for tid in f.triggers:
            if tid not in triggers:
                errors.append(f"findings.yaml {f.id}: unknown trigger {tid!r}")
    for t in triggers.values():
        for ref in t.suppressed_by:
            if ref not in triggers:
                errors.append(f"triggers.yaml {t.id}: unknown trigger {ref!r} in suppressed_by")
        for ref in t.not_beside:
            if ref not in lexicon_f.concepts:
                errors.append(f"triggers.yaml {t.id}: unknown concept {ref!r} in not_beside")

    qids: set[str] = set()
    for q in questions_f.questions:
        if q.id in qids:
            errors.append(f"questions.yaml: duplicate question {q.id!r}")
        if q.completes is not None and q.completes not in qids:
            errors.append(f"questions.yaml {q.id}: completes unknown or later question")
        qids.add(q.id)
        if q.finding not in findings:
            errors.append(f"questions.yaml {q.id}: unknown finding {q.finding!r}")
        if q.id in findings and q.id != q.finding:
            errors.append(f"questions.yaml {q.id}: id clashes with a finding id")
        need_sources(f"questions.yaml {q.id}", q.sources)
        for ref in (*q.yes_signs, *q.settled_by, *q.absent_if):
            need_concept(f"questions.yaml {q.id}", ref)
    screen = questions_f.screen
    need_sources("questions.yaml screen", screen.sources)
    red_levels = get_policy().red_flag_levels()
    red_flags = [f.id for f in findings.values() if f.level in red_levels]
    if sorted(screen.order) != sorted(red_flags) or len(set(screen.order)) != len(red_flags):
        errors.append("questions.yaml screen.order must list every red flag once")
    for fid in red_flags:
        if not any(q.finding == fid and q.completes is None for q in questions_f.questions):
            errors.append(f"questions.yaml: red flag {fid!r} has no screening question")
    for q in questions_f.questions:
        if q.finding in findings and findings[q.finding].level not in red_levels:
            errors.append(f"questions.yaml {q.id}: screens {q.finding!r}, not a red flag")

    negation = danish().cues.negation
    gq = context_f.generic_questions
    for ref in [*(gq.applies_to if gq else []), *context_f.background]:
        if ref != "trigger:*" and ref.removeprefix("trigger:") not in triggers:
            need_concept("context_da.yaml generic_questions", ref)
    for i, cr in enumerate(context_f.rules):
        for ref in cr.allowed_types or []:
            if ref == "trigger:*" or ref.removeprefix("trigger:") in triggers:
                continue
            need_concept(f"context_da.yaml rule {i} ({cr.literal})", ref)
        if (cr.direction == "TERMINATE") != (
            cr.category in ("TERMINATE", "SUBJECT_SWITCH", "PRESENT_TIME", "CONSEQUENT")
        ):
            errors.append(f"context_da.yaml rule {i}: TERMINATE direction and category go together")
        if (cr.direction == "PSEUDO") != (cr.category == "PSEUDO"):
            errors.append(f"context_da.yaml rule {i}: PSEUDO direction and category go together")
        # The negation vocabulary is the language layer's: a one-word negation cue of the
        # rules is one of its words, so search, triage and the content checks agree.
        if (cr.category == "NEGATED_EXISTENCE" and cr.direction == "FORWARD"
                and " " not in cr.literal and not cr.literal.startswith("@")
                and cr.literal not in negation):
            errors.append(f"context_da.yaml rule {i}: {cr.literal!r} is not in the layer's "
                          "negation words (krampe.lang.da cues.yaml)")

    if errors:
        raise RuleError("; ".join(errors))
    return Rules(
        lexicon=lexicon_f,
        constructions=constructions,
        findings=findings,
        triggers=triggers,
        questions=list(questions_f.questions),
        screen=questions_f.screen,
        context=context_f,
    )


@lru_cache(maxsize=1)
def get_rules() -> Rules:
    return load_rules(RULES_DIR)

