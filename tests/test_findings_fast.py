"""The engine's quick paths to findings give exactly what the plain ones give."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radcheck.catalogue import load_catalogue
from radcheck.config import Config
from radcheck.engine import Context, _RuleWording, make_finding
from radcheck.findings import SORT_KEY, Finding, Hit, hit, new_finding, sorted_unique

_texts = st.sampled_from(["a", "b", "Kegiatan", "x y"])
_lines = st.one_of(st.none(), st.integers(1, 3))
_findings = st.builds(
    Finding, document=st.sampled_from(["a.txt", "b.txt"]), line_key=st.integers(0, 3), code=st.sampled_from(
        ["T001", "G001"]), name=_texts, severity=st.sampled_from(["error", "warning", "info"]), message=_texts,
    path=_texts, line=st.integers(1, 3), end_line=st.integers(1, 3), excerpt=_texts,
    suggestion=st.one_of(st.none(), st.just("s")))


def _assert_sorted_set(found: list[Finding]) -> None:
    # Two findings alike up to a field that is None in one cannot be ordered: either way fails alike
    # (such a pair is adjacent in any order, so every sort must compare it).
    try:
        expected = sorted(set(found), key=SORT_KEY)
    except TypeError:
        with pytest.raises(TypeError):
            sorted_unique(found)
        return
    assert sorted_unique(found) == expected


@given(st.lists(_findings, max_size=30))
def test_sorted_unique_is_sorted_set(found: list[Finding]) -> None:
    _assert_sorted_set(found)


@given(st.lists(_findings.map(lambda f: new_finding("a.txt", *SORT_KEY(f)[1:])), max_size=30))
def test_sorted_unique_of_one_document_is_sorted_set(found: list[Finding]) -> None:
    # One document's findings (as a document's rules give) take the path sorting by line and code.
    _assert_sorted_set(found)


@given(_findings)
def test_new_finding_equals_constructed(f: Finding) -> None:
    made = new_finding(*SORT_KEY(f))
    assert made == f and hash(made) == hash(f) and vars(made) == vars(f) and type(made) is Finding


_values = st.one_of(st.integers(-5, 2030), st.text(max_size=8),
                    st.fixed_dictionaries({"id": st.text(max_size=5), "en": st.text(max_size=5)}),
                    st.fixed_dictionaries({"id": st.text(max_size=5)}))


@given(st.sampled_from(sorted(load_catalogue())), st.sampled_from(["id", "en"]),
       st.dictionaries(st.sampled_from(["year", "indicator", "agency", "value", "reason", "other"]), _values),
       st.one_of(st.none(), st.text(max_size=300)), _lines, st.booleans())
def test_make_finding_is_the_rendered_catalogue(code: str, lang: str, params: dict, excerpt: str | None,
                                                line: int | None, override: bool) -> None:
    meta = load_catalogue()[code]
    config = Config(severity={code: "info"} if override else {})
    ctx = Context(lang=lang, config=config)
    h = Hit(code=code, path="/lampiran/x", line=line, end_line=line, excerpt=excerpt, params=params)
    shown = {k: (v.get(lang, v["id"]) if isinstance(v, dict) else v) for k, v in params.items()}
    expected = Finding(
        document="d.txt", line_key=line if line is not None else 0, code=code, name=meta.name,
        severity="info" if override else meta.severity, message=meta.render(meta.message, lang, shown) or "",
        path="/lampiran/x", line=line, end_line=line,
        excerpt=None if excerpt is None else _short(excerpt), suggestion=meta.render(meta.suggestion, lang, shown))
    assert make_finding(h, meta, "d.txt", ctx) == expected
    # A run shares its excerpts (excerpt → shortened) between findings: the first fills, the next reads.
    excerpts: dict[str, str] = {}
    wording = _RuleWording.of(meta, ctx)
    assert wording.finding(h, "d.txt", lang, excerpts) == wording.finding(h, "d.txt", lang, excerpts) == expected


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 200 else text[:199] + "…"


@given(st.sampled_from(["T001", "G001"]), st.sampled_from(["A/1", "/body/pasal/1", ""]), _lines, _lines,
       st.one_of(st.none(), st.text(max_size=5)), st.one_of(st.none(), st.just("b.txt")),
       st.dictionaries(st.sampled_from(["year", "indicator"]), st.integers(0, 9)))
def test_hit_equals_constructed(code: str, path: str, line: int | None, end_line: int | None, excerpt: str | None,
                                document: str | None, params: dict) -> None:
    made = hit(code, path, line=line, end_line=end_line, excerpt=excerpt, document=document, **params)
    expected = Hit(code=code, path=path if path.startswith("/") else f"/lampiran/{path}", line=line,
                   end_line=end_line if end_line is not None else line, excerpt=excerpt, params=params,
                   document=document)
    assert made == expected and vars(made) == vars(expected) and type(made) is Hit


@given(st.text(alphabet="ab ,.", min_size=0, max_size=600), st.text(alphabet="ab ,.", min_size=1, max_size=30))
def test_a_focused_quote_shows_its_focus(text: str, focus: str) -> None:
    """A long excerpt is quoted around the words a finding is about; never more than 200 characters."""
    from radcheck.engine import _short

    quoted = _short(text, focus)
    plain = " ".join(text.split())
    assert quoted is not None and len(quoted) <= 200
    assert quoted == _short(text) or quoted.startswith("…")
    wanted = " ".join(focus.split())
    if wanted and wanted in plain and len(wanted) <= 150:
        assert wanted in quoted.strip("…")
    assert quoted.strip("…") in plain
