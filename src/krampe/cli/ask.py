"""`krampe ask`: answer a question from the knowledge base (the contract's JSON or text)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from krampe import core
from krampe.cli.clinic import clinic_option, load_profile
from krampe.cli.text import fail, wrap
from krampe.content import pack
from krampe.errors import InputError, KrampeError
from krampe.knowledge.kb import MAX_TOP, KnowledgeBase
from krampe.policy import get_policy

NOT_COVERED = (
    "Det spørgsmål dækker vidensbasen desværre ikke, så her er intet svar i stedet for et "
    "gæt. Prøv at spørge om krampe i læggen, fx årsager, hvad du gør under en krampe, "
    "forebyggelse eller hvornår du bør søge læge."
)


def parse_top(raw: str | None) -> int:
    if raw is None:
        return 5
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"--top skal være et helt tal mellem 1 og {MAX_TOP}.",
                         code="invalid_top") from None
    if not 1 <= value <= MAX_TOP:
        raise InputError(f"--top skal være mellem 1 og {MAX_TOP}.", code="invalid_top")
    return value


def load_kb(specs: list[str] | None) -> KnowledgeBase:
    kb = KnowledgeBase.load(specs or None)
    for warning in kb.warnings:
        typer.echo(f"advarsel: {warning}", err=True)
    return kb


def answer(kb: KnowledgeBase, question: str, top: int) -> dict:
    """The contract object: answers plus the triage banner (krampe.core.ask)."""
    return core.ask(question, kb, top).model_dump()


def render(result: dict) -> str:
    lines = [f"Spørgsmål: {result['question']}", ""]
    triage = result.get("triage") or {}
    # A red flag goes above the answers, where a person in a hurry reads first. Below
    # urgent, no verdict is shown while the red-flag screen is open.
    policy = get_policy()
    level = triage.get("level")
    screened = bool(triage) and triage["screen"]["complete"]
    urgent = level is not None and (
        policy.rank(level) >= policy.rank("urgent") or (level == "routine" and screened)
    )
    if urgent:
        lines += [*wrap(f"VIGTIGT: {triage['action']}"), ""]
    if result.get("screen_link") and level != "emergency":
        lines += [*wrap("Før du følger rådene: svar på spørgsmålene om faresignaler med "
                        "krampe triage --interactive"), ""]
    if not result["answered"]:
        lines.append(NOT_COVERED)
    else:
        lines.append("Det her siger artiklerne:" if len(result["answers"]) > 1
                     else "Det her siger artiklen:")
        for n, item in enumerate(result["answers"], start=1):
            where = item["title"] + (f" › {item['section']}" if item.get("section") else "")
            lines += ["", f"{n}. {where}"]
            for paragraph in item["text"].split("\n"):
                lines += wrap(paragraph, "   ")
            # Named by title (never the file name); a pack section also by what it cites.
            source = f"   Kilde: {item['title']}"
            if item.get("url"):
                source += f" ({item['url']})"
            lines.append(source)
            ours = pack.article_title(item["source"]) == item["title"]  # not a clinic's page
            cited = pack.source_labels(
                pack.section_sources(item["source"], item.get("section")) if ours else [])
            if cited:
                lines += wrap("Bygger på: " + "; ".join(cited), "   ")
    if triage.get("action") and not urgent and screened:
        lines += ["", f"Vigtigt: {triage['action']}"]
    return "\n".join(lines)


def _batch(kb: KnowledgeBase, top: int) -> None:
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            out = answer(kb, line.rstrip("\n"), top)
        except KrampeError as exc:
            out = exc.to_dict()
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        sys.stdout.flush()


def register(app: typer.Typer, eval_app: typer.Typer, content_app: typer.Typer) -> None:
    """Attach this module's commands to the app."""

    @app.command("ask")
    def ask(
        question: str | None = typer.Argument(
            None, help="Spørgsmålet (eller - for ét spørgsmål pr. linje på stdin med --json)."),
        kb: list[str] | None = typer.Option(
            None, "--kb", help="Artikelfil eller -mappe (kan gentages); 'bundled' = pakken."),
        top: str | None = typer.Option(None, "--top", help="Højst så mange svar (standard 5)."),
        as_json: bool = typer.Option(False, "--json", help="Skriv JSON efter kontrakten."),
        clinic: Path | None = clinic_option(),
    ) -> None:
        """Besvar et spørgsmål om krampe i læggen ud fra artiklerne, med kilder."""
        profile = load_profile(clinic)
        if not kb and profile is not None:  # the clinic's articles, unless --kb says others
            kb = list(profile.knowledge)
        try:
            n = parse_top(top)
            if question is None:
                raise InputError("Skriv et spørgsmål, fx: krampe ask \"Hvorfor får jeg krampe "
                                 "om natten?\"", code="empty")
            if question == "-":
                if not as_json:
                    raise InputError("Læsning fra stdin (-) kræver --json.", code="invalid_usage")
                _batch(load_kb(kb), n)
                return
            base = load_kb(kb)
            result = answer(base, question, n)
        except KrampeError as exc:
            fail(exc.message)
            return
        if as_json:
            typer.echo(json.dumps(result, ensure_ascii=False))
        else:
            typer.echo(render(result))
