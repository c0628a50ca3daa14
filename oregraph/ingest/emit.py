"""From an :class:`Extraction` to RDF quads in one named graph (see docs/data-model.md).

IRIs are deterministic: entities from their kind and normalised name (or the
IRI the resolver mapped them to), fact nodes from a hash of the announcement,
the relation and its participants. Emitting the same extraction twice yields
the same quads.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from decimal import Decimal

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from oregraph import __version__
from oregraph.ingest.lexicon import STATE_OWNER_RULE, fold, known_org, slug, state_owner
from oregraph.ingest.records import Entity, Extraction, Fact, Sentence
from oregraph.ontology import COMMODITY_NS, DCTERMS, OG, PROV, RDFS, SKOS, XSD
from oregraph.settings import DEFAULT_BASE_IRI

__all__ = ["announcement_iri", "entity_iri", "quads", "to_dataset", "to_graph", "AGREEMENT_CLASSES",
           "IDENTIFIER_PROPERTIES", "state_owners", "state_owner_entities", "is_absolute_iri", "LANGUAGE_TAG"]

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


#: entity identifier scheme (``Entity.identifiers`` key) -> the property it is written with
IDENTIFIER_PROPERTIES = {"lei": OG.lei}
#: a BCP 47 language tag as dcterms:language accepts it ("fr", "en", "fr-CA")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_STATE_CLASSES = {"StateOwnedEnterprise", "CrownCorporation"}


def is_absolute_iri(value: str) -> bool:
    """Whether ``value`` is an absolute IRI (a scheme, then a valid IRI).

    >>> is_absolute_iri("file:///data/a.html"), is_absolute_iri("pages/a.html"), is_absolute_iri("urn:x")
    (True, False, True)
    """
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        return False
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


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
    if ann.retrieved_from and ann.retrieved_from != ann.source:
        if is_absolute_iri(ann.retrieved_from):
            yield g, PROV.atLocation, URIRef(ann.retrieved_from), g
        else:
            yield g, OG.retrievedFrom, Literal(ann.retrieved_from), g
    if ann.language and LANGUAGE_TAG.fullmatch(ann.language):
        yield g, DCTERMS.language, Literal(ann.language), g
    yield g, OG.contentHash, Literal(ann.content_hash), g
    yield g, OG.text, Literal(ann.text), g
    yield g, OG.extractorVersion, Literal(__version__), g
    if ex.title:
        yield g, DCTERMS.title, Literal(ex.title), g
    if ex.date:
        yield g, DCTERMS.date, Literal(ex.date, datatype=XSD.date), g
    if ex.publisher:
        yield g, DCTERMS.publisher, Literal(ex.publisher), g

    owners = state_owners(ex)
    for key, ent in {**ex.entities, **state_owner_entities(ex, owners)}.items():
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
        for scheme, value in sorted(ent.identifiers.items()):
            if scheme in IDENTIFIER_PROPERTIES:
                yield node, IDENTIFIER_PROPERTIES[scheme], Literal(value), g

    for fact in ex.facts:
        yield from _fact_quads(fact, g, iri, ann.content_hash, base)
    for soe, gov, sentence in owners:
        yield from _state_owner_quads(ex, soe, gov, sentence, g, iri, base)


def state_owners(ex: Extraction) -> list[tuple[str, str, Sentence]]:
    """``(enterprise key, government key, sentence)`` for each state-owned enterprise of the
    extraction that the curated list (``organizations.tsv``) gives a government for.

    The sentence is the first that names the enterprise: the evidence of where the
    announcement mentions it. The government's key is that of a document entity
    that already is the government, else one minted from its name.
    """
    out: list[tuple[str, str, Sentence]] = []
    for key, ent in ex.entities.items():
        if ent.kind != "org" or not _STATE_CLASSES & ent.classes:
            continue
        gov = state_owner(ent.names())
        if gov is None:
            continue
        gov_names = {fold(n) for n in (gov.label, *gov.aliases)}
        gov_key = next((k for k, e in ex.entities.items() if e.kind == "org" and (
            known_org(e.names()) == gov or fold(e.label) in gov_names)), f"org-{slug(gov.label)}")
        sentence = _naming_sentence(ex, key, ent)
        if gov_key != key and sentence is not None:
            out.append((key, gov_key, sentence))
    return out


def state_owner_entities(ex: Extraction, owners: list[tuple[str, str, Sentence]] | None = None
                         ) -> dict[str, Entity]:
    """The governments :func:`state_owners` names that the document itself does not name."""
    extra: dict[str, Entity] = {}
    for soe, gov_key, _ in state_owners(ex) if owners is None else owners:
        if gov_key in ex.entities or gov_key in extra:
            continue
        gov = state_owner(ex.entities[soe].names())
        assert gov is not None  # state_owners found it
        extra[gov_key] = Entity(gov_key, "org", gov.label, {"GovernmentBody"}, set(gov.aliases))
    return extra


def _naming_sentence(ex: Extraction, key: str, ent: Entity) -> Sentence | None:
    names = sorted(ent.names(), key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names if n.strip()), re.I)
    for sentence in ex.sentences:
        if pattern.search(sentence.text):
            return sentence
    return next((f.sentence for f in ex.facts if key in (f.subject, f.object)), None)


def _state_owner_quads(ex: Extraction, soe: str, gov: str, sentence: Sentence, g: URIRef, iri,
                       base: str) -> Iterator[Quad]:
    s, o = iri(soe), iri(gov)
    node = URIRef(f"{base}statement-{_hash(ex.announcement.content_hash, 'stateOwner', str(s), str(o))}")
    yield s, OG.stateOwner, o, g
    yield from _statement(node, s, OG.stateOwner, o, g)
    fact = Fact("stateOwner", soe, gov, sentence, STATE_OWNER_RULE, confidence=0.9)
    yield from _evidence(node, fact, g)
    yield node, RDFS.comment, Literal(
        f"The government comes from oregraph's curated list of organizations (organizations.tsv), "
        f"not from the announcement, which names {ex.entities[soe].label} in the evidence sentence."), g


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
