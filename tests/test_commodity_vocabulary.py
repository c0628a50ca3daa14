"""The commodity scheme as the extractor reads it.

The scheme (``oregraph/ontology/commodities.ttl``) is the extractor's commodity
gazetteer: every label, prefLabel and altLabel of a concept, folded, names that
concept, and the concept's rdfs:label is the name a fact reports. So a
commodity that is traded in its own right (silicon metal, ferrochrome,
ilmenite) must be a concept of its own, two concepts must never share a name,
and words that are ordinary English words, names or rock-forming minerals
must not be names at all. The sentences below are written for these tests.
"""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from oregraph.ingest.lexicon import fold, lexicon
from oregraph.ontology import COMMODITY_NS, OG, commodities_graph
from tests.test_extraction import run

SCHEME = URIRef("https://w3id.org/oregraph/id/commodities")


@pytest.fixture(scope="module")
def scheme() -> Graph:
    return commodities_graph()


def _concepts(g: Graph) -> list[URIRef]:
    return sorted(c for c in g.subjects(RDF.type, OG.Commodity) if isinstance(c, URIRef))


def _slug(concept: URIRef) -> str:
    return str(concept)[len(str(COMMODITY_NS)):]


def _names(g: Graph, concept: URIRef) -> set[str]:
    return {str(n) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel) for n in g.objects(concept, p)}


def _lexicon_forms(name: str) -> set[str]:
    """The folded forms the lexicon makes of one name (a one-word name also gets its plural)."""
    folded = fold(name)
    forms = {folded}
    if not folded.endswith("s") and len(folded) > 3 and " " not in folded:
        forms.add(folded + "s")
    return forms


# ----------------------------------------------------------------- the scheme


def test_every_concept_has_one_label_one_english_preflabel_and_is_in_the_scheme(scheme: Graph) -> None:
    for c in _concepts(scheme):
        labels = [str(x) for x in scheme.objects(c, RDFS.label)]
        assert len(labels) == 1, f"{c} has rdfs:label {labels}"
        english = [str(p) for p in scheme.objects(c, SKOS.prefLabel) if p.language == "en"]
        assert english == labels, f"{c}: English prefLabel {english} is not its rdfs:label {labels}"
        assert (c, SKOS.inScheme, SCHEME) in scheme, c
        assert (c, RDF.type, SKOS.Concept) in scheme, c


def test_no_folded_name_belongs_to_two_concepts(scheme: Graph) -> None:
    owner: dict[str, URIRef] = {}
    for c in _concepts(scheme):
        for name in _names(scheme, c):
            for form in _lexicon_forms(name):
                first = owner.setdefault(form, c)
                assert first == c, f"{form!r} (from {name!r}) names both {_slug(first)} and {_slug(c)}"


def test_the_lexicon_maps_every_name_to_its_own_concept(scheme: Graph) -> None:
    commodities = lexicon().commodities
    for c in _concepts(scheme):
        label = str(scheme.value(c, RDFS.label))
        for name in _names(scheme, c):
            assert commodities.get(fold(name)) == (_slug(c), label), (name, commodities.get(fold(name)))


def test_each_concept_is_a_top_concept_or_has_a_broader_one_and_the_hierarchy_has_no_cycle(
        scheme: Graph) -> None:
    concepts = set(_concepts(scheme))
    for c in concepts:
        top = (c, SKOS.topConceptOf, SCHEME) in scheme
        broader = set(scheme.objects(c, SKOS.broader))
        assert top != bool(broader), f"{_slug(c)}: top concept {top}, broader {sorted(broader)}"
        assert broader <= concepts, c
        seen, todo = {c}, list(broader)
        while todo:
            b = todo.pop()
            assert b != c, f"{_slug(c)} is broader than itself"
            if b not in seen:
                seen.add(b)
                todo.extend(scheme.objects(b, SKOS.broader))


def test_no_two_concepts_match_the_same_wikidata_item(scheme: Graph) -> None:
    owner: dict[URIRef, URIRef] = {}
    for c in _concepts(scheme):
        matches = list(scheme.objects(c, SKOS.exactMatch))
        assert len(matches) <= 1, (c, matches)
        for m in matches:
            assert owner.setdefault(m, c) == c, f"{m} matches {owner[m]} and {c}"


@pytest.mark.parametrize(
    ("narrower", "broader"),
    [
        ("silicon-metal", "silicon"),
        ("polysilicon", "silicon"),
        ("ferrosilicon", "ferroalloys"),
        ("magnesium-ferrosilicon", "ferrosilicon"),
        ("ferrochrome", "ferroalloys"),
        ("ferromanganese", "ferroalloys"),
        ("silicomanganese", "ferroalloys"),
        ("ferronickel", "ferroalloys"),
        ("ferrovanadium", "ferroalloys"),
        ("ferromolybdenum", "ferroalloys"),
        ("ferrotitanium", "ferroalloys"),
        ("ferroniobium", "ferroalloys"),
        ("ferrotungsten", "ferroalloys"),
        ("praseodymium", "rare-earth-elements"),
        ("lanthanum", "rare-earth-elements"),
        ("yttrium", "rare-earth-elements"),
        ("lutetium", "rare-earth-elements"),
        ("iridium", "platinum-group-metals"),
        ("ruthenium", "platinum-group-metals"),
        ("osmium", "platinum-group-metals"),
        ("ilmenite", "mineral-sands"),
        ("rutile", "mineral-sands"),
        ("leucoxene", "mineral-sands"),
        ("zircon", "mineral-sands"),
        ("stainless-steel", "steel"),
        ("hot-briquetted-iron", "direct-reduced-iron"),
    ],
)
def test_narrower_concepts(scheme: Graph, narrower: str, broader: str) -> None:
    assert (COMMODITY_NS[narrower], SKOS.broader, COMMODITY_NS[broader]) in scheme


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("ferrochromium", "ferrochrome"),
        ("charge chrome", "ferrochrome"),
        ("metallurgical-grade silicon", "silicon-metal"),
        ("silicon metals", "silicon-metal"),
        ("cesium", "caesium"),
        ("barytes", "barite"),
        ("borates", "boron"),
        ("DRI", "direct-reduced-iron"),
        ("HBI", "hot-briquetted-iron"),
        ("china clay", "kaolin"),
        ("ferrosilicium", "ferrosilicon"),
        ("praséodyme", "praseodymium"),
        ("nickel sulphate", "nickel"),  # a product form stays with its metal
        ("cobalt sulfate", "cobalt"),
    ],
)
def test_synonyms_spellings_and_product_forms_name_their_concept(name: str, slug: str) -> None:
    assert lexicon().commodities[fold(name)][0] == slug


@pytest.mark.parametrize(
    ("name", "former_owner"),
    [
        ("silicon metal", "silicon"),
        ("ferrosilicon", "silicon"),
        ("polysilicon", "silicon"),
        ("ferrochrome", "chromium"),
        ("ferromanganese", "manganese"),
        ("ferrovanadium", "vanadium"),
        ("ilmenite", "titanium"),
        ("zircon", "zirconium"),
        ("stainless steel", "steel"),
        ("pig iron", "iron-ore"),
    ],
)
def test_traded_products_are_no_longer_names_of_their_element(scheme: Graph, name: str,
                                                               former_owner: str) -> None:
    owner = COMMODITY_NS[former_owner]
    assert fold(name) not in {fold(n) for n in _names(scheme, owner)}
    assert lexicon().commodities[fold(name)][1] == name


@pytest.mark.parametrize(
    "word",
    ["salt", "lime", "sand", "quartz", "feldspar", "mica", "sulphur", "ruby", "emerald", "sapphire",
     "mercury", "beryl", "trona", "nepheline", "kaolinite", "bore"],
)
def test_ordinary_words_names_and_rock_minerals_are_not_commodity_names(word: str) -> None:
    assert fold(word) not in lexicon().commodities


# ------------------------------------------------------------- the extractor

def _commodities_of(text: str, subject: str) -> set[str]:
    ex = run(text)
    return {ex.entities[f.object].label for f in ex.facts
            if f.predicate == "commodity" and subject in ex.entities[f.subject].names()}


@pytest.mark.parametrize(
    ("text", "subject", "expected"),
    [
        pytest.param("Tarnwick Alloys Inc produces silicon metal and magnesium ferrosilicon at its Brora plant.",
                     "Tarnwick Alloys Inc", {"silicon metal", "magnesium ferrosilicon"}, id="silicon-metal"),
        pytest.param("Tarnwick Alloys Inc produces silicon metals and magnesium ferrosilicon at its Brora plant.",
                     "Tarnwick Alloys Inc", {"silicon metal", "magnesium ferrosilicon"}, id="silicon-metals"),
        pytest.param("Lumen Solar Materials Inc produces polysilicon at its Harlan plant in Montana.",
                     "Lumen Solar Materials Inc", {"polysilicon"}, id="polysilicon"),
        pytest.param("Velmora Resources Ltd is exploring for copper, molybdenum and rhenium at its Kestrel "
                     "project in Chile.", "Velmora Resources Ltd", {"copper", "molybdenum", "rhenium"},
                     id="rhenium"),
        pytest.param("Penmore Metals Ltd is exploring for terbium, dysprosium, praseodymium and neodymium at "
                     "its Harrow project.", "Penmore Metals Ltd",
                     {"terbium", "dysprosium", "praseodymium", "neodymium"}, id="praseodymium"),
        pytest.param("Corvane Metals Ltd produces ferrochrome and charge chrome at its Tessel smelter in "
                     "South Africa.", "Corvane Metals Ltd", {"ferrochrome"}, id="ferrochrome"),
        pytest.param("Tamsin Resources Ltd will supply ferrochrome, ferromanganese and silicomanganese to "
                     "Kessel Steel AG.", "Tamsin Resources Ltd",
                     {"ferrochrome", "ferromanganese", "silicomanganese"}, id="manganese-alloys"),
        pytest.param("Tamsin Metals Ltd produces ferronickel and nickel pig iron at its Weda plant in "
                     "Indonesia.", "Tamsin Metals Ltd", {"ferronickel", "nickel pig iron"}, id="nickel-alloys"),
        pytest.param("Dunmore Sands Ltd produces ilmenite, rutile, leucoxene and zircon at its Yarra mineral "
                     "sands mine.", "Dunmore Sands Ltd", {"ilmenite", "rutile", "leucoxene", "zircon"},
                     id="mineral-sands"),
        pytest.param("Kessel Steel AG produces pig iron and hot briquetted iron at its Duisburg plant.",
                     "Kessel Steel AG", {"pig iron", "hot briquetted iron"}, id="iron-units"),
        pytest.param("Kessel Steel AG produces stainless steel at its Duisburg plant.",
                     "Kessel Steel AG", {"stainless steel"}, id="stainless-steel"),
        pytest.param("Harlow Minerals Inc produces soda ash, borates and barytes at its Green River operations.",
                     "Harlow Minerals Inc", {"soda ash", "boron", "barite"}, id="industrial-minerals"),
        pytest.param("Tessaly Lithium Corp is exploring for lithium, cesium and rubidium at its Ferris project "
                     "in Manitoba.", "Tessaly Lithium Corp", {"lithium", "caesium", "rubidium"}, id="caesium"),
        pytest.param("Orvik Platinum Ltd mines platinum, palladium, rhodium, ruthenium and iridium at its "
                     "Kestrel mine in South Africa.", "Orvik Platinum Ltd",
                     {"platinum", "palladium", "rhodium", "ruthenium", "iridium"}, id="platinum-group"),
        pytest.param("Lakeshore Energy Inc produces low-sulphur coal at its Brent mine in West Virginia.",
                     "Lakeshore Energy Inc", {"coal"}, id="low-sulphur-coal"),
        pytest.param("Penmore Metals Ltd is exploring for neodymium, praseodymium and terbium at its Harrow "
                     "project.", "Penmore Metals Ltd", {"neodymium", "praseodymium", "terbium"},
                     id="neodymium-comma-praseodymium"),
    ],
)
def test_sentences_give_the_commodity_that_is_named(text: str, subject: str, expected: set[str]) -> None:
    assert _commodities_of(text, subject) == expected


def test_a_commodity_fact_points_at_the_concept_of_the_scheme(scheme: Graph) -> None:
    ex = run("Tarnwick Alloys Inc produces silicon metal at its Brora plant.")
    objects = {f.object for f in ex.facts if f.predicate == "commodity"}
    assert objects == {"commodity-silicon-metal"}
    assert (COMMODITY_NS["silicon-metal"], RDFS.label, None) in scheme


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Halden Mining Corp opened an office in Salt Lake City, Utah, and hired a lead engineer "
                     "for its Fenwick gold mine.", id="salt-lake-city-and-lead-engineer"),
        pytest.param("Ruby Tran, chief executive of Orvik Gold Corp, celebrated a ruby anniversary at the "
                     "Fenwick gold mine.", id="ruby"),
        pytest.param("Orvik Gold Corp moved its office to Emerald, Queensland, near its Fenwick coal mine.",
                     id="emerald-queensland"),
        pytest.param("The Harrow lithium project hosts pegmatites composed of quartz, feldspar and mica.",
                     id="pegmatite-minerals"),
        pytest.param("Orvik Gold Corp's Fenwick gold project hosts mineralisation in feldspar porphyry and "
                     "mica schist with kaolinite alteration.", id="porphyry-geology"),
        pytest.param("The Ormond smelter of Lakeshore Metals Inc cut sulphur dioxide emissions and produces "
                     "copper cathode.", id="sulphur-dioxide"),
    ],
)
def test_ordinary_words_places_and_geology_give_no_commodity(text: str) -> None:
    ex = run(text)
    named = {e.label for e in ex.entities.values() if e.kind == "commodity"}
    assert named <= {"gold", "coal", "lithium", "copper"}, named
