"""radcheck's structured form: model → YAML/JSON → model gives an equal model (seeds and generated plans)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radcheck.model import AgencyCell, Column, Document, Indicator, PlanNode, Section
from radcheck.numbers import format_id_number, read_target
from radcheck.readers.structured import dump_structured, read_structured

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
cells = st.one_of(
    st.just(""), st.just("-"), st.sampled_from(["Ada", "Inisiasi Awal", "Tersedia"]),
    st.floats(min_value=0, max_value=1e7, allow_nan=False).map(lambda v: format_id_number(round(v, 3))), text,
)


@st.composite
def documents(draw) -> Document:
    start = draw(st.integers(min_value=2000, max_value=2090))
    years = list(range(start, start + draw(st.integers(min_value=1, max_value=6))))
    sections = []
    for s_index in range(draw(st.integers(min_value=0, max_value=3))):
        letter = "ABCDEFGH"[s_index]
        act = PlanNode(id=f"{letter}/activities/0", kind="activity", text=draw(text), line=draw(st.integers(1, 10**6)),
                       lead=AgencyCell(raw=draw(text), line=1, inherited=draw(st.booleans())))
        inds = [
            Indicator(id=f"{letter}/indicators/{i}", text=draw(text), unit=draw(st.one_of(st.none(), text)),
                      baseline=read_target(draw(cells)), targets={y: read_target(draw(cells)) for y in years},
                      parent=act.id, polarity=draw(st.sampled_from([None, "higher", "lower"])), line=i + 1)
            for i in range(draw(st.integers(min_value=0, max_value=5)))
        ]
        cols = [Column(role="target", label=str(y), year=y) for y in years]
        sections.append(Section(letter=letter, title=draw(text), years=years[:1], columns=cols, activities=[act],
                                indicators=inds))
    return Document(source="generated.txt", title=draw(st.one_of(st.none(), text)), number=draw(st.integers(1, 999)),
                    year=start, period=(years[0], years[-1]), sections=sections)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(documents(), st.sampled_from(["json", "yaml"]))
def test_generated_documents_round_trip(doc: Document, fmt: str) -> None:
    again = read_structured(dump_structured(doc, fmt).encode("utf-8"), "plan." + fmt, fmt)
    assert again == doc


def test_seeds_round_trip_through_json_and_yaml(ppp: Document, pug: Document) -> None:
    for doc in (ppp, pug):
        for fmt in ("json", "yaml"):
            again = read_structured(dump_structured(doc, fmt).encode("utf-8"), "plan." + fmt, fmt)
            assert again == doc


def test_checking_the_structured_form_gives_the_same_findings(tmp_path, ppp: Document) -> None:
    import radcheck

    path = tmp_path / "ppp.yaml"
    path.write_text(dump_structured(ppp, "yaml"), encoding="utf-8")
    direct = radcheck.check(ppp)
    via_yaml = radcheck.check(path)
    key = [(f.code, f.path, f.line, f.message) for f in direct.all_findings()]
    assert key == [(f.code, f.path, f.line, f.message) for f in via_yaml.all_findings()]
