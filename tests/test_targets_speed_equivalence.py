"""The T rules' fast paths against the rules as first written, on random indicators.

The rules read rows built once per run (years sorted only when they are out of order, one list for a
row whose cells are all numbers), judge repeated units and wordings once, and compare values in C.
Each must report exactly what the straightforward rule reports: the references below are the rules'
earlier bodies, kept as they were.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from radcheck.checks import targets as T
from radcheck.engine import Context
from radcheck.findings import Hit, hit
from radcheck.locate import lines_in_words
from radcheck.matching import normalise_text
from radcheck.model import Document, Indicator, Section, TargetCell, TargetKind
from radcheck.polarity import PolarityResolver

_VALUES = [0.0, -0.0, 1.0, 5.0, 50.0, 100.0, 100.5, 150.0, -3.0, math.inf, math.nan]
_ZEROS = st.sampled_from([0.0, -0.0]).map(lambda v: TargetCell(kind=TargetKind.NUMBER, value=v))


@st.composite
def _cells(draw: st.DrawFn) -> TargetCell:
    kind = draw(st.sampled_from(list(TargetKind)))
    if kind is TargetKind.NUMBER:
        return TargetCell(kind=kind, raw="", value=draw(st.sampled_from(_VALUES)))
    return TargetCell(kind=kind, raw=draw(st.sampled_from(["", "-", "Ada", "?"])))


@st.composite
def _indicators(draw: st.DrawFn, n: int) -> Indicator:
    years = draw(st.permutations([2024, 2025, 2026, 2027, 2028]))[: draw(st.integers(0, 5))]
    if draw(st.booleans()):  # most plans list the years in order
        years = sorted(years)
    numbers = st.sampled_from(_VALUES).map(lambda v: TargetCell(kind=TargetKind.NUMBER, value=v))
    # Rows of numbers only are the common case; all-zero rows are T008's and T007 leaves them out.
    cells = draw(st.sampled_from([numbers, numbers, _cells(), _ZEROS]))
    return Indicator(
        id=f"A/indicators/{n}",
        text=draw(st.sampled_from(["Persentase balita", "1. Persentase ibu", "Jumlah kader", "2) Jumlah posyandu",
                                   "Cakupan imunisasi", "Angka kematian bayi"])),
        unit=draw(st.sampled_from([None, "", " ", "%", "Persen", " persen.", "orang", "Ha", "unit"])),
        baseline=draw(st.none() | numbers | _cells()),
        targets={y: draw(cells) for y in years},
        polarity=draw(st.sampled_from([None, None, "higher", "lower"])),
        line=draw(st.none() | st.integers(1, 50)),
    )


@st.composite
def _docs(draw: st.DrawFn) -> Document:
    count = draw(st.integers(0, 12))
    inds = [draw(_indicators(i)) for i in range(count)]
    # Repeated rows, as copied series are: the same cells under other wordings, with the same baseline
    # or another (a series is copied with its baseline or without).
    baselines = st.sampled_from([None, TargetCell(kind=TargetKind.NUMBER, value=7.0),
                                 TargetCell(kind=TargetKind.NUMBER, value=5.0)])
    for k in range(draw(st.integers(0, 6)) if inds else 0):
        base = draw(st.sampled_from(inds))
        update = {"id": f"A/indicators/{count + k}",
                  "text": draw(st.sampled_from(["Jumlah guru", "Jumlah sekolah", "Jumlah murid"]))}
        if draw(st.booleans()):
            update["baseline"] = draw(baselines)
        inds.append(base.model_copy(update=update))
    return Document(sections=[Section(letter="A", title="A", indicators=inds)])


def _reference_rows(doc: Document) -> list[T._Row]:
    rows = []
    for sec in doc.sections:
        for ind in sec.indicators:
            cells = sorted(ind.targets.items())
            numbers = [(y, c) for y, c in cells if c.kind is TargetKind.NUMBER]
            rows.append(T._Row(sec, ind, cells, numbers, tuple([c.value for _, c in numbers])))  # type: ignore[arg-type]
    return rows


def _reference_wrong_way(doc: Document, code: str, polarity: str, falling: bool) -> Iterator[Hit]:
    polarity_of = PolarityResolver(None)
    for _, ind, _, nums, values in _reference_rows(doc):
        pol = polarity_of(ind)
        if pol.polarity != polarity:
            continue
        if not any((b < a) if falling else (b > a) for a, b in zip(values, values[1:])):
            continue
        moves = T._moves(nums, falling=falling)
        if moves:
            one_off = T._one_off(ind) if falling else None  # things bought once: a question at info
            yield hit(code, f"{ind.id}/targets/{moves[0][2]}", line=ind.line, end_line=ind.end_line,
                      excerpt=ind.text, indicator=ind.text, moves=T._describe_moves(moves),
                      polarity=pol.describe(), **({"term": one_off, "variant": "one-off"} if one_off else {}))


def _reference_t007(doc: Document) -> Iterator[Hit]:
    polarity_of = PolarityResolver(None)
    for _, ind, _, nums, _ in _reference_rows(doc):
        pol = polarity_of(ind)
        base = ind.baseline
        if base is None or base.kind is not TargetKind.NUMBER or not ind.targets \
                or T._all_zero_after_positive_baseline(ind, nums):
            continue
        year = min(ind.targets)
        first = ind.targets[year]
        if first.kind is not TargetKind.NUMBER:
            continue
        worse = first.value < base.value if pol.polarity == "higher" else first.value > base.value  # type: ignore[operator]
        if worse:
            one_off = T._one_off(ind) if pol.polarity == "higher" else None
            yield hit("T007", f"{ind.id}/targets/{year}", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                      indicator=ind.text, baseline=T._show(base), target=T._show(first), year=year,
                      polarity=pol.describe(), **({"term": one_off, "variant": "one-off"} if one_off else {}))


def _reference_t008(doc: Document) -> Iterator[Hit]:
    for _, ind, _, nums, values in _reference_rows(doc):
        if not values or any(v != 0 for v in values):
            continue
        if T._all_zero_after_positive_baseline(ind, nums):
            reason = {"id": f"kondisi awal {T._show(ind.baseline)} lebih dari 0",  # type: ignore[arg-type]
                      "en": f"the baseline {T._show(ind.baseline)} is above 0"}  # type: ignore[arg-type]
        elif T._is_percent(ind) or (ind.unit and T._AREA_UNITS.match(ind.unit)):
            reason = {"id": f"satuannya '{ind.unit or '%'}' adalah persentase atau luas",
                      "en": f"its unit '{ind.unit or '%'}' is a percentage or an area"}
        else:
            continue
        yield hit("T008", f"{ind.id}/targets", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                  indicator=ind.text, reason=reason)


def _reference_t009(doc: Document) -> Iterator[Hit]:
    for _, ind, targets, _, _ in _reference_rows(doc):
        if not T._is_percent(ind):
            continue
        cells: list[tuple[str, dict[str, str], TargetCell]] = []
        if ind.baseline is not None:
            cells.append((f"{ind.id}/baseline", {"id": "kondisi awal", "en": "baseline"}, ind.baseline))
        for y, c in targets:
            cells.append((f"{ind.id}/targets/{y}", {"id": f"target {y}", "en": f"target {y}"}, c))
        for path, where, cell in cells:
            if cell.kind is TargetKind.NUMBER and cell.value is not None \
                    and not T.PERCENT_MIN <= cell.value <= T.PERCENT_MAX:
                yield hit("T009", path, line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                          indicator=ind.text, value=T._show(cell), where=where)


def _reference_t010(doc: Document) -> Iterator[Hit]:
    for ind in doc.indicators():
        unit = (ind.unit or "").strip()
        if not unit:
            continue
        text = T._bare(ind.text)
        percent_unit = bool(T._PERCENT_UNITS.match(unit))
        if T._PERCENT_TEXT.match(text) and not percent_unit:
            yield T._unit_mismatch(ind, unit, percentage=True)
        elif T._COUNT_TEXT.match(text) and percent_unit:
            yield T._unit_mismatch(ind, unit, percentage=False)


def _reference_series_key(ind: Indicator, targets: list[tuple[int, TargetCell]]) -> tuple[object, ...] | None:
    cells = ([ind.baseline] if ind.baseline is not None else []) + [c for _, c in targets]
    numbers = [c.value for c in cells if c.kind is TargetKind.NUMBER]
    if len(numbers) < T.COPIED_SERIES_MIN_NUMBERS or len(set(numbers)) < T.COPIED_SERIES_MIN_DISTINCT:
        return None
    return tuple(c.value if c.kind is TargetKind.NUMBER else c.kind for c in cells)


def _reference_t011(doc: Document) -> Iterator[Hit]:
    groups: dict[tuple[object, ...], list[Indicator]] = defaultdict(list)
    for _, ind, targets, _, _ in _reference_rows(doc):
        key = _reference_series_key(ind, targets)
        if key is not None:
            groups[key].append(ind)
    for members in groups.values():
        if len({normalise_text(i.text) for i in members}) < T.COPIED_SERIES_MIN_INDICATORS:
            continue
        first = members[0]
        cells = ([first.baseline] if first.baseline is not None else []) + \
            [c for _, c in sorted(first.targets.items())]
        series = " ".join(T._show(c) or "∅" for c in cells)
        lines = lines_in_words(doc, [i.line for i in members])
        yield hit("T011", f"{first.id}/targets", line=first.line, end_line=members[-1].end_line,
                  excerpt=first.text, series=series, count=len(members), lines=lines, indicator=first.text)


def _same(a: list[Hit], b: list[Hit]) -> bool:
    # NaN values make equal hits unequal as dictionaries: compare their reprs.
    return [repr(h) for h in a] == [repr(h) for h in b]


@settings(max_examples=400, deadline=None)
@given(_docs())
def test_rows_match_the_straightforward_rows(doc: Document) -> None:
    assert repr(T._rows(doc, Context())) == repr(_reference_rows(doc))


@settings(max_examples=400, deadline=None)
@given(_docs())
def test_target_rules_match_the_straightforward_rules(doc: Document) -> None:
    ctx = Context()
    assert _same(list(T.check_decreasing_trajectory(doc, ctx)), list(_reference_wrong_way(doc, "T005", "higher", True)))
    assert _same(list(T.check_worsening_trajectory(doc, ctx)), list(_reference_wrong_way(doc, "T006", "lower", False)))
    assert _same(list(T.check_target_below_baseline(doc, ctx)), list(_reference_t007(doc)))
    assert _same(list(T.check_zero_target(doc, ctx)), list(_reference_t008(doc)))
    assert _same(list(T.check_percentage_out_of_range(doc, ctx)), list(_reference_t009(doc)))
    assert _same(list(T.check_unit_mismatch(doc, ctx)), list(_reference_t010(doc)))
    assert _same(list(T.check_copied_target_series(doc, ctx)), list(_reference_t011(doc)))
