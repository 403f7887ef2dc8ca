"""The clean test body yields no L finding; each variant with one known defect yields exactly that finding."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import radcheck

CLEAN = Path(__file__).parent / "plans" / "body-clean.txt"
BASE = CLEAN.read_text(encoding="utf-8")

SWAPPED = BASE.replace(
    "2. Undang-Undang Nomor 7 Tahun 1984", "@@").replace(
    "3. Undang-Undang Nomor 23 Tahun 2014", "2. Undang-Undang Nomor 23 Tahun 2014")
_UU7 = BASE[BASE.index("2. Undang-Undang Nomor 7"): BASE.index("3. Undang-Undang Nomor 23")]
_UU23 = BASE[BASE.index("3. Undang-Undang Nomor 23"): BASE.index("4. Peraturan Menteri")]
SWAPPED = BASE.replace(_UU7 + _UU23, _UU23.replace("3.", "2.", 1) + _UU7.replace("2.", "3.", 1))

VARIANTS = {
    "ayat that does not exist": (
        BASE.replace("sebagaimana dimaksud pada ayat (1) dilaporkan", "sebagaimana dimaksud pada ayat (4) dilaporkan"),
        "L004", "/body/pasal/3/ayat/2"),
    "swapped Mengingat items": (SWAPPED, "L007", "/body/mengingat/3"),
    "digits disagreeing with words": (BASE.replace("1 (satu) tahun sekali.\n(2)", "1 (dua) tahun sekali.\n(2)"),
                                      "L006", "/body/pasal/3/ayat/1"),
    "Pasal numbered twice": (BASE.replace("Pasal 5\n", "Pasal 4\n"), "L005", "/body/pasal/4"),
    "promulgation before signing": (BASE.replace("pada tanggal 5 Maret 2025", "pada tanggal 28 Februari 2025"),
                                    "L011", "/body/closing/diundangkan"),
    "Lampiran heading differs from the Judul": (
        BASE.replace("TENTANG RENCANA AKSI DAERAH PENGARUSUTAMAAN GENDER TAHUN 2025 - 2029\n\nA.",
                     "TENTANG RENCANA AKSI DAERAH PENGARUSUTAMAAN GENDER KABUPATEN CONTOH\n\nA."),
        "L009", "/lampiran/heading"),
    "definition copied from another regulation": (
        BASE.replace("dokumen perencanaan pelaksanaan pengarusutamaan gender untuk",
                     "dokumen perencanaan penyelenggaraan kabupaten layak anak untuk"),
        "L002", "/body/definitions/5"),
    "gazette number differs between cover and closing": (
        BASE.replace("NOMOR : 47", "NOMOR : 45"), "L012", "/body/closing/berita-daerah"),
    "field without annex section": (
        BASE.replace("C. Rencana Aksi Bidang Ekonomi", "C. Rencana Aksi Bidang Politik"), "L010", None),
}


def l_findings(text: str, tmp_path: Path) -> list[dict]:
    path = tmp_path / "perbup.txt"
    path.write_text(text, encoding="utf-8")
    report = radcheck.check([str(path)], select=["L"], as_of=dt.date(2026, 11, 23))
    return [f for d in json.loads(report.to_json())["documents"] for f in d["findings"]]


def test_clean_body_has_no_l_finding(tmp_path: Path) -> None:
    assert l_findings(BASE, tmp_path) == []


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_each_defect_yields_exactly_its_finding(name: str, tmp_path: Path) -> None:
    text, code, path = VARIANTS[name]
    assert text != BASE, "the variant must change the document"
    found = l_findings(text, tmp_path)
    codes = sorted({f["code"] for f in found})
    if code == "L010":
        # a renamed section is both a field without its section and a section the article does not list
        assert codes == ["L010"], found
        return
    assert [(f["code"], f["path"]) for f in found] == [(code, path)], [f["message"] for f in found]
    assert found[0]["line"] is not None and found[0]["suggestion"]


def test_messages_in_english(tmp_path: Path) -> None:
    path = tmp_path / "perbup.txt"
    path.write_text(VARIANTS["Pasal numbered twice"][0], encoding="utf-8")
    report = radcheck.check([str(path)], select=["L005"], lang="en")
    f = json.loads(report.to_json())["documents"][0]["findings"][0]
    assert f["message"].startswith("The numbering of Pasal 4 repeats")
