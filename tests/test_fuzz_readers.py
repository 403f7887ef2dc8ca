"""Fuzzing every reader: whatever the bytes, the result is a Document or UnreadableInput (P001), never a
traceback, and never a hang.

Inputs: random bytes; random lines made of the seeds' vocabulary; byte-level damage to the seeds; huge
cells and rows; the structured form with random values put anywhere; JSON/YAML nested 10,000 levels;
YAML tags that would construct Python objects; YAML alias bombs; .docx/.xlsx archives that are damaged,
bombs, or carry XML entities (when those readers are present).

Each example runs under a hang guard (``bounded``): a reader stuck on one input (a backtracking
pattern, an exponential expansion) fails the test instead of stalling CI.  The guard is generous; it is
not a benchmark (benchmarks/ measures speed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import office_fixtures as of
import pytest
import yaml
from conftest import AS_OF, PPP, PUG, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import radcheck
from radcheck.config import Limits
from radcheck.model import Document
from radcheck.readers import UnreadableInput, read_bytes

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import draw_plan, to_structured

HANG_GUARD_SECONDS = 30  # far above any real input's reading time: only a genuine hang reaches it
FORMATS = ["text", "yaml", "json", "docx", "xlsx"]
SEEDS = {p.name: p.read_bytes() for p in (PPP, PUG)}
SMALL = Limits(max_cell_chars=2_000, max_row_cells=60)  # small limits keep huge-input examples quick
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.data_too_large])


class Hang(Exception):
    pass


@contextlib.contextmanager
def bounded(seconds: int = HANG_GUARD_SECONDS) -> Iterator[None]:
    """Fail (rather than stall) if the body runs longer than ``seconds``; a no-op where SIGALRM is missing."""
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows
        yield
        return

    def _raise(signum: int, frame: object) -> None:
        raise Hang(f"no result within {seconds} s")

    previous = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read_or_p001(data: bytes, fmt: str, limits: Limits | None = None) -> Document | None:
    """Read ``data``; a Document, or None for UnreadableInput (with a reason).  Anything else propagates."""
    with bounded():
        try:
            doc = read_bytes(data, f"fuzz.{fmt}", fmt, limits)
        except UnreadableInput as exc:
            assert exc.reason and exc.path == f"fuzz.{fmt}"
            return None
    assert isinstance(doc, Document)
    return doc


def check_renders(doc: Document) -> None:
    """Every rule runs on what a reader accepted, and the report renders."""
    with bounded():
        report = radcheck.check(doc, as_of=AS_OF)
        json.loads(report.to_json())
        report.render("text")


# -- random bytes, every reader -------------------------------------------------------------------

@FAST
@given(st.sampled_from(FORMATS), st.binary(max_size=4096))
def test_random_bytes(fmt: str, data: bytes) -> None:
    read_or_p001(data, fmt)


@FAST
@given(st.sampled_from(FORMATS), st.binary(max_size=512))
def test_random_bytes_after_a_valid_start(fmt: str, tail: bytes) -> None:
    heads = {"text": SEEDS[PPP.name][:3000], "yaml": b"schema_version: 1\nsections:\n", "json": b'{"sections": [',
             "docx": b"PK\x03\x04", "xlsx": b"PK\x03\x04"}
    read_or_p001(heads[fmt] + tail, fmt)


# -- the text reader: lines from the seeds' vocabulary ---------------------------------------------

_WORDS = ["No", "Permasalahan", "Tujuan", "Capaian", "Kegiatan", "Satuan", "Indikator", "Kondisi Awal tahun 2023",
          "Target Rencana Aksi/ Kegiatan", "2024", "2025", "2028", "Penanggung Jawab", "Instansi Pendukung",
          "OPD Pengampu Urusan", "1.", "a", "2.000", "87,7", "-", "Ada", "Inisiasi Awal", "Dinas Kesehatan",
          "DPPPA, , Dinsos.", "<i>", "</i>", "*", "Pasal 1", "BAB II MAKSUD Pasal 2", "- (1)", "a.", "LAMPIRAN",
          "A. Rencana Aksi Bidang Kesehatan", "PERATURAN WALI KOTA BEKASI", "NOMOR 11 TAHUN 2024", "TENTANG",
          "Menimbang : a. bahwa", "Mengingat : 1. Undang-Undang Nomor 23 Tahun 2014", "Ditetapkan di Bekasi",
          "pada tanggal 31 Februari 2024", "BERITA DAERAH KOTA BEKASI TAHUN 2024 NOMOR 99", "---", "", " ",
          "Sub kegiatan:", "Program", "sebagaimana dimaksud pada ayat (9)", "\u00a0", "\ufeff", "Ⅻ", "٣"]
_cell = st.lists(st.sampled_from(_WORDS), max_size=4).map(" ".join)
_line = st.one_of(st.lists(_cell, max_size=15).map("\t".join), _cell, st.text(max_size=40))


@FAST
@given(st.lists(_line, min_size=1, max_size=80))
def test_text_reader_on_seed_vocabulary(lines: list[str]) -> None:
    doc = read_or_p001("\n".join(lines).encode("utf-8", "surrogatepass"), "text")
    if doc is not None:
        check_renders(doc)


# -- the seeds, damaged byte by byte ---------------------------------------------------------------

# Damage any file can take (byte flips, inserts, cuts), drawn directly: filtering them out of ``_damage``
# rejected two draws in five, and hypothesis' filter health check then failed the test now and then.
_byte_damage = st.one_of(
    st.tuples(st.just("flip"), st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
    st.tuples(st.just("insert"), st.integers(min_value=0), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("cut"), st.integers(min_value=0), st.integers(min_value=1, max_value=4000)),
)
_damage = st.one_of(
    _byte_damage,
    st.tuples(st.just("huge-cell"), st.integers(min_value=0), st.integers(min_value=2_001, max_value=20_000)),
    st.tuples(st.just("wide-row"), st.integers(min_value=0), st.integers(min_value=61, max_value=2_000)),
)


def damage(data: bytes, ops: list[tuple]) -> bytes:
    buf = bytearray(data)
    for op in ops:
        if not buf:
            break
        i = op[1] % len(buf)
        if op[0] == "flip":
            buf[i] = op[2]
        elif op[0] == "insert":
            buf[i:i] = op[2]
        elif op[0] == "cut":
            del buf[i:i + op[2]]
        elif op[0] == "huge-cell":
            buf[i:i] = b"\t" + b"panjang " * (op[2] // 8) + b"\t"
        elif op[0] == "wide-row":
            buf[i:i] = b"\n" + b"1\t" * op[2] + b"\n"
    return bytes(buf)


@FAST
@given(st.sampled_from(sorted(SEEDS)), st.lists(_damage, min_size=1, max_size=8))
def test_damaged_seed(seed: str, ops: list[tuple]) -> None:
    doc = read_or_p001(damage(SEEDS[seed], ops), "text", SMALL)
    if doc is not None:
        check_renders(doc)


def test_huge_cell_is_cut_and_reported() -> None:
    text = SEEDS[PPP.name].decode("utf-8").replace("Masih rendahnya", "sangat " * 50_000, 1)
    doc = read_or_p001(text.encode(), "text", Limits(max_cell_chars=10_000))
    assert doc is not None
    cut = [n for n in doc.notes if "cell longer than 10,000" in n.detail.get("reason", "")]
    assert len(cut) == 1 and cut[0].code == "P002"
    assert max(len(i.text) for s in doc.sections for i in s.issues) <= 10_000


def test_wide_row_is_cut_and_reported() -> None:
    text = SEEDS[PUG.name].decode("utf-8").replace("\tBidang Pendidikan", "\t" + "\t7" * 5_000, 1)
    doc = read_or_p001(text.encode(), "text")
    assert doc is not None
    wide = [n for n in doc.notes if "over the limit of 500" in n.detail.get("reason", "")]
    assert len(wide) == 1 and wide[0].code == "P002"


# -- the structured form: random values anywhere ---------------------------------------------------

_json = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)
_PLAN = to_structured(draw_plan(60, seed=4, defect_rate=0.2))


def _paths(value: object, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


_PLAN_PATHS = [p for p in _paths(_PLAN) if p]


def _replace(data: object, path: tuple, value: object, delete: bool) -> object:
    data = json.loads(json.dumps(data))
    node = data
    for key in path[:-1]:
        node = node[key]  # type: ignore[index]
    if delete and isinstance(node, dict):
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value  # type: ignore[index]
    return data


@FAST
@given(st.sampled_from(["json", "yaml"]),
       st.lists(st.tuples(st.sampled_from(_PLAN_PATHS), _json, st.booleans()), min_size=1, max_size=4))
def test_structured_plan_with_random_values(fmt: str, edits: list[tuple]) -> None:
    data: object = _PLAN
    for path, value, delete in edits:
        try:
            data = _replace(data, path, value, delete)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this path
    raw = json.dumps(data) if fmt == "json" else yaml.safe_dump(data, allow_unicode=True)
    doc = read_or_p001(raw.encode(), fmt)
    if doc is not None:
        check_renders(doc)


@pytest.mark.parametrize(("fmt", "data"), [
    ("json", b"[" * 10_000 + b"]" * 10_000),
    ("json", b'{"sections": ' * 10_000 + b"1" + b"}" * 10_000),
    ("yaml", b"[" * 10_000 + b"]" * 10_000),
    ("yaml", b"{sections: " * 10_000 + b"1" + b"}" * 10_000),
    ("yaml", b"".join(b"  " * i + b"a:\n" for i in range(10_000))),
    ("yaml", b"".join(b"  " * i + b"- \n" for i in range(10_000))),
], ids=["json-lists", "json-objects", "yaml-flow-lists", "yaml-flow-maps", "yaml-block-maps", "yaml-block-lists"])
def test_nesting_10000_levels_is_p001(fmt: str, data: bytes) -> None:
    assert read_or_p001(data, fmt) is None


@pytest.mark.parametrize("tag", [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:os.system ['touch {marker}']",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!python/object:builtins.object {{}}",
    "!python/object/apply:os.system ['touch {marker}']",
    "!!binary aGVsbG8=",
])
def test_yaml_tags_that_construct_objects_are_refused(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    for text in (f"title: {tag}\n", f"sections:\n- {tag}\n", f"{tag}\n"):
        data = text.format(marker=marker).encode()
        doc = read_or_p001(data, "yaml")
        assert doc is None or doc.title in (None, "hello")
    assert not marker.exists()


def test_yaml_alias_bomb_is_p001() -> None:
    level = "{kind: text, text: tawa}"
    for i in range(1, 12):
        level = f"&l{i} {{kind: text, children: [{level}" + f", *l{i - 1}" * 8 + "]}" if i > 1 else \
            f"&l1 {{kind: text, children: [{level}]}}"
    data = f"provisions: [{level}]\n".encode()
    with bounded(10):
        with pytest.raises(UnreadableInput, match="aliases"):
            read_bytes(data, "bomb.yaml", "yaml")


def test_years_far_apart_are_p001() -> None:
    plan = json.loads(json.dumps(_PLAN))
    plan["period"] = [1, 10**9]
    assert read_or_p001(json.dumps(plan).encode(), "json") is None


# -- Word and Excel, when their readers are present ------------------------------------------------

def _office_file(fmt: str) -> bytes:
    return of.write_docx(PPP) if fmt == "docx" else of.write_xlsx(PPP)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_file_damaged_byte_by_byte(fmt: str) -> None:
    original = _office_file(fmt)
    assert read_or_p001(original, fmt) is not None

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(_byte_damage, min_size=1, max_size=6))
    def run(ops: list[tuple]) -> None:
        read_or_p001(damage(original, ops), fmt, SMALL)

    run()


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_file_with_swapped_members(fmt: str) -> None:
    """Each member of a valid archive replaced by junk, by nothing, or by another member."""
    original = _office_file(fmt)
    members = of.members_of(original)
    for name in members:
        for junk in (b"", b"<not xml", b"<?xml version='1.0'?><x/>", members[next(iter(members))]):
            read_or_p001(of.zip_of({**members, name: junk}), fmt)


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_office_zip_bomb_and_xml_entities_are_p001(fmt: str) -> None:
    main = "word/document.xml" if fmt == "docx" else "xl/worksheets/sheet1.xml"
    members = of.members_of(_office_file(fmt))
    bomb = of.zip_of({**members, main: b" " * (60 * 1024 * 1024)})
    assert read_or_p001(bomb, fmt) is None
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                         for i in range(1, 10))
              + b"]><root>&lol9;</root>")
    assert read_or_p001(of.zip_of({**members, main: laughs}), fmt) is None
    external = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    assert read_or_p001(of.zip_of({**members, main: external}), fmt) is None


# -- the command line never shows a traceback ------------------------------------------------------

def test_cli_on_a_folder_of_damaged_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from radcheck.cli import cli

    files = {
        "empty.txt": b"", "binary.txt": b"\x00\x01\x02" * 100, "latin1.txt": "Kota Bekasi ñ".encode("latin-1"),
        "half.txt": SEEDS[PPP.name][: len(SEEDS[PPP.name]) // 2], "bad.json": b'{"period": [2028, 2024]}',
        "tag.yaml": b"title: !!python/object/apply:os.getcwd []\n", "deep.json": b"[" * 10_000,
        "list.yaml": b"- 1\n- 2\n", "junk.docx": b"PK\x03\x04junk", "junk.xlsx": b"not a zip",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["check", str(tmp_path), "--format", "json", "--as-of",
                                      dt.date(2026, 11, 23).isoformat()])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output + result.stderr
    report = json.loads(result.stdout)
    assert len(report["documents"]) == len(files)
    for d in report["documents"]:
        if d["title"] is None and d["stats"]["sections"] == 0:
            assert [f["code"] for f in d["findings"]] in (["P001"], [])
