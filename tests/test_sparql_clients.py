"""Real SPARQL clients against /sparql: SPARQLWrapper and rdflib's SPARQLStore and
SPARQLUpdateStore, talking HTTP to the app served by uvicorn on loopback in a thread.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from oregraph.api import create_app
from oregraph.graph.store import Store
from oregraph.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, alouette_chain  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::RuntimeWarning")

TOKEN = "c" * 32
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OG = "https://w3id.org/oregraph/ontology#"
SOES = f"""PREFIX og: <{OG}> PREFIX rdfs: <{RDFS}>
SELECT ?e ?name WHERE {{ ?e a og:StateOwnedEnterprise ; rdfs:label ?name }}"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """The URL of /sparql on a uvicorn server in a thread, and its store."""
    settings = Settings(store=str(tmp_path_factory.mktemp("clients") / "s"), update_token=TOKEN)
    store = Store.open(settings=settings)
    alouette_chain(store)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(
        create_app(settings, store), host="127.0.0.1", port=port, log_level="warning", lifespan="on",
    ))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/sparql", store
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()


# -- SPARQLWrapper ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(endpoint: tuple[str, Store], method: str) -> None:
    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setQuery(SOES)
    client.setReturnFormat(JSON)
    client.setMethod(method)
    result: Any = client.queryAndConvert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["Investissement Québec"]


@pytest.mark.parametrize("fmt", [XML, CSV])
def test_sparqlwrapper_select_other_formats(endpoint: tuple[str, Store], fmt: str) -> None:
    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setQuery(SOES)
    client.setReturnFormat(fmt)
    converted: Any = client.queryAndConvert()
    text = converted.toxml() if fmt == XML else converted.decode("utf-8")
    assert "Investissement Québec" in text


def test_sparqlwrapper_ask_and_construct(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    client = SPARQLWrapper(url)
    client.setQuery(f"ASK {{ ?e <{RDFS}label> \"Albecour Inc.\" }}")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True  # type: ignore[index]
    query = f"CONSTRUCT {{ ?e <{RDFS}label> ?n }} WHERE {{ ?e <{RDFS}label> ?n }}"
    client.setQuery(query)
    client.setReturnFormat(TURTLE)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert set(graph) == set(store.construct(query))


def test_sparqlwrapper_sees_errors(endpoint: tuple[str, Store]) -> None:
    url, _ = endpoint
    client = SPARQLWrapper(url)
    client.setQuery("SELECT * WHERE { ?s ?p }")
    client.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed, match="invalid SPARQL"):
        client.query()
    update = SPARQLWrapper(url)
    update.setMethod(POST)
    update.setQuery(f'INSERT DATA {{ <{ID}org-nobody> <{RDFS}label> "Nobody" }}')
    with pytest.raises(Unauthorized):
        update.query()


def test_sparqlwrapper_update_with_token(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    client = SPARQLWrapper(url)
    client.setMethod(POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    graph = f"{ID}announcement-00000000000000c1"
    client.setQuery(f'INSERT DATA {{ GRAPH <{graph}> {{ <{ID}org-wrapped> <{RDFS}label> "Wrapped Co" }} }}')
    client.query()
    assert store.has_graph(graph)
    store.remove_graph(graph)


# -- rdflib SPARQLStore -------------------------------------------------------------------


def test_rdflib_sparqlstore_select_and_triples(endpoint: tuple[str, Store]) -> None:
    url, _ = endpoint
    graph = Graph(store=SPARQLStore(url, returnFormat="json"))
    rows = list(graph.query(SOES))
    assert [str(row.name) for row in rows] == ["Investissement Québec"]  # type: ignore[union-attr]
    labels = set(graph.objects(URIRef(ID + "org-albecour"), URIRef(RDFS + "label")))
    assert labels == {Literal("Albecour Inc.")}
    assert graph.query(f"ASK {{ <{ID}org-albecour> ?p ?o }}").askAnswer is True


def test_rdflib_sparqlstore_xml_results(endpoint: tuple[str, Store]) -> None:
    url, _ = endpoint
    graph = Graph(store=SPARQLStore(url, returnFormat="xml"))
    assert [str(row.name) for row in graph.query(SOES)] == ["Investissement Québec"]  # type: ignore[union-attr]


def test_rdflib_sparqlupdatestore_needs_the_token(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    graph_iri = f"{ID}announcement-00000000000000c2"
    triple = (URIRef(ID + "org-updated"), URIRef(RDFS + "label"), Literal("Updated Co"))
    without = SPARQLUpdateStore(url, url)
    with pytest.raises(Exception, match="401"):
        without.add(triple, context=Graph(identifier=URIRef(graph_iri)))
    assert not store.has_graph(graph_iri)
    with_token = SPARQLUpdateStore(url, url, headers={"Authorization": f"Bearer {TOKEN}"})
    with_token.add(triple, context=Graph(identifier=URIRef(graph_iri)))
    assert store.has_graph(graph_iri)
    store.remove_graph(graph_iri)
