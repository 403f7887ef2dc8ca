"""Read the body (batang tubuh) of a regulation from extracted text.

The body is a sequence of lines: cover, Judul, office, Menimbang, Mengingat, MEMUTUSKAN/Menetapkan,
BAB/Pasal/ayat/huruf/angka, and the closing block.  PDF extraction prefixes many lines with ``- `` and
may put a heading on the same line as the next one (``BAB II MAKSUD DAN TUJUAN Pasal 2``); both are
undone here before the structure is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from radcheck.model import (
    Citation,
    Clause,
    Closing,
    DatedPlace,
    Definition,
    Document,
    Gazette,
    Provision,
    ReadingNote,
    Signatory,
)
from radcheck.readers.common import MONTHS, clean_text, join_text

KINDS = {
    "WALI KOTA": "Peraturan Wali Kota",
    "WALIKOTA": "Peraturan Wali Kota",
    "BUPATI": "Peraturan Bupati",
    "GUBERNUR": "Peraturan Gubernur",
}
_OFFICE = r"(WALI\s*KOTA|BUPATI|GUBERNUR)"
_JUDUL = re.compile(rf"^(?:RANCANGAN\s+)?PERATURAN\s+{_OFFICE}\s+(.+?)\s*$", re.IGNORECASE)
_NOMOR_TAHUN = re.compile(r"^NOMOR\s*:?\s*(\d+)\s+TAHUN\s*:?\s*(\d{4})\s*$", re.IGNORECASE)
# What may follow the region on a Judul line: ``… SUMATERA UTARA NOMOR 36 TAHUN 2012 TENTANG …``.
_JUDUL_TAIL = re.compile(
    r"^(?P<region>.*?)(?:\s+NOMOR\s*:?\s*(?P<number>\d+))?(?:\s+TAHUN\s*:?\s*(?P<year>\d{4}))?"
    r"(?:\s+TENTANG\b\s*(?P<title>.*))?$",
    re.IGNORECASE,
)
_NOMOR_LINE = re.compile(r"^NOMOR\s*:?\s*(\d+)(?:\s+TAHUN\s*:?\s*(\d{4}))?(?:\s+TENTANG\b\s*(.*))?$", re.IGNORECASE)
_NOMOR_BLANK = re.compile(r"^NOMOR\b[\s.…:_-]*(?:TAHUN\s*:?\s*(\d{4}))?", re.IGNORECASE)
_TAHUN_LINE = re.compile(r"^TAHUN\s*:?\s*(\d{4})(?:\s+TENTANG\b\s*(.*))?$", re.IGNORECASE)
_REGION_WORD = re.compile(r"^(?:KABUPATEN|KOTA|PROVINSI)\s+", re.IGNORECASE)
# Page furniture of a PDF: a page number (``- 2 -``, ``-2-``, ``Halaman 2 dari 9``) and a catchword, the
# first words of the next page under the last line (``2. Undang-Undang . . .``).  Neither is text.
_PAGE_NUMBER = re.compile(
    r"^[-–—]\s*\d{1,4}\s*[-–—]$|^\d{1,3}$|^(?:halaman|hal\.)\s*\d{1,4}(?:\s+dari\s+\d{1,4})?$", re.IGNORECASE)
_CATCHWORD = re.compile(r"^\S.{0,80}?\s*(?:(?:\.\s*){3,}|…)$")
_CATCHWORD_MAX = 80  # a catchword is a few words; a longer line is text even if it ends in dots
_CATCHWORD_WORDS = 4  # "2. Undang-Undang . . .", "b. bahwa . . .", "Pasal 5 . . ."; a draft's blank line has more
_LONE_MARKER = re.compile(r"^(?:\d{1,3}[.)]|[a-z][.)]|\(\d{1,3}\)|\([a-z]\))$")
_HEADINGS = frozenset({"Menimbang", "Mengingat", "Menetapkan", "MEMUTUSKAN", "MENIMBANG", "MENGINGAT",
                       "MENETAPKAN"})
# The headings of the parts of the body: a wrapped line beginning with the same word
# ("menetapkan Peraturan Bupati …" inside Menimbang c.) is not one.
_MENIMBANG = re.compile(r"^Menimbang\s*(?::|$|[a-z][.)]\s)", re.IGNORECASE)
_MENGINGAT = re.compile(r"^Mengingat\s*(?::|$|\d+[.)]\s)", re.IGNORECASE)
_MEMUTUSKAN = re.compile(r"^M\s?E\s?M\s?U\s?T\s?U\s?S\s?K\s?A\s?N\b\s*:?", re.IGNORECASE)
_MENETAPKAN_CLAUSE = re.compile(r"^Menetapkan\s*:", re.IGNORECASE)
_MENETAPKAN_WORD = re.compile(r"^Menetapkan\b", re.IGNORECASE)
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})")
_BAB = re.compile(r"^BAB\s+([IVXLC]+)\b\s*(.*)$")
_PASAL = re.compile(r"^Pasal\s+(\d+[A-Z]?)\s*$")
_PASAL_TAIL = re.compile(r"^(.*?)\s*\bPasal\s+(\d+)\s*$")
_PASAL_WITH_AYAT = re.compile(r"^Pasal\s+(\d+[A-Z]?)\s+(\(1\)\s.*)$")
_SUBDIVISION = re.compile(r"^(Bagian\s+Ke\w+|Paragraf\s+\d+)\b\s*(.*)$")
_AYAT = re.compile(r"^\((\d+)\)\s*(.*)$")
_HURUF = re.compile(r"^((?P<letter>[a-z])(?P=letter)?)[.)]\s+(.*)$")
_ANGKA = re.compile(r"^(\d+)[.)]\s+(.*)$")
_DATE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})")
_GAZETTE = re.compile(
    r"^BERITA\s+DAERAH\s+(.+?)\s+TAHUN\s+(\d{4})\s+NOMOR\s+(\d+)", re.IGNORECASE
)
_CITATION = re.compile(
    r"^(?P<kind>.+?)\s+Nomor\s+(?P<number>[\w/.-]+)\s+Tahun\s+(?P<year>\d{4})\s+tentang\s+(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_GAZETTE_REF = re.compile(
    r"((?:Tambahan\s+)?(?:Lembaran|Berita)\s+(?:Negara|Daerah)\b[^,;()]*?(?:Tahun\s+\d{4}\s+)?Nomor\s+\d+)",
    re.IGNORECASE,
)
_DEF_ABBR = re.compile(
    r"^(?P<term>.+?),?\s+(?:yang\s+)?selanjutnya\s+(?:dalam\s+.{3,60}?\s+ini\s+)?(?P<form>disingkat|disebut)"
    r"\s+(?P<abbr>.+?),?\s+(?:adalah|ialah|merupakan)\s+(?P<def>.*)$",
    re.DOTALL,
)
_DEF_PAREN = re.compile(
    r"^(?P<term>.+?)\s+\((?P<abbr>[^)]{1,20})\),?\s+(?:adalah|ialah|merupakan)\s+(?P<def>.*)$", re.DOTALL
)
_DEF_PLAIN = re.compile(r"^(?P<term>.+?)\s+(?:adalah|ialah)\s+(?P<def>.*)$", re.DOTALL)


@dataclass
class Line:
    no: int  # 1-based line of the source file
    text: str


def body_lines(raw_lines: list[str], start: int = 1) -> list[Line]:
    """Clean the body's lines: drop bullets, markup and page furniture, split headings that share a line."""
    out: list[Line] = []
    cleaned = _with_markers_joined(_without_page_furniture(_cleaned(raw_lines, start)))
    for no, text in cleaned:
        m = _BAB.match(text)
        if m:
            rest = m.group(2)
            tail = _PASAL_TAIL.match(rest)
            out.append(Line(no, f"BAB {m.group(1)}"))
            if tail:
                if tail.group(1):
                    out.append(Line(no, tail.group(1)))
                out.append(Line(no, f"Pasal {tail.group(2)}"))
            elif rest:
                out.append(Line(no, rest))
            continue
        m = _PASAL_WITH_AYAT.match(text)
        if m:
            out.append(Line(no, f"Pasal {m.group(1)}"))
            out.append(Line(no, m.group(2)))
            continue
        out.append(Line(no, text))
    return out


def _cleaned(raw_lines: list[str], start: int) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    for offset, raw in enumerate(raw_lines):
        text = clean_text(raw.replace("\t", " ").replace("\f", " "))
        if _PAGE_NUMBER.match(text):
            out.append((start + offset, text))
            continue
        text = re.sub(r"^-\s+", "", text)
        if text:
            out.append((start + offset, text))
    return out


def _with_markers_joined(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """A list marker alone on its line (``1.``, ``a.``, ``(2)``, as layout extraction leaves them) joined to
    the text that follows it; a colon that lost its heading (``Menimbang`` / ``: a. bahwa``) dropped."""
    out: list[tuple[int, str]] = []
    carry: tuple[int, str] | None = None
    for no, text in lines:
        if text.startswith(":") and out and out[-1][1] in _HEADINGS and carry is None:
            text = text[1:].strip()
            if not text:
                continue
        if carry is not None:
            text = f"{carry[1]} {text}"
            no = carry[0]
            carry = None
        if _LONE_MARKER.match(text):
            carry = (no, text)
            continue
        out.append((no, text))
    if carry is not None:
        out.append(carry)
    return out


def _is_catchword(text: str) -> bool:
    """``2. Undang-Undang . . .``: a few words ending in dots.  A draft's blanks ("Nomor ... Tahun ...",
    "tentang ...") end in dots too, but in a longer line or after NOMOR/TAHUN."""
    if len(text) > _CATCHWORD_MAX or not _CATCHWORD.match(text) or _NOMOR_BLANK.match(text) \
            or text.upper().startswith("TAHUN"):
        return False
    words = [w for w in re.sub(r"[.…]", " ", text).split() if any(ch.isalpha() for ch in w)]
    return 0 < len(words) <= _CATCHWORD_WORDS


def _without_page_furniture(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Page numbers and catchwords dropped, so that an item broken by a page turn reads as one.

    A catchword ends in dots (``2. Undang-Undang . . .``), or, without dots, repeats the start of the
    line that follows the page number.
    """
    out: list[tuple[int, str]] = []
    for i, (no, text) in enumerate(lines):
        if _PAGE_NUMBER.match(text):
            nxt = lines[i + 1][1] if i + 1 < len(lines) else ""
            if out and len(out[-1][1]) <= _CATCHWORD_MAX and nxt.startswith(out[-1][1]):
                out.pop()
            continue
        if _is_catchword(text):
            continue
        out.append((no, text))
    return out


def parse_date(text: str) -> date | None:
    m = _DATE.search(text)
    if not m:
        return None
    month = MONTHS.get(m.group(2).lower())
    if not month:
        return None
    try:
        return date(int(m.group(3)), month, int(m.group(1)))
    except ValueError:
        return None


def _index_of(lines: list[Line], pattern: str | re.Pattern[str], start: int = 0, stop: int | None = None) -> int | None:
    rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.IGNORECASE)
    for i in range(start, len(lines) if stop is None else min(stop, len(lines))):
        if rx.search(lines[i].text):
            return i
    return None


def _find_menetapkan(lines: list[Line], i_menimbang: int | None, i_mengingat: int | None,
                     i_memutuskan: int | None) -> int | None:
    """The Menetapkan clause: after MEMUTUSKAN, or ``Menetapkan :`` at a line's start, or a ``Menetapkan``
    line after the Mengingat heading.  A wrapped Menimbang line that begins "menetapkan Peraturan Bupati"
    is none of these."""
    if i_memutuskan is not None:
        found = _index_of(lines, _MENETAPKAN_WORD, i_memutuskan)
        if found is not None:
            return found
    found = _index_of(lines, _MENETAPKAN_CLAUSE)
    if found is not None:
        return found
    after = i_mengingat if i_mengingat is not None else i_menimbang
    if after is not None:
        return next((i for i in range(after + 1, len(lines))
                     if lines[i].text.startswith(("Menetapkan", "MENETAPKAN"))), None)
    return None


def read_body(doc: Document, lines: list[Line]) -> None:
    """Fill the body part of ``doc`` from cleaned lines."""
    if not lines:
        return
    _read_cover(doc, lines)
    i_menimbang = _index_of(lines, _MENIMBANG)
    i_mengingat = _index_of(lines, _MENGINGAT, i_menimbang or 0)
    i_memutuskan = _index_of(lines, _MEMUTUSKAN, i_mengingat or i_menimbang or 0)
    i_menetapkan = _find_menetapkan(lines, i_menimbang, i_mengingat, i_memutuskan)
    i_closing = _index_of(lines, r"^Ditetapkan\s+di\b")
    after_heads = max((i for i in (i_menimbang, i_mengingat, i_memutuskan, i_menetapkan) if i is not None),
                      default=-1)
    body_start = next(
        (i for i, ln in enumerate(lines) if i > after_heads
         and (ln.text.startswith("BAB ") or _PASAL.match(ln.text))),
        None,
    )
    if i_menimbang is not None:
        end = next(x for x in (i_mengingat, i_memutuskan, i_menetapkan, body_start, len(lines)) if x is not None)
        doc.menimbang = _read_list(lines[i_menimbang:end], r"^Menimbang\s*:?\s*", r"^([a-z])[.)]\s+(.*)$",
                                   split=r"(?<=[;:])\s+(?=[a-z][.)]\s+bahwa\b)")
        if not doc.menimbang and not any(re.sub(r"^Menimbang\s*:?\s*", "", ln.text, flags=re.IGNORECASE)
                                         for ln in lines[i_menimbang:end]):
            _note(doc, "/body/menimbang", lines[i_menimbang], "menimbang-empty")
        stray = _index_of(lines, _MENETAPKAN_WORD, i_menimbang + 1, end)
        if stray is not None and i_menetapkan is None:
            _note(doc, "/body/menetapkan", lines[stray], "menetapkan-in-menimbang")
    if i_mengingat is not None:
        end = next(x for x in (i_memutuskan, i_menetapkan, body_start, len(lines)) if x is not None)
        items = _read_list(lines[i_mengingat:end], r"^Mengingat\s*:?\s*", r"^(\d+)[.)]\s+(.*)$",
                           split=r"(?<=[;:.])\s+(?=\d{1,2}[.)]\s+(?:Pasal|Undang|Peraturan|Keputusan|Instruksi|Ketetapan)\b)")
        doc.mengingat = [_read_citation(c) for c in items]
        if not doc.mengingat:
            _note(doc, "/body/mengingat", lines[i_mengingat], "mengingat-empty")
    if i_menetapkan is not None:
        parts = [re.sub(r"^Menetapkan\s*:?\s*", "", lines[i_menetapkan].text, flags=re.IGNORECASE)]
        j = i_menetapkan + 1
        while j < len(lines) and j != body_start and not parts[-1].rstrip().endswith("."):
            parts.append(lines[j].text)
            j += 1
        doc.menetapkan = " ".join(p for p in parts if p)
        doc.menetapkan_line = lines[i_menetapkan].no
    if body_start is not None:
        end = i_closing if i_closing is not None else len(lines)
        doc.provisions = _read_provisions(lines[body_start:end])
        doc.definitions = _read_definitions(doc.provisions)
    if i_closing is not None:
        doc.closing = _read_closing(lines[i_closing:], doc.closing)


def _note(doc: Document, path: str, line: Line, problem: str) -> None:
    """A part of the body that is there but was read as empty or half (P006)."""
    doc.notes.append(ReadingNote.trusted(code="P006", path=path, text=line.text[:200], line=line.no,
                                         end_line=line.no, detail={"problem": problem}))


def _read_cover(doc: Document, lines: list[Line]) -> None:
    """Cover gazette heading, Judul (kind, region, number, year, title) and the plan period."""
    closing = doc.closing
    head = lines[:12]
    texts = [ln.text for ln in head]
    if texts and texts[0].upper().startswith("BERITA DAERAH"):
        same_line = re.match(r"^BERITA\s+DAERAH\s+((?:KOTA|KABUPATEN|PROVINSI)\b.*)$", texts[0], re.IGNORECASE)
        region = same_line.group(1).strip().title() if same_line else None
        number = year = None
        for ln in head[1:]:
            m_no = re.search(r"^NOMOR\s*:?\s*(\d+)|\bNOMOR\s*:?\s*(\d+)\s*$", ln.text, re.IGNORECASE)
            m_th = re.search(r"^TAHUN\s*:?\s*(\d{4})|\bTAHUN\s*:?\s*(\d{4})\b", ln.text, re.IGNORECASE)
            if _JUDUL.match(ln.text):
                break
            if m_no or m_th:
                if m_no:
                    number = int(m_no.group(1) or m_no.group(2))
                if m_th:
                    year = int(m_th.group(1) or m_th.group(2))
            elif region is None and re.match(r"^(KOTA|KABUPATEN|PROVINSI)\b", ln.text, re.IGNORECASE):
                region = ln.text.title()
            if _JUDUL.match(ln.text):
                break
        closing.gazette_heading = Gazette.trusted(
            region=region, year=year, number=number, raw=" ".join(texts[:4]), line=head[0].no
        )
    lines = _join_split_judul(lines)
    i_judul = next((i for i, ln in enumerate(lines[:40]) if _JUDUL.match(ln.text)), None)
    if i_judul is None:
        return
    m = _JUDUL.match(lines[i_judul].text)
    assert m is not None  # matched just above
    office_word = re.sub(r"\s+", " ", m.group(1).upper())
    doc.kind = KINDS.get(office_word.replace("WALIKOTA", "WALI KOTA"), None)
    tail = _JUDUL_TAIL.match(m.group(2))
    assert tail is not None  # every part of the pattern is optional
    region_name = _REGION_WORD.sub("", tail.group("region").strip(" ,"))
    doc.office = f"{office_word} {region_name}".upper().strip()
    prefix = "Kabupaten" if office_word == "BUPATI" else "Provinsi" if office_word == "GUBERNUR" else "Kota"
    doc.region = f"{prefix} {region_name.title()}" if region_name else None
    if tail.group("number"):
        doc.number = int(tail.group("number"))
    if tail.group("year"):
        doc.year = int(tail.group("year"))
    doc.judul_line = lines[i_judul].no
    judul_parts = [lines[i_judul].text]
    title_parts: list[str] = []
    seen_tentang = tail.group("title") is not None
    if tail.group("title"):
        title_parts.append(tail.group("title"))
    for ln in lines[i_judul + 1 : i_judul + 12]:
        if re.match(r"^DENGAN\s+RAHMAT", ln.text, re.IGNORECASE) or _JUDUL.match(ln.text) \
                or _MENIMBANG.match(ln.text):
            break
        judul_parts.append(ln.text)
        nomor = _NOMOR_LINE.match(ln.text)
        tahun = _TAHUN_LINE.match(ln.text)
        if nomor and not seen_tentang:
            doc.number = int(nomor.group(1))
            if nomor.group(2):
                doc.year = int(nomor.group(2))
            if nomor.group(3) is not None:
                seen_tentang = True
                if nomor.group(3):
                    title_parts.append(nomor.group(3))
        elif not seen_tentang and (draft := _NOMOR_BLANK.match(ln.text)):  # a draft: "NOMOR ... TAHUN 2025"
            if draft.group(1):
                doc.year = int(draft.group(1))
        elif tahun and not seen_tentang and doc.year is None:
            doc.year = int(tahun.group(1))
            if tahun.group(2) is not None:
                seen_tentang = True
                if tahun.group(2):
                    title_parts.append(tahun.group(2))
        elif ln.text.upper() == "TENTANG":
            seen_tentang = True
        elif ln.text.upper().startswith("TENTANG "):
            seen_tentang = True
            title_parts.append(ln.text[8:])
        elif seen_tentang:
            title_parts.append(ln.text)
    doc.judul = " ".join(judul_parts)
    if title_parts:
        doc.title = " ".join(title_parts)
        p = _PERIOD.search(doc.title)
        if p:
            doc.period = (int(p.group(1)), int(p.group(2)))
    if doc.number is None or doc.year is None:
        problem = "judul-without-number" if doc.number is None else "judul-without-year"
        _note(doc, "/body/judul", lines[i_judul], problem)


def _join_split_judul(lines: list[Line]) -> list[Line]:
    """``PERATURAN WALI KOTA`` / ``TANGERANG SELATAN`` on two lines: one Judul line."""
    for i, ln in enumerate(lines[:40]):
        if re.fullmatch(rf"(?:RANCANGAN\s+)?PERATURAN\s+{_OFFICE}", ln.text, re.IGNORECASE) and i + 1 < len(lines) \
                and not _NOMOR_LINE.match(lines[i + 1].text):
            return [*lines[:i], Line(ln.no, f"{ln.text} {lines[i + 1].text}"), *lines[i + 2 :]]
    return lines


def _read_list(lines: list[Line], lead: str, item: str, split: str | None = None) -> list[Clause]:
    """Items of a lettered or numbered list; an item may wrap over several lines, and several items
    may share one line (``…; b. bahwa …``) — ``split`` says where a new item starts inside a line."""
    items: list[Clause] = []
    rx_item = re.compile(item)
    rx_split = re.compile(split) if split else None
    for idx, ln in enumerate(lines):
        text = re.sub(lead, "", ln.text, flags=re.IGNORECASE) if idx == 0 else ln.text
        if not text:
            continue
        pieces = rx_split.split(text) if rx_split else [text]
        for piece in (p.strip() for p in pieces):
            if not piece:
                continue
            m = rx_item.match(piece)
            if m:
                items.append(Clause.trusted(no=m.group(1), text=m.group(2), line=ln.no, end_line=ln.no))
            elif items:
                last = items[-1]
                last.text = join_text(last.text, piece)
                last.end_line = ln.no
    return items


def _read_citation(item: Clause) -> Citation:
    cit = Citation.trusted(no=item.no, raw=item.text, line=item.line, end_line=item.end_line)
    m = _CITATION.match(item.text)
    if not m:
        return cit
    cit.kind = re.sub(r"\s+", " ", m.group("kind")).strip()
    cit.number_raw = m.group("number")
    cit.number = int(m.group("number")) if m.group("number").isdigit() else None
    cit.year = int(m.group("year"))
    rest = m.group("rest")
    # The title runs until the first gazette parenthesis or an amendment clause.
    cut = re.search(r"\s*\((?:Lembaran|Berita|Tambahan)\b|,?\s+sebagaimana\s+telah\b", rest, re.IGNORECASE)
    cit.title = (rest[: cut.start()] if cut else rest).strip().rstrip(";.,:")
    # Only the gazettes of the cited act itself, not those of its amendments.
    amended = re.search(r"sebagaimana\s+telah", rest, re.IGNORECASE)
    own = rest[: amended.start()] if amended else rest
    cit.gazettes = [re.sub(r"\s+", " ", g).strip() for g in _GAZETTE_REF.findall(own)]
    region = re.match(r"^Peraturan\s+Daerah\s+(.+)$", cit.kind, re.IGNORECASE)
    if region:
        cit.issuer = region.group(1).strip()
        cit.kind = "Peraturan Daerah"
    minister = re.match(r"^Peraturan\s+(Menteri\b.*)$", cit.kind, re.IGNORECASE)
    if minister:
        cit.issuer = minister.group(1).strip()
    return cit


def _read_provisions(lines: list[Line]) -> list[Provision]:
    """The BAB → Pasal → ayat → huruf/angka tree, with text that wraps joined to its item.

    Lists nest: a huruf list under an angka (Pasal 1 angka 5 huruf a), an angka list under a huruf.
    A marker of the kind that opened the innermost list continues it; a marker of the enclosing
    list's kind closes the inner list; any other marker opens a list one level down.
    ``Bagian``/``Paragraf`` headings group Pasal without numbering them and are not Pasal text.
    """
    top: list[Provision] = []
    bab: Provision | None = None
    pasal: Provision | None = None
    ayat: Provision | None = None
    items: list[Provision] = []  # the open list items, outermost first
    expect_heading = False
    in_subdivision = False

    def container() -> Provision:
        assert pasal is not None  # only called inside a Pasal
        return items[-1] if items else (ayat or pasal)

    def add_item(node: Provision) -> None:
        # close inner lists until the innermost open item is of the same kind (a sibling) or none is
        while items and items[-1].kind != node.kind:
            if any(i.kind == node.kind for i in items):
                items.pop()
            else:
                break
        if items and items[-1].kind == node.kind:
            items.pop()
        (items[-1] if items else (ayat or pasal)).children.append(node)  # type: ignore[union-attr]
        items.append(node)

    for ln in lines:
        text = ln.text
        m = _BAB.match(text)
        if m and not m.group(2):
            bab = Provision.trusted(kind="bab", number=m.group(1), line=ln.no, end_line=ln.no)
            top.append(bab)
            pasal = ayat = None
            items = []
            expect_heading = True
            in_subdivision = False
            continue
        m = _PASAL.match(text)
        if m:
            pasal = Provision.trusted(kind="pasal", number=m.group(1), line=ln.no, end_line=ln.no)
            (bab.children if bab else top).append(pasal)
            ayat = None
            items = []
            expect_heading = False
            in_subdivision = False
            continue
        if _SUBDIVISION.match(text):
            in_subdivision = True
            continue
        if in_subdivision:
            continue  # the Bagian/Paragraf title, until the next Pasal
        if expect_heading and bab is not None:
            bab.heading = join_text(bab.heading or "", text)
            bab.end_line = ln.no
            continue
        if pasal is None:
            continue
        pasal.end_line = ln.no
        m = _AYAT.match(text)
        if m:
            ayat = Provision.trusted(kind="ayat", number=m.group(1), text=m.group(2), line=ln.no, end_line=ln.no)
            pasal.children.append(ayat)
            items = []
            continue
        m = _HURUF.match(text)
        if m:
            add_item(Provision.trusted(kind="huruf", number=m.group(1), text=m.group(3), line=ln.no, end_line=ln.no))
            if ayat is not None:
                ayat.end_line = ln.no
            continue
        m = _ANGKA.match(text)
        if m:
            add_item(Provision.trusted(kind="angka", number=m.group(1), text=m.group(2), line=ln.no, end_line=ln.no))
            if ayat is not None:
                ayat.end_line = ln.no
            continue
        target = container()
        target.text = join_text(target.text, text)
        target.end_line = ln.no
        for open_item in items:
            open_item.end_line = ln.no
        if ayat is not None:
            ayat.end_line = ln.no
    return top


def _read_definitions(provisions: list[Provision]) -> list[Definition]:
    pasal1 = next((p for top in provisions for p in top.walk() if p.kind == "pasal" and p.number == "1"), None)
    if pasal1 is None or "dimaksud dengan" not in pasal1.text:
        return []
    out: list[Definition] = []
    for item in pasal1.children:
        if item.kind != "angka":
            continue
        text = item.text.strip()
        m = _DEF_ABBR.match(text)
        if m:
            out.append(Definition.trusted(
                no=item.number, term=m.group("term").strip(), abbreviation=m.group("abbr").strip(),
                abbreviation_form=m.group("form"), definition=m.group("def").strip(), raw=text, line=item.line,
            ))
            continue
        m = _DEF_PAREN.match(text)
        if m:
            out.append(Definition.trusted(
                no=item.number, term=m.group("term").strip(), abbreviation=m.group("abbr").strip(),
                abbreviation_form="parenthesis", definition=m.group("def").strip(), raw=text, line=item.line,
            ))
            continue
        m = _DEF_PLAIN.match(text)
        if m:
            out.append(Definition.trusted(
                no=item.number, term=m.group("term").strip(), definition=m.group("def").strip(),
                raw=text, line=item.line,
            ))
    return out


def _read_closing(lines: list[Line], closing: Closing) -> Closing:
    """Ditetapkan/Diundangkan place and date, signatories, and the closing gazette line."""
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        m = re.match(r"^(Ditetapkan|Diundangkan)\s+di\s+(.+)$", ln.text, re.IGNORECASE)
        if m:
            raw = ln.text + (f" {nxt.text}" if nxt else "")
            dp = DatedPlace.trusted(place=m.group(2).strip(), date=parse_date(raw), raw=raw, line=ln.no)
            if m.group(1).lower() == "ditetapkan" and closing.enacted is None:
                closing.enacted = dp
            elif m.group(1).lower() == "diundangkan" and closing.promulgated is None:
                closing.promulgated = dp
            continue
        office = re.sub(r"^(?:Pj|Plt|Plh|Pjs|a\.n|an)\.?\s+", "", ln.text, flags=re.IGNORECASE)
        if office.endswith(",") and office.upper() == office and len(office) > 3:
            name = None
            for follow in lines[i + 1 : i + 4]:
                if follow.text.lower() in {"ttd", "ttd.", "dto", "dto."}:
                    continue
                if follow.text.upper() == follow.text and not follow.text.endswith(","):
                    name = follow.text
                break
            closing.signatories.append(Signatory.trusted(office=ln.text.rstrip(","), name=name, line=ln.no))
            continue
        g = _GAZETTE.match(ln.text)
        if g and closing.gazette_closing is None:
            closing.gazette_closing = Gazette.trusted(
                region=g.group(1).title(), year=int(g.group(2)), number=int(g.group(3)), raw=ln.text, line=ln.no
            )
    return closing
