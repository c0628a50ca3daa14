"""The analytics endpoints: /entities/{id}/owners|holdings|state|partners|path and /graph/*."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient

from oregraph.api import create_app
from oregraph.graph.store import Store
from oregraph.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import alouette_chain, stakes_announcement, state_two_levels  # noqa: E402


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with Store.open(tmp_path / "s", Settings(store=str(tmp_path / "s"))) as store:
        alouette_chain(store)
        state_two_levels(store)
        stakes_announcement(store, "early", [("alpha", "beta", 20)], date="2021-01-01")
        stakes_announcement(store, "late", [("alpha", "beta", 45), ("gamma", "beta", 60)], date="2024-09-01")
        app = create_app(store=store)
        with TestClient(app) as c:
            yield c


def test_owners_with_as_of_and_the_old_shape(client: TestClient) -> None:
    data = client.get("/entities/org-beta/owners").json()
    assert {"entity", "direction", "direct", "ultimate", "effective", "truncated"} <= data.keys()
    assert {u["id"]: u["effective_share"] for u in data["ultimate"]} == {"org-gamma": 60.0, "org-alpha": 45.0}
    old = client.get("/entities/org-beta/owners", params={"as_of": "2022-01-01"}).json()
    assert [(d["id"], d["share"], d["date"]) for d in old["direct"]] == [("org-alpha", 20.0, "2021-01-01")]
    bad = client.get("/entities/org-beta/owners", params={"as_of": "someday"})
    assert bad.status_code == 400 and bad.json()["error"]["type"] == "QueryError"


def test_holdings_grouped(client: TestClient) -> None:
    data = client.get("/entities/org-province-of-nordland/holdings", params={"by": "commodity"}).json()
    assert data["by"] == "commodity"
    assert [(g["id"], g["count"]) for g in data["groups"]] == [("commodity-nickel", 1)]
    assert data["groups"][0]["members"][0]["effective_share"] == 18.25
    assert client.get("/entities/org-province-of-nordland/holdings", params={"by": "x"}).status_code == 422


def test_state(client: TestClient) -> None:
    data = client.get("/entities/org-aluminerie-alouette/state").json()
    assert [(g["id"], g["effective_share"], g["via"]) for g in data["governments"]] == [
        ("org-gouvernement-du-quebec", 6.67, ["org-investissement-quebec"])]
    assert client.get("/entities/org-nobody/state").status_code == 404


def test_path_and_partners(client: TestClient) -> None:
    data = client.get("/entities/org-gouvernement-du-quebec/path",
                      params={"to": "org-imperial-mining-group"}).json()
    assert data["ids"][-1] == "org-imperial-mining-group" and data["length"] == 3
    assert data["steps"][0]["from"] == "org-gouvernement-du-quebec"
    missing = client.get("/entities/org-gouvernement-du-quebec/path",
                         params={"to": "org-imperial-mining-group", "stakes_only": "true"})
    assert missing.status_code == 404 and missing.json()["error"]["type"] == "NoPath"
    partners = client.get("/entities/org-albecour/partners").json()
    assert partners["partners"][0]["agreements"][0]["date_signed"] == "2023-07-13"


def test_changes_check_and_export(client: TestClient) -> None:
    changes = client.get("/graph/changes", params={"since": "2024-09-01"}).json()
    assert [(c["change"], c["subjects"], c["previous_share"]) for c in changes] == [
        ("changed", ["org-alpha", "org-beta"], 20.0), ("new", ["org-gamma", "org-beta"], None)]
    assert client.get("/graph/changes").status_code == 422
    check = client.get("/graph/check").json()
    assert check["counts"] == {"over_100": 1} and not check["ok"]
    assert client.get("/graph/check", params={"as_of": "2023-01-01"}).json()["ok"]
    export = client.get("/graph/export", params={"format": "gexf"})
    assert export.headers["content-type"].startswith("application/gexf+xml")
    assert nx.read_gexf(io.BytesIO(export.content)).has_edge("org-albecour", "org-aluminerie-alouette")


def test_openapi_documents_the_new_models(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for name in ("StateOut", "PathOut", "PartnersOut", "GroupedHoldingsOut", "ChangeOut", "CheckOut"):
        assert name in schemas
    assert "integrated" in schemas["UltimateOut"]["properties"]["effective_share"]["description"].lower()
