"""Entity search, resolution and detail over hand-written announcement graphs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import RDF, URIRef

from oregraph.errors import AmbiguousEntity, EntityNotFound, QueryError
from oregraph.graph.entities import (
    AnnouncementRef, EntityDetail, EntitySummary, FactView, announcements_of, class_hierarchy,
    entity_detail, fold, resolve, search, summary_of,
)
from oregraph.graph.store import Store
from oregraph.ontology import OG
from oregraph.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_fixtures  # noqa: E402
from graph_fixtures import ID, Announcement, iri  # noqa: E402

# the shared fixtures, made this module's own
store, chain = graph_fixtures.store, graph_fixtures.chain


def ids(summaries: list[EntitySummary]) -> list[str]:
    return [s.id for s in summaries]


# -- search ------------------------------------------------------------------------


def test_search_ignores_accents_and_case(store: Store, chain) -> None:
    assert ids(search(store, "Investissement Quebec")) == ["org-investissement-quebec"]
    assert ids(search(store, "INVESTISSEMENT QUÉBEC")) == ["org-investissement-quebec"]
    assert search(store, "investissement")[0].label == "Investissement Québec"


def test_search_by_alias_and_ticker(store: Store, chain) -> None:
    assert ids(search(store, "Government of Quebec")) == ["org-gouvernement-du-quebec"]
    assert ids(search(store, "TSXV:IPG")) == ["org-imperial-mining-group"]
    assert ids(search(store, "tsxv:ipg")) == ["org-imperial-mining-group"]
    imperial = search(store, "IPG")[0]
    assert imperial.id == "org-imperial-mining-group"
    assert imperial.tickers == ["TSXV:IPG"]
    assert imperial.aliases == ["Imperial", "IPG"]


def test_search_ranks_exact_then_prefix_then_substring(store: Store) -> None:
    ann = Announcement("alcoa")
    ann.org("reynolds-alcoa", "Reynolds and Alcoa Partners")
    ann.org("alcoa-corporation", "Alcoa Corporation")
    ann.org("alcoa", "Alcoa")
    ann.org("alumina", "Alumina Limited", "Alcoa's partner")
    ann.add_to(store)
    assert ids(search(store, "alcoa")) == [
        "org-alcoa", "org-alcoa-corporation", "org-alumina", "org-reynolds-alcoa",
    ]


def test_search_with_an_empty_query_lists_entities_by_label(store: Store, chain) -> None:
    everything = search(store, "", limit=1000)
    labels = [fold(e.label) for e in everything]
    assert labels == sorted(labels)
    assert {e.id for e in everything} >= {
        "org-albecour", "place-ca-qc", "commodity-scandium", "project-crater-lake",
        "person-peter-cashin",
    }
    # announcements, stakes, statements and listings are not entities
    assert not [e for e in everything if e.id.startswith(("announcement-", "stake-", "listing-", "statement-"))]
    assert len(search(store, "", limit=3)) == 3
    assert search(store, "", limit=0) == []


def test_an_entity_named_in_two_announcements_is_one_result(store: Store, chain) -> None:
    assert ids(search(store, "albecour")) == ["org-albecour"]


def test_search_filters_by_type_with_subclasses(store: Store, chain) -> None:
    companies = ids(search(store, "", type="Company"))
    assert "org-investissement-quebec" in companies  # a StateOwnedEnterprise
    assert "org-albecour" in companies
    assert "org-gouvernement-du-quebec" not in companies  # a GovernmentBody
    assert ids(search(store, "quebec", type="organization")) == [
        "org-gouvernement-du-quebec", "org-investissement-quebec",
    ]
    assert ids(search(store, "", type="og:Place")) == ["place-ca", "place-ca-qc"]
    with pytest.raises(QueryError, match="unknown entity type 'Smelter'.*Company"):
        search(store, "", type="Smelter")


def test_types_are_most_specific_first(store: Store) -> None:
    ann = Announcement("crown")
    node = ann.org("hydro-quebec", "Hydro-Québec", cls="Company")
    ann.add(node, RDF.type, OG.CrownCorporation)
    ann.add(node, RDF.type, OG.Organization)
    ann.add_to(store)
    assert summary_of(store, str(node)).types == ["CrownCorporation", "Company", "Organization"]


def test_class_hierarchy_has_the_core_tree() -> None:
    tree = class_hierarchy()
    assert tree.descendants("Company") >= {"Company", "StateOwnedEnterprise", "CrownCorporation"}
    assert tree.descendants("Facility") >= {"Facility", "Plant", "Mine"}
    assert "Shareholding" not in tree.entity_classes
    assert tree.canonical("og:stateownedenterprise") == "StateOwnedEnterprise"


def test_fold() -> None:
    assert fold("Sept-Îles") == "sept-iles"
    assert fold("Ste\u2019Marie  Inc.") == "ste'marie inc."


# -- resolve -----------------------------------------------------------------------


@pytest.mark.parametrize("ref", [
    "org-imperial-mining-group",
    ID + "org-imperial-mining-group",
    "TSXV:IPG",
    "ipg",
    "Imperial Mining Group Ltd.",
    "imperial mining group ltd.",
    "Imperial",
])
def test_resolve_by_id_iri_ticker_name_and_alias(store: Store, chain, ref: str) -> None:
    assert resolve(store, ref).id == "org-imperial-mining-group"


def test_resolve_ignores_accents(store: Store, chain) -> None:
    assert resolve(store, "Investissement Quebec").id == "org-investissement-quebec"
    assert resolve(store, "  quebec ").id == "place-ca-qc"


def test_resolve_ambiguous_names_list_the_candidates(store: Store, chain) -> None:
    ann = Announcement("alouette-plant")
    ann.facility("aluminerie-alouette", "Aluminerie Alouette aluminium plant", "Alouette")
    ann.add_to(store)
    with pytest.raises(AmbiguousEntity) as caught:
        resolve(store, "alouette")
    assert caught.value.candidates == [
        ("facility-aluminerie-alouette", "Aluminerie Alouette aluminium plant"),
        ("org-aluminerie-alouette", "Aluminerie Alouette Inc."),
    ]
    assert "facility-aluminerie-alouette" in str(caught.value)
    assert "ids instead" in str(caught.value)
    # an id or the full label is not ambiguous
    assert resolve(store, "facility-aluminerie-alouette").label.endswith("plant")
    assert resolve(store, "Aluminerie Alouette Inc.").id == "org-aluminerie-alouette"


def test_a_label_match_wins_over_an_alias_match(store: Store) -> None:
    ann = Announcement("names")
    ann.org("rio-tinto", "Rio Tinto")
    ann.org("rio-tinto-alcan", "Rio Tinto Alcan Inc.", "Rio Tinto")
    ann.add_to(store)
    assert resolve(store, "rio tinto").id == "org-rio-tinto"


def test_resolve_unknown_says_what_to_do(store: Store, chain) -> None:
    with pytest.raises(EntityNotFound, match="oregraph query") as caught:
        resolve(store, "Albecor")  # a typo
    assert "'Albecor'" in str(caught.value)
    assert "close matches: org-albecour (Albecour Inc.)" in str(caught.value)
    with pytest.raises(EntityNotFound) as caught:
        resolve(store, "Zyxwvut Holdings")
    assert "close matches" not in str(caught.value)
    with pytest.raises(EntityNotFound):
        resolve(store, ID + "org-nobody")
    with pytest.raises(EntityNotFound):
        resolve(store, "")
    with pytest.raises(EntityNotFound):
        resolve(store, "stake-" + "0" * 16)  # a node, not an entity


def test_resolve_uses_the_configured_base(tmp_path: Path) -> None:
    base = "https://example.org/kg/"
    with Store.memory(Settings(base_iri=base, store=str(tmp_path))) as store:
        ann = Announcement("custom-base")
        ann.add(URIRef(base + "org-x"), RDF.type, OG.Company)
        ann.add_to(store)
        assert resolve(store, "org-x").iri == base + "org-x"


# -- summaries and detail -----------------------------------------------------------


def test_summary_of(store: Store, chain) -> None:
    assert summary_of(store, str(chain["iq"])) == EntitySummary(
        "org-investissement-quebec", ID + "org-investissement-quebec", "Investissement Québec",
        ["StateOwnedEnterprise"], ["IQ"], [],
    )
    assert summary_of(store, str(chain["imperial"])).tickers == ["TSXV:IPG"]
    with pytest.raises(EntityNotFound):
        summary_of(store, ID + "org-nobody")


def _facts(detail: EntityDetail, predicate: str) -> list[FactView]:
    return [f for f in detail.facts if f.predicate == predicate]


def test_detail_of_a_company(store: Store, chain) -> None:
    detail = entity_detail(store, str(chain["albecour"]))
    assert detail.summary.id == "org-albecour"

    (parent,) = _facts(detail, "subsidiaryOf")
    assert (parent.direction, parent.other.id, parent.share) == ("out", "org-investissement-quebec", 100.0)
    assert parent.controlling is True
    assert parent.evidence == "Albecour, a wholly-owned subsidiary of IQ."
    assert parent.rule == "stake.test" and parent.confidence == 0.9
    assert parent.announcement is not None
    assert (parent.announcement.title, parent.announcement.date) == ("IQ and Albecour", "2023-07-13")
    assert parent.announcement.source == "file:///data/iq-albecour.txt"
    assert parent.announcement.id.startswith("announcement-")

    (stake,) = _facts(detail, "ownsStakeIn")
    assert (stake.direction, stake.other.label, stake.share) == ("out", "Aluminerie Alouette Inc.", 6.67)

    (partner,) = _facts(detail, "partnerOf")
    assert partner.other.id == "org-imperial-mining-group"
    assert (partner.agreement_type, partner.status, partner.date) == (
        "MemorandumOfUnderstanding", "signed", "2023-07-13")
    assert partner.announcement.title == "Imperial and Albecour sign MOU"

    (place,) = _facts(detail, "locatedIn")
    assert place.other.id == "place-ca-qc" and place.evidence == "locatedIn statement."


def test_detail_sees_relations_from_the_other_side(store: Store, chain) -> None:
    iq = entity_detail(store, str(chain["iq"]))
    subsidiaries = _facts(iq, "subsidiaryOf")
    assert sorted((f.direction, f.other.id) for f in subsidiaries) == [
        ("in", "org-albecour"), ("out", "org-gouvernement-du-quebec"),
    ]

    imperial = entity_detail(store, str(chain["imperial"]))
    (listing,) = _facts(imperial, "listing")
    assert listing.other.label == "TSXV:IPG" and listing.other.id == "listing-tsxv-ipg"
    (officer,) = _facts(imperial, "officerOf")
    assert (officer.direction, officer.other.label, officer.title) == ("in", "Peter J. Cashin", "President and CEO")
    (operates,) = _facts(imperial, "operates")
    assert (operates.direction, operates.other.id) == ("out", "project-crater-lake")

    project = entity_detail(store, str(chain["project"]))
    assert [(f.predicate, f.direction, f.other.id) for f in project.facts] == [
        ("commodity", "out", "commodity-scandium"), ("operates", "in", "org-imperial-mining-group"),
    ]


def test_shortcuts_without_a_node_are_facts_without_evidence(store: Store, chain) -> None:
    qc = entity_detail(store, str(chain["qc"]))
    located = sorted(((f.direction, f.other.id, f.evidence) for f in _facts(qc, "locatedIn")))
    assert located == [
        ("in", "org-albecour", "locatedIn statement."), ("out", "place-ca", None),
    ]
    # no fact is listed twice (node plus its own shortcut)
    detail = entity_detail(store, str(chain["albecour"]))
    keys = [(f.predicate, f.direction, f.other.iri) for f in detail.facts]
    assert len(keys) == len(set(keys))


def test_acquisition_facts(store: Store) -> None:
    ann = Announcement("takeover", date="2024-02-01")
    buyer = ann.org("buyer", "Buyer Corp.")
    target = ann.facility("target-mine", "Target Mine", cls="Mine")
    ann.acquisition(buyer, target, 75, status="proposed", evidence="Buyer will acquire 75% of Target Mine.")
    ann.add_to(store)
    (fact,) = entity_detail(store, str(buyer)).facts
    assert (fact.predicate, fact.direction, fact.other.id, fact.share, fact.status) == (
        "acquires", "out", "facility-target-mine", 75.0, "proposed")
    (back,) = entity_detail(store, str(target)).facts
    assert (back.direction, back.other.id) == ("in", "org-buyer")


def test_the_same_fact_from_two_announcements_is_two_facts(store: Store) -> None:
    for name, date in (("first", "2022-01-01"), ("second", "2024-01-01")):
        ann = Announcement(name, date=date)
        ann.stake(ann.org("a", "A Corp."), ann.org("b", "B Corp."), 10 if name == "first" else 20)
        ann.add_to(store)
    facts = entity_detail(store, ID + "org-a").facts
    assert sorted((f.share, f.announcement.date) for f in facts) == [(10.0, "2022-01-01"), (20.0, "2024-01-01")]


def test_announcements_of(store: Store, chain) -> None:
    refs = announcements_of(store, str(chain["albecour"]))
    assert [r.title for r in refs] == ["Imperial and Albecour sign MOU", "IQ and Albecour"]
    assert all(isinstance(r, AnnouncementRef) for r in refs)
    assert [r.title for r in announcements_of(store, str(chain["gov"]))] == ["IQ and Albecour"]
    assert announcements_of(store, ID + "org-nobody") == []


def test_unknown_entity_detail(store: Store) -> None:
    with pytest.raises(EntityNotFound):
        entity_detail(store, iri("org-nobody"))


def test_search_sees_every_write_through_the_store(store: Store, chain) -> None:
    assert search(store, "newco") == []
    ann = Announcement("newco")
    ann.org("newco", "NewCo Metals")
    ann.add_to(store)
    assert ids(search(store, "newco")) == ["org-newco"]
    store.update(
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        f"INSERT DATA {{ GRAPH <{ann.graph_iri}> {{ <{ID}org-newco> rdfs:label \"NewCo Metals and Mining Inc.\" }} }}"
    )
    assert search(store, "newco")[0].label == "NewCo Metals and Mining Inc."
    store.remove_graph(ann.graph_iri)
    assert search(store, "newco") == []
