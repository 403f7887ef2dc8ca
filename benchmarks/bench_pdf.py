"""Benchmark: read a 30-page PDF regulation (body pages and ruled annex tables) and report the time.

    python benchmarks/bench_pdf.py [--pages 30] [--repeat 3]

The PDF is the PPP seed laid out by ``tests/pdf_fixtures.py`` (body with page numbers and catchwords,
annex tables with wrapped and merged cells and a header repeated per page), its annex repeated until
the file has at least ``--pages`` pages.  Prints the time radcheck takes to read it (pdfplumber), and,
for comparison, the time pypdfium2 takes to extract the text alone (it gives no table cells).  The
figures are printed, not asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import pdf_fixtures  # noqa: E402

from radcheck.readers import read_bytes  # noqa: E402


def _pages(data: bytes) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def make_pdf(pages: int) -> bytes:
    seed = (ROOT / "plans" / "bekasi" / "perwal-11-2024-rad-ppp.txt").read_text(encoding="utf-8")
    lines = seed.splitlines()
    split = next(i for i, ln in enumerate(lines) if i > 0 and ln.startswith("LAMPIRAN"))
    annex = lines[split:]
    text = seed
    data = pdf_fixtures.seed_pdf(text)
    while _pages(data) < pages:
        text += "\n" + "\n".join(annex[1:])
        data = pdf_fixtures.seed_pdf(text)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=30)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data = make_pdf(args.pages)
    n = _pages(data)
    times, cpu = [], []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        doc = read_bytes(data, "bench.pdf", "pdf")
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    rows = sum(len(s.indicators) for s in doc.sections)
    print(f"radcheck (pdfplumber): {n} pages, {len(data):,} bytes, {len(doc.sections)} sections, {rows} indicators: "
          f"median {statistics.median(times):.2f} s wall, {statistics.median(cpu):.2f} s CPU "
          f"({statistics.median(cpu) / n * 1000:.0f} ms CPU a page)")
    import pypdfium2

    start = time.perf_counter()
    pdf = pypdfium2.PdfDocument(data)
    chars = sum(len(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf)))
    pdf.close()
    took = time.perf_counter() - start
    print(f"pypdfium2 text only (no cells, no rulings): {chars:,} characters in {took:.2f} s")


if __name__ == "__main__":
    main()
