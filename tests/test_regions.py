"""Regulations of other regions (tests/plans/regions/): their bodies read right, standard agency names
resolve without a region registry, and the defects planted in each are found, with few others.

Each plan varies what the Kota Bekasi seeds do not show: a Pergub with a one-line Judul, a Perbup with
the Judul over three lines, a Perwal; page numbers (``- 2 -``, ``-2-``, ``Halaman 2 dari 6``),
catchwords with and without dots, a Mengingat item broken by a page turn, a wrapped Menimbang line
beginning "menetapkan Peraturan Bupati", a wrapped body line beginning "Lampiran yang …", and annex
tables of other shapes (pilar, klaster in Roman numerals, years as labels, comma thousands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import AS_OF

import radcheck
from radcheck.agencies.registry import load_registry
from radcheck.readers import read_path

REGIONS = Path(__file__).parent / "plans" / "regions"


@dataclass(frozen=True)
class Plan:
    file: str
    kind: str
    region: str
    office: str
    number: int
    year: int
    title: str
    menimbang: int
    mengingat: int
    pasal: int
    # planted defects: (code, words of the finding's excerpt or message that place it)
    body_defects: tuple[tuple[str, str], ...]
    annex_defects: tuple[tuple[str, str], ...]
    # findings of the body that are not planted but known and accepted, with the reason
    known_body: dict[str, str] = field(default_factory=dict)
    # why standard names still give A001 besides the planted one (an agency registry matter), if they do
    agencies_xfail: str = ""


PLANS = [
    Plan("pergub-sumut-36-2025-rad-pg.txt", "Peraturan Gubernur", "Provinsi Sumatera Utara", "GUBERNUR SUMATERA UTARA",
         36, 2025, "RENCANA AKSI DAERAH PANGAN DAN GIZI TAHUN 2025 - 2029", 3, 6, 4,
         body_defects=(("L004", "ayat (4)"), ("L008", "Nomor 2036);")),
         annex_defects=(("T005", "tablet tambah darah"), ("T001", "ditimbang di posyandu"),
                        ("A001", "Badan Gizi Pesisir Timur"))),
    Plan("perbup-garut-12-2025-stunting.txt", "Peraturan Bupati", "Kabupaten Garut", "BUPATI GARUT",
         12, 2025, "RENCANA AKSI DAERAH PERCEPATAN PENURUNAN STUNTING TAHUN 2025 - 2029", 3, 6, 5,
         body_defects=(("L004", "Pasal 9"),),
         annex_defects=(("T005", "mendapat makanan tambahan"), ("T001", "keluarga berisiko stunting yang didampingi"),
                        ("A001", "Lembaga Gizi Priangan")),
         ),
    Plan("perwal-padang-21-2025-rad-kla.txt", "Peraturan Wali Kota", "Kota Padang", "WALI KOTA PADANG",
         21, 2025, "RENCANA AKSI DAERAH KOTA LAYAK ANAK TAHUN 2025 - 2029", 3, 5, 4,
         body_defects=(("L004", "Pasal 3 ayat (3)"),),
         annex_defects=(("T005", "ASI eksklusif"), ("T001", "puskesmas ramah anak"),
                        ("A001", "Yayasan Pelita Ranah Minang"))),
    Plan("perbup-kukar-7-2025-rad-kemiskinan.txt", "Peraturan Bupati", "Kabupaten Kutai Kartanegara",
         "BUPATI KUTAI KARTANEGARA", 7, 2025, "RENCANA AKSI DAERAH PENANGGULANGAN KEMISKINAN TAHUN 2025-2029", 3, 5, 4,
         body_defects=(("L004", "huruf f"),),
         annex_defects=(("T005", "bantuan sosial tepat sasaran"), ("T001", "rumah tidak layak huni"),
                        ("A001", "Badan Sejahtera Mahakam"))),
]
IDS = [p.file.removesuffix(".txt") for p in PLANS]


def _pasal(doc: radcheck.Document) -> list[str]:  # type: ignore[name-defined]
    return [p.number for top in doc.provisions for p in top.walk() if p.kind == "pasal"]


def _found(report_doc, code: str, words: str) -> bool:  # type: ignore[no-untyped-def]
    return any(f.code == code and (words in (f.excerpt or "") or words in f.message) for f in report_doc.findings)


@pytest.fixture(scope="module")
def reports() -> dict[str, object]:
    return {p.file: radcheck.check(REGIONS / p.file, as_of=AS_OF).documents[0] for p in PLANS}


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_body_reads_kind_region_number_year_and_counts(plan: Plan) -> None:
    doc = read_path(REGIONS / plan.file)
    assert (doc.kind, doc.region, doc.office, doc.number, doc.year) == (
        plan.kind, plan.region, plan.office, plan.number, plan.year)
    assert doc.title == plan.title
    assert doc.period == (2025, 2029)
    assert (len(doc.menimbang), len(doc.mengingat), len(_pasal(doc))) == (plan.menimbang, plan.mengingat, plan.pasal)
    assert [c.no for c in doc.mengingat] == [str(i) for i in range(1, plan.mengingat + 1)]
    assert _pasal(doc) == [str(i) for i in range(1, plan.pasal + 1)]
    assert doc.menetapkan is not None and doc.menetapkan.startswith("PERATURAN ")
    assert doc.menetapkan.endswith(plan.title + ".")
    assert doc.closing.enacted is not None and doc.closing.promulgated is not None
    assert doc.closing.gazette_closing is not None and doc.closing.gazette_closing.number == plan.number
    assert [n for n in doc.notes if n.code == "P006"] == []


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_no_page_furniture_in_the_body(plan: Plan) -> None:
    doc = read_path(REGIONS / plan.file)
    texts = [c.text for c in doc.menimbang] + [c.raw for c in doc.mengingat]
    texts += [p.text for top in doc.provisions for p in top.walk()]
    furniture = re.compile(r"(?:^|\s)[-–]\s?\d+\s?[-–](?:\s|$)|Halaman \d+ dari|\. \. \.")
    assert [t for t in texts if furniture.search(t)] == []


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_wrapped_menetapkan_line_stays_in_menimbang(plan: Plan) -> None:
    doc = read_path(REGIONS / plan.file)
    last = doc.menimbang[-1].text
    assert re.search(r"perlu menetapkan Peraturan (Gubernur|Bupati|Wali Kota) tentang", last)
    assert last.endswith(";")


def test_mengingat_item_broken_by_a_page_turn_is_one_item() -> None:
    doc = read_path(REGIONS / "pergub-sumut-36-2025-rad-pg.txt")
    item = doc.mengingat[2]
    assert item.number == 23 and item.year == 2014
    assert item.raw.endswith("Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587);")
    assert "Peraturan . . ." not in item.raw


def test_catchword_without_dots_repeating_the_next_page_is_dropped() -> None:
    """``Pasal 3`` / ``-3-`` / ``Pasal 3``: one Pasal 3, no numbering finding."""
    doc = read_path(REGIONS / "perbup-garut-12-2025-stunting.txt")
    assert _pasal(doc).count("3") == 1
    report = radcheck.check(REGIONS / "perbup-garut-12-2025-stunting.txt", select=["L005"], as_of=AS_OF)
    assert report.documents[0].findings == []


def test_a_wrapped_line_beginning_lampiran_does_not_start_the_annex() -> None:
    doc = read_path(REGIONS / "perbup-kukar-7-2025-rad-kemiskinan.txt")
    pasal2 = next(p for top in doc.provisions for p in top.walk() if p.kind == "pasal" and p.number == "2")
    assert "bagian tidak terpisahkan dari Peraturan Bupati ini" in pasal2.children[-1].text
    assert doc.closing.enacted is not None and doc.closing.enacted.place == "Tenggarong"


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_body_only_text_without_tabs_reads_its_body(plan: Plan, tmp_path: Path) -> None:
    """The body alone, and the body laid out with spaces (as ``pdftotext -layout`` gives it)."""
    text = (REGIONS / plan.file).read_text(encoding="utf-8")
    body = text[: re.search(r"^LAMPIRAN", text, re.M).start()]  # type: ignore[union-attr]
    spaced = "\n".join("      " + re.sub(r"\t", "    ", ln) if ln else ln for ln in body.splitlines())
    for name, content in (("body.txt", body.replace("\t", " ")), ("spaced.txt", spaced)):
        path = tmp_path / name
        path.write_text(content, encoding="utf-8")
        doc = read_path(path)
        assert (doc.kind, doc.region, doc.number, doc.year) == (plan.kind, plan.region, plan.number, plan.year)
        assert (len(doc.menimbang), len(doc.mengingat), len(_pasal(doc))) == (
            plan.menimbang, plan.mengingat, plan.pasal)


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_planted_body_defects_found_and_few_others(plan: Plan, reports: dict[str, object]) -> None:
    doc = reports[plan.file]
    for code, words in plan.body_defects:
        assert _found(doc, code, words), f"{code} '{words}' not found"
    planted = {code for code, _ in plan.body_defects}
    body_codes = {f.code for f in doc.findings  # type: ignore[attr-defined]
                  if f.path.startswith("/body") or f.code.startswith("L")}
    others = sorted(body_codes - planted - set(plan.known_body) - {"R004"})  # R004: a report due, not a defect
    assert others == []


@pytest.mark.parametrize("plan", PLANS, ids=IDS)
def test_planted_annex_defects_found(plan: Plan, reports: dict[str, object]) -> None:
    doc = reports[plan.file]
    for code, words in plan.annex_defects:
        assert _found(doc, code, words), f"{code} '{words}' not found"


def _agency_cases() -> list[object]:
    return [pytest.param(p, id=i, marks=pytest.mark.xfail(strict=True, reason=p.agencies_xfail) if p.agencies_xfail
                         else ()) for p, i in zip(PLANS, IDS)]


@pytest.mark.parametrize("plan", _agency_cases())
def test_standard_agency_names_resolve_without_a_region_registry(plan: Plan, reports: dict[str, object]) -> None:
    """Only the planted unknown name is A001: the plan does not drown in A001."""
    assert load_registry(plan.region).region.scope == "generic"  # type: ignore[union-attr]
    doc = reports[plan.file]
    unknown = sorted({f.excerpt or "" for f in doc.findings if f.code == "A001"})  # type: ignore[attr-defined]
    planted = next(words for code, words in plan.annex_defects if code == "A001")
    assert len(unknown) == 1 and planted in unknown[0]


def _read(tmp_path: Path, text: str) -> radcheck.Document:  # type: ignore[name-defined]
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    return read_path(path)


_TAIL = """DENGAN RAHMAT TUHAN YANG MAHA ESA
Menimbang : a. bahwa perlu rencana aksi;
Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.
MEMUTUSKAN :
Menetapkan : PERATURAN GUBERNUR TENTANG RENCANA AKSI DAERAH CONTOH.
Pasal 1
Peraturan ini mulai berlaku pada tanggal diundangkan.
"""


@pytest.mark.parametrize("judul, number, year, title", [
    ("PERATURAN GUBERNUR SUMATERA UTARA NOMOR 36 TAHUN 2012\nTENTANG\nRENCANA AKSI DAERAH CONTOH", 36, 2012,
     "RENCANA AKSI DAERAH CONTOH"),
    ("PERATURAN GUBERNUR SUMATERA UTARA NOMOR 36 TAHUN 2012 TENTANG RENCANA AKSI DAERAH CONTOH", 36, 2012,
     "RENCANA AKSI DAERAH CONTOH"),
    ("PERATURAN GUBERNUR\nSUMATERA UTARA\nNOMOR : 36\nTAHUN : 2012\nTENTANG\nRENCANA AKSI DAERAH CONTOH", 36, 2012,
     "RENCANA AKSI DAERAH CONTOH"),
    ("PERATURAN GUBERNUR PROVINSI SUMATERA UTARA\nNOMOR 36 TAHUN 2012 TENTANG\nRENCANA AKSI DAERAH CONTOH", 36, 2012,
     "RENCANA AKSI DAERAH CONTOH"),
])
def test_judul_on_one_line_or_several(tmp_path: Path, judul: str, number: int, year: int, title: str) -> None:
    doc = _read(tmp_path, f"{judul}\n{_TAIL}")
    assert (doc.kind, doc.region, doc.office) == ("Peraturan Gubernur", "Provinsi Sumatera Utara",
                                                  "GUBERNUR SUMATERA UTARA")
    assert (doc.number, doc.year, doc.title) == (number, year, title)
    assert [n.code for n in doc.notes] == []


def test_a_draft_without_number_is_p006(tmp_path: Path) -> None:
    doc = _read(tmp_path,
                f"RANCANGAN PERATURAN GUBERNUR SUMATERA UTARA\nNOMOR ... TAHUN 2025\nTENTANG\nCONTOH\n{_TAIL}")
    assert (doc.region, doc.number, doc.year) == ("Provinsi Sumatera Utara", None, 2025)
    assert [(n.code, n.detail["problem"]) for n in doc.notes] == [("P006", "judul-without-number")]


@pytest.mark.parametrize("page", ["- 2 -", "-2-", "– 2 –", "Halaman 2 dari 9"])
def test_page_numbers_are_dropped(tmp_path: Path, page: str) -> None:
    text = _TAIL.replace("Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah.",
                         "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang\n2. Undang-Undang . . .\n"
                         f"{page}\nPemerintahan Daerah;\n2. Undang-Undang Nomor 18 Tahun 2012 tentang Pangan.")
    doc = _read(tmp_path, f"PERATURAN GUBERNUR CONTOH NOMOR 1 TAHUN 2025 TENTANG CONTOH\n{text}")
    assert [(c.no, c.raw) for c in doc.mengingat] == [
        ("1", "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;"),
        ("2", "Undang-Undang Nomor 18 Tahun 2012 tentang Pangan."),
    ]


def test_list_markers_alone_on_their_lines_are_joined_to_their_text(tmp_path: Path) -> None:
    """Layout extraction can leave ``a.``, ``1.``, ``(1)`` and the heading's colon on lines of their own."""
    doc = _read(tmp_path, "PERATURAN BUPATI CONTOH\nNOMOR 4 TAHUN 2025\nTENTANG\nCONTOH\nMenimbang\n: a.\nbahwa satu;\n"
                          "b.\nbahwa dua;\nMengingat\n:\n1.\nUndang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan "
                          "Daerah;\n2\n2.\nUndang-Undang Nomor 18 Tahun 2012 tentang Pangan.\nMEMUTUSKAN:\n"
                          "Menetapkan : PERATURAN BUPATI TENTANG CONTOH.\nPasal 1\n(1)\nSatu.\n(2)\nDua.\n")
    assert [(c.no, c.text) for c in doc.menimbang] == [("a", "bahwa satu;"), ("b", "bahwa dua;")]
    assert [c.no for c in doc.mengingat] == ["1", "2"] and doc.mengingat[0].number == 23
    assert [(p.number, p.text) for p in doc.provisions[0].children] == [("1", "Satu."), ("2", "Dua.")]


def test_a_drafts_blanks_are_not_catchwords(tmp_path: Path) -> None:
    text = _TAIL.replace("Pemerintahan Daerah.", "Pemerintahan Daerah;\n2. Peraturan Gubernur Nomor ... Tahun ... "
                                                  "tentang ...\n3. Undang-Undang . . .\n- 2 -\n3. Undang-Undang Nomor "
                                                  "18 Tahun 2012 tentang Pangan.")
    doc = _read(tmp_path, f"RANCANGAN PERATURAN GUBERNUR CONTOH\nNOMOR ... TAHUN ...\nTENTANG\nCONTOH\n{text}")
    assert [c.no for c in doc.mengingat] == ["1", "2", "3"]
    assert doc.mengingat[1].raw == "Peraturan Gubernur Nomor ... Tahun ... tentang ..."
    assert [(n.code, n.detail["problem"]) for n in doc.notes] == [("P006", "judul-without-number")]
