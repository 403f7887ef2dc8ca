"""Findings as the engine makes them: the catalogue's wording, and excerpts quoted around their focus."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from radcheck.catalogue import load_catalogue
from radcheck.config import Config
from radcheck.engine import Context, _RuleWording, make_finding
from radcheck.findings import Finding, Hit, hit

_lines = st.one_of(st.none(), st.integers(1, 3))
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


def test_hit_places_an_annex_path_and_spans_one_line_by_default() -> None:
    made = hit("T001", "A/1", line=7, year=2024)
    assert (made.path, made.line, made.end_line, made.params) == ("/lampiran/A/1", 7, 7, {"year": 2024})
    assert hit("L001", "/body/pasal/1", line=3, end_line=5).path == "/body/pasal/1"
