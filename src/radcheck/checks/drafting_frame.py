"""L007–L009, L011, L012: the frame of the regulation — legal basis, titles, dates and the gazette."""

from __future__ import annotations

import re
from collections.abc import Iterator

from radcheck.engine import Context, rule
from radcheck.findings import Hit, hit
from radcheck.legal.hierarchy import Kind, load_hierarchy
from radcheck.model import Citation, Document
from radcheck.words import joined, word

# --- L007 ------------------------------------------------------------------------------------


def citation_name(c: Citation) -> str:
    kind = c.kind or "?"
    if c.issuer and kind == "Peraturan Daerah":
        kind = f"Peraturan Daerah {c.issuer}"
    if c.number is not None and c.year is not None:
        return f"{kind} Nomor {c.number} Tahun {c.year}"
    return c.raw[:80]


def _kind_of(c: Citation) -> Kind | None:
    return load_hierarchy().classify(c.raw)


@rule("L007")
def check_mengingat_order(doc: Document, ctx: Context) -> Iterator[Hit]:
    prev: tuple[Citation, Kind] | None = None
    for c in doc.mengingat:
        kind = _kind_of(c)
        if kind is None:
            continue
        if prev is not None:
            p, pk = prev
            reason = None
            if kind.rank < pk.rank:
                reason = word("mengingat-order.ranks-above", kind=kind.name, previous=pk.name)
            elif kind.rank == pk.rank and c.year is not None and p.year is not None:
                same_series = kind.id == pk.id and (c.issuer or "") == (p.issuer or "")
                if c.year < p.year or (same_series and c.year == p.year and c.number is not None
                                       and p.number is not None and c.number < p.number):
                    reason = word("mengingat-order.earlier-first")
            if reason is not None:
                yield hit("L007", f"/body/mengingat/{c.no}", line=c.line, end_line=c.end_line, excerpt=c.raw,
                          no=c.no, citation=citation_name(c), prev_no=p.no, previous=citation_name(p), reason=reason)
                continue  # keep comparing with the item before: one misplaced item is one finding
        prev = (c, kind)


# --- L008 ------------------------------------------------------------------------------------

_GAZETTE_WORDING = re.compile(
    r"\b(tambahan\s+)?(lembaran|berita)\s+(negara|daerah)(\s+republik\s+indonesia)?\b", re.IGNORECASE
)


def _proper(m: re.Match[str]) -> str:
    parts = [m.group(1), m.group(2), m.group(3), m.group(4)]
    return " ".join(w.strip().title() if w.strip().lower() != "republik indonesia" else "Republik Indonesia"
                    for w in parts if w)


@rule("L008")
def check_citation_format(doc: Document, ctx: Context) -> Iterator[Hit]:
    last = len(doc.mengingat) - 1
    for i, c in enumerate(doc.mengingat):
        problems: list[dict[str, str]] = []  # words: rules/words.yaml citation-problem
        spots: list[str | None] = []  # the words at fault, for each problem: the report quotes the first
        if c.number_raw and re.match(r"0\d", c.number_raw):
            spots.append(c.number_raw)
            problems.append(word("citation-problem.leading-zero", number=c.number_raw))
        end = c.raw.rstrip()[-1:] if c.raw.strip() else ""
        want = "." if i == last else ";"
        if end != want:
            spots.append(c.raw.rstrip()[-12:])  # the citation's last words
            problems.append(word("citation-problem.end", end=end, want=want))
        if re.match(r"Undang-undang\b", c.raw):
            spots.append("Undang-undang")
            problems.append(word("citation-problem.lower-case-u"))
        for m in _GAZETTE_WORDING.finditer(c.raw):
            proper = _proper(m)
            if m.group(0) != proper and m.group(0).replace("  ", " ") != proper:
                spots.append(m.group(0))
                problems.append(word("citation-problem.gazette-wording", written=m.group(0), proper=proper))
                break
        kind = _kind_of(c)
        gaz = c.raw.lower()
        if kind is not None and kind.gazette != "none":
            wanted = [{"negara": "lembaran negara", "berita-negara": "berita negara", "daerah": "daerah"}[g]
                      for g in kind.gazettes_for(c.year) if g != "none"]
            if "lembaran" not in gaz and "berita" not in gaz:
                spots.append(None)
                problems.append(word("citation-problem.no-gazette"))
            elif not any(w in gaz for w in wanted):
                spots.append(None)
                label = {"negara": "Lembaran Negara", "berita-negara": "Berita Negara",
                         "daerah": "Lembaran/Berita Daerah"}[kind.gazette]
                problems.append(word("citation-problem.wrong-gazette", kind=kind.name, gazette=label))
        if problems:
            yield hit("L008", f"/body/mengingat/{c.no}", line=c.line, end_line=c.end_line,
                      excerpt=c.raw, focus=spots[0], no=c.no, problem=joined(problems))


# --- L009 ------------------------------------------------------------------------------------


def norm_title(text: str) -> str:
    t = text.upper().replace("–", "-").replace("—", "-")
    t = re.sub(r"\s*-\s*", " - ", t)
    t = re.sub(r"\s+", " ", t)
    return t.strip(" ;.,:")


def _kind_ok(written: str, doc: Document) -> bool:
    """Menimbang and Menetapkan name the kind without the region ("PERATURAN WALI KOTA"); both forms pass."""
    w = norm_title(written)
    kind = norm_title(doc.kind or "")
    full = norm_title(f"PERATURAN {doc.office}") if doc.office else kind
    return w in {kind, full}


@rule("L009")
def check_title_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    if not doc.title:
        return
    title = norm_title(doc.title)
    kind_expected = norm_title(doc.kind or "")
    what_kind = word("title-part.kind")
    what_title = word("title-part.name")
    if doc.menimbang:
        last = doc.menimbang[-1]
        m = re.search(r"perlu\s+(?:menetapkan|membentuk)\s+(Peraturan\s+.+?)\s+tentang\s+(.+?)\s*[;.]?\s*$",
                      last.text, re.IGNORECASE | re.DOTALL)
        place = word("title-place.menimbang", letter=last.no)
        if m:
            if doc.kind and not _kind_ok(m.group(1), doc):
                yield hit("L009", f"/body/menimbang/{last.no}", line=last.line, end_line=last.end_line,
                          excerpt=last.text, what=what_kind, place=place, written=m.group(1),
                          expected=doc.kind)
            if norm_title(m.group(2)) != title:
                yield hit("L009", f"/body/menimbang/{last.no}", line=last.line, end_line=last.end_line,
                          excerpt=last.text, what=what_title, place=place, written=m.group(2).strip(" ;."),
                          expected=doc.title)
    if doc.menetapkan:
        m = re.match(r"^\s*(PERATURAN\s+.+?)\s+TENTANG\s+(.+?)\s*\.?\s*$", doc.menetapkan, re.IGNORECASE | re.DOTALL)
        place = word("title-place.menetapkan")
        if m:
            if doc.kind and not _kind_ok(m.group(1), doc):
                yield hit("L009", "/body/menetapkan", line=doc.menetapkan_line, excerpt=doc.menetapkan,
                          what=what_kind, place=place, written=m.group(1), expected=kind_expected)
            if norm_title(m.group(2)) != title:
                yield hit("L009", "/body/menetapkan", line=doc.menetapkan_line, excerpt=doc.menetapkan,
                          what=what_title, place=place, written=m.group(2).strip(" ."), expected=title)
    for i, head in enumerate(doc.lampiran, start=1):
        path = "/lampiran/heading" if len(doc.lampiran) == 1 else f"/lampiran/heading/{i}"
        place = word("title-place.lampiran")
        if head.kind and doc.office:
            expected_kind = norm_title(f"PERATURAN {doc.office}")
            if norm_title(head.kind) != expected_kind:
                yield hit("L009", path, line=head.line, excerpt=head.raw, what=what_kind, place=place,
                          written=head.kind, expected=expected_kind)
        if (head.number, head.year) != (doc.number, doc.year) and head.number is not None and doc.number is not None:
            yield hit("L009", path, line=head.line, excerpt=head.raw,
                      what=word("title-part.number-year"), place=place,
                      written=f"NOMOR {head.number} TAHUN {head.year}", expected=f"NOMOR {doc.number} TAHUN {doc.year}")
        if head.title and norm_title(head.title) != title:
            yield hit("L009", path, line=head.line, excerpt=head.raw, what=what_title, place=place,
                      written=head.title, expected=title)


# --- L011 and L012 ---------------------------------------------------------------------------


@rule("L011")
def check_date_order(doc: Document, ctx: Context) -> Iterator[Hit]:
    enacted, promulgated = doc.closing.enacted, doc.closing.promulgated
    e = enacted.date if enacted else None
    p = promulgated.date if promulgated else None
    if e and p and p < e:
        yield hit("L011", "/body/closing/diundangkan", line=promulgated.line if promulgated else None,
                  excerpt=promulgated.raw if promulgated else None,
                  problem=word("date-problem.promulgated-first", promulgated=p, enacted=e))
    if doc.year is not None and (e or p) and doc.year not in {d.year for d in (e, p) if d}:
        first = enacted or promulgated
        yield hit("L011", "/body/closing", line=first.line if first else None, excerpt=first.raw if first else None,
                  problem=word("date-problem.other-year", year=doc.year))
    gazette = doc.closing.gazette_closing
    if p and gazette and gazette.year is not None and gazette.year != p.year:
        yield hit("L011", "/body/closing/berita-daerah", line=gazette.line, excerpt=gazette.raw,
                  problem=word("date-problem.gazette-year", gazette=gazette.year, promulgated=p.year))


@rule("L012")
def check_gazette_number_mismatch(doc: Document, ctx: Context) -> Iterator[Hit]:
    head, close = doc.closing.gazette_heading, doc.closing.gazette_closing
    if head is None or close is None:
        return
    pairs: list[tuple[object, object]] = [(head.number, close.number), (head.year, close.year)]
    differs = [(a, b) for a, b in pairs if a is not None and b is not None and a != b]
    if head.region and close.region and norm_title(head.region) != norm_title(close.region):
        differs.append((head.region, close.region))
    if differs:
        yield hit("L012", "/body/closing/berita-daerah", line=close.line, excerpt=close.raw,
                  heading=f"{head.region or ''} Tahun {head.year} Nomor {head.number}".strip(),
                  closing=f"{close.region or ''} Tahun {close.year} Nomor {close.number}".strip())
