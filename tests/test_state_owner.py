"""og:stateOwner: the government behind a state-owned enterprise, from the curated list.

When an announcement names an enterprise that ``organizations.tsv`` lists with
a ``state_owner``, emit links it to that government (a proper
og:GovernmentBody node, resolved like any entity) with provenance: rule
``lexicon.state_owner``, the sentence naming the enterprise, a note that the
government comes from the curated list. The companies and mines are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from oregraph.graph.state import state_share
from oregraph.graph.store import Store
from oregraph.graph.validate import validate_store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.emit import quads, state_owners
from oregraph.ingest.extract import extract
from oregraph.ingest.lexicon import state_owner
from oregraph.ingest.records import Announcement
from oregraph.ontology import OG

ID = "https://w3id.org/oregraph/id/"
PREFIXES = """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
CODELCO = ID + "org-corporacion-nacional-del-cobre-de-chile"
CHILE = ID + "org-government-of-chile"
RELEASE = ("Codelco holds a 10% interest in Copper Ridge Mining Ltd., which operates the Quebrada Azul "
           "copper mine. Copper Ridge Mining Ltd. is otherwise held by private investors.\n")


@pytest.fixture
def store():
    with Store.memory() as st:
        yield st


def _ingest(store: Store, tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = ingest_paths(store, [path])
    assert report.ingested == [str(path)], report.failed


def test_the_curated_list_names_a_government_for_each_listed_enterprise() -> None:
    assert state_owner(["Codelco"]).label == "Government of Chile"
    assert state_owner(["Hydro-Québec"]).label == "Government of Québec"
    assert state_owner(["Gecamines"]).label == "Government of the Democratic Republic of the Congo"
    assert state_owner(["Glencore"]) is None  # a company: no state owner


def test_an_announcement_naming_an_soe_links_it_to_its_government(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "codelco.txt", RELEASE)
    rows = store.select(PREFIXES + """
        SELECT ?soe ?gov ?g ?label ?type ?evidence ?start ?end ?rule ?note ?derived ?text WHERE { GRAPH ?g {
          ?soe og:stateOwner ?gov . ?gov a ?type ; rdfs:label ?label .
          ?n rdf:subject ?soe ; rdf:predicate og:stateOwner ; rdf:object ?gov ;
             og:evidence ?evidence ; og:evidenceStart ?start ; og:evidenceEnd ?end ; og:rule ?rule ;
             rdfs:comment ?note ; prov:wasDerivedFrom ?derived .
          ?g og:text ?text } }""", {"soe": URIRef(CODELCO), "gov": URIRef(CHILE)})
    (row,) = rows
    assert (str(row["label"]), row["type"], str(row["rule"])) == ("Government of Chile", OG.GovernmentBody,
                                                                  "lexicon.state_owner")
    assert row["derived"] == row["g"] and "organizations.tsv" in str(row["note"])
    text = str(row["text"])
    assert text[int(row["start"]):int(row["end"])] == str(row["evidence"])
    assert "Codelco" in str(row["evidence"])
    assert validate_store(store).conforms


def test_the_state_roll_up_names_the_government_behind_the_soe(store: Store, tmp_path: Path) -> None:
    _ingest(store, tmp_path, "codelco.txt", RELEASE)
    (gov,) = state_share(store, ID + "org-copper-ridge-mining").governments
    assert (gov.iri, gov.label, gov.identified, gov.effective_share) == (CHILE, "Government of Chile", True, 10.0)
    assert gov.via == ["org-corporacion-nacional-del-cobre-de-chile"]


def test_the_government_resolves_to_the_node_already_stored(store: Store, tmp_path: Path) -> None:
    # a table names the government in French and makes it hold the crown corporation
    table = tmp_path / "registry.csv"
    table.write_text("owner,owned,share,owner_type,owned_type,source\n"
                     "Gouvernement du Québec,Investissement Québec,100,government,crown,a registry\n",
                     encoding="utf-8")
    ingest_paths(store, [table])
    _ingest(store, tmp_path, "iq.txt", "Albecour Inc. is a wholly-owned subsidiary of Investissement Québec, "
                                       "and will build a scandium plant near Bécancour.\n")
    owners = store.select(PREFIXES + "SELECT DISTINCT ?soe ?gov WHERE { ?soe og:stateOwner ?gov }",
                          {"soe": URIRef(ID + "org-investissement-quebec")})
    assert [str(r["gov"]) for r in owners] == [ID + "org-gouvernement-du-quebec"]
    governments = store.select(PREFIXES + "SELECT DISTINCT ?g WHERE { ?g a og:GovernmentBody }")
    assert [str(r["g"]) for r in governments] == [ID + "org-gouvernement-du-quebec"]
    assert validate_store(store).conforms
    # the ownership edge, not the state owner, carries the share
    (gov,) = state_share(store, ID + "org-albecour").governments
    assert (gov.id, gov.effective_share) == ("org-gouvernement-du-quebec", 100.0)


def test_companies_and_unlisted_soes_get_no_state_owner() -> None:
    ex = extract(Announcement(text="Glencore holds 20% of Copper Ridge Mining Ltd. alongside Codelco.",
                              source="urn:example"))
    assert [(soe, gov) for soe, gov, _ in state_owners(ex)] == [
        ("org-corporacion-nacional-del-cobre-de-chile", "org-government-of-chile")]
    unlisted = extract(Announcement(text="Nordland Minerals Holdings Inc. holds 25% of Birch Holdings Ltd.",
                                    source="urn:example"))
    unlisted.entities["org-nordland-minerals-holdings"].classes.add("StateOwnedEnterprise")
    assert state_owners(unlisted) == []
    assert not any(p == OG.stateOwner for _, p, _, _ in quads(unlisted))
