"""Indonesian numbers: known values, and format → parse round trips (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radcheck.model import TargetKind
from radcheck.numbers import (
    column_notation,
    format_id_number,
    is_ambiguous,
    is_range,
    parse_en_number,
    parse_id_number,
    read_target,
    read_target_en,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("2.000", 2000), ("6.182", 6182), ("87,7", 87.7), ("0,285", 0.285), ("135,00", 135), ("59.375", 59375),
     ("1.234.567,5", 1234567.5), ("13", 13), ("-4", -4), ("15,5 %", 15.5), ("80 persen", 80), ("87,5 Persen", 87.5)],
)
def test_parses_indonesian_format(text: str, value: float) -> None:
    assert parse_id_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["1,234.5", "2.00", "12.3456", "1.2.3", "abc", "", "-", "12,", ",5"])
def test_refuses_what_only_makes_sense_elsewhere(text: str) -> None:
    assert parse_id_number(text) is None


@pytest.mark.parametrize(
    ("raw", "kind"),
    [("", TargetKind.MISSING), ("  ", TargetKind.MISSING), ("-", TargetKind.NONE), ("Ada", TargetKind.QUALITATIVE),
     ("Inisiasi Awal", TargetKind.QUALITATIVE), ("perencanaan", TargetKind.QUALITATIVE), ("87,7", TargetKind.NUMBER),
     ("1,234.5", TargetKind.UNREADABLE), ("DPPPA", TargetKind.UNREADABLE)],
)
def test_target_cells_are_typed(raw: str, kind: TargetKind) -> None:
    cell = read_target(raw)
    assert cell.kind is kind
    assert cell.raw == raw.strip()


@given(st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3, allow_nan=False,
                   allow_infinity=False))
def test_format_then_parse_gives_the_number_back(value: Decimal) -> None:
    text = format_id_number(float(value))
    assert parse_id_number(text) == pytest.approx(float(value), rel=1e-12, abs=1e-9)


@given(st.integers(min_value=0, max_value=10**15))
def test_integers_group_thousands_with_dots(value: int) -> None:
    text = format_id_number(value)
    assert "," not in text
    assert text.replace(".", "") == str(value)
    assert all(len(g) == 3 for g in text.split(".")[1:])


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.integers(min_value=0, max_value=4))
def test_fixed_decimals_use_a_comma(value: Decimal, decimals: int) -> None:
    text = format_id_number(float(value), decimals)
    assert (("," in text) == (decimals > 0))
    assert parse_id_number(text) == pytest.approx(round(float(value), decimals), abs=10 ** -decimals)


# -- the other notation, bounds, ranges, and deciding by the column ------------------------------------


@pytest.mark.parametrize(("text", "value"), [("6,015,947,806", 6015947806), ("87.7", 87.7), ("2,000", 2000),
                                             ("0.285", 0.285), ("1,234.5", 1234.5), ("13", 13), ("15.5 %", 15.5)])
def test_parses_comma_thousands_and_decimal_point(text: str, value: float) -> None:
    assert parse_en_number(text) == pytest.approx(value)
    assert read_target_en(text).value == pytest.approx(value)


@pytest.mark.parametrize("text", ["87,7", "0,285", "1.234,5", "2.000.000", "12,34", "0,500"])
def test_comma_thousands_reading_refuses_indonesian_only_forms(text: str) -> None:
    assert parse_en_number(text) is None


def test_a_lone_zero_is_no_thousands_group() -> None:
    assert parse_id_number("0.285") is None  # not 285: only the other notation reads it (0.285)
    assert parse_en_number("0,285") is None


@pytest.mark.parametrize(("raw", "value"), [("≥ 80", 80), ("> 80 %", 80), ("min. 80", 80), ("<= 5", 5),
                                            ("maks 5", 5), ("paling sedikit 2.000", 2000)])
def test_bounds_read_as_their_number_keeping_the_sign(raw: str, value: float) -> None:
    cell = read_target(raw)
    assert cell.kind is TargetKind.NUMBER and cell.value == value and cell.raw == raw


@pytest.mark.parametrize("raw", ["10-15", "80 - 90 %", "10 s.d. 15", "10 s/d 15", "5 sampai dengan 10"])
def test_ranges_are_no_single_target(raw: str) -> None:
    assert is_range(raw)
    assert read_target(raw).kind is TargetKind.UNREADABLE


def test_the_column_decides_the_notation() -> None:
    assert column_notation(["6,015,947,806", "2,000", "12"]) == "en"
    assert column_notation(["87.7", "100", "2,500"]) == "en"
    assert column_notation(["87,7", "2.000"]) == "id"
    assert column_notation(["2.000", "6.182", "12"]) == "unknown"  # nothing tells: the table or Indonesian decides
    assert column_notation(["87.7", "87,7"]) == "mixed"
    assert is_ambiguous("2.000") and is_ambiguous("6,182") and not is_ambiguous("87,7") and not is_ambiguous("12")


@given(st.integers(min_value=1000, max_value=10**12))
def test_en_thousands_read_back(value: int) -> None:
    text = f"{value:,}"
    assert parse_en_number(text) == value
    assert column_notation([text, f"{value / 7:.2f}"]) in ("en", "unknown")  # never "mixed" for one notation


@pytest.mark.parametrize(("value", "text"), [(float("inf"), "inf"), (float("-inf"), "-inf"), (float("nan"), "nan"),
                                             (-1234567.5, "-1.234.567,5"), (1e21, "1.000.000.000.000.000.000.000")])
def test_infinite_huge_and_negative_numbers(value: float, text: str) -> None:
    assert format_id_number(value) == text
