"""The whole graph, or the part of it a filter picks: kinds, a commodity, a country, dates.

:func:`whole_graph` reads every fact once (:func:`~oregraph.graph.neighbourhood.store_graph`)
and filters in Python:

* ``commodity`` keeps the entities tied to that commodity (``og:commodity``)
  and the entities one fact away from them (their owners, operators,
  partners), so a copper filter shows the copper mines with who holds them;
* ``country`` does the same for entities located in that place, directly or
  through a chain of places (a plant in Sept-Îles, in Québec, in Canada);
* ``since`` / ``until`` (ISO dates) keep the facts announced in that range
  (facts with no dated announcement go);
* ``types`` (og class names, subclasses included) keeps only nodes of those kinds.

Commodities and places are hubs (aluminium touches every smelter), so they
are left out of the picture unless ``types`` asks for them. Nodes left with
no fact after filtering are dropped, except those the commodity or country
picked, and (without a date filter) those of the kinds asked for. The graph's ``filters`` attribute lists what was applied, in words.

>>> from oregraph.graph.store import Store
>>> store = Store.memory()
>>> whole_graph(store).number_of_nodes()
0
"""

from __future__ import annotations

import datetime as _dt
from collections import deque
from collections.abc import Iterable

import networkx as nx

from oregraph.errors import QueryError
from oregraph.graph.entities import class_hierarchy
from oregraph.graph.neighbourhood import HUB_TYPES, store_graph
from oregraph.graph.store import Store

__all__ = ["whole_graph", "FACT_PREDICATES"]

#: Predicates that are facts between parties (not a commodity or a place).
FACT_PREDICATES = ("ownsStakeIn", "subsidiaryOf", "acquires", "operates", "officerOf", "partnerOf")


def _iso(value: str | _dt.date | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    try:
        return _dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise QueryError(f"{name} must be a date like 2023-07-13, not {value!r}") from None


def _classes(types: Iterable[str]) -> set[str]:
    hierarchy = class_hierarchy()
    out: set[str] = set()
    for name in types:
        if not name or not name.strip():
            continue
        canonical = hierarchy.canonical(name)
        if canonical is None or canonical not in hierarchy.entity_classes:
            known = ", ".join(sorted(hierarchy.entity_classes))
            raise QueryError(f"unknown entity type {name!r}; use one of: {known}")
        out |= hierarchy.descendants(canonical)
    return out


def _located_in(graph: nx.DiGraph, place: str) -> set[str]:
    """Every node whose ``locatedIn`` chain reaches ``place`` (the place included)."""
    found = {place}
    queue = deque([place])
    while queue:
        current = queue.popleft()
        for other in graph.predecessors(current):
            if other not in found and graph.edges[other, current].get("predicate") == "locatedIn":
                found.add(other)
                queue.append(other)
    return found


def _with_neighbours(graph: nx.DiGraph, seeds: set[str]) -> set[str]:
    keep = set(seeds)
    for n in seeds:
        for m in list(graph.successors(n)) + list(graph.predecessors(n)):
            data = graph.edges[n, m] if graph.has_edge(n, m) else graph.edges[m, n]
            if data.get("predicate") in FACT_PREDICATES:
                keep.add(m)
    return keep


def whole_graph(
    store: Store,
    max_nodes: int | None = None,
    *,
    types: Iterable[str] = (),
    commodity: str | None = None,
    country: str | None = None,
    since: str | _dt.date | None = None,
    until: str | _dt.date | None = None,
) -> nx.DiGraph:
    """Every entity and fact, filtered (see the module docstring); nodes keyed by IRI.

    ``commodity`` and ``country`` are IRIs (resolve names first with
    :func:`oregraph.graph.entities.resolve`). ``max_nodes`` is accepted for
    compatibility and not applied here: the page renderer keeps the
    best-connected part and says how much it cut. Raises
    :class:`~oregraph.errors.QueryError` for an unknown type or a bad date.
    """
    wanted = _classes(types)
    start, end = _iso(since, "since"), _iso(until, "until")
    graph = store_graph(store)
    applied: list[str] = []
    labels = nx.get_node_attributes(graph, "label")

    picked: set[str] | None = None
    if commodity is not None:
        tied = {u for u, v, d in graph.in_edges(commodity, data=True)
                if d.get("predicate") == "commodity"} if commodity in graph else set()
        picked = tied
        applied.append(f"commodity {labels.get(commodity, commodity)}")
    if country is not None:
        inside = _located_in(graph, country) - {country} if country in graph else set()
        picked = inside if picked is None else picked & inside
        applied.append(f"in {labels.get(country, country)}")
    keep = set(graph.nodes) if picked is None else _with_neighbours(graph, picked)

    hubs = {name for hub in HUB_TYPES for name in class_hierarchy().descendants(hub)}
    for n in list(keep):
        node_types = set(graph.nodes[n].get("types") or ())
        if wanted and not node_types & wanted:
            keep.discard(n)
        elif not wanted and node_types & hubs:
            keep.discard(n)
    if wanted:
        applied.append("kinds " + ", ".join(sorted(t for t in types if t)))
    sub = nx.DiGraph(graph.subgraph(keep))

    if start or end:
        for u, v, d in list(sub.edges(data=True)):
            date = str(d.get("source_date") or "")[:10]
            if not date or (start and date < start) or (end and date > end):
                sub.remove_edge(u, v)
        applied.append(f"announced {start or '…'} to {end or '…'}")
    if applied:
        protected = set(picked) if picked is not None else (set(sub) if wanted else set())
        if start or end:
            protected &= picked or set()
        sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0 and n not in protected])
    sub.graph["filters"] = applied
    return sub
