"""The whole graph for an overview page: the neighbourhoods of the best-connected entities."""

from __future__ import annotations

import networkx as nx

from oregraph.graph.neighbourhood import entity_graph, well_connected
from oregraph.graph.store import Store

__all__ = ["whole_graph"]


def whole_graph(store: Store, max_nodes: int = 2000, depth: int = 2) -> nx.DiGraph:
    """Entities and facts around the best-connected entities, up to ``max_nodes`` nodes."""
    graph = nx.DiGraph()
    for iri in well_connected(store, limit=50):
        if graph.number_of_nodes() >= max_nodes:
            break
        part = entity_graph(store, iri, depth=depth, max_nodes=max_nodes)
        graph.update(part)
    return graph
