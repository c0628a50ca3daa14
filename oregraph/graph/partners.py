"""The partnership network as drawn on pages: who signed agreements with whom (``og:partnerOf``).

Each edge is one pair of partners, labelled with the kind of agreement
(MOU, JV, offtake, ...) and carrying the evidence of the strongest fact, as
:func:`~oregraph.graph.neighbourhood.entity_graph` reads it. For analysis
(agreements with their dates and status, as of a date) use
:func:`oregraph.graph.paths.partner_graph` and ``partners``.

>>> from oregraph.graph.store import Store
>>> partnership_view(Store.memory()).number_of_nodes()
0
"""

from __future__ import annotations

import networkx as nx

from oregraph.graph.neighbourhood import facts_among, store_graph
from oregraph.graph.store import Store
from oregraph.graph.viz import neighbourhood

__all__ = ["partnership_view"]


def partnership_view(store: Store, iri: str | None = None, depth: int = 2) -> nx.DiGraph:
    """Every partnership in the store, or those within ``depth`` partnerships of ``iri``.

    The entity ``iri`` is always a node, even with no partners (then it is
    the only one). Raises :class:`ValueError` for a negative depth.
    """
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    graph = store_graph(store, ("partnerOf",))
    if iri is None:
        return graph
    iri = str(iri)
    if iri not in graph:
        alone = facts_among(store, [iri], ())
        alone.graph["focus"] = iri
        return alone
    near = neighbourhood(graph, iri, depth)
    near.graph["focus"] = iri
    return near
