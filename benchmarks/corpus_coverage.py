"""Reading coverage of the test corpus: every document in every layout and format radcheck is tested on.

    python benchmarks/corpus_coverage.py [--markdown]

For the Kota Bekasi seeds (plans/bekasi/*.txt) and the four plans of other regions
(tests/plans/regions/*.txt), each as its text, as the PDF and the space-aligned text a layout extraction
gives (``tests/pdf_fixtures.py``), as Word and Excel (``tests/office_fixtures.py``), and the seeds'
re-laid-out tables (one header row, years as ``Target 2025``/``Tahun I`` labels, reordered columns with
a Keterangan column): sections, indicators, table rows read of table rows met, reading notes by code,
and the time to read.  The files are generated in memory; nothing is written.  The figures are printed,
not asserted (the tests assert what must hold).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import office_fixtures as of  # noqa: E402
import pdf_fixtures as pf  # noqa: E402

from radcheck.model import Document  # noqa: E402
from radcheck.readers import read_bytes  # noqa: E402

SEEDS = {"bekasi/ppp": of.SEEDS["ppp"], "bekasi/pug": of.SEEDS["pug"]}
REGIONS = {f"regions/{p.stem.split('-')[1]}": p for p in sorted((ROOT / "tests" / "plans" / "regions").glob("*.txt"))}
RELAID = {
    "one-row": of.Layout(one_row=True),
    "target-labels": of.Layout(one_row=True, year_label="Target {year}"),
    "tahun-roman": of.Layout(one_row=True, year_label="Tahun {roman}"),
    "reordered": of.Layout(reorder=True, remarks=True),
    "reordered-one-row": of.Layout(one_row=True, year_label="Th. {year}", reorder=True, remarks=True),
}


def variants() -> list[tuple[str, str, Callable[[], Document]]]:
    out: list[tuple[str, str, Callable[[], Document]]] = []
    for name, path in {**SEEDS, **REGIONS}.items():
        text = path.read_text(encoding="utf-8")
        region = name.startswith("regions/")
        out += [
            (name, "text", lambda t=text: read_bytes(t.encode(), "p.txt", "text")),
            (name, "pdf", lambda t=text, r=region: read_bytes(pf.seed_pdf(t, clean_body=r), "p.pdf", "pdf")),
            (name, "pdf-unruled", lambda t=text, r=region: read_bytes(
                pf.seed_pdf(t, ruled=False, clean_body=r), "p.pdf", "pdf")),
            (name, "layout-text", lambda t=text: read_bytes(pf.seed_layout_text(t).encode(), "p.txt", "text")),
            (name, "layout-text-wrapped", lambda t=text: read_bytes(
                pf.seed_layout_text(t, wrap=18).encode(), "p.txt", "text")),
            (name, "docx", lambda p=path, r=region: read_bytes(
                of.write_docx(p, title_rows=(p.name.startswith("perwal-10") or r)), "p.docx", "docx")),
            (name, "xlsx", lambda p=path: read_bytes(of.write_xlsx(p), "p.xlsx", "xlsx")),
        ]
        if not region:
            for label in ("{year}", "Target {year}", "Th. {year}", "Tahun {year}"):
                out.append((name, f"text one header row '{label}'", lambda t=text, lab=label: read_bytes(
                    of.one_header_row(t, lab).encode(), "p.txt", "text")))
        for lname, layout in RELAID.items():
            for kind in ("text", "docx", "xlsx"):
                out.append((name, f"{kind} {lname}", lambda p=path, k=kind, lay=layout: _relaid(p, k, lay)))
    return out


def _relaid(path: Path, kind: str, layout: of.Layout) -> Document:
    if kind == "text":
        return read_bytes(of.write_text(path, layout), "p.txt", "text")
    if kind == "docx":
        return read_bytes(of.write_docx(path, layout=layout), "p.docx", "docx")
    return read_bytes(of.write_xlsx(path, layout), "p.xlsx", "xlsx")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = ap.parse_args()
    head = ("document", "format / layout", "sections", "indicators", "rows read / table rows", "notes", "ms")
    rows = []
    for name, kind, read in variants():
        start = time.perf_counter()
        doc = read()
        ms = (time.perf_counter() - start) * 1000
        notes = Counter(n.code for n in doc.notes)
        rows.append((name, kind, str(len(doc.sections)), str(sum(len(s.indicators) for s in doc.sections)),
                     f"{doc.rows_read}/{doc.table_rows}", " ".join(f"{c}×{n}" for c, n in sorted(notes.items())),
                     f"{ms:.0f}"))
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(r) + " |")
        return
    widths = [max(len(x) for x in col) for col in zip(head, *rows)]
    for r in [head, *rows]:
        print("  ".join(x.ljust(w) for x, w in zip(r, widths)).rstrip())


if __name__ == "__main__":
    main()
