"""`krampe triage`: how urgently to act on a Danish description (contract JSON or text)."""

from __future__ import annotations

import json
import sys

import typer

from krampe.cli.text import wrap
from krampe.errors import InputError, KrampeError

_YES = {"ja", "j", "yes", "y", "true", "1"}
_NO = {"nej", "n", "no", "false", "0"}
_HEADLINE = {
    "emergency": "RING 112 NU",
    "urgent": "Søg læge i dag",
    "routine": "Bestil tid hos lægen",
    "self_care": "Det kan du selv gøre",
}
_STATUS = {
    "present": "til stede",
    "negated": "afkræftet i teksten",
    "historical": "tidligere",
    "hypothetical": "kun som 'hvis'",
    "other_person": "om en anden person",
}


def parse_yes_no(raw: str) -> bool | None:
    value = raw.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


def parse_answers(items: list[str] | None) -> dict[str, bool]:
    """`--answer swelling=yes` (ja/nej also work) -> {"swelling": True}."""
    out: dict[str, bool] = {}
    for item in items or []:
        key, sep, raw = item.partition("=")
        value = parse_yes_no(raw) if sep else None
        if not key.strip() or value is None:
            raise InputError(
                f"--answer skal skrives ID=ja eller ID=nej (fik {item!r}).", code="invalid_answers"
            )
        out[key.strip()] = value
    return out


def _wrap(text: str, indent: str = "") -> list[str]:
    return wrap(text, indent)


def render(result: dict) -> str:
    from krampe.triage.schema import get_rules

    rules = get_rules()
    if not result["understood"]:
        return "\n".join(["Jeg kunne ikke forstå beskrivelsen.", "", *_wrap(result["action"])])
    level = result["level"]
    lines = [f"== {_HEADLINE[level]} ==", *_wrap(result["action"]), ""]
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
        lines += _wrap(f"Hvis det sker ({item['evidence']}): {item['action']}", "  ")
    if result["questions"]:
        lines += ["", "Svar gerne på (krampe triage --answer ID=ja|nej ...):"]
        for q in result["questions"]:
            lines += _wrap(f"[{q['id']}] {q['text']}", "  ")
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
    if result["sources"]:
        lines += ["", "Kilder: " + "; ".join(
            s["source"] + (f" › {s['section']}" if s.get("section") else "")
            for s in result["sources"]
        )]
    return "\n".join(lines)


def _batch(region: str | None, answers: dict[str, bool]) -> None:
    from krampe.triage import triage

    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            out = triage(line.rstrip("\n"), region=region, answers=answers).model_dump()
        except KrampeError as exc:
            out = exc.to_dict()
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def _interactive(region: str | None, answers: dict[str, bool], as_json: bool) -> dict:
    from krampe.triage import triage

    text = typer.prompt("Beskriv kort, hvad der sker (fx 'min læg er hævet og øm')")
    result = triage(text, region=region, answers=answers)
    while result.questions:
        q = result.questions[0]
        value = None
        while value is None:
            value = parse_yes_no(typer.prompt(f"{q.text} (ja/nej)"))
            if value is None:
                typer.echo("Svar ja eller nej.")
        answers[q.id] = value
        result = triage(text, region=region, answers=answers)
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
            None, "--answer", help="Svar på et opfølgende spørgsmål: ID=ja eller ID=nej."
        ),
        interactive: bool = typer.Option(
            False, "--interactive", help="Stil de opfølgende spørgsmål i terminalen."
        ),
    ) -> None:
        """Hvor hurtigt skal du handle? Ud fra en beskrivelse på dansk."""
        from krampe.cli import fail
        from krampe.triage import triage
        from krampe.triage.actions import normalise_region
        from krampe.triage.schema import get_rules

        try:
            answers = parse_answers(answer)
            if region is not None:
                region = normalise_region(region, get_rules())
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
                _batch(region, answers)
                return
            else:
                result = triage(text, region=region, answers=answers).model_dump()
        except KrampeError as exc:
            fail(exc.message)
            return
        typer.echo(json.dumps(result, ensure_ascii=False) if as_json else render(result))
