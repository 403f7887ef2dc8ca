"""The plan graph: the annex as a networkx MultiDiGraph.

Nodes are the document, its sections, plan nodes (groups, issues, goals, outcomes, activities),
indicators and agency mentions; edges are typed by their ``key``:
``section`` (document → section), ``contains`` (parent → child plan node), ``measures``
(activity or outcome → indicator), ``lead`` and ``supporting`` (activity or indicator → agency).
Node ids are the model's logical ids (``C/indicators/41``); agency nodes are ``agency:<name>``.

The graph is an export view (``radcheck graph``, ``Document.graph()``), built through networkx's public
methods; no rule uses it.  The structure rules walk :class:`PlanTree`, its contains/measures part.
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
    # parent id → {child id: edge keys}, in the order networkx lists a node's successors.  The keys are
    # frozen and shared (one set per combination, not one per edge: a large plan has 200k edges).
    succ: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    def children(self, node: str, *keys: str) -> list[str]:
        return [v for v, ks in self.succ.get(node, {}).items() if not ks.isdisjoint(keys)]


def plan_tree(doc: Document) -> PlanTree:
    """The plan's structure as :class:`PlanTree`, built in :func:`build_graph`'s order.

    Every edge's child is a node already listed; its parent may not be (a structured plan may name one it
    does not hold, or hold it later): networkx adds such an end as a node without attributes, so does this.
    One edge between the same two nodes is most edges: it takes the one-key set all such edges share.
    """
    t = PlanTree()
    kind, succ = t.kind, t.succ
    contains, measures = frozenset(("contains",)), frozenset(("measures",))

    def link(u: str, v: str, key: frozenset[str]) -> None:
        kids = succ.get(u)
        if kids is None:
            if u not in kind:
                kind[u] = ""
            succ[u] = {v: key}
        else:
            keys = kids.get(v)
            kids[v] = key if keys is None else keys | key

    kind["document"] = "document"
    for sec in doc.sections:
        letter = sec.letter
        kind[letter] = "section"
        nodes = sec.nodes()
        for node in nodes:
            kind[node.id] = node.kind
        for node in nodes:
            link(node.parent or letter, node.id, contains)
        for ind in sec.indicators:
            kind[ind.id] = "indicator"
            link(ind.parent or letter, ind.id, measures)
    return t


def build_graph(doc: Document) -> nx.MultiDiGraph:
    with paused_gc():  # hundreds of thousands of nodes and edges on a large plan: see radcheck._gc
        return _build_graph(doc)


def _build_graph(doc: Document) -> nx.MultiDiGraph:
    import networkx as nx  # only when a graph is asked for: the rules walk a PlanTree

    b = _Parts()
    b.node("document", kind="document", text=doc.title or "", line=doc.judul_line)
    for sec in doc.sections:
        sid = sec.letter
        b.node(sid, kind="section", text=sec.title, line=sec.line)
        b.edge("document", sid, "section")
        plan_nodes = sec.nodes()
        for node in plan_nodes:
            b.node(node.id, kind=node.kind, level=node.level, no=node.no, text=node.text, line=node.line)
        for node in plan_nodes:
            b.edge(node.parent or sid, node.id, "contains")
            if node.kind == "activity":
                b.agencies(node.id, node.lead, node.supporting)
        for ind in sec.indicators:
            b.node(ind.id, kind="indicator", text=ind.text, unit=ind.unit, line=ind.line)
            b.edge(ind.parent or sid, ind.id, "measures")
            b.agencies(ind.id, ind.lead, ind.supporting)
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph(source=doc.source, title=doc.title or "")
    g.add_nodes_from(b.nodes)  # a repeated id (a structured plan may hold one): its attributes merge
    g.add_edges_from(b.edges)  # type: ignore[arg-type]  # (u, v, key, data): types-networkx lists no 4-tuples
    return g


class _Parts:
    """The graph's nodes and edges, listed in the order they are met, for ``add_nodes_from``/``add_edges_from``.

    An edge's end that is no node yet is listed as a node without attributes where the edge is met (as
    ``add_edge`` would add it), so the graph's node order is the order of the walk.  Merged cells repeat
    one agency text on many rows: each distinct text is split once.  An agency edge that is there already
    keeps its first attributes (a name listed twice in one cell, or a repeated id, makes one edge).
    """

    def __init__(self) -> None:
        self.nodes: list[tuple[str, dict[str, Any]]] = []
        self.edges: list[tuple[str, str, str, dict[str, Any]]] = []
        self._known: set[str] = set()
        self._agency_ids: dict[str, list[str]] = {}  # cell text -> its agency node ids, in order
        self._linked: set[tuple[str, str, str]] = set()

    def node(self, n: str, **attrs: Any) -> None:
        self._known.add(n)
        self.nodes.append((n, attrs))

    def edge(self, u: str, v: str, key: str, **attrs: Any) -> None:
        for end in (u, v):
            if end not in self._known:
                self.node(end)
        self.edges.append((u, v, key, attrs))

    def agencies(self, src: str, lead: AgencyCell | None, supporting: AgencyCell | None) -> None:
        for role, cell in (("lead", lead), ("supporting", supporting)):
            if cell is None:
                continue
            aids = self._agency_ids.get(cell.raw)
            if aids is None:
                aids = self._agency_ids[cell.raw] = list(dict.fromkeys(f"agency:{name}"
                                                                      for name in split_agencies(cell.raw)))
                for aid in aids:
                    if aid not in self._known:
                        self.node(aid, kind="agency", text=aid.removeprefix("agency:"))
            for aid in aids:
                if (src, aid, role) not in self._linked:
                    self._linked.add((src, aid, role))
                    self.edge(src, aid, role, line=cell.line, inherited=cell.inherited)


def _clean_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """GraphML and DOT take scalars only: drop empty values."""
    return {k: v for k, v in attrs.items() if v is not None}


def to_graphml(g: nx.MultiDiGraph) -> str:
    import networkx as nx

    h: nx.MultiDiGraph[str] = nx.MultiDiGraph()
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
