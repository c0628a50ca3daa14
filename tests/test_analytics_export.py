"""GraphML and GEXF exports read back with the same nodes, edges and shares."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import networkx as nx
import pytest

from oregraph.errors import OregraphError
from oregraph.graph.graph_export import export_graph
from oregraph.graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, alouette_chain  # noqa: E402


@pytest.fixture
def store():
    with Store.memory() as s:
        yield s


def test_graphml_round_trip(store: Store) -> None:
    alouette_chain(store)
    out = io.BytesIO()
    assert export_graph(store, out, "graphml") == (6, 4)  # 3 stakes + Imperial operating Crater Lake
    back = nx.read_graphml(io.BytesIO(out.getvalue()))
    edge = back.edges[ID + "org-albecour", ID + "org-aluminerie-alouette"]
    assert (edge["share"], edge["relation"], edge["date"]) == (6.67, "stake", "2023-07-13")
    assert back.nodes[ID + "org-investissement-quebec"]["label"] == "Investissement Québec"
    assert "share" not in back.edges[ID + "org-imperial-mining-group", ID + "project-crater-lake"]


def test_gexf_with_partnerships(store: Store) -> None:
    alouette_chain(store)
    out = io.BytesIO()
    nodes, edges = export_graph(store, out, "gexf", partnerships=True)
    back = nx.read_gexf(io.BytesIO(out.getvalue()))
    assert (back.number_of_nodes(), back.number_of_edges()) == (nodes, edges) == (6, 5)
    partner = [d for _, _, d in back.edges(data=True) if d.get("relation") == "partner"]
    assert partner[0]["agreement"] == "MemorandumOfUnderstanding"
    assert back.nodes["org-gouvernement-du-quebec"]["label"] == "Gouvernement du Québec"


def test_unknown_format(store: Store) -> None:
    with pytest.raises(OregraphError, match="graphml, gexf"):
        export_graph(store, io.BytesIO(), "dot")
