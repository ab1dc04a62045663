"""`krampe triage` and `krampe eval triage` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from krampe.cli import eval_triage as eval_cli
from krampe.cli import triage as triage_cli


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    eval_app = typer.Typer()
    app.add_typer(eval_app, name="eval")
    for mod in (triage_cli, eval_cli):
        mod.register(app=app, eval_app=eval_app, content_app=typer.Typer())
    return app


def run(app, *args: str, input: str | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def test_json_follows_the_contract(app):
    r = run(app, "triage", "--json", "Min læg er hævet og rød efter en lang flyrejse")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert list(out)[:10] == ["text", "understood", "level", "action", "findings", "triggers",
                              "trigger_details", "questions", "screen", "if_then"]
    assert {"advice", "sources", "safety_net", "policy_version"} <= set(out)
    assert out["level"] == "urgent"
    f = out["findings"][0]
    assert (f["id"], f["evidence"], f["status"], f["via"]) == (
        "dvt_signs", "hævet og rød", "present", "text")
    assert out["text"][f["span"][0]:f["span"][1]] == "hævet og rød"
    assert f["rule"].startswith("dvt_signs#")
    # urgent: only the emergency flags are still open
    assert out["screen"]["open"] == ["pe_signs", "seizure", "limb_ischaemia", "cauda_equina"]
    assert "sitting" in out["triggers"]
    assert {"id", "label", "advice", "sources"} <= set(out["trigger_details"][0])
    for number in ("1813", "1818", "70 15 03 00", "70 11 31 31", "70 11 07 07"):
        assert number in out["action"]


def test_region_shows_only_that_number(app):
    r = run(app, "triage", "--json", "--region", "midtjylland", "Læggen er hævet og øm")
    action = json.loads(r.stdout)["action"]
    assert "lægevagten i Region Midtjylland: 70 11 31 31" in action
    assert "1813" not in action and "112" in action


def test_human_output_is_danish(app):
    r = run(app, "triage", "Jeg har ondt i brystet og en hævet læg")
    assert r.exit_code == 0
    assert "RING 112" in r.stdout


def test_human_output_is_a_care_card_naming_articles_by_title(app):
    from krampe.content import pack
    from krampe.policy import get_policy

    policy = get_policy()
    answers = [f"--answer={q}=nej" for q in
               ("breathing", "chest_pain", "cough_blood", "seizure", "cold_leg", "saddle")]
    r = run(app, "triage", "--region", "sjaelland", *answers,
            "min læg er hævet og rød efter en lang flyrejse")
    assert r.exit_code == 0, r.output
    out = " ".join(r.stdout.split())
    # The same short action the web card shows, then whom to call: one region's number.
    assert f"== {policy.level_info('urgent').headline} == {policy.short_action('urgent')}" in out
    assert policy.out_of_hours_call("sjaelland").number in out
    assert policy.region("hovedstaden").number not in out
    # Sources by article title, not by file name.
    kilder = r.stdout[r.stdout.index("Kilder: "):]
    assert pack.article_title("hvornaar-skal-du-soege-hjaelp") in kilder
    assert "hvornaar-skal-du-soege-hjaelp" not in kilder


def test_answers_change_the_level(app):
    base = json.loads(run(app, "triage", "--json", "krampe i læggen").stdout)
    assert base["level"] == "self_care"
    assert "swollen_leg" in [q["id"] for q in base["questions"]]
    r = run(app, "triage", "--json", "--answer", "swollen_leg=ja", "krampe i læggen")
    assert json.loads(r.stdout)["level"] == "urgent"
    r = run(app, "triage", "--json", "--answer", "swollen_leg=no", "krampe i læggen")
    out = json.loads(r.stdout)
    assert out["level"] == "self_care"
    assert "swollen_leg" not in [q["id"] for q in out["questions"]]
    r = run(app, "triage", "--json", "--answer", "breathing=ved-ikke", "krampe i læggen")
    out = json.loads(r.stdout)
    assert out["level"] == "self_care"
    assert [(i["id"], i["via"]) for i in out["if_then"]] == [("pe_signs", "answer")]


@pytest.mark.parametrize(
    "args",
    [
        ["triage", ""],
        ["triage"],
        ["triage", "x" * 6000],
        ["triage", "--region", "fyn", "krampe"],
        ["triage", "--answer", "swollen_leg", "krampe"],
        ["triage", "--answer", "swollen_leg=måske", "krampe"],
        ["triage", "--answer", "dvt_signs=ja", "krampe"],
        ["triage", "--answer", "unknown=ja", "krampe"],
        ["triage", "-"],
    ],
)
def test_bad_input_is_one_danish_line_and_exit_2(app, args):
    r = run(app, *args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith("fejl: ") and r.stderr.count("\n") == 1
    assert "Traceback" not in r.output


def test_batch_goes_on_after_a_bad_line(app):
    lines = "krampe om natten\n\n" + "a" * 6000 + "\nhævet og varm læg\n"
    r = run(app, "triage", "--json", "-", input=lines)
    assert r.exit_code == 0
    outs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(outs) == 3
    assert outs[0]["level"] == "self_care"
    assert outs[1] == {"error": "too_long", "message": outs[1]["message"]}
    assert outs[2]["level"] == "urgent"
    # no answers in batch mode: each line shows what is still open
    assert outs[0]["screen"]["complete"] is False and "pe_signs" in outs[0]["screen"]["open"]
    assert outs[2]["screen"]["open"] == ["pe_signs", "seizure", "limb_ischaemia",
                                         "cauda_equina"]


def test_interactive_asks_and_shows_final_level(app):
    r = run(app, "triage", "--interactive", "--region", "hovedstaden",
            input="Jeg får krampe i læggen\nmåske\nnej\nja\nja\n")
    assert r.exit_code == 0, r.output
    assert "Svar ja, nej eller ved ikke." in r.stdout
    # emergency flags asked together first, then the urgent ones; "ja" goes one by one
    assert r.stdout.index("Har du noget af dette lige nu?") < r.stdout.index(
        "Er den ene læg eller det ene ben hævet?")
    assert "Søg læge i dag" in r.stdout
    assert "Foreløbigt" not in r.stdout.split("==")[1]
    assert "1813" in r.stdout


def test_interactive_accepts_ved_ikke_and_names_the_flag(app):
    r = run(app, "triage", "--interactive", "--json",
            input="Jeg får krampe i læggen\nved ikke\nved ikke\nnej\nnej\nnej\nnej\nnej\nnej\n")
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout[r.stdout.index("{"):])
    assert out["screen"]["complete"] and out["level"] == "self_care"
    assert [i["id"] for i in out["if_then"]] == ["pe_signs"]
    assert "112" in out["if_then"][0]["action"]
    assert out["safety_net"]


def test_eval_reports_numbers_and_misses(app, tmp_path: Path):
    f = tmp_path / "set.jsonl"
    f.write_text(
        "\n".join(json.dumps(c, ensure_ascii=False) for c in [
            {"id": "a", "text": "Læggen er hævet og varm", "level": "urgent"},
            {"id": "b", "text": "krampe om natten", "level": "self_care", "triggers": ["night"]},
            {"id": "c", "text": "krampe efter løb", "level": "urgent", "triggers": ["cold"]},
        ]),
        encoding="utf-8",
    )
    r = run(app, "eval", "triage", str(f))
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert lines[-3].startswith("exact=0.667") and "under_triage=1" in lines[-3]
    assert "c: niveau urgent -> self_care" in r.stdout
    assert "mangler udløser cold" in r.stdout and "ekstra udløser exercise" in r.stdout
    js = json.loads(run(app, "eval", "triage", "--json", str(f)).stdout)
    assert js["under_triage"] == 1 and js["trigger_recall"] == 0.5
    assert js["confusion"]["urgent"]["self_care"] == 1


def test_eval_bad_file(app, tmp_path: Path):
    f = tmp_path / "bad.jsonl"
    f.write_text("{not json\n", encoding="utf-8")
    r = run(app, "eval", "triage", str(f))
    assert r.exit_code == 2 and r.stderr.startswith("fejl: ")
