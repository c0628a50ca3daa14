"""The web UI through TestClient: announcement pages, commodity pages, graph views, escaping.

The store is built from tests/fixtures/web: two plain-text announcements read by
the real pipeline and one hand-written announcement whose names, title and text
are hostile markup.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from oregraph.api import create_app
from oregraph.graph.announcement_view import latest_announcements
from oregraph.graph.store import Store
from oregraph.settings import Settings
from tests.fixtures.web.store import HOSTILE, HOSTILE_SENTENCE, HOSTILE_TITLE, build_web_store

_REMOTE_ASSET = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    settings = Settings(store=str(tmp_path_factory.mktemp("web") / "store"))
    with Store.open(settings=settings) as st:
        build_web_store(st)
        yield st


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store.settings, store))


def _announcement_id(store: Store, title_part: str) -> str:
    return next(a.id for a in latest_announcements(store) if a.title and title_part in a.title)


def _assert_hostile_inert(page: str) -> None:
    assert "<img src=x" not in page
    assert "<script>window.__pwned" not in page
    assert "</script><img" not in page
    assert "<b>Mallory</b>" not in page


# -- announcement pages ------------------------------------------------------------


def test_announcement_page_marks_each_fact_at_its_offsets(client: TestClient, store: Store) -> None:
    ann_id = _announcement_id(store, "Marrowby")
    page = client.get(f"/announcements/{ann_id}/page").text
    marks = re.findall(r'<mark class="fact" id="(text-\d+)" data-facts="([\d ]+)"[^>]*>(.*?)</mark>',
                       page, re.S)
    texts = [html.unescape(t) for _, _, t in marks]
    assert "Harbourlight Capital Inc. owns 40% of Quillon Metals Inc." in texts
    assert "Tessaly Resources Corp. holds the remaining 65% of Marrowby Aluminium Smelter Ltd." in texts
    # unmarked text is there too, and nothing is repeated or lost
    body = re.search(r'<div class="announcement-text" id="text">(.*?)</div>', page, re.S).group(1)
    plain = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert plain.startswith("Quillon Metals Buys Into the Marrowby Smelter")
    assert plain.count("Harbourlight Capital Inc. owns 40%") == 1
    assert "Neither the TSX Venture Exchange" in plain  # boilerplate kept, not marked
    assert not any("Neither the TSX" in t for t in texts)
    # the facts list links to the marks
    assert "Harbourlight Capital Inc. owns 40% of Quillon Metals Inc." in page
    for anchor, _, _ in marks[:1]:
        assert f'href="#{anchor}"' in page
    assert 'href="/entities/org-harbourlight-capital/page"' in page
    assert not _REMOTE_ASSET.search(page)


def test_announcement_page_escapes_hostile_text(client: TestClient, store: Store) -> None:
    ann_id = _announcement_id(store, "Mallory")
    page = client.get(f"/announcements/{ann_id}/page").text
    _assert_hostile_inert(page)
    assert html.escape(HOSTILE_TITLE, quote=False) in page
    party = re.search(r'<a href="/entities/org-mallory-mining/page">(.*?)</a>', page, re.S)
    assert party and html.unescape(party.group(1)) == HOSTILE  # the name, shown as text
    mark = re.search(r'<mark class="fact"[^>]*>(.*?)</mark>', page, re.S)
    assert mark and html.unescape(mark.group(1)) == HOSTILE_SENTENCE
    assert 'href="https://news.example.com/mallory?x=%3Cscript%3E&amp;y=1"' in page


def test_unknown_announcement_is_404(client: TestClient) -> None:
    response = client.get("/announcements/announcement-0000000000000000/page")
    assert response.status_code == 404
    assert response.json()["error"]["type"] == "EntityNotFound"


# -- home, entity and commodity pages ---------------------------------------------------


def test_home_lists_announcements_commodities_and_filters(client: TestClient, store: Store) -> None:
    page = client.get("/").text
    ann_id = _announcement_id(store, "Marrowby")
    assert f'href="/announcements/{ann_id}/page"' in page
    assert 'href="/commodities/commodity-aluminium/page"' in page
    assert 'action="/views/all"' in page
    _assert_hostile_inert(page)


@pytest.mark.parametrize(("q", "expected"), [("quillon", "org-quillon-metals"),
                                               ("QLM", "org-quillon-metals"),
                                               ("mallory", "org-mallory-mining")])
def test_search_by_name_alias_and_ticker(client: TestClient, q: str, expected: str) -> None:
    page = client.get("/", params={"q": q}).text
    results = re.search(r'<ul id="results">(.*?)</ul>', page, re.S)
    assert results and f'href="/entities/{expected}/page"' in results.group(1)
    _assert_hostile_inert(page)


def test_entity_page_links_views_graph_and_announcements(client: TestClient, store: Store) -> None:
    page = client.get("/entities/org-quillon-metals/page").text
    assert '<iframe class="graph" src="/views/neighbourhood/org-quillon-metals"' in page
    assert 'href="/views/ownership/org-quillon-metals"' in page
    assert 'href="/views/partners?entity=org-quillon-metals"' in page
    assert f'href="/announcements/{_announcement_id(store, "Marrowby")}/page"' in page
    _assert_hostile_inert(page)


def test_commodity_page_lists_its_plants(client: TestClient) -> None:
    response = client.get("/commodities/commodity-aluminium/page")
    assert response.status_code == 200
    table = re.search(r'<table id="assets">(.*?)</table>', response.text, re.S)
    assert table and 'href="/entities/facility-marrowby/page"' in table.group(1)
    assert '<iframe class="graph" src="/views/commodity/commodity-aluminium"' in response.text
    not_commodity = client.get("/commodities/org-quillon-metals/page")
    assert not_commodity.status_code == 404


def test_favicon_is_not_a_404(client: TestClient) -> None:
    assert client.get("/favicon.ico").status_code == 204


# -- graph views --------------------------------------------------------------------------


def _nodes(page: str) -> list[dict]:
    block = re.search(r'<script type="application/json" id="og-nodes">(.*?)</script>', page, re.S)
    assert block
    return json.loads(block.group(1))


def _edges(page: str) -> list[dict]:
    block = re.search(r'<script type="application/json" id="og-edges">(.*?)</script>', page, re.S)
    assert block
    return json.loads(block.group(1))


@pytest.mark.parametrize("path", [
    "/views/neighbourhood/org-quillon-metals?depth=2",
    "/views/ownership/org-quillon-metals",
    "/views/commodity/commodity-aluminium",
    "/views/partners",
    "/views/partners?entity=org-quillon-metals",
    "/views/all",
    "/views/all?type=Company",
    "/views/all?commodity=aluminium",
    "/views/all?country=Canada",
    "/views/all?since=2024-06-01",
])
def test_views_are_offline_and_escaped(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    page = response.text
    assert not _REMOTE_ASSET.search(page)
    assert "new vis.Network" in page
    _assert_hostile_inert(page)
    assert all(n["url"].startswith("/entities/") and n["url"].endswith("/page") for n in _nodes(page))


def test_ownership_view_has_effective_shares_and_is_hierarchical(client: TestClient) -> None:
    page = client.get("/views/ownership/org-marrowby-aluminium-smelter").text
    labels = {e["label"] for e in _edges(page)}
    assert "35% \u00b7 eff. 35%" in labels
    options = json.loads(re.search(r'id="og-options">(.*?)</script>', page, re.S).group(1))
    assert options["layout"]["hierarchical"]["enabled"] is True
    # Harbourlight owns 40% of Quillon, which owns 35% of Marrowby: 14% effective
    harbourlight = client.get("/views/ownership/org-harbourlight-capital").text
    assert any("eff. 14%" in e["label"] for e in _edges(harbourlight))


def test_edge_details_link_the_announcement_page(client: TestClient, store: Store) -> None:
    page = client.get("/views/neighbourhood/org-harbourlight-capital").text
    edge = next(e for e in _edges(page) if e["label"] == "40%")
    ann_id = _announcement_id(store, "Marrowby")
    assert edge["details"]["announcement_url"] == f"/announcements/{ann_id}/page"
    assert edge["details"]["evidence"] == "Harbourlight Capital Inc. owns 40% of Quillon Metals Inc."
    assert "source_url" not in edge["details"]  # a file: source is never linked


def test_whole_view_filters(client: TestClient) -> None:
    labels = lambda path: {n["label"] for n in _nodes(client.get(path).text)}  # noqa: E731
    everything = labels("/views/all")
    assert {"Quillon Metals Inc.", "Harbourlight Capital Inc.", "Dunmore project"} <= everything
    assert "Canada" not in everything and "aluminium" not in everything  # hubs left out
    assert labels("/views/all?type=Project") == {"Dunmore project"}
    in_canada = labels("/views/all?country=Canada")
    assert "Dunmore project" in in_canada and "Tessaly Resources Corp." in in_canada
    assert "Harbourlight Capital Inc." not in in_canada
    late = labels("/views/all?since=2024-06-01")
    assert "Harbourlight Capital Inc." not in late  # its stake was announced in March
    assert "Tessaly Resources Corp." in late
    assert client.get("/views/all?since=June").status_code == 400
    assert client.get("/views/all?type=Spaceship").status_code == 400


BROWSER = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


@pytest.mark.parametrize("path", ["/entities/org-no-such-company/page", "/views/ownership/org-no-such-company",
                                  "/entities/org-no-such-company/graph"])
def test_a_browser_on_a_bad_page_gets_an_html_error_page(client: TestClient, path: str) -> None:
    page = client.get(path, headers=BROWSER)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "<h1>Not found</h1>" in page.text and "org-no-such-company" in page.text
    api = client.get(path, headers={"accept": "application/json"})  # programs keep the JSON shape
    assert api.status_code == 404 and api.json()["error"]["type"] == "EntityNotFound"


def test_an_html_error_page_escapes_what_the_url_carried(client: TestClient) -> None:
    page = client.get("/views/all?since=<b>1</b>", headers=BROWSER)  # a date that is no date
    assert page.status_code in (400, 422) and page.headers["content-type"].startswith("text/html")
    assert "<b>1</b>" not in page.text and "&lt;b&gt;1&lt;/b&gt;" in page.text
