"""The SPARQL 1.1 Protocol at /sparql beyond the basics of test_api.py: the dataset
parameters, the ``format`` parameter, RDF/XML, the time limit, the result cap, the
worker limit, the service description, and writing through ``POST /announcements``.

Every test builds its own app over its own in-memory store (the Alouette chain of
graph_fixtures: two announcements).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS

from oregraph.api import create_app
from oregraph.graph.store import Store
from oregraph.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, alouette_chain  # noqa: E402

TOKEN = "t" * 24
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
LABELS = f"SELECT DISTINCT ?name WHERE {{ ?e <{RDFS}label> ?name }} ORDER BY ?name"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"
# A filtered three-way cross product over ~150 quads, counted: no solution comes
# before all are counted (about 1.5 s of engine time here).
BLOCKING = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z FILTER(STR(?x) < STR(?z)) }"
# The same product streamed solution by solution.
STREAMING = "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"


def make_client(tmp_path: Path, **overrides: Any) -> tuple[TestClient, Store, dict[str, URIRef]]:
    settings = Settings(store=str(tmp_path / "unused"), **{"update_token": TOKEN, **overrides})
    store = Store.memory(settings)
    nodes = alouette_chain(store)
    return TestClient(create_app(settings, store), raise_server_exceptions=False), store, nodes


@pytest.fixture
def setup(tmp_path: Path) -> tuple[TestClient, Store, dict[str, URIRef]]:
    return make_client(tmp_path)


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return [b["name"]["value"] for b in response.json()["results"]["bindings"]]


def error_of(response: Any, status: int, type_: str) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["type"] == type_
    message: str = body["error"]["message"]
    assert message and "\n" not in message and "Traceback" not in message
    return message


# -- the dataset: default-graph-uri and named-graph-uri --------------------------------


def test_default_graph_uri_replaces_the_union(setup: Any) -> None:
    client, _, nodes = setup
    union = names(client.get("/sparql", params={"query": LABELS}))
    first = names(client.get("/sparql", params={"query": LABELS, "default-graph-uri": str(nodes["first"])}))
    second = names(client.get("/sparql", params={"query": LABELS, "default-graph-uri": str(nodes["second"])}))
    assert "Investissement Québec" in first and "Investissement Québec" not in second
    assert "Imperial Mining Group Ltd." in second and "Imperial Mining Group Ltd." not in first
    assert sorted(set(first) | set(second)) == union
    both = client.get("/sparql", params=[
        ("query", LABELS), ("default-graph-uri", str(nodes["first"])),
        ("default-graph-uri", str(nodes["second"])),
    ])
    assert names(both) == union


@pytest.mark.parametrize("how", ["form", "sparql-query"])
def test_dataset_parameters_on_post(setup: Any, how: str) -> None:
    client, _, nodes = setup
    first = str(nodes["first"])
    if how == "form":
        response = client.post("/sparql", data={"query": LABELS, "default-graph-uri": first})
    else:
        response = client.post(
            "/sparql", params={"default-graph-uri": first}, content=LABELS,
            headers={"Content-Type": "application/sparql-query"},
        )
    got = names(response)
    assert "Investissement Québec" in got and "Imperial Mining Group Ltd." not in got


def test_named_graph_uri_limits_graph(setup: Any) -> None:
    client, _, nodes = setup
    every = client.get("/sparql", params={"query": GRAPHS}).json()["results"]["bindings"]
    assert {b["g"]["value"] for b in every} == {str(nodes["first"]), str(nodes["second"])}
    only = client.get("/sparql", params={"query": GRAPHS, "named-graph-uri": str(nodes["second"])})
    assert [b["g"]["value"] for b in only.json()["results"]["bindings"]] == [str(nodes["second"])]


def test_a_graph_parameter_that_is_not_an_iri_is_400(setup: Any) -> None:
    client, _, _ = setup
    response = client.get("/sparql", params={"query": LABELS, "default-graph-uri": "not an iri"})
    assert "default-graph-uri" in error_of(response, 400, "QueryError")


# -- answer formats ----------------------------------------------------------------------

CONSTRUCT = f"CONSTRUCT {{ ?e <{RDFS}label> ?name }} WHERE {{ ?e <{RDFS}label> ?name }}"


@pytest.mark.parametrize(
    ("format_", "media"),
    [("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
     ("xml", "application/sparql-results+xml"), ("json", "application/sparql-results+json"),
     ("text/csv", "text/csv")],
)
def test_format_parameter_overrides_accept(setup: Any, format_: str, media: str) -> None:
    client, _, _ = setup
    response = client.get(
        "/sparql", params={"query": LABELS, "format": format_},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    assert "Albecour Inc." in response.text


@pytest.mark.parametrize(
    ("how", "value", "media", "rdflib_format"),
    [("format", "rdfxml", "application/rdf+xml", "xml"),
     ("format", "jsonld", "application/ld+json", "json-ld"),
     ("format", "json", "application/ld+json", "json-ld"),
     ("format", "ntriples", "application/n-triples", "nt"),
     ("accept", "application/rdf+xml", "application/rdf+xml", "xml"),
     ("accept", "text/turtle", "text/turtle", "turtle")],
)
def test_construct_formats_parse_back_to_the_same_graph(
    setup: Any, how: str, value: str, media: str, rdflib_format: str
) -> None:
    client, store, _ = setup
    if how == "format":
        response = client.get("/sparql", params={"query": CONSTRUCT, "format": value})
    else:
        response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": value})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media
    parsed = Graph().parse(data=response.content, format=rdflib_format)
    expected = store.construct(CONSTRUCT)
    assert len(parsed) == len(expected) > 5
    assert set(parsed) == set(expected)


def test_unknown_format_is_400(setup: Any) -> None:
    client, _, _ = setup
    message = error_of(client.get("/sparql", params={"query": LABELS, "format": "yaml"}), 400, "QueryError")
    assert "csv" in message


# -- limits: result cap, time limit, workers ----------------------------------------------


def test_result_cap_is_a_clear_error_not_a_cut_answer(tmp_path: Path) -> None:
    client, store, _ = make_client(tmp_path, result_cap=3)
    assert len(store.select(LABELS)) > 3
    message = error_of(client.get("/sparql", params={"query": LABELS}), 422, "ResultTooLarge")
    assert "more than 3" in message and "LIMIT 3" in message
    capped = client.get("/sparql", params={"query": LABELS + " LIMIT 3"})
    assert len(names(capped)) == 3
    construct = client.get("/sparql", params={"query": CONSTRUCT})
    assert "triples" in error_of(construct, 422, "ResultTooLarge")


def test_a_streaming_query_stops_at_the_deadline(tmp_path: Path) -> None:
    client, _, _ = make_client(tmp_path, query_timeout=0.3, result_cap=10_000_000)
    started = time.monotonic()
    response = client.get("/sparql", params={"query": STREAMING})
    elapsed = time.monotonic() - started
    message = error_of(response, 503, "QueryTimeout")
    assert "0.3 s" in message and "OREGRAPH_QUERY_TIMEOUT" in message
    assert response.headers["retry-after"]
    # ~4e8 solutions would take minutes; the answer comes near the deadline.
    assert elapsed < 10


def test_a_blocking_query_is_answered_at_the_deadline_and_holds_its_worker(tmp_path: Path) -> None:
    client, _, _ = make_client(tmp_path, query_timeout=0.2, query_workers=1)
    started = time.monotonic()
    response = client.get("/sparql", params={"query": BLOCKING})
    assert time.monotonic() - started < 10
    error_of(response, 503, "QueryTimeout")
    # The engine cannot be interrupted: the counting goes on in the only worker, so
    # the next query is refused at once rather than queued.
    busy = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert "busy" in error_of(busy, 503, "StoreBusy")


def test_settings_reject_unsafe_limits() -> None:
    from pydantic import ValidationError

    for bad in ({"query_timeout": 0}, {"result_cap": 0}, {"query_workers": 0}, {"update_token": "short"}):
        with pytest.raises(ValidationError):
            Settings(store="/tmp/unused", **bad)


# -- service description -------------------------------------------------------------------


def test_service_description(setup: Any) -> None:
    client, _, _ = setup
    response = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/turtle")
    graph = Graph().parse(data=response.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoints = list(graph.objects(None, URIRef(sd + "endpoint")))
    assert [str(e) for e in endpoints] == ["http://testserver/sparql"]
    languages = {str(o) for o in graph.objects(None, URIRef(sd + "supportedLanguage"))}
    assert languages == {sd + "SPARQL11Query", sd + "SPARQL11Update"}
    assert (None, URIRef(sd + "feature"), URIRef(sd + "UnionDefaultGraph")) in graph


# -- POST /announcements -------------------------------------------------------------------

TEXT = """Northwind Minerals Acquires Stake in Harrow Copper

TORONTO, Ontario, March 4, 2024 -- Northwind Minerals Inc. said today that it has acquired a 40% interest in Harrow Copper Ltd. from Fenwick Capital Corp.

Harrow Copper Ltd. owns the Harrow copper mine in Chile.
"""


def _post(client: TestClient, token: str | None = TOKEN, **kwargs: Any) -> Any:
    headers = kwargs.pop("headers", {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return client.post("/announcements", headers=headers, **kwargs)


def test_post_announcement_as_text_then_again(setup: Any) -> None:
    client, store, _ = setup
    before = set(store.graphs())
    response = _post(client, content=TEXT.encode(), headers={"Content-Type": "text/plain"},
                     params={"source": "https://example.com/news/northwind-harrow"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["created"] is True and body["quads_added"] > 10
    assert set(store.graphs()) == before | {body["iri"]}
    assert body["id"] == body["iri"].removeprefix(ID)
    found = client.get("/sparql", params={
        "query": f"ASK {{ GRAPH <{body['iri']}> {{ ?a <{DCTERMS.source}> <https://example.com/news/northwind-harrow> }} }}"
    })
    assert found.json()["boolean"] is True
    labels = names(client.get("/sparql", params={"query": LABELS}))
    assert any("Northwind" in name for name in labels)
    again = _post(client, content=TEXT.encode(), headers={"Content-Type": "text/plain"})
    assert again.status_code == 200, again.text
    assert again.json()["created"] is False and again.json()["iri"] == body["iri"]


def test_post_announcement_as_json(setup: Any) -> None:
    client, store, _ = setup
    response = _post(client, json={"text": TEXT, "title": "Northwind buys into Harrow",
                                   "date": "2024-03-04", "source": "https://example.com/n/1"})
    assert response.status_code == 201, response.text
    graph = response.json()["iri"]
    rows = store.select(f"SELECT ?date WHERE {{ GRAPH <{graph}> {{ ?a <{DCTERMS.date}> ?date }} }}")
    assert [str(r["date"]) for r in rows] == ["2024-03-04"]


@pytest.mark.parametrize(
    ("token", "status", "type_"),
    [(None, 401, "Unauthorized"), ("wrong-token-wrong-token", 403, "Forbidden")],
)
def test_post_announcement_needs_the_token(setup: Any, token: str | None, status: int, type_: str) -> None:
    client, store, _ = setup
    before = len(store)
    response = _post(client, token=token, content=TEXT.encode(), headers={"Content-Type": "text/plain"})
    error_of(response, status, type_)
    assert len(store) == before


def test_post_announcement_is_refused_without_a_configured_token(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "unused"))
    store = Store.memory(settings)
    client = TestClient(create_app(settings, store))
    response = _post(client, content=TEXT.encode(), headers={"Content-Type": "text/plain"})
    assert "read-only" in error_of(response, 403, "Forbidden")
    assert len(store) == 0


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [({"json": {"text": "   "}}, "no text"),
     ({"json": {"text": TEXT, "date": "4 March"}}, "date"),
     ({"json": {"text": TEXT, "source": "not a url"}}, "source"),
     ({"json": ["a list"]}, "object"),
     ({"content": b"\xff\xfe", "headers": {"Content-Type": "text/plain"}}, "UTF-8"),
     ({"content": b"<x/>", "headers": {"Content-Type": "application/xml"}}, "text/plain")],
)
def test_post_announcement_bad_input_is_422(setup: Any, kwargs: dict[str, Any], needle: str) -> None:
    client, store, _ = setup
    before = len(store)
    assert needle in error_of(_post(client, **kwargs), 422, "InputError")
    assert len(store) == before


def test_post_announcement_too_large(tmp_path: Path) -> None:
    client, store, _ = make_client(tmp_path, max_announcement_bytes=100)
    response = _post(client, content=TEXT.encode(), headers={"Content-Type": "text/plain"})
    assert "OREGRAPH_MAX_ANNOUNCEMENT_BYTES" in error_of(response, 413, "PayloadTooLarge")


def test_request_bodies_are_limited_for_every_route(tmp_path: Path) -> None:
    client, _, _ = make_client(tmp_path, max_request_bytes=1000)
    big = "x" * 5000
    error_of(_post(client, content=big.encode(), headers={"Content-Type": "text/plain"}), 413, "PayloadTooLarge")
    error_of(client.post("/sparql", data={"query": big}), 413, "PayloadTooLarge")


def test_openapi_documents_the_write_routes(setup: Any) -> None:
    client, _, _ = setup
    spec = client.get("/openapi.json").json()
    assert "/announcements" in spec["paths"]
    post = spec["paths"]["/announcements"]["post"]
    assert {"201", "401", "403"} <= set(post["responses"])
    assert "application/json" in post["requestBody"]["content"]
