"""Inspect an Office (OOXML) archive before any XML in it is parsed.

A .docx or .xlsx is a zip of XML parts.  Before python-docx or openpyxl see the bytes, this module
refuses, with a reason a drafter can act on (P001):

- what is not a zip at all, and among those the two cases drafters meet: a password-protected Office
  file (an OLE compound file holding an ``EncryptionInfo`` stream) and an old binary .doc/.xls;
- a corrupt or truncated zip, entries with duplicate names, encrypted entries, unknown compression;
- a zip bomb, from the sizes the central directory declares (total, per entry, and the ratio of
  uncompressed to compressed size), before anything is decompressed.  Python's ``zipfile`` stops
  reading an entry at its declared size, so a lying entry ends in a CRC error, not in a flood;
- an XML part with a ``<!DOCTYPE`` or ``<!ENTITY`` declaration (billion laughs, external entities):
  Office never writes one, so any is refused before lxml could expand it.  Two screens: defusedxml's
  parser reads each part's opening (where XML allows a DOCTYPE), in whatever encoding the part
  declares, and refuses a DTD or a part that is not XML; a byte scan of the whole part finds the
  declarations in UTF-8 and UTF-16 wherever they are, without building anything.  Behind both,
  openpyxl parses through defusedxml itself (``openpyxl.xml.DEFUSEDXML``) and python-docx's lxml
  parser does not resolve entities.

Everything here works on bytes in memory and is bounded by ``Limits``.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser

from radcheck.config import Limits
from radcheck.readers.common import UnreadableInput

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: encrypted OOXML, or legacy .doc/.xls
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # a local file header, or the end record of an empty zip

# A real .docx holds a few dozen parts, a large .xlsx a few thousand; a central directory with more
# entries than this is built to exhaust the reader, not to carry a plan.
MAX_ENTRIES = 10_000
# Small parts compress far beyond any bomb ratio (a 2 kB part of repeated styles shrinks 200-fold),
# and cannot hurt: the ratio limit applies only to archives and entries larger than this.
RATIO_FLOOR_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024
# Markup that only a document type declaration uses, in the encodings XML parts may use.
_DECLARATIONS = [s.encode(enc) for s in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
                 for enc in ("utf-8", "utf-16-le", "utf-16-be")]
_OVERLAP = max(len(d) for d in _DECLARATIONS)
# How much of each part defusedxml reads: the prolog, where a DOCTYPE must stand, fits many times over.
PROLOG_BYTES = 64 * 1024
_SUPPORTED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}


@dataclass(frozen=True)
class ArchiveInfo:
    """What the inspection found: part names and the total uncompressed size."""

    names: frozenset[str]
    total_bytes: int


def inspect_archive(data: bytes, source: str, limits: Limits, kind: str) -> ArchiveInfo:
    """Check an OOXML archive is safe and sane to parse; raise UnreadableInput if it is not.

    ``kind`` is ``"docx"`` or ``"xlsx"`` and only shapes the messages and the required main part.
    """
    label = {"docx": "Word (.docx)", "xlsx": "Excel (.xlsx)"}.get(kind, kind)
    if len(data) > limits.max_file_bytes:
        raise UnreadableInput(source, f"the file is {len(data):,} bytes, over the limit of {limits.max_file_bytes:,}")
    if not data:
        raise UnreadableInput(source, "the file is empty")
    if data.startswith(OLE_MAGIC):
        if _looks_encrypted_ole(data):
            raise UnreadableInput(source, f"the {label} file is password-protected (encrypted); "
                                          "remove the password in Office and save it again")
        old = {"docx": ".doc", "xlsx": ".xls"}.get(kind, "old binary")
        raise UnreadableInput(source, f"this is an old binary Office file ({old}), not {label}; "
                                      "open it in Office and save it as " + ("." + kind))
    if not data.startswith(ZIP_MAGIC):
        raise UnreadableInput(source, f"not a {label} file: it is not a zip archive "
                                      f"(it starts with {data[:8]!r})")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as exc:
        raise UnreadableInput(source, f"the {label} file is corrupt or truncated: {exc}") from None
    except NotImplementedError as exc:  # e.g. "zip file version 6.4": a zip feature Office never uses
        raise UnreadableInput(source, f"the {label} file is corrupt or uses a zip feature Office does not: "
                                      f"{exc}") from None
    with zf:
        infos = zf.infolist()
        total = _check_directory(infos, len(data), source, label, limits)
        names = frozenset(i.filename for i in infos)
        if "[Content_Types].xml" not in names:
            raise UnreadableInput(source, f"not a {label} file: the zip has no [Content_Types].xml")
        main = {"docx": "word/", "xlsx": "xl/"}.get(kind)
        if main and not any(n.startswith(main) for n in names):
            raise UnreadableInput(source, f"not a {label} file: the zip holds no {main} folder")
        for info in infos:
            _scan_part(zf, info, source, label)
    return ArchiveInfo(names=names, total_bytes=total)


def _check_directory(infos: list[zipfile.ZipInfo], size: int, source: str, label: str, limits: Limits) -> int:
    """Every check that needs only the central directory: nothing is decompressed here."""
    if len(infos) > MAX_ENTRIES:
        raise UnreadableInput(source, f"the {label} archive has {len(infos):,} entries, over the limit of "
                                      f"{MAX_ENTRIES:,}; refused as a likely zip bomb")
    seen: set[str] = set()
    total = 0
    compressed = 0
    for info in infos:
        if info.filename in seen:
            raise UnreadableInput(source, f"the {label} archive is corrupt: the entry {info.filename!r} "
                                          "appears twice")
        seen.add(info.filename)
        if info.flag_bits & 0x1:
            raise UnreadableInput(source, f"the {label} archive is encrypted (entry {info.filename!r}); "
                                          "remove the password and save it again")
        if info.compress_type not in _SUPPORTED_METHODS:
            raise UnreadableInput(source, f"the {label} archive uses an unsupported compression method "
                                          f"({info.compress_type}) for {info.filename!r}")
        total += info.file_size
        compressed += info.compress_size
        expands = info.file_size > limits.max_archive_ratio * max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR_BYTES and expands:
            raise UnreadableInput(
                source, f"the {label} archive entry {info.filename!r} would expand from "
                        f"{info.compress_size:,} to {info.file_size:,} bytes (over {limits.max_archive_ratio}:1); "
                        "refused as a likely zip bomb")
    if total > limits.max_archive_bytes:
        raise UnreadableInput(source, f"the {label} archive would expand to {total:,} bytes, over the limit of "
                                      f"{limits.max_archive_bytes:,}; refused as a likely zip bomb")
    if total > RATIO_FLOOR_BYTES and total > limits.max_archive_ratio * max(size, 1):
        raise UnreadableInput(source, f"the {label} archive would expand {total // max(size, 1):,}-fold "
                                      f"(over {limits.max_archive_ratio}:1); refused as a likely zip bomb")
    return total


def _scan_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, label: str) -> None:
    """Refuse an XML part that declares a document type or entities; skip parts that are not XML."""
    if info.is_dir() or info.file_size == 0:
        return
    try:
        with zf.open(info) as fh:
            head = fh.read(_CHUNK)
            if not _is_xml(head):
                return  # images and other binaries: no XML parser will see them
            _screen_prolog(head[:PROLOG_BYTES], info.filename, source, label)
            tail = b""
            chunk = head
            while chunk:
                window = tail + chunk
                if any(d in window for d in _DECLARATIONS):
                    raise UnreadableInput(
                        source, f"the {label} part {info.filename!r} declares a DOCTYPE or ENTITY, which Office "
                                "never writes; refused (entity expansion attack)")
                tail = window[-_OVERLAP:]
                chunk = fh.read(_CHUNK)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise UnreadableInput(source, f"the {label} file is corrupt: part {info.filename!r}: {exc}") from None


def _screen_prolog(head: bytes, name: str, source: str, label: str) -> None:
    """Let defusedxml read the part's opening: a DTD, in any encoding, or a part that is not XML is refused."""
    parser = XMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(head)  # incremental: a part longer than ``head`` is not an error here
    except DefusedXmlException:
        raise UnreadableInput(source, f"the {label} part {name!r} declares a DOCTYPE or ENTITY, which Office "
                                      "never writes; refused (entity expansion attack)") from None
    except (ParseError, LookupError, ValueError) as exc:
        readable = "Word document" if label.startswith("Word") else "Excel workbook"
        raise UnreadableInput(source, f"not a readable {readable}: part {name!r} is not well-formed XML "
                                      f"({exc})") from None


def _is_xml(head: bytes) -> bool:
    """Would an XML parser accept this as the start of a document: ``<`` after a BOM and blanks?"""
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return True
    stripped = head.lstrip(b" \t\r\n")
    return stripped.startswith((b"<", b"<\x00", b"\x00<"))


def _looks_encrypted_ole(data: bytes) -> bool:
    """An encrypted OOXML file is a compound file whose directory names an ``EncryptionInfo`` stream."""
    return "EncryptionInfo".encode("utf-16-le") in data[: 4 * 1024 * 1024] or \
        "EncryptedPackage".encode("utf-16-le") in data[: 4 * 1024 * 1024]
