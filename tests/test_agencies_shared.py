"""Agencies: the per-document mentions table the A rules share, and X002's pairing of activity names.

The caches and filters here exist for speed; these tests pin down that they change nothing a rule
reports: same cells, same order, same scores as the direct computation.
"""

from __future__ import annotations

import random
import re

import pytest
from conftest import AS_OF, PPP, PUG
from rapidfuzz import fuzz

import radcheck
from radcheck.agencies.cells import written_cells
from radcheck.agencies.mentions import CellNames, mentions
from radcheck.agencies.registry import load_registry
from radcheck.agencies.resolve import Resolver
from radcheck.agencies.split import _FULL_STOP, layout
from radcheck.checks.cross_agency import (
    LENGTH_SLACK,
    SAME_ACTIVITY_THRESHOLD,
    _Plan,
    _sorted_words,
)
from radcheck.engine import Context


# -- the mentions table -----------------------------------------------------------------------------
@pytest.mark.parametrize("path", [PPP, PUG])
def test_mentions_list_the_written_cells_with_their_names_resolved(path) -> None:
    doc = radcheck.load(path)
    ctx = Context(as_of=AS_OF)
    table = mentions(doc, ctx)
    assert table is mentions(doc, ctx)  # built once per run
    assert table.cells == list(written_cells(doc))
    fresh = Resolver(load_registry(doc.region))
    for ref in table.cells:
        names = table.names(ref.cell.raw)
        assert [r.text for r in names.names] == [r.text for r in fresh.resolve_cell(ref.cell.raw)]
        assert names.identities == tuple(fresh.identity(r) for r in names.names)
    assert sorted(i for where in table.positions.values() for i in where) == list(range(len(table.cells)))


def test_flagged_judges_each_text_once_and_keeps_document_order() -> None:
    doc = radcheck.load(PPP)
    table = mentions(doc, Context(as_of=AS_OF))
    judged: list[str] = []

    def every_other_text(text: CellNames) -> list[str]:
        judged.append(text.raw)
        return [text.raw] if len(judged) % 2 else []

    flagged = list(table.flagged(every_other_text))
    assert sorted(judged) == sorted(set(judged)) == sorted(table.positions)
    kept = {raw for i, raw in enumerate(judged) if i % 2 == 0}
    assert [ref for ref, _ in flagged] == [ref for ref in table.cells if ref.cell.raw in kept]
    assert all(found == [ref.cell.raw] for ref, found in flagged)


def test_a_piece_shared_by_two_cells_resolves_alike_in_both() -> None:
    resolver = Resolver(load_registry("Kota Bekasi"))
    one = resolver.resolve_cell("Dinkes, Dinas\nSosial")
    two = resolver.resolve_cell("Dinas\nSosial; Disdik")
    assert one[1] is two[0] and one[1].target is not None and one[1].target.name == "Dinas Sosial"


# -- the full-stop separator --------------------------------------------------------------------------
_DOTTED_BEFORE = (r"(?<!\bKab)(?<!\bKec)(?<!\bKel)(?<!\bProv)(?<!\bdr)(?<!\bDr)(?<!\bH)(?<!\bSt)(?<!\bNo)"
                  r"(?<!\bJl)\.\s+(?=[A-Z])")


def test_full_stop_separator_matches_as_the_look_behind_first_pattern_did() -> None:
    before = re.compile(_DOTTED_BEFORE)
    rng = random.Random(9)
    tokens = ["Kab", "xKab", "Kec", "Kel", "Prov", "dr", "Dr", "H", "St", "No", "Jl", ".", "..", " ", "\n",
              "Dinas", "A", "b", ","]
    for _ in range(20_000):
        raw = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 9)))
        assert _FULL_STOP.findall(raw) == before.findall(raw)
        assert _FULL_STOP.sub(",", raw) == before.sub(",", raw)
    assert layout("Dispora. Dinas Pariwisata, Kab. Bekasi").full_stop_separators == 1


# -- X002: names paired by length window and sorted words ---------------------------------------------
def _plan(names: list[str]) -> _Plan:
    plan = _Plan(doc=None)  # type: ignore[arg-type] - only the name lists are read here
    ordered = sorted(names, key=lambda n: len(_sorted_words(n)))
    plan.names = ordered
    plan.words = [_sorted_words(n) for n in ordered]
    plan.lengths = [len(w) for w in plan.words]
    return plan


def test_ratio_of_sorted_words_is_token_sort_ratio() -> None:
    pairs = [("sosialisasi pencegahan perkawinan anak", "sosialisasi pencegahan perkawinan usia anak"),
             ("rapat koordinasi gugus tugas", "koordinasi rapat tugas gugus"),
             ("pelatihan kader posyandu", "pelatihan kader posyandu remaja")]
    for a, b in pairs:
        assert fuzz.ratio(_sorted_words(a), _sorted_words(b)) == fuzz.token_sort_ratio(a, b)


def test_length_window_keeps_every_name_that_can_reach_the_threshold() -> None:
    rng = random.Random(3)
    words = ["sosialisasi", "pencegahan", "perkawinan", "anak", "usia", "rapat", "koordinasi", "kader", "data"]
    names = list({" ".join(rng.choices(words, k=rng.randint(3, 6))) for _ in range(400)})
    names += [n[:-1] for n in names[:100]] + [n + "x" for n in names[:100]]  # near spellings
    plan = _plan(names)
    for query in names[:150]:
        q = _sorted_words(query)
        window = set(plan.names[plan.near(q)])
        for name in names:
            if fuzz.token_sort_ratio(query, name) >= SAME_ACTIVITY_THRESHOLD:
                assert name in window


def test_length_window_edges() -> None:
    # 90 needs abs(la - lb) <= 0.1 (la + lb): against 20 characters, 17 to 24 (16.4 to 24.4); the slack widens it
    query = "a" * 20
    plan = _plan(["b" * n for n in range(10, 31)])
    lengths = [len(n) for n in plan.names[plan.near(query)]]
    assert min(lengths) == 17 - LENGTH_SLACK and max(lengths) == 24 + LENGTH_SLACK
