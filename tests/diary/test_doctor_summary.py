"""The diary for the doctor: the one-page summary and the CSV Danish Excel opens."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from tests.diary.fixtures_db import register_api

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
CODES = {"both", "left", "right", "asleep", "resting", "exercising", "working", "other",
         "True", "False", "coffee", "followed_programme", "None"}


def month_of_entries(client, clock) -> dict:
    """30 days of cramps (2 a day on some days), notes with a red flag and an injection."""
    clock.now = NOW
    h = {"X-CSRF-Token": register_api(client, "maren")}
    legs, situations = ["left", "right", "both"], ["asleep", "resting", "exercising"]
    n = 0
    for day in range(30):
        local = datetime(2026, 11, 1, 23, 15) + timedelta(days=day)
        for k in range(1 + (day % 3 == 0)):
            body = {"started_at": (local + timedelta(hours=3 * k)).isoformat(),
                    "duration_seconds": 60 + 30 * (n % 5), "intensity": 3 + n % 6,
                    "leg": legs[n % 3], "situation": situations[n % 3],
                    "disturbed_sleep": n % 2 == 0, "contexts": ["coffee"] if day % 2 else []}
            if day == 10 and k == 0:
                body["note"] = "Læggen er hævet og varm"
            if day == 12:
                body["note"] = ";=1+1;"
            assert client.post("/api/diary/entries", json=body, headers=h).status_code == 201
            n += 1
    for day in range(5, 25, 2):
        client.put(f"/api/diary/days/2026-11-{day:02d}", headers=h,
                   json={"contexts": ["followed_programme"]})
    return {"entries": n}


def test_summary_page_sums_up_the_month(client, clock):
    made = month_of_entries(client, clock)
    r = client.get("/dagbog/til-laegen?fra=2026-11-01&til=2026-11-30")
    assert r.status_code == 200
    page = r.text
    assert "1. november 2026 – 30. november 2026" in page and "30 dage" in page
    assert f"<strong>{made['entries']} kramper</strong> på 30 af 30 dage" in page
    assert "Varighed" in page and "Styrke (0-10)" in page
    assert "om natten" in page and "Drak kaffe eller energidrik".lower() in page
    assert "11/11 kl. 23:15: Tegn på blodprop i benet (søg læge i dag)" in page
    assert "Markeret som lavet på 10 dage" in page
    # The default period is the last 30 days.
    assert "1. november 2026 – 30. november 2026" in client.get("/dagbog/til-laegen").text


def test_one_cramp_is_singular(client, clock):
    clock.now = NOW
    h = {"X-CSRF-Token": register_api(client, "enkelt")}
    client.post("/api/diary/entries", json={"started_at": "2026-11-29T10:00:00"}, headers=h)
    page = client.get("/dagbog/til-laegen").text
    assert "<strong>1 krampe</strong> på 1 af 30 dage" in page
    assert "1 kramper" not in page


@pytest.mark.parametrize("query, message", [
    ("fra=i+går", "ÅÅÅÅ-MM-DD"),
    ("fra=2026-11-20&til=2026-11-01", "før til-datoen"),
    ("til=2027-01-01", "fremtiden"),
    ("fra=2024-01-01&til=2026-11-01", "højst være 366 dage"),
])
def test_bad_period_is_a_danish_error(client, clock, query, message):
    clock.now = NOW
    register_api(client, "periode")
    r = client.get(f"/dagbog/til-laegen?{query}")
    assert r.status_code == 422 and message in r.text and 'role="alert"' in r.text
    assert client.get(f"/dagbog/til-laegen.csv?{query}").status_code == 422


def test_doctor_csv_opens_in_danish_excel(client, clock):
    made = month_of_entries(client, clock)
    r = client.get("/dagbog/til-laegen.csv?fra=2026-11-01&til=2026-11-30")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert "attachment" in r.headers["content-disposition"]
    raw = r.content
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads æøå right
    # As Danish Excel reads it: UTF-8 with BOM, semicolon-separated.
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header == ["Dato", "Ugedag", "Klokken", "Varighed (minutter)", "Styrke (0-10)",
                      "Ben", "Situation", "Forstyrrede søvnen", "Forstyrrede arbejdet",
                      "Dagens sammenhæng", "Note", "Faresignal i noten"]
    assert len(body) == made["entries"] and all(len(row) == len(header) for row in body)
    first = dict(zip(header, body[0], strict=True))
    assert first["Dato"] == "01-11-2026" and first["Ugedag"] == "søndag"
    assert first["Klokken"] == "23:15" and first["Varighed (minutter)"] == "1"
    assert first["Ben"] == "Venstre ben" and first["Situation"] == "Sov"
    assert first["Forstyrrede søvnen"] == "ja" and first["Forstyrrede arbejdet"] == "nej"
    assert {row[header.index("Varighed (minutter)")] for row in body} >= {"1,5", "2,5"}
    cells = {c for row in body for c in row}
    assert not cells & CODES
    # The note ;=1+1; stays one inert cell: nothing in the file starts a formula.
    notes = [row[header.index("Note")] for row in body if "1+1" in row[header.index("Note")]]
    assert notes and all(n == ";'=1+1;" for n in notes)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    flagged = [row for row in body if row[-1]]
    assert len(flagged) == 1 and flagged[0][-1].startswith("Tegn på blodprop i benet")


def test_personal_export_keeps_its_content_on_the_shared_writer(client, clock):
    month_of_entries(client, clock)
    text = client.get("/konto/data.csv").text
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    entries = client.get("/api/diary/entries?limit=5000").json()
    assert len([r for r in rows if r["record"] == "entry"]) == len(entries)
    by_id = {r["id"]: r for r in rows if r["record"] == "entry"}
    for e in entries:
        row = by_id[str(e["id"])]
        assert row["leg"] == e["leg"] and row["situation"] == e["situation"]
        assert row["duration_seconds"] == str(e["duration_seconds"])
        assert row["disturbed_sleep"] == str(e["disturbed_sleep"])
        assert row["contexts"] == ";".join(e["contexts"])
    # Opened in Danish Excel (split on ;) the injected note cannot run either.
    cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for c in row]
    assert not [c for c in cells if c.lstrip(' "')[:1] in ("=", "+", "@")]
