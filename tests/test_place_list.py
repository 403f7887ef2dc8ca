"""Places a message names for a repeated defect: found by a person in the file they have (issue 16 follow-up)."""

from __future__ import annotations

import pytest

from radcheck.places import places_text


def test_text_lines_read_as_before() -> None:
    assert places_text([{"line": 149}, {"line": 152}]) == "baris 149, 152"
    assert places_text([{"line": 149}, {"line": 152}], "en") == "line 149, 152"


def test_excel_places_name_sheet_and_row() -> None:
    places = [{"sheet": "B", "row": 4, "column": "F"}, {"sheet": "B", "row": 7}, {"sheet": "C", "row": 2}]
    assert places_text(places) == "lembar B, baris 4, 7; lembar C, baris 2"
    assert places_text(places, "en") == "sheet B, row 4, 7; sheet C, row 2"


def test_word_and_pdf_places() -> None:
    assert places_text([{"table": 2, "row": 4}, {"table": 2, "row": 9}, {"paragraph": 31}]) == \
        "tabel 2, baris 4, 9; paragraf 31"
    assert places_text([{"page": 3, "table_row": 4}, {"page": 4, "table_row": 1}], "en") == \
        "p. 3, table row 4; p. 4, table row 1"


def test_long_lists_are_cut_and_repeats_named_once() -> None:
    text = places_text([{"line": n} for n in range(1, 30)] + [{"line": 1}])
    assert text.endswith(" …") and text.count(",") == 9
    assert places_text([{"line": 5}, {"line": 5}, None]) == "baris 5"
    assert places_text([]) == ""


@pytest.mark.parametrize(("name", "word"), [("ppp.xlsx", "lembar"), ("ppp.docx", "tabel")])
def test_grouped_messages_of_office_files_name_findable_places(office_files, name: str, word: str) -> None:
    import radcheck

    report = radcheck.check(office_files[name], select=["A", "T011"])
    messages = [f.message for f in report.documents[0].findings if f.code in ("A001", "A003", "A004", "A007", "T011")]
    assert messages
    for message in messages:
        assert f"({word} " in message, message
        assert "(baris " not in message, message
