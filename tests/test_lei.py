"""Legal Entity Identifiers from stake tables: stored as og:lei, merged on, validated.

The LEIs here are made up (18 characters of our own and valid ISO 17442 check
digits); the companies are fictional.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from oregraph.graph.store import Store
from oregraph.graph.validate import validate_store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.emit import quads
from oregraph.ingest.stakes import clean_ticker, parse_row, row_extraction
from oregraph.ontology import OG

ID = "https://w3id.org/oregraph/id/"
PREFIXES = """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _lei(prefix: str) -> str:
    """A made-up LEI: 18 characters and the ISO 7064 MOD 97-10 check digits that make it valid."""
    assert len(prefix) == 18
    number = int("".join(str(int(c, 36)) for c in prefix + "00"))
    return f"{prefix}{98 - number % 97:02d}"


ALDER_LEI = _lei("OREGRAPHALDERMIN01")
BIRCH_LEI = _lei("OREGRAPHBIRCHHOLD2")
HEADER = "owner,owned,share,source,owner_lei,owned_lei\n"


@pytest.fixture
def store():
    with Store.memory() as st:
        yield st


def _table(tmp_path: Path, name: str, rows: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def _orgs_with_lei(store: Store) -> dict[str, tuple[str, str]]:
    rows = store.select(PREFIXES + "SELECT ?e ?label ?lei WHERE { ?e og:lei ?lei ; rdfs:label ?label }")
    return {str(r["e"]): (str(r["label"]), str(r["lei"])) for r in rows}


def test_a_row_stores_both_leis_as_og_lei() -> None:
    row = parse_row({"owner": "Alder Mining Inc.", "owned": "Birch Holdings Ltd.", "share": "45",
                     "source": "a registry", "owner_lei": ALDER_LEI.lower(), "owned_lei": BIRCH_LEI})
    ex = row_extraction(row, "file:///tables/a.csv#row=2")
    assert ex.entities["org-alder-mining"].identifiers == {"lei": ALDER_LEI}
    written = {(s, p, o) for s, p, o, _ in quads(ex)}
    assert (URIRef(ID + "org-alder-mining"), OG.lei, Literal(ALDER_LEI)) in written
    assert (URIRef(ID + "org-birch-holdings"), OG.lei, Literal(BIRCH_LEI)) in written


def test_two_tables_spelling_names_differently_merge_by_lei(store: Store, tmp_path: Path) -> None:
    first = _table(tmp_path, "first.csv",
                   f"Alder Mining Inc.,Birch Holdings Ltd.,45,Registry A,{ALDER_LEI},{BIRCH_LEI}\n")
    # the same two legal entities under names no name rule would merge
    second = _table(tmp_path, "second.csv",
                    f"Société Minière Aulne,Bouleau Participations,50,Registre B,{ALDER_LEI},{BIRCH_LEI}\n")
    ingest_paths(store, [first])
    report = ingest_paths(store, [second])
    assert report.ingested == [f"{second} row 2"]
    assert _orgs_with_lei(store) == {ID + "org-alder-mining": ("Alder Mining Inc.", ALDER_LEI),
                                     ID + "org-birch-holdings": ("Birch Holdings Ltd.", BIRCH_LEI)}
    reasons = {name: reason for name, _, reason in report.merges}
    assert reasons == {"Société Minière Aulne": f"lei {ALDER_LEI}", "Bouleau Participations": f"lei {BIRCH_LEI}"}
    shares = store.select(PREFIXES + "SELECT ?h ?x ?s WHERE { ?n og:holder ?h ; og:held ?x ; og:share ?s }")
    assert {(str(r["h"]), str(r["x"]), float(r["s"].toPython())) for r in shares} == {
        (ID + "org-alder-mining", ID + "org-birch-holdings", 45.0),
        (ID + "org-alder-mining", ID + "org-birch-holdings", 50.0)}
    # the second spelling is kept as a name of the same node
    alt = store.select(PREFIXES + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                       "SELECT ?e ?n WHERE { ?e skos:altLabel ?n }", {"e": URIRef(ID + "org-alder-mining")})
    assert "Société Minière Aulne" in {str(r["n"]) for r in alt}
    assert validate_store(store).conforms


def test_a_different_lei_does_not_merge_a_different_spelling(store: Store, tmp_path: Path) -> None:
    first = _table(tmp_path, "first.csv", f"Alder Mining Inc.,Birch Holdings Ltd.,45,Registry A,{ALDER_LEI},\n")
    second = _table(tmp_path, "second.csv",
                    f"Société Minière Aulne,Birch Holdings Ltd.,10,Registre B,{_lei('OREGRAPHOTHERCO003')},\n")
    ingest_paths(store, [first, second])
    assert set(_orgs_with_lei(store)) == {ID + "org-alder-mining", ID + "org-societe-miniere-aulne"}


def test_an_invalid_lei_is_a_row_error_and_the_row_is_not_stored(store: Store, tmp_path: Path) -> None:
    broken = ALDER_LEI[:-1] + str((int(ALDER_LEI[-1]) + 1) % 10)  # wrong check digit
    table = _table(tmp_path, "bad.csv", f"Alder Mining Inc.,Birch Holdings Ltd.,45,Registry A,{broken},\n"
                                        f"Cedar Copper Ltd.,Birch Holdings Ltd.,5,Registry A,,{BIRCH_LEI}\n")
    report = ingest_paths(store, [table])
    assert report.ingested == [f"{table} row 3"]
    (reason,) = dict(report.failed).values()
    assert f"LEI '{broken}' is not a valid Legal Entity Identifier" in reason
    assert _orgs_with_lei(store) == {ID + "org-birch-holdings": ("Birch Holdings Ltd.", BIRCH_LEI)}


@pytest.mark.parametrize(("written", "code"), [
    ("Bourse de croissance TSX: ABC", "TSXV"), ("Bourse de Toronto: ABC", "TSX"),
    ("BOURSE DES VALEURS CANADIENNES: ABC", "CSE"),
])
def test_stake_tables_take_french_exchange_names(written: str, code: str) -> None:
    assert clean_ticker(written) == (code, "ABC")
