"""Stake tables (CSV, JSON): the same triples and provenance as extracted facts,
one issue per bad row, entities shared with announcements."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef

from oregraph.graph.store import Store
from oregraph.graph.validate import validate_store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.stakes import RowError, clean_lei, clean_share, clean_ticker, parse_row

ROOT = Path(__file__).resolve().parents[1]
SOURCES = Path(__file__).parent / "fixtures" / "sources"
BAD_ROWS = SOURCES / "stakes-with-bad-rows.csv"
EXAMPLE = ROOT / "examples" / "stakes.csv"
ID = "https://w3id.org/oregraph/id/"
PREFIXES = """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


@pytest.fixture
def store():
    with Store.memory() as st:
        yield st


def stakes(store: Store) -> list[tuple[str, str, str | None, str, str, str]]:
    rows = store.select(PREFIXES + """SELECT ?holder ?held ?share ?evidence ?rule ?source WHERE {
        ?s a og:Shareholding ; og:holder ?h ; og:held ?x ; og:evidence ?evidence ; og:rule ?rule ;
           prov:wasDerivedFrom ?a .
        OPTIONAL { ?s og:share ?share }
        ?h rdfs:label ?holder . ?x rdfs:label ?held . ?a dcterms:source ?source }""")
    return sorted((str(r["holder"]), str(r["held"]), None if r.get("share") is None else str(r["share"]),
                   str(r["evidence"]), str(r["rule"]), str(r["source"])) for r in rows)


def test_good_rows_are_ingested_and_each_bad_row_is_one_issue(store: Store) -> None:
    report = ingest_paths(store, [BAD_ROWS])
    assert report.ingested == [f"{BAD_ROWS} row 2", f"{BAD_ROWS} row 7"]
    failed = dict(report.failed)
    assert sorted(failed) == [f"{BAD_ROWS} row {n}" for n in (3, 4, 5, 6, 8)]
    assert "share '150' is not a percentage" in failed[f"{BAD_ROWS} row 3"]
    assert "owner column is empty" in failed[f"{BAD_ROWS} row 4"]
    assert "YYYY-MM-DD" in failed[f"{BAD_ROWS} row 5"]
    assert "ticker 'NYSE-ARCA:TMQ'" in failed[f"{BAD_ROWS} row 6"]
    assert "LEI" in failed[f"{BAD_ROWS} row 8"]
    assert all("\n" not in reason for reason in failed.values())


def test_a_row_becomes_a_shareholding_with_the_row_as_evidence(store: Store) -> None:
    ingest_paths(store, [BAD_ROWS])
    source = BAD_ROWS.resolve().as_uri()
    assert stakes(store) == [
        ("Alder Mining Inc.", "Birch Holdings Ltd.", "45",
         "Alder Mining Inc. (TSX: ALD) holds 45% of Birch Holdings Ltd. as of 2024-03-31, "
         "according to Ontario business registry.", "table.stake_row", f"{source}#row=2"),
        ("Province of Northland", "Cedar Creek mine", "5",
         "Province of Northland holds 5% of Cedar Creek mine as of 2024-03-31, according to Northland gazette.",
         "table.stake_row", f"{source}#row=7"),
    ]


def test_row_types_and_tickers_become_classes_and_listings(store: Store) -> None:
    ingest_paths(store, [BAD_ROWS])
    assert store.ask(PREFIXES + "ASK { ?g a og:GovernmentBody ; og:ownsStakeIn ?m . ?m a og:Mine }",
                     {"g": URIRef(ID + "org-province-of-northland"), "m": URIRef(ID + "facility-cedar-creek-mine")})
    assert store.ask(PREFIXES + "ASK { ?a og:listing ?l . ?l og:exchange 'TSX' ; og:ticker 'ALD' }",
                     {"a": URIRef(ID + "org-alder-mining")})


def test_the_announcement_of_a_row_carries_its_date_and_publisher(store: Store) -> None:
    ingest_paths(store, [BAD_ROWS])
    rows = store.select(PREFIXES + """SELECT ?s ?date ?publisher ?title WHERE { ?a a og:Announcement ;
        dcterms:source ?s ; dcterms:date ?date ; dcterms:publisher ?publisher ; dcterms:title ?title }""",
                        {"s": URIRef(BAD_ROWS.resolve().as_uri() + "#row=2")})
    assert [(str(r["date"]), str(r["publisher"]), str(r["title"])) for r in rows] == [
        ("2024-03-31", "Ontario business registry", "Alder Mining Inc. stake in Birch Holdings Ltd. (2024-03-31)")]


def test_table_entities_meet_extracted_ones_in_one_graph(store: Store, tmp_path: Path) -> None:
    release = tmp_path / "release.txt"
    release.write_text("WINNIPEG, May 14, 2024 -- Alder Mining Inc. owns 30% of Spruce Metals Corp., "
                       "Spruce Metals said today.", encoding="utf-8")
    assert ingest_paths(store, [release, BAD_ROWS]).ingested[0] == str(release)
    holdings = store.select(PREFIXES + "SELECT ?a ?x WHERE { ?a og:ownsStakeIn ?x }",
                            {"a": URIRef(ID + "org-alder-mining")})
    assert sorted(str(r["x"]) for r in holdings) == [ID + "org-birch-holdings", ID + "org-spruce-metals"]
    assert store.select(PREFIXES + "SELECT ?a ?l WHERE { ?a rdfs:label ?l }",
                        {"a": URIRef(ID + "org-alder-mining")})[0]["l"].value == "Alder Mining Inc."


def test_json_rows_are_read_and_pointed_to(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "stakes.json"
    table.write_text(json.dumps({"stakes": [
        {"owner": "Larch Resources Corp.", "owned": "Spruce Metals Corp.", "share": 8.5,
         "date": "2024-04-30", "source": "https://registry.example.org/spruce"},
        {"owner": "Larch Resources Corp.", "owned": "Spruce Metals Corp.", "share": "eight"},
        ["not", "an", "object"],
    ]}), encoding="utf-8")
    report = ingest_paths(store, [table])
    assert report.ingested == [f"{table} item 1"]
    assert [name for name, _ in report.failed] == [f"{table} item 2", f"{table} item 3"]
    ((*_, source),) = stakes(store)
    assert source == table.resolve().as_uri() + "#/stakes/0"


def test_a_table_without_the_required_columns_fails_as_a_whole(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "holders.csv"
    table.write_text("holder,company,percent\nA Inc.,B Ltd.,40\n", encoding="utf-8")
    ((name, reason),) = ingest_paths(store, [table]).failed
    assert name == str(table)
    assert "owner, owned, source are required" in reason and "docs/ingest.md" in reason


def test_unknown_columns_are_a_warning_not_a_failure(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "stakes.tsv"
    table.write_text("Owner\tOwned\tShare\tSource\tComment\n"
                     "Alder Mining Inc.\tBirch Holdings Ltd.\t45 %\tregistry\tchecked\n", encoding="utf-8")
    report = ingest_paths(store, [table])
    assert report.ok and report.ingested == [f"{table} row 2"]
    assert report.warnings == [(str(table), "ignored the column comment (known: owner, owned, source, share, "
                                            "date, owner_type, owned_type, owner_ticker, owned_ticker, "
                                            "owner_lei, owned_lei)")]


def test_a_stake_of_unknown_size_has_no_share(store: Store, tmp_path: Path) -> None:
    table = tmp_path / "stakes.csv"
    table.write_text("owner,owned,share,source\nLarch Resources Corp.,Cedar Creek project,,tracker\n")
    report = ingest_paths(store, [table])
    assert report.ok
    ((holder, held, share, evidence, *_),) = stakes(store)
    assert share is None and "a stake of unknown size" in evidence


def test_the_example_table_conforms_to_the_shapes(store: Store) -> None:
    report = ingest_paths(store, [EXAMPLE])
    assert report.ok and len(report.ingested) == len(EXAMPLE.read_text().strip().splitlines()) - 1
    result = validate_store(store)
    assert result.conforms, str(result)


def test_a_table_ingested_twice_adds_nothing(store: Store) -> None:
    ingest_paths(store, [EXAMPLE])
    again = ingest_paths(store, [EXAMPLE])
    assert again.ingested == [] and again.quads_added == 0 and len(again.skipped) == again.read > 0


@pytest.mark.parametrize(("value", "expected"), [("45", 45.0), ("45%", 45.0), (" 6,67 % ", 6.67),
                                                 (0, 0.0), ("", None), (None, None)])
def test_share_cleaning(value: object, expected: float | None) -> None:
    assert clean_share(value) == expected


@pytest.mark.parametrize("value", ["101", "-1", "forty", "nan", "inf", True])
def test_share_cleaning_refuses(value: object) -> None:
    with pytest.raises(RowError):
        clean_share(value)


def test_identifier_cleaning() -> None:
    assert clean_ticker("tsx-v : abc") == ("TSXV", "ABC")
    assert clean_lei("OREGRAPHEXAMPLE00173") == "OREGRAPHEXAMPLE00173"
    for bad in ("OREGRAPHEXAMPLE00174", "TOO-SHORT"):
        with pytest.raises(RowError):
            clean_lei(bad)


def test_a_facility_cannot_own_a_stake() -> None:
    with pytest.raises(RowError, match="owner_type 'mine' is not one of"):
        parse_row({"owner": "Cedar Creek mine", "owned": "Birch Holdings Ltd.", "source": "x",
                   "owner_type": "mine"})
