"""From an :class:`Extraction` to RDF quads in one named graph (see docs/data-model.md).

IRIs are deterministic: entities from their kind and normalised name (or the
IRI the resolver mapped them to), fact nodes from a hash of the announcement,
the relation and its participants. Emitting the same extraction twice yields
the same quads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Mapping
from decimal import Decimal

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from oregraph import __version__
from oregraph.ingest.lexicon import slug
from oregraph.ingest.records import Extraction, Fact
from oregraph.ontology import COMMODITY_NS, DCTERMS, OG, PROV, RDFS, SKOS, XSD
from oregraph.settings import DEFAULT_BASE_IRI

__all__ = ["announcement_iri", "entity_iri", "quads", "to_dataset", "to_graph", "AGREEMENT_CLASSES"]

Quad = tuple[URIRef | BNode, URIRef, URIRef | BNode | Literal, URIRef]

AGREEMENT_CLASSES = {
    "MOU": "MemorandumOfUnderstanding", "LOI": "LetterOfIntent", "JointVenture": "JointVenture",
    "Offtake": "OfftakeAgreement", "Supply": "SupplyAgreement", "Option": "OptionAgreement",
    "Collaboration": "Collaboration", "StrategicInvestment": "StrategicInvestment",
    "Other": "Agreement",
}
_ENTITY_CLASS = {"org": "Company", "facility": "Facility", "project": "Project",
                 "person": "Person", "place": "Place", "commodity": "Commodity"}
# a more specific class replaces its parents on the node
_CLASS_ORDER = ["CrownCorporation", "StateOwnedEnterprise", "GovernmentBody", "Company",
                "Plant", "Mine", "Facility", "Project", "Person", "Place", "Commodity"]


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def announcement_iri(content_hash: str, base: str = DEFAULT_BASE_IRI) -> URIRef:
    return URIRef(f"{base}announcement-{content_hash[:16]}")


def entity_iri(key: str, base: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of a document entity key such as ``org-albecour``."""
    if key.startswith("commodity-"):
        return URIRef(str(COMMODITY_NS) + key[len("commodity-"):])
    kind, _, rest = key.partition("-")
    return URIRef(f"{base}{kind}-{slug(rest) if kind != 'place' else rest}")


def _classes(kind: str, classes: set[str]) -> list[str]:
    chosen = [c for c in _CLASS_ORDER if c in classes]
    if not chosen:
        return [_ENTITY_CLASS[kind]]
    if "CrownCorporation" in chosen or "StateOwnedEnterprise" in chosen or "GovernmentBody" in chosen:
        chosen = [c for c in chosen if c != "Company"]
    if "CrownCorporation" in chosen:
        chosen = [c for c in chosen if c != "StateOwnedEnterprise"]
    if {"Plant", "Mine"} & set(chosen):
        chosen = [c for c in chosen if c != "Facility"]
    return chosen[:2] if kind == "facility" else chosen


def quads(ex: Extraction, *, base: str = DEFAULT_BASE_IRI,
          iris: Mapping[str, URIRef] | None = None,
          labels: Mapping[str, str] | None = None) -> Iterator[Quad]:
    """Every quad of one announcement.

    ``iris`` maps document entity keys to IRIs already in the store (entity
    resolution); ``labels`` gives the label those entities already carry there,
    so that an entity keeps exactly one ``rdfs:label`` across announcements.
    """
    ann = ex.announcement
    g = announcement_iri(ann.content_hash, base)
    iris = dict(iris or {})
    labels = labels or {}

    def iri(key: str) -> URIRef:
        if key not in iris:
            iris[key] = entity_iri(key, base)
        return iris[key]

    yield g, RDF.type, OG.Announcement, g
    yield g, DCTERMS.source, URIRef(ann.source), g
    yield g, OG.contentHash, Literal(ann.content_hash), g
    yield g, OG.text, Literal(ann.text), g
    yield g, OG.extractorVersion, Literal(__version__), g
    if ex.title:
        yield g, DCTERMS.title, Literal(ex.title), g
    if ex.date:
        yield g, DCTERMS.date, Literal(ex.date, datatype=XSD.date), g
    if ex.publisher:
        yield g, DCTERMS.publisher, Literal(ex.publisher), g

    for key, ent in ex.entities.items():
        node = iri(key)
        for cls in _classes(ent.kind, ent.classes):
            yield node, RDF.type, OG[cls], g
        if ent.kind == "commodity":
            yield node, RDF.type, SKOS.Concept, g
        label = labels.get(key, ent.label)
        yield node, RDFS.label, Literal(label), g
        for name in sorted(ent.names() - {label}):
            yield node, SKOS.altLabel, Literal(name), g
        for name in sorted({_fold_key(n) for n in ent.names()}):
            yield node, OG.nameKey, Literal(name), g
        if ent.kind == "place" and ent.parent and ent.parent in ex.entities:
            yield node, OG.locatedIn, iri(ent.parent), g

    for fact in ex.facts:
        yield from _fact_quads(fact, g, iri, ann.content_hash, base)


def _fold_key(name: str) -> str:
    return slug(name).replace("-", " ")


def _evidence(node: URIRef, fact: Fact, g: URIRef) -> Iterator[Quad]:
    yield node, OG.evidence, Literal(fact.sentence.text), g
    yield node, OG.evidenceStart, Literal(fact.sentence.start), g
    yield node, OG.evidenceEnd, Literal(fact.sentence.end), g
    yield node, OG.rule, Literal(fact.rule), g
    yield node, OG.confidence, Literal(Decimal(str(round(fact.confidence, 3))), datatype=XSD.decimal), g
    yield node, OG.extractorVersion, Literal(__version__), g
    yield node, PROV.wasDerivedFrom, g, g


def _statement(node: URIRef, s: URIRef, p: URIRef, o: URIRef, g: URIRef) -> Iterator[Quad]:
    """A reified statement: the node that carries the evidence of a shortcut triple."""
    yield node, RDF.type, RDF.Statement, g
    yield node, RDF.subject, s, g
    yield node, RDF.predicate, p, g
    yield node, RDF.object, o, g


def _share(value: float) -> Literal:
    return Literal(Decimal(str(round(value, 4))).normalize(), datatype=XSD.decimal)


def _fact_quads(fact: Fact, g: URIRef, iri, doc_hash: str, base: str) -> Iterator[Quad]:
    p = fact.predicate
    s = iri(fact.subject)
    if p == "listedAs":
        exchange, _, ticker = fact.object.partition(":")
        listing = URIRef(f"{base}listing-{slug(exchange)}-{slug(ticker, drop_suffix=False)}")
        yield s, OG.listing, listing, g
        yield listing, RDF.type, OG.Listing, g
        yield listing, OG.exchange, Literal(exchange), g
        yield listing, OG.ticker, Literal(ticker), g
        node = URIRef(f"{base}statement-{_hash(doc_hash, p, str(s), fact.object)}")
        yield from _statement(node, s, OG.listing, listing, g)
        yield from _evidence(node, fact, g)
        return
    o = iri(fact.object)
    if p in ("ownsStakeIn", "subsidiaryOf"):
        holder, held = (o, s) if p == "subsidiaryOf" else (s, o)
        node = URIRef(f"{base}stake-{_hash(doc_hash, str(holder), str(held))}")
        yield s, OG[p], o, g
        if p == "subsidiaryOf" and fact.share is not None:
            yield o, OG.ownsStakeIn, s, g
        yield node, RDF.type, OG.Shareholding, g
        yield node, OG.holder, holder, g
        yield node, OG.held, held, g
        if fact.share is not None:
            yield node, OG.share, _share(fact.share), g
        if p == "subsidiaryOf":
            yield node, OG.controlling, Literal(True), g
    elif p == "partnerOf":
        node = URIRef(f"{base}agreement-{_hash(doc_hash, fact.agreement or '', *sorted((str(s), str(o))))}")
        if fact.status != "terminated":
            yield s, OG.partnerOf, o, g
            yield o, OG.partnerOf, s, g
        yield node, RDF.type, OG[AGREEMENT_CLASSES.get(fact.agreement or "Other", "Agreement")], g
        yield node, OG.party, s, g
        yield node, OG.party, o, g
        if fact.status:
            yield node, OG.status, Literal(fact.status), g
        if fact.binding is not None:
            yield node, OG.binding, Literal(fact.binding), g
    elif p == "acquires":
        node = URIRef(f"{base}acquisition-{_hash(doc_hash, str(s), str(o))}")
        yield s, OG.acquires, o, g
        yield node, RDF.type, OG.Acquisition, g
        yield node, OG.acquirer, s, g
        yield node, OG.target, o, g
        if fact.share is not None:
            yield node, OG.share, _share(fact.share), g
        if fact.status:
            yield node, OG.status, Literal(fact.status), g
    elif p == "officerOf":
        node = URIRef(f"{base}position-{_hash(doc_hash, str(s), str(o))}")
        yield s, OG.officerOf, o, g
        yield node, RDF.type, OG.Position, g
        yield node, OG.person, s, g
        yield node, OG.organization, o, g
        yield node, OG.title, Literal(fact.title or ""), g
    else:  # operates, commodity, locatedIn
        node = URIRef(f"{base}statement-{_hash(doc_hash, p, str(s), str(o))}")
        yield s, OG[p], o, g
        yield from _statement(node, s, OG[p], o, g)
    yield from _evidence(node, fact, g)


def to_dataset(ex: Extraction, *, base: str = DEFAULT_BASE_IRI) -> Dataset:
    """The announcement's quads as an rdflib Dataset (for printing in any RDF format)."""
    ds = Dataset()
    ds.bind("og", OG)
    ds.bind("dcterms", DCTERMS)
    ds.bind("prov", PROV)
    ds.bind("skos", SKOS)
    ds.bind("id", base)
    for s, p, o, g in quads(ex, base=base):
        ds.graph(g).add((s, p, o))
    return ds


def to_graph(ex: Extraction, *, base: str = DEFAULT_BASE_IRI) -> Graph:
    """The union of the announcement's named graphs as one plain graph (for Turtle).

    Turtle has no named graphs; serialising the Dataset would print only its
    (empty) default graph.
    """
    g = Graph()
    for prefix, ns in (("og", OG), ("dcterms", DCTERMS), ("prov", PROV), ("skos", SKOS), ("id", base)):
        g.bind(prefix, ns)
    for s, p, o, _ in quads(ex, base=base):
        g.add((s, p, o))
    return g
