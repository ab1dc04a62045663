"""The app's one CSV writer: standard CSV, and no cell a spreadsheet would run."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from krampe.csvout import BOM, FORMULA_START, inert, write_csv

HEADER = ["a", "b", "c"]
SEPARATORS = (",", ";", "\t")


def _read(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline=""), delimiter=delimiter))


def _runs(cell: str) -> bool:
    return cell.lstrip(' "').startswith(FORMULA_START[:4])


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_round_trip_through_pythons_csv_module(delimiter):
    rows = [["1", "tekst, med komma", 'et "citat"'], ["", "linje\nto", "æøå ÆØÅ"]]
    assert _read(write_csv(HEADER, rows, delimiter=delimiter), delimiter) == [HEADER, *rows]


def test_plain_content_is_byte_for_byte_what_the_csv_module_writes():
    # The personal-data export moved onto this writer: ordinary content is unchanged.
    rows = [["entry", 7, "2026-11-27T21:30:00+00:00", True, "Kaffe, sent", 'sagde "av"', None]]
    out = io.StringIO()
    csv.writer(out).writerows([[*HEADER, "d", "e", "f", "g"], *rows])
    assert write_csv([*HEADER, "d", "e", "f", "g"], rows) == out.getvalue()


@pytest.mark.parametrize("note", [";=1+1;", "=1+1", "+45 1234", "-2", "@SUM(A1)", "a,=1+1",
                                  "x\n=1+1", 'x;"=1+1', "\t=1", "ok; -ikke slemt"])
def test_no_piece_runs_whichever_separator_the_spreadsheet_splits_on(note):
    for written in (",", ";"):
        text = write_csv(HEADER, [["1", note, "x"]], delimiter=written, bom=written == ";")
        for read in SEPARATORS:
            cells = [c for row in _read(text, read) for c in row]
            assert not [c for c in cells if _runs(c)], (written, read, cells)


def test_the_danish_excel_case():
    text = write_csv(["Dato", "Note"], [["27-11-2026", ";=1+1;"]], delimiter=";", bom=True)
    assert text.startswith(BOM)
    assert _read(text, ";") == [["Dato", "Note"], ["27-11-2026", ";'=1+1;"]]


def test_rows_must_match_the_header():
    with pytest.raises(ValueError, match="cells"):
        write_csv(HEADER, [["1", "2"]])


@given(st.lists(st.lists(st.text(max_size=12), min_size=3, max_size=3), max_size=5),
       st.sampled_from([",", ";"]))
def test_any_text_round_trips_as_its_inert_form(rows, delimiter):
    text = write_csv(HEADER, rows, delimiter=delimiter)
    expected = [HEADER] + [[inert(c) for c in row] for row in rows]
    assert _read(text, delimiter) == expected
