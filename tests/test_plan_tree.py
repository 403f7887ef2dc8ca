"""The PlanTree the structure rules walk is the plan graph's contains/measures part, node for node."""

from __future__ import annotations

import pytest
from conftest import PPP, PUG

import radcheck
from radcheck.graph import plan_tree
from radcheck.model import Document, Indicator, PlanNode, Section


def _cyclic() -> Document:
    """A structured plan with a parent cycle and a parent that does not exist."""
    a = PlanNode(id="A/activities/0", kind="activity", text="Satu", parent="A/activities/1")
    b = PlanNode(id="A/activities/1", kind="activity", text="Dua", parent="A/activities/0")
    c = PlanNode(id="A/activities/2", kind="activity", text="Tiga", parent="A/goals/9")
    ind = Indicator(id="A/indicators/0", text="Jumlah", parent="A/activities/2")
    return Document(source="x.yaml", sections=[Section(letter="A", title="Uji", activities=[a, b, c],
                                                       indicators=[ind])])


@pytest.mark.parametrize("doc", [radcheck.load(PUG), radcheck.load(PPP), _cyclic()], ids=["pug", "ppp", "cyclic"])
def test_tree_matches_graph(doc: Document) -> None:
    g, t = doc.graph(), plan_tree(doc)
    plan = [n for n in g.nodes if not str(n).startswith("agency:")]
    assert list(t.kind) == plan
    assert {n: g.nodes[n].get("kind", "") for n in plan} == t.kind
    for n in plan:
        for keys in (("contains",), ("measures",), ("contains", "measures")):
            want = list(dict.fromkeys(v for _, v, k in g.out_edges(n, keys=True) if k in keys))
            assert t.children(n, *keys) == want
