"""Export the ownership (and partnership) graph to GraphML or GEXF, for Gephi and friends.

Written with NetworkX's own writers. Nodes carry ``label``, ``id`` (the
entity id), ``iri`` and ``types`` (comma-separated); ownership edges carry
``relation`` (stake, subsidiary, operator), ``share`` (percent; left out when
unknown), ``controlling``, ``date`` and ``announcement`` of the statement in
force, and ``evidence``; partnership edges (with ``partnerships``) carry
``relation`` ``partner``, ``agreement`` (the latest agreement's type),
``date`` and ``agreements`` (how many). A pair both linked by a stake and a
partnership keeps the stake. The graph is the one in force on ``as_of``.

>>> import io
>>> from oregraph.graph.ownership import _example_store
>>> out = io.BytesIO()
>>> export_graph(_example_store(), out, "graphml")
(4, 3)
>>> b"Albecour" in out.getvalue()
True
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, BinaryIO

import networkx as nx

from oregraph.errors import OregraphError
from oregraph.graph.ownership import ownership_graph, parse_as_of
from oregraph.graph.paths import _label, partner_graph
from oregraph.graph.store import Store

__all__ = ["GRAPH_FORMATS", "export_graph", "flat_graph"]

GRAPH_FORMATS = ("graphml", "gexf")


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    """Attributes the writers accept: scalars only, no ``None``."""
    return {k: v for k, v in attrs.items() if v is not None and isinstance(v, (str, int, float, bool))}


def flat_graph(
    store: Store, *, as_of: _dt.date | str | None = None, partnerships: bool = False,
) -> nx.DiGraph:
    """A copy of the projection with only scalar attributes, ready for the writers.

    >>> from oregraph.graph.ownership import _example_store
    >>> flat_graph(_example_store()).number_of_edges()
    3
    """
    cutoff = parse_as_of(as_of)
    source = ownership_graph(store, cutoff)
    flat = nx.DiGraph()
    for iri, data in source.nodes(data=True):
        flat.add_node(iri, label=data.get("label", iri), id=data.get("id", iri), iri=iri,
                      types=",".join(data.get("types", [])))
    for u, v, data in source.edges(data=True):
        flat.add_edge(u, v, **_clean({
            "relation": data.get("relation"), "share": data.get("share"),
            "controlling": bool(data.get("controlling")), "date": data.get("date"),
            "announcement": data.get("announcement"), "evidence": data.get("evidence"),
        }))
    if partnerships:
        for u, v, data in partner_graph(store, cutoff).edges(data=True):
            for node in (u, v):
                if node not in flat:
                    entity_id, label = _label(store, node)
                    flat.add_node(node, label=label, id=entity_id, iri=node, types="")
            if flat.has_edge(u, v) or flat.has_edge(v, u):
                continue
            latest = max(data["agreements"], key=lambda s: (s.date or "", s.date_signed or ""))
            flat.add_edge(u, v, **_clean({
                "relation": "partner", "agreement": latest.type,
                "date": latest.date or latest.date_signed, "agreements": len(data["agreements"]),
            }))
    return flat


def export_graph(
    store: Store, out: BinaryIO, fmt: str, *, as_of: _dt.date | str | None = None,
    partnerships: bool = False,
) -> tuple[int, int]:
    """Write the graph to ``out`` (a binary file) as ``graphml`` or ``gexf``; returns (nodes, edges).

    >>> import io
    >>> from oregraph.graph.ownership import _example_store
    >>> export_graph(_example_store(), io.BytesIO(), "gexf", as_of="2000-01-01")
    (4, 3)
    """
    key = fmt.lower().strip()
    if key not in GRAPH_FORMATS:
        raise OregraphError(f"unknown graph format {fmt!r}; use one of: {', '.join(GRAPH_FORMATS)}")
    flat = flat_graph(store, as_of=as_of, partnerships=partnerships)
    if key == "graphml":
        nx.write_graphml(flat, out, encoding="utf-8")
    else:
        nx.write_gexf(flat, out, encoding="utf-8")
    return flat.number_of_nodes(), flat.number_of_edges()
