"""The text reader on the two seed regulations: what it understood, and that it lost nothing."""

from __future__ import annotations

import re

import pytest
from conftest import PPP, PUG

from radcheck.model import Document, TargetKind
from radcheck.readers.annex import header_columns, is_years_row
from radcheck.readers.common import clean_text
from radcheck.report import document_stats


def test_ppp_counts_as_the_document_is(ppp: Document) -> None:
    stats = document_stats(ppp)
    assert [s.letter for s in ppp.sections] == ["A", "B", "C"]
    assert stats["issues"] == 14
    assert stats["goals"] == 19
    assert stats["indicators"] == 41


def test_pug_counts_as_the_document_is(pug: Document) -> None:
    assert [s.letter for s in pug.sections] == ["A", "B", "C", "F", "H", "I", "K"]
    assert 175 <= document_stats(pug)["indicators"] <= 190


def test_body_identity(ppp: Document, pug: Document) -> None:
    for doc, number in ((ppp, 11), (pug, 10)):
        assert doc.kind == "Peraturan Wali Kota"
        assert doc.region == "Kota Bekasi"
        assert (doc.number, doc.year, doc.period) == (number, 2024, (2024, 2028))
        assert doc.closing.gazette_closing is not None and doc.closing.gazette_closing.number == number
        assert doc.closing.enacted is not None and doc.closing.enacted.date is not None
    assert len(ppp.menimbang) == 3 and len(ppp.mengingat) == 11
    assert ppp.mengingat[10].kind == "Peraturan Daerah" and ppp.mengingat[10].issuer == "Kota Bekasi"
    assert ppp.mengingat[10].title == "Pemberdayaan dan Perlindungan Perempuan"
    assert [(d.abbreviation, d.abbreviation_form) for d in ppp.definitions if d.abbreviation] == [
        ("RAD PPP", "disingkat"), ("Pokja", "parenthesis")]
    assert len(pug.pasal()) == 7 and len(ppp.pasal()) == 10


def test_heading_sharing_a_line_is_split(ppp: Document) -> None:
    babs = {p.number: p for p in ppp.provisions}
    assert babs["II"].heading == "MAKSUD DAN TUJUAN"
    assert [c.number for c in babs["II"].children] == ["2"]


def _indicator_at(doc: Document, line: int):
    return next(i for i in doc.indicators() if i.line == line)


def test_continuation_rows_extend_the_row_above(ppp: Document, pug: Document) -> None:
    assert _indicator_at(pug, 233).text == "Jumlah kasus anemia pada ibu hamil"
    act = next(a for s in ppp.sections for a in s.activities if a.line == 175)
    assert act.text.endswith("perdamaian dan keamanan") and act.end_line == 177
    # a continuation row shifted one column left (PPP line 198) still lands in its own columns
    issue = next(i for s in ppp.sections for i in s.issues if i.line == 196)
    assert issue.text.endswith("resiliensi masyarakat terhadap segala bentuk kekerasan terhadap perempuan")
    # a wrapped agency list keeps the break as a separator
    assert "\nPengadilan, Lembaga Bantuan Hukum" in _indicator_at(ppp, 206).supporting.raw


def test_merged_cells_inherit_within_their_group(ppp: Document) -> None:
    ind = _indicator_at(ppp, 170)
    assert ind.lead is not None and ind.lead.inherited
    assert ind.lead.raw == "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"
    assert ind.parent is not None and ind.parent.endswith("activities/1")


def test_target_cells_keep_their_kind(ppp: Document, pug: Document) -> None:
    qualitative = _indicator_at(ppp, 178)
    assert [t.kind for t in qualitative.targets.values()] == [TargetKind.QUALITATIVE] * 5
    puskesmas = _indicator_at(pug, 284)
    assert puskesmas.targets[2024].kind is TargetKind.MISSING
    assert puskesmas.targets[2026].value == 1
    persalinan = _indicator_at(pug, 232)
    assert persalinan.baseline is not None and persalinan.baseline.value == 6182


def test_realigned_and_stray_values_are_noted(pug: Document) -> None:
    notes = {(n.code, n.line) for n in pug.notes}
    assert {("P004", 179), ("P004", 189), ("P004", 200), ("P004", 217), ("P004", 201)} <= notes
    assert {("P003", 353), ("P003", 396), ("P003", 469), ("P003", 485)} <= notes
    assert _indicator_at(pug, 353).text.startswith("Jumlah Tenaga Kerja Khusus")
    assert _indicator_at(pug, 353).unit == "KK"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", clean_text(text))


def _accounted_strings(doc: Document) -> list[tuple[int, int, str]]:
    """(first line, last line, text) for everything the model holds from the annex."""
    out: list[tuple[int, int, str]] = []
    for sec in doc.sections:
        for node in sec.nodes():
            parts = [node.text, node.no or "", f"{node.no}.", f"{node.no})", f"{node.no}.{node.text}"]
            parts += [c.raw for c in (node.lead, node.supporting) if c]
            out.append((node.line or 0, node.end_line or 0, "\0".join(parts)))
        for ind in sec.indicators:
            parts = [ind.text, ind.unit or "", f"{ind.no}.{ind.text}", ind.baseline.raw if ind.baseline else ""]
            parts += [t.raw for t in ind.targets.values()]
            parts += [c.raw for c in (ind.lead, ind.supporting) if c]
            out.append((ind.line or 0, ind.end_line or 0, "\0".join(parts)))
    for note in doc.notes:
        out.append((note.line or 0, note.end_line or 0, note.text))
    return [(a, b, _squash(t)) for a, b, t in out]


@pytest.mark.parametrize("path", [PPP, PUG], ids=["ppp", "pug"])
def test_every_non_empty_annex_cell_is_in_the_model_or_a_finding(path) -> None:
    import radcheck

    doc = radcheck.load(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if i and ln.strip().startswith("LAMPIRAN"))
    held = _accounted_strings(doc)
    labels = {_squash(c.label) for s in doc.sections for h in [s.columns, *(x.columns for x in s.later_headers)]
              for c in h}
    missing: list[tuple[int, str]] = []
    checked = 0
    for idx in range(start, len(lines)):
        cells = lines[idx].split("\t")
        if len(cells) < 2 or all(re.fullmatch(r"-*", c.strip()) for c in cells):
            continue
        nxt = lines[idx + 1].split("\t") if idx + 1 < len(lines) else []
        if is_years_row(cells) or header_columns(cells, nxt if is_years_row(nxt) else None):
            assert {_squash(c) for c in cells if c.strip()} - labels <= {_squash(c) for c in cells if
                                                                         re.fullmatch(r"\d{4}", c.strip())}
            continue
        lineno = idx + 1
        for cell in cells:
            text = _squash(cell)
            if not text:
                continue
            checked += 1
            if not any(a <= lineno <= b and text in t for a, b, t in held):
                missing.append((lineno, cell))
    assert checked > 300
    assert missing == []
