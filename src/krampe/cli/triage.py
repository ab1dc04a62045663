"""`krampe triage`: how urgently to act on a Danish description (contract JSON or text)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from krampe.cli.clinic import booking_lines, clinic_option, load_profile
from krampe.cli.text import fail, wrap
from krampe.clinic import ClinicProfile, booking
from krampe.content import pack
from krampe.errors import InputError, KrampeError
from krampe.policy import Level, RegionId, get_policy
from krampe.triage import triage
from krampe.triage.schema import get_rules

_YES = {"ja", "j", "yes", "y", "true", "1"}
_NO = {"nej", "n", "no", "false", "0"}
_UNSURE = {"ved-ikke", "ved ikke", "vedikke", "ved_ikke", "?", "vi", "unknown", "dont-know"}


class _Unanswered:
    """No usable answer typed (distinct from "ved ikke", which is an answer)."""


UNANSWERED = _Unanswered()
_STATUS = {
    "present": "til stede",
    "negated": "afkræftet i teksten",
    "historical": "tidligere",
    "hypothetical": "kun som 'hvis'",
    "other_person": "om en anden person",
}


def parse_yes_no(raw: str) -> bool | _Unanswered | None:
    """ja -> True, nej -> False, ved ikke -> None, anything else -> UNANSWERED."""
    value = " ".join(raw.strip().lower().split())
    if value in _YES:
        return True
    if value in _NO:
        return False
    if value in _UNSURE:
        return None
    return UNANSWERED


def parse_answers(items: list[str] | None) -> dict[str, bool | None]:
    """`--answer breathing=nej` (ja/nej/ved-ikke) -> {"breathing": False}."""
    out: dict[str, bool | None] = {}
    for item in items or []:
        key, sep, raw = item.partition("=")
        value = parse_yes_no(raw) if sep else UNANSWERED
        if not key.strip() or isinstance(value, _Unanswered):
            raise InputError(
                f"--answer skal skrives ID=ja, ID=nej eller ID=ved-ikke (fik {item!r}).",
                code="invalid_answers",
            )
        out[key.strip()] = value
    return out


def _headline(level: Level) -> str:
    """The policy's headline; an emergency in capitals, where a terminal has no colour."""
    text = get_policy().level_info(level).headline
    return text.upper() if level == "emergency" else text


def _wrap(text: str, indent: str = "") -> list[str]:
    return wrap(text, indent)


def call_lines(level: Level, region: RegionId | None) -> list[str]:
    """Whom to call for the level (the web's call buttons), one per line; without a
    region, each region's out-of-hours number on its own line."""
    policy = get_policy()
    lines = []
    for call in policy.calls(level, region):
        if call.kind == "emergency":
            lines.append(f"  Ring {call.number} ({call.label})")
        elif call.number:
            lines.append(f"  {call.label}: {call.number} ({call.note})")
        elif call.kind == "out_of_hours":
            lines.append(f"  {call.label}, i din region (eller brug --region):")
            lines += [f"    {r.name}: {r.number}" for r in policy.regions()]
        else:
            lines.append(f"  {(call.note or '').capitalize()}: ring til {call.label}.")
    return lines


def render(result: dict, region: RegionId | None = None, book: dict | None = None) -> str:
    """The care card in text; `book` is a clinic's booking (after whom to call)."""
    rules = get_rules()
    policy = get_policy()
    lines: list[str] = []
    if not result["understood"]:
        lines += ["Jeg kunne ikke forstå beskrivelsen.", ""]
    level = result["level"]
    complete = result["screen"]["complete"]
    if level is not None and result["understood"]:
        # The care card: headline, the one short action, whom to call.
        head = _headline(level)
        head = head if complete else f"Foreløbigt: {head}"
        lines.append(f"== {head} ==")
        lines += _wrap(policy.short_action(level))
        lines += call_lines(level, region)
        lines += booking_lines(book)
        if not complete:
            lines += _wrap(rules.screen.provisional)
        lines.append("")
    else:
        if level is not None:
            lines.append(f"== {_headline(level)} ==")
        lines += [*_wrap(result["action"]), ""]
    shown = [f for f in result["findings"] if f["status"] == "present"]
    if shown:
        lines.append("Det lægger jeg vægt på:")
        for f in shown:
            label = rules.findings[f["id"]].label
            lines.append(f"  - {label}: \"{f['evidence']}\"")
    other = [f for f in result["findings"] if f["status"] != "present"]
    if other:
        lines.append("Nævnt, men tæller ikke nu:")
        for f in other:
            label = rules.findings[f["id"]].label
            lines.append(f"  - {label} ({_STATUS[f['status']]}): \"{f['evidence']}\"")
    for item in result["if_then"]:
        if item.get("via") == "answer":
            lines += _wrap(f"Du svarede 'ved ikke' ({item['evidence']}) {item['action']}", "  ")
        else:
            lines += _wrap(f"Hvis det sker ({item['evidence']}): {item['action']}", "  ")
    told = [r for r in result["screen"]["resolved"] if r["by"] == "text"]
    if told and not complete:
        lines += ["", "Det har du allerede svaret på i din beskrivelse "
                  "(ret mig, hvis jeg tager fejl):"]
        for r in told:
            q = next(q for q in rules.questions if q.id == r["question"])
            lines += _wrap(f"[{q.id}] {q.text} Du skrev: «{r['evidence']}»", "  ")
    if result["questions"]:
        lines += ["", "Før rådene er endelige, skal disse spørgsmål besvares "
                  "(krampe triage --interactive, eller --answer ID=ja|nej|ved-ikke):"]
        group = None
        for q in result["questions"]:
            if q["group"] != group:
                group = q["group"]
                lines.append(f"  {group}")
            lines += _wrap(f"[{q['id']}] {q['text']}", "    ")
    if result["safety_net"]:
        lines += ["", "Hold øje med:"]
        for line in result["safety_net"]:
            lines += _wrap(line, "  ")
    if result["trigger_details"]:
        lines += ["", "Mulige udløsere:"]
        for t in result["trigger_details"]:
            lines.append(f"  - {t['label']}")
            if t["advice"]:
                lines += _wrap(t["advice"], "      ")
    if result["advice"]:
        lines += ["", "Råd:"]
        for a in result["advice"]:
            lines += _wrap(a, "  ")
    if result["sources"]:  # articles of the pack, named by their titles
        lines += ["", "Kilder: " + "; ".join(
            (pack.article_title(s["source"]) or s["source"])
            + (f" › {s['section']}" if s.get("section") else "")
            for s in result["sources"]
        )]
    return "\n".join(lines)


def _batch(region: str | None, answers: dict[str, bool | None],
           profile: ClinicProfile | None = None) -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            out = triage(line.rstrip("\n"), region=region, answers=answers).model_dump()
            if profile is not None:
                out["booking"] = booking(profile, out)
        except KrampeError as exc:
            out = exc.to_dict()
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _ask(prompt: str) -> bool | None:
    while True:
        value = parse_yes_no(typer.prompt(f"{prompt} (ja/nej/ved ikke)"))
        if not isinstance(value, _Unanswered):
            return value
        typer.echo("Svar ja, nej eller ved ikke.")


def _interactive(
    region: str | None, answers: dict[str, bool | None], as_json: bool
) -> dict:
    """Asks the open red flags level by level, as NHS 111 does: "Har du noget af dette?"
    with the list; "nej" settles them all, "ja" or "ved ikke" goes through them one by one."""
    text = typer.prompt("Beskriv kort, hvad der sker (fx 'min læg er hævet og øm')")
    result = triage(text, region=region, answers=answers)
    while result.questions and not result.screen.complete:
        group = result.questions[0].group
        qs = [q for q in result.questions if q.group == group]
        if len(qs) > 1:
            typer.echo(group)
            for q in qs:
                typer.echo(f"  - {q.text}")
            value = _ask("Noget af dette?")
            if value is False:
                answers.update(dict.fromkeys((q.id for q in qs), False))
                result = triage(text, region=region, answers=answers)
                continue
        for q in qs:
            answers[q.id] = _ask(q.text)
            result = triage(text, region=region, answers=answers)
            if result.screen.complete:
                break
    if not as_json:
        typer.echo("")
    return result.model_dump()


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""

    @app.command("triage")
    def triage_cmd(
        text: str | None = typer.Argument(
            None, help="Beskrivelsen (eller - for én beskrivelse pr. linje på stdin med --json)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Skriv JSON efter kontrakten."),
        region: str | None = typer.Option(
            None, "--region", help="hovedstaden, sjaelland, syddanmark, midtjylland, nordjylland."
        ),
        answer: list[str] | None = typer.Option(
            None, "--answer", help="Svar på et spørgsmål: ID=ja, ID=nej eller ID=ved-ikke."
        ),
        interactive: bool = typer.Option(
            False, "--interactive", help="Stil de opfølgende spørgsmål i terminalen."
        ),
        clinic: Path | None = clinic_option(),
    ) -> None:
        """Hvor hurtigt skal du handle? Ud fra en beskrivelse på dansk."""
        profile = load_profile(clinic)
        try:
            answers = parse_answers(answer)
            if region is not None:
                region = get_policy().normalise_region(region)
            if interactive:
                if text is not None:
                    raise InputError("--interactive spørger selv om beskrivelsen; udelad teksten.",
                                     code="invalid_usage")
                result = _interactive(region, answers, as_json)
            elif text is None:
                raise InputError(
                    "Skriv en beskrivelse, fx: krampe triage \"min læg er hævet og øm\"",
                    code="empty",
                )
            elif text == "-":
                if not as_json:
                    raise InputError("Læsning fra stdin (-) kræver --json.", code="invalid_usage")
                _batch(region, answers, profile)
                return
            else:
                result = triage(text, region=region, answers=answers).model_dump()
        except KrampeError as exc:
            fail(exc.message)
            return
        book = booking(profile, result)
        if profile is not None:  # without a profile the JSON is as it always was
            result = {**result, "booking": book}
        typer.echo(json.dumps(result, ensure_ascii=False) if as_json
                   else render(result, region, book))
