"""The vocabulary, the commodity scheme and the SHACL shapes.

The core term list is hard-coded from the ONTOLOGY-CORE contract: those IRIs
must not change. The SHACL tests start from one small valid announcement
written as docs/data-model.md describes it, then break it one way at a time
and check that validation names the node, the property and the fix.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable
from decimal import Decimal

import pyoxigraph
import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from oregraph.graph.validate import (
    ValidationReport,
    store_to_graph,
    validate_graph,
    validate_store,
)
from oregraph.ontology import (
    COMMODITY_NS,
    OG,
    ORG,
    SCHEMA,
    commodities_graph,
    ontology_graph,
    shapes_graph,
)

# rdflib's TriG parser uses its own deprecated ConjunctiveGraph internally.
pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
    pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning"),
]

ID = Namespace("https://w3id.org/oregraph/id/")
# A plain Namespace: rdflib's closed XSD namespace warns when pytest probes it.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
WD = "http://www.wikidata.org/entity/Q"
SH = Namespace("http://www.w3.org/ns/shacl#")

CORE_CLASSES = [
    "Organization", "Company", "StateOwnedEnterprise", "CrownCorporation", "GovernmentBody",
    "Facility", "Plant", "Mine", "Project", "Commodity", "Person", "Place",
    "Agreement", "MemorandumOfUnderstanding", "LetterOfIntent", "JointVenture",
    "OfftakeAgreement", "SupplyAgreement", "OptionAgreement", "Collaboration",
    "StrategicInvestment", "Acquisition", "Shareholding", "Position", "Listing", "Announcement",
]
CORE_OBJECT_PROPERTIES = [
    "subsidiaryOf", "ownsStakeIn", "partnerOf", "operates", "commodity", "locatedIn",
    "officerOf", "acquires", "holder", "held", "party", "acquirer", "target",
    "person", "organization", "listing",
]
CORE_DATATYPE_PROPERTIES = ["share", "dateSigned", "status", "title", "exchange", "ticker"]
# Terms of docs/data-model.md beyond the core contract.
EXTRA_DATATYPE_PROPERTIES = [
    "nameKey", "evidence", "evidenceStart", "evidenceEnd", "rule", "confidence",
    "extractorVersion", "contentHash", "text", "controlling", "binding", "symbol", "lei", "retrievedFrom",
]
AGREEMENT_SUBCLASSES = [
    "MemorandumOfUnderstanding", "LetterOfIntent", "JointVenture", "OfftakeAgreement",
    "SupplyAgreement", "OptionAgreement", "Collaboration", "StrategicInvestment", "Acquisition",
]
EDGE_ANNOTATIONS = ["edgeSource", "edgeTarget", "edgeWeight", "edgeShortcut"]


@pytest.fixture(scope="module")
def ont() -> Graph:
    return ontology_graph()


@pytest.fixture(scope="module")
def com() -> Graph:
    return commodities_graph()


# ---------------------------------------------------------------------------
# Ontology
# ---------------------------------------------------------------------------


def _declared(ont: Graph, name: str, kind: URIRef) -> None:
    term = OG[name]
    assert (term, RDF.type, kind) in ont, f"og:{name} is not declared as {kind}"
    labels = list(ont.objects(term, RDFS.label))
    comments = list(ont.objects(term, RDFS.comment))
    assert len(labels) == 1 and str(labels[0]).strip(), f"og:{name} needs one rdfs:label"
    assert comments and str(comments[0]).strip(), f"og:{name} needs an rdfs:comment"


@pytest.mark.parametrize("name", CORE_CLASSES)
def test_core_class_declared_with_label_and_comment(ont: Graph, name: str) -> None:
    _declared(ont, name, OWL.Class)


@pytest.mark.parametrize("name", CORE_OBJECT_PROPERTIES)
def test_core_object_property_declared(ont: Graph, name: str) -> None:
    _declared(ont, name, OWL.ObjectProperty)


@pytest.mark.parametrize("name", CORE_DATATYPE_PROPERTIES + EXTRA_DATATYPE_PROPERTIES)
def test_datatype_property_declared(ont: Graph, name: str) -> None:
    _declared(ont, name, OWL.DatatypeProperty)


def test_state_owner_links_an_enterprise_to_its_government(ont: Graph) -> None:
    _declared(ont, "stateOwner", OWL.ObjectProperty)
    assert ont.value(OG.stateOwner, RDFS.domain) == OG.StateOwnedEnterprise
    assert ont.value(OG.stateOwner, RDFS.range) == OG.GovernmentBody


def test_lei_is_a_string_of_organizations_aligned_with_schema(ont: Graph) -> None:
    assert ont.value(OG.lei, RDFS.domain) == OG.Organization
    assert ont.value(OG.lei, RDFS.range) == XSD.string
    assert (OG.lei, RDFS.subPropertyOf, SCHEMA.leiCode) in ont


@pytest.mark.parametrize("name", EDGE_ANNOTATIONS)
def test_edge_annotation_property_declared(ont: Graph, name: str) -> None:
    _declared(ont, name, OWL.AnnotationProperty)


def test_every_og_term_used_is_declared(ont: Graph) -> None:
    used = {t for triple in ont for t in triple if isinstance(t, URIRef) and t.startswith(str(OG))}
    undeclared = {t for t in used if (t, RDFS.label, None) not in ont}
    assert not undeclared


@pytest.mark.parametrize("name", AGREEMENT_SUBCLASSES)
def test_agreement_subclasses(ont: Graph, name: str) -> None:
    assert (OG[name], RDFS.subClassOf, OG.Agreement) in ont


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (OG.Organization, ORG.Organization),
        (OG.Organization, SCHEMA.Organization),
        (OG.Company, OG.Organization),
        (OG.StateOwnedEnterprise, OG.Company),
        (OG.CrownCorporation, OG.StateOwnedEnterprise),
        (OG.GovernmentBody, OG.Organization),
        (OG.Facility, ORG.Site),
        (OG.Plant, OG.Facility),
        (OG.Mine, OG.Facility),
        (OG.Person, SCHEMA.Person),
        (OG.Place, SCHEMA.Place),
        (OG.Announcement, PROV.Entity),
        (OG.Commodity, SKOS.Concept),
        (OG.Position, ORG.Membership),
    ],
)
def test_class_alignment(ont: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subClassOf, sup) in ont


@pytest.mark.parametrize(
    ("sub", "sup"),
    [
        (OG.subsidiaryOf, ORG.subOrganizationOf),
        (OG.subsidiaryOf, SCHEMA.parentOrganization),
        (OG.officerOf, ORG.memberOf),
        (OG.person, ORG.member),
        (OG.organization, ORG.organization),
    ],
)
def test_property_alignment(ont: Graph, sub: URIRef, sup: URIRef) -> None:
    assert (sub, RDFS.subPropertyOf, sup) in ont


def test_property_characteristics(ont: Graph) -> None:
    assert (OG.partnerOf, RDF.type, OWL.SymmetricProperty) in ont
    assert (OG.subsidiaryOf, RDF.type, OWL.TransitiveProperty) in ont
    assert (OG.locatedIn, RDF.type, OWL.TransitiveProperty) in ont
    assert (OG.ownsStakeIn, RDF.type, OWL.TransitiveProperty) not in ont


def test_ownership_edge_is_declared_as_data(ont: Graph) -> None:
    assert ont.value(OG.Shareholding, OG.edgeSource) == OG.holder
    assert ont.value(OG.Shareholding, OG.edgeTarget) == OG.held
    assert ont.value(OG.Shareholding, OG.edgeWeight) == OG.share
    assert ont.value(OG.Shareholding, OG.edgeShortcut) == OG.ownsStakeIn
    # Every class declared as an edge names properties that the ontology declares.
    for cls, prop in ont.subject_objects(OG.edgeSource):
        assert (prop, RDFS.domain, cls) in ont
        assert (ont.value(cls, OG.edgeTarget), RDFS.domain, cls) in ont


def test_ontology_header(ont: Graph) -> None:
    header = URIRef("https://w3id.org/oregraph/ontology")
    assert (header, RDF.type, OWL.Ontology) in ont
    assert str(ont.value(header, OWL.versionInfo)) == "0.1.0"
    assert ont.value(header, DCTERMS.license) is not None
    assert ont.value(header, DCTERMS.description) is not None


# ---------------------------------------------------------------------------
# Commodities
# ---------------------------------------------------------------------------

SCHEME = ID.commodities
# Words a gazetteer must never match as a commodity name.
ENGLISH_WORDS = {"or", "in", "as", "at", "be", "he", "no", "so", "is", "us", "co", "am",
                 "mop", "sop", "apt", "quartz", "fluorine", "iron ore"}


def _concepts(com: Graph) -> list[URIRef]:
    return sorted(c for c in com.subjects(RDF.type, OG.Commodity) if isinstance(c, URIRef))


def test_commodity_scheme_size_and_typing(com: Graph) -> None:
    concepts = _concepts(com)
    assert len(concepts) >= 45
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in com
    for c in concepts:
        assert (c, RDF.type, SKOS.Concept) in com
        assert (c, SKOS.inScheme, SCHEME) in com
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(c)[len(str(COMMODITY_NS)):]), c


def test_commodity_labels(com: Graph) -> None:
    for c in _concepts(com):
        labels = list(com.objects(c, RDFS.label))
        assert len(labels) == 1, f"{c} has {len(labels)} rdfs:label"
        label = str(labels[0])
        assert label == label.lower() and label.strip() == label, c
        pref = [p for p in com.objects(c, SKOS.prefLabel) if p.language == "en"]
        assert [str(p) for p in pref] == [label], c


def test_commodity_iri_slugs_are_fixed(com: Graph) -> None:
    for slug in ["aluminium", "scandium", "rare-earth-elements", "iron-ore", "platinum-group-metals",
                 "lithium", "copper", "gold", "uranium", "vanadium", "graphite", "potash"]:
        assert (COMMODITY_NS[slug], RDF.type, OG.Commodity) in com, slug


@pytest.mark.parametrize(
    ("slug", "alt"),
    [
        ("aluminium", "aluminum"),
        ("rare-earth-elements", "rare earths"),
        ("rare-earth-elements", "REE"),
        ("lithium", "lithium carbonate"),
        ("lithium", "spodumene"),
        ("lithium", "LCE"),
        ("uranium", "U3O8"),
        ("vanadium", "V2O5"),
        ("platinum-group-metals", "PGM"),
        ("iron-ore", "iron"),
    ],
)
def test_commodity_synonyms(com: Graph, slug: str, alt: str) -> None:
    alts = {str(a) for a in com.objects(COMMODITY_NS[slug], SKOS.altLabel)}
    assert alt in alts


def test_commodity_french_labels(com: Graph) -> None:
    def fr(slug: str) -> set[str]:
        return {str(a) for a in com.objects(COMMODITY_NS[slug], SKOS.altLabel) if a.language == "fr"}

    assert "cuivre" in fr("copper")
    assert "terres rares" in fr("rare-earth-elements")
    assert "argent" in fr("silver")


def test_no_name_points_to_two_commodities(com: Graph) -> None:
    owner: dict[str, URIRef] = {}
    for c in _concepts(com):
        names = {str(n).lower() for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for n in com.objects(c, p)}
        for name in names:
            assert owner.setdefault(name, c) == c, f"{name!r} names both {owner[name]} and {c}"


def test_symbols_are_not_alt_labels(com: Graph) -> None:
    symbols = {str(s).lower() for s in com.objects(None, OG.symbol)}
    assert {"al", "sc", "li", "in", "co", "au"} <= symbols
    for c in _concepts(com):
        for alt in com.objects(c, SKOS.altLabel):
            text = str(alt).lower()
            assert text not in symbols, f"{alt!r} on {c} is a chemical symbol: use og:symbol"
            assert text not in ENGLISH_WORDS or (c, RDFS.label, Literal(text)) in com, alt


def test_commodity_links(com: Graph) -> None:
    concepts = set(_concepts(com))
    for p in (SKOS.broader, SKOS.related):
        for s, o in com.subject_objects(p):
            assert s in concepts and o in concepts, (s, p, o)
    assert (COMMODITY_NS.platinum, SKOS.broader, COMMODITY_NS["platinum-group-metals"]) in com
    assert (COMMODITY_NS.alumina, SKOS.related, COMMODITY_NS.aluminium) in com
    for s, o in com.subject_objects(SKOS.exactMatch):
        assert re.fullmatch(re.escape(WD) + r"[1-9][0-9]*", str(o)), o
    assert (COMMODITY_NS.aluminium, SKOS.exactMatch, URIRef(WD + "663")) in com
    assert (COMMODITY_NS.copper, SKOS.exactMatch, URIRef(WD + "753")) in com
    assert (COMMODITY_NS.scandium, SKOS.exactMatch, URIRef(WD + "713")) in com


def test_commodities_pass_the_shapes(com: Graph) -> None:
    report = validate_graph(com)
    assert report.conforms, str(report)


# ---------------------------------------------------------------------------
# SHACL: a valid announcement, then one breakage at a time
# ---------------------------------------------------------------------------

ANN = ID["announcement-3f2a9c0d1e2b4a5c"]

VALID_TRIG = """
@prefix og:      <https://w3id.org/oregraph/ontology#> .
@prefix id:      <https://w3id.org/oregraph/id/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix rdf:     <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .

id:announcement-3f2a9c0d1e2b4a5c {
  id:announcement-3f2a9c0d1e2b4a5c a og:Announcement ;
      dcterms:source <file:///data/northwind-boreal.txt> ;
      dcterms:title "Northwind and Québec Minerals sign MOU" ;
      dcterms:date "2023-07-13"^^xsd:date ;
      dcterms:publisher "GLOBE NEWSWIRE" ;
      og:contentHash "3f2a9c0d1e2b4a5c3f2a9c0d1e2b4a5c3f2a9c0d1e2b4a5c3f2a9c0d1e2b4a5c" ;
      og:text "Northwind Metals Inc. (TSXV: NWM) holds 51% of Boréal Scandium Inc. ..." ;
      og:extractorVersion "0.1.0" .

  id:org-northwind-metals a og:Company ;
      rdfs:label "Northwind Metals Inc." ; skos:altLabel "Northwind", "NWM" ;
      og:nameKey "northwind metals", "northwind", "nwm" ;
      og:listing id:listing-tsxv-nwm .
  id:org-boreal-scandium a og:Company ;
      rdfs:label "Boréal Scandium Inc." ; skos:altLabel "Boréal Scandium"@fr ;
      og:nameKey "boreal scandium" .
  id:org-quebec-minerals a og:CrownCorporation ; rdfs:label "Québec Minerals Corporation" .
  id:org-ministry-of-mines a og:GovernmentBody ; rdfs:label "Ministry of Mines" .
  id:facility-northwind-smelter a og:Plant ;
      rdfs:label "Northwind aluminium smelter" ; skos:altLabel "the Smelter" ;
      og:locatedIn id:place-sept-iles ; og:commodity id:commodity-aluminium .
  id:facility-lac-bleu-mine a og:Mine ; rdfs:label "Lac Bleu mine" .
  id:project-lac-vert a og:Project ; rdfs:label "Lac Vert project" ;
      og:commodity id:commodity-scandium ; og:locatedIn id:place-ca-qc .
  id:person-jane-tremblay a og:Person ; rdfs:label "Jane Tremblay" .
  id:place-sept-iles a og:Place ; rdfs:label "Sept-Îles" ; og:locatedIn id:place-ca-qc .
  id:place-ca-qc a og:Place ; rdfs:label "Québec" ; og:locatedIn id:place-ca .
  id:place-ca a og:Place ; rdfs:label "Canada" .
  id:commodity-scandium a og:Commodity, skos:Concept ; rdfs:label "scandium" .
  id:commodity-aluminium a og:Commodity, skos:Concept ; rdfs:label "aluminium" .

  # subsidiary: shortcut triples and a controlling shareholding
  id:org-northwind-metals og:ownsStakeIn id:org-boreal-scandium .
  id:org-boreal-scandium og:subsidiaryOf id:org-northwind-metals .
  id:stake-00000000000000a1 a og:Shareholding ;
      og:holder id:org-northwind-metals ; og:held id:org-boreal-scandium ;
      og:share 51.0 ; og:controlling true ;
      og:evidence "Northwind Metals Inc. (TSXV: NWM) holds 51% of Boréal Scandium Inc." ;
      og:evidenceStart 0 ; og:evidenceEnd 67 ;
      og:rule "stake.pct_owner_of" ; og:confidence 0.9 ;
      prov:wasDerivedFrom id:announcement-3f2a9c0d1e2b4a5c .

  # stake with unknown percentage
  id:org-quebec-minerals og:ownsStakeIn id:project-lac-vert .
  id:stake-00000000000000a2 a og:Shareholding ;
      og:holder id:org-quebec-minerals ; og:held id:project-lac-vert ;
      og:evidence "Québec Minerals holds an interest in the Lac Vert project." ;
      og:evidenceStart 70 ; og:evidenceEnd 128 ;
      og:rule "stake.interest_in" ; og:confidence 0.7 ;
      prov:wasDerivedFrom id:announcement-3f2a9c0d1e2b4a5c .

  # partnership
  id:org-northwind-metals og:partnerOf id:org-quebec-minerals .
  id:org-quebec-minerals og:partnerOf id:org-northwind-metals .
  id:agreement-00000000000000b1 a og:MemorandumOfUnderstanding ;
      og:party id:org-northwind-metals, id:org-quebec-minerals ;
      og:status "signed" ; og:dateSigned "2023-07-12"^^xsd:date ; og:binding false ;
      og:commodity id:commodity-scandium ;
      og:evidence "Northwind and Québec Minerals signed a non-binding MOU." ;
      og:evidenceStart 130 ; og:evidenceEnd 185 ;
      og:rule "agreement.signed" ; og:confidence 0.85 ;
      prov:wasDerivedFrom id:announcement-3f2a9c0d1e2b4a5c .

  # acquisition (no og:party: acquirer and target instead)
  id:org-northwind-metals og:acquires id:facility-lac-bleu-mine .
  id:acquisition-00000000000000c1 a og:Acquisition ;
      og:acquirer id:org-northwind-metals ; og:target id:facility-lac-bleu-mine ;
      og:share 100.0 ; og:status "proposed" ;
      og:evidence "Northwind proposes to acquire the Lac Bleu mine." ;
      og:evidenceStart 187 ; og:evidenceEnd 235 ;
      og:rule "acquisition.proposes" ; og:confidence 0.8 ;
      prov:wasDerivedFrom id:announcement-3f2a9c0d1e2b4a5c .

  # officer
  id:person-jane-tremblay og:officerOf id:org-northwind-metals .
  id:position-00000000000000d1 a og:Position ;
      og:person id:person-jane-tremblay ; og:organization id:org-northwind-metals ;
      og:title "President and Chief Executive Officer" ;
      og:evidence "Jane Tremblay, President and Chief Executive Officer of Northwind" ;
      og:evidenceStart 237 ; og:evidenceEnd 302 ;
      og:rule "officer.title_of" ; og:confidence 0.95 ;
      prov:wasDerivedFrom id:announcement-3f2a9c0d1e2b4a5c .

  # listing
  id:listing-tsxv-nwm a og:Listing ; og:exchange "TSXV" ; og:ticker "NWM" ;
      og:evidence "Northwind Metals Inc. (TSXV: NWM)" ;
      og:evidenceStart 0 ; og:evidenceEnd 34 ;
      og:rule "listing.paren" ; og:confidence 0.99 ;
      prov:wasDerivedFrom id:announcement-3f2a9c0d1e2b4a5c .

  # operates, with a reified statement carrying the evidence
  id:org-northwind-metals og:operates id:facility-northwind-smelter .
  id:statement-00000000000000e1 a rdf:Statement ;
      rdf:subject id:org-northwind-metals ; rdf:predicate og:operates ;
      rdf:object id:facility-northwind-smelter ;
      og:evidence "Northwind operates the Northwind aluminium smelter." ;
      og:evidenceStart 304 ; og:evidenceEnd 355 ;
      og:rule "operates.operator_of" ; og:confidence 0.8 ;
      prov:wasDerivedFrom id:announcement-3f2a9c0d1e2b4a5c .
}
"""


def _valid() -> Dataset:
    ds = Dataset()
    ds.parse(data=VALID_TRIG, format="trig")
    return ds


def _set(ds: Dataset, s: URIRef, p: URIRef, o: object) -> None:
    """Replace every value of ``s p`` in the announcement graph."""
    g = ds.graph(ANN)
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o if isinstance(o, (URIRef, Literal, BNode)) else Literal(o)))


def _add(ds: Dataset, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
    ds.graph(ANN).add((s, p, o))


def test_valid_announcement_conforms() -> None:
    report = validate_graph(_valid())
    assert report.conforms, str(report)
    assert report.violations == []


def test_valid_announcement_conforms_with_commodity_scheme_loaded(com: Graph) -> None:
    ds = _valid()
    for triple in com:
        ds.graph(URIRef("urn:x-oregraph:commodities")).add(triple)
    report = validate_graph(ds)
    assert report.conforms, str(report)


def test_validation_does_not_change_the_input() -> None:
    ds = _valid()
    before = len(list(ds.quads((None, None, None, None))))
    validate_graph(ds)
    assert len(list(ds.quads((None, None, None, None)))) == before


def test_typed_xsd_string_literal_counts_as_plain() -> None:
    ds = _valid()
    _set(ds, ID["listing-tsxv-nwm"], OG.exchange, Literal("TSXV", datatype=XSD.string))
    assert validate_graph(ds).conforms


Breakage = Callable[[Dataset], None]
STAKE = ID["stake-00000000000000a1"]
AGREEMENT = ID["agreement-00000000000000b1"]
ACQUISITION = ID["acquisition-00000000000000c1"]
POSITION = ID["position-00000000000000d1"]
LISTING = ID["listing-tsxv-nwm"]
NORTHWIND = ID["org-northwind-metals"]

BAD_CASES: list[tuple[str, Breakage, URIRef, URIRef, str]] = [
    # (case, breakage, focus node, path, words the message must contain)
    ("share 150",
     lambda ds: _set(ds, STAKE, OG.share, Literal(Decimal("150.0"))),
     STAKE, OG.share, "between 0 and 100"),
    ("share as integer",
     lambda ds: _set(ds, STAKE, OG.share, Literal(51)),
     STAKE, OG.share, "xsd:decimal"),
    ("negative share on an acquisition",
     lambda ds: _set(ds, ACQUISITION, OG.share, Literal(Decimal("-5"))),
     ACQUISITION, OG.share, "between 0 and 100"),
    ("shareholding with two holders",
     lambda ds: _add(ds, STAKE, OG.holder, ID["org-quebec-minerals"]),
     STAKE, OG.holder, "exactly one og:holder"),
    ("shareholding without held",
     lambda ds: _set(ds, STAKE, OG.held, None),
     STAKE, OG.held, "exactly one og:held"),
    ("listing on exchange XYZ",
     lambda ds: _set(ds, LISTING, OG.exchange, "XYZ"),
     LISTING, OG.exchange, "exchange codes"),
    ("lower-case ticker",
     lambda ds: _set(ds, LISTING, OG.ticker, "nwm"),
     LISTING, OG.ticker, "upper-case"),
    ("entity with two labels",
     lambda ds: _add(ds, NORTHWIND, RDFS.label, Literal("Northwind")),
     NORTHWIND, RDFS.label, "more than one rdfs:label"),
    ("entity without label",
     lambda ds: _set(ds, ID["project-lac-vert"], RDFS.label, None),
     ID["project-lac-vert"], RDFS.label, "no rdfs:label"),
    ("entity with blank label",
     lambda ds: _set(ds, ID["place-ca"], RDFS.label, "  "),
     ID["place-ca"], RDFS.label, "non-empty string"),
    ("agreement with one party",
     lambda ds: ds.graph(ANN).remove((AGREEMENT, OG.party, ID["org-quebec-minerals"])),
     AGREEMENT, None, "at least two og:party"),
    ("joint venture with one party",
     lambda ds: _set(ds, AGREEMENT, RDF.type, OG.JointVenture)
     or ds.graph(ANN).remove((AGREEMENT, OG.party, ID["org-quebec-minerals"])),
     AGREEMENT, None, "at least two og:party"),
    ("unknown agreement status",
     lambda ds: _set(ds, AGREEMENT, OG.status, "done"),
     AGREEMENT, OG.status, "\"proposed\""),
    ("acquisition without target",
     lambda ds: _set(ds, ACQUISITION, OG.target, None),
     ACQUISITION, OG.target, "exactly one og:target"),
    ("position without title",
     lambda ds: _set(ds, POSITION, OG.title, None),
     POSITION, OG.title, "exactly one og:title"),
    ("announcement without content hash",
     lambda ds: _set(ds, ANN, OG.contentHash, None),
     ANN, OG.contentHash, "exactly one og:contentHash"),
    ("announcement with two dates",
     lambda ds: _add(ds, ANN, DCTERMS.date, Literal("2023-07-14", datatype=XSD.date)),
     ANN, DCTERMS.date, "at most one dcterms:date"),
    ("evidence node without prov:wasDerivedFrom",
     lambda ds: _set(ds, STAKE, PROV.wasDerivedFrom, None),
     STAKE, PROV.wasDerivedFrom, "no prov:wasDerivedFrom"),
    ("evidence derived from a non-announcement",
     lambda ds: _set(ds, POSITION, PROV.wasDerivedFrom, NORTHWIND),
     POSITION, PROV.wasDerivedFrom, "og:Announcement"),
    ("evidence node derived from two announcements",
     lambda ds: _add(ds, STAKE, PROV.wasDerivedFrom, ID["announcement-0000000000000000"])
     or _add(ds, ID["announcement-0000000000000000"], RDF.type, OG.Announcement)
     or _add(ds, ID["announcement-0000000000000000"], OG.contentHash, Literal("0" * 64)),
     STAKE, None, "more than one prov:wasDerivedFrom"),
    ("confidence above 1",
     lambda ds: _set(ds, AGREEMENT, OG.confidence, Literal(Decimal("1.5"))),
     AGREEMENT, OG.confidence, "between 0 and 1"),
]


@pytest.mark.parametrize(
    ("breakage", "focus", "path", "words"),
    [case[1:] for case in BAD_CASES],
    ids=[case[0] for case in BAD_CASES],
)
def test_broken_data_fails_with_a_useful_message(
    breakage: Breakage, focus: URIRef, path: URIRef | None, words: str
) -> None:
    ds = _valid()
    breakage(ds)
    _assert_one_violation(validate_graph(ds), focus, path, words)


def _assert_one_violation(report: ValidationReport, focus: URIRef, path: URIRef | None, words: str) -> None:
    """The breakage is the only problem, reported once, where it is, in words that name the fix."""
    assert not report.conforms
    assert len(report.violations) == 1, str(report)
    (violation,) = report.violations
    assert violation.focus_node == str(focus)
    assert violation.path == (None if path is None else str(path))
    assert violation.severity == "Violation"
    assert words in violation.message
    assert str(focus) in str(report)


def test_a_shared_listing_may_come_from_two_announcements() -> None:
    ds = _valid()
    other = ID["announcement-0000000000000000"]
    g = ds.graph(other)
    g.add((other, RDF.type, OG.Announcement))
    g.add((other, OG.contentHash, Literal("0" * 64)))
    g.add((LISTING, PROV.wasDerivedFrom, other))
    g.add((LISTING, OG.evidence, Literal("Northwind (TSXV: NWM)")))
    assert validate_graph(ds).conforms


def test_report_text_for_humans() -> None:
    ds = _valid()
    _set(ds, STAKE, OG.share, Literal(Decimal("150")))
    text = str(validate_graph(ds))
    assert "1 problem(s) found" in text
    assert "(value: 150)" in text
    ok = validate_graph(_valid())
    assert isinstance(ok, ValidationReport)
    assert "conforms" in str(ok)


# ---------------------------------------------------------------------------
# Oxigraph stores
# ---------------------------------------------------------------------------


def _store(trig: str) -> types.SimpleNamespace:
    ox = pyoxigraph.Store()
    ox.load(trig.encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
    return types.SimpleNamespace(to_oxigraph=lambda: ox)


def test_valid_store_conforms() -> None:
    report = validate_store(_store(VALID_TRIG))
    assert report.conforms, str(report)


def test_store_violations_are_found() -> None:
    bad = VALID_TRIG.replace('og:exchange "TSXV"', 'og:exchange "XYZ"').replace("og:share 51.0", "og:share 150.0")
    report = validate_store(_store(bad))
    assert not report.conforms
    found = {(v.focus_node, v.path, v.value) for v in report.violations}
    assert found == {
        (str(LISTING), str(OG.exchange), "XYZ"),
        (str(STAKE), str(OG.share), "150"),  # Oxigraph keeps decimals in canonical form
    }


def test_store_terms_become_rdflib_terms() -> None:
    ox = pyoxigraph.Store()
    s = pyoxigraph.NamedNode("https://w3id.org/oregraph/id/org-x")
    b = pyoxigraph.BlankNode("b1")
    g = pyoxigraph.NamedNode("https://w3id.org/oregraph/id/announcement-1")
    ox.add(pyoxigraph.Quad(s, pyoxigraph.NamedNode(str(SKOS.altLabel)), pyoxigraph.Literal("Québec", language="fr"), g))
    ox.add(pyoxigraph.Quad(s, pyoxigraph.NamedNode(str(OG.share)),
                           pyoxigraph.Literal("51.0", datatype=pyoxigraph.NamedNode(str(XSD.decimal))), g))
    ox.add(pyoxigraph.Quad(s, pyoxigraph.NamedNode(str(RDFS.label)), pyoxigraph.Literal("X"), pyoxigraph.DefaultGraph()))
    ox.add(pyoxigraph.Quad(b, pyoxigraph.NamedNode(str(RDFS.seeAlso)), s, g))
    graph = store_to_graph(types.SimpleNamespace(to_oxigraph=lambda: ox))
    x = URIRef("https://w3id.org/oregraph/id/org-x")
    assert (x, SKOS.altLabel, Literal("Québec", lang="fr")) in graph
    share = graph.value(x, OG.share)
    assert isinstance(share, Literal) and share.datatype == XSD.decimal
    assert share.toPython() == Decimal("51")
    assert (x, RDFS.label, Literal("X")) in graph
    assert (BNode("b1"), RDFS.seeAlso, x) in graph
    assert len(graph) == 4
    # A bare pyoxigraph.Store is accepted as well.
    assert len(store_to_graph(ox)) == 4


def test_shapes_all_have_messages() -> None:
    shapes = shapes_graph()
    constraint_props = [SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH.pattern, SH["or"],
                        SH["class"], SH.nodeKind, SH.minInclusive, SH.maxInclusive]
    # Shapes used only inside sh:or need no message of their own.
    inner = {m for lst in shapes.objects(None, SH["or"]) for m in shapes.items(lst)}
    inner |= {p for m in inner for p in shapes.objects(m, SH.property)}
    for shape in set(shapes.subjects()):
        if shape in inner or not any((shape, p, None) in shapes for p in constraint_props):
            continue
        assert (shape, SH.message, None) in shapes, f"shape {shape} has no sh:message"


# ---------------------------------------------------------------------------
# LEIs, state owners and where an announcement was read
# ---------------------------------------------------------------------------

QUEBEC_MINERALS = ID["org-quebec-minerals"]
MINISTRY = ID["org-ministry-of-mines"]


def _with_extras(ds: Dataset) -> Dataset:
    _add(ds, NORTHWIND, OG.lei, Literal("5299000EXAMPLE0ORE26"))
    _add(ds, QUEBEC_MINERALS, OG.stateOwner, MINISTRY)
    _add(ds, ANN, PROV.atLocation, URIRef("file:///data/saved-copy.html"))
    _add(ds, ANN, DCTERMS.language, Literal("fr-CA"))
    return ds


def test_lei_state_owner_location_and_language_conform() -> None:
    report = validate_graph(_with_extras(_valid()))
    assert report.conforms, str(report)


@pytest.mark.parametrize(("change", "focus", "path", "words"), [
    (lambda ds: _set(ds, NORTHWIND, OG.lei, Literal("not-an-lei")), NORTHWIND, OG.lei, "ISO 17442"),
    (lambda ds: _add(ds, NORTHWIND, OG.lei, Literal("5299000EXAMPLE0ORE99")), NORTHWIND, OG.lei,
     "more than one og:lei"),
    (lambda ds: _set(ds, QUEBEC_MINERALS, OG.stateOwner, NORTHWIND), QUEBEC_MINERALS, OG.stateOwner,
     "og:GovernmentBody"),
    (lambda ds: _add(ds, NORTHWIND, OG.stateOwner, MINISTRY), NORTHWIND, None, "state-owned enterprise"),
    (lambda ds: _set(ds, ANN, PROV.atLocation, Literal("saved-copy.html")), ANN, PROV.atLocation, "IRI"),
    (lambda ds: _set(ds, ANN, DCTERMS.language, Literal("French")), ANN, DCTERMS.language, "BCP 47"),
], ids=["lei-pattern", "two-leis", "owner-not-government", "owner-of-a-company", "location-literal",
        "language-word"])
def test_broken_extras_fail_with_a_useful_message(change: Callable, focus: URIRef, path: URIRef | None,
                                                  words: str) -> None:
    ds = _with_extras(_valid())
    change(ds)
    _assert_one_violation(validate_graph(ds), focus, path, words)
