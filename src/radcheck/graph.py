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
    # parent id → {child id: edge keys}, in the order networkx lists a node's successors.  The keys are
    # frozen and shared (one set per combination, not one per edge: a large plan has 200k edges).
    succ: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    def children(self, node: str, *keys: str) -> list[str]:
        return [v for v, ks in self.succ.get(node, {}).items() if not ks.isdisjoint(keys)]

    def add_edge(self, u: str, v: str, key: str) -> None:
        if u not in self.kind:  # networkx adds an unknown end of an edge as a node without attributes
            self.kind[u] = ""
        if v not in self.kind:
            self.kind[v] = ""
        only = _KEY_SETS.get(key)
        if only is None:
            only = _KEY_SETS[key] = frozenset((key,))
        kids = self.succ.get(u)
        if kids is None:
            self.succ[u] = {v: only}
            return
        keys = kids.get(v)
        kids[v] = only if keys is None else keys | only


_KEY_SETS: dict[str, frozenset[str]] = {}  # edge key → the one-key set all such edges share


def plan_tree(doc: Document) -> PlanTree:
    """The plan's structure as :class:`PlanTree`, built in :func:`build_graph`'s order."""
    t = PlanTree()
    kind = t.kind
    kind["document"] = "document"
    for sec in doc.sections:
        kind[sec.letter] = "section"
        nodes = sec.nodes()
        for node in nodes:
            kind[node.id] = node.kind
        for node in nodes:
            t.add_edge(node.parent or sec.letter, node.id, "contains")
        for ind in sec.indicators:
            kind[ind.id] = "indicator"
            t.add_edge(ind.parent or sec.letter, ind.id, "measures")
    return t


def build_graph(doc: Document) -> nx.MultiDiGraph:
    with paused_gc():  # hundreds of thousands of nodes and edges on a large plan: see radcheck._gc
        return _build_graph(doc)


def _build_graph(doc: Document) -> nx.MultiDiGraph:
    import networkx as nx  # only when a graph is asked for: the rules walk a PlanTree

    g = nx.MultiDiGraph(source=doc.source, title=doc.title or "")
    w = _GraphWriter(g)
    agencies: dict[str, list[str]] = {}  # cell text → agency node ids
    root = "document"
    w.add_node(root, {"kind": "document", "text": doc.title or "", "line": doc.judul_line})
    for sec in doc.sections:
        sid = sec.letter
        w.add_node(sid, {"kind": "section", "text": sec.title, "line": sec.line})
        w.add_edge(root, sid, "section", {})
        nodes = sec.nodes()
        for node in nodes:
            w.add_node(node.id, {"kind": node.kind, "level": node.level, "no": node.no, "text": node.text,
                                 "line": node.line})
        for node in nodes:
            w.add_edge(node.parent or sid, node.id, "contains", {})
            if node.kind == "activity":
                _agency_edges(w, node.id, node.lead, node.supporting, agencies)
        for ind in sec.indicators:
            w.add_node(ind.id, {"kind": "indicator", "text": ind.text, "unit": ind.unit, "line": ind.line})
            w.add_edge(ind.parent or sid, ind.id, "measures", {})
            _agency_edges(w, ind.id, ind.lead, ind.supporting, agencies)
    return g


class _GraphWriter:
    """Adds nodes and keyed edges to a new MultiDiGraph exactly as ``add_node``/``add_edge`` would.

    A large plan's graph has hundreds of thousands of edges, and networkx's ``add_edge`` (and
    ``add_edges_from``, which calls it) costs microseconds each: cache clearing, key handling,
    keyword dictionaries.  This writes networkx's documented adjacency structure directly — ``_node``
    (node → attributes), ``_succ``/``_pred`` (node → neighbour → key → attributes, one key dictionary
    shared by both) — in the same order, so the graph is the same, node for node and edge for edge.
    ``tests/test_graph.py`` checks it against a graph built with the public methods.
    """

    def __init__(self, g: nx.MultiDiGraph) -> None:
        self._nodes, self._succ, self._pred = g._node, g._succ, g._pred

    def add_node(self, n: str, attrs: dict[str, Any]) -> None:
        known = self._nodes.get(n)
        if known is None:
            self._succ[n], self._pred[n], self._nodes[n] = {}, {}, attrs
        else:  # a repeated id (a structured plan may hold one): attributes merge, as add_node does
            known.update(attrs)

    def __contains__(self, n: str) -> bool:
        return n in self._nodes

    def _ensure(self, n: str) -> None:
        if n not in self._nodes:  # an edge's unknown end becomes a node without attributes
            self._succ[n], self._pred[n], self._nodes[n] = {}, {}, {}

    def add_edge(self, u: str, v: str, key: str, attrs: dict[str, Any]) -> None:
        self._ensure(u)
        self._ensure(v)
        keys = self._succ[u].get(v)
        if keys is None:
            self._succ[u][v] = self._pred[v][u] = {key: attrs}
        elif key in keys:
            keys[key].update(attrs)
        else:
            keys[key] = attrs

    def fan_out(self, u: str, vs: list[str], key: str, attrs: dict[str, Any]) -> None:
        """An edge ``u → v`` for each of ``vs``, each with its own copy of ``attrs``.

        An edge that is there already keeps its first attributes (a name listed twice in one cell, or a
        repeated id, makes one edge).  One call per agency cell rather than one per edge: this is the
        bulk of a large plan's edges.
        """
        self._ensure(u)
        out, pred, nodes = self._succ[u], self._pred, self._nodes
        for v in vs:
            if v not in nodes:
                self._ensure(v)
            keys = out.get(v)
            if keys is None:
                out[v] = pred[v][u] = {key: attrs.copy()}
            elif key not in keys:
                keys[key] = attrs.copy()


def _agency_edges(w: _GraphWriter, src: str, lead: AgencyCell | None, supporting: AgencyCell | None,
                  agencies: dict[str, list[str]]) -> None:
    for role, cell in (("lead", lead), ("supporting", supporting)):
        if cell is None:
            continue
        aids = agencies.get(cell.raw)
        if aids is None:
            aids = agencies[cell.raw] = _agency_nodes(w, cell.raw)
        w.fan_out(src, aids, role, {"line": cell.line, "inherited": cell.inherited})


def _agency_nodes(w: _GraphWriter, raw: str) -> list[str]:
    """The agency node ids a cell names, each once, in order; nodes not yet in the graph are added.

    Merged cells repeat one text on many rows: the builder calls this once per distinct text.
    """
    aids = list(dict.fromkeys(f"agency:{name}" for name in split_agencies(raw)))
    for aid in aids:
        if aid not in w:
            w.add_node(aid, {"kind": "agency", "text": aid.removeprefix("agency:")})
    return aids


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
