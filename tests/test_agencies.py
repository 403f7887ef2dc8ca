"""Agencies: splitting, registries, resolution (both sides of the threshold), A rules on the seeds, CLI."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import AS_OF, PPP, PUG, run_cli
from rapidfuzz import fuzz

import radcheck
from radcheck import shipped
from radcheck.agencies import registry as registry_module
from radcheck.agencies.cells import written_cells
from radcheck.agencies.registry import RegistryError, load_registry, parse_registry, region_files
from radcheck.agencies.resolve import (
    AMBIGUITY_MARGIN,
    FUZZY_THRESHOLD,
    Resolver,
    document_date,
    normalise,
    resolver_for,
)
from radcheck.agencies.split import layout, split_agencies
from radcheck.cli import cli
from radcheck.engine import Context

HERE = Path(__file__).parent
KAB_PLAN = HERE / "plans" / "ag-kab-contoh.txt"
KAB_REGISTRY = HERE / "plans" / "ag-kab-contoh-registry.yaml"


@pytest.fixture(scope="module")
def bekasi() -> Resolver:
    return Resolver(load_registry("Kota Bekasi"))


# -- splitting ----------------------------------------------------------------------------------------
def test_split_commas_full_stops_empty_entries_and_trailing_separator() -> None:
    shape = layout("DPPPA, Dispora. Dinas Pariwisata, , Dinas Sosial,")
    assert shape.names == ("DPPPA", "Dispora", "Dinas Pariwisata", "Dinas Sosial")
    assert (shape.empty_entries, shape.full_stop_separators, shape.trailing_separator) == (1, 1, True)


def test_split_keeps_dotted_abbreviations_inside_a_name() -> None:
    assert split_agencies("RSUD dr. Chasbullah Abdulmadjid, Dinas Kesehatan Kab. Bekasi") == [
        "RSUD dr. Chasbullah Abdulmadjid", "Dinas Kesehatan Kab. Bekasi"]


def test_split_joins_a_name_cut_by_a_line_wrap_but_not_two_names() -> None:
    assert split_agencies("Dinas\nSosial, Setwan") == ["Dinas Sosial", "Setwan"]
    assert split_agencies("Kejaksaan,\nPengadilan") == ["Kejaksaan", "Pengadilan"]
    assert split_agencies("DP3KB\nSosial") == ["DP3KB", "Sosial"]


def test_split_a_name_written_twice_without_separator() -> None:
    shape = layout("Dinas Komunikasi & Informatika Dinas Komunikasi & Informatika")
    assert shape.names == ("Dinas Komunikasi & Informatika",) * 2
    assert shape.doubled == ("Dinas Komunikasi & Informatika",)


# -- normalisation and resolution ----------------------------------------------------------------------
def test_normalise_case_punctuation_ampersand_and_region_suffix() -> None:
    assert normalise("Dinas Komunikasi & Informatika") == "dinas komunikasi dan informatika"
    assert normalise("Seluruh Perangkat Daerah Pemerintah Kota Bekasi",
                     ("pemerintah kota bekasi", "kota bekasi")) == "seluruh perangkat daerah"


@pytest.mark.parametrize(("written", "canonical", "method"), [
    ("Dinas Kesehatan", "Dinas Kesehatan", "exact"),
    ("dinas TENAGA kerja", "Dinas Tenaga Kerja", "exact"),
    ("Disdik", "Dinas Pendidikan", "alias"),
    ("DP3KB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "alias"),
    ("Ketenaga kerjaan", "Tenaga Kerja", "alias"),  # spacing only
    ("BAPELITBANGDA", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "alias"),  # misspelling
    ("Seluruh Perangkat Daerah Pemerintah Kota Bekasi", "Seluruh Perangkat Daerah", "exact"),
])
def test_exact_and_alias(bekasi: Resolver, written: str, canonical: str, method: str) -> None:
    r = bekasi.resolve(written)
    assert (r.target.name if r.target else None, r.method) == (canonical, method)


# Both sides of FUZZY_THRESHOLD: typos and dropped letters resolve, a different letter does not.
@pytest.mark.parametrize(("written", "canonical"), [
    ("Bappelitbanda", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah"),
    ("Dinas Kesehatn", "Dinas Kesehatan"),
    ("Dinsa koperasi dan UMKM", "Dinas Koperasi dan Usaha Kecil dan Menengah"),
    ("DPPA", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("Dinas Perindustrian dan Perdagangan", "Dinas Perdagangan dan Perindustrian"),
])
def test_fuzzy_above_threshold_resolves(bekasi: Resolver, written: str, canonical: str) -> None:
    r = bekasi.resolve(written)
    assert r.method == "fuzzy" and r.target is not None and r.target.name == canonical
    assert r.score is not None and r.score >= FUZZY_THRESHOLD


@pytest.mark.parametrize("written", ["DPKPA", "Dinas Antah Berantah", "Disdukcapel Kecamatan"])
def test_fuzzy_below_threshold_is_unresolved_with_candidates(bekasi: Resolver, written: str) -> None:
    r = bekasi.resolve(written)
    assert r.method == "unresolved" and r.target is None
    assert all(score < FUZZY_THRESHOLD for _, score in r.candidates)


def test_threshold_sits_between_a_dropped_letter_and_a_different_letter() -> None:
    assert fuzz.token_sort_ratio("dppa", "dpppa") >= FUZZY_THRESHOLD  # a letter dropped: a typo
    assert fuzz.token_sort_ratio("dppkb", "dpppa") < FUZZY_THRESHOLD  # a letter changed: another body
    assert fuzz.token_sort_ratio("dpkpa", "dpppa") < FUZZY_THRESHOLD


def test_ambiguous_names_are_not_guessed(bekasi: Resolver) -> None:
    r = bekasi.resolve("DPPP")  # one letter from DPPPA and from DKPPP alike
    assert r.method == "unresolved"
    assert len(r.candidates) >= 2 and r.candidates[0][1] - r.candidates[1][1] < AMBIGUITY_MARGIN
    assert r.candidates[0][1] >= FUZZY_THRESHOLD


def test_candidates_are_listed_with_scores(bekasi: Resolver) -> None:
    r = bekasi.resolve("DPKPA")
    assert r.candidates[0] == ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", 80.0)


@pytest.mark.parametrize(("raw", "names"), [
    ("Kesehatan Dan RSUD", ["Kesehatan", "Rumah Sakit Umum Daerah dr. Chasbullah Abdulmadjid"]),
    ("Seluruh perangkat daerah, dunia usaha dan akademisi", ["Seluruh Perangkat Daerah", "Dunia Usaha", "Akademisi"]),
    ("Pemuka masyarakat dan agama.", ["Pemuka Masyarakat dan Agama"]),
    ("Pemuka masyarakat dan\nagama", ["Pemuka Masyarakat dan Agama"]),
    ("Koperasi dan UMKM", ["Koperasi, Usaha Kecil, dan Menengah"]),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", ["Dinas Pemberdayaan Perempuan dan Perlindungan Anak"]),
])
def test_dan_splits_only_when_every_part_is_known(bekasi: Resolver, raw: str, names: list[str]) -> None:
    assert [r.target.name for r in bekasi.resolve_cell(raw) if r.target] == names


def test_each_distinct_string_is_resolved_once(bekasi: Resolver, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = Resolver(bekasi.registry)
    calls: list[str] = []
    original = fresh._resolve_key
    monkeypatch.setattr(fresh, "_resolve_key", lambda text, key: calls.append(key) or original(text, key))
    for _ in range(3):
        fresh.resolve_cell("Dinkes, DINKES, Dinas Kesehatn")
    assert calls == ["dinkes", "dinas kesehatn"]


def test_one_resolver_per_run(ppp) -> None:
    ctx = Context(as_of=AS_OF)
    assert resolver_for(ppp, ctx) is resolver_for(ppp, ctx)
    assert resolver_for(ppp, Context(as_of=AS_OF)) is not resolver_for(ppp, ctx)


# -- registries --------------------------------------------------------------------------------------
def test_shipped_registries_are_valid_and_bekasi_has_twelve_kecamatan() -> None:
    reg = load_registry("KOTA BEKASI")
    assert reg.region is not None and reg.region.region == "Kota Bekasi"
    assert sum(1 for a, _ in reg.agencies() if a.kind == "kecamatan") == 12
    assert all(f.region for f in region_files().values())
    assert {u.id for u in reg.national.urusan} >= {"pendidikan", "kesehatan", "tenaga-kerja", "adminduk"}


def test_renamed_agencies_carry_dates_and_successors() -> None:
    reg = load_registry("Kota Bekasi")
    old = reg.by_id("bappelitbangda")
    assert old is not None and old.valid_until is not None
    assert reg.current(old).id == "bapperida"
    assert [a.id for a in reg.holders("perencanaan", dt.date(2024, 6, 10))] == ["bappelitbangda"]
    assert [a.id for a in reg.holders("perencanaan", dt.date(2026, 6, 1))] == ["bapperida"]


def test_no_registry_for_the_region_falls_back_to_the_standard_nomenclature_and_says_so(tmp_path: Path) -> None:
    reg = load_registry("Kabupaten Contoh")
    assert reg.region is not None and reg.region.scope == "generic" and reg.wanted_region == "Kabupaten Contoh"
    plan = tmp_path / "kab.txt"
    plan.write_text(KAB_PLAN.read_text(encoding="utf-8").replace("Akademisi", "Akademisi, Lembaga Kajian Pesisir"),
                    encoding="utf-8")
    report = radcheck.check(plan, select=["A001"], as_of=AS_OF)
    findings = report.documents[0].findings
    assert [f.excerpt for f in findings if f.excerpt and "Pesisir" in f.excerpt]
    assert findings and all("belum ada registri untuk Kabupaten Contoh" in f.message for f in findings)
    assert radcheck.check(KAB_PLAN, select=["A001"], as_of=AS_OF).documents[0].findings == []


def test_a_second_region_registry_given_with_registry_option() -> None:
    resolver = Resolver(load_registry("Kabupaten Contoh", KAB_REGISTRY))
    assert resolver.resolve("Disdikbud").target.id == "disdikbud"  # type: ignore[union-attr]
    assert resolver.resolve("DP2KBP3A").method == "alias"
    # Kota Bekasi's name for the same office does not exist here
    assert resolver.resolve("Dinas Pendidikan").method == "unresolved"
    report = radcheck.check(KAB_PLAN, select=["A"], as_of=AS_OF, registry=KAB_REGISTRY)
    codes = sorted(f.code for f in report.documents[0].findings)
    assert codes.count("A001") == 1 and codes.count("A004") == 2


def test_adding_a_region_is_adding_a_data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new YAML file in rules/agencies/, compiled as ``python -m radcheck.shipped`` does."""
    data = tmp_path / "agencies"
    data.mkdir()
    shutil.copy(Path(registry_module.__file__).parent.parent / "data" / "agencies" / "national.yaml", data)
    shutil.copy(KAB_REGISTRY, data / "kabupaten-contoh.yaml")
    compiled = json.loads(shipped.compile_sources(tmp_path))
    monkeypatch.setattr(shipped, "_compiled", lambda: compiled)
    registry_module._shipped.cache_clear()
    try:
        reg = load_registry("KABUPATEN CONTOH")
        assert reg.region is not None and reg.source == "kabupaten-contoh.yaml + national.yaml"
    finally:
        registry_module._shipped.cache_clear()


@pytest.mark.parametrize(("text", "problem"), [
    ("scope: region\nagencies: [", "not valid YAML"),
    ("- just a list", "must be a mapping"),
    ("scope: region\nregion: X\nagencies:\n  - {id: a, name: A, kind: dinas}\n", "kind"),
    ("scope: region\nregion: X\nagencies:\n  - {id: a, name: A, kind: unit}\n  - {id: a, name: B, kind: unit}\n",
     "ids defined twice"),
    ("scope: region\nregion: X\nagencies:\n  - {id: a, name: A, kind: unit, successor: b}\n", "valid_until"),
])
def test_broken_registry_is_a_clear_error(text: str, problem: str) -> None:
    with pytest.raises(RegistryError, match=problem):
        parse_registry(text, "broken.yaml")


def test_cross_file_references_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scope: region\nregion: X\nagencies:\n  - {id: a, name: A, kind: unit, urusan: [sihir]}\n",
                   encoding="utf-8")
    with pytest.raises(RegistryError, match="unknown urusan sihir"):
        load_registry("X", bad)
    clash = tmp_path / "clash.yaml"
    clash.write_text("scope: region\nregion: X\nagencies:\n"
                     "  - {id: a, name: Dinas A, kind: unit, abbreviations: [D A]}\n"
                     "  - {id: b, name: Dinas B, kind: unit, abbreviations: [d.a]}\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="belongs to both a and b"):
        Resolver(load_registry("X", clash))


# -- the seeds ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [PPP, PUG])
def test_every_seed_mention_resolves_or_has_an_a001_with_candidates(path: Path) -> None:
    doc = radcheck.load(path)
    resolver = Resolver(load_registry(doc.region))
    report = radcheck.check(path, select=["A001"], as_of=AS_OF)
    # One finding per unresolved name, every cell that writes it among its occurrences.
    a001 = {(place.line, f.message.split("'")[1]) for f in report.documents[0].findings
            for place in (f.occurrences or [f])}
    for ref in written_cells(doc):
        for r in resolver.resolve_cell(ref.cell.raw):
            if not r.resolved:
                assert (ref.cell.line, r.text) in a001
                assert r.candidates
    assert all("Kandidat terdekat" in f.message for f in report.documents[0].findings)


def test_seed_ppp_lead_also_supporting_after_alias_resolution() -> None:
    report = radcheck.check(PPP, select=["A004"], as_of=AS_OF)
    found = {(f.line, f.message) for f in report.documents[0].findings}
    assert any(line == 169 and "'DPPPA'" in msg for line, msg in found)  # full name lead, abbreviated supporter
    assert any(line == 205 and "'DPPA'" in msg for line, msg in found)  # via a fuzzy match


def test_seed_ppp_doubled_name_and_malformed_lists() -> None:
    report = radcheck.check(PPP, select=["A003", "A005"], as_of=AS_OF)
    found = report.documents[0].findings
    assert any(f.code == "A003" and f.line == 178 and "Dinas Komunikasi" in f.message for f in found)
    assert any(f.code == "A005" and f.line == 181 and "titik" in f.message for f in found)


def test_seed_pug_urusan_names_get_their_holder() -> None:
    report = radcheck.check(PUG, select=["A006"], as_of=AS_OF, lang="en")
    by_name = {f.message.split("'")[1]: f.message for f in report.documents[0].findings}
    assert "Dinas Pendidikan" in by_name["Pendidikan"]
    assert "Dinas Tenaga Kerja" in by_name["Ketenaga kerjaan"]
    assert "Dinas Koperasi" in by_name["Koperasi dan UMKM"]


def test_inherited_cells_are_reported_once() -> None:
    doc = radcheck.load(PPP)
    cells = list(written_cells(doc))
    assert not any(ref.cell.inherited for ref in cells)
    assert len({(ref.role, ref.cell.line, ref.cell.raw) for ref in cells}) == len(cells)


# -- dates --------------------------------------------------------------------------------------------
def test_document_date_prefers_the_enacted_date(ppp) -> None:
    assert document_date(ppp, Context(as_of=AS_OF)) == dt.date(2024, 6, 10)
    from radcheck.config import Config

    forced = Context(as_of=AS_OF, config=Config.model_validate({"agencies": {"obsolete_at": "as-of"}}))
    assert document_date(ppp, forced) == AS_OF


def test_obsolete_names_follow_the_as_of_date_when_forced() -> None:
    from radcheck.config import Config

    dated = radcheck.check(PPP, select=["A007"], as_of=AS_OF)
    forced = radcheck.check(PPP, select=["A007"], as_of=AS_OF,
                            config=Config.model_validate({"agencies": {"obsolete_at": "as-of"}}))
    assert not any("Bapelitbangda" in f.message or "BAPELITBANGDA" in f.message
                   for f in dated.documents[0].findings)
    assert any("BAPELITBANGDA" in f.message and "Bapperida" in f.message for f in forced.documents[0].findings)


# -- CLI ----------------------------------------------------------------------------------------------
def test_cli_agencies_text_and_json() -> None:
    runner = CliRunner()
    text = runner.invoke(cli, ["agencies", str(PPP)])
    assert text.exit_code == 0 and "DPKPA" in text.output and "TIDAK DIKENAL" in text.output
    out = runner.invoke(cli, ["agencies", str(PUG), "--format", "json"])
    data = json.loads(out.output)["documents"][0]
    assert data["registry"] == "kota-bekasi.yaml + national.yaml" and data["fuzzy_threshold"] == FUZZY_THRESHOLD
    row = next(r for r in data["agencies"] if r["text"] == "Pendidikan")
    assert row["resolved"]["kind"] == "urusan" and row["count"] > 10


def test_cli_broken_registry_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("scope: region\n", encoding="utf-8")
    for args in (["agencies", str(PUG), "--registry", str(bad)], ["check", str(PUG), "--registry", str(bad)]):
        proc = run_cli(*args)
        assert proc.returncode == 2, proc.stderr
        assert "bad.yaml" in proc.stderr and "Traceback" not in proc.stderr
