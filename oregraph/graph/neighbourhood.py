"""The neighbourhood of one entity as a NetworkX graph: every kind of fact, not only stakes.

:func:`entity_graph` walks the shortcut triples of ``docs/data-model.md``
(:data:`EDGE_PREDICATES`) out from an entity, both ways, ``depth`` hops deep
and at most ``max_nodes`` nodes, then reads the node that carries each fact's
evidence (a shareholding, agreement, acquisition, position or statement) and
the announcement it came from. The result has the attributes that
:func:`oregraph.graph.viz.render_graph_page` reads:

* nodes, keyed by IRI: ``label``, ``types`` (og class local names), ``id``
  (the API id);
* edges, in the shortcut's direction: ``predicate`` (og local name), ``share``
  (0-100, when stated), ``agreement`` (agreement class local name),
  ``title`` (an officer's title), ``status``, ``evidence`` (the sentence),
  ``source_title``, ``source_date``, ``source_url``, ``announcement`` (IRI),
  ``announcement_id`` (its API id), and ``predicates`` (every predicate between the two nodes, when several).

A ``DiGraph`` holds one edge per ordered pair, so when two facts link the same
pair the edge shows the stronger one (:data:`EDGE_PREDICATES` order) and
lists all in ``predicates``; ``partnerOf``, written both ways in the store,
is drawn once. Commodities and places are hubs (aluminium touches every
smelter), so the walk does not go on through them unless it starts there,
except outwards along ``locatedIn`` (Sept-Îles to Québec to Canada).

The queries put IRIs into ``VALUES`` only as :class:`pyoxigraph.NamedNode`
terms, which are validated IRIs, never as pasted text.

>>> from oregraph.graph.store import Store
>>> store = Store.memory()
>>> store.update('''
...   PREFIX og: <https://w3id.org/oregraph/ontology#>
...   PREFIX id: <https://w3id.org/oregraph/id/>
...   PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
...   INSERT DATA { GRAPH id:announcement-0000000000000001 {
...     id:org-alpha a og:Company ; rdfs:label "Alpha" ; og:ownsStakeIn id:org-beta .
...     id:org-beta a og:Company ; rdfs:label "Beta" ; og:operates id:facility-gamma .
...     id:facility-gamma a og:Plant ; rdfs:label "Gamma" .
...     id:stake-0000000000000001 a og:Shareholding ; og:holder id:org-alpha ;
...         og:held id:org-beta ; og:share 40.0 .
...   } }''')
>>> g = entity_graph(store, "https://w3id.org/oregraph/id/org-alpha", depth=1)
>>> [(g.nodes[u]["id"], d["predicate"], d["share"], g.nodes[v]["id"]) for u, v, d in g.edges(data=True)]
[('org-alpha', 'ownsStakeIn', 40.0, 'org-beta')]
>>> wider = entity_graph(store, "https://w3id.org/oregraph/id/org-alpha", depth=2)
>>> sorted(data["label"] for _, data in wider.nodes(data=True))
['Alpha', 'Beta', 'Gamma']
>>> count_announcements(store), count_entities(store)
(0, 3)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
import weakref
from dataclasses import dataclass
from typing import Any

import networkx as nx
import pyoxigraph as ox

from oregraph.graph.entities import class_hierarchy
from oregraph.graph.ids import iri_to_id
from oregraph.graph.queries import PROVENANCE
from oregraph.graph.store import PREFIXES, PROLOGUE

__all__ = [
    "EDGE_PREDICATES", "HUB_TYPES", "entity_graph", "facts_among", "store_graph",
    "count_announcements", "count_entities", "well_connected",
]

OG = PREFIXES["og"]

#: The shortcut predicates followed, strongest first (used when two facts link one pair).
EDGE_PREDICATES: tuple[str, ...] = (
    "ownsStakeIn",
    "subsidiaryOf",
    "acquires",
    "operates",
    "officerOf",
    "partnerOf",
    "commodity",
    "locatedIn",
)
_RANK = {name: i for i, name in enumerate(EDGE_PREDICATES)}

#: Node classes the walk does not go on through (unless it starts there).
HUB_TYPES: frozenset[str] = frozenset({"Commodity", "Place"})

#: Most IRIs put in one VALUES block; larger sets are queried in chunks.
_CHUNK = 400

# FILTER(?p IN (...)) is much faster in Oxigraph than VALUES ?p here.
_LIST_PREDICATES = ", ".join(f"og:{p}" for p in EDGE_PREDICATES)

_EDGES_QUERY = (
    PROLOGUE
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
  { VALUES ?s { %(nodes)s } ?s ?p ?o . FILTER(?p IN (%(predicates)s) && isIRI(?o) && ?s != ?o) }
  UNION
  { VALUES ?o { %(nodes)s } ?s ?p ?o . FILTER(?p IN (%(predicates)s) && isIRI(?s) && ?s != ?o) }
}
"""
)

_NODES_QUERY = (
    PROLOGUE
    + """
SELECT ?n ?label ?type WHERE {
  VALUES ?n { %(nodes)s }
  OPTIONAL { ?n rdfs:label ?label }
  OPTIONAL { ?n a ?type . FILTER(STRSTARTS(STR(?type), STR(og:))) }
}
"""
)

# One branch per kind of node that carries a fact's evidence, each binding the
# shortcut triple (?s ?p ?o) it stands behind.
_EVIDENCE_QUERY = (
    PROLOGUE
    + """
SELECT ?s ?p ?o ?node ?share ?cls ?title ?status ?evidence ?confidence
       ?ann ?annTitle ?annDate ?annSource WHERE {
  {
    VALUES ?s { %(nodes)s } ?node og:holder ?s ; og:held ?o . BIND(og:ownsStakeIn AS ?p)
  } UNION {
    VALUES ?s { %(nodes)s } ?node og:held ?s ; og:holder ?o ; og:controlling true .
    BIND(og:subsidiaryOf AS ?p)
  } UNION {
    VALUES ?s { %(nodes)s } ?node og:party ?s , ?o . FILTER(?s != ?o) BIND(og:partnerOf AS ?p)
  } UNION {
    VALUES ?s { %(nodes)s } ?node og:acquirer ?s ; og:target ?o . BIND(og:acquires AS ?p)
  } UNION {
    VALUES ?s { %(nodes)s } ?node og:person ?s ; og:organization ?o . BIND(og:officerOf AS ?p)
  } UNION {
    VALUES ?s { %(nodes)s } VALUES ?p { og:operates og:commodity og:locatedIn }
    ?node rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  }
  OPTIONAL { ?node og:share ?share }
  OPTIONAL { ?node a ?cls . FILTER(STRSTARTS(STR(?cls), STR(og:))) }
  OPTIONAL { ?node og:title ?title }
  OPTIONAL { ?node og:status ?status }
"""
    + PROVENANCE
    + "}\n"
)

_AGREEMENT_GENERIC = {"Agreement", "Shareholding", "Acquisition", "Position"}


def entity_graph(store: Any, iri: str, depth: int = 2, *, max_nodes: int = 500) -> nx.DiGraph:
    """The facts around ``iri`` within ``depth`` hops, as a DiGraph keyed by IRI.

    ``store`` is an :class:`oregraph.graph.store.Store` (anything whose
    ``query(sparql)`` returns pyoxigraph results over the union graph). The
    entity itself is always a node, even with no facts. Raises
    :class:`ValueError` for a negative depth or a cap below 1.
    """
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be 1 or more, not {max_nodes}")
    base = _base_iri(store)

    nodes: dict[str, dict[str, Any]] = {}
    _describe(store, [iri], nodes)
    triples: set[tuple[str, str, str]] = set()
    frontier = [iri]
    for level in range(depth + 1):
        # The last pass (level == depth) only picks up edges among the nodes found.
        expand = level < depth
        current = set(frontier)
        found: dict[str, None] = {}
        hubs = {n for n in frontier if n != iri and _is_hub(nodes.get(n))}
        for s, p, o in _shortcuts(store, frontier):
            if not _follows(s, p, o, current, hubs):
                continue
            other = o if s in current else s
            if other not in nodes and other not in found:
                if not expand or len(nodes) + len(found) >= max_nodes:
                    continue
                found[other] = None
            triples.add((s, p, o))
        if not found:
            break
        frontier = list(found)
        _describe(store, frontier, nodes)

    graph = _build(store, nodes, triples, base)
    graph.graph["focus"] = iri
    return graph


def facts_among(
    store: Any, iris: Iterable[str], predicates: Iterable[str] = EDGE_PREDICATES
) -> nx.DiGraph:
    """The facts whose two ends are both in ``iris``, as a DiGraph like :func:`entity_graph`'s.

    ``predicates`` (og local names, a subset of :data:`EDGE_PREDICATES`) picks
    the kinds of fact drawn. Every IRI given is a node, even with no facts.
    """
    keys = list(dict.fromkeys(str(i) for i in iris))
    wanted = set(predicates)
    inside = set(keys)
    nodes: dict[str, dict[str, Any]] = {}
    _describe(store, keys, nodes)
    triples = {
        (s, p, o) for s, p, o in _shortcuts(store, keys)
        if p in wanted and s in inside and o in inside
    }
    return _build(store, nodes, triples, _base_iri(store))


_ALL_SHORTCUTS = (
    PROLOGUE
    + """
SELECT DISTINCT ?s ?p ?o WHERE {
  ?s ?p ?o . FILTER(?p IN (%(predicates)s) && isIRI(?o) && ?s != ?o)
}
"""
)


# The whole-store graph per open store: generation -> graph.
_STORE_GRAPHS: weakref.WeakKeyDictionary[Any, dict[int, nx.DiGraph]] = weakref.WeakKeyDictionary()


def store_graph(store: Any, predicates: Iterable[str] = EDGE_PREDICATES) -> nx.DiGraph:
    """Every fact of the store between entities, as one DiGraph (nodes keyed by IRI).

    Read with one query for the shortcut triples, one per 400 nodes for names
    and types, and one per 400 nodes for evidence, so a store of 5,000
    entities is read in a few seconds; attributes as in
    :func:`entity_graph`. The whole graph is cached until the store is
    written (its ``generation`` changes); each call returns a copy of its
    own, keeping only the edges of ``predicates`` (and the nodes they touch)
    when fewer than all are asked for.
    """
    wanted = tuple(p for p in EDGE_PREDICATES if p in set(predicates))
    generation = getattr(store, "generation", None)
    cache: dict[int, nx.DiGraph] = {}
    if isinstance(generation, int):
        try:
            cache = _STORE_GRAPHS.setdefault(store, {})
        except TypeError:  # not weak-referenceable: no cache
            pass
    if generation in cache:
        graph = cache[generation]
    else:
        graph = _read_store_graph(store, EDGE_PREDICATES)
        cache.clear()
        if isinstance(generation, int):
            cache[generation] = graph
    if wanted == EDGE_PREDICATES:
        return graph.copy()
    return _only(graph, set(wanted))


def _only(graph: nx.DiGraph, wanted: set[str]) -> nx.DiGraph:
    """The edges of ``graph`` with one of the ``wanted`` predicates, and their nodes."""
    out = nx.DiGraph()
    for u, v, data in graph.edges(data=True):
        kinds = [p for p in data.get("predicates", [data.get("predicate")]) if p in wanted]
        if not kinds:
            continue
        if data.get("predicate") in wanted:
            attrs = dict(data)
        else:  # the evidence on the edge is that of another kind of fact
            attrs = {"predicate": kinds[0], "predicates": kinds}
        out.add_node(u, **graph.nodes[u])
        out.add_node(v, **graph.nodes[v])
        out.add_edge(u, v, **attrs)
    return out


def _read_store_graph(store: Any, wanted: tuple[str, ...]) -> nx.DiGraph:
    if not wanted:
        return nx.DiGraph()
    query = _ALL_SHORTCUTS % {"predicates": ", ".join(f"og:{p}" for p in wanted)}
    triples: set[tuple[str, str, str]] = set()
    keys: dict[str, None] = {}
    for row in _rows(store, query):
        s, p, o = _value(row["s"]), _value(row["p"]), _value(row["o"])
        assert s is not None and p is not None and o is not None
        triples.add((s, _local(p), o))
        keys[s] = None
        keys[o] = None
    nodes: dict[str, dict[str, Any]] = {}
    _describe(store, list(keys), nodes)
    entity_classes = class_hierarchy().entity_classes
    nodes = {k: v for k, v in nodes.items() if v["types"] & entity_classes}
    return _build(store, nodes, triples, _base_iri(store))


def _build(
    store: Any, nodes: dict[str, dict[str, Any]], triples: set[tuple[str, str, str]], base: str
) -> nx.DiGraph:
    hierarchy = class_hierarchy()
    graph = nx.DiGraph()
    for key, attrs in nodes.items():
        graph.add_node(
            key,
            label=attrs["label"] or iri_to_id(key, base),
            types=hierarchy.most_specific_first(attrs["types"]),
            id=iri_to_id(key, base),
        )
    for s, p, o in sorted(triples, key=lambda t: (_RANK.get(t[1], 99), t)):
        if s in nodes and o in nodes:
            _add_edge(graph, s, p, o)
    _attach_evidence(store, graph, base)
    return graph


# --- walking -------------------------------------------------------------------


def _base_iri(store: Any) -> str:
    settings = getattr(store, "settings", None)
    base = getattr(settings, "base_iri", None)
    if isinstance(base, str):
        return base
    from oregraph.settings import DEFAULT_BASE_IRI

    return DEFAULT_BASE_IRI


def _values(iris: Iterable[str]) -> str:
    return " ".join(str(ox.NamedNode(i)) for i in iris)


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _rows(store: Any, query: str) -> Iterator[ox.QuerySolution]:
    results = store.query(query)
    assert isinstance(results, ox.QuerySolutions)
    yield from results


def _value(term: Any) -> str | None:
    return None if term is None else str(term.value)


def _local(iri: str) -> str:
    return iri[len(OG) :] if iri.startswith(OG) else iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _shortcuts(store: Any, iris: list[str]) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for chunk in _chunks(iris):
        query = _EDGES_QUERY % {"nodes": _values(chunk), "predicates": _LIST_PREDICATES}
        for row in _rows(store, query):
            s, p, o = _value(row["s"]), _value(row["p"]), _value(row["o"])
            assert s is not None and p is not None and o is not None
            out.append((s, _local(p), o))
    out.sort(key=lambda t: (_RANK.get(t[1], 99), t))
    return out


def _describe(store: Any, iris: list[str], nodes: dict[str, dict[str, Any]]) -> None:
    for iri in iris:
        nodes.setdefault(iri, {"label": None, "types": set()})
    for chunk in _chunks(iris):
        for row in _rows(store, _NODES_QUERY % {"nodes": _values(chunk)}):
            key = _value(row["n"])
            assert key is not None
            attrs = nodes[key]
            label = _value(row["label"])
            if label is not None and (
                attrs["label"] is None or (-len(label), label) < (-len(attrs["label"]), attrs["label"])
            ):
                attrs["label"] = label  # the fullest name, as entities.search shows it
            type_iri = _value(row["type"])
            if type_iri is not None:
                attrs["types"].add(_local(type_iri))


def _follows(s: str, p: str, o: str, frontier: set[str], hubs: set[str]) -> bool:
    """Whether the walk takes edge (s, p, o) from the frontier: from a hub only
    ``locatedIn`` outwards (a place's containing place, not all it contains)."""
    if (s in frontier and s not in hubs) or (o in frontier and o not in hubs):
        return True
    return s in hubs and p == "locatedIn"


def _is_hub(attrs: dict[str, Any] | None) -> bool:
    return attrs is not None and bool(attrs["types"] & _hub_classes())


def _add_edge(graph: nx.DiGraph, s: str, p: str, o: str) -> None:
    if p == "partnerOf" and graph.has_edge(o, s):
        data = graph.edges[o, s]
        if p not in data["predicates"]:
            data["predicates"].append(p)
        return
    if graph.has_edge(s, o):
        data = graph.edges[s, o]
        if p not in data["predicates"]:
            data["predicates"].append(p)
        return
    graph.add_edge(s, o, predicate=p, predicates=[p])


# --- evidence ------------------------------------------------------------------


@dataclass
class _Fact:
    node: str
    share: float | None = None
    agreement: str | None = None
    title: str | None = None
    status: str | None = None
    evidence: str | None = None
    confidence: float | None = None
    announcement: str | None = None
    source_title: str | None = None
    source_date: str | None = None
    source_url: str | None = None

    def rank(self) -> tuple[bool, bool, str, float]:
        """Facts with a share and evidence, then the newest, then the surest, win."""
        return (
            self.share is not None,
            self.evidence is not None,
            self.source_date or "",
            self.confidence or 0.0,
        )


def _number(term: Any) -> float | None:
    if term is None:
        return None
    try:
        return float(term.value)
    except ValueError:
        return None


def _attach_evidence(store: Any, graph: nx.DiGraph, base: str) -> None:
    facts: dict[tuple[str, str, str], dict[str, _Fact]] = {}
    keys = list(graph.nodes)
    for chunk in _chunks(keys):
        for row in _rows(store, _EVIDENCE_QUERY % {"nodes": _values(chunk)}):
            s, p, o, f = (_value(row[v]) for v in ("s", "p", "o", "node"))
            assert s is not None and p is not None and o is not None and f is not None
            if o not in graph:
                continue
            fact = facts.setdefault((s, _local(p), o), {}).setdefault(f, _Fact(node=f))
            cls = _value(row["cls"])
            if cls is not None:
                name = _local(cls)
                if fact.agreement is None or fact.agreement in _AGREEMENT_GENERIC:
                    fact.agreement = name
            fact.share = fact.share if fact.share is not None else _number(row["share"])
            fact.title = fact.title or _value(row["title"])
            fact.status = fact.status or _value(row["status"])
            fact.evidence = fact.evidence or _value(row["evidence"])
            fact.confidence = fact.confidence or _number(row["confidence"])
            fact.announcement = fact.announcement or _value(row["ann"])
            fact.source_title = fact.source_title or _value(row["annTitle"])
            fact.source_date = fact.source_date or _value(row["annDate"])
            fact.source_url = fact.source_url or _value(row["annSource"])

    for (s, p, o), by_node in facts.items():
        if graph.has_edge(s, o) and graph.edges[s, o]["predicate"] == p:
            data = graph.edges[s, o]
        elif p == "partnerOf" and graph.has_edge(o, s) and graph.edges[o, s]["predicate"] == p:
            data = graph.edges[o, s]
        else:
            continue
        best = max(by_node.values(), key=_Fact.rank)
        current = data.get("_rank")
        if current is not None and current >= best.rank():
            continue
        data["_rank"] = best.rank()
        data["facts"] = len(by_node)
        for name in (
            "share", "title", "status", "evidence", "announcement",
            "source_title", "source_date", "source_url",
        ):
            value = getattr(best, name)
            if value is not None:
                data[name] = value
        if best.announcement is not None:
            data["announcement_id"] = iri_to_id(best.announcement, base)
        if p == "partnerOf" and best.agreement and best.agreement != "Shareholding":
            data["agreement"] = best.agreement
    for _, _, data in graph.edges(data=True):
        data.pop("_rank", None)


# --- overview ------------------------------------------------------------------

_COUNT_ANNOUNCEMENTS = PROLOGUE + """
SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a og:Announcement }
"""

_COUNT_TYPED = PROLOGUE + """
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { VALUES ?t { %s } ?e a ?t }
"""

_WELL_CONNECTED = PROLOGUE + """
SELECT ?e (COUNT(*) AS ?n) WHERE {
  { ?e ?p ?o } UNION { ?o ?p ?e }
  FILTER(?p IN (%s))
  ?e a ?t .
  FILTER(?t IN (%s))
} GROUP BY ?e ORDER BY DESC(?n) ?e LIMIT %d
"""


def _entity_class_values(classes: Iterable[str] | None = None) -> str:
    names = sorted(class_hierarchy().entity_classes if classes is None else classes)
    return _values(OG + name for name in names)


def _count(store: Any, query: str) -> int:
    for row in _rows(store, query):
        term = row["n"]
        return 0 if term is None else int(term.value)
    return 0


def count_announcements(store: Any) -> int:
    """How many announcements (``og:Announcement`` nodes) the store holds."""
    return _count(store, _COUNT_ANNOUNCEMENTS)


def count_entities(store: Any) -> int:
    """How many entities (nodes typed with an og entity class) the store holds."""
    return _count(store, _COUNT_TYPED % _entity_class_values())


def well_connected(store: Any, limit: int = 8, classes: Iterable[str] | None = None) -> list[str]:
    """IRIs of the entities in the most facts, most first: good examples to show.

    ``classes`` (og local names) narrows the kinds; default every entity class
    except commodities and places, which touch everything.
    """
    if classes is None:
        classes = class_hierarchy().entity_classes - _hub_classes()
    query = _WELL_CONNECTED % (
        _LIST_PREDICATES, _entity_class_values(classes).replace(" ", ", "), int(limit)
    )
    out: list[str] = []
    for row in _rows(store, query):
        value = _value(row["e"])
        if value is not None:
            out.append(value)
    return out


def _hub_classes() -> set[str]:
    hierarchy = class_hierarchy()
    return {name for hub in HUB_TYPES for name in hierarchy.descendants(hub)}
