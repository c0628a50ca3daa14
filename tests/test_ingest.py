"""Ingesting announcements into an on-disk store: counts, idempotency, named graphs,
provenance, entity resolution across announcements, bad input, SHACL, determinism.

The fixtures in ``tests/fixtures/ingest/`` are short releases written for these
tests. They name the same companies in different ways:

* ``foo-metals-offtake.txt``  - "Foo Metals Inc. (TSXV: FOO)", an offtake with
  "Imperial Metals Corporation (TSX: III)", an officer, a 40% stake in a project;
* ``foo-metals-subsidiary.txt`` - "Foo Metals (TSXV: FOO)", no legal suffix;
* ``imperial-mining-mou.txt`` - "Imperial Mining Group Ltd. (TSXV: IPG)", called
  "Imperial", signs an MOU with "Foo Metals Corp. (TSXV: FOO)";
* ``imperial-metals-copper.txt`` - "Imperial Metals Corporation (TSX: III)", also
  called "Imperial", a different company.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from oregraph.graph.store import Store
from oregraph.graph.validate import validate_store
from oregraph.ingest.batch import ingest_announcement, ingest_paths
from oregraph.ingest.emit import announcement_iri, quads
from oregraph.ingest.extract import extract
from oregraph.ingest.records import Announcement
from oregraph.ingest.text import read_text_file
from oregraph.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
RELEASES = sorted(FIXTURES.glob("*.txt"))
ID = "https://w3id.org/oregraph/id/"
PREFIXES = """
PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def fixture(name: str) -> Path:
    return FIXTURES / name


def graph_of(path: Path) -> str:
    return str(announcement_iri(read_text_file(path).content_hash))


@pytest.fixture(autouse=True)
def _no_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing here may fall back on the user's store."""
    monkeypatch.setenv("OREGRAPH_STORE", str(tmp_path / "not-the-default-store"))


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "store", Settings(store=str(tmp_path / "store"))) as st:
        yield st


@pytest.fixture
def loaded(store: Store) -> Store:
    report = ingest_paths(store, RELEASES)
    assert report.ok, report.failed
    return store


def test_fixtures_are_there() -> None:
    assert [p.name for p in RELEASES] == [
        "foo-metals-offtake.txt", "foo-metals-subsidiary.txt",
        "imperial-metals-copper.txt", "imperial-mining-mou.txt",
    ]


# -- counts and idempotency --------------------------------------------------------------

def test_ingest_paths_reports_counts(store: Store) -> None:
    report = ingest_paths(store, RELEASES)
    assert report.read == 4
    assert report.ingested == [str(p) for p in RELEASES]
    assert report.skipped == [] and report.failed == [] and report.ok
    assert report.quads_added == len(store) > 100


def test_a_folder_is_searched_for_announcements(store: Store) -> None:
    report = ingest_paths(store, [FIXTURES])
    assert report.ok
    assert report.read == len(list(FIXTURES.rglob("*.txt")))


def test_ingesting_again_adds_nothing(loaded: Store) -> None:
    before = len(loaded)
    again = ingest_paths(loaded, RELEASES)
    assert again.quads_added == 0
    assert again.ingested == []
    assert again.skipped == [str(p) for p in RELEASES]
    assert again.read == 4 and again.ok
    assert len(loaded) == before


def test_a_stored_announcement_is_skipped_whatever_its_file_name(loaded: Store, tmp_path: Path) -> None:
    copy = tmp_path / "renamed.txt"
    copy.write_bytes(RELEASES[0].read_bytes())
    report = ingest_paths(loaded, [copy])
    assert report.skipped == [str(copy)] and report.quads_added == 0


def test_dry_run_writes_nothing(store: Store) -> None:
    report = ingest_paths(store, RELEASES, dry_run=True)
    assert report.ingested == [str(p) for p in RELEASES]
    assert len(store) == 0 and store.graphs() == []


# -- one named graph per announcement -----------------------------------------------------

def test_one_named_graph_per_announcement(loaded: Store) -> None:
    assert loaded.graphs() == sorted(graph_of(p) for p in RELEASES)


@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.stem)
def test_announcement_node_describes_itself(loaded: Store, path: Path) -> None:
    text = read_text_file(path)
    g = URIRef(graph_of(path))
    rows = loaded.select(PREFIXES + """
        SELECT ?g ?source ?hash ?title ?date WHERE { GRAPH ?g {
          ?g a og:Announcement ; dcterms:source ?source ; og:contentHash ?hash ; og:text ?text .
          OPTIONAL { ?g dcterms:title ?title } OPTIONAL { ?g dcterms:date ?date }
        } }""", {"g": g})
    assert len(rows) == 1
    (row,) = rows
    assert row["source"] == URIRef(path.resolve().as_uri())
    assert str(row["hash"]) == text.content_hash
    assert str(row["title"]) == text.text.splitlines()[0]
    assert row["date"].datatype == URIRef("http://www.w3.org/2001/XMLSchema#date")


def test_everything_is_written_in_an_announcement_graph(loaded: Store) -> None:
    assert not loaded.ask("ASK { GRAPH ?g { ?s ?p ?o } FILTER(!STRSTARTS(STR(?g), '%sannouncement-')) }"
                          % ID)
    every_quad = list(loaded.oxigraph)
    assert len(every_quad) == len(loaded) > 0
    assert all(isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value.startswith(ID + "announcement-")
               for q in every_quad)


# -- provenance on every fact node ---------------------------------------------------------

FACT_NODES = PREFIXES + """
SELECT ?g ?node ?type ?evidence ?start ?end ?rule ?confidence ?derived ?text WHERE {
  GRAPH ?g {
    ?node a ?type .
    VALUES ?type { og:Shareholding og:Position og:Agreement og:MemorandumOfUnderstanding
                   og:LetterOfIntent og:JointVenture og:OfftakeAgreement og:SupplyAgreement
                   og:OptionAgreement og:Collaboration og:StrategicInvestment og:Acquisition
                   rdf:Statement }
    ?g og:text ?text .
    OPTIONAL { ?node og:evidence ?evidence }
    OPTIONAL { ?node og:evidenceStart ?start }
    OPTIONAL { ?node og:evidenceEnd ?end }
    OPTIONAL { ?node og:rule ?rule }
    OPTIONAL { ?node og:confidence ?confidence }
    OPTIONAL { ?node prov:wasDerivedFrom ?derived }
  }
}
"""


def test_every_fact_node_carries_evidence(loaded: Store) -> None:
    rows = loaded.select(FACT_NODES)
    types = {str(r["type"]).rsplit("#", 1)[-1] for r in rows}
    assert {"Shareholding", "Position", "Statement", "OfftakeAgreement",
            "MemorandumOfUnderstanding"} <= types
    for r in rows:
        where = f"{r['node']} ({r['type']})"
        for name in ("evidence", "start", "end", "rule", "confidence", "derived"):
            assert name in r, f"{where} has no {name}"
        assert r["derived"] == r["g"], where
        assert str(r["rule"]) and "." in str(r["rule"]), where
        assert 0 <= float(r["confidence"]) <= 1, where
        start, end = int(r["start"]), int(r["end"])
        assert isinstance(r["start"].toPython(), int) and isinstance(r["end"].toPython(), int)
        assert 0 <= start < end <= len(str(r["text"])), where
        assert re.sub(r"\s", " ", str(r["text"])[start:end]) == str(r["evidence"]), where


def test_each_fact_node_has_one_value_per_provenance_property(loaded: Store) -> None:
    rows = loaded.select(PREFIXES + """
        SELECT ?node ?p (COUNT(DISTINCT ?o) AS ?n) WHERE {
          ?node og:evidence ?e ; ?p ?o .
          VALUES ?p { og:evidence og:evidenceStart og:evidenceEnd og:rule og:confidence prov:wasDerivedFrom }
        } GROUP BY ?node ?p""")
    assert rows and all(int(r["n"]) == 1 for r in rows)


def test_forward_looking_and_disclaimer_paragraphs_give_no_fact(loaded: Store) -> None:
    # the offtake release says, only in its forward-looking section, that Imperial Metals
    # will acquire 15% of Foo Metals
    assert not loaded.ask(PREFIXES + "ASK { ?a og:acquires ?t }")
    assert not loaded.ask(PREFIXES + "ASK { ?n og:evidence ?e FILTER(CONTAINS(?e, 'Regulation Services')) }")
    assert not loaded.ask(PREFIXES + "ASK { ?n og:evidence ?e FILTER(CONTAINS(?e, 'forward-looking')) }")


# -- entity resolution across announcements ------------------------------------------------

def labels_of(store: Store, iri: str) -> set[str]:
    rows = store.select(PREFIXES + "SELECT DISTINCT ?e ?l WHERE { ?e rdfs:label ?l }", {"e": URIRef(iri)})
    return {str(r["l"]) for r in rows}


def alt_labels_of(store: Store, iri: str) -> set[str]:
    rows = store.select(PREFIXES + "SELECT DISTINCT ?e ?l WHERE { ?e skos:altLabel ?l }", {"e": URIRef(iri)})
    return {str(r["l"]) for r in rows}


def listed_as(store: Store, exchange: str, ticker: str) -> set[str]:
    rows = store.select(PREFIXES + """SELECT DISTINCT ?e ?x ?t WHERE {
        ?e og:listing ?l . ?l og:exchange ?x ; og:ticker ?t }""",
                        {"x": Literal(exchange), "t": Literal(ticker)})
    return {str(r["e"]) for r in rows}


def in_graph(store: Store, iri: str, path: Path) -> bool:
    return store.ask("ASK { GRAPH ?g { ?e ?p ?o } }", {"g": URIRef(graph_of(path)), "e": URIRef(iri)})


def test_same_company_under_two_legal_names_is_one_node_with_one_label(loaded: Store) -> None:
    foo = ID + "org-foo-metals"
    assert listed_as(loaded, "TSXV", "FOO") == {foo}
    assert labels_of(loaded, foo) == {"Foo Metals Inc."}  # the name it was first seen under
    assert "Foo Metals Corp." in alt_labels_of(loaded, foo)
    assert in_graph(loaded, foo, fixture("foo-metals-offtake.txt"))
    assert in_graph(loaded, foo, fixture("imperial-mining-mou.txt"))
    orgs = loaded.select(PREFIXES + """SELECT DISTINCT ?e WHERE { ?e a og:Company ; rdfs:label ?l
                                       FILTER(STRSTARTS(?l, "Foo Metals")) }""")
    assert {str(r["e"]) for r in orgs} == {foo}


def test_short_name_with_the_same_ticker_is_the_same_node(loaded: Store) -> None:
    foo = ID + "org-foo-metals"
    assert in_graph(loaded, foo, fixture("foo-metals-subsidiary.txt"))
    assert labels_of(loaded, foo) == {"Foo Metals Inc."}
    assert loaded.ask(PREFIXES + "ASK { ?sub og:subsidiaryOf ?foo }", {"foo": URIRef(foo)})


def test_a_renamed_company_is_resolved_by_its_listing(store: Store) -> None:
    first = Announcement(text="Foo Metals Inc. (TSXV: FOO) reported drill results today.", source="urn:one")
    second = Announcement(text="Foomet Resources Ltd. (TSXV: FOO) holds a 40% interest in the "
                               "Baz Lake lithium project.", source="urn:two")
    ingest_announcement(store, first)
    _, added, merges = ingest_announcement(store, second)
    assert added > 0
    assert [(name, iri) for name, iri, _ in merges] == [("Foomet Resources Ltd.", ID + "org-foo-metals")]
    assert labels_of(store, ID + "org-foo-metals") == {"Foo Metals Inc."}
    assert "Foomet Resources Ltd." in alt_labels_of(store, ID + "org-foo-metals")
    assert not store.ask("ASK { ?e ?p ?o }", {"e": URIRef(ID + "org-foomet-resources")})
    assert store.ask(PREFIXES + "ASK { ?foo og:ownsStakeIn ?p }", {"foo": URIRef(ID + "org-foo-metals")})


def test_companies_sharing_a_word_are_not_merged(loaded: Store) -> None:
    mining, metals = ID + "org-imperial-mining-group", ID + "org-imperial-metals"
    assert labels_of(loaded, mining) == {"Imperial Mining Group Ltd."}
    assert labels_of(loaded, metals) == {"Imperial Metals Corporation"}
    assert listed_as(loaded, "TSXV", "IPG") == {mining}
    assert listed_as(loaded, "TSX", "III") == {metals}
    assert loaded.ask(PREFIXES + "ASK { ?e og:ownsStakeIn ?p . ?p rdfs:label ?l FILTER(CONTAINS(?l, 'Crater')) }",
                      {"e": URIRef(mining)})
    assert loaded.ask(PREFIXES + "ASK { ?e og:operates ?m . ?m rdfs:label ?l FILTER(CONTAINS(?l, 'Polley')) }",
                      {"e": URIRef(metals)})
    assert not loaded.ask(PREFIXES + "ASK { ?e og:operates ?m . ?m rdfs:label ?l FILTER(CONTAINS(?l, 'Polley')) }",
                          {"e": URIRef(mining)})
    # and Imperial Metals, named in two releases, is one node
    assert in_graph(loaded, metals, fixture("foo-metals-offtake.txt"))
    assert in_graph(loaded, metals, fixture("imperial-metals-copper.txt"))


def test_every_entity_has_exactly_one_label(loaded: Store) -> None:
    rows = loaded.select(PREFIXES + """SELECT ?e (COUNT(DISTINCT ?l) AS ?n) WHERE { ?e rdfs:label ?l }
                                        GROUP BY ?e HAVING (COUNT(DISTINCT ?l) != 1)""")
    assert rows == []


# -- bad input ------------------------------------------------------------------------------

def test_bad_inputs_fail_one_by_one_and_the_rest_is_ingested(tmp_path: Path) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    empty = bad / "empty.txt"
    empty.write_bytes(b"")
    blank = bad / "blank.txt"
    blank.write_bytes(b"  \n\t\n")
    binary = bad / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    big = bad / "big.txt"
    big.write_text("Foo Metals Inc. reported results today. " * 200, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    limit = 4_000
    assert all(p.stat().st_size < limit for p in RELEASES) and big.stat().st_size > limit
    settings = Settings(store=str(tmp_path / "store"), max_announcement_bytes=limit)
    with Store.open(tmp_path / "store", settings) as store:
        report = ingest_paths(store, [RELEASES[0], empty, blank, binary, big, missing, *RELEASES[1:]])
        assert report.ingested == [str(p) for p in RELEASES]
        assert store.graphs() == sorted(graph_of(p) for p in RELEASES)
    failed = dict(report.failed)
    assert len(report.failed) == len(failed) == 5 and not report.ok
    assert set(failed) == {str(empty), str(blank), str(binary), str(big), str(missing)}
    for name, reason in report.failed:
        assert reason and "\n" not in reason and "Traceback" not in reason, name
    assert "empty" in failed[str(empty)]
    assert "whitespace" in failed[str(blank)] or "empty" in failed[str(blank)]
    assert "binary" in failed[str(binary)]
    assert "limit" in failed[str(big)] and "4,000" in failed[str(big)]
    assert "no such file" in failed[str(missing)]


def test_a_folder_without_announcements_is_reported(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    (folder / "notes.md").write_text("not an announcement", encoding="utf-8")
    report = ingest_paths(store, [folder])
    assert [name for name, _ in report.failed] == [str(folder)]
    assert ".txt" in report.failed[0][1]


def test_windows_1252_text_is_read(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Société Minière Boréale Inc. holds a 40% interest in Foo Metals Inc.".encode("cp1252"))
    report = ingest_paths(store, [path])
    assert report.ok and report.ingested == [str(path)]
    assert labels_of(store, ID + "org-societe-miniere-boreale") == {"Société Minière Boréale Inc."}


# -- SHACL ---------------------------------------------------------------------------------

def test_store_with_the_fixtures_conforms_to_the_shapes(loaded: Store) -> None:
    report = validate_store(loaded)
    assert report.conforms, str(report)


def test_store_with_the_ownership_fixture_conforms(store: Store) -> None:
    assert ingest_paths(store, [FIXTURES / "ownership" / "chain.txt"]).ok
    report = validate_store(store)
    assert report.conforms, str(report)


# -- determinism ---------------------------------------------------------------------------

@pytest.mark.parametrize("path", RELEASES, ids=lambda p: p.stem)
def test_extracting_twice_gives_identical_quads(path: Path) -> None:
    announcement = read_text_file(path)
    again = read_text_file(path)
    assert list(quads(extract(announcement))) == list(quads(extract(again)))


def test_two_stores_fed_the_same_files_hold_the_same_quads(tmp_path: Path) -> None:
    dumps = []
    for name in ("one", "two"):
        with Store.open(tmp_path / name, Settings(store=str(tmp_path / name))) as st:
            ingest_paths(st, RELEASES)
            dumps.append(sorted(str(q) for q in st.oxigraph))
    assert dumps[0] == dumps[1]
