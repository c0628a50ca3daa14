"""Look-through ownership: who owns an entity, directly and in the end, and what it holds.

The store is projected into a NetworkX ``DiGraph`` whose edges run from holder
to held (:func:`ownership_graph`); :func:`owners` walks it upwards and
:func:`holdings` downwards. The effective share of one entity in another is
the sum, over every simple path between them, of the product of the shares
along the path.

>>> store = _example_store()
>>> report = owners(store, ID + "facility-aluminerie-alouette")
>>> [(s.id, s.share) for s in report.direct]
[('org-albecour', 6.67)]
>>> [(u.id, u.effective_share) for u in report.ultimate]
[('org-gouvernement-du-quebec', 6.67)]
>>> report.ultimate[0].paths
[['org-gouvernement-du-quebec', 'org-investissement-quebec', 'org-albecour', 'facility-aluminerie-alouette']]

This is a first, path-based version: it enumerates simple paths up to
``max_depth`` edges, so cycles (cross-holdings) terminate but are counted
once per simple path rather than solved. Issue 5 replaces it with integrated
ownership (solving the cross-holding equations).
"""

from __future__ import annotations

import datetime as _dt
import weakref
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal as TypingLiteral

import networkx as nx
import pyoxigraph as ox

from oregraph.errors import QueryError
from oregraph.graph import queries
from oregraph.graph.entities import (
    EntitySummary, _all_names, _summary, class_hierarchy, summary_of,
)
from oregraph.graph.ids import iri_to_id
from oregraph.graph.store import Store
from oregraph.ontology import OG, ONTOLOGY_FILE, ontology_graph

__all__ = [
    "EdgeDeclaration", "edge_declaration", "ownership_graph",
    "Stake", "UltimateOwner", "OwnershipReport", "owners", "holdings",
    "MAX_PATHS",
]

ID = "https://w3id.org/oregraph/id/"

#: At most this many simple paths are followed per report; beyond, ``truncated`` is set.
MAX_PATHS = 100_000

Relation = TypingLiteral["stake", "subsidiary", "operator"]


# -- which predicates make an ownership edge ------------------------------------


@dataclass(frozen=True)
class EdgeDeclaration:
    """The node class whose instances are ownership edges, its source/target/weight
    predicates and the shortcut predicate written beside each node."""

    node_class: str = str(OG.Shareholding)
    source: str = str(OG.holder)
    target: str = str(OG.held)
    weight: str = str(OG.share)
    shortcut: str = str(OG.ownsStakeIn)


@lru_cache(maxsize=1)
def edge_declaration() -> EdgeDeclaration:
    """Read ``og:edgeSource``, ``og:edgeTarget``, ``og:edgeWeight`` and ``og:edgeShortcut``
    on ``og:Shareholding``.

    They come from ``oregraph/ontology/oregraph.ttl``; any that is absent (or
    the whole file) falls back to ``og:holder``, ``og:held``, ``og:share`` and
    ``og:ownsStakeIn``.
    """
    default = EdgeDeclaration()
    if not ONTOLOGY_FILE.exists():
        return default
    graph = ontology_graph()

    def declared(annotation: str, fallback: str) -> str:
        value = graph.value(OG.Shareholding, OG[annotation])
        return str(value) if value is not None else fallback

    return EdgeDeclaration(
        default.node_class,
        declared("edgeSource", default.source),
        declared("edgeTarget", default.target),
        declared("edgeWeight", default.weight),
        declared("edgeShortcut", default.shortcut),
    )


# -- the projection -------------------------------------------------------------


def _rows(result: Any) -> Iterator[dict[str, str | None]]:
    """Solutions as dicts of term values (read by position, much faster than by name)."""
    names = [v.value for v in result.variables]
    for solution in result:
        yield {name: None if term is None else term.value for name, term in zip(names, solution)}


def _as_of(as_of: _dt.date | str | None) -> str | None:
    if as_of is None:
        return None
    if isinstance(as_of, _dt.datetime):
        return as_of.date().isoformat()
    if isinstance(as_of, _dt.date):
        return as_of.isoformat()
    try:
        return _dt.date.fromisoformat(str(as_of).strip()[:10]).isoformat()
    except ValueError:
        raise QueryError(f"as-of date {as_of!r} is not a date; write it as YYYY-MM-DD") from None


def _after(date: str | None, as_of: str | None) -> bool:
    """True when a fact dated ``date`` is known to be later than ``as_of`` (undated facts are kept)."""
    return as_of is not None and date is not None and date[:10] > as_of


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def ownership_graph(store: Store, as_of: _dt.date | str | None = None) -> nx.DiGraph:
    """Project the ownership facts into a ``DiGraph`` with edges holder -> held.

    Edges come from, in order of precedence:

    1. ``og:Shareholding`` nodes (source, target and weight predicates as
       declared by :func:`edge_declaration`). When several announcements
       state a stake for the same pair, the edge takes the share from the
       latest announcement (``dcterms:date``) that states one, ties going to
       the larger share; the other statements are kept in ``history``.
    2. ``og:subsidiaryOf`` shortcut triples with no Shareholding for the pair
       (share ``None``, ``controlling`` true).
    3. ``og:ownsStakeIn`` shortcut triples (the declared ``og:edgeShortcut``)
       with no Shareholding (share ``None``).
    4. ``og:operates`` for a facility or project with no incoming edge from the
       above: the operator stands for the asset, so the edge has relation
       ``'operator'``, share ``None`` and ``factor`` 1.0.

    Edge attributes: ``share`` (percent or ``None``), ``factor`` (share / 100,
    1.0 for operators, ``None`` when unknown), ``relation`` (``'stake'``,
    ``'subsidiary'`` or ``'operator'``), ``controlling``, ``evidence``,
    ``announcement`` (IRI), ``date``, ``history`` (list of dicts). Nodes carry
    ``id``, ``label`` and ``types``.

    ``as_of`` (a date or ISO string) drops facts from announcements dated
    after it; undated facts are kept.

    >>> g = ownership_graph(_example_store())
    >>> g.edges[ID + "org-albecour", ID + "facility-aluminerie-alouette"]["share"]
    6.67
    """
    cutoff = _as_of(as_of)
    declaration = edge_declaration()
    graph = nx.DiGraph()

    # 1. Shareholding nodes, one record per node.
    records: dict[str, dict[str, Any]] = {}
    result = store.query(queries.SHAREHOLDINGS, {
        "holderP": ox.NamedNode(declaration.source),
        "heldP": ox.NamedNode(declaration.target),
        "shareP": ox.NamedNode(declaration.weight),
    })
    for row in _rows(result):
        node, holder, held = row["node"], row["holder"], row["held"]
        if node is None or holder is None or held is None:
            continue
        record = records.setdefault(node, {
            "node": node, "holder": holder, "held": held, "share": None, "controlling": False,
            "evidence": None, "announcement": None, "date": None,
        })
        share = _float(row["share"])
        if share is not None and (record["share"] is None or share > record["share"]):
            record["share"] = share
        if (row["controlling"] or "").strip().lower() in ("true", "1"):
            record["controlling"] = True
        record["evidence"] = record["evidence"] or row["evidence"]
        record["announcement"] = record["announcement"] or row["ann"]
        date = row["annDate"]
        if date is not None and (record["date"] is None or date > record["date"]):
            record["date"] = date

    stated_pairs: set[tuple[str, str]] = set()
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for record in records.values():
        pair = (record["holder"], record["held"])
        stated_pairs.add(pair)
        if pair[0] != pair[1] and not _after(record["date"], cutoff):
            by_pair[pair].append(record)

    for (holder, held), stated in by_pair.items():
        def rank(r: dict[str, Any]) -> tuple[bool, str, float]:
            return (r["share"] is not None, r["date"] or "", r["share"] if r["share"] is not None else -1.0)

        stated.sort(key=rank, reverse=True)
        chosen = stated[0]
        controlling = any(r["controlling"] for r in stated)
        share = chosen["share"]
        graph.add_edge(
            holder, held, share=share, factor=None if share is None else share / 100.0,
            relation="subsidiary" if controlling else "stake", controlling=controlling,
            evidence=chosen["evidence"], announcement=chosen["announcement"], date=chosen["date"],
            node=chosen["node"],
            history=[
                {k: r[k] for k in ("share", "date", "announcement", "evidence", "controlling", "node")}
                for r in stated[1:]
            ],
        )

    # 2. and 3. Shortcut triples with no Shareholding node.
    for row in _rows(store.query(queries.SUBSIDIARY_SHORTCUTS)):
        sub, parent = row["sub"], row["parent"]
        if sub is None or parent is None or sub == parent or (parent, sub) in stated_pairs:
            continue
        if graph.has_edge(parent, sub):
            graph.edges[parent, sub].update(controlling=True, relation="subsidiary")
        else:
            graph.add_edge(parent, sub, **_bare_edge("subsidiary", controlling=True))
    for row in _rows(store.query(queries.STAKE_SHORTCUTS, {"shortcutP": ox.NamedNode(declaration.shortcut)})):
        holder, held = row["holder"], row["held"]
        if holder is None or held is None or holder == held or (holder, held) in stated_pairs:
            continue
        if not graph.has_edge(holder, held):
            graph.add_edge(holder, held, **_bare_edge("stake", controlling=False))

    # 4. Operators stand for assets nobody is said to own.
    operated: dict[tuple[str, str], list[str | None]] = defaultdict(list)
    for row in _rows(store.query(queries.OPERATES)):
        operator, asset = row["operator"], row["asset"]
        if operator is not None and asset is not None and operator != asset:
            operated[(operator, asset)].append(row["annDate"])
    owned = {held for _, held in graph.edges}
    for (operator, asset), dates in operated.items():
        if asset in owned or all(_after(d, cutoff) for d in dates):
            continue
        known = [d for d in dates if d is not None]
        graph.add_edge(
            operator, asset, **_bare_edge("operator", controlling=False),
        )
        graph.edges[operator, asset].update(factor=1.0, date=max(known) if known else None)

    _describe_nodes(store, graph)
    return graph


# Projections reused by owners() and holdings() until the store changes (never handed out).
_GRAPHS: weakref.WeakKeyDictionary[Store, tuple[int, EdgeDeclaration, nx.DiGraph]] = (
    weakref.WeakKeyDictionary()
)


def _shared_graph(store: Store) -> nx.DiGraph:
    declaration = edge_declaration()
    cached = _GRAPHS.get(store)
    if cached is not None and cached[0] == store.generation and cached[1] == declaration:
        return cached[2]
    generation = store.generation
    graph = ownership_graph(store)
    _GRAPHS[store] = (generation, declaration, graph)
    return graph


def _bare_edge(relation: str, *, controlling: bool) -> dict[str, Any]:
    return {
        "share": None, "factor": None, "relation": relation, "controlling": controlling,
        "evidence": None, "announcement": None, "date": None, "node": None, "history": [],
    }


def _describe_nodes(store: Store, graph: nx.DiGraph) -> None:
    if graph.number_of_nodes() == 0:
        return
    names = _all_names(store)
    hierarchy = class_hierarchy()
    base = store.settings.base_iri
    for iri in graph.nodes:
        entry = names.get(iri)
        if entry is not None:
            summary = _summary(iri, entry, base, hierarchy)
            graph.nodes[iri].update(id=summary.id, label=summary.label, types=summary.types)
        else:
            entity_id = iri_to_id(iri, base)
            graph.nodes[iri].update(id=entity_id, label=entity_id, types=[])


# -- reports --------------------------------------------------------------------


@dataclass
class Stake:
    """A direct owner (for :func:`owners`) or a direct holding (for :func:`holdings`)."""

    id: str
    iri: str
    label: str
    share: float | None
    relation: Relation


@dataclass
class UltimateOwner:
    """An entity at the end of one or more ownership paths, with its effective share.

    ``paths`` are lists of ids, from owner down to owned. ``effective_share``
    is ``None`` when every path has a stake of unknown size; when only some
    do, it is the sum over the known paths and ``partially_unknown`` is true.
    """

    id: str
    iri: str
    label: str
    effective_share: float | None
    paths: list[list[str]]
    types: list[str] = field(default_factory=list)
    partially_unknown: bool = False


@dataclass
class OwnershipReport:
    """Direct and ultimate owners (or holdings) of one entity."""

    entity: EntitySummary
    direct: list[Stake] = field(default_factory=list)
    ultimate: list[UltimateOwner] = field(default_factory=list)
    direction: TypingLiteral["owners", "holdings"] = "owners"
    truncated: bool = False  # a path was cut at max_depth or MAX_PATHS was reached

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data: shares in percent (0-100), ``None`` when unknown."""
        return {
            "entity": {
                "id": self.entity.id, "iri": self.entity.iri, "label": self.entity.label,
                "types": list(self.entity.types),
            },
            "direction": self.direction,
            "direct": [
                {"id": s.id, "iri": s.iri, "label": s.label, "share": s.share, "relation": s.relation}
                for s in self.direct
            ],
            "ultimate": [
                {
                    "id": u.id, "iri": u.iri, "label": u.label, "effective_share": u.effective_share,
                    "paths": [list(p) for p in u.paths], "types": list(u.types),
                    "partially_unknown": u.partially_unknown,
                }
                for u in self.ultimate
            ],
            "truncated": self.truncated,
        }


def _walk(
    graph: nx.DiGraph, start: str, upward: bool, max_depth: int,
) -> tuple[dict[str, list[tuple[list[str], float | None]]], bool]:
    """Every simple path from ``start`` of 1..max_depth edges, grouped by end node.

    Returns ``{end: [(path, product of factors or None)]}`` with each path
    listed from ``start``, and whether the walk was cut short.
    """
    found: dict[str, list[tuple[list[str], float | None]]] = defaultdict(list)
    truncated = False
    count = 0
    path = [start]
    on_path = {start}
    neighbours = graph.predecessors if upward else graph.successors

    def factor(a: str, b: str) -> float | None:
        data = graph.edges[b, a] if upward else graph.edges[a, b]
        value = data.get("factor")
        return None if value is None else float(value)

    # Iterative DFS: stack of (node, iterator over its neighbours, product so far).
    stack: list[tuple[str, Any, float | None, bool]] = [(start, iter(neighbours(start)), 1.0, True)]
    while stack:
        node, it, product, known = stack[-1]
        nxt = next(it, None)
        if nxt is None:
            stack.pop()
            on_path.discard(node)
            path.pop()
            continue
        if nxt in on_path:
            continue
        if len(path) > max_depth:
            truncated = True
            continue
        f = factor(node, nxt)
        new_known = known and f is not None
        new_product = product * f if (new_known and product is not None and f is not None) else None
        path.append(nxt)
        on_path.add(nxt)
        found[nxt].append((list(path), new_product if new_known else None))
        count += 1
        if count >= MAX_PATHS:
            return found, True
        stack.append((nxt, iter(neighbours(nxt)), new_product, new_known))
    return found, truncated


def _effective(paths: list[tuple[list[str], float | None]]) -> tuple[float | None, bool]:
    known = [p for _, p in paths if p is not None]
    unknown = len(known) < len(paths)
    if not known:
        return None, unknown
    return round(sum(known) * 100.0, 4), unknown


def _sort_ultimate(items: list[UltimateOwner]) -> list[UltimateOwner]:
    return sorted(items, key=lambda u: (
        u.effective_share is None, -(u.effective_share or 0.0), u.label.casefold(), u.id,
    ))


def _sort_direct(items: list[Stake]) -> list[Stake]:
    return sorted(items, key=lambda s: (s.share is None, -(s.share or 0.0), s.label.casefold(), s.id))


def _report(
    store: Store, entity_iri: str, max_depth: int, upward: bool, graph: nx.DiGraph | None,
    as_of: _dt.date | str | None,
) -> OwnershipReport:
    entity_iri = str(entity_iri)
    entity = summary_of(store, entity_iri)
    direction: TypingLiteral["owners", "holdings"] = "owners" if upward else "holdings"
    if graph is None:
        graph = _shared_graph(store) if as_of is None else ownership_graph(store, as_of)
    if entity_iri not in graph:
        return OwnershipReport(entity, direction=direction)

    def node(iri: str) -> dict[str, Any]:
        return graph.nodes[iri]

    direct = []
    for other in (graph.predecessors(entity_iri) if upward else graph.successors(entity_iri)):
        data = graph.edges[other, entity_iri] if upward else graph.edges[entity_iri, other]
        direct.append(Stake(node(other)["id"], other, node(other)["label"], data["share"], data["relation"]))

    found, truncated = _walk(graph, entity_iri, upward, max_depth)
    ultimate = []
    for end, paths in found.items():
        if upward and graph.in_degree(end) != 0:
            continue  # not a root: someone owns it in turn
        share, partial = _effective(paths)
        ids = [[node(n)["id"] for n in (reversed(p) if upward else p)] for p, _ in paths]
        ultimate.append(UltimateOwner(
            node(end)["id"], end, node(end)["label"], share, sorted(ids),
            list(node(end).get("types", [])), partial,
        ))
    return OwnershipReport(entity, _sort_direct(direct), _sort_ultimate(ultimate), direction, truncated)


def owners(
    store: Store, entity_iri: str, max_depth: int = 12, *,
    as_of: _dt.date | str | None = None, graph: nx.DiGraph | None = None,
) -> OwnershipReport:
    """Direct owners of ``entity_iri`` and its ultimate owners with effective shares.

    Ultimate owners are the roots reached upward (owners nobody is said to
    own). Each path is a list of ids from the owner down to the entity.
    A plant, mine or project nobody is said to own is reached through its
    operator (relation ``'operator'``, factor 1: the operator stands for the
    asset). A cycle with no outside owner has no root, so no ultimate owner.
    ``as_of`` ignores announcements dated after it (see :func:`ownership_graph`).
    The projection is cached per store state; pass ``graph`` (from
    :func:`ownership_graph`) to use another one. Raises :class:`~oregraph.errors.EntityNotFound` for an unknown IRI.

    >>> report = owners(_example_store(), ID + "org-albecour")
    >>> report.to_json()["ultimate"][0]["effective_share"]
    100.0
    """
    return _report(store, entity_iri, max_depth, True, graph, as_of)


def holdings(
    store: Store, entity_iri: str, max_depth: int = 12, *,
    as_of: _dt.date | str | None = None, graph: nx.DiGraph | None = None,
) -> OwnershipReport:
    """What ``entity_iri`` holds, directly and through others, with effective shares.

    ``ultimate`` lists every entity reached downward (all levels); each path is
    a list of ids from the entity down to the one held. ``as_of`` and
    ``graph`` work as for :func:`owners`.

    >>> report = holdings(_example_store(), ID + "org-gouvernement-du-quebec")
    >>> [(u.id, u.effective_share) for u in report.ultimate]
    [('org-albecour', 100.0), ('org-investissement-quebec', 100.0), ('facility-aluminerie-alouette', 6.67)]
    """
    return _report(store, entity_iri, max_depth, False, graph, as_of)


# -- the doctest example ----------------------------------------------------------


def _example_store() -> Store:
    """A tiny in-memory store: Government of Québec -100-> IQ -100-> Albecour -6.67-> Alouette."""
    store = Store.memory()
    stakes = [
        ("org-gouvernement-du-quebec", "org-investissement-quebec", "100"),
        ("org-investissement-quebec", "org-albecour", "100"),
        ("org-albecour", "facility-aluminerie-alouette", "6.67"),
    ]
    names = {
        "org-gouvernement-du-quebec": ("GovernmentBody", "Gouvernement du Québec"),
        "org-investissement-quebec": ("StateOwnedEnterprise", "Investissement Québec"),
        "org-albecour": ("Company", "Albecour Inc."),
        "facility-aluminerie-alouette": ("Plant", "Aluminerie Alouette"),
    }
    og = "https://w3id.org/oregraph/ontology#"
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    g = ox.NamedNode(ID + "announcement-0000000000000001")
    quads = []
    for entity_id, (cls, name) in names.items():
        quads += [
            ox.Quad(ox.NamedNode(ID + entity_id), rdf_type, ox.NamedNode(og + cls), g),
            ox.Quad(ox.NamedNode(ID + entity_id), label, ox.Literal(name), g),
        ]
    for i, (holder, held, share) in enumerate(stakes):
        node = ox.NamedNode(f"{ID}stake-{i:016x}")
        quads += [
            ox.Quad(ox.NamedNode(ID + holder), ox.NamedNode(og + "ownsStakeIn"), ox.NamedNode(ID + held), g),
            ox.Quad(node, rdf_type, ox.NamedNode(og + "Shareholding"), g),
            ox.Quad(node, ox.NamedNode(og + "holder"), ox.NamedNode(ID + holder), g),
            ox.Quad(node, ox.NamedNode(og + "held"), ox.NamedNode(ID + held), g),
            ox.Quad(node, ox.NamedNode(og + "share"),
                    ox.Literal(share, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")), g),
        ]
    store.add_graph(g.value, quads)
    return store
