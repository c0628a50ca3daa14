"""Hand-written quads that follow docs/data-model.md, for graph-layer tests.

One :class:`Announcement` builder per named graph: it describes the
announcement node, the entities it names and each fact as a shortcut triple
plus the n-ary node carrying the evidence, exactly as the extractor writes
them.

    ann = Announcement("imperial-albecour", date="2023-07-13")
    albecour = ann.org("albecour", "Albecour Inc.", "Albecour")
    ann.stake(iq, albecour, 100, controlling=True)
    ann.add_to(store)

A test module that imports the fixtures :func:`store` (an empty in-memory
store) and :func:`chain` (that store holding :func:`alouette_chain`) gets
them as its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

import pytest
from rdflib import BNode, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from oregraph.graph.store import Store
from oregraph.ontology import OG

# A plain namespace: rdflib's closed XSD namespace warns under doctest collection.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

ID = "https://w3id.org/oregraph/id/"


def iri(entity_id: str) -> URIRef:
    return URIRef(ID + entity_id)


def _hex(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


class Announcement:
    """Collects the quads of one announcement's named graph."""

    def __init__(
        self, name: str, *, date: str | None = "2023-07-13", title: str | None = None,
        source: str | None = None, publisher: str | None = "GLOBE NEWSWIRE",
    ) -> None:
        self.name = name
        self.node = iri(f"announcement-{_hex('announcement', name)}")
        self.quads: list[tuple] = []
        self.add(self.node, RDF.type, OG.Announcement)
        self.add(self.node, DCTERMS.title, Literal(title or f"Announcement {name}"))
        self.add(self.node, DCTERMS.source, URIRef(source or f"file:///data/{name}.txt"))
        if date is not None:
            self.add(self.node, DCTERMS.date, Literal(date, datatype=XSD.date))
        if publisher:
            self.add(self.node, DCTERMS.publisher, Literal(publisher))
        self.add(self.node, OG.contentHash, Literal(_hex("text", name) * 4))
        self.add(self.node, OG.text, Literal(f"The text of {name}."))
        self.add(self.node, OG.extractorVersion, Literal("0.1.0"))

    @property
    def graph_iri(self) -> str:
        return str(self.node)

    def add(self, s: URIRef | BNode, p: URIRef, o: URIRef | BNode | Literal) -> None:
        self.quads.append((s, p, o, self.node))

    def add_to(self, store) -> int:
        return store.add_graph(self.graph_iri, self.quads)

    # -- entities ----------------------------------------------------------

    def entity(self, entity_id: str, cls: str, label: str, *aliases: str) -> URIRef:
        node = iri(entity_id)
        self.add(node, RDF.type, OG[cls])
        self.add(node, RDFS.label, Literal(label))
        for alias in aliases:
            self.add(node, SKOS.altLabel, Literal(alias))
        return node

    def org(self, slug: str, label: str, *aliases: str, cls: str = "Company") -> URIRef:
        return self.entity(f"org-{slug}", cls, label, *aliases)

    def facility(self, slug: str, label: str, *aliases: str, cls: str = "Plant") -> URIRef:
        return self.entity(f"facility-{slug}", cls, label, *aliases)

    def project(self, slug: str, label: str, *aliases: str) -> URIRef:
        return self.entity(f"project-{slug}", "Project", label, *aliases)

    def person(self, slug: str, label: str) -> URIRef:
        return self.entity(f"person-{slug}", "Person", label)

    def place(self, slug: str, label: str, within: URIRef | None = None) -> URIRef:
        node = self.entity(f"place-{slug}", "Place", label)
        if within is not None:
            self.add(node, OG.locatedIn, within)
        return node

    def commodity(self, slug: str, label: str) -> URIRef:
        node = self.entity(f"commodity-{slug}", "Commodity", label)
        self.add(node, RDF.type, SKOS.Concept)
        return node

    def listing(self, company: URIRef, exchange: str, ticker: str) -> URIRef:
        node = iri(f"listing-{exchange.lower()}-{ticker.lower()}")
        self.add(node, RDF.type, OG.Listing)
        self.add(node, OG.exchange, Literal(exchange))
        self.add(node, OG.ticker, Literal(ticker))
        self.add(company, OG.listing, node)
        return node

    # -- facts -------------------------------------------------------------

    def _evidence(self, node: URIRef, evidence: str, rule: str, confidence: float) -> None:
        self.add(node, OG.evidence, Literal(evidence))
        self.add(node, OG.evidenceStart, Literal(0))
        self.add(node, OG.evidenceEnd, Literal(len(evidence)))
        self.add(node, OG.rule, Literal(rule))
        self.add(node, OG.confidence, Literal(str(confidence), datatype=XSD.decimal))
        self.add(node, PROV.wasDerivedFrom, self.node)

    def _fact_node(self, kind: str, *participants: URIRef) -> URIRef:
        return iri(f"{kind}-{_hex(self.name, kind, *participants)}")

    def _two_roles(self, kind: str, cls: URIRef, share: float | str | None = None,
                   **roles: URIRef) -> URIRef:
        """The n-ary node of a fact between two participants (og role -> node), with its share."""
        node = self._fact_node(kind, *roles.values())
        self.add(node, RDF.type, cls)
        for role, participant in roles.items():
            self.add(node, OG[role], participant)
        if share is not None:
            self.add(node, OG.share, Literal(str(share), datatype=XSD.decimal))
        return node

    def stake(
        self, holder: URIRef, held: URIRef, share: float | str | None = None, *,
        controlling: bool = False, evidence: str | None = None, rule: str = "stake.test",
        confidence: float = 0.9,
    ) -> URIRef:
        """A Shareholding; ``controlling`` writes ``held og:subsidiaryOf holder`` as the shortcut."""
        node = self._two_roles("stake", OG.Shareholding, share, holder=holder, held=held)
        if controlling:
            self.add(held, OG.subsidiaryOf, holder)
            self.add(node, OG.controlling, Literal(True))
        else:
            self.add(holder, OG.ownsStakeIn, held)
        self._evidence(node, evidence or f"{holder} holds {share}% of {held}.", rule, confidence)
        return node

    def agreement(
        self, parties: Iterable[URIRef], cls: str = "MemorandumOfUnderstanding", *,
        status: str = "signed", date_signed: str | None = None, evidence: str | None = None,
        rule: str = "partner.test", confidence: float = 0.8,
    ) -> URIRef:
        parties = list(parties)
        node = self._fact_node("agreement", *parties)
        for a in parties:
            for b in parties:
                if a != b:
                    self.add(a, OG.partnerOf, b)
        self.add(node, RDF.type, OG[cls])
        for party in parties:
            self.add(node, OG.party, party)
        self.add(node, OG.status, Literal(status))
        if date_signed:
            self.add(node, OG.dateSigned, Literal(date_signed, datatype=XSD.date))
        self._evidence(node, evidence or f"{cls} between parties.", rule, confidence)
        return node

    def acquisition(
        self, acquirer: URIRef, target: URIRef, share: float | None = None, *,
        status: str = "completed", evidence: str | None = None,
    ) -> URIRef:
        node = self._two_roles("acquisition", OG.Acquisition, share, acquirer=acquirer, target=target)
        self.add(acquirer, OG.acquires, target)
        self.add(node, OG.status, Literal(status))
        self._evidence(node, evidence or "An acquisition.", "acquire.test", 0.85)
        return node

    def position(self, person: URIRef, organization: URIRef, title: str) -> URIRef:
        node = self._two_roles("position", OG.Position, person=person, organization=organization)
        self.add(person, OG.officerOf, organization)
        self.add(node, OG.title, Literal(title))
        self._evidence(node, f"{title} of the company.", "officer.test", 0.9)
        return node

    def statement(self, subject: URIRef, predicate: str, obj: URIRef, *, evidence: str | None = None) -> URIRef:
        """``operates``, ``commodity`` or ``locatedIn`` with its rdf:Statement node."""
        node = self._fact_node("statement", subject, predicate, obj)
        self.add(subject, OG[predicate], obj)
        self.add(node, RDF.type, RDF.Statement)
        self.add(node, RDF.subject, subject)
        self.add(node, RDF.predicate, OG[predicate])
        self.add(node, RDF.object, obj)
        self._evidence(node, evidence or f"{predicate} statement.", f"{predicate}.test", 0.7)
        return node


def alouette_chain(store) -> dict[str, URIRef]:
    """Government of Québec -100-> Investissement Québec -100-> Albecour -6.67-> Aluminerie Alouette Inc.

    Two announcements; also a listing, a partnership, an officer and places.
    """
    first = Announcement("iq-albecour", date="2023-07-13", title="IQ and Albecour")
    gov = first.org("gouvernement-du-quebec", "Gouvernement du Québec", "Government of Québec",
                    cls="GovernmentBody")
    iq = first.org("investissement-quebec", "Investissement Québec", "IQ", cls="StateOwnedEnterprise")
    albecour = first.org("albecour", "Albecour Inc.", "Albecour")
    alouette = first.org("aluminerie-alouette", "Aluminerie Alouette Inc.", "Alouette")
    first.stake(gov, iq, 100, controlling=True, evidence="IQ is wholly owned by the Government of Québec.")
    first.stake(iq, albecour, 100, controlling=True, evidence="Albecour, a wholly-owned subsidiary of IQ.")
    first.stake(albecour, alouette, 6.67, evidence="Albecour holds 6.67% of Aluminerie Alouette Inc.")
    qc = first.place("ca-qc", "Québec", within=first.place("ca", "Canada"))
    first.statement(albecour, "locatedIn", qc)

    second = Announcement("imperial-albecour", date="2023-08-01", title="Imperial and Albecour sign MOU")
    imperial = second.org("imperial-mining-group", "Imperial Mining Group Ltd.", "Imperial", "IPG")
    second.listing(imperial, "TSXV", "IPG")
    albecour2 = second.org("albecour", "Albecour Inc.", "Albecour")
    second.agreement([imperial, albecour2], "MemorandumOfUnderstanding", status="signed",
                     date_signed="2023-07-13", evidence="Imperial and Albecour signed an MOU.")
    ceo = second.person("peter-cashin", "Peter J. Cashin")
    second.position(ceo, imperial, "President and CEO")
    scandium = second.commodity("scandium", "scandium")
    project = second.project("crater-lake", "Crater Lake project", "Crater Lake")
    second.statement(imperial, "operates", project)
    second.statement(project, "commodity", scandium)
    first.add_to(store)
    second.add_to(store)
    return {
        "gov": gov, "iq": iq, "albecour": albecour, "alouette": alouette, "imperial": imperial,
        "ceo": ceo, "scandium": scandium, "project": project, "qc": qc,
        "first": first.node, "second": second.node,
    }


@pytest.fixture
def store() -> Iterator[Store]:
    """An empty in-memory store, closed after the test."""
    with Store.memory() as s:
        yield s


@pytest.fixture
def chain(store: Store) -> dict[str, URIRef]:
    """:func:`alouette_chain` written into ``store``."""
    return alouette_chain(store)


# -- builders for the ownership analytics tests (issue 5) -------------------------


def stakes_announcement(
    store, name: str, stakes: list[tuple[str, str, float | None]], *, date: str | None = "2023-01-01",
    classes: dict[str, str] | None = None, controlling: Iterable[tuple[str, str]] = (),
    confidence: float = 0.9, rule: str = "stake.test",
) -> Announcement:
    """One announcement stating ``stakes`` (holder slug, held slug, share) between org-<slug> nodes.

    ``classes`` gives an og class per slug (default Company; ``Mine``/``Plant``
    make a facility-<slug>, ``Project`` a project-<slug>); ``controlling``
    lists the (holder, held) pairs written as controlling stakes.
    """
    classes = classes or {}
    controlled = set(controlling)
    ann = Announcement(name, date=date)

    def node(slug: str) -> URIRef:
        cls = classes.get(slug, "Company")
        if cls in ("Mine", "Plant", "Facility"):
            return ann.facility(slug, slug.replace("-", " ").title(), cls=cls)
        if cls == "Project":
            return ann.project(slug, slug.replace("-", " ").title())
        return ann.org(slug, slug.replace("-", " ").title(), cls=cls)

    for holder, held, share in stakes:
        ann.stake(node(holder), node(held), share, controlling=(holder, held) in controlled,
                  confidence=confidence, rule=rule)
    ann.add_to(store)
    return ann


def state_two_levels(store) -> dict[str, URIRef]:
    """A mine held by the state through two state-owned levels, and by an SOE with no named government.

    Province of Nordland (GovernmentBody) -100 controlling-> Nordland Development Corp.
    (CrownCorporation) -60-> Nordland Minerals Holdings (StateOwnedEnterprise) -25-> Boreal
    Nickel Mine; Pinecrest Mining -65-> the mine; Andes Copper Company (StateOwnedEnterprise,
    located in Chile, owner not stated) -10-> the mine; the Province also holds 5% of Pinecrest.
    By hand: Nordland 1.0 x 0.6 x 0.25 + 0.05 x 0.65 = 18.25%; the unnamed government 10%.
    """
    ann = Announcement("nordland-state", date="2024-02-01")
    gov = ann.org("province-of-nordland", "Province of Nordland", "Nordland", cls="GovernmentBody")
    ndc = ann.org("nordland-development", "Nordland Development Corp.", cls="CrownCorporation")
    nmh = ann.org("nordland-minerals", "Nordland Minerals Holdings", cls="StateOwnedEnterprise")
    pine = ann.org("pinecrest-mining", "Pinecrest Mining Ltd.")
    andes = ann.org("andes-copper", "Andes Copper Company", cls="StateOwnedEnterprise")
    chile = ann.place("cl", "Chile")
    ann.add(andes, OG.locatedIn, chile)
    nickel = ann.commodity("nickel", "nickel")
    mine = ann.facility("boreal-nickel", "Boreal Nickel Mine", cls="Mine")
    ann.statement(mine, "commodity", nickel)
    ann.stake(gov, ndc, 100, controlling=True)
    ann.stake(ndc, nmh, 60)
    ann.stake(nmh, mine, 25)
    ann.stake(pine, mine, 65)
    ann.stake(andes, mine, 10)
    ann.stake(gov, pine, 5)
    ann.add_to(store)
    return {"gov": gov, "ndc": ndc, "nmh": nmh, "pine": pine, "andes": andes, "mine": mine,
            "chile": chile, "nickel": nickel, "ann": ann.node}
