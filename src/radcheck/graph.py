"""The plan graph: the annex as a networkx MultiDiGraph.

Nodes are the document, its sections, plan nodes (groups, issues, goals, outcomes, activities),
indicators and agency mentions; edges are typed by their ``key``:
``section`` (document → section), ``contains`` (parent → child plan node), ``measures``
(activity or outcome → indicator), ``lead`` and ``supporting`` (activity or indicator → agency).
Node ids are the model's logical ids (``C/indicators/41``); agency nodes are ``agency:<name>``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from radcheck._gc import paused_gc
from radcheck.agencies.split import split_agencies

if TYPE_CHECKING:
    import networkx as nx

    from radcheck.model import AgencyCell, Document


@dataclass
class PlanTree:
    """The ``contains`` and ``measures`` part of the plan graph as plain dictionaries.

    Structure rules walk parents and children of tens of thousands of nodes; networkx's edge views cost
    microseconds a step, dictionaries nanoseconds.  Same nodes, same kinds, same edge order as
    :func:`build_graph` (agency nodes and edges left out), so a rule gives the same answer on either.
    """

    kind: dict[str, str] = field(default_factory=dict)  # node id → kind, in the graph's node order
    # parent id → {child id: edge keys}, in the order networkx lists a node's successors
    succ: dict[str, dict[str, set[str]]] = field(default_factory=dict)

    def children(self, node: str, *keys: str) -> list[str]:
        return [v for v, ks in self.succ.get(node, {}).items() if not ks.isdisjoint(keys)]

    def _node(self, node: str, kind: str) -> None:
        self.kind[node] = kind

    def _edge(self, u: str, v: str, key: str) -> None:
        self.kind.setdefault(u, "")  # networkx adds an unknown end of an edge as a node without attributes
        self.kind.setdefault(v, "")
        self.succ.setdefault(u, {}).setdefault(v, set()).add(key)


def plan_tree(doc: Document) -> PlanTree:
    """The plan's structure as :class:`PlanTree`, built in :func:`build_graph`'s order."""
    t = PlanTree()
    t._node("document", "document")
    for sec in doc.sections:
        t._node(sec.letter, "section")
        for node in sec.nodes():
            t._node(node.id, node.kind)
        for node in sec.nodes():
            t._edge(node.parent or sec.letter, node.id, "contains")
        for ind in sec.indicators:
            t._node(ind.id, "indicator")
            t._edge(ind.parent or sec.letter, ind.id, "measures")
    return t


def build_graph(doc: Document) -> nx.MultiDiGraph:
    with paused_gc():  # hundreds of thousands of nodes and edges on a large plan: see radcheck._gc
        return _build_graph(doc)


def _build_graph(doc: Document) -> nx.MultiDiGraph:
    import networkx as nx  # only when a graph is asked for: the rules walk a PlanTree

    g = nx.MultiDiGraph(source=doc.source, title=doc.title or "")
    # Merged cells repeat one agency text on many rows: split each distinct text once, and remember
    # the agency edges made so far instead of asking the graph (both are hot on large plans).
    names: dict[str, list[str]] = {}
    made: set[tuple[str, str, str]] = set()
    root = "document"
    g.add_node(root, kind="document", text=doc.title or "", line=doc.judul_line)
    for sec in doc.sections:
        sid = sec.letter
        g.add_node(sid, kind="section", text=sec.title, line=sec.line)
        g.add_edge(root, sid, key="section")
        for node in sec.nodes():
            g.add_node(node.id, kind=node.kind, level=node.level, no=node.no, text=node.text, line=node.line)
        for node in sec.nodes():
            g.add_edge(node.parent or sid, node.id, key="contains")
            if node.kind == "activity":
                _agency_edges(g, node.id, node.lead, node.supporting, names, made)
        for ind in sec.indicators:
            g.add_node(ind.id, kind="indicator", text=ind.text, unit=ind.unit, line=ind.line)
            g.add_edge(ind.parent or sid, ind.id, key="measures")
            _agency_edges(g, ind.id, ind.lead, ind.supporting, names, made)
    return g


def _agency_edges(g: nx.MultiDiGraph, src: str, lead: AgencyCell | None, supporting: AgencyCell | None,
                  names: dict[str, list[str]], made: set[tuple[str, str, str]]) -> None:
    for role, cell in (("lead", lead), ("supporting", supporting)):
        if cell is None:
            continue
        split = names.get(cell.raw)
        if split is None:
            split = names[cell.raw] = split_agencies(cell.raw)
        for name in split:
            aid = f"agency:{name}"
            if aid not in g:
                g.add_node(aid, kind="agency", text=name)
            if (src, aid, role) not in made:
                made.add((src, aid, role))
                g.add_edge(src, aid, key=role, line=cell.line, inherited=cell.inherited)


def _clean_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML and DOT take scalars only: drop empty values."""
    return {k: v for k, v in attrs.items() if v is not None}


def to_graphml(g: nx.MultiDiGraph) -> str:
    import networkx as nx

    h = nx.MultiDiGraph()
    h.graph.update(_clean_attrs(g.graph))
    for n, attrs in g.nodes(data=True):
        h.add_node(n, **_clean_attrs(attrs))
    for u, v, k, attrs in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, type=k, **_clean_attrs(attrs))
    return "\n".join(nx.generate_graphml(h)) + "\n"


def to_json(g: nx.MultiDiGraph) -> str:
    import networkx as nx

    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def to_dot(g: nx.MultiDiGraph) -> str:
    """Graphviz DOT; written here because networkx's DOT writers need pydot or pygraphviz."""

    def q(text: object) -> str:
        return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = ["digraph plan {", "  rankdir=LR;"]
    for n, attrs in g.nodes(data=True):
        label = f"{attrs.get('kind', '')}: {str(attrs.get('text', ''))[:60]}"
        lines.append(f"  {q(n)} [label={q(label)}];")
    for u, v, k in g.edges(keys=True):
        lines.append(f"  {q(u)} -> {q(v)} [label={q(k)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
