"""The four plans of other regions (tests/plans/regions/) as the files a region really sends: Word, Excel,
PDF and the space-aligned text a PDF layout extraction gives, each generated here from the plan's text
with the fixture modules.  Each reads into the same plan as its text: the same sections, plan nodes,
indicators and targets (locations and the header's own wording aside), every table row read, the same
reading notes, and the same findings by code and path.

A workbook holds the annex only (see test_xlsx_reader): its findings are compared on the annex, without
L001, whose definitions and vocabulary live in the body.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

import radcheck
from radcheck.readers import read_bytes

sys.path.insert(0, str(Path(__file__).parent))
import office_fixtures as of  # noqa: E402
import pdf_fixtures as pf  # noqa: E402

AS_OF = dt.date(2026, 11, 23)
REGIONS = Path(__file__).parent / "plans" / "regions"
PLANS = sorted(REGIONS.glob("*.txt"))
IDS = [p.stem for p in PLANS]
_HEADER_KEYS = {"columns", "header_line", "later_headers", "other"}
# a drafter's own layout: one header row with "Tahun 2025" labels, agencies first, a Keterangan column
RELAID = of.Layout(one_row=True, year_label="Tahun {year}", reorder=True, remarks=True)

FORMATS = {
    "layout-text": lambda p: read_bytes(pf.seed_layout_text(p.read_text(encoding="utf-8")).encode(), "p.txt", "text"),
    "pdf": lambda p: read_bytes(pf.seed_pdf(p.read_text(encoding="utf-8"), clean_body=True), "p.pdf", "pdf"),
    "docx": lambda p: read_bytes(of.write_docx(p), "p.docx", "docx"),
    "docx-title-rows": lambda p: read_bytes(of.write_docx(p, title_rows=True), "p.docx", "docx"),
    "docx-relaid": lambda p: read_bytes(of.write_docx(p, layout=RELAID), "p.docx", "docx"),
    "xlsx": lambda p: read_bytes(of.write_xlsx(p), "p.xlsx", "xlsx"),
    "xlsx-relaid": lambda p: read_bytes(of.write_xlsx(p, RELAID), "p.xlsx", "xlsx"),
    "text-relaid": lambda p: read_bytes(of.write_text(p, RELAID), "p.txt", "text"),
}


def _plan(doc) -> dict:  # noqa: ANN001
    def strip(o):  # noqa: ANN001, ANN202
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k not in _HEADER_KEYS}
        if isinstance(o, list):
            return [strip(v) for v in o]
        if isinstance(o, str):
            return " ".join(o.split())
        return o

    return strip(of.comparable(doc, annex_only=True))


def _findings(doc, *, annex_only: bool = False) -> Counter:  # noqa: ANN001
    found = radcheck.check(doc, as_of=AS_OF).documents[0].findings
    return Counter((f.code, re.sub(r"/rows/\d+", "/rows/#", f.path or "")) for f in found
                   if not annex_only or (f.path.startswith("/lampiran") and f.code != "L001"))


def _pasal(doc) -> int:  # noqa: ANN001
    return sum(1 for top in doc.provisions for p in top.walk() if p.kind == "pasal")


@pytest.fixture(scope="module")
def texts() -> dict[str, radcheck.Document]:  # type: ignore[name-defined]
    return {p.stem: radcheck.load(p) for p in PLANS}


@pytest.mark.parametrize("kind", list(FORMATS))
@pytest.mark.parametrize("path", PLANS, ids=IDS)
def test_region_plan_reads_the_same_in_every_format(path: Path, kind: str, texts) -> None:  # noqa: ANN001
    base = texts[path.stem]
    doc = FORMATS[kind](path)
    assert [(s.letter, s.title) for s in doc.sections] == [(s.letter, s.title) for s in base.sections]
    assert [len(s.indicators) for s in doc.sections] == [len(s.indicators) for s in base.sections]
    assert sum(len(s.indicators) for s in doc.sections) > 0
    assert _plan(doc) == _plan(base)
    assert doc.table_rows == doc.rows_read == base.rows_read > 0  # every table row read
    assert of.note_keys(doc) == of.note_keys(base)
    if kind.startswith("xlsx"):
        assert _findings(doc, annex_only=True) == _findings(base, annex_only=True)
        return
    if not kind.endswith("relaid"):  # the relaid text is written from the model: annex only
        assert (doc.kind, doc.region, doc.number, doc.year, doc.period) == (
            base.kind, base.region, base.number, base.year, base.period)
        assert (len(doc.menimbang), len(doc.mengingat), _pasal(doc)) == (
            len(base.menimbang), len(base.mengingat), _pasal(base))
    assert _findings(doc) == _findings(base)
