"""Indicator polarity: the lexicon as data, service verbs that flip it back, plan and config overrides."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from radcheck.config import Config
from radcheck.model import Indicator
from radcheck.polarity import (
    PolarityLexicon,
    PolarityResolver,
    lexicon_polarity,
    load_lexicon,
)


@pytest.mark.parametrize(
    "text",
    [
        "Jumlah kasus anemia pada ibu hamil",
        "Jumlah ibu yang meninggal karena hamil, bersalin dan nifas",
        "Jumlah kelahiran pada perempuan umur 15-19 tahun (Age Specific Fertility Rate/ASFR)",
        "Unmeet need KB",
        "Unmet need KB",
        "Jumlah kasus obesitas pada penduduk usia 15 tahun ke atas",
        "Prevalensi stunting pada balita",
        "Angka kematian bayi per 1.000 kelahiran hidup",
        "Persentase penduduk miskin",
        "Angka putus sekolah SMP",
        "Jumlah kasus kekerasan terhadap perempuan",
        "Luas kawasan permukiman kumuh",
        "Jumlah kematian ibu di fasilitas pelayanan kesehatan",  # the place is not a service
        "Jumlah keluarga berisiko stunting",
        "Angka kematian ibu terkait kehamilan",  # the topic word comes after the counted deaths
    ],
)
def test_indicators_that_should_fall(text: str) -> None:
    result = lexicon_polarity(text, "Orang")
    assert result.polarity == "lower" and result.source == "lexicon" and result.term


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Persentase anak korban kekerasan yang ditangani", "%"),
        ("Persentase kasus ABH yang dilayani", "%"),
        ("Jumlah perempuan korban kekerasan yang mendapat layanan", "orang"),
        ("Persentase penurunan prevalensi stunting", "%"),
        ("Cakupan Penerbitan Kutipan Akta Kematian", "%"),
        ("Jumlah PUS dari Keluarga Miskin yang mendapat pelayanan KB", "Orang"),
        ("Luas kawasan permukiman tidak kumuh", "ha"),
        ("Jumlah Perbaikan Rumah Tidak Layak Huni", "Unit"),
        ("Jumlah penganggur yang dilatih", "orang"),
        ("Jumlah penduduk miskin yang iurannya dibayar daerah", "jiwa"),
        ("Jumlah usaha mikro keluarga miskin yang difasilitasi", "unit usaha"),
        ("Jumlah desa yang memutakhirkan data keluarga berisiko stunting", "desa"),
        ("Persentase remaja yang memahami informasi tentang stunting", "%"),
        ("Persentase orang tua yang paham mengenai bahaya perkawinan anak", "%"),
    ],
)
def test_service_verbs_reductions_and_negations_flip_back(text: str, unit: str) -> None:
    result = lexicon_polarity(text, unit)
    assert result.polarity == "higher" and result.source == "lexicon"


def test_an_output_unit_counts_things_done() -> None:
    # A training about violence is counted in Kegiatan: more of it is better.
    result = lexicon_polarity("Seminar edukasi jenis-jenis kekerasan dan eksploitasi terhadap perempuan", "kegiatan")
    assert (result.polarity, result.source, result.term) == ("higher", "unit", "kegiatan")


def test_unknown_polarity_is_assumed_higher_and_says_so() -> None:
    result = lexicon_polarity("Persentase dekela (desa/kelurahan layak anak", "%")
    assert result.polarity == "higher" and result.source == "assumed"
    assert "diasumsikan" in result.describe()["id"] and "assumed" in result.describe()["en"]


def test_words_match_whole_not_inside_other_words() -> None:
    # "kasus" must not match inside "kasusnya"; "korban" not inside "pengorbanan".
    assert lexicon_polarity("Jumlah pengorbanan relawan", "orang").source == "assumed"


def test_plan_then_config_then_lexicon() -> None:
    ind = Indicator(id="A/indicators/0", text="Jumlah kasus TBC yang ditemukan", unit="kasus")
    assert PolarityResolver()(ind).polarity == "higher"  # "ditemukan" flips: case finding should rise
    config = Config(polarity={"jumlah kasus  TBC yang ditemukan": "lower"})
    resolver = PolarityResolver(config)
    assert resolver(ind).polarity == "lower" and resolver(ind).source == "config"
    assert resolver(ind.model_copy(update={"polarity": "higher"})).source == "plan"


def test_shipped_lexicon_is_valid_and_loaded_once() -> None:
    lex = load_lexicon()
    assert lex is load_lexicon()
    assert "kematian" in lex.lower and "ditangani" in lex.flip and "tidak" in lex.negations
    assert not set(lex.lower) & set(lex.flip)


def test_lexicon_validation_refuses_contradictions_and_empty_terms() -> None:
    with pytest.raises(ValidationError):
        PolarityLexicon(lower=["kasus"], flip=["kasus"], negations=[], output_units=[])
    with pytest.raises(ValidationError):
        PolarityLexicon(lower=["  "], flip=[], negations=[], output_units=[])
    lex = PolarityLexicon(lower=["Kasus Baru"], flip=["Ditangani"], negations=["tidak"], output_units=["Kali"])
    assert lex.lower == ["kasus baru"] and lex.output_units == ["kali"]
    assert lexicon_polarity("Jumlah kasus baru", "orang", lexicon=lex).polarity == "lower"
