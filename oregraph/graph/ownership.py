"""Look-through ownership: who owns an entity, directly and in the end, and what it holds.

The store is projected into a NetworkX ``DiGraph`` whose edges run from holder
to held (:func:`ownership_graph`, cached per store generation and as-of date).
:func:`owners` looks upwards and :func:`holdings` downwards; both give the
**integrated (look-through) share**: the sum, over every chain between two
entities, of the product of the stakes along the chain. Cross-holdings and
cycles are solved, not looped over: the shares are the entries of
``(I - A)^-1`` (``A`` the matrix of known stakes as fractions), computed by
block substitution over the strongly connected components, with one small
``numpy.linalg`` solve per cycle. An owner's walks back to itself are divided
out (``G[i,k] / G[i,i]``), so a company's stake in itself through a
cross-holding never inflates what it holds. See docs/analytics.md.

>>> store = _example_store()
>>> report = owners(store, ID + "facility-aluminerie-alouette")
>>> [(s.id, s.share) for s in report.direct]
[('org-albecour', 6.67)]
>>> [(u.id, u.effective_share) for u in report.ultimate]
[('org-gouvernement-du-quebec', 6.67)]
>>> report.ultimate[0].paths
[['org-gouvernement-du-quebec', 'org-investissement-quebec', 'org-albecour', 'facility-aluminerie-alouette']]

Stakes of unknown size ("a subsidiary of", no percentage) are never taken as
100%: they add nothing to the figure and mark it ``partially_unknown`` (or
``None`` when every chain has one). Control (a majority or a controlling stake
at every step) is reported apart from the economic share.
"""

from __future__ import annotations

import datetime as _dt
import math
import weakref
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal as TypingLiteral

import networkx as nx
import numpy as np
import pyoxigraph as ox

from oregraph.errors import EntityNotFound, QueryError
from oregraph.graph import queries
from oregraph.graph.entities import (
    EntitySummary, _all_names, class_hierarchy, summary_of,
)
from oregraph.graph.ids import iri_to_id
from oregraph.graph.store import Store
from oregraph.graph.terms import finite_float as _float
from oregraph.ontology import OG, ONTOLOGY_FILE, ontology_graph

__all__ = [
    "EdgeDeclaration", "edge_declaration", "ownership_graph", "stake_statements",
    "StakeStatement", "Stake", "UltimateOwner", "OwnershipReport", "owners", "holdings",
    "effective_share", "NoOwnershipChain", "is_control_edge", "parse_as_of",
    "MAX_PATHS", "MAX_PATHS_PER_ENTITY", "MAX_PATH_LENGTH", "MAX_CYCLE_NODES", "MAJORITY", "integrated_shares",
]

ID = "https://w3id.org/oregraph/id/"

#: At most this many chains are listed per report; beyond, ``truncated`` is set.
MAX_PATHS = 20_000
#: At most this many chains are kept per owner or holding (``path_count`` has them all).
MAX_PATHS_PER_ENTITY = 50
#: Longest chain listed (steps); shares still count every chain, however long.
MAX_PATH_LENGTH = 25
#: Largest cross-holding cycle (strongly connected entities) solved; larger ones are flagged unresolved.
MAX_CYCLE_NODES = 1500
#: A stake above this percentage gives control.
MAJORITY = 50.0
#: As-of projections kept per store besides the current one.
_AS_OF_KEPT = 8

Relation = TypingLiteral["stake", "subsidiary", "operator"]


class NoOwnershipChain(EntityNotFound):
    """No chain of stakes leads from the holder to the held entity."""


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

    >>> edge_declaration().weight
    'https://w3id.org/oregraph/ontology#share'
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


# -- small helpers ----------------------------------------------------------------


def _rows(result: Any) -> Iterator[dict[str, str | None]]:
    """Solutions as dicts of term values (read by position, much faster than by name)."""
    names = [v.value for v in result.variables]
    for solution in result:
        yield {name: None if term is None else term.value for name, term in zip(names, solution)}


def parse_as_of(as_of: _dt.date | str | None, name: str = "as-of date") -> str | None:
    """An as-of date as ``YYYY-MM-DD`` (``None`` stays ``None``); :class:`QueryError` otherwise.

    ``name`` is how the message names the value (``"--since date"``).

    >>> parse_as_of("2024-03-01T10:00:00")
    '2024-03-01'
    >>> parse_as_of("2024-03-01garbage")
    Traceback (most recent call last):
    ...
    oregraph.errors.QueryError: as-of date '2024-03-01garbage' is not a date; write it as YYYY-MM-DD
    """
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return None
    if isinstance(as_of, _dt.datetime):
        return as_of.date().isoformat()
    if isinstance(as_of, _dt.date):
        return as_of.isoformat()
    text = str(as_of).strip()
    try:
        if len(text) > 10:  # a date-time: its date
            return _dt.datetime.fromisoformat(text).date().isoformat()
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise QueryError(f"{name} {as_of!r} is not a date; write it as YYYY-MM-DD") from None


def _after(date: str | None, as_of: str | None) -> bool:
    """True when a fact dated ``date`` is known to be later than ``as_of`` (undated facts are kept)."""
    return as_of is not None and date is not None and date[:10] > as_of


# -- what the store states -------------------------------------------------------


@dataclass(frozen=True)
class StakeStatement:
    """One announcement's statement of a stake (one ``og:Shareholding`` node).

    ``date`` is the date of the announcement that stated it (``None`` when
    undated); ``share`` is a percentage or ``None`` when not stated.
    """

    node: str
    holder: str
    held: str
    share: float | None
    controlling: bool
    date: str | None
    announcement: str | None
    evidence: str | None
    rule: str | None
    confidence: float | None
    shares: tuple[float, ...] = ()  # every share the node states (more than one is a contradiction)

    def to_json(self) -> dict[str, Any]:
        return {
            "node": self.node, "share": self.share, "controlling": self.controlling,
            "date": self.date, "announcement": self.announcement, "evidence": self.evidence,
            "rule": self.rule, "confidence": self.confidence,
        }


@dataclass
class _Facts:
    stakes: list[StakeStatement]
    subsidiary: list[tuple[str, str]]  # (parent, sub)
    shortcuts: list[tuple[str, str]]  # (holder, held)
    operated: dict[tuple[str, str], list[str | None]]  # (operator, asset) -> statement dates


def _load_facts(store: Store, declaration: EdgeDeclaration) -> _Facts:
    merged: dict[str, dict[str, Any]] = {}
    result = store.query(queries.STAKE_STATEMENTS, {
        "holderP": ox.NamedNode(declaration.source),
        "heldP": ox.NamedNode(declaration.target),
        "shareP": ox.NamedNode(declaration.weight),
    })
    for row in _rows(result):
        node, holder, held = row["node"], row["holder"], row["held"]
        if node is None or holder is None or held is None:
            continue
        record = merged.setdefault(node, {
            "node": node, "holder": holder, "held": held, "share": None, "controlling": False,
            "date": None, "announcement": None, "evidence": None, "rule": None, "confidence": None,
            "shares": set(),
        })
        share = _float(row["share"])
        if share is not None:
            record["shares"].add(share)
        if share is not None and (record["share"] is None or share > record["share"]):
            record["share"] = share
        if (row["controlling"] or "").strip().lower() in ("true", "1"):
            record["controlling"] = True
        for key, column in (("evidence", "evidence"), ("announcement", "ann"), ("rule", "rule")):
            value = row[column]
            if value is not None and (record[key] is None or value < record[key]):
                record[key] = value  # the smallest, so repeated loads agree
        confidence = _float(row["confidence"])
        if confidence is not None and (record["confidence"] is None or confidence > record["confidence"]):
            record["confidence"] = confidence
        date = row["annDate"]
        if date is not None and (record["date"] is None or date > record["date"]):
            record["date"] = date
    stakes = [StakeStatement(**{**r, "shares": tuple(sorted(r["shares"]))}) for r in merged.values()]
    stakes.sort(key=lambda s: (s.holder, s.held, s.date or "", s.node))

    subsidiary = [
        (row["parent"], row["sub"]) for row in _rows(store.query(queries.SUBSIDIARY_SHORTCUTS))
        if row["parent"] is not None and row["sub"] is not None
    ]
    shortcuts = [
        (row["holder"], row["held"]) for row in _rows(store.query(
            queries.STAKE_SHORTCUTS, {"shortcutP": ox.NamedNode(declaration.shortcut)}))
        if row["holder"] is not None and row["held"] is not None
    ]
    operated: dict[tuple[str, str], list[str | None]] = defaultdict(list)
    for row in _rows(store.query(queries.OPERATES)):
        operator, asset = row["operator"], row["asset"]
        if operator is not None and asset is not None and operator != asset:
            operated[(operator, asset)].append(row["annDate"])
    return _Facts(stakes, subsidiary, shortcuts, dict(operated))


@dataclass
class _Cached:
    generation: int
    declaration: EdgeDeclaration
    facts: _Facts
    graphs: dict[str | None, nx.DiGraph] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # other modules' per-generation data


# Facts and projections per open store, dropped when the store's generation changes.
_CACHE: weakref.WeakKeyDictionary[Store, _Cached] = weakref.WeakKeyDictionary()


def _cached(store: Store) -> _Cached:
    declaration = edge_declaration()
    cached = _CACHE.get(store)
    if cached is None or cached.generation != store.generation or cached.declaration != declaration:
        generation = store.generation
        cached = _Cached(generation, declaration, _load_facts(store, declaration))
        _CACHE[store] = cached
    return cached


def store_cache(store: Store) -> dict[str, Any]:
    """A dict kept with the ownership projection and emptied when the store changes.

    The sibling modules (state, paths, history, consistency) keep what they
    derive from the store here, so every cache follows ``store.generation``.
    """
    return _cached(store).extra


def stake_statements(store: Store) -> list[StakeStatement]:
    """Every stake statement in the store, superseded ones included, sorted by pair and date.

    Cached per store generation; do not mutate.

    >>> [(s.share, s.date) for s in stake_statements(_example_store())][:1]
    [(6.67, None)]
    """
    return _cached(store).facts.stakes


# -- the projection -------------------------------------------------------------


def ownership_graph(store: Store, as_of: _dt.date | str | None = None) -> nx.DiGraph:
    """Project the ownership facts into a ``DiGraph`` with edges holder -> held.

    Edges come from, in order of precedence:

    1. ``og:Shareholding`` nodes (source, target and weight predicates as
       declared by :func:`edge_declaration`). When several announcements
       state a stake for the same pair, the edge takes the share from the
       latest announcement (``dcterms:date``) that states one, ties going to
       the larger share; the other statements are kept in ``history``
       (supersession never deletes).
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
    ``announcement`` (IRI), ``date``, ``node``, ``rule``, ``confidence``,
    ``history`` (the other statements, as dicts). Nodes carry ``id``, ``label``
    and ``types``.

    ``as_of`` (a date or ISO string) drops facts from announcements dated
    after it; undated facts are kept. The graph is cached per store
    generation and as-of date and is frozen: call ``.copy()`` to change it.

    >>> g = ownership_graph(_example_store())
    >>> g.edges[ID + "org-albecour", ID + "facility-aluminerie-alouette"]["share"]
    6.67
    """
    cutoff = parse_as_of(as_of)
    cached = _cached(store)
    graph = cached.graphs.get(cutoff)
    if graph is None:
        graph = _project(store, cached.facts, cutoff)
        nx.freeze(graph)
        if len(cached.graphs) > _AS_OF_KEPT:
            for key in [k for k in cached.graphs if k is not None][: len(cached.graphs) - _AS_OF_KEPT]:
                del cached.graphs[key]
        cached.graphs[cutoff] = graph
    return graph


def _project(store: Store, facts: _Facts, cutoff: str | None) -> nx.DiGraph:
    graph = nx.DiGraph()
    stated_pairs: set[tuple[str, str]] = set()
    by_pair: dict[tuple[str, str], list[StakeStatement]] = defaultdict(list)
    for st in facts.stakes:
        pair = (st.holder, st.held)
        stated_pairs.add(pair)
        if pair[0] != pair[1] and not _after(st.date, cutoff):
            by_pair[pair].append(st)

    def rank(s: StakeStatement) -> tuple[bool, str, float]:
        return (s.share is not None, s.date or "", s.share if s.share is not None else -1.0)

    for (holder, held), stated in by_pair.items():
        stated.sort(key=rank, reverse=True)
        chosen = stated[0]
        # control as the latest statement has it: a holder that sold down controls no more
        controlling = any(s.controlling for s in stated if s.date == chosen.date)
        share = chosen.share
        graph.add_edge(
            holder, held, share=share, factor=None if share is None else share / 100.0,
            relation="subsidiary" if controlling else "stake", controlling=controlling,
            evidence=chosen.evidence, announcement=chosen.announcement, date=chosen.date,
            node=chosen.node, rule=chosen.rule, confidence=chosen.confidence,
            history=[
                {k: getattr(s, k) for k in ("share", "date", "announcement", "evidence", "controlling", "node")}
                for s in stated[1:]
            ],
        )

    for parent, sub in facts.subsidiary:
        if sub == parent or (parent, sub) in stated_pairs:
            continue
        if graph.has_edge(parent, sub):
            graph.edges[parent, sub].update(controlling=True, relation="subsidiary")
        else:
            graph.add_edge(parent, sub, **_bare_edge("subsidiary", controlling=True))
    for holder, held in facts.shortcuts:
        if holder == held or (holder, held) in stated_pairs:
            continue
        if not graph.has_edge(holder, held):
            graph.add_edge(holder, held, **_bare_edge("stake", controlling=False))

    _drop_restated_holdings(graph)
    owned = {held for _, held in graph.edges}
    for (operator, asset), dates in facts.operated.items():
        if asset in owned or all(_after(d, cutoff) for d in dates):
            continue
        known = [d for d in dates if d is not None]
        graph.add_edge(operator, asset, **_bare_edge("operator", controlling=False))
        graph.edges[operator, asset].update(factor=1.0, date=max(known) if known else None)

    _describe_nodes(store, graph)
    graph.graph["as_of"] = cutoff
    return graph


def _drop_restated_holdings(graph: nx.DiGraph) -> None:
    """One holding stated twice is counted once.

    Releases restate a holding held through a wholly-owned subsidiary as the
    parent's own ("owned 50% by Rio Tinto, the latter through Arcadium", with
    Arcadium a wholly-owned subsidiary holding 50%). Counting both would give
    the parent 100%. When a parent's stake in X has the same size as the stake
    of one of its wholly-owned subsidiaries in X, the parent's edge is dropped
    (the holding reaches it through the subsidiary); the statements stay in the
    store and the dropped pairs are listed in ``graph.graph["restated"]``.
    """
    wholly: dict[str, list[str]] = defaultdict(list)
    for parent, sub, data in graph.edges(data=True):
        if data.get("share") == 100.0 and parent != sub:
            wholly[parent].append(sub)
    restated = []
    for parent, subs in wholly.items():
        for held in list(graph.successors(parent)):
            share = graph.edges[parent, held].get("share")
            if share is None or held in subs:
                continue
            via = next((sub for sub in subs if graph.has_edge(sub, held)
                        and graph.edges[sub, held].get("share") is not None
                        and abs(graph.edges[sub, held]["share"] - share) < 0.01), None)
            if via is not None:
                graph.remove_edge(parent, held)
                restated.append((parent, via, held))
    graph.graph["restated"] = restated


def _bare_edge(relation: str, *, controlling: bool) -> dict[str, Any]:
    return {
        "share": None, "factor": None, "relation": relation, "controlling": controlling,
        "evidence": None, "announcement": None, "date": None, "node": None, "rule": None,
        "confidence": None, "history": [],
    }


def _describe_nodes(store: Store, graph: nx.DiGraph) -> None:
    if graph.number_of_nodes() == 0:
        return
    names = _all_names(store)
    hierarchy = class_hierarchy()
    base = store.settings.base_iri
    ordered: dict[frozenset[str], list[str]] = {}  # types sorted once per combination
    for iri in graph.nodes:
        entry = names.get(iri)
        entity_id = iri_to_id(iri, base)
        if entry is None:
            graph.nodes[iri].update(id=entity_id, label=entity_id, types=[])
            continue
        key = frozenset(entry.types)
        if key not in ordered:
            ordered[key] = hierarchy.most_specific_first(t for t in key if t in hierarchy.classes)
        graph.nodes[iri].update(id=entity_id, label=entry.label() or entity_id, types=list(ordered[key]))


def is_control_edge(data: dict[str, Any]) -> bool:
    """True when an edge gives control: a controlling stake (subsidiary), a share above
    :data:`MAJORITY`, or an operator standing for an asset nobody is said to own.

    >>> is_control_edge({"share": 50.0}), is_control_edge({"share": 50.01}), is_control_edge({"controlling": True})
    (False, True, True)
    """
    share = data.get("share")
    return bool(data.get("controlling")) or data.get("relation") == "operator" or (
        share is not None and share > MAJORITY)


# -- the maths --------------------------------------------------------------------


def _reach(
    graph: nx.DiGraph, start: str, upward: bool, max_depth: int | None,
) -> tuple[dict[str, int], bool]:
    """Hops from ``start`` to every node it reaches (upward: its owners), and whether
    ``max_depth`` left some out."""
    neighbours = graph.predecessors if upward else graph.successors
    distance = {start: 0}
    queue = deque([start])
    cut = False
    while queue:
        node = queue.popleft()
        for nxt in neighbours(node):
            if nxt in distance:
                continue
            if max_depth is not None and distance[node] >= max_depth:
                cut = True
                continue
            distance[nxt] = distance[node] + 1
            queue.append(nxt)
    return distance, cut


def integrated_shares(
    graph: nx.DiGraph, start: str, upward: bool, nodes: Iterable[str],
) -> tuple[dict[str, float], bool]:
    """Integrated shares between ``start`` and every other node of ``nodes`` (fractions 0-1).

    Upward, the value for node ``i`` is what ``i`` holds of ``start``;
    downward, what ``start`` holds of ``i``. With ``A`` the matrix of known
    stakes (``factor`` of each edge; unknown ones left out) and
    ``G = (I - A)^-1``, the figure is ``G[i, k] / G[i, i]``: every chain, loops
    included, minus the holder's walks back to itself. ``G`` is never formed:
    the column (or row) is found by substitution over the strongly connected
    components in topological order, solving each cycle with
    ``numpy.linalg``. A cycle whose stakes do not shrink (spectral radius >= 1,
    only possible when stakes add up past 100%), or one of more than
    :data:`MAX_CYCLE_NODES` entities, is not solved: its nodes and everything
    that depends on them get ``nan``, and the flag is true.

    >>> g = nx.DiGraph()
    >>> g.add_edge("a", "b", factor=0.6); g.add_edge("b", "a", factor=0.4)
    >>> shares, unresolved = integrated_shares(g, "a", False, ["a", "b"])
    >>> round(shares["b"], 6), unresolved
    (0.6, False)
    """
    members = set(nodes)
    dep = nx.DiGraph()
    dep.add_nodes_from(members)
    for u, v, f in graph.subgraph(members).edges(data="factor"):
        if f is None or u == v:
            continue
        if upward:
            dep.add_edge(u, v, w=float(f))  # y[u] = sum A[u, v] y[v]: u depends on v
        else:
            dep.add_edge(v, u, w=float(f))  # x[v] = sum x[u] A[u, v]: v depends on u
    condensed = nx.condensation(dep)
    value: dict[str, float] = {}
    diagonal: dict[str, float] = {}
    unresolved = False
    for component in reversed(list(nx.topological_sort(condensed))):
        group = sorted(condensed.nodes[component]["members"])
        if len(group) == 1:
            (node,) = group
            total = 1.0 if node == start else 0.0
            for other, data in dep[node].items():
                total += data["w"] * value[other]
            value[node] = total
            continue
        index = {node: i for i, node in enumerate(group)}
        inner = np.zeros((len(group), len(group)))
        outer = np.zeros(len(group))
        for node in group:
            i = index[node]
            if node == start:
                outer[i] += 1.0
            for other, data in dep[node].items():
                if other in index:
                    inner[i, index[other]] += data["w"]
                else:
                    outer[i] += data["w"] * value[other]
        if not _shrinks(inner):
            unresolved = True
            for node in group:
                value[node] = math.nan
                diagonal[node] = math.nan
            continue
        inverse = np.linalg.inv(np.eye(len(group)) - inner)
        solved = inverse @ outer
        for node, i in index.items():
            value[node] = float(solved[i])
            diagonal[node] = float(inverse[i, i])
    shares: dict[str, float] = {}
    for node in members:
        if node == start:
            continue
        own = diagonal.get(node if upward else start, 1.0)
        shares[node] = value[node] / own
    return shares, unresolved


def _shrinks(inner: np.ndarray) -> bool:
    """True when walks round a cycle shrink (spectral radius below 1), so ``I - A`` inverts.

    A largest row or column sum below 1 bounds the radius and is cheap; the
    eigenvalues are computed only when it does not, and only for cycles of at
    most :data:`MAX_CYCLE_NODES` entities (a larger one is left unsolved
    rather than left to run for minutes).
    """
    if min(float(inner.sum(axis=0).max()), float(inner.sum(axis=1).max())) < 1.0 - 1e-12:
        return len(inner) <= MAX_CYCLE_NODES
    if len(inner) > MAX_CYCLE_NODES:
        return False
    return float(np.max(np.abs(np.linalg.eigvals(inner)))) < 1.0 - 1e-12


def _unknown_reach(graph: nx.DiGraph, upward: bool, members: set[str]) -> set[str]:
    """Nodes joined to the start by at least one chain that has a stake of unknown size."""
    seeds = {
        (u if upward else v) for u, v, f in graph.subgraph(members).edges(data="factor") if f is None
    }
    neighbours = graph.predecessors if upward else graph.successors
    seen = set(seeds)
    queue = deque(seeds)
    while queue:
        node = queue.popleft()
        for nxt in neighbours(node):
            if nxt in members and nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _chains(
    graph: nx.DiGraph, start: str, upward: bool, members: set[str], max_depth: int | None,
) -> tuple[dict[str, list[list[str]]], dict[str, int], bool]:
    """Simple chains from ``start`` to each node of ``members`` (listed from ``start``),
    at most :data:`MAX_PATHS_PER_ENTITY` kept per node and none longer than
    :data:`MAX_PATH_LENGTH` steps; their counts; whether the listing was cut short."""
    found: dict[str, list[list[str]]] = defaultdict(list)
    counts: dict[str, int] = defaultdict(int)
    limit = min(max_depth if max_depth is not None else MAX_PATH_LENGTH, MAX_PATH_LENGTH)
    neighbours = graph.predecessors if upward else graph.successors
    path = [start]
    on_path = {start}
    total = 0
    cut = False
    stack: list[Iterator[str]] = [iter(neighbours(start))]
    while stack:
        nxt = next(stack[-1], None)
        if nxt is None:
            stack.pop()
            on_path.discard(path.pop())
            continue
        if nxt in on_path or nxt not in members:
            continue
        if len(path) > limit:
            cut = True
            continue
        path.append(nxt)
        on_path.add(nxt)
        counts[nxt] += 1
        if len(found[nxt]) < MAX_PATHS_PER_ENTITY:
            found[nxt].append(list(path))
        total += 1
        if total >= MAX_PATHS:
            return found, counts, True
        stack.append(iter(neighbours(nxt)))
    return found, counts, cut


def _control_tree(
    graph: nx.DiGraph, start: str, upward: bool, members: set[str],
) -> dict[str, list[str]]:
    """For each node joined to ``start`` by control edges only, the shortest such chain
    (from ``start``)."""
    parent: dict[str, str] = {}
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        edges = graph.in_edges(node, data=True) if upward else graph.out_edges(node, data=True)
        for u, v, data in edges:
            nxt = u if upward else v
            if nxt in seen or nxt not in members or not is_control_edge(data):
                continue
            seen.add(nxt)
            parent[nxt] = node
            queue.append(nxt)
    chains = {}
    for node in parent:
        chain = [node]
        while chain[-1] != start:
            chain.append(parent[chain[-1]])
        chains[node] = chain[::-1]
    return chains


# -- reports --------------------------------------------------------------------


@dataclass
class Stake:
    """A direct owner (for :func:`owners`) or a direct holding (for :func:`holdings`)."""

    id: str
    iri: str
    label: str
    share: float | None
    relation: Relation
    date: str | None = None  # the date of the announcement that stated it
    controlling: bool = False


@dataclass
class UltimateOwner:
    """An entity at the end of one or more ownership chains, with its effective share.

    ``paths`` are lists of ids, from owner down to owned (at most
    :data:`MAX_PATHS_PER_ENTITY`; ``path_count`` counts them all).
    ``effective_share`` is the integrated share in percent; ``None`` when every
    chain has a stake of unknown size; when only some do, it is the share
    through the known ones and ``partially_unknown`` is true. ``controls`` is
    true when a chain of control edges (:func:`is_control_edge`) joins the
    two, ``control_path`` the shortest such chain. ``is_root``: nobody is said
    to own this entity.
    """

    id: str
    iri: str
    label: str
    effective_share: float | None
    paths: list[list[str]]
    types: list[str] = field(default_factory=list)
    partially_unknown: bool = False
    controls: bool = False
    control_path: list[str] | None = None
    path_count: int = 0
    distance: int = 0
    is_root: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "iri": self.iri, "label": self.label,
            "effective_share": self.effective_share, "paths": [list(p) for p in self.paths],
            "types": list(self.types), "partially_unknown": self.partially_unknown,
            "controls": self.controls, "control_path": self.control_path,
            "path_count": self.path_count, "distance": self.distance, "is_root": self.is_root,
        }


@dataclass
class OwnershipReport:
    """Direct, ultimate and all (effective) owners or holdings of one entity.

    For owners, ``ultimate`` holds the roots (owners nobody owns) and
    ``effective`` every direct and indirect owner; ``ultimate_controllers`` the
    top of the control chains. For holdings, ``ultimate`` and ``effective``
    both hold everything held, directly or not.
    """

    entity: EntitySummary
    direct: list[Stake] = field(default_factory=list)
    ultimate: list[UltimateOwner] = field(default_factory=list)
    direction: TypingLiteral["owners", "holdings"] = "owners"
    truncated: bool = False  # max_depth left entities out, or chains were left unlisted (MAX_PATHS, MAX_PATH_LENGTH)
    effective: list[UltimateOwner] = field(default_factory=list)
    ultimate_controllers: list[UltimateOwner] = field(default_factory=list)
    as_of: str | None = None
    unresolved_cycle: bool = False  # a cycle whose stakes add up past 100% could not be solved

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data: shares in percent (0-100), ``None`` when unknown."""
        return {
            "entity": self.entity.head_json(),
            "direction": self.direction,
            "as_of": self.as_of,
            "direct": [
                {"id": s.id, "iri": s.iri, "label": s.label, "share": s.share, "relation": s.relation,
                 "date": s.date, "controlling": s.controlling}
                for s in self.direct
            ],
            "ultimate": [u.to_json() for u in self.ultimate],
            "effective": [u.to_json() for u in self.effective],
            "ultimate_controllers": [u.to_json() for u in self.ultimate_controllers],
            "truncated": self.truncated,
            "unresolved_cycle": self.unresolved_cycle,
        }


def _percent(fraction: float | None) -> float | None:
    if fraction is None or math.isnan(fraction):
        return None
    return round(fraction * 100.0, 4)


def _sort_ultimate(items: list[UltimateOwner]) -> list[UltimateOwner]:
    return sorted(items, key=lambda u: (
        u.effective_share is None, -(u.effective_share or 0.0), u.label.casefold(), u.id,
    ))


def _sort_direct(items: list[Stake]) -> list[Stake]:
    return sorted(items, key=lambda s: (s.share is None, -(s.share or 0.0), s.label.casefold(), s.id))


def _report(
    store: Store, entity_iri: str, max_depth: int | None, upward: bool, graph: nx.DiGraph | None,
    as_of: _dt.date | str | None,
) -> OwnershipReport:
    entity_iri = str(entity_iri)
    entity = summary_of(store, entity_iri)
    cutoff = parse_as_of(as_of)
    direction: TypingLiteral["owners", "holdings"] = "owners" if upward else "holdings"
    if graph is None:
        graph = ownership_graph(store, cutoff)
    else:
        cutoff = graph.graph.get("as_of", cutoff)
    if entity_iri not in graph:
        return OwnershipReport(entity, direction=direction, as_of=cutoff)

    def node(iri: str) -> dict[str, Any]:
        return graph.nodes[iri]

    direct = []
    for other in (graph.predecessors(entity_iri) if upward else graph.successors(entity_iri)):
        data = graph.edges[other, entity_iri] if upward else graph.edges[entity_iri, other]
        direct.append(Stake(
            node(other)["id"], other, node(other)["label"], data["share"], data["relation"],
            data.get("date"), bool(data.get("controlling")),
        ))

    distance, cut = _reach(graph, entity_iri, upward, max_depth)
    members = set(distance)
    shares, unresolved = integrated_shares(graph, entity_iri, upward, members)
    unknown = _unknown_reach(graph, upward, members)
    chains, counts, too_many = _chains(graph, entity_iri, upward, members, max_depth)
    control = _control_tree(graph, entity_iri, upward, members)

    id_of: dict[str, str] = {}

    def ids(path: list[str]) -> list[str]:
        for n in path:
            if n not in id_of:
                id_of[n] = node(n)["id"]
        return [id_of[n] for n in (reversed(path) if upward else path)]

    effective = []
    for other in members - {entity_iri}:
        fraction: float | None = shares.get(other, 0.0)
        partial = other in unknown
        if fraction == 0.0 and partial:
            fraction = None
        chain = control.get(other)
        effective.append(UltimateOwner(
            node(other)["id"], other, node(other)["label"], _percent(fraction),
            sorted(ids(p) for p in chains.get(other, [])), list(node(other).get("types", [])),
            partial, chain is not None, None if chain is None else ids(chain),
            counts.get(other, 0), distance[other], graph.in_degree(other) == 0,
        ))
    effective = _sort_ultimate(effective)
    if upward:
        ultimate = [u for u in effective if u.is_root]
        controllers = [
            u for u in effective if u.controls and not any(
                is_control_edge(d) for _, _, d in graph.in_edges(u.iri, data=True))
        ]
    else:
        ultimate, controllers = list(effective), []
    return OwnershipReport(
        entity, _sort_direct(direct), ultimate, direction, cut or too_many, effective,
        controllers, cutoff, unresolved,
    )


def owners(
    store: Store, entity_iri: str, max_depth: int | None = None, *,
    as_of: _dt.date | str | None = None, graph: nx.DiGraph | None = None,
) -> OwnershipReport:
    """Direct, indirect and ultimate owners of ``entity_iri`` with integrated shares.

    ``effective`` lists every owner at any level with its integrated share
    (all chains, cycles solved); ``ultimate`` the roots among them (owners
    nobody is said to own), each with every chain as a list of ids from the
    owner down to the entity; ``ultimate_controllers`` the owners at the top
    of the control chains (majority or controlling stake at every step). A
    plant, mine or project nobody is said to own is reached through its
    operator (relation ``'operator'``, factor 1: the operator stands for the
    asset). A cycle with no outside owner has no root, so no ultimate owner.
    ``max_depth`` (hops) leaves farther owners out and sets ``truncated``.
    ``as_of`` ignores announcements dated after it. The projection is cached
    per store state; pass ``graph`` (from :func:`ownership_graph`) to use
    another one. Raises :class:`~oregraph.errors.EntityNotFound` for an unknown IRI.

    >>> report = owners(_example_store(), ID + "org-albecour")
    >>> report.to_json()["ultimate"][0]["effective_share"]
    100.0
    >>> [u.id for u in report.ultimate_controllers]
    ['org-gouvernement-du-quebec']
    """
    return _report(store, entity_iri, max_depth, True, graph, as_of)


def holdings(
    store: Store, entity_iri: str, max_depth: int | None = None, *,
    as_of: _dt.date | str | None = None, graph: nx.DiGraph | None = None,
) -> OwnershipReport:
    """What ``entity_iri`` holds, directly and through others, with integrated shares.

    ``ultimate`` (and ``effective``) list every entity reached downward (all
    levels); each path is a list of ids from the entity down to the one held.
    ``controls`` marks what it controls. ``max_depth``, ``as_of`` and
    ``graph`` work as for :func:`owners`. Grouped by commodity or country:
    :func:`oregraph.graph.exposure.holdings_by`.

    >>> report = holdings(_example_store(), ID + "org-gouvernement-du-quebec")
    >>> [(u.id, u.effective_share) for u in report.ultimate]
    [('org-albecour', 100.0), ('org-investissement-quebec', 100.0), ('facility-aluminerie-alouette', 6.67)]
    """
    return _report(store, entity_iri, max_depth, False, graph, as_of)


def effective_share(
    store: Store, holder_iri: str, held_iri: str, *, as_of: _dt.date | str | None = None,
) -> UltimateOwner:
    """The integrated share ``holder_iri`` has in ``held_iri``, with its chains.

    Raises :class:`NoOwnershipChain` when no chain of stakes joins them.

    >>> store = _example_store()
    >>> effective_share(store, ID + "org-investissement-quebec", ID + "facility-aluminerie-alouette").effective_share
    6.67
    >>> effective_share(store, ID + "facility-aluminerie-alouette", ID + "org-albecour")
    Traceback (most recent call last):
    ...
    oregraph.graph.ownership.NoOwnershipChain: no chain of stakes leads from facility-aluminerie-alouette to org-albecour; ...
    """
    report = holdings(store, holder_iri, as_of=as_of)
    for entry in report.effective:
        if entry.iri == str(held_iri):
            return entry
    held = summary_of(store, str(held_iri))
    raise NoOwnershipChain(
        f"no chain of stakes leads from {report.entity.id} to {held.id}"
        f"{' as of ' + report.as_of if report.as_of else ''}; "
        f"see `oregraph owners {held.id}` for who owns it"
    )


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
