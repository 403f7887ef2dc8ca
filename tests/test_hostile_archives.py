"""Hostile and broken Office files are refused quickly, as P001, with a reason and no traceback."""

from __future__ import annotations

import struct
import subprocess
import sys
import time

import office_fixtures as of
import pytest

import radcheck
from radcheck.config import Limits
from radcheck.readers import read_bytes, read_path
from radcheck.readers.archive import MAX_ENTRIES
from radcheck.readers.common import UnreadableInput

QUICK = 2.0  # seconds: "refused within a second or two"

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + ']>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)
XXE = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&e;</x:worksheet>')


@pytest.fixture(scope="module")
def good(office_files):
    return office_files


def _refused(data: bytes, fmt: str, match: str, limits: Limits | None = None) -> float:
    start = time.perf_counter()
    with pytest.raises(UnreadableInput, match=match):
        read_bytes(data, f"hostile.{fmt}", fmt, limits)
    elapsed = time.perf_counter() - start
    assert elapsed < QUICK
    return elapsed


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A .docx-shaped zip whose document part expands 1000-fold to 60 MB of zeros."""
    return of.zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * (60 * 1024 * 1024)})


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_zip_bomb_is_refused_from_declared_sizes(bomb, fmt):
    assert len(bomb) < 200_000
    _refused(bomb, fmt, "zip bomb")


def test_archive_over_the_total_limit_is_refused(good):
    data = good["ppp.docx"].read_bytes()
    _refused(data, "docx", "would expand to", Limits(max_archive_bytes=10_000))


def test_too_many_entries_is_refused():
    entries = {"[Content_Types].xml": b"<Types/>"} | {f"word/p{i}.xml": b"" for i in range(MAX_ENTRIES + 1)}
    _refused(of.zip_of(entries), "docx", "entries")


def test_lying_sizes_end_in_a_crc_error_not_a_flood():
    """An entry that declares 1 kB but holds 20 MB: zipfile stops at the declared size."""
    data = bytearray(of.zip_of({"[Content_Types].xml": b"<Types/>",
                                "word/document.xml": b"<" + b"a" * (20 * 1024 * 1024)}))
    real = 20 * 1024 * 1024 + 1
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # local header, central directory
        pos = data.find(sig, data.find(b"word/document.xml") - 60 if sig == b"PK\x03\x04" else 0)
        while pos != -1:
            if struct.unpack_from("<I", data, pos + offset)[0] == real:
                struct.pack_into("<I", data, pos + offset, 1024)
            pos = data.find(sig, pos + 4)
    with pytest.raises(UnreadableInput, match="corrupt") as err:
        read_bytes(bytes(data), "lying.docx", "docx")
    assert "CRC" in err.value.reason  # the declared size was patched, and reading stopped there


@pytest.mark.parametrize(("fmt", "part", "content"), [
    ("docx", "word/document.xml", BILLION_LAUGHS.encode()),
    ("docx", "word/document.xml", BILLION_LAUGHS.encode("utf-16")),
    ("xlsx", "xl/worksheets/sheet1.xml", XXE.encode()),
    ("docx", "[Content_Types].xml", b'<?xml version="1.0"?><!DOCTYPE Types SYSTEM "http://x/y.dtd"><Types/>'),
], ids=["billion-laughs", "billion-laughs-utf16", "external-entity", "external-dtd"])
def test_doctype_and_entities_are_refused_before_parsing(good, fmt, part, content):
    data = of.zip_of({**of.members_of(good[f"pug.{fmt}"].read_bytes()), part: content})
    _refused(data, fmt, "DOCTYPE or ENTITY")


@pytest.mark.parametrize(("data", "match"), [
    (b"", "empty"),
    (b"PERATURAN WALI KOTA BEKASI\n", "not a zip archive"),
    (b"%PDF-1.7\n" + b"x" * 100, "not a zip archive"),
    (b"PK\x03\x04" + b"\0" * 100, "corrupt or truncated"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100,
     "password-protected"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "WordDocument".encode("utf-16-le"),
     r"old binary Office file \(.doc\)"),
], ids=["empty", "text", "pdf", "truncated-zip", "encrypted-ooxml", "legacy-doc"])
def test_not_an_office_file(data, match):
    _refused(data, "docx", match)


def test_truncated_file_is_corrupt(good):
    data = good["ppp.docx"].read_bytes()
    _refused(data[: len(data) // 2], "docx", "corrupt")


def test_encrypted_zip_entry_is_refused(good):
    data = bytearray(good["ppp.xlsx"].read_bytes())
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        flags = struct.unpack_from("<H", data, pos + 8)[0]
        struct.pack_into("<H", data, pos + 8, flags | 0x1)
        pos = data.find(b"PK\x01\x02", pos + 4)
    _refused(bytes(data), "xlsx", "encrypted")


def test_a_workbook_named_docx_and_a_document_named_xlsx(good):
    _refused(good["ppp.xlsx"].read_bytes(), "docx", "no word/ folder")
    _refused(good["ppp.docx"].read_bytes(), "xlsx", "no xl/ folder")


def test_zip_that_is_not_office():
    _refused(of.zip_of({"readme.txt": b"hello"}), "xlsx", r"no \[Content_Types\].xml")


def test_broken_xml_inside_a_valid_zip(good):
    data = of.zip_of({**of.members_of(good["ppp.docx"].read_bytes()),
                      "word/document.xml": b"<w:document><unclosed>"})
    _refused(data, "docx", "not a readable Word document")
    data = of.zip_of({**of.members_of(good["ppp.xlsx"].read_bytes()), "xl/workbook.xml": b"<workbook"})
    _refused(data, "xlsx", "not a readable Excel workbook")


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, good):
    path = tmp_path / "big.docx"
    path.write_bytes(good["ppp.docx"].read_bytes())
    with pytest.raises(UnreadableInput, match="over the limit"):
        read_path(path, Limits(max_file_bytes=1000))


def test_check_reports_p001_and_the_cli_exits_2_without_traceback(tmp_path, bomb):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    (tmp_path / "laughs.docx").write_bytes(of.zip_of({"[Content_Types].xml": b"<Types/>",
                                                 "word/document.xml": BILLION_LAUGHS.encode()}))
    report = radcheck.check(str(path))
    assert [f.code for f in report.documents[0].findings] == ["P001"]
    for name in ("bomb.docx", "laughs.docx"):
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "radcheck", "check", str(tmp_path / name)],
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 2
        assert "Traceback" not in run.stderr + run.stdout
        assert name in run.stderr + run.stdout
        assert time.perf_counter() - start < 10  # interpreter start-up included


def test_a_dtd_in_an_encoding_the_byte_scan_does_not_know_is_refused(good):
    # UTF-32 hides "<!DOCTYPE" from the byte scan; defusedxml's reading of the part's opening still refuses it.
    content = ('<?xml version="1.0" encoding="UTF-32"?>' + BILLION_LAUGHS.split("?>", 1)[1]).encode("utf-32")
    assert not any(d in content for d in (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le")))
    data = of.zip_of({**of.members_of(good["pug.docx"].read_bytes()), "word/document.xml": content})
    with pytest.raises(UnreadableInput) as err:
        read_bytes(data, "hostile.docx", "docx")
    assert "DOCTYPE" in err.value.reason or "not well-formed" in err.value.reason


def test_openpyxl_parses_through_defusedxml():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML  # defusedxml is a dependency: openpyxl's own parsing is hardened too


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_zip_version_python_cannot_read_is_p001(good, fmt):
    # One damaged byte can make the central directory ask for zip version 6.4, which zipfile refuses
    # with NotImplementedError (found by the byte-by-byte fuzz test).
    data = bytearray(good[f"ppp.{fmt}"].read_bytes())
    pos = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, pos + 6, 64)  # "version needed to extract" of the first entry
    _refused(bytes(data), fmt, "zip feature Office does not|corrupt")
