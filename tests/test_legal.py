"""The legal helpers: number words, references, definitions, hierarchy; and a property test that
well-formed bodies generated at random give no L finding."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import radcheck
from radcheck.legal.hierarchy import load_hierarchy
from radcheck.legal.numbers import int_to_words, number_pairs, words_to_int
from radcheck.legal.references import find_references, malformed_phrases
from radcheck.legal.terms import compare_definition, normalise_abbreviation


@pytest.mark.parametrize(("words", "value"), [
    ("satu", 1), ("sepuluh", 10), ("sebelas", 11), ("dua belas", 12), ("dua puluh lima", 25), ("seratus", 100),
    ("seratus dua puluh lima", 125), ("dua ribu dua puluh empat", 2024), ("seribu", 1000),
])
def test_words_to_int(words: str, value: int) -> None:
    assert words_to_int(words) == value


@pytest.mark.parametrize("bad", ["dua tiga", "puluh", "dua puluh puluh", "belas", "lima ratus seratus", "IPG"])
def test_words_that_are_not_a_number(bad: str) -> None:
    assert words_to_int(bad) is None


@given(st.integers(min_value=0, max_value=10**9))
def test_words_round_trip(n: int) -> None:
    assert words_to_int(int_to_words(n)) == n


def test_number_pairs_ignore_abbreviations_and_flag_disagreement() -> None:
    pairs = number_pairs("terdiri atas 12 (dua belas) bidang, Indeks 7 (IPG), dan 3 (empat) orang")
    assert [(p.digit_value, p.word_value, p.noun, p.agrees) for p in pairs] == [
        (12, 12, "bidang", True), (3, 4, "orang", False)]


def test_reference_forms() -> None:
    refs = find_references("sebagaimana dimaksud dalam Pasal 5 ayat (2) huruf b dan huruf c serta Pasal 3 sampai "
                           "dengan Pasal 5 dan Pasal 18 ayat (6) Undang-Undang Dasar")
    assert [[(loc.level, loc.numbers) for loc in r.locators] for r in refs] == [
        [("pasal", ("5",)), ("ayat", ("2",)), ("huruf", ("b", "c"))],
        [("pasal", ("3", "4", "5"))],
    ]
    assert [r.locators[0].numbers for r in find_references("pada huruf a, huruf b, dan huruf c")] == [("a", "b", "c")]


@pytest.mark.parametrize("text", ["sebagaimana dimaksud huruf a dan huruf b", "sebagaimana dimaksud padahuruf a",
                                  "ketentuan tersebut di atas", "pasal terdahulu"])
def test_malformed_reference_phrases(text: str) -> None:
    assert malformed_phrases(text)


def test_definition_comparison_by_meaning_not_string() -> None:
    term = "Rencana Aksi Daerah Penyelenggaraan Pengarusutamaan Gender"
    copied = compare_definition(term, "dokumen perencanaan penyelenggaraan perlindungan anak untuk periode 5 (lima) "
                                      "tahun")
    assert copied is not None and copied.foreign == "perlindungan anak"
    assert compare_definition(term, "dokumen perencanaan untuk mewujudkan kesetaraan melalui arus utama gender") is None
    # paraphrase of a concept is normal and passes
    assert compare_definition("Gender", "perbedaan peran, fungsi dan tanggung jawab perempuan dan laki-laki") is None
    assert compare_definition("Kelompok Kerja", "suatu organisasi di luar struktur organisasi yang ada") is None


def test_abbreviation_spellings() -> None:
    assert normalise_abbreviation("RAD-PUG") == normalise_abbreviation("RAD PUG")
    assert normalise_abbreviation("TPS-3R") == normalise_abbreviation("TPS3R")


@pytest.mark.parametrize(("text", "kind"), [
    ("Pasal 18 ayat (6) Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "uud"),
    ("Peraturan Pemerintah Pengganti Undang-Undang Nomor 2 Tahun 2022", "perppu"),
    ("Undang-Undang Nomor 23 Tahun 2014", "uu"),
    ("Peraturan Menteri Negara Pemberdayaan Perempuan Nomor 6 Tahun 2009", "permen"),
    ("Peraturan Daerah Provinsi Jawa Barat Nomor 1 Tahun 2020", "perda-provinsi"),
    ("Peraturan Daerah Kota Bekasi Nomor 4 Tahun 2023", "perda-kabkota"),
    ("Peraturan Wali Kota Bekasi Nomor 10 Tahun 2024", "perkada"),
])
def test_hierarchy_classifies_citations(text: str, kind: str) -> None:
    k = load_hierarchy().classify(text)
    assert k is not None and k.id == kind


def test_reader_handles_other_regions_and_shared_lines() -> None:
    text = (
        "PERATURAN WALI KOTA\nTANGERANG SELATAN\nNOMOR 46 TAHUN 2021\nTENTANG\nRENCANA AKSI DAERAH KOTA LAYAK ANAK\n"
        "DENGAN RAHMAT TUHAN YANG MAHA ESA\nWALI KOTA TANGERANG SELATAN,\n"
        "Menimbang : a. bahwa anak perlu dilindungi; b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam "
        "huruf a, perlu menetapkan Peraturan Wali Kota tentang Rencana Aksi Daerah Kota Layak Anak;\n"
        "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara Republik "
        "Indonesia Tahun 2014 Nomor 244); 2. Peraturan Menteri Dalam Negeri Nomor 80 Tahun 2015 tentang Pembentukan\n"
        "Produk Hukum Daerah (Berita Negara Republik Indonesia Tahun 2015 Nomor 2036).\n"
        "MEMUTUSKAN:\nMenetapkan : PERATURAN WALI KOTA TENTANG RENCANA AKSI DAERAH KOTA LAYAK ANAK.\n"
        "Pasal 1 (1) Rencana aksi meliputi:\n1) pencegahan;\n2) penanganan.\n(2) Ayat kedua.\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "tangsel.txt"
        path.write_text(text, encoding="utf-8")
        doc = radcheck.load(path)
    assert (doc.kind, doc.region, doc.number, doc.year) == ("Peraturan Wali Kota", "Kota Tangerang Selatan", 46, 2021)
    assert [c.no for c in doc.menimbang] == ["a", "b"]
    assert [(c.no, c.number) for c in doc.mengingat] == [("1", 23), ("2", 80)]
    assert doc.mengingat[1].title == "Pembentukan Produk Hukum Daerah"
    pasal = doc.pasal()[0]
    assert [c.number for c in pasal.children] == ["1", "2"]
    assert [c.number for c in pasal.children[0].children] == ["1", "2"]


# --- property: well-formed bodies give no L finding -------------------------------------------

_FIELDS = ["Pendidikan", "Kesehatan", "Ekonomi", "Sosial", "Politik", "Perhubungan", "Lingkungan Hidup",
           "Ketenagakerjaan"]


@st.composite
def bodies(draw: st.DrawFn) -> str:
    office = draw(st.sampled_from([("BUPATI", "Bupati", "KABUPATEN", "Kabupaten"),
                                   ("WALI KOTA", "Wali Kota", "KOTA", "Kota"),
                                   ("GUBERNUR", "Gubernur", "PROVINSI", "Provinsi")]))
    region = draw(st.sampled_from(["CONTOH", "TANGERANG SELATAN", "MAJU JAYA"]))
    number = draw(st.integers(1, 90))
    year = draw(st.integers(2019, 2030))
    gazette = number + draw(st.integers(0, 3))
    fields = draw(st.lists(st.sampled_from(_FIELDS), min_size=2, max_size=6, unique=True))
    n_extra = draw(st.integers(0, 4))
    up, title_case, rup, rtitle = office
    title = f"RENCANA AKSI DAERAH PENGARUSUTAMAAN GENDER TAHUN {year} - {year + 4}"
    lines = ["BERITA DAERAH", f"{rup} {region}", f"NOMOR : {gazette}", f"TAHUN : {year}", "",
             f"PERATURAN {up} {region}", f"NOMOR {number} TAHUN {year}", "TENTANG", title, "",
             "DENGAN RAHMAT TUHAN YANG MAHA ESA", f"{up} {region},",
             "Menimbang : a. bahwa pengarusutamaan gender perlu dilaksanakan;",
             "b. bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
             f"Peraturan {title_case} tentang {title.title()};",
             "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah (Lembaran Negara "
             "Republik Indonesia Tahun 2014 Nomor 244, Tambahan Lembaran Negara Republik Indonesia Nomor 5587);",
             "2. Peraturan Menteri Dalam Negeri Nomor 80 Tahun 2015 tentang Pembentukan Produk Hukum Daerah "
             "(Berita Negara Republik Indonesia Tahun 2015 Nomor 2036).",
             "MEMUTUSKAN :", f"Menetapkan : PERATURAN {up} TENTANG {title}.",
             "BAB I", "KETENTUAN UMUM", "Pasal 1", f"Dalam Peraturan {title_case} ini yang dimaksud dengan:",
             f"1. {title_case} adalah {title_case} {region.title()}.",
             "2. Pengarusutamaan Gender yang selanjutnya disingkat PUG adalah strategi untuk mewujudkan "
             "kesetaraan dan keadilan gender.",
             "3. Rencana Aksi Daerah Pengarusutamaan Gender yang selanjutnya disingkat RAD PUG adalah dokumen "
             "perencanaan pelaksanaan PUG untuk periode 5 (lima) tahun.",
             "BAB II", "PELAKSANAAN", "Pasal 2",
             f"(1) RAD PUG terdiri atas {len(fields)} ({int_to_words(len(fields))}) bidang.",
             "(2) Bidang sebagaimana dimaksud pada ayat (1) terdiri atas:"]
    for i, f in enumerate(fields):
        end = "." if i == len(fields) - 1 else "; dan" if i == len(fields) - 2 else ";"
        lines.append(f"{chr(97 + i)}. Bidang {f}{end}")
    lines.append("(3) RAD PUG sebagaimana dimaksud pada ayat (1) tercantum dalam Lampiran yang merupakan bagian "
                 f"tidak terpisahkan dari Peraturan {title_case} ini.")
    for k in range(n_extra):
        n = 3 + k
        days = draw(st.integers(1, 30))
        ref = draw(st.sampled_from([f"Pasal {n - 1}", "Pasal 2 ayat (2) huruf a", "Pasal 2 ayat (1) sampai dengan "
                                    "ayat (3)"]))
        lines += [f"Pasal {n}", f"(1) Kegiatan sebagaimana dimaksud dalam {ref} dilaksanakan paling lama "
                  f"{days} ({int_to_words(days)}) hari.", "(2) Pelaksanaan sebagaimana dimaksud pada ayat (1) "
                  f"dilaporkan kepada {title_case}."]
    last = 3 + n_extra
    enact = dt.date(year, draw(st.integers(1, 12)), draw(st.integers(1, 20)))
    promulgate = enact + dt.timedelta(days=draw(st.integers(0, 8)))
    months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
              "November", "Desember"]
    lines += ["BAB III", "KETENTUAN PENUTUP", f"Pasal {last}",
              f"Peraturan {title_case} ini mulai berlaku pada tanggal diundangkan.",
              f"Ditetapkan di {region.title()}", f"pada tanggal {enact.day} {months[enact.month - 1]} {year}",
              f"{up} {region},", "ttd", "NAMA PEJABAT",
              f"Diundangkan di {region.title()}",
              f"pada tanggal {promulgate.day} {months[promulgate.month - 1]} {promulgate.year}",
              f"BERITA DAERAH {rup} {region} TAHUN {promulgate.year} NOMOR {gazette}"]
    if promulgate.year != year:  # the cover follows the gazette
        lines[3] = f"TAHUN : {promulgate.year}"
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies())
def test_well_formed_bodies_give_no_l_finding(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "body.txt"
        path.write_text(text, encoding="utf-8")
        report = radcheck.check([str(path)], select=["L"], as_of=dt.date(2026, 11, 23))
    found = [f for d in json.loads(report.to_json())["documents"] for f in d["findings"]]
    assert found == [], [f["message"] for f in found]


@pytest.mark.parametrize(("wrong", "shown"), [
    ("Nomor 3277);", "Nomor 3277):"),  # the wrong end of a long citation, past a quote from its start
    ("Tambahan Lembaran Negara Republik Indonesia Nomor 3277",
     "tambahan Lembaran Negara Republik Indonesia Nomor 3277"),
])
def test_citation_format_quotes_the_part_at_fault(tmp_path: Path, wrong: str, shown: str) -> None:
    clean = (Path(__file__).parent / "plans" / "body-clean.txt").read_text(encoding="utf-8")
    assert clean.count(wrong) == 1
    path = tmp_path / "draft.txt"
    path.write_text(clean.replace(wrong, shown), encoding="utf-8")
    [finding] = [f for f in radcheck.check(path, select=["L008"]).all_findings() if f.code == "L008"]
    assert shown in finding.excerpt  # type: ignore[operator]
    assert finding.excerpt.startswith("…") and len(finding.excerpt) <= 200  # type: ignore[union-attr]
