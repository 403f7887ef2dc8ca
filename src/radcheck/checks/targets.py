"""T — targets and indicators: missing, empty, falling, out-of-range or copied target series.

Every rule here reads indicators (text, unit, baseline, one typed cell per plan year) and judges them
by the cell's kind: a number, ``-`` (explicitly no target that year), empty (missing), a qualitative
stage (``Ada``, ``Inisiasi Awal``) or an unreadable text.  Direction rules (T005–T007) use the
indicator's polarity (:mod:`radcheck.polarity`); when nothing states it, higher-is-better is assumed
and the message says so.

Examples (one row of a PUG-style table; the year columns are 2024–2028)::

    Jumlah unit Puskesmas yang dibangun | Unit |   |   |   | 1 | 1 | 1     → T001 (2024, 2025 empty), T004
    Persentase dekela                   | %    |   |100|27,68|51,79|75,89|100 → T004, T005 (100 → 27,68)
    Jumlah kasus anemia                 | Orang|519|512|506|499|493|486 → nothing: cases should fall
"""

from __future__ import annotations

import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from functools import cache
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from radcheck import shipped
from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.locate import lines_in_words
from radcheck.model import Document, Indicator, Section, TargetCell, TargetKind
from radcheck.numbers import format_id_number
from radcheck.polarity import PolarityResolver, PolarityResult, normalise_words
from radcheck.words import word

# A series shared by this many different indicators is a copy-paste smell (docs/RULES.md: three or more).
COPIED_SERIES_MIN_INDICATORS = 3
# Short or flat series repeat by coincidence (1 1 1 1 1, 100 100 …): a copied series must hold at
# least this many numbers and at least this many distinct values to count.
COPIED_SERIES_MIN_NUMBERS = 3
COPIED_SERIES_MIN_DISTINCT = 2
# Percentages live in [0, 100].
PERCENT_MIN = 0.0
PERCENT_MAX = 100.0

_PERCENT_UNITS = re.compile(r"^\s*(?:%|persen|persentase|prosentase|presentase|prosen)\s*\.?$", re.I)
_PERCENT_TEXT = re.compile(r"^\s*(?:persentase|presentase|prosentase|persen)\b", re.I)
_COUNT_TEXT = re.compile(r"^\s*jumlah\b", re.I)
_AREA_UNITS = re.compile(r"^\s*(?:ha|hektar|hektare|km2|km²|m2|m²|meter persegi|kilometer persegi)\s*\.?$", re.I)
_NUMBERING = re.compile(r"^\s*(?:\d{1,3}|[a-z])[.)]\s+", re.I)


class _Row(NamedTuple):
    """One indicator with its target cells in year order, sorted once per run for all T rules."""

    sec: Section
    ind: Indicator
    cells: list[tuple[int, TargetCell]]  # every target cell, in year order
    numbers: list[tuple[int, TargetCell]]  # the numeric ones: ``-``, empty, qualitative, unreadable skipped
    # The numbers' values, read once: a large plan's cells are half a million objects scattered in
    # memory, and most rows are judged on their values alone.
    values: tuple[float, ...]


def _rows(doc: Document, ctx: Context) -> list[_Row]:
    def build() -> list[_Row]:
        number = TargetKind.NUMBER  # an enum member looked up once, not per cell (half a million on 100k)
        rows = []
        for sec in doc.sections:
            for ind in sec.indicators:
                cells = sorted(ind.targets.items())
                numbers = [(y, c) for y, c in cells if c.kind is number]
                values = tuple([c.value for _, c in numbers if c.value is not None])
                rows.append(_Row(sec, ind, cells, numbers, values))
        return rows

    return ctx.memo(doc, "targets.rows", build)


def _polarities(doc: Document, ctx: Context) -> list[PolarityResult]:
    """Each indicator's polarity, in :func:`_rows` order, resolved once per run for T005–T007."""
    def build() -> list[PolarityResult]:
        polarity_of = PolarityResolver(ctx.config)
        return [polarity_of(row.ind) for row in _rows(doc, ctx)]

    return ctx.memo(doc, "targets.polarities", build)


class _OneOffVocabulary(BaseModel):
    """rules/one-off.yaml: the words and units of indicators counting things bought or built once."""

    model_config = ConfigDict(extra="forbid")
    terms: list[str]
    units: list[str]


@cache
def _one_off_vocabulary() -> tuple[tuple[str, ...], frozenset[str]]:
    vocab = _OneOffVocabulary.model_validate(shipped.load("one-off.yaml") or {})
    return tuple(normalise_words(t) for t in vocab.terms), frozenset(u.casefold() for u in vocab.units)


def _one_off(ind: Indicator) -> str | None:
    """The word or unit saying the indicator counts things bought or built once, or None."""
    terms, units = _one_off_vocabulary()
    text = normalise_words(ind.text)
    term = next((t.strip() for t in terms if t in text), None)
    if term is None and (ind.unit or "").strip().rstrip(".").casefold() in units:
        term = (ind.unit or "").strip()
    return term


def _has_any_target(ind: Indicator) -> bool:
    return any(c.kind in (TargetKind.NUMBER, TargetKind.QUALITATIVE, TargetKind.UNREADABLE)
               for c in ind.targets.values())


def _is_percent(ind: Indicator) -> bool:
    if ind.unit:
        return bool(_PERCENT_UNITS.match(ind.unit))
    return bool(_PERCENT_TEXT.match(_bare(ind.text)))


def _percent_judge() -> Callable[[Indicator], bool]:
    """:func:`_is_percent`, each unit and each text judged once: a plan repeats them over many rows."""
    units: dict[str, bool] = {}
    texts: dict[str, bool] = {}

    def is_percent(ind: Indicator) -> bool:
        if ind.unit:
            known = units.get(ind.unit)
            if known is None:
                known = units[ind.unit] = bool(_PERCENT_UNITS.match(ind.unit))
            return known
        known = texts.get(ind.text)
        if known is None:
            known = texts[ind.text] = bool(_PERCENT_TEXT.match(_bare(ind.text)))
        return known

    return is_percent


def _bare(text: str) -> str:
    return _NUMBERING.sub("", text)


def _show(cell: TargetCell) -> str:
    return cell.raw or (format_id_number(cell.value) if cell.value is not None else "")


def _years(years: list[int]) -> str:
    return ", ".join(str(y) for y in years)


@rule("T001")
def check_missing_target(doc: Document, ctx: Context) -> Iterator[Hit]:
    """One finding per indicator, naming every plan year whose target cell is empty."""
    for _, ind, cells, nums, _ in _rows(doc, ctx):
        if len(nums) == len(cells):
            continue  # every cell a number (most rows): none is empty
        missing = [y for y, c in cells if c.kind is TargetKind.MISSING]
        if missing:
            yield hit("T001", f"{ind.id}/targets/{missing[0]}", line=ind.line, end_line=ind.end_line,
                      excerpt=ind.text, indicator=ind.text, years=_years(missing))


@rule("T002")
def check_no_target_in_period(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Every year ``-`` (or empty, with at least one ``-``): nothing planned in the period.

    With a baseline the indicator is carried over without a target; without one (``Unit - - - - - -``,
    or a baseline of ``-``) the row is dead: nothing measured before, nothing planned.  A series that
    is entirely empty is T001's: the cells are missing, not declared empty.
    """
    for _, ind, _, nums, _ in _rows(doc, ctx):
        if nums:
            continue  # a number in the series (most rows) is a target
        cells = list(ind.targets.values())
        if not cells:
            continue
        if not (all(c.kind in (TargetKind.NONE, TargetKind.MISSING) for c in cells)
                and any(c.kind is TargetKind.NONE for c in cells)):
            continue
        years = sorted(ind.targets)
        period = f"{years[0]}–{years[-1]}"
        base = ind.baseline
        if base is not None and base.kind in (TargetKind.NUMBER, TargetKind.QUALITATIVE):
            yield hit("T002", f"{ind.id}/targets", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                      indicator=ind.text, baseline=_show(base), period=period)
        elif base is None or base.kind in (TargetKind.NONE, TargetKind.MISSING):
            yield hit("T002", f"{ind.id}/targets", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                      indicator=ind.text, period=period, variant="dead-row")


@rule("T003")
def check_missing_unit(doc: Document, ctx: Context) -> Iterator[Hit]:
    for sec in doc.sections:
        for ind in sec.indicators:
            if not (ind.unit or "").strip() and _has_any_target(ind):
                yield hit("T003", f"{ind.id}/unit", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                          indicator=ind.text)


@rule("T004")
def check_missing_baseline(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Only where the table has a baseline column (``baseline`` is None otherwise)."""
    missing = TargetKind.MISSING
    for sec in doc.sections:
        for ind in sec.indicators:
            if ind.baseline is not None and ind.baseline.kind is missing:
                if ind.targets and all(c.kind is missing for c in ind.targets.values()):
                    continue  # a wholly empty row is one T001 finding, not a T001 and a T004
                col = next((c for c in sec.columns if c.role == "baseline"), None)
                label = word("column.baseline-year", year=col.year) if col and col.year else word("column.baseline")
                yield hit("T004", f"{ind.id}/baseline", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                          indicator=ind.text, column=label)


def _moves(nums: list[tuple[int, TargetCell]], falling: bool) -> list[tuple[int, TargetCell, int, TargetCell]]:
    out = []
    for (y0, c0), (y1, c1) in zip(nums, nums[1:]):
        assert c0.value is not None and c1.value is not None
        if (c1.value < c0.value) if falling else (c1.value > c0.value):
            out.append((y0, c0, y1, c1))
    return out


def _describe_moves(moves: list[tuple[int, TargetCell, int, TargetCell]]) -> str:
    return "; ".join(f"{_show(c0)} ({y0}) → {_show(c1)} ({y1})" for y0, c0, y1, c1 in moves)


@rule("T005")
def check_decreasing_trajectory(doc: Document, ctx: Context) -> Iterator[Hit]:
    return _wrong_way(doc, ctx, "T005", polarity="higher", falling=True)


@rule("T006")
def check_worsening_trajectory(doc: Document, ctx: Context) -> Iterator[Hit]:
    return _wrong_way(doc, ctx, "T006", polarity="lower", falling=False)


def _wrong_way(doc: Document, ctx: Context, code: str, *, polarity: str, falling: bool) -> Iterator[Hit]:
    """Indicators of ``polarity`` whose targets move against it (fall when ``falling``, else rise)."""
    # "b < a" for each next value b is "a > b": one C-level map over the pairs instead of a generator.
    against = operator.gt if falling else operator.lt
    for (_, ind, _, nums, values), pol in zip(_rows(doc, ctx), _polarities(doc, ctx), strict=True):
        if pol.polarity != polarity:
            continue
        if not any(map(against, values, values[1:])):
            continue  # the plain values never move that way: no need to collect moves
        moves = _moves(nums, falling=falling)
        if moves:
            # Things bought or built once: a smaller purchase next year is a question, not a worse result.
            one_off = _one_off(ind) if falling else None
            yield hit(code, f"{ind.id}/targets/{moves[0][2]}", line=ind.line, end_line=ind.end_line,
                      excerpt=ind.text, indicator=ind.text, moves=_describe_moves(moves),
                      polarity=pol.describe(), **({"term": one_off, "variant": "one-off"} if one_off else {}))


def _all_zero_after_positive_baseline(ind: Indicator, nums: list[tuple[int, TargetCell]]) -> bool:
    return bool(nums) and all(c.value == 0 for _, c in nums) and ind.baseline is not None \
        and ind.baseline.kind is TargetKind.NUMBER and (ind.baseline.value or 0) > 0


@rule("T007")
def check_target_below_baseline(doc: Document, ctx: Context) -> Iterator[Hit]:
    """The first plan year's target against a numeric baseline; all-zero series are left to T008.

    Only the first year counts: when it is ``-`` the plan states no target yet, and a later year's
    target is often a yearly addition to the stock the baseline counts.
    """
    for (_, ind, cells, nums, _), pol in zip(_rows(doc, ctx), _polarities(doc, ctx), strict=True):
        base = ind.baseline
        if base is None or base.kind is not TargetKind.NUMBER or not cells \
                or _all_zero_after_positive_baseline(ind, nums):
            continue
        year, first = cells[0]  # the first plan year's cell: the cells are in year order
        if first.kind is not TargetKind.NUMBER:
            continue
        assert base.value is not None and first.value is not None
        worse = first.value < base.value if pol.polarity == "higher" else first.value > base.value
        if worse:
            one_off = _one_off(ind) if pol.polarity == "higher" else None
            yield hit("T007", f"{ind.id}/targets/{year}", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                      indicator=ind.text, baseline=_show(base), target=_show(first), year=year,
                      polarity=pol.describe(), **({"term": one_off, "variant": "one-off"} if one_off else {}))


@rule("T008")
def check_zero_target(doc: Document, ctx: Context) -> Iterator[Hit]:
    for _, ind, _, nums, values in _rows(doc, ctx):
        if not values or any(values):  # a number is true exactly when it is not 0 (NaN included)
            continue
        if _all_zero_after_positive_baseline(ind, nums):
            assert ind.baseline is not None
            reason = word("zero-targets-while.baseline", baseline=_show(ind.baseline))
        elif _is_percent(ind) or (ind.unit and _AREA_UNITS.match(ind.unit)):
            reason = word("zero-targets-while.unit", unit=ind.unit or "%")
        else:
            continue
        yield hit("T008", f"{ind.id}/targets", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                  indicator=ind.text, reason=reason)


@rule("T009")
def check_percentage_out_of_range(doc: Document, ctx: Context) -> Iterator[Hit]:
    is_percent = _percent_judge()
    for _, ind, targets, _, _ in _rows(doc, ctx):
        if not is_percent(ind):
            continue
        # The baseline, then each year: a path and a label are made only for a cell out of range.
        if ind.baseline is not None and _out_of_percent(ind.baseline):
            yield hit("T009", f"{ind.id}/baseline", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                      indicator=ind.text, value=_show(ind.baseline), where=word("percent-value.baseline"))
        for y, c in targets:
            if _out_of_percent(c):
                yield hit("T009", f"{ind.id}/targets/{y}", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
                          indicator=ind.text, value=_show(c), where=word("column.target", year=y))


def _out_of_percent(cell: TargetCell) -> bool:
    return cell.kind is TargetKind.NUMBER and cell.value is not None and not PERCENT_MIN <= cell.value <= PERCENT_MAX


@rule("T010")
def check_unit_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    # Each unit and each text is read once: a plan repeats them over many rows.
    percent_units: dict[str, bool] = {}
    text_kinds: dict[str, tuple[bool, bool]] = {}  # text → (a percentage's wording, a count's wording)
    for sec in doc.sections:
        for ind in sec.indicators:
            unit = (ind.unit or "").strip()
            if not unit:
                continue  # no unit at all is T003's
            percent_unit = percent_units.get(unit)
            if percent_unit is None:
                percent_unit = percent_units[unit] = bool(_PERCENT_UNITS.match(unit))
            kinds = text_kinds.get(ind.text)
            if kinds is None:
                text = _bare(ind.text)
                kinds = text_kinds[ind.text] = (bool(_PERCENT_TEXT.match(text)), bool(_COUNT_TEXT.match(text)))
            if kinds[0] and not percent_unit:
                yield _unit_mismatch(ind, unit, percentage=True)
            elif kinds[1] and percent_unit:
                yield _unit_mismatch(ind, unit, percentage=False)


def _unit_mismatch(ind: Indicator, unit: str, *, percentage: bool) -> Hit:
    """T010's finding: a percentage's wording measured in a count, or a count's wording in per cent."""
    return hit("T010", f"{ind.id}/unit", line=ind.line, end_line=ind.end_line, excerpt=ind.text,
               indicator=ind.text, unit=unit, variant="percentage" if percentage else "count")


def _series_key(ind: Indicator, targets: list[tuple[int, TargetCell]],
                values: tuple[float, ...]) -> tuple[object, ...] | None:
    """The typed series, baseline first, or None when it holds too few numbers or too few values.

    ``values``: the targets' numbers (:class:`_Row`), read once per run."""
    base = ind.baseline
    base_is_number = base is not None and base.kind is TargetKind.NUMBER
    numbers = (base.value, *values) if base_is_number else values  # type: ignore[union-attr]
    if len(numbers) < COPIED_SERIES_MIN_NUMBERS or len(set(numbers)) < COPIED_SERIES_MIN_DISTINCT:
        return None
    # Every target a number (most rows): the key is the row's values as they stand.
    key = values if len(values) == len(targets) else tuple(
        c.value if c.kind is TargetKind.NUMBER else c.kind for _, c in targets)
    return key if base is None else (base.value if base_is_number else base.kind, *key)  # type: ignore[union-attr]


@rule("T011")
def check_copied_target_series(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Grouped by an exact key (the typed series), so the cost is linear in the number of indicators."""
    from radcheck.matching import normalise_text

    groups: dict[tuple[object, ...], list[Indicator]] = defaultdict(list)
    for _, ind, targets, _, values in _rows(doc, ctx):
        key = _series_key(ind, targets, values)
        if key is not None:
            groups[key].append(ind)
    normalised: dict[str, str] = {}  # text → normalise_text(text): copied series repeat wordings too
    for members in groups.values():
        if len(members) < COPIED_SERIES_MIN_INDICATORS:
            continue  # fewer indicators than that cannot have that many different texts
        texts = set()
        for i in members:
            norm = normalised.get(i.text)
            if norm is None:
                norm = normalised[i.text] = normalise_text(i.text)
            texts.add(norm)
        if len(texts) < COPIED_SERIES_MIN_INDICATORS:
            continue
        first = members[0]
        cells = ([first.baseline] if first.baseline is not None else []) + \
            [c for _, c in sorted(first.targets.items())]
        series = " ".join(_show(c) or "∅" for c in cells)
        lines = lines_in_words(doc, [i.line for i in members])
        yield hit("T011", f"{first.id}/targets", line=first.line, end_line=members[-1].end_line,
                  excerpt=first.text, series=series, count=len(members), lines=lines, indicator=first.text)


@rule("T012")
def check_period_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Section titles and year columns against the regulation's plan period."""
    period = doc.period
    for sec in doc.sections:
        if sec.years and period is not None:
            named = (min(sec.years), max(sec.years))
            wrong = named != period if len(set(sec.years)) > 1 else not period[0] <= named[0] <= period[1]
            if wrong:
                shown = f"{named[0]}–{named[1]}" if named[0] != named[1] else str(named[0])
                yield hit("T012", f"{sec.letter}/title", line=sec.line, excerpt=sec.title,
                          where=word("period-place.section-title", letter=sec.letter),
                          years=shown, period=f"{period[0]}–{period[1]}")
        expected = list(range(period[0], period[1] + 1)) if period is not None else None
        headers = [(sec.header_line, sec.columns)] + [(h.line, h.columns) for h in sec.later_headers]
        for line, columns in headers:
            years = [c.year for c in columns if c.role == "target" and c.year is not None]
            if not years:
                continue
            if expected is None:
                if sec.years and len(set(sec.years)) > 1 and (min(sec.years), max(sec.years)) != (years[0], years[-1]):
                    yield hit("T012", f"{sec.letter}/columns", line=line, excerpt=" ".join(map(str, years)),
                              where=word("period-place.year-columns", letter=sec.letter),
                              years=_years(years), period=f"{min(sec.years)}–{max(sec.years)}")
                continue
            if years != expected:
                yield hit("T012", f"{sec.letter}/columns", line=line, excerpt=" ".join(map(str, years)),
                          where=word("period-place.year-columns", letter=sec.letter),
                          years=_years(years), period=f"{expected[0]}–{expected[-1]}")
