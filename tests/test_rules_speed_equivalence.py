"""Optimised rule helpers against straightforward versions of the same definitions, on random inputs."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import radcheck
from radcheck import matching
from radcheck.agencies import split
from radcheck.agencies.mentions import CellNames, mentions
from radcheck.agencies.resolve import Resolution
from radcheck.engine import Context, registered_rules
from radcheck.findings import Hit, hit
from radcheck.legal.terms import normalise_abbreviation
from radcheck.locate import lines_in_words
from radcheck.matching import BLOCK_JACCARD, BLOCK_MAX_POSTINGS, cluster_texts
from radcheck.model import AgencyCell, Document, Indicator, PlanNode, Section

# A small vocabulary with slipped twins (penerbitan/penertbitan), codes and numbers, so that random
# texts repeat, nearly repeat and differ by one real word.
_WORDS = ["penerbitan", "penertbitan", "penerbitann", "cakupan", "cakupam", "kader", "kadre", "posyandu",
          "ktp", "kk", "dan", "yang", "jumlah", "jumlha", "pelatihan", "pelatiham", "desa", "15", "19",
          "sekolah", "sekolan", "anak", "lansia"]


def _reference_cluster_texts(texts: list[str]) -> list[int]:
    """cluster_texts as first written: every text scored against every earlier text of its lists."""
    n = len(texts)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    first: dict[str, int] = {}
    reps = []
    for i, text in enumerate(texts):
        earliest = first.setdefault(text.replace(" ", ""), i)
        if earliest != i:
            parent[i] = earliest
        else:
            reps.append(i)
    prepared = {i: matching._Prepared(texts[i]) for i in reps}
    freq: Counter[str] = Counter(w for p in prepared.values() for w in p.counts)
    postings: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i in reps:
        mine = prepared[i]
        width = sum(mine.counts.values())
        ordered = sorted(mine.counts, key=lambda w: (freq[w], w))
        if not ordered:
            continue
        rare = [w for w in ordered if freq[w] <= BLOCK_MAX_POSTINGS] or ordered[:1]
        prefix = rare[: len(rare) - math.ceil(BLOCK_JACCARD * len(rare)) + 1]
        for j in {j for w in prefix for j in postings.get((w, width), [])}:
            if matching._compare(mine, prepared[j]) is not None:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        for w in prefix:
            if len(postings[(w, width)]) < BLOCK_MAX_POSTINGS:
                postings[(w, width)].append(i)
    return [find(i) for i in range(n)]


_TEXT = st.lists(st.sampled_from(_WORDS), min_size=0, max_size=5).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXT, max_size=40))
def test_cluster_texts_matches_the_straightforward_clustering(texts: list[str]) -> None:
    assert cluster_texts(texts) == _reference_cluster_texts(texts)


@settings(max_examples=20, deadline=None)
@given(st.lists(_TEXT, min_size=150, max_size=400))
def test_cluster_texts_matches_when_lists_are_cut(texts: list[str]) -> None:
    # More texts than BLOCK_MAX_POSTINGS share common words: the lists are cut, as on a large plan.
    assert cluster_texts(texts) == _reference_cluster_texts(texts)


def test_few_texts_that_slipped_in_every_word_do_not_meet() -> None:
    texts = ["penerbitan cakupan", "penertbitan cakupam"]
    assert matching.same_text(*texts) is not None  # the same, word by word, yet no word in common
    assert cluster_texts(texts) == _reference_cluster_texts(texts) == [0, 1]


def test_words_with_twins_is_every_slip_pair() -> None:
    words = [w for w in set(_WORDS) if len(w) >= matching.MIN_TYPO_LENGTH and not any(c.isdigit() for c in w)]
    from rapidfuzz.fuzz import ratio

    expected = {a for a in words for b in words if a != b and matching._is_slip(a, b, ratio)}
    assert matching._words_with_twins(words) == expected


_SEED_PLANS = sorted([*(Path(__file__).parent / "plans").glob("*.txt"),
                      *(Path(__file__).parent.parent / "plans" / "bekasi").glob("*.txt")])


def _reference_layout(raw: str) -> split.CellLayout:
    """split.layout as first written: every piece of every cell split, joined and undoubled afresh."""
    empty = 0
    full_stops = len(split._FULL_STOP.findall(raw))
    stripped = raw.strip()
    trailing = bool(stripped) and stripped[-1] in ",;"
    names: list[str] = []
    doubled: list[str] = []
    all_pieces = split.pieces(raw)
    for i, fragments in enumerate(all_pieces):
        if not fragments:
            if not (i == len(all_pieces) - 1 and trailing):
                empty += 1
            continue
        for name in split.join_wrapped(fragments):
            halves = split.undouble(name)
            if halves:
                doubled.append(halves)
                names.extend([halves, halves])
            else:
                names.append(name)
    return split.CellLayout(tuple(names), empty, full_stops, trailing, tuple(doubled))


_CELL_BITS = ["Dinas", "Sosial", "dinas sosial", "Kab. Bekasi", "Dispora", "dan", "&", "RSUD", "Dr.", " ", "  ",
              ",", ", ,", ";", ". ", ".", "\n", "\n\n", "\t", "Dinas Kominfo Dinas Kominfo", "Badan"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_CELL_BITS), max_size=12).map("".join))
def test_cell_layout_matches_the_first_layout(raw: str) -> None:
    assert split.layout(raw) == _reference_layout(raw)


def _reference_a002(doc: Document, ctx: Context) -> Iterator[Hit]:
    """A002 as first written: every written cell walked in document order."""
    from radcheck.checks import agencies as A

    table = mentions(doc, ctx)

    def aliases(text: CellNames) -> list[Resolution]:
        return [r for r in text.names if r.target is not None and r.target.urusan is None and r.method != "exact"
                and A._obsolete_during(r, A._judged_during(doc, ctx, table.day)) is None]

    found: dict[str, tuple[Resolution, str, list[int], str]] = {}
    for ref, written in table.flagged(aliases):
        for r in written:
            entry = found.setdefault(r.text, (r, ref.path, [], ref.cell.raw))
            if ref.cell.line is not None:
                entry[2].append(ref.cell.line)
            elif not entry[2]:
                entry[2].append(0)
    defined = {normalise_abbreviation(d.abbreviation) for d in doc.definitions if d.abbreviation}
    found = {text: f for text, f in found.items()
             if not (A._ordinary(f[0]) and normalise_abbreviation(text) in defined)}
    # Ordinary abbreviations and other names: one finding listing them all (a group of hits), each
    # place quoted as its cell.
    ordinary = [(text, r, path, lines, raw) for text, (r, path, lines, raw) in found.items() if A._ordinary(r)]
    listed = "; ".join(f"{text} = {r.target.name}" for text, r, _, _, _ in ordinary if r.target is not None)
    for text, r, path, lines, raw in ordinary:
        yield hit("A002", path, line=min(lines) or None, excerpt=raw or text, focus=text, name=text, names=listed,
                  count=len(ordinary), group="ordinary", variant="ordinary")
    for text, (r, path, lines, _) in found.items():
        assert r.target is not None
        if A._ordinary(r):
            continue
        if r.method == "fuzzy":
            form = {"id": f"penulisan yang mirip (skor {r.score:g})", "en": f"a near spelling (score {r.score:g})"}
        else:
            form = A._FORM.get(r.form or "alias", A._FORM["alias"])
        first = min(lines)
        yield hit("A002", path, line=first or None, excerpt=text, name=text, form=form,
                  canonical=r.target.name, count=len(lines), lines=lines_in_words(doc, sorted({n for n in lines if n})))


_AGENCY_TEXTS = ["Dinkes", "Dinas Kesehatan", "BPBD, Dinkes", "Kesbangpol, Badan Kesbangpol, Kesbangpol", "RSUD",
                 "BAPELITBANGDA", "Dinas Pariwisata, Dispora", "Setwan; PWI", "Dinkess", "Bagian Hukum", ""]


@st.composite
def _agency_docs(draw: st.DrawFn) -> Document:
    text = st.sampled_from(_AGENCY_TEXTS)
    line = st.none() | st.integers(1, 9)
    cell = st.none() | st.builds(AgencyCell, raw=text, line=line, inherited=st.booleans())
    acts = [PlanNode(id=f"A/activities/{i}", kind="activity", text=f"a{i}", lead=draw(cell), supporting=draw(cell))
            for i in range(draw(st.integers(0, 10)))]
    inds = [Indicator(id=f"A/indicators/{i}", text=f"i{i}", lead=draw(cell), supporting=draw(cell))
            for i in range(draw(st.integers(0, 10)))]
    return Document(region="Kota Bekasi", sections=[Section(letter="A", title="A", activities=acts, indicators=inds)])


@settings(max_examples=300, deadline=None)
@given(_agency_docs())
def test_a002_per_text_matches_the_walk_over_cells(doc: Document) -> None:
    fast = list(registered_rules()["A002"].func(doc, Context()))
    assert fast == list(_reference_a002(doc, Context()))


@pytest.mark.parametrize("path", _SEED_PLANS, ids=[p.name for p in _SEED_PLANS])
def test_a002_per_text_matches_the_walk_over_cells_on_the_seeds(path: Path) -> None:
    doc = radcheck.load(path)
    assert list(registered_rules()["A002"].func(doc, Context())) == list(_reference_a002(doc, Context()))
