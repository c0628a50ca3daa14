"""The remote store against a real Oxigraph server, and the same graph tests on both stores.

``oxigraph_server`` starts ``oxigraph serve`` (the binary of the ``oxigraph`` PyPI
package, a test dependency) on a free loopback port with its data in a temporary
folder, and stops it after the module. Nothing leaves the machine.
"""

from __future__ import annotations

import io
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest
from pydantic import SecretStr
from fastapi.testclient import TestClient
from rdflib import Dataset, Literal, URIRef

from oregraph.errors import QueryError, QueryTimeout, ResultTooLarge, StoreError
from oregraph.graph import queries
from oregraph.graph.interface import GraphStore, run_bounded
from oregraph.graph.remote import RemoteStore, substitute
from oregraph.graph.store import Store
from oregraph.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, alouette_chain  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")


def _oxigraph_binary() -> str:
    candidates = [Path(sys.executable).parent / "oxigraph", shutil.which("oxigraph")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    raise AssertionError  # unreachable


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of an Oxigraph server on loopback, for this module's tests."""
    port = _free_port()
    data = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [_oxigraph_binary(), "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(url + "/query", params={"query": "ASK {}"}, timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"oxigraph serve did not start: {process.stderr.read().decode() if process.stderr else ''}"
                    ) from None
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def empty_remote(url: str, **overrides: Any) -> RemoteStore:
    """A RemoteStore over the server, emptied first."""
    store = RemoteStore.open(url, Settings(store=url, **overrides))
    store.update("CLEAR ALL")
    return store


@pytest.fixture
def remote(oxigraph_server: str) -> Iterator[RemoteStore]:
    store = empty_remote(oxigraph_server)
    yield store
    store.close()


@pytest.fixture(params=["embedded", "remote"])
def any_store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """The same tests on both stores (STYLE habit 17)."""
    if request.param == "embedded":
        store: GraphStore = Store.memory()
    else:
        store = empty_remote(request.getfixturevalue("oxigraph_server"))
    yield store
    store.close()


@pytest.fixture
def embedded_chain() -> Iterator[Store]:
    store = Store.memory()
    alouette_chain(store)
    yield store
    store.close()


def quads_of(store: GraphStore) -> set[str]:
    return {str(q) for q in store.to_oxigraph()}


# -- opening ---------------------------------------------------------------------------


def test_store_open_returns_a_remote_store_for_urls(oxigraph_server: str) -> None:
    with Store.memory() as embedded:
        assert isinstance(embedded, GraphStore)
    with Store.open(oxigraph_server) as store:
        assert isinstance(store, RemoteStore) and isinstance(store, GraphStore)
        assert store.endpoints.query == oxigraph_server + "/query"
        assert store.endpoints.graph_store == oxigraph_server + "/store"
    settings = Settings(store=oxigraph_server + "/")
    with Store.open(settings=settings) as store:
        assert isinstance(store, RemoteStore)
    assert store.closed


def test_wrong_endpoint_path_says_what_to_set(oxigraph_server: str) -> None:
    with pytest.raises(StoreError, match="no SPARQL endpoint at .*/nothing/query.*OREGRAPH_REMOTE_QUERY_URL"):
        Store.open(oxigraph_server + "/nothing")


def test_explicit_endpoint_urls(oxigraph_server: str) -> None:
    settings = Settings(
        store="http://127.0.0.1:9/unused", remote_query_url=oxigraph_server + "/query",
        remote_update_url=oxigraph_server + "/update", remote_graph_store_url=oxigraph_server + "/store",
    )
    with Store.open(settings=settings) as store:
        store.update("CLEAR ALL")
        assert store.add_graph(ID + "announcement-01", [(URIRef(ID + "x"), RDFS_LABEL, Literal("X"), URIRef(ID + "announcement-01"))]) == 1
        assert store.has_graph(ID + "announcement-01")


# -- the same behaviour on both stores ---------------------------------------------------


def test_add_graph_counts_and_is_idempotent(any_store: GraphStore) -> None:
    nodes = alouette_chain(any_store)
    assert sorted(any_store.graphs()) == sorted([str(nodes["first"]), str(nodes["second"])])
    assert len(any_store) == 144
    again = any_store.add_graph(str(nodes["first"]), [
        (nodes["albecour"], RDFS_LABEL, Literal("Albecour Inc."), nodes["first"]),
    ])
    assert again == 0
    assert any_store.has_graph(str(nodes["first"]))
    assert not any_store.has_graph(ID + "announcement-ffffffffffffffff")
    with pytest.raises(ValueError, match="add_graph writes one announcement's graph"):
        any_store.add_graph(str(nodes["first"]), [(nodes["albecour"], RDFS_LABEL, Literal("x"), nodes["second"])])


def test_results_are_pyoxigraph_types(any_store: GraphStore) -> None:
    alouette_chain(any_store)
    assert isinstance(any_store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 1"), ox.QuerySolutions)
    assert isinstance(any_store.query("ASK { ?s ?p ?o }"), ox.QueryBoolean)
    assert isinstance(any_store.query("CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2"), ox.QueryTriples)
    rows = list(any_store.query("SELECT ?s ?o WHERE { ?s ?p ?o } LIMIT 1"))  # type: ignore[arg-type]
    subject, obj = rows[0]  # by position, as entities.py reads them
    assert isinstance(subject, (ox.NamedNode, ox.BlankNode))


def test_the_union_is_the_default_graph(any_store: GraphStore) -> None:
    nodes = alouette_chain(any_store)
    rows = any_store.select(f"SELECT DISTINCT ?name WHERE {{ <{nodes['imperial']}> <{RDFS_LABEL}> ?name }}")
    assert [str(r["name"]) for r in rows] == ["Imperial Mining Group Ltd."]
    only_first = any_store.query(
        f"SELECT ?name WHERE {{ <{nodes['imperial']}> <{RDFS_LABEL}> ?name }}",
        default_graph=[str(nodes["first"])],
    )
    assert list(only_first) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("term", [URIRef(ID + "org-albecour"), ox.NamedNode(ID + "org-albecour")])
def test_bindings_select(any_store: GraphStore, term: Any) -> None:
    alouette_chain(any_store)
    rows = any_store.select(f"SELECT DISTINCT ?e ?name WHERE {{ ?e <{RDFS_LABEL}> ?name }}", {"e": term})
    assert rows == [{"e": URIRef(ID + "org-albecour"), "name": Literal("Albecour Inc.")}]
    literal = any_store.select(
        f"SELECT DISTINCT ?e ?name WHERE {{ ?e <{RDFS_LABEL}> ?name }}", {"name": Literal('Albecour Inc.')}
    )
    assert literal == [{"e": URIRef(ID + "org-albecour"), "name": Literal("Albecour Inc.")}]


def test_bindings_in_filters_match_the_embedded_store(any_store: GraphStore, embedded_chain: Store) -> None:
    alouette_chain(any_store)
    bound = {"e": ox.NamedNode(ID + "org-albecour")}
    for query in (queries.FACTS_AGREEMENT, queries.FACTS_SHAREHOLDING, queries.ANNOUNCEMENTS_OF,
                  queries.FACTS_SHORTCUT):
        got = sorted(str(sorted(r.items())) for r in any_store.select(query, bound))
        want = sorted(str(sorted(r.items())) for r in embedded_chain.select(query, bound))
        assert got == want and want, query


def test_a_bound_injection_attempt_is_a_literal(any_store: GraphStore) -> None:
    alouette_chain(any_store)
    evil = Literal('x" } ; DROP ALL ; SELECT * { "')
    assert any_store.select(f"SELECT ?e ?name WHERE {{ ?e <{RDFS_LABEL}> ?name }}", {"name": evil}) == []
    assert len(any_store) == 144


def test_ask_construct_and_errors(any_store: GraphStore, embedded_chain: Store) -> None:
    alouette_chain(any_store)
    assert any_store.ask(f"ASK {{ ?e <{RDFS_LABEL}> \"Albecour Inc.\" }}") is True
    query = f"CONSTRUCT {{ ?e <{RDFS_LABEL}> ?n }} WHERE {{ ?e <{RDFS_LABEL}> ?n }}"
    assert set(any_store.construct(query)) == set(embedded_chain.construct(query))
    with pytest.raises(QueryError):
        any_store.select("SELECT WHERE { oops")
    with pytest.raises(QueryError, match="this is an update"):
        any_store.query("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="select"):
        any_store.select("ASK { ?s ?p ?o }")


def test_update_remove_graph_and_generation(any_store: GraphStore) -> None:
    nodes = alouette_chain(any_store)
    start = any_store.generation
    any_store.update(f'INSERT DATA {{ GRAPH <{ID}announcement-0a> {{ <{ID}org-z> <{RDFS_LABEL}> "Z" }} }}')
    assert any_store.generation != start
    assert any_store.has_graph(ID + "announcement-0a")
    any_store.remove_graph(str(nodes["second"]))
    assert sorted(any_store.graphs()) == sorted([str(nodes["first"]), ID + "announcement-0a"])
    with pytest.raises(QueryError, match="invalid SPARQL Update"):
        any_store.update("INSERT DATA { oops")


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_export_keeps_every_quad(any_store: GraphStore, embedded_chain: Store, fmt: str) -> None:
    alouette_chain(any_store)
    buffer = io.BytesIO()
    any_store.export(buffer, fmt)
    parsed = Dataset()
    parsed.parse(data=buffer.getvalue(), format={"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}[fmt])
    assert sum(1 for _ in parsed.quads((None, None, None, None))) == len(embedded_chain)


def test_library_functions_give_the_same_answers(any_store: GraphStore, embedded_chain: Store) -> None:
    from oregraph.graph.entities import entity_detail, search
    from oregraph.graph.ownership import holdings, owners

    alouette_chain(any_store)
    alouette = ID + "org-aluminerie-alouette"
    assert owners(any_store, alouette).to_json() == owners(embedded_chain, alouette).to_json()
    gov = ID + "org-gouvernement-du-quebec"
    assert holdings(any_store, gov).to_json() == holdings(embedded_chain, gov).to_json()
    assert [s.id for s in search(any_store, "albecour")] == [s.id for s in search(embedded_chain, "albecour")]
    assert entity_detail(any_store, ID + "org-albecour") == entity_detail(embedded_chain, ID + "org-albecour")


# -- remote only ------------------------------------------------------------------------


def test_ingest_samples_in_parallel_matches_the_embedded_store(oxigraph_server: str) -> None:
    from oregraph.ingest.batch import ingest_paths
    from oregraph.ingest.samples import sample_files

    files = sample_files()
    assert len(files) >= 8
    with Store.memory() as embedded:
        ingest_paths(embedded, files)
        want = quads_of(embedded)
    empty_remote(oxigraph_server).close()
    # Four workers, each with its own connection, writing to one server at once.
    failures: list[BaseException] = []

    def work(part: list[Path]) -> None:
        try:
            with RemoteStore.open(oxigraph_server, Settings(store=oxigraph_server)) as worker:
                report = ingest_paths(worker, part)
                assert report.ok, report.failed
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)

    threads = [threading.Thread(target=work, args=(files[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    with RemoteStore.open(oxigraph_server, Settings(store=oxigraph_server)) as remote:
        got = quads_of(remote)
        assert len(remote.graphs()) == len(files)
    # Entity resolution may merge differently when workers race, but every
    # announcement's graph node and text is there.
    ann = [q for q in want if "dc/terms/source" in q or "ontology#contentHash" in q]
    assert ann and set(ann) <= got


def test_ingest_samples_sequentially_matches_exactly(remote: RemoteStore) -> None:
    from oregraph.ingest.batch import ingest_paths
    from oregraph.ingest.samples import sample_files

    with Store.memory() as embedded:
        ingest_paths(embedded, sample_files())
        want = quads_of(embedded)
    report = ingest_paths(remote, sample_files())
    assert report.ok and report.quads_added == len(want)
    assert quads_of(remote) == want
    again = ingest_paths(remote, sample_files())
    assert len(again.skipped) == len(sample_files()) and again.quads_added == 0


def test_bounded_queries_on_the_remote_store(oxigraph_server: str) -> None:
    store = empty_remote(oxigraph_server, result_cap=5, query_timeout=0.5)
    alouette_chain(store)
    assert len(run_bounded(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 5").solutions) == 5
    with pytest.raises(ResultTooLarge, match="more than 5 solutions"):
        run_bounded(store, "SELECT * WHERE { ?s ?p ?o }")
    with pytest.raises(ResultTooLarge, match="more than 5 triples"):
        run_bounded(store, "CONSTRUCT WHERE { ?s ?p ?o }")
    big = Settings(store=oxigraph_server, result_cap=10_000_000, query_timeout=0.5)
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="0.5 s"):
        run_bounded(store, "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }", big)
    assert time.monotonic() - started < 10
    store.close()


def test_server_errors_are_clear(remote: RemoteStore) -> None:
    with pytest.raises(QueryError, match="the SPARQL server refused"):
        remote.select("SELECT * WHERE { ?s ?p }")
    broken = RemoteStore("http://127.0.0.1:9", Settings(store="http://127.0.0.1:9"))
    with pytest.raises(StoreError, match="cannot reach the SPARQL server at http://127.0.0.1:9"):
        broken.graphs()
    broken.close()
    with pytest.raises(StoreError, match="closed"):
        broken.graphs()


def test_credentials_are_sent_and_never_shown(oxigraph_server: str) -> None:
    seen: list[httpx.Request] = []
    port = oxigraph_server.rsplit(":", 1)[1]
    url = f"http://reader:s3cret-pass@127.0.0.1:{port}"
    store = RemoteStore(url, Settings(store=url))
    store.client.event_hooks["request"].append(seen.append)
    store.graphs()
    assert seen[0].headers["authorization"].startswith("Basic ")
    assert "s3cret" not in repr(store) and "s3cret" not in store.url
    token = Settings(store=oxigraph_server, remote_token="a-long-bearer-token-value")
    with RemoteStore(oxigraph_server, token) as with_token:
        with_token.client.event_hooks["request"].append(seen.append)
        with_token.graphs()
    assert seen[-1].headers["authorization"] == "Bearer a-long-bearer-token-value"
    store.close()


def test_generation_expires_for_other_writers(oxigraph_server: str) -> None:
    never = RemoteStore(oxigraph_server, Settings(store=oxigraph_server, remote_cache_seconds=0))
    assert never.generation != never.generation  # every read is fresh
    cached = RemoteStore(oxigraph_server, Settings(store=oxigraph_server, remote_cache_seconds=3600))
    assert cached.generation == cached.generation
    before = cached.generation
    cached.touch()
    assert cached.generation == before + 1
    never.close()
    cached.close()


def test_the_api_over_a_remote_store(remote: RemoteStore) -> None:
    from oregraph.api import create_app

    alouette_chain(remote)
    client = TestClient(create_app(remote.settings, remote))
    health = client.get("/health").json()
    assert health["quads"] == 144 and health["announcements"] == 2
    answer = client.get("/sparql", params={"query": f"SELECT DISTINCT ?n WHERE {{ ?e <{RDFS_LABEL}> ?n }}"})
    assert "Albecour Inc." in {b["n"]["value"] for b in answer.json()["results"]["bindings"]}
    entity = client.get("/entities/org-albecour").json()
    assert entity["label"] == "Albecour Inc."
    owners = client.get("/entities/org-aluminerie-alouette/owners").json()
    assert owners["direct"][0]["id"] == "org-albecour"


# -- substitute (the text rewrite behind remote bindings) ---------------------------------


@pytest.mark.parametrize(
    ("query", "expected_part"),
    [
        ("SELECT ?e WHERE { ?e ?p ?o }", "{ <http://x/a> ?p ?o }"),
        ("SELECT ?n WHERE { { SELECT ?e ?n WHERE { ?e ?p ?n } } }", "SELECT (<http://x/a> AS ?e) ?n"),
        ("SELECT ?s WHERE { ?s ?p '?e' . ?s ?p <http://x/?e> # ?e\n }", "'?e' . ?s ?p <http://x/?e> # ?e"),
        ("DESCRIBE ?e", "DESCRIBE ?e\nVALUES (?e) { (<http://x/a>) }"),
        ("SELECT ?e WHERE { ?s ?p ?o FILTER($e != ?s) }", "FILTER(<http://x/a> != ?s)"),
    ],
)
def test_substitute(query: str, expected_part: str) -> None:
    assert expected_part in substitute(query, {"e": ox.NamedNode("http://x/a")})


def test_substitute_refuses_what_it_cannot_do() -> None:
    with pytest.raises(QueryError, match="assigns it with AS"):
        substitute("SELECT ?e WHERE { BIND(1 AS ?e) }", {"e": ox.NamedNode("http://x/a")})
    with pytest.raises(QueryError, match="blank node"):
        substitute("SELECT ?e WHERE { ?e ?p ?o }", {"e": ox.BlankNode("b1")})


def test_writing_through_insert_data_instead_of_the_graph_store(oxigraph_server: str, embedded_chain: Store) -> None:
    store = empty_remote(oxigraph_server, remote_use_graph_store=False)
    sent: list[str] = []
    store.client.event_hooks["request"].append(lambda request: sent.append(request.url.path))
    alouette_chain(store)
    assert "/store" not in sent and "/update" in sent
    assert quads_of(store) == quads_of(embedded_chain)
    store.close()


def test_digest_auth_is_chosen_by_settings() -> None:
    settings = Settings(store="http://127.0.0.1:9", remote_username="dba", remote_password="pw",
                        remote_auth="digest")
    with RemoteStore("http://127.0.0.1:9", settings) as store:
        assert isinstance(store.client.auth, httpx.DigestAuth)


def test_the_api_says_when_the_remote_server_is_down() -> None:
    from oregraph.api import create_app

    settings = Settings(store="http://127.0.0.1:9")
    with RemoteStore("http://127.0.0.1:9", settings) as down:
        client = TestClient(create_app(settings, down))
        response = client.get("/health")
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["type"] == "StoreError" and "cannot reach the SPARQL server" in error["message"]


def test_sparql_update_through_the_api_reaches_the_server(remote: RemoteStore) -> None:
    from oregraph.api import create_app

    token = "u" * 20
    settings = remote.settings.model_copy(update={"update_token": SecretStr(token)})
    client = TestClient(create_app(settings, remote))
    graph = ID + "announcement-00000000000000d1"
    update = f'INSERT DATA {{ GRAPH <{graph}> {{ <{ID}org-q> <{RDFS_LABEL}> "Q" }} }}'
    assert client.post("/sparql", data={"update": update}).status_code == 401
    assert not remote.has_graph(graph)
    response = client.post("/sparql", data={"update": update}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 204, response.text
    assert remote.has_graph(graph)
