"""Real SPARQL clients against /sparql: SPARQLWrapper and rdflib's SPARQLStore and
SPARQLUpdateStore, talking HTTP to the app served by uvicorn on loopback in a thread.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, GET, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from oregraph.api import create_app
from oregraph.graph.store import Store
from oregraph.settings import Settings
from tests.live_server import serve_in_thread

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, alouette_chain  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::RuntimeWarning")

TOKEN = "c" * 32
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OG = "https://w3id.org/oregraph/ontology#"
SOES = f"""PREFIX og: <{OG}> PREFIX rdfs: <{RDFS}>
SELECT ?e ?name WHERE {{ ?e a og:StateOwnedEnterprise ; rdfs:label ?name }}"""


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """The URL of /sparql on a uvicorn server in a thread, and its store."""
    settings = Settings(store=str(tmp_path_factory.mktemp("clients") / "s"), update_token=TOKEN)
    with Store.open(settings=settings) as store:
        alouette_chain(store)
        with serve_in_thread(create_app(settings, store)) as base:
            yield base + "/sparql", store


# -- SPARQLWrapper ----------------------------------------------------------------------


def _wrapper(url: str, query: str, fmt: str | None = JSON, method: str = GET) -> SPARQLWrapper:
    """A SPARQLWrapper client set up to send ``query`` (``fmt`` None: the library's default)."""
    client = SPARQLWrapper(url)
    client.setQuery(query)
    if fmt is not None:
        client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(endpoint: tuple[str, Store], method: str) -> None:
    url, _ = endpoint
    result: Any = _wrapper(url, SOES, JSON, method).queryAndConvert()
    assert [b["name"]["value"] for b in result["results"]["bindings"]] == ["Investissement Québec"]


@pytest.mark.parametrize("fmt", [XML, CSV])
def test_sparqlwrapper_select_other_formats(endpoint: tuple[str, Store], fmt: str) -> None:
    url, _ = endpoint
    converted: Any = _wrapper(url, SOES, fmt).queryAndConvert()
    text = converted.toxml() if fmt == XML else converted.decode("utf-8")
    assert "Investissement Québec" in text


def test_sparqlwrapper_ask_and_construct(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    ask = _wrapper(url, f"ASK {{ ?e <{RDFS}label> \"Albecour Inc.\" }}")
    assert ask.queryAndConvert()["boolean"] is True  # type: ignore[index]
    query = f"CONSTRUCT {{ ?e <{RDFS}label> ?n }} WHERE {{ ?e <{RDFS}label> ?n }}"
    converted = _wrapper(url, query, TURTLE).queryAndConvert()
    graph = Graph().parse(data=converted, format="turtle")  # type: ignore[arg-type]
    assert set(graph) == set(store.construct(query))


def test_sparqlwrapper_sees_errors(endpoint: tuple[str, Store]) -> None:
    url, _ = endpoint
    with pytest.raises(QueryBadFormed, match="invalid SPARQL"):
        _wrapper(url, "SELECT * WHERE { ?s ?p }").query()
    update = _wrapper(url, f'INSERT DATA {{ <{ID}org-nobody> <{RDFS}label> "Nobody" }}', None, POST)
    with pytest.raises(Unauthorized):
        update.query()


def test_sparqlwrapper_update_with_token(endpoint: tuple[str, Store]) -> None:
    url, store = endpoint
    graph = f"{ID}announcement-00000000000000c1"
    client = _wrapper(url, f'INSERT DATA {{ GRAPH <{graph}> {{ <{ID}org-wrapped> <{RDFS}label> "Wrapped Co" }} }}',
                      None, POST)
    client.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
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
