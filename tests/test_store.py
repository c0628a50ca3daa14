"""The Oxigraph store: opening, atomic graph writes, union queries, exports, term conversion."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS

from oregraph.errors import OregraphError, QueryError, StoreError
from oregraph.graph.store import EXPORT_FORMATS, Store, is_update
from oregraph.graph.terms import from_ox, from_ox_quad, to_ox, to_ox_graph, to_ox_quad
from oregraph.ontology import OG
from oregraph.settings import Settings

# A plain namespace: rdflib's closed XSD namespace warns under doctest collection.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import Announcement, alouette_chain, iri  # noqa: E402

# rdflib 7's parsers use its own deprecated ConjunctiveGraph API when reading exports back.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

G1 = "https://w3id.org/oregraph/id/announcement-0000000000000001"
G2 = "https://w3id.org/oregraph/id/announcement-0000000000000002"
A = iri("org-a")
B = iri("org-b")


def _quads(graph: str, n: int = 3) -> list[tuple]:
    g = URIRef(graph)
    return [(iri(f"org-{i}"), RDFS.label, Literal(f"Org {i}"), g) for i in range(n)]


@pytest.fixture
def store():
    with Store.memory() as s:
        yield s


# -- opening -----------------------------------------------------------------------


def test_open_creates_the_folder_and_keeps_data(tmp_path: Path) -> None:
    where = tmp_path / "deep" / "store"
    with Store.open(where) as s:
        assert s.location == where and where.is_dir()
        assert s.add_graph(G1, _quads(G1)) == 3
    with Store.open(where) as again:  # the lock is released on close
        assert len(again) == 3 and again.graphs() == [G1]


def test_open_reads_the_location_from_settings_and_environment(tmp_path: Path, monkeypatch) -> None:
    with Store.open(settings=Settings(store=str(tmp_path / "from-settings"))) as s:
        assert s.location == tmp_path / "from-settings"
    monkeypatch.setenv("OREGRAPH_STORE", str(tmp_path / "from-env"))
    with Store.open() as s:
        assert s.location == tmp_path / "from-env"
        assert isinstance(s.settings, Settings)


def test_an_unreachable_remote_store_says_what_to_check() -> None:
    # Port 9 on loopback (discard) has no server in the test environment: no network is used.
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server at http://127\.0\.0\.1:9.*--store"):
        Store.open("http://127.0.0.1:9")
    with pytest.raises(StoreError, match="cannot reach"):
        Store.open(settings=Settings(store="http://user:secret@127.0.0.1:9/ds"))
    try:
        Store.open("http://user:secret@127.0.0.1:9/ds")
    except StoreError as error:
        assert "secret" not in str(error)  # credentials never appear in messages


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not an oregraph store"):
        Store.open(tmp_path)
    with pytest.raises(StoreError, match="is a file"):
        Store.open(tmp_path / "notes.txt")


def test_a_store_in_use_is_refused(tmp_path: Path) -> None:
    where = tmp_path / "store"
    with Store.open(where):
        with pytest.raises(StoreError, match="in use by another"):
            Store.open(where)
        script = (
            "import sys\nfrom oregraph.graph.store import Store\nfrom oregraph.errors import StoreError\n"
            f"try:\n    Store.open({str(where)!r})\nexcept StoreError as e:\n    print(e); sys.exit(3)\n"
        )
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
        assert done.returncode == 3, done.stderr
        assert "in use by another oregraph process" in done.stdout


def test_closed_store_says_so(store: Store) -> None:
    store.close()
    assert store.closed
    with pytest.raises(StoreError, match="closed"):
        len(store)
    store.close()  # twice is fine


# -- writing graphs ----------------------------------------------------------------


def test_add_graph_counts_new_quads_and_readding_is_idempotent(store: Store) -> None:
    assert store.add_graph(G1, _quads(G1)) == 3
    assert store.add_graph(G1, _quads(G1)) == 0
    assert store.add_graph(G1, _quads(G1, 5)) == 2
    assert len(store) == 5


def test_writes_bump_the_generation(store: Store) -> None:
    start = store.generation
    store.add_graph(G1, _quads(G1))
    assert store.generation > start
    now = store.generation
    store.add_graph(G1, _quads(G1))  # nothing new
    assert store.generation == now
    store.remove_graph(G1)
    store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{A}> <{RDFS.label}> \"A\" }} }}")
    assert store.generation == now + 2
    store.touch()
    assert store.generation == now + 3


def test_duplicates_within_one_call_count_once(store: Store) -> None:
    assert store.add_graph(G1, _quads(G1) * 2) == 3


def test_add_graph_is_atomic_when_the_input_fails_half_way(store: Store) -> None:
    def broken():
        yield from _quads(G1, 2)
        raise RuntimeError("reader crashed")

    with pytest.raises(RuntimeError, match="reader crashed"):
        store.add_graph(G1, broken())
    assert len(store) == 0 and not store.has_graph(G1)

    bad_term = _quads(G1, 2) + [(A, RDFS.label, "a plain str is no term", URIRef(G1))]
    with pytest.raises(TypeError):
        store.add_graph(G1, bad_term)
    assert len(store) == 0


def test_quads_in_another_graph_are_a_programming_error(store: Store) -> None:
    with pytest.raises(ValueError, match="not " + G1):
        store.add_graph(G1, _quads(G1) + _quads(G2, 1))
    with pytest.raises(ValueError):
        store.add_graph(G1, [(A, RDFS.label, Literal("default graph"))])
    assert len(store) == 0


def test_has_graph_remove_graph_and_graphs(store: Store) -> None:
    store.add_graph(G1, _quads(G1))
    store.add_graph(G2, _quads(G2, 1))
    assert store.has_graph(G1) and store.has_graph(G2)
    assert not store.has_graph("https://w3id.org/oregraph/id/announcement-ffffffffffffffff")
    assert store.graphs() == [G1, G2]
    store.remove_graph(G1)
    assert not store.has_graph(G1) and store.graphs() == [G2] and len(store) == 1
    store.remove_graph(G1)  # absent: nothing happens


# -- queries -----------------------------------------------------------------------


def test_queries_see_the_union_of_named_graphs(store: Store) -> None:
    store.add_graph(G1, [(A, OG.ownsStakeIn, B, URIRef(G1))])
    store.add_graph(G2, [(B, RDFS.label, Literal("B Corp"), URIRef(G2))])
    rows = store.select(
        "PREFIX og: <https://w3id.org/oregraph/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?name WHERE { ?a og:ownsStakeIn ?b . ?b rdfs:label ?name }"
    )
    assert rows == [{"name": Literal("B Corp")}]
    by_graph = store.select("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [str(r["g"]) for r in by_graph] == [G1, G2]


def test_bindings_take_rdflib_and_pyoxigraph_terms(store: Store) -> None:
    store.add_graph(G1, [(A, RDFS.label, Literal("Québec", lang="fr"), URIRef(G1)),
                         (B, RDFS.label, Literal("B"), URIRef(G1))])
    rows = store.select("SELECT ?s ?p ?name WHERE { ?s ?p ?name }", {"s": A, "p": RDFS.label})
    assert [r["name"] for r in rows] == [Literal("Québec", lang="fr")]
    assert store.ask("ASK { ?s ?p ?o }", {"o": ox.Literal("B")})
    assert not store.ask("ASK { ?s ?p ?o }", {"o": Literal("B", lang="en")})
    # Bound variables must be projected: the error says how to fix it.
    with pytest.raises(QueryError, match="SELECT"):
        store.select("SELECT ?name WHERE { ?s ?p ?name }", {"s": A})


def test_bound_text_is_never_sparql(store: Store) -> None:
    store.add_graph(G1, _quads(G1))
    evil = Literal('x" } ; DROP ALL ; SELECT * { "')
    assert store.select("SELECT ?s ?name WHERE { ?s ?p ?name }", {"name": evil}) == []
    assert len(store) == 3


def test_unbound_variables_are_left_out_of_rows(store: Store) -> None:
    store.add_graph(G1, _quads(G1, 1))
    rows = store.select("SELECT ?s ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <http://x/none> ?missing } }")
    assert rows == [{"s": iri("org-0")}]


def test_bad_sparql_raises_query_error_with_the_parser_message(store: Store) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL.*1:"):
        store.select("SELEC ?x WHERE { ?x ?p ?o }")
    with pytest.raises(QueryError):
        store.query("SELECT * WHERE { ?x ?p }")
    with pytest.raises(QueryError) as caught:
        store.select("SELECT ?x WHERE {")  # the parser lists many expected tokens over lines
    message = str(caught.value)
    assert "\n" not in message and len(message) < 400 and message.startswith("invalid SPARQL: error at 1:18")


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x/a> <http://x/p> <http://x/b> }",
    "PREFIX og: <https://w3id.org/oregraph/ontology#>\n# a comment with SELECT\nDELETE WHERE { ?s og:p ?o }",
    "  drop all",
    "WITH <http://x/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
])
def test_updates_are_refused_by_the_query_methods(store: Store, update: str) -> None:
    assert is_update(update)
    for method in (store.query, store.select, store.ask, store.construct):
        with pytest.raises(QueryError, match="this is an update"):
            method(update)


def test_is_update_is_not_fooled_by_iris_or_comments() -> None:
    assert not is_update("PREFIX ex: <http://x/#INSERT> SELECT * WHERE { ?s ?p ?o }")
    assert not is_update("# INSERT DATA\nSELECT * WHERE { ?s ?p ?o }")
    assert not is_update("ASK { ?s <http://x/DELETE> ?o }")


def test_each_method_checks_the_query_form(store: Store) -> None:
    with pytest.raises(QueryError, match="use ask"):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="use select"):
        store.ask("SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="use construct"):
        store.select("CONSTRUCT WHERE { ?s ?p ?o }")


def test_construct_returns_an_rdflib_graph(store: Store) -> None:
    store.add_graph(G1, _quads(G1))
    store.add_graph(G2, _quads(G2))  # the same triples in another graph
    graph = store.construct("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(graph, Graph) and len(graph) == 3
    assert (iri("org-1"), RDFS.label, Literal("Org 1")) in graph


def test_raw_query_returns_pyoxigraph_results(store: Store) -> None:
    store.add_graph(G1, _quads(G1))
    result = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QuerySolutions)
    assert next(iter(result))["n"].value == "3"


def test_update_writes_and_checks_syntax(store: Store) -> None:
    store.update(f"INSERT DATA {{ GRAPH <{G1}> {{ <{A}> <{RDFS.label}> \"A\" }} }}")
    assert store.has_graph(G1)
    with pytest.raises(QueryError, match="invalid SPARQL Update"):
        store.update("INSERT NONSENSE")


# -- export ------------------------------------------------------------------------


def _filled() -> Store:
    store = Store.memory()
    alouette_chain(store)
    extra = Announcement("extra", date=None)
    extra.add(extra.node, RDFS.comment, Literal("Québec « quoted » \"dq\" \n newline", lang="fr"))
    extra.add(extra.node, OG.controlling, Literal(True))
    extra.add(extra.node, OG.evidenceStart, Literal(42))
    extra.add_to(store)
    return store


def _store_quads(store: Store) -> set[tuple]:
    return {from_ox_quad(q) for q in store.oxigraph}


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_round_trip_keeps_named_graphs(fmt: str, rdflib_format: str) -> None:
    store = _filled()
    out = io.BytesIO()
    store.export(out, fmt)
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format=rdflib_format)
    parsed = {(s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None))}
    parsed = {(s, p, o, g.identifier if hasattr(g, "identifier") else g) for s, p, o, g in parsed}
    expected = _store_quads(store)
    assert {q[3] for q in parsed} == {q[3] for q in expected}
    assert _normal(parsed) == _normal(expected)
    # and back into a fresh store
    again = Store.memory()
    for graph in store.graphs():
        again.add_graph(graph, [q for q in parsed if str(q[3]) == graph])
    assert len(again) == len(store)


@pytest.mark.parametrize("fmt, rdflib_format", [("turtle", "turtle"), ("ntriples", "nt"), ("ttl", "turtle")])
def test_export_round_trip_of_the_union_as_one_graph(fmt: str, rdflib_format: str) -> None:
    store = _filled()
    out = io.BytesIO()
    store.export(out, fmt)
    graph = Graph().parse(data=out.getvalue(), format=rdflib_format)
    expected = {(s, p, o) for s, p, o, _ in _store_quads(store)}
    assert _normal({(*t, None) for t in graph}) == _normal({(*t, None) for t in expected})
    if fmt == "turtle":
        assert b"@prefix og: <https://w3id.org/oregraph/ontology#>" in out.getvalue()


def _normal(quads: set[tuple]) -> set[tuple]:
    """Compare literals by value where formats may rewrite the lexical form (JSON-LD natives)."""
    def norm(term):
        if isinstance(term, Literal):
            return (term.datatype, term.language, term.toPython() if term.datatype else str(term))
        return term
    return {tuple(norm(t) for t in q) for q in quads}


def test_unknown_export_format_lists_the_formats(store: Store) -> None:
    with pytest.raises(OregraphError, match="use one of: trig, nquads, turtle, ntriples, jsonld"):
        store.export(io.BytesIO(), "csv")
    assert EXPORT_FORMATS == ("trig", "nquads", "turtle", "ntriples", "jsonld")


def test_export_to_a_file(tmp_path: Path) -> None:
    store = _filled()
    target = tmp_path / "dump.trig"
    with target.open("wb") as out:
        store.export(out, "trig")
    dataset = Dataset().parse(target, format="trig")
    assert len(list(dataset.quads((None, None, None, None)))) == len(store)


# -- terms -------------------------------------------------------------------------


@pytest.mark.parametrize("term", [
    URIRef("https://w3id.org/oregraph/id/org-albecour"),
    BNode("b0"),
    Literal("Albecour"),
    Literal("Québec", lang="fr"),
    Literal("6.67", datatype=XSD.decimal),
    Literal("06.670", datatype=XSD.decimal, normalize=False),
    Literal("2023-07-13", datatype=XSD.date),
    Literal(True),
    Literal(42),
    Literal("x", datatype=URIRef("http://example.org/custom")),
])
def test_terms_round_trip(term) -> None:
    back = from_ox(to_ox(term))
    assert back == term and type(back) is type(term)
    assert str(back) == str(term)
    assert back.datatype == term.datatype if isinstance(term, Literal) else True


def test_xsd_string_literals_become_plain() -> None:
    ox_literal = to_ox(Literal("Albecour", datatype=XSD.string))
    assert ox_literal == ox.Literal("Albecour")
    assert from_ox(ox.Literal("Albecour")) == Literal("Albecour")
    assert from_ox(ox.Literal("Albecour")).datatype is None


def test_terms_pass_through_and_refuse_non_terms() -> None:
    node = ox.NamedNode("http://x/a")
    assert to_ox(node) is node
    assert from_ox(URIRef("http://x/a")) == URIRef("http://x/a")
    with pytest.raises(TypeError):
        to_ox("http://x/a")  # type: ignore[arg-type]
    assert isinstance(to_ox(BNode("not valid id!")), ox.BlankNode)


def test_graph_names_and_quads() -> None:
    assert to_ox_graph(None) == ox.DefaultGraph()
    assert to_ox_graph(URIRef(G1)) == ox.NamedNode(G1)
    quad = to_ox_quad((A, RDF.type, OG.Company, URIRef(G1)))
    assert quad.graph_name == ox.NamedNode(G1)
    assert from_ox_quad(quad) == (A, RDF.type, OG.Company, URIRef(G1))
    assert to_ox_quad((A, RDF.type, OG.Company)).graph_name == ox.DefaultGraph()
