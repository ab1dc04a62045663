"""`krampe content check` lints any article as warnings; `--strict` keeps our pack's rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from krampe.cli import content as content_cli
from krampe.content.check import check_paths

TODAY = dt.date(2026, 11, 22)
CLINIC = Path(__file__).parents[1] / "knowledge" / "fixtures" / "clinic"

SENTENCE = ("Kramper i læggen kommer tit, når man mindst venter det, og de kan vare fra få "
            "sekunder til flere minutter. ")


def _write(folder: Path, name: str, text: str | bytes) -> None:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _foreign_folder(folder: Path) -> Path:
    _write(folder, "uden_titel.txt", "\n\n".join([SENTENCE * 3] * 5))
    _write(folder, "langt.md", f"# Lange afsnit\n\nUdgivet: 2025-06-01\n\n## Om kramper\n\n"
                               f"{SENTENCE * 9}\n\n## Mere\n\nKort tekst.\n")
    _write(folder, "forkert.txt", "Kramper om natten\n\nOpdateret: 2025-06-01\n\n"
                                  "Stræk lÃ¦ggen roligt, til krampen slipper.\n\n"
                                  "Hvad hjælper?\n\nGå en tur.\n")
    _write(folder, "side.html", "<html><head><title>Krampe</title></head><body><div>"
                                "<h1>Krampe</h1><p>Udgivet: 2025-06-01</p><p>Stræk læggen.</p>"
                                "<h2>Mere</h2><p>Gå en tur.</p></div></body></html>")
    _write(folder, "billede.txt", b"\x89PNG\x00\x00" * 40)
    return folder


def _by_file(report) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for issue in report.issues:
        out.setdefault(Path(issue.file).name, set()).add(issue.code)
    return out


def test_any_article_gets_warnings_not_errors(tmp_path: Path) -> None:
    report = check_paths([_foreign_folder(tmp_path)], today=TODAY)
    assert report.ok and report.errors == []
    found = _by_file(report)
    assert found["uden_titel.txt"] == {"no_title", "no_date", "no_headings"}
    assert found["langt.md"] == {"long_paragraph"}
    assert found["forkert.txt"] == {"garbled_text"}
    assert found["side.html"] == {"no_article_element"}
    assert found["billede.txt"] == {"unreadable"}
    long = next(i for i in report.issues if i.code == "long_paragraph")
    assert long.section == "Om kramper" and "Om kramper" in long.message


def test_strict_holds_every_page_to_the_pack_rules(tmp_path: Path) -> None:
    report = check_paths([_foreign_folder(tmp_path)], today=TODAY, strict=True)
    errors = {(Path(i.file).name, i.code) for i in report.errors}
    assert ("billede.txt", "unreadable") in errors
    assert {name for name, code in errors if code == "front_matter_missing"} == {
        "uden_titel.txt", "langt.md", "forkert.txt", "side.html"}
    assert not report.ok


def test_clinic_articles_pass_with_at_most_warnings() -> None:
    report = check_paths([CLINIC], today=TODAY)
    assert report.files == 9 and report.errors == []
    lint_codes = {"no_title", "no_date", "no_headings", "long_paragraph", "garbled_text",
                  "no_article_element", "unreadable"}
    assert not [i for i in report.issues if i.code in lint_codes]


def test_cli_lints_with_exit_0_and_strict_fails(tmp_path: Path) -> None:
    app, sub = typer.Typer(), typer.Typer()
    app.add_typer(sub, name="content")
    content_cli.register(app=app, eval_app=typer.Typer(), content_app=sub)
    folder = str(_foreign_folder(tmp_path))
    result = CliRunner().invoke(app, ["content", "check", "--kb", folder, "--today", "2026-11-22"])
    assert result.exit_code == 0, result.output
    assert "ADVARSEL" in result.output and "FEJL" not in result.output
    assert "billede.txt" in result.output
    result = CliRunner().invoke(app, ["content", "check", "--kb", folder, "--json", "--strict"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["strict"] is True and data["errors"] >= 5
