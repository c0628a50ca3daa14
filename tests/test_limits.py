"""Limits and injection: what a hostile or careless client cannot do to the API or the store.

* request bodies over a size are refused with 413 and the one error shape
  (``oregraph.api.limits``), whether the length is declared or streamed;
* a slow SPARQL query is stopped at ``Settings.query_timeout`` (503,
  ``QueryTimeout``), a big one is cut at ``Settings.result_cap``;
* list endpoints page with bounded ``limit`` and ``offset``;
* names, ids and IRIs holding quotes, angle brackets, newlines or
  ``} ; DROP ALL`` reach the store only as bound values: they cannot change a
  query, and the store is the same after every one of them.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from oregraph.api import create_app
from oregraph.api.limits import BodySizeLimit, install
from oregraph.errors import EntityNotFound, OregraphError
from oregraph.graph import entities
from oregraph.graph.ids import id_to_iri, iri_to_id
from oregraph.graph.store import Store
from oregraph.settings import Settings
from tests.graph_fixtures import Announcement, alouette_chain

OG = "https://w3id.org/oregraph/ontology#"

#: Text that would break out of a SPARQL string, IRI or group if pasted into a query.
HOSTILE = [
    '"} ; DROP ALL ; #',
    "'} ; DROP ALL ; #",
    '""" } DROP ALL { """',
    "> } ; DROP ALL ; <",
    "<http://evil.example/> } ; CLEAR ALL",
    "Evil\nMining\r\nCorp } INSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "\\u0022 } ; DROP ALL",
    "?s ?p ?o",
    "%22%7D%20DROP%20ALL",
    "\x00nul",
    "Québec \u202e reversed",
]

#: An entity whose real name is itself hostile: search and resolve must find exactly it.
EVIL_NAME = 'Evil "Quote" <Mining> } ; DROP ALL Corp.'


def _state(store: Store) -> tuple[int, list[str]]:
    return len(store), store.graphs()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store for the module: every test here leaves it as it found it (and checks so)."""
    store = Store.memory(Settings(store=str(tmp_path_factory.mktemp("limits") / "unused")))
    alouette_chain(store)
    ann = Announcement("evil", title="Evil announcement")
    ann.org("evil-quote-mining", EVIL_NAME, "Evil")
    ann.add_to(store)
    yield store
    store.close()


def _error(response, status: int, type_: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and {"type", "message"} <= set(body["error"])
    assert isinstance(body["error"]["message"], str) and body["error"]["message"].strip()
    if type_ is not None:
        assert body["error"]["type"] == type_
    return body["error"]


# -- request body size: oregraph.api.limits ------------------------------------------


def _echo_app(max_bytes: int | None) -> FastAPI:
    """A route that reads its whole body; limited to ``max_bytes`` unless that is None."""
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict:
        body = await request.body()
        return {"received": len(body)}

    if max_bytes is not None:
        install(app, max_bytes)
    return app


def test_body_under_the_limit_reaches_the_route() -> None:
    client = TestClient(_echo_app(100))
    response = client.post("/echo", content=b"x" * 100)
    assert response.status_code == 200
    assert response.json() == {"received": 100}


def test_declared_length_over_the_limit_is_refused_with_the_error_shape() -> None:
    client = TestClient(_echo_app(100))
    response = client.post("/echo", content=b"x" * 101)
    error = _error(response, 413, "PayloadTooLarge")
    assert "101" in error["message"] and "100" in error["message"]


def test_streamed_body_over_the_limit_is_refused_while_it_is_read() -> None:
    """No Content-Length (chunked): the body is counted as the route reads it, and reading stops."""
    pulled = 0
    sent: list[dict] = []

    async def receive() -> dict:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"y" * 64, "more_body": pulled < 1000}

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/echo", "raw_path": b"/echo", "root_path": "",
             "query_string": b"", "headers": [(b"transfer-encoding", b"chunked")],
             "server": ("testserver", 80), "client": ("testclient", 50000)}
    async def bare_app(scope: dict, receive, send) -> None:  # reads its whole body, then 200
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"read it all"})

    asyncio.run(BodySizeLimit(bare_app, 1000)(scope, receive, send))
    assert pulled == 1000 // 64 + 1, "the body was read past the limit"
    assert sent[0]["status"] == 413
    body = json.loads(b"".join(m.get("body", b"") for m in sent[1:]))
    assert body["error"]["type"] == "PayloadTooLarge" and "1,000" in body["error"]["message"]


def test_streamed_body_over_the_limit_through_the_test_client() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"y" * 64

    _error(TestClient(_echo_app(1000)).post("/echo", content=chunks()), 413, "PayloadTooLarge")


def test_limit_leaves_get_requests_and_other_scopes_alone() -> None:
    app = _echo_app(10)

    @app.get("/ping")
    def ping() -> dict:
        return {"ok": True}

    with TestClient(app) as client:  # lifespan scope passes through the middleware
        assert client.get("/ping").json() == {"ok": True}


def test_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        BodySizeLimit(_echo_app(1), 0)


def test_create_app_installs_the_body_limit_from_settings(tmp_path: Path) -> None:
    token = "t" * 24
    settings = Settings(store=str(tmp_path / "unused"), max_request_bytes=2000, update_token=token)
    store = Store.memory(settings)
    app = create_app(settings, store)
    assert any(m.cls is BodySizeLimit and m.kwargs.get("max_bytes") == 2000
               for m in app.user_middleware)
    client = TestClient(app)
    body = {"text": "Alder Mining Ltd. holds 40% of Birch Holdings Inc. " * 100, "source": "urn:t:1"}
    response = client.post("/announcements", json=body, headers={"authorization": f"Bearer {token}"})
    _error(response, 413, "PayloadTooLarge")

    def chunks() -> Iterator[bytes]:  # the same, streamed without a Content-Length
        for _ in range(50):
            yield b"Alder Mining Ltd. holds 40% of Birch Holdings Inc. "

    response = client.post("/announcements", content=chunks(),
                           headers={"authorization": f"Bearer {token}", "content-type": "text/plain"})
    _error(response, 413, "PayloadTooLarge")
    assert len(store) == 0


def test_sparql_post_over_a_megabyte_is_refused(store: Store) -> None:
    client = TestClient(create_app(store.settings, store))
    before = _state(store)
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000
    response = client.post("/sparql", content=big.encode(),
                            headers={"content-type": "application/sparql-query"})
    _error(response, 413)
    assert _state(store) == before


# -- query timeout and result cap ----------------------------------------------------


def _grid(store: Store, n: int) -> None:
    g = "https://w3id.org/oregraph/id/announcement-grid"
    store.add_graph(g, [
        (ox.NamedNode(f"https://w3id.org/oregraph/id/org-n{i}"), ox.NamedNode(OG + "rank"),
         ox.Literal(str(i)), ox.NamedNode(g))
        for i in range(n)
    ])


def _client_with(tmp_path: Path, n: int, **limits) -> tuple[TestClient, Store]:
    settings = Settings(store=str(tmp_path / "limits"), **limits)
    store = Store.open(settings=settings)
    _grid(store, n)
    return TestClient(create_app(settings, store), raise_server_exceptions=False), store


def test_aggregate_query_past_the_timeout_answers_503(tmp_path: Path) -> None:
    # 50^4 = 6 million combinations: about 2 s over the union graph, far past 0.1 s
    client, store = _client_with(tmp_path, 50, query_timeout=0.1)
    try:
        q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        response = client.get("/sparql", params={"query": q})
        _error(response, 503, "QueryTimeout")
    finally:
        store.close()


def test_streaming_query_past_the_timeout_answers_503(tmp_path: Path) -> None:
    # 60^3 = 216,000 rows: about 0.2 s to iterate and more to serialise, past 0.05 s
    client, store = _client_with(tmp_path, 60, query_timeout=0.05, result_cap=10_000_000)
    try:
        response = client.get("/sparql", params={"query": "SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"})
        _error(response, 503, "QueryTimeout")
    finally:
        store.close()


def test_result_cap_bounds_the_rows_returned(tmp_path: Path) -> None:
    client, store = _client_with(tmp_path, 40, result_cap=25)
    try:
        response = client.get("/sparql", params={"query": "SELECT ?a ?d { ?a ?b ?c . ?d ?e ?f }"},
                              headers={"accept": "application/sparql-results+json"})
        if response.status_code == 200:
            rows = response.json()["results"]["bindings"]
            assert 0 < len(rows) <= 25  # 1600 rows match
        else:  # refusing a too-large result outright is also a cap
            _error(response, response.status_code)
            assert 400 <= response.status_code < 500
    finally:
        store.close()


def test_settings_refuse_unsafe_limits() -> None:
    for bad in ({"query_timeout": 0}, {"query_timeout": -1}, {"result_cap": 0},
                {"max_announcement_bytes": 0}, {"query_timeout": 10_000}):
        with pytest.raises(ValueError):
            Settings(**bad)


# -- page sizes ------------------------------------------------------------------------


@pytest.mark.parametrize("limit", ["0", "-1", "100001", "ten"])
def test_entity_search_limit_is_bounded(store: Store, limit: str) -> None:
    client = TestClient(create_app(store.settings, store))
    _error(client.get("/entities", params={"limit": limit}), 422, "ValidationError")


def test_entity_search_limit_caps_the_page(store: Store) -> None:
    client = TestClient(create_app(store.settings, store))
    every = client.get("/entities", params={"limit": 1000}).json()
    assert len(every) > 3
    assert client.get("/entities", params={"limit": 3}).json() == every[:3]


def test_entity_search_pages_with_offset(store: Store) -> None:
    client = TestClient(create_app(store.settings, store))
    every = client.get("/entities", params={"limit": 1000}).json()
    page = client.get("/entities", params={"limit": 2, "offset": 2}).json()
    assert page == every[2:4]
    _error(client.get("/entities", params={"offset": -1}), 422, "ValidationError")


# -- injection: graph/ids.py -----------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE + ["org-Albecour", "org albecour", "org-x/../y", ""])
def test_id_to_iri_refuses_text_that_is_no_id(text: str) -> None:
    with pytest.raises(EntityNotFound):
        id_to_iri(text)


@pytest.mark.parametrize("iri", ["http://example.org/a?b=c#d", "http://example.org/%22q%22",
                                 "urn:x:y/z", "http://例え.jp/ü"])
def test_encoded_ids_round_trip_and_stay_one_path_segment(iri: str) -> None:
    entity_id = iri_to_id(iri)
    assert "/" not in entity_id and quote(entity_id, safe="-_") == entity_id
    assert id_to_iri(entity_id) == iri


def test_encoded_id_of_a_non_iri_is_not_found(store: Store) -> None:
    client = TestClient(create_app(store.settings, store), raise_server_exceptions=False)
    before = _state(store)
    answers = {}
    for iri in ("http://x> } ; DROP ALL", "\n", "not an iri"):
        token = base64.urlsafe_b64encode(iri.encode()).decode().rstrip("=")
        for suffix in ("", "/owners", "/holdings", "/graph", "/page"):
            answers[iri, suffix] = client.get(f"/entities/iri-{token}{suffix}").status_code
    assert _state(store) == before
    assert set(answers.values()) == {404}, answers


# -- injection: graph/entities.py -----------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_search_with_hostile_text_changes_nothing(store: Store, text: str) -> None:
    before = _state(store)
    found = entities.search(store, text)
    assert all(e.label == EVIL_NAME for e in found), [e.label for e in found]
    assert _state(store) == before


@pytest.mark.parametrize("text", HOSTILE)
def test_resolve_with_hostile_text_is_not_found_and_changes_nothing(store: Store, text: str) -> None:
    before = _state(store)
    with pytest.raises(OregraphError):
        entities.resolve(store, text)
    assert _state(store) == before


def test_a_hostile_name_is_found_as_plain_text(store: Store) -> None:
    assert [e.id for e in entities.search(store, EVIL_NAME)] == ["org-evil-quote-mining"]
    assert entities.resolve(store, EVIL_NAME).id == "org-evil-quote-mining"


# -- injection: the API routes ---------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_entity_routes_answer_hostile_ids_with_404(store: Store, text: str) -> None:
    client = TestClient(create_app(store.settings, store), raise_server_exceptions=False)
    before = _state(store)
    for suffix in ("", "/owners", "/holdings", "/graph", "/page"):
        response = client.get("/entities/" + quote(text, safe="") + suffix)
        assert response.status_code == 404, (suffix, response.text[:300])
        if response.headers["content-type"].startswith("application/json"):
            assert set(response.json()) == {"error"}
    assert _state(store) == before


@pytest.mark.parametrize("text", HOSTILE)
def test_search_route_with_hostile_text(store: Store, text: str) -> None:
    client = TestClient(create_app(store.settings, store), raise_server_exceptions=False)
    before = _state(store)
    response = client.get("/entities", params={"q": text})
    assert response.status_code == 200, response.text[:300]
    assert all(e["id"] == "org-evil-quote-mining" for e in response.json())
    response = client.get("/entities", params={"q": "x", "type": text})
    assert 400 <= response.status_code < 500
    assert _state(store) == before


@pytest.mark.parametrize("field", ["query", "update"])
def test_sparql_update_smuggled_into_a_query_is_refused(store: Store, field: str) -> None:
    client = TestClient(create_app(store.settings, store))
    before = _state(store)
    for text in ("DROP ALL", "SELECT * { ?s ?p ?o } ; DROP ALL",
                 "# comment\nCLEAR ALL", "PREFIX x: <urn:x> DELETE WHERE { ?s ?p ?o }"):
        response = client.post("/sparql", data={field: text})
        assert response.status_code in (400, 403), response.text
        assert set(response.json()) == {"error"}
        response = client.get("/sparql", params={"query": text})
        assert response.status_code == 400, response.text
    assert _state(store) == before


def test_service_clause_cannot_make_the_server_fetch(store: Store) -> None:
    client = TestClient(create_app(store.settings, store))
    q = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    error = _error(client.get("/sparql", params={"query": q}), 400, "QueryError")
    assert "SERVICE" in error["message"]


def test_error_messages_are_json_not_reflected_markup(store: Store) -> None:
    client = TestClient(create_app(store.settings, store))
    response = client.get("/entities/" + quote('<img src=x onerror="alert(1)">', safe=""))
    assert response.headers["content-type"].startswith("application/json")
    assert json.loads(response.text)["error"]["type"] == "EntityNotFound"


# -- queries that would crash the engine: run against real processes ---------------------
# Oxigraph's SPARQL parser recurses once per nesting level and overflows the stack (the
# process dies with SIGSEGV) at a few thousand levels; the store refuses deep nesting first.

NESTED_DEPTH = 20_000  # 40 KB of parentheses: far under the 1 MB request limit
NESTED_QUERY = "SELECT * WHERE { FILTER(" + "(" * NESTED_DEPTH + "1" + ")" * NESTED_DEPTH + ") }"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_deeply_nested_query_cannot_kill_the_server(tmp_path: Path) -> None:

    port = _free_port()
    oregraph = Path(sys.executable).with_name("oregraph")
    server = subprocess.Popen([str(oregraph), "serve", "--store", str(tmp_path / "s"), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              env={**os.environ, "OREGRAPH_STORE": str(tmp_path / "d")})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode()[-1000:]
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        try:
            response = httpx.post(base + "/sparql", content=NESTED_QUERY.encode(), timeout=60,
                                  headers={"content-type": "application/sparql-query"})
            answered = response.status_code
        except httpx.TransportError as exc:
            answered = f"no answer ({type(exc).__name__})"
        time.sleep(0.2)
        alive = server.poll() is None
        assert alive, f"the server died (exit {server.returncode}) on a nested query"
        assert answered == 400, answered
        assert httpx.get(base + "/health", timeout=5).status_code == 200
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        server.stderr.close()


def test_a_deeply_nested_query_is_refused_by_the_cli_in_one_line(tmp_path: Path) -> None:
    query = tmp_path / "nested.rq"
    query.write_text(NESTED_QUERY, encoding="utf-8")
    oregraph = Path(sys.executable).with_name("oregraph")
    done = subprocess.run([str(oregraph), "query", "--store", str(tmp_path / "s"), "--file", str(query)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "OREGRAPH_STORE": str(tmp_path / "d")})
    assert done.returncode == 1, f"exit {done.returncode}: {done.stderr[-500:]}"
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("error: ")


def test_checking_a_query_takes_bounded_work(tmp_path: Path) -> None:
    """150 KB of '<' with 2 s of CPU left after the imports: a linear check needs milliseconds."""
    code = ("import resource\n"
            "from oregraph.errors import QueryError\nfrom oregraph.graph.store import Store\n"
            "store = Store.memory()\n"
            "used = resource.getrusage(resource.RUSAGE_SELF)\n"
            "allowed = int(used.ru_utime + used.ru_stime) + 3\n"
            "resource.setrlimit(resource.RLIMIT_CPU, (allowed, allowed))\n"
            "try:\n    store.query('<' * 150_000)\nexcept QueryError:\n    print('refused')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "OREGRAPH_STORE": str(tmp_path / "d")})
    assert done.returncode == 0, f"killed after its CPU allowance (exit {done.returncode})"
    assert done.stdout.strip() == "refused"


@pytest.mark.parametrize(("body", "headers"), [
    (b"\xff\xfe SELECT * WHERE { ?s ?p ?o }", {"content-type": "application/sparql-query"}),
    (b"SELECT * WHERE { ?s ?p ?o }", {"content-type": "application/x-www-form-urlencoded"}),
    (b"query=%FF%FE", {"content-type": "application/x-www-form-urlencoded"}),
    (b"SELECT * WHERE { ?s ?p ?o }", {"content-type": "image/png"}),
    (b"SELECT * WHERE { ?s ?p ?o }", {"content-type": "application/sparql-query",
                                      "accept": "text/html;q=abc, */*;q=-1, " + "x/y," * 2000}),
], ids=["not-utf8", "form-without-field", "form-not-utf8", "image", "hostile-accept"])
def test_sparql_endpoint_answers_hostile_requests_in_the_error_shape(store: Store, body: bytes,
                                                                     headers: dict) -> None:
    client = TestClient(create_app(store.settings, store), raise_server_exceptions=False)
    before = _state(store)
    response = client.post("/sparql", content=body, headers=headers)
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        _error(response, response.status_code)
    assert _state(store) == before
