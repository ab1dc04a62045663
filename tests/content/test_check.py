"""`krampe content check` on broken, stale and disagreeing folders, on the seeds and the pack."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from krampe.cli import content as content_cli
from krampe.content.check import check_paths

TODAY = dt.date(2026, 11, 22)

SOURCES = """\
- id: nhs-leg-cramps
  title: Leg cramps
  publisher: NHS
  year: null
  url: https://www.nhs.uk/conditions/leg-cramps/
"""


def page(title: str, body: str, *, updated: str = "2026-01-10",
         sources: str = "[nhs-leg-cramps]", summary: str | None = "Kort resumé.") -> str:
    lines = ["---", f"title: {title}"]
    if summary is not None:
        lines.append(f"summary: {summary}")
    lines += [f"updated: {updated}", f"sources: {sources}", "clinical_review: pending", "---", ""]
    return "\n".join(lines) + body


GOOD_BODY = """# Overskrift

## Hvad gør jeg ved krampe?
<!-- sources: nhs-leg-cramps -->
<!-- tags: level:self_care -->

Stræk læggen roligt, til krampen slipper.
"""


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    sub = typer.Typer()
    app.add_typer(sub, name="content")
    content_cli.register(app=app, eval_app=typer.Typer(), content_app=sub)
    return app


def run(app: typer.Typer, *args: str):
    return CliRunner().invoke(app, ["content", "check", *args])


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def codes(report) -> list[str]:
    return sorted(i.code for i in report.issues)


def test_good_folder_is_clean(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", SOURCES)
    write(tmp_path, "a.md", page("A", GOOD_BODY))
    report = check_paths([tmp_path], today=TODAY)
    assert report.ok and report.issues == [] and report.files == 1


def test_broken_folder_reports_each_error(tmp_path: Path, app: typer.Typer) -> None:
    write(tmp_path, "sources.yaml", SOURCES)
    write(tmp_path, "no_summary.md", page("A", GOOD_BODY, summary=None))
    write(tmp_path, "unknown_id.md", page("B", GOOD_BODY.replace(
        "sources: nhs-leg-cramps -->", "sources: nhs-leg-cramps, made-up-2099 -->")))
    write(tmp_path, "no_source.md", page("C", GOOD_BODY + "\n## Uden kilde\n\nTekst her.\n"))
    write(tmp_path, "bad_front.md", page("D", GOOD_BODY, sources="[nope]", updated="i går"))
    report = check_paths([tmp_path], today=TODAY)
    by_file = {Path(i.file).name: i for i in report.errors}
    assert "summary" in by_file["no_summary.md"].message
    assert "made-up-2099" in by_file["unknown_id.md"].message
    assert by_file["no_source.md"].code == "section_without_source"
    assert by_file["no_source.md"].section == "Uden kilde"
    bad = sorted(i.code for i in report.errors if i.file.endswith("bad_front.md"))
    assert bad == ["front_matter_invalid", "unknown_source"]

    result = run(app, "--kb", str(tmp_path), "--json", "--today", "2026-11-22")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False and data["errors"] == len(report.errors)


def test_page_without_front_matter_is_reported_once_when_strict(tmp_path: Path) -> None:
    write(tmp_path, "foreign.md", "# En side\n\nUdgivet: 2026-01-02\n\n## Et afsnit\n\n"
          "Noget tekst uden kilder.\n")
    report = check_paths([tmp_path], today=TODAY, strict=True)
    assert codes(report) == ["front_matter_missing"]
    assert "ingen front matter" in report.issues[0].message
    assert check_paths([tmp_path], today=TODAY).issues == []


def test_ids_without_registry_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.md", page("A", GOOD_BODY))
    assert "sources_missing" in codes(check_paths([tmp_path], today=TODAY))


def test_stale_page_is_a_warning(tmp_path: Path, app: typer.Typer) -> None:
    write(tmp_path, "sources.yaml", SOURCES)
    write(tmp_path, "old.md", page("Gammel", GOOD_BODY, updated="2024-11-21"))
    write(tmp_path, "fresh.md", page("Ny", GOOD_BODY, updated="2024-11-23"))
    report = check_paths([tmp_path], today=TODAY)
    assert report.ok
    assert [(Path(i.file).name, i.code) for i in report.warnings] == [("old.md", "stale")]
    result = run(app, "--kb", str(tmp_path), "--today", "2026-11-22")
    assert result.exit_code == 0 and "ADVARSEL" in result.output


def test_disagreement_found_by_cues_not_by_wording(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", SOURCES)
    pro = GOOD_BODY + "\nMassér læggen med rolige strøg. Tåhævninger anbefales som træning.\n"
    con = GOOD_BODY + ("\nLad være med at massere musklen, når den kramper. "
                       "Du bør ikke stå på tæerne.\n")
    write(tmp_path, "pro.md", page("For", pro))
    write(tmp_path, "con.md", page("Imod", con))
    report = check_paths([tmp_path], today=TODAY)
    messages = [i.message for i in report.warnings if i.code == "disagreement"]
    assert len(messages) == 2
    assert any("massage" in m for m in messages) and any("tæerne" in m for m in messages)
    assert all("'For' (pro.md) anbefaler" in m and "'Imod' (con.md) fraråder" in m
               for m in messages)


def test_agreement_and_conditions_raise_no_warning(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", SOURCES)
    a = GOOD_BODY + "\nMassér læggen blidt.\n"
    b = GOOD_BODY + ("\nHvis krampen ikke slipper ved stræk, massage og gang, skal du ringe "
                     "til lægen. Massage kan hjælpe.\n")
    write(tmp_path, "a.md", page("A", a))
    write(tmp_path, "b.md", page("B", b))
    assert check_paths([tmp_path], today=TODAY).warnings == []


def test_section_tagged_as_disagreement_is_not_counted(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", SOURCES)
    quoted = GOOD_BODY + ("\n## Kilderne er uenige\n<!-- sources: nhs-leg-cramps -->\n"
                          "<!-- tags: disagreement:massage -->\n\n"
                          "En artikel siger: undgå at massere musklen.\n")
    write(tmp_path, "a.md", page("A", GOOD_BODY + "\nMassér læggen blidt.\n"))
    write(tmp_path, "b.md", page("B", quoted))
    assert check_paths([tmp_path], today=TODAY).warnings == []


def test_seeds_report_both_known_disagreements(seeds_dir: Path, app: typer.Typer) -> None:
    report = check_paths([seeds_dir], today=TODAY)
    disagreements = [i.message for i in report.warnings if i.code == "disagreement"]
    assert any("massage" in m for m in disagreements)
    assert any("tæerne" in m or "hæl-drop" in m for m in disagreements)
    for message in disagreements:
        assert "001_59e8fa4ca127b5a4.txt) anbefaler" in message
        assert "000_ea70facc87306999.txt) fraråder" in message
    stale = [Path(i.file).name for i in report.warnings if i.code == "stale"]
    assert stale == ["000_ea70facc87306999.txt"]  # 2022; the 2025 page is recent
    assert report.errors == []  # foreign pages are linted, not held to our pack's rules
    result = run(app, "--kb", str(seeds_dir), "--json", "--today", "2026-11-22")
    assert result.exit_code == 0
    assert json.loads(result.output)["warnings"] == len(report.warnings)

    strict = check_paths([seeds_dir], today=TODAY, strict=True)
    assert {i.code for i in strict.errors} == {"front_matter_missing"}
    result = run(app, "--kb", str(seeds_dir), "--json", "--strict", "--today", "2026-11-22")
    assert result.exit_code == 1  # foreign pages lack our front matter
    assert json.loads(result.output)["strict"] is True


def test_cli_on_the_pack_passes_in_a_subprocess() -> None:
    done = subprocess.run([sys.executable, "-m", "krampe", "content", "check", "--json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    data = json.loads(done.stdout)
    assert data["ok"] is True and data["errors"] == 0 and data["files"] >= 10


def test_cli_bad_input_is_a_danish_one_liner(app: typer.Typer, tmp_path: Path) -> None:
    result = run(app, "--kb", str(tmp_path / "findes-ikke"))
    assert result.exit_code == 2
    assert "findes ikke" in result.output and "Traceback" not in result.output
    result = run(app, "--today", "31-01-2026")
    assert result.exit_code == 2


def test_misspelt_tag_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", SOURCES)
    write(tmp_path, "a.md", page("A", GOOD_BODY.replace("level:self_care", "trigger:nigth")))
    write(tmp_path, "b.md", page("B", GOOD_BODY.replace("level:self_care", "colour:blue")))
    report = check_paths([tmp_path], today=TODAY)
    assert [(Path(i.file).name, i.code) for i in report.errors] == [
        ("a.md", "unknown_tag"), ("b.md", "unknown_tag")]
    assert "nigth" in report.errors[0].message
