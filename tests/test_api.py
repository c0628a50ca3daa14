"""The web API and pages, in-process through TestClient over a store built for each test.

The store holds the Alouette chain of ``graph_fixtures`` plus one announcement
written here: Alpha Metals holds 50% of Beta Smelting, which holds 40% of the
Gamma plant, which Alpha also holds 10% of directly (so Alpha's effective
share in Gamma is 0.5 * 0.4 + 0.1 = 30%), and an entity whose name is markup.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from oregraph import __version__
from oregraph.api import create_app
from oregraph.api.routes.sparql import MAX_REQUEST_BYTES
from oregraph.errors import AmbiguousEntity
from oregraph.graph.store import Store
from oregraph.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, Announcement, alouette_chain  # noqa: E402

TOKEN = "x" * 20
OG = "https://w3id.org/oregraph/ontology#"
EVIL = '<script>alert("owned")</script> Evil Mining Corp'
PREFIXES = f"PREFIX og: <{OG}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def _gamma(store: Store) -> None:
    ann = Announcement("alpha-gamma", date="2024-02-01", title="Alpha & Beta <restructure>",
                       source="https://example.com/news/alpha-gamma")
    alpha = ann.org("alpha-metals", "Alpha Metals Ltd.", "Alpha")
    beta = ann.org("beta-smelting", "Beta Smelting Inc.", "Beta")
    gamma = ann.facility("gamma", "Gamma aluminium plant", "Gamma")
    ann.stake(alpha, beta, 50, evidence="Alpha owns 50% of Beta.")
    ann.stake(beta, gamma, 40, evidence="Beta owns 40% of the Gamma plant.")
    ann.stake(alpha, gamma, 10, evidence="Alpha also holds 10% of Gamma directly.")
    evil = ann.org("evil-mining", EVIL, "Evil")
    ann.agreement([evil, alpha], "JointVenture", evidence="Evil and Alpha formed a <b>JV</b>.")
    ann.add_to(store)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(store=str(tmp_path / "s"), update_token=TOKEN)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = Store.open(settings=settings)
    alouette_chain(store)
    _gamma(store)
    yield store
    store.close()


@pytest.fixture
def client(settings: Settings, store: Store) -> TestClient:
    return TestClient(create_app(settings, store))


def assert_error(response: Any, status: int, type_: str) -> dict[str, Any]:
    """The one error shape: {"error": {"type", "message"[, "candidates"]}}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["type"] == type_
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert set(body["error"]) <= {"type", "message", "candidates"}
    return body["error"]


def count(store: Store, sparql: str) -> int:
    rows = store.select(PREFIXES + sparql)
    return len(rows)


# -- health ----------------------------------------------------------------------


def test_health(client: TestClient, store: Store) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "version": __version__, "quads": len(store), "announcements": 3,
    }


def test_app_opens_and_closes_the_store_from_settings(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "fresh"))
    app = create_app(settings)
    with TestClient(app) as client:
        assert client.get("/health").json()["quads"] == 0
    assert (tmp_path / "fresh").is_dir()
    assert app.state.store.closed


def test_app_leaves_a_given_store_open(settings: Settings, store: Store) -> None:
    with TestClient(create_app(settings, store)) as client:
        assert client.get("/health").status_code == 200
    assert not store.closed


def test_a_warm_app_builds_the_ownership_projection_at_start_up(settings: Settings, store: Store) -> None:
    import time

    from oregraph.graph import ownership

    ownership._CACHE.pop(store, None)
    with TestClient(create_app(settings, store, warm=True)):
        deadline = time.monotonic() + 30
        while store not in ownership._CACHE and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store in ownership._CACHE, "no projection was built before the first request"
        assert ownership._CACHE[store].generation == store.generation


# -- search ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Albecour Inc.", "org-albecour"),  # label
        ("albecour", "org-albecour"),  # label prefix, case ignored
        ("investissement quebec", "org-investissement-quebec"),  # accents ignored
        ("IQ", "org-investissement-quebec"),  # alias
        ("IPG", "org-imperial-mining-group"),  # ticker
        ("TSXV:IPG", "org-imperial-mining-group"),  # exchange:ticker
    ],
)
def test_search_by_name_alias_and_ticker(client: TestClient, q: str, expected: str) -> None:
    response = client.get("/entities", params={"q": q})
    assert response.status_code == 200
    found = response.json()
    assert found and found[0]["id"] == expected
    assert set(found[0]) == {"id", "label", "types", "aliases", "tickers"}


def test_search_result_fields(client: TestClient) -> None:
    imperial = client.get("/entities", params={"q": "imperial"}).json()[0]
    assert imperial == {
        "id": "org-imperial-mining-group",
        "label": "Imperial Mining Group Ltd.",
        "types": ["Company"],
        "aliases": ["Imperial", "IPG"],
        "tickers": ["TSXV:IPG"],
    }
    # ids are single URL-safe path segments
    for entity in client.get("/entities", params={"limit": 1000}).json():
        assert re.fullmatch(r"[A-Za-z0-9_-]+", entity["id"]), entity["id"]


def test_search_type_filter(client: TestClient) -> None:
    soes = client.get("/entities", params={"type": "StateOwnedEnterprise"}).json()
    assert [e["id"] for e in soes] == ["org-investissement-quebec"]
    # Company includes its subclasses; Plant excludes companies
    companies = {e["id"] for e in client.get("/entities", params={"type": "Company"}).json()}
    assert {"org-albecour", "org-investissement-quebec"} <= companies
    assert "facility-gamma" not in companies
    plants = client.get("/entities", params={"q": "gamma", "type": "Plant"}).json()
    assert [e["id"] for e in plants] == ["facility-gamma"]
    assert client.get("/entities", params={"q": "gamma", "type": "Person"}).json() == []


def test_search_limit_and_bad_type(client: TestClient) -> None:
    assert len(client.get("/entities", params={"limit": 2}).json()) == 2
    assert_error(client.get("/entities", params={"type": "Spaceship"}), 400, "QueryError")
    assert_error(client.get("/entities", params={"limit": 0}), 422, "ValidationError")


# -- one entity ------------------------------------------------------------------


def test_entity_detail_with_fact_and_source(client: TestClient) -> None:
    response = client.get("/entities/org-albecour")
    assert response.status_code == 200
    entity = response.json()
    assert entity["id"] == "org-albecour"
    assert entity["iri"] == ID + "org-albecour"
    assert entity["label"] == "Albecour Inc."
    assert "Albecour" in entity["aliases"]
    stake = next(
        f for f in entity["facts"]
        if f["predicate"] == "ownsStakeIn" and f["other"]["id"] == "org-aluminerie-alouette"
    )
    assert stake["direction"] == "out"
    assert stake["share"] == pytest.approx(6.67)
    assert stake["evidence"] == "Albecour holds 6.67% of Aluminerie Alouette Inc."
    assert stake["source"]["title"] == "IQ and Albecour"
    assert stake["source"]["date"] == "2023-07-13"
    assert stake["source"]["url"] == "file:///data/iq-albecour.txt"
    assert stake["source"]["id"].startswith("announcement-")
    partner = next(f for f in entity["facts"] if f["predicate"] == "partnerOf")
    assert partner["other"]["id"] == "org-imperial-mining-group"
    assert partner["agreement_type"] == "MemorandumOfUnderstanding"
    assert partner["source"]["title"] == "Imperial and Albecour sign MOU"


def test_owners_shape_and_effective_share(client: TestClient) -> None:
    response = client.get("/entities/facility-gamma/owners")
    assert response.status_code == 200
    report = response.json()
    assert set(report) >= {"entity", "direct", "ultimate"}
    assert report["entity"]["id"] == "facility-gamma"
    assert report["entity"]["label"] == "Gamma aluminium plant"
    direct = {d["id"]: d for d in report["direct"]}
    assert set(direct) == {"org-beta-smelting", "org-alpha-metals"}
    assert direct["org-beta-smelting"]["share"] == pytest.approx(40)
    assert {"id", "label", "share"} <= set(direct["org-beta-smelting"])
    [alpha] = report["ultimate"]
    assert {"id", "label", "effective_share", "paths"} <= set(alpha)
    assert alpha["id"] == "org-alpha-metals"
    assert alpha["effective_share"] == pytest.approx(0.5 * 0.4 * 100 + 10)  # 30%
    assert sorted(alpha["paths"]) == [
        ["org-alpha-metals", "facility-gamma"],
        ["org-alpha-metals", "org-beta-smelting", "facility-gamma"],
    ]


def test_holdings_look_through(client: TestClient) -> None:
    report = client.get("/entities/org-gouvernement-du-quebec/holdings").json()
    assert report["entity"]["id"] == "org-gouvernement-du-quebec"
    assert [d["id"] for d in report["direct"]] == ["org-investissement-quebec"]
    shares = {u["id"]: u["effective_share"] for u in report["ultimate"]}
    # 100% of IQ x 100% of Albecour x 6.67% of Alouette
    assert shares["org-aluminerie-alouette"] == pytest.approx(6.67)
    assert shares["org-albecour"] == pytest.approx(100)


def test_openapi_documents_response_models(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    owners = spec["paths"]["/entities/{entity_id}/owners"]["get"]["responses"]["200"]
    assert owners["content"]["application/json"]["schema"]["$ref"].endswith("/OwnershipOut")
    assert "/sparql" in spec["paths"]


# -- graph page ------------------------------------------------------------------


_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


def test_graph_page_is_offline_html(client: TestClient) -> None:
    response = client.get("/entities/org-albecour/graph", params={"depth": 2})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "Albecour Inc." in page
    assert "Investissement Québec" in page  # one hop away
    assert "Gouvernement du Québec" in page  # two hops away
    assert not _EXTERNAL.search(page)
    assert "/entities/{id}/page" not in page  # the url template was filled in
    assert '"url": "/entities/org-albecour/page"' in page


def test_graph_page_depth_is_bounded(client: TestClient) -> None:
    shallow = client.get("/entities/org-albecour/graph", params={"depth": 1}).text
    assert "Gouvernement du Québec" not in shallow
    assert_error(client.get("/entities/org-albecour/graph", params={"depth": 99}), 422,
                 "ValidationError")


def test_graph_page_escapes_labels(client: TestClient) -> None:
    page = client.get("/entities/org-evil-mining/graph").text
    assert "Evil Mining Corp" in page
    assert "<script>alert" not in page


# -- unknown entities and the error shape ----------------------------------------


@pytest.mark.parametrize("suffix", ["", "/owners", "/holdings", "/graph", "/page"])
@pytest.mark.parametrize("entity_id", ["org-nobody", "Not An Id"])
def test_unknown_entity_is_404(client: TestClient, entity_id: str, suffix: str) -> None:
    error = assert_error(client.get(f"/entities/{quote(entity_id)}{suffix}"), 404, "EntityNotFound")
    assert "/entities?q=" in error["message"]


def test_unknown_route_has_the_error_shape(client: TestClient) -> None:
    assert_error(client.get("/no/such/page"), 404, "NotFound")
    assert_error(client.delete("/sparql"), 405, "MethodNotAllowed")


def test_ambiguous_entity_is_409_with_candidates(settings: Settings, store: Store) -> None:
    app = create_app(settings, store)

    def boom() -> None:
        raise AmbiguousEntity("'Alpha' matches 2 entities", [("org-a", "A"), ("org-b", "B")])

    app.add_api_route("/boom", boom)
    error = assert_error(TestClient(app).get("/boom"), 409, "AmbiguousEntity")
    assert error["candidates"] == [{"id": "org-a", "label": "A"}, {"id": "org-b", "label": "B"}]


def test_unexpected_errors_are_500_and_not_leaked(
    settings: Settings, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret engine detail /var/lib/store")

    monkeypatch.setattr(store, "query", broken)
    client = TestClient(create_app(settings, store), raise_server_exceptions=False)
    error = assert_error(client.get("/sparql", params={"query": "ASK {}"}), 500, "InternalError")
    assert "secret" not in error["message"]


# -- SPARQL: queries --------------------------------------------------------------

SELECT_SOES = PREFIXES + """SELECT ?e ?name WHERE {
  ?e a og:StateOwnedEnterprise ; rdfs:label ?name } ORDER BY ?name"""

CONSTRUCT_LABELS = PREFIXES + """CONSTRUCT { ?e rdfs:label ?name } WHERE {
  ?e a og:StateOwnedEnterprise ; rdfs:label ?name }"""


def _send(client: TestClient, how: str, query: str, accept: str | None) -> Any:
    headers = {"Accept": accept} if accept else {}
    if how == "get":
        return client.get("/sparql", params={"query": query}, headers=headers)
    if how == "form":
        return client.post("/sparql", data={"query": query}, headers=headers)
    headers["Content-Type"] = "application/sparql-query"
    return client.post("/sparql", content=query.encode("utf-8"), headers=headers)


def _select_values(media: str, body: bytes) -> list[str]:
    """The ?name column of SELECT_SOES read back from each results format."""
    text = body.decode("utf-8")
    if media == "json":
        data = json.loads(text)
        assert data["head"]["vars"] == ["e", "name"]
        return [b["name"]["value"] for b in data["results"]["bindings"]]
    if media == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0] == ["e", "name"]
        return [r[1] for r in rows[1:]]
    if media == "tsv":
        lines = text.splitlines()
        assert lines[0].split("\t") == ["?e", "?name"]
        return [line.split("\t")[1].strip('"') for line in lines[1:]]
    assert media == "xml"
    assert "http://www.w3.org/2005/sparql-results#" in text
    return re.findall(r"<binding name=\"name\"><literal>([^<]*)</literal>", text)


@pytest.mark.parametrize("how", ["get", "form", "sparql-query"])
@pytest.mark.parametrize(
    ("accept", "media", "content_type"),
    [
        (None, "json", "application/sparql-results+json"),
        ("application/sparql-results+json", "json", "application/sparql-results+json"),
        ("text/csv", "csv", "text/csv"),
        ("text/tab-separated-values", "tsv", "text/tab-separated-values"),
        ("application/sparql-results+xml", "xml", "application/sparql-results+xml"),
    ],
)
def test_sparql_select_formats(
    client: TestClient, how: str, accept: str | None, media: str, content_type: str
) -> None:
    response = _send(client, how, SELECT_SOES, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == content_type
    assert _select_values(media, response.content) == ["Investissement Québec"]


def test_sparql_union_default_graph_and_ask(client: TestClient) -> None:
    # facts from two announcements (two named graphs) in one pattern
    query = PREFIXES + "ASK { ?a og:ownsStakeIn ?b . ?c og:partnerOf ?d }"
    response = _send(client, "get", query, None)
    assert response.json() == {"head": {}, "boolean": True}
    csv_answer = _send(client, "get", query, "text/csv")
    assert csv_answer.status_code == 200
    assert "true" in csv_answer.text


def test_sparql_accept_negotiation(client: TestClient) -> None:
    weighted = _send(client, "get", SELECT_SOES, "text/csv;q=0.4, application/sparql-results+xml")
    assert weighted.headers["content-type"].startswith("application/sparql-results+xml")
    browser = _send(client, "get", SELECT_SOES, "text/html,application/xhtml+xml,*/*;q=0.8")
    assert browser.headers["content-type"].startswith("application/sparql-results+json")


@pytest.mark.parametrize("how", ["get", "form", "sparql-query"])
@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, "text/turtle"),
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
    ],
)
def test_sparql_construct_formats(
    client: TestClient, how: str, accept: str | None, content_type: str
) -> None:
    response = _send(client, how, CONSTRUCT_LABELS, accept)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == content_type
    text = response.content.decode("utf-8")
    assert "Investissement Québec" in text
    if content_type == "application/n-triples":
        assert text.strip() == (
            f'<{ID}org-investissement-quebec> <http://www.w3.org/2000/01/rdf-schema#label> '
            '"Investissement Québec" .'
        )
    elif content_type == "application/ld+json":
        assert json.loads(text)


@pytest.mark.parametrize("how", ["get", "form", "sparql-query"])
def test_sparql_malformed_query_is_400(client: TestClient, how: str) -> None:
    error = assert_error(_send(client, how, "SELECT ?x WHERE { ?x ", None), 400, "QueryError")
    assert "invalid SPARQL" in error["message"]


def test_sparql_query_cannot_update(client: TestClient, store: Store) -> None:
    before = len(store)
    update = f"INSERT DATA {{ <{ID}org-x> <{OG}ownsStakeIn> <{ID}org-y> }}"
    assert_error(_send(client, "get", update, None), 400, "QueryError")
    assert_error(_send(client, "sparql-query", update, None), 400, "QueryError")
    assert len(store) == before


def test_sparql_refuses_service(client: TestClient) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    error = assert_error(_send(client, "form", query, None), 400, "QueryError")
    assert "SERVICE" in error["message"]
    # the word elsewhere is fine
    harmless = PREFIXES + 'SELECT ?service WHERE { BIND("SERVICE" AS ?service) }'
    assert _send(client, "get", harmless, None).status_code == 200


def test_sparql_without_query(client: TestClient) -> None:
    assert_error(client.get("/sparql"), 400, "QueryError")
    assert_error(client.post("/sparql", data={}), 400, "QueryError")
    page = client.get("/sparql", headers={"Accept": "text/html,*/*;q=0.8"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<textarea" in page.text
    assert page.text.count('class="example"') == 4
    assert not _EXTERNAL.search(page.text)


@pytest.mark.parametrize("index", range(4))
def test_sparql_page_examples_run(client: TestClient, index: int) -> None:
    from oregraph.api.routes.pages import SPARQL_EXAMPLES

    response = _send(client, "sparql-query", SPARQL_EXAMPLES[index]["query"], None)
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"], SPARQL_EXAMPLES[index]["title"]


def test_sparql_request_too_large(client: TestClient) -> None:
    huge = "#" * (MAX_REQUEST_BYTES + 1) + "\nASK {}"
    assert_error(
        client.post("/sparql", content=huge, headers={"Content-Type": "application/sparql-query"}),
        413, "PayloadTooLarge",
    )


def test_sparql_unsupported_body_type(client: TestClient) -> None:
    response = client.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert_error(response, 415, "UnsupportedMediaType")


# -- SPARQL: updates --------------------------------------------------------------

NEW_TRIPLE = f"<{ID}org-newco> <http://www.w3.org/2000/01/rdf-schema#label> \"NewCo\""
UPDATE = f"INSERT DATA {{ GRAPH <{ID}announcement-00000000000000ff> {{ {NEW_TRIPLE} }} }}"
ASK_NEW = f"ASK {{ {NEW_TRIPLE} }}"


@pytest.mark.parametrize(
    ("headers", "status", "type_"),
    [
        ({}, 401, "Unauthorized"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "Unauthorized"),
        ({"Authorization": "Bearer"}, 401, "Unauthorized"),
        ({"Authorization": "Bearer wrong-token-of-some-length"}, 403, "Forbidden"),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403, "Forbidden"),
    ],
)
@pytest.mark.parametrize("how", ["form", "sparql-update"])
def test_update_without_the_token_changes_nothing(
    client: TestClient, store: Store, how: str, headers: dict[str, str], status: int, type_: str,
) -> None:
    before = len(store)
    if how == "form":
        response = client.post("/sparql", data={"update": UPDATE}, headers=headers)
    else:
        response = client.post(
            "/sparql", content=UPDATE,
            headers={**headers, "Content-Type": "application/sparql-update"},
        )
    error = assert_error(response, status, type_)
    assert TOKEN not in error["message"]
    if status == 401:
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert "Authorization: Bearer" in error["message"]
    assert len(store) == before
    assert not store.ask(ASK_NEW)


@pytest.mark.parametrize("how", ["form", "sparql-update"])
def test_update_with_token_is_204(client: TestClient, store: Store, how: str) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    if how == "form":
        response = client.post("/sparql", data={"update": UPDATE}, headers=auth)
    else:
        response = client.post(
            "/sparql", content=UPDATE, headers={**auth, "Content-Type": "application/sparql-update"}
        )
    assert response.status_code == 204, response.text
    assert response.content == b""
    assert store.ask(ASK_NEW)
    assert _send(client, "get", ASK_NEW, None).json()["boolean"] is True


def test_malformed_update_with_token_is_400(client: TestClient) -> None:
    response = client.post(
        "/sparql", content="INSERT DATA { oops",
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/sparql-update"},
    )
    assert_error(response, 400, "QueryError")


def test_updates_refused_when_no_token_is_configured(tmp_path: Path) -> None:
    settings = Settings(store=str(tmp_path / "ro"))
    client = TestClient(create_app(settings))
    response = client.post(
        "/sparql", data={"update": UPDATE}, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    error = assert_error(response, 403, "Forbidden")
    assert "read-only" in error["message"]


# -- HTML pages -------------------------------------------------------------------


def test_home_page(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert 'name="q"' in page
    assert "3 announcements" in page
    assert "/entities/org-albecour/page" in page  # among the examples
    assert not _EXTERNAL.search(page)


def test_home_search(client: TestClient) -> None:
    page = client.get("/", params={"q": "IQ"}).text
    assert '<a href="/entities/org-investissement-quebec/page">Investissement Québec</a>' in page
    nothing = client.get("/", params={"q": "zzzz-nothing"}).text
    assert "No entity matches" in nothing
    bad_type = client.get("/", params={"q": "x", "type": "Spaceship"})
    assert bad_type.status_code == 200
    assert "unknown entity type" in bad_type.text


def test_entity_page(client: TestClient) -> None:
    response = client.get("/entities/org-albecour/page")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Albecour Inc.</h1>" in page
    assert "owns a stake in" in page
    assert "Albecour holds 6.67% of Aluminerie Alouette Inc." in page  # evidence
    assert "IQ and Albecour" in page and "2023-07-13" in page  # source title and date
    assert "Memorandum of understanding" in page
    assert 'href="/entities/org-albecour/graph"' in page
    assert 'href="/entities/org-investissement-quebec/page"' in page  # owner link
    assert "Gouvernement du Québec → Investissement Québec → Albecour Inc." in page  # path
    assert not _EXTERNAL.search(page)


def test_entity_page_effective_shares(client: TestClient) -> None:
    page = client.get("/entities/org-alpha-metals/page").text
    assert "30%" in page  # effective share in Gamma
    assert "50%" in page  # direct share in Beta
    # the source is a web page: linked, with its title escaped
    assert 'href="https://example.com/news/alpha-gamma"' in page
    assert "Alpha &amp; Beta &lt;restructure&gt;" in page


@pytest.mark.parametrize("path", ["/entities/org-evil-mining/page", "/?q=evil", "/entities/org-alpha-metals/page"])
def test_html_pages_escape_labels(client: TestClient, path: str) -> None:
    page = client.get(path).text
    assert "Evil Mining Corp" in page
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert "<b>JV</b>" not in page
