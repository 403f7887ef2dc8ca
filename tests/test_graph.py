"""The plan graph (built with add_nodes_from/add_edges_from) is the one add_node/add_edge give, call by call:
its node order is the walk's, an agency named twice makes one edge, odd structured plans build too."""

from __future__ import annotations

import networkx as nx
import pytest
from conftest import PPP, PUG

import radcheck
from radcheck.agencies.split import split_agencies
from radcheck.graph import build_graph
from radcheck.model import AgencyCell, Document, Indicator, PlanNode, Section


def _reference(doc: Document) -> nx.MultiDiGraph:
    """The graph as the public networkx methods build it, one call per node and edge."""
    g = nx.MultiDiGraph(source=doc.source, title=doc.title or "")
    g.add_node("document", kind="document", text=doc.title or "", line=doc.judul_line)

    def agencies(src: str, lead: AgencyCell | None, supporting: AgencyCell | None) -> None:
        for role, cell in (("lead", lead), ("supporting", supporting)):
            for name in split_agencies(cell.raw) if cell is not None else []:
                aid = f"agency:{name}"
                if aid not in g:
                    g.add_node(aid, kind="agency", text=name)
                if not g.has_edge(src, aid, key=role):
                    g.add_edge(src, aid, key=role, line=cell.line, inherited=cell.inherited)

    for sec in doc.sections:
        g.add_node(sec.letter, kind="section", text=sec.title, line=sec.line)
        g.add_edge("document", sec.letter, key="section")
        for node in sec.nodes():
            g.add_node(node.id, kind=node.kind, level=node.level, no=node.no, text=node.text, line=node.line)
        for node in sec.nodes():
            g.add_edge(node.parent or sec.letter, node.id, key="contains")
            if node.kind == "activity":
                agencies(node.id, node.lead, node.supporting)
        for ind in sec.indicators:
            g.add_node(ind.id, kind="indicator", text=ind.text, unit=ind.unit, line=ind.line)
            g.add_edge(ind.parent or sec.letter, ind.id, key="measures")
            agencies(ind.id, ind.lead, ind.supporting)
    return g


def _odd() -> Document:
    """A structured plan with a parent cycle, a missing parent, a repeated id, a self-parent and a name
    listed twice in one cell."""
    lead = AgencyCell(raw="Dinas Kesehatan, Dinas Sosial, Dinas Kesehatan", line=3)
    nodes = [
        PlanNode(id="A/activities/0", kind="activity", text="Satu", parent="A/activities/1", lead=lead),
        PlanNode(id="A/activities/1", kind="activity", text="Dua", parent="A/activities/0"),
        PlanNode(id="A/activities/2", kind="activity", text="Tiga", parent="A/goals/9",
                 supporting=AgencyCell(raw="Dinas Sosial", line=4, inherited=True)),
        PlanNode(id="A/activities/3", kind="activity", text="Empat", parent="A/activities/3"),
    ]
    inds = [
        Indicator(id="A/indicators/0", text="Jumlah", parent="A/activities/2", lead=lead),
        Indicator(id="A/activities/2", text="Sama id", parent="A/activities/0",
                  lead=AgencyCell(raw="Dinas Sosial", line=9)),
    ]
    return Document(source="x.yaml", sections=[Section(letter="A", title="Uji", activities=nodes, indicators=inds),
                                               Section(letter="B", title="Dua", goals=[
                                                   PlanNode(id="A/goals/9", kind="goal", text="Terlambat")])])


@pytest.mark.parametrize("doc", [radcheck.load(PUG), radcheck.load(PPP), _odd()], ids=["pug", "ppp", "odd"])
def test_graph_equals_one_built_with_public_methods(doc: Document) -> None:
    g, want = build_graph(doc), _reference(doc)
    assert g.graph == want.graph
    assert list(g.nodes(data=True)) == list(want.nodes(data=True))
    assert list(g.edges(keys=True, data=True)) == list(want.edges(keys=True, data=True))
    assert list(g.in_edges(keys=True, data=True)) == list(want.in_edges(keys=True, data=True))
    for u, v, k in g.edges(keys=True):  # one attribute dictionary per edge, shared by both directions
        assert g.succ[u][v][k] is g.pred[v][u][k]
    attrs = [d for _, _, d in g.edges(data=True)]
    assert len({id(d) for d in attrs}) == len(attrs)
    g.add_edge("document", "A", key="extra")  # still an ordinary, writable graph
    assert g.has_edge("document", "A", key="extra")
