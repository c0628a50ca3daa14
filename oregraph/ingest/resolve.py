"""Entity resolution: map a document's entities onto the entities already in the store.

One node per real-world entity across announcements. A document entity takes
the IRI of a stored entity when exactly one stored entity of the same kind
(organization, facility, project, person) matches it by:

1. its listing (same exchange and ticker), or
2. a name: the document's full name equals one of the stored entity's names,
   or the stored entity's full name equals one of the document's names.

Two short names alone never merge ("Imperial" in one release and "Imperial" in
another may be different companies), and when several stored entities match,
none is chosen. Places and commodities have fixed keys and need no resolution.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from oregraph.graph.store import Store
from oregraph.ingest.emit import entity_iri
from oregraph.ingest.lexicon import slug
from oregraph.ingest.records import Extraction

__all__ = ["Resolution", "resolve"]

_BY_KEY = """
PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?label ?key WHERE { ?e og:nameKey ?key ; rdfs:label ?label . }
"""
_BY_LISTING = """
PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?label ?exchange ?ticker WHERE {
  ?e og:listing ?l ; rdfs:label ?label . ?l og:exchange ?exchange ; og:ticker ?ticker .
}
"""
_LABEL = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?label WHERE { ?e rdfs:label ?label }
"""


@dataclass
class Resolution:
    iris: dict[str, URIRef] = field(default_factory=dict)  # document key -> IRI
    labels: dict[str, str] = field(default_factory=dict)  # document key -> label in store
    merges: list[tuple[str, str, str]] = field(default_factory=list)  # (name, IRI, reason)


def _key(name: str) -> str:
    return slug(name).replace("-", " ")


def resolve(store: Store, ex: Extraction, base: str) -> Resolution:
    res = Resolution()
    tickers: dict[str, list[tuple[str, str]]] = {}
    for fact in ex.facts:
        if fact.predicate == "listedAs":
            exchange, _, ticker = fact.object.partition(":")
            tickers.setdefault(fact.subject, []).append((exchange, ticker))
    for key, ent in ex.entities.items():
        if ent.kind in ("place", "commodity"):
            continue
        minted = entity_iri(key, base)
        rows = store.select(_LABEL, {"e": minted})
        if rows:
            res.iris[key] = minted
            res.labels[key] = str(rows[0]["label"])
            continue
        kind_prefix = f"{base}{ent.kind}-"
        candidates: dict[str, tuple[str, str]] = {}
        for exchange, ticker in tickers.get(key, []):
            for row in store.select(_BY_LISTING, {"exchange": Literal(exchange), "ticker": Literal(ticker)}):
                if str(row["e"]).startswith(kind_prefix):
                    candidates[str(row["e"])] = (str(row["label"]), f"listing {exchange}:{ticker}")
        if not candidates:
            full = _key(ent.label)
            names = {_key(n) for n in ent.names()}
            for row in store.select(_BY_KEY, {"key": Literal(full)}):
                if str(row["e"]).startswith(kind_prefix):
                    candidates[str(row["e"])] = (str(row["label"]), f"name {ent.label!r}")
            for name in names - {full}:
                for row in store.select(_BY_KEY, {"key": Literal(name)}):
                    if str(row["e"]).startswith(kind_prefix) and _key(str(row["label"])) == name:
                        candidates[str(row["e"])] = (str(row["label"]), f"alias {name!r}")
        if len(candidates) == 1:
            iri, (label, reason) = next(iter(candidates.items()))
            res.iris[key] = URIRef(iri)
            res.labels[key] = label
            res.merges.append((ent.label, iri, reason))
    return res
