"""Fuzzy matching: normalisation, each threshold from both sides, and blocking that scales."""

from __future__ import annotations

import time

from rapidfuzz import fuzz

from radcheck import matching
from radcheck.matching import (
    BLOCK_JACCARD,
    MIN_TYPO_LENGTH,
    TEXT_SIMILARITY,
    TYPO_SIMILARITY,
    cluster_texts,
    normalise_activity,
    normalise_text,
    same_text,
)


def test_prefixes_and_numbering_are_removed() -> None:
    base = "penyediaan biaya personil peserta didik sekolah dasar"
    for text in ("Sub kegiatan: Penyediaan Biaya Personil Peserta Didik Sekolah Dasar",
                 "Sub Kegiatan : Penyediaan Biaya Personil Peserta Didik Sekolah Dasar",
                 "Kegiatan: Penyediaan Biaya Personil Peserta Didik Sekolah Dasar",
                 "2. Penyediaan Biaya Personil Peserta Didik Sekolah Dasar",
                 "1) Sub-kegiatan Penyediaan Biaya Personil Peserta Didik Sekolah Dasar",
                 "Penyediaan  Biaya Personil Peserta Didik <i>Sekolah</i> Dasar"):
        assert normalise_activity(text) == base
    assert normalise_activity("Programmer Muda") == "programmer muda"  # a word, not the prefix "Program"


def test_text_similarity_threshold_both_sides() -> None:
    # Same slip ("kaucus"/"caucus"): in a longer text the whole is similar enough, alone it is not.
    long_a, long_b = "jumlah pertemuan kaucus politik perempuan", "jumlah pertemuan caucus politik perempuan"
    assert fuzz.ratio(long_a, long_b) >= TEXT_SIMILARITY
    assert same_text(long_a, long_b) is not None
    assert fuzz.ratio("kaucus", "caucus") < TEXT_SIMILARITY
    assert same_text("kaucus", "caucus") is None


def test_typo_similarity_threshold_both_sides() -> None:
    assert fuzz.ratio("kader", "kadre") >= TYPO_SIMILARITY  # exactly 80: a slip
    assert same_text("pelatihan kader posyandu", "pelatihan kadre posyandu") is not None
    assert fuzz.ratio("pelatihan", "pelotihen") < TYPO_SIMILARITY  # two letters changed in nine
    assert fuzz.ratio("jumlah pelatihan kader", "jumlah pelotihen kader") >= TEXT_SIMILARITY
    assert same_text("jumlah pelatihan kader", "jumlah pelotihen kader") is None


def test_short_words_and_numbers_must_match_exactly() -> None:
    assert len("kadr") < MIN_TYPO_LENGTH <= len("kader")
    assert same_text("jumlah kader posyandu aktif", "jumlah kadr posyandu aktif") is None
    assert same_text(normalise_text("Jumlah alat kesehatan yang diadakan (DAU)"),
                     normalise_text("Jumlah alat kesehatan yang diadakan (DAK)")) is None
    assert same_text(normalise_text("Cakupan Penerbitan KTP"), normalise_text("Cakupan Penerbitan KK")) is None
    assert same_text("kelahiran umur 15 19 tahun", "kelahiran umur 20 24 tahun") is None
    assert same_text(normalise_text("Cakupan Penertbitan KTP"), normalise_text("Cakupan Penerbitan KTP")) is not None


def test_small_words_do_not_change_identity() -> None:
    assert same_text("jumlah peserta yang mengikuti pelatihan", "jumlah peserta mengikuti pelatihan") is not None
    assert same_text("jumlah peserta pelatihan", "jumlah peserta pelatihan lanjutan") is None


def test_blocking_finds_one_slip_in_a_two_word_text() -> None:
    # Word sets {kaucus, politik} and {caucus, politik} overlap 1/3: at the blocking bound.
    assert 1 / 3 >= BLOCK_JACCARD
    texts = ["pertemuan kaucus politik", "jumlah desa", "pertemuan caucus politik", "jumlah desa"]
    assert cluster_texts(texts) == [0, 1, 0, 1]


def test_clusters_are_transitive_and_point_to_the_earliest() -> None:
    texts = ["cakupan penerbitan ktp", "cakupan penertbitan ktp", "cakupan penerbitann ktp", "cakupan penerbitan kk"]
    assert cluster_texts(texts) == [0, 0, 0, 3]


def test_many_texts_are_clustered_without_comparing_all_pairs(monkeypatch) -> None:
    scored = 0
    real = matching._same_as

    def counting(mine, lists, prepared):  # wraps a private helper
        nonlocal scored
        scored += sum(len(posting.ids) for posting in lists)
        return real(mine, lists, prepared)

    monkeypatch.setattr(matching, "_same_as", counting)
    n = 20_000
    texts = [f"jumlah peserta pelatihan kader kelurahan nomor{i:05d}x" for i in range(n)]
    texts.append("jumlah pesreta pelatihan kader kelurahan nomor00042x")  # a slip of text 42
    start = time.perf_counter()
    clusters = cluster_texts(texts)
    elapsed = time.perf_counter() - start
    assert clusters[-1] == 42
    assert len(set(clusters)) == n
    assert scored < 10 * n  # all pairs would be 2 × 10^8
    assert elapsed < 10


def test_repeated_words_count_as_often_as_they_occur() -> None:
    assert same_text("pelatihan kader kader posyandu", "pelatihan kader kadre posyandu") is not None
    assert same_text("pelatihan kader kader posyandu", "pelatihan kader posyandu posyandu") is None


def test_normalised_text_is_lower_case_words_without_tags_or_punctuation() -> None:
    assert normalise_text("  Cakupan <i>Penerbitan</i>  KTP-el (%) ") == "cakupan penerbitan ktp el"
    assert normalise_text("") == normalise_text(" .,- ") == ""
