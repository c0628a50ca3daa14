"""A commodity's view: every plant, mine and project of it, with who owns and runs them.

:func:`commodity_assets` lists the assets (facilities and projects with
``og:commodity`` the commodity) for a table; :func:`commodity_graph` draws
them with the commodity, their operators and their owners, followed up the
ownership chains (stakes, control, operation, acquisitions) a few levels.

>>> from oregraph.graph.store import Store
>>> commodity_assets(Store.memory(), "https://w3id.org/oregraph/id/commodity-copper")
Traceback (most recent call last):
...
oregraph.errors.EntityNotFound: no entity https://w3id.org/oregraph/id/commodity-copper; ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from oregraph.graph.entities import EntitySummary, class_hierarchy, summary_of
from oregraph.graph.neighbourhood import store_graph
from oregraph.graph.store import Store

__all__ = ["ASSET_ROOTS", "Asset", "commodity_assets", "commodity_graph"]

#: The kinds of entity listed as a commodity's assets (subclasses included).
ASSET_ROOTS = ("Facility", "Project")

# Edges that lead from an asset up to whoever holds or runs it, read against
# their direction (holder -> held) except subsidiaryOf (child -> parent).
_UPWARD_IN = frozenset({"ownsStakeIn", "operates", "acquires"})
_UPWARD_OUT = frozenset({"subsidiaryOf"})


@dataclass
class Asset:
    """One plant, mine or project of a commodity, with its direct holders and operators."""

    summary: EntitySummary
    operators: list[EntitySummary]
    holders: list[tuple[EntitySummary, float | None]]  # direct stakes, share 0-100 or None


def _asset_classes() -> set[str]:
    hierarchy = class_hierarchy()
    return {name for root in ASSET_ROOTS for name in hierarchy.descendants(root)}


def _assets(graph: nx.DiGraph, commodity: str) -> list[str]:
    if commodity not in graph:
        return []
    kinds = _asset_classes()
    found = [
        u for u, _, d in graph.in_edges(commodity, data=True)
        if d.get("predicate") == "commodity" and kinds & set(graph.nodes[u].get("types") or ())
    ]
    return sorted(found, key=lambda n: (str(graph.nodes[n].get("label", n)).casefold(), n))


def _summary(graph: nx.DiGraph, node: str) -> EntitySummary:
    attrs = graph.nodes[node]
    return EntitySummary(attrs.get("id", node), node, attrs.get("label", node), list(attrs.get("types") or []))


def commodity_assets(store: Store, commodity_iri: str) -> list[Asset]:
    """The commodity's plants, mines and projects by name, each with operators and holders.

    Raises :class:`~oregraph.errors.EntityNotFound` when ``commodity_iri`` names nothing.
    """
    commodity_iri = str(commodity_iri)
    summary_of(store, commodity_iri)
    graph = store_graph(store)
    out = []
    for asset in _assets(graph, commodity_iri):
        operators, holders = [], []
        for u, _, d in graph.in_edges(asset, data=True):
            kinds = set(d.get("predicates") or [d.get("predicate")])
            if "operates" in kinds:
                operators.append(_summary(graph, u))
            if kinds & {"ownsStakeIn", "acquires"}:
                holders.append((_summary(graph, u), _share(d.get("share"))))
        for _, v, d in graph.out_edges(asset, data=True):
            if d.get("predicate") == "subsidiaryOf":
                holders.append((_summary(graph, v), _share(d.get("share"))))
        holders.sort(key=lambda h: (h[1] is None, -(h[1] or 0.0), h[0].label.casefold()))
        operators.sort(key=lambda o: o.label.casefold())
        out.append(Asset(_summary(graph, asset), operators, holders))
    return out


def _share(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def commodity_graph(store: Store, commodity_iri: str, owner_depth: int = 3) -> nx.DiGraph:
    """The commodity, its assets and their holders and operators up to ``owner_depth`` levels.

    Raises :class:`~oregraph.errors.EntityNotFound` for an unknown commodity
    and :class:`ValueError` for a negative depth.
    """
    if owner_depth < 0:
        raise ValueError(f"owner_depth must be 0 or more, not {owner_depth}")
    commodity_iri = str(commodity_iri)
    summary_of(store, commodity_iri)
    graph = store_graph(store)
    assets = _assets(graph, commodity_iri)
    keep = {commodity_iri, *assets}
    frontier = set(assets)
    for _ in range(owner_depth):
        nxt = set()
        for n in frontier:
            for u, _, d in graph.in_edges(n, data=True):
                if _UPWARD_IN & set(d.get("predicates") or [d.get("predicate")]) and u not in keep:
                    nxt.add(u)
            for _, v, d in graph.out_edges(n, data=True):
                if _UPWARD_OUT & set(d.get("predicates") or [d.get("predicate")]) and v not in keep:
                    nxt.add(v)
        keep |= nxt
        frontier = nxt
        if not frontier:
            break
    if commodity_iri not in graph:
        sub = nx.DiGraph()
        s = summary_of(store, commodity_iri)
        sub.add_node(commodity_iri, label=s.label, types=s.types, id=s.id)
    else:
        sub = nx.DiGraph(graph.subgraph(keep))
    # only the commodity edges of the assets: owners' own commodity links are noise here
    for u, v, d in list(sub.edges(data=True)):
        if d.get("predicate") == "commodity" and not (v == commodity_iri and u in assets):
            sub.remove_edge(u, v)
    sub.graph["focus"] = commodity_iri
    return sub
