"""Graph pages: self-contained, escaped, capped, laid out as asked."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from oregraph.errors import EntityNotFound
from oregraph.graph.viz import (
    format_share,
    neighbourhood,
    render_graph_page,
    script_json,
    write_graph_page,
)

EVIL = "</script><script>alert(1)</script><!-- & \u2028 \"quoted\" 'single'"


def _json_block(page: str, name: str) -> Any:
    match = re.search(
        rf'<script type="application/json" id="og-{name}">(.*?)</script>', page, re.DOTALL
    )
    assert match, f"no og-{name} block"
    return json.loads(match.group(1))


def _script_tags(page: str) -> list[dict[str, str | None]]:
    tags: list[dict[str, str | None]] = []

    class Scripts(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "script":
                tags.append(dict(attrs))

    parser = Scripts()
    parser.feed(page)
    parser.close()
    return tags


@pytest.fixture
def tiny() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_node("org-imperial", label="Imperial Mining Group Ltd.", types=["Company"])
    g.add_node("org-albecour", label="Albecour Inc.", types=["Company"])
    g.add_node("org-hydro", label="Hydro-Québec", types=["Company", "StateOwnedEnterprise"])
    g.add_node("commodity-scandium", label="scandium", types=["Commodity"])
    g.add_node("place-ca-qc", label="Québec", types=["Place"])
    g.add_edge(
        "org-albecour",
        "org-imperial",
        predicate="ownsStakeIn",
        share=6.67,
        evidence="Albecour holds 6.67% of Imperial.",
        source_title="Imperial and Albecour sign MOU",
        source_date="2023-07-13",
        source_url="file:///data/imperial-albecour.txt",
    )
    g.add_edge(
        "org-imperial",
        "org-albecour",
        predicate="partnerOf",
        agreement="MemorandumOfUnderstanding",
        evidence="Imperial and Albecour signed a memorandum of understanding.",
    )
    g.add_edge("org-albecour", "org-hydro", predicate="partnerOf", agreement="MOU")
    g.add_edge("org-imperial", "commodity-scandium", predicate="commodity")
    g.add_edge("org-hydro", "place-ca-qc", predicate="locatedIn")
    return g


def test_page_shows_labels_shares_and_agreements(tiny: nx.DiGraph) -> None:
    page = render_graph_page(tiny, "Imperial", focus="org-imperial")
    assert page.startswith("<!DOCTYPE html>")
    labels = {n["label"] for n in _json_block(page, "nodes")}
    assert labels == {
        "Imperial Mining Group Ltd.",
        "Albecour Inc.",
        "Hydro-Québec",
        "scandium",
        "Québec",
    }
    edge_labels = [e["label"] for e in _json_block(page, "edges")]
    assert "6.67%" in edge_labels
    assert edge_labels.count("MOU") == 2
    assert "6.67%" in page and "Albecour Inc." in page


def test_page_is_offline(tiny: nx.DiGraph) -> None:
    page = render_graph_page(tiny, "Imperial")
    lowered = page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", lowered)
    assert "<link" not in lowered
    assert "cdn." not in lowered
    assert "cdnjs" not in lowered and "jsdelivr" not in lowered and "unpkg" not in lowered
    # vis-network itself is inline, with its stylesheet
    assert " * vis-network" in page
    assert "new vis.Network" in page
    assert ".vis-network" in page
    assert not re.search(r"<script[^>]*\bsrc\s*=", lowered)
    # no stylesheet or script fetches anything either
    assert not re.search(r"""url\(\s*["']?\s*(https?:)?//""", lowered)
    assert "@import" not in lowered
    assert not re.search(r"""\bimport\s*\(\s*["']https?:""", lowered)


def test_tooltips_are_plain_text_with_evidence(tiny: nx.DiGraph) -> None:
    page = render_graph_page(tiny, "Imperial")
    edges = _json_block(page, "edges")
    stake = next(e for e in edges if e["label"] == "6.67%")
    assert isinstance(stake["title"], str)
    for part in (
        "Albecour holds 6.67% of Imperial.",
        "Imperial and Albecour sign MOU",
        "2023-07-13",
        "file:///data/imperial-albecour.txt",
    ):
        assert part in stake["title"]
    assert "<" not in stake["title"]


def test_malicious_label_is_escaped_and_round_trips() -> None:
    g = nx.DiGraph()
    g.add_node("org-evil", label=EVIL, types=["Company"])
    g.add_node("org-b", label="B", types=["Company"])
    g.add_edge("org-evil", "org-b", predicate="partnerOf", agreement=EVIL, evidence=EVIL)
    page = render_graph_page(g, EVIL, focus="org-evil")
    assert "</script><script>alert(1)" not in page
    assert "<script>alert(1)" not in page
    assert "<!-- &" not in page
    scripts = "".join(re.findall(r"<script[^>]*>(.*?)</script>", page, re.DOTALL))
    assert "\u2028" not in scripts  # a line separator in HTML text is harmless
    nodes = _json_block(page, "nodes")
    assert any(n["label"] == EVIL for n in nodes)
    edges = _json_block(page, "edges")
    assert EVIL in edges[0]["title"]
    # the title is HTML-escaped in <title> and <h1>
    assert "<title>&lt;/script&gt;&lt;script&gt;alert(1)" in page
    # an HTML parser sees exactly the script elements the page writes:
    # 4 JSON blocks, vis-network, the page script
    assert _script_tags(page) == [
        {"type": "application/json", "id": "og-nodes"},
        {"type": "application/json", "id": "og-edges"},
        {"type": "application/json", "id": "og-options"},
        {"type": "application/json", "id": "og-focus"},
        {},
        {},
    ]


def test_script_json_escapes() -> None:
    text = script_json(["<>&\u2028\u2029"])
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == ["<>&\u2028\u2029"]


def test_focus_highlight_and_links(tiny: nx.DiGraph) -> None:
    page = render_graph_page(tiny, "Imperial", focus="org-imperial")
    nodes = {n["label"]: n for n in _json_block(page, "nodes")}
    focus = nodes["Imperial Mining Group Ltd."]
    assert focus["borderWidth"] > 1 and focus["color"]["border"]
    assert "borderWidth" not in nodes["Albecour Inc."]
    assert _json_block(page, "focus") == focus["id"]
    assert focus["url"] == "/entities/org-imperial"
    assert nodes["Hydro-Québec"]["group"] == "StateOwnedEnterprise"

    no_links = render_graph_page(tiny, "Imperial", entity_url=None)
    assert all("url" not in n for n in _json_block(no_links, "nodes"))

    custom = render_graph_page(tiny, "Imperial", entity_url="/ui/e/{id}?v=1")
    urls = {n["url"] for n in _json_block(custom, "nodes")}
    assert "/ui/e/org-albecour?v=1" in urls


def test_id_attribute_is_used_and_encoded() -> None:
    g = nx.DiGraph()
    g.add_node("https://example.org/x", label="X", id="iri-aHR0cHM6")
    g.add_node("y z/", label="Y")
    urls = {n["label"]: n["url"] for n in _json_block(render_graph_page(g, "t"), "nodes")}
    assert urls == {"X": "/entities/iri-aHR0cHM6", "Y": "/entities/y%20z%2F"}


def test_legend_and_physics(tiny: nx.DiGraph) -> None:
    page = render_graph_page(tiny, "Imperial")
    legend = re.search(r'<ul class="og-legend".*?</ul>', page, re.DOTALL)
    assert legend
    for name in ("Company", "State-owned enterprise", "Commodity", "Place", "partner of"):
        assert name in legend.group(0)
    assert 'network.once("stabilizationIterationsDone"' in page
    assert "physics: false" in page
    options = _json_block(page, "options")
    assert "hierarchical" not in options["layout"]
    assert options["groups"]["Company"]["shape"] != options["groups"]["Commodity"]["shape"]


def test_hierarchical_option(tiny: nx.DiGraph) -> None:
    options = _json_block(render_graph_page(tiny, "t", hierarchical=True), "options")
    hier = options["layout"]["hierarchical"]
    assert hier["enabled"] is True
    assert hier["direction"] == "UD"
    assert hier["sortMethod"] == "directed"


def test_cap_keeps_nearest_nodes_and_says_so() -> None:
    g = nx.path_graph(50, create_using=nx.DiGraph)
    nx.set_node_attributes(g, {n: f"node {n}" for n in g}, "label")
    page = render_graph_page(g, "path", focus=25, max_nodes=7)
    assert "Showing 7 of 50 nodes" in page
    nodes = _json_block(page, "nodes")
    assert len(nodes) == 7
    assert {n["label"] for n in nodes} == {f"node {i}" for i in range(22, 29)}
    edges = _json_block(page, "edges")
    assert len(edges) == 6
    assert all(0 <= e["from"] < 7 and 0 <= e["to"] < 7 for e in edges)


def test_cap_without_focus_and_across_components() -> None:
    g = nx.DiGraph()
    g.add_edges_from([(0, 1), (0, 2), (0, 3)])  # a star, the best-connected node is 0
    g.add_edges_from([(10, 11), (20, 21)])
    page = render_graph_page(g, "t", max_nodes=5)
    assert "Showing 5 of 8 nodes" in page
    labels = [n["label"] for n in _json_block(page, "nodes")]
    assert labels[:4] == ["0", "1", "2", "3"] and len(labels) == 5


def test_no_note_under_cap(tiny: nx.DiGraph) -> None:
    assert "Showing" not in render_graph_page(tiny, "t", max_nodes=5)


def test_bad_arguments(tiny: nx.DiGraph) -> None:
    with pytest.raises(ValueError):
        render_graph_page(tiny, "t", max_nodes=0)
    with pytest.raises(ValueError):
        render_graph_page(tiny, "t", entity_url="/entities/")


def test_empty_graph_and_multigraph() -> None:
    assert "new vis.Network" in render_graph_page(nx.DiGraph(), "empty")
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", predicate="ownsStakeIn", share=50.0)
    g.add_edge("a", "b", predicate="partnerOf", agreement="JointVenture")
    edges = _json_block(render_graph_page(g, "multi"), "edges")
    assert sorted(e["label"] for e in edges) == ["50%", "JV"]
    assert len({e["id"] for e in edges}) == 2


@pytest.mark.parametrize(
    ("share", "text"),
    [(6.67, "6.67%"), (50.0, "50%"), (12.5, "12.5%"), (100, "100%"), (None, None), ("x", None)],
)
def test_format_share(share: Any, text: str | None) -> None:
    assert format_share(share) == text


def test_neighbourhood_depth_on_path() -> None:
    g = nx.path_graph(10, create_using=nx.DiGraph)
    g.nodes[4]["label"] = "four"
    g.edges[4, 5]["predicate"] = "ownsStakeIn"
    assert sorted(neighbourhood(g, 4, 0)) == [4]
    assert sorted(neighbourhood(g, 4, 1)) == [3, 4, 5]
    sub = neighbourhood(g, 4, 2)
    assert sorted(sub) == [2, 3, 4, 5, 6]
    assert sub.nodes[4]["label"] == "four"
    assert sub.edges[4, 5]["predicate"] == "ownsStakeIn"
    assert sub.number_of_edges() == 4
    assert sorted(neighbourhood(g, 0, 100)) == list(range(10))
    sub.nodes[4]["label"] = "changed"
    assert g.nodes[4]["label"] == "four"
    with pytest.raises(EntityNotFound):
        neighbourhood(g, 99, 1)
    with pytest.raises(ValueError):
        neighbourhood(g, 4, -1)


def test_write_graph_page(tmp_path: Path, tiny: nx.DiGraph) -> None:
    page = render_graph_page(tiny, "Hydro-Québec")
    target = write_graph_page(tmp_path / "pages" / "g.html", page)
    assert target.read_text(encoding="utf-8") == page
    assert "Hydro-Québec".encode() in target.read_bytes()


def test_large_graph_gets_positions_and_no_physics() -> None:
    g = nx.DiGraph()
    for i in range(600):
        g.add_node(i, label=f"n{i}", types=["Company"])
        if i:
            g.add_edge(i // 3, i, predicate="ownsStakeIn", share=10)
    page = render_graph_page(g, "big")
    nodes = _json_block(page, "nodes")
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == 600  # no two nodes on one spot
    assert _json_block(page, "options")["physics"] == {"enabled": False}
    small = render_graph_page(g.subgraph(range(50)).copy(), "small")
    assert "x" not in _json_block(small, "nodes")[0]
    assert _json_block(small, "options")["physics"]["enabled"] is True
    forced = render_graph_page(g.subgraph(range(50)).copy(), "small", layout="positions")
    assert "x" in _json_block(forced, "nodes")[0]
    with pytest.raises(ValueError):
        render_graph_page(g, "t", layout="spring")


def test_edge_details_only_link_web_sources_and_announcement_pages() -> None:
    g = nx.DiGraph()
    g.add_node("a", label="A")
    g.add_node("b", label="B")
    g.add_node("c", label="C")
    g.add_edge("a", "b", predicate="ownsStakeIn", share=5, source_url="javascript:alert(1)",
               announcement_id="announcement-1", evidence="A holds 5% of B.")
    g.add_edge("b", "c", predicate="ownsStakeIn", share=50, effective_share=2.5,
               source_url="https://example.com/x")
    page = render_graph_page(g, "t", announcement_url="/announcements/{id}/page")
    first, second = _json_block(page, "edges")
    assert "source_url" not in first["details"]
    assert first["details"]["announcement_url"] == "/announcements/announcement-1/page"
    assert first["details"]["evidence"] == "A holds 5% of B."
    assert second["details"]["source_url"] == "https://example.com/x"
    assert second["label"] == "50% \u00b7 eff. 2.5%"
    with pytest.raises(ValueError):
        render_graph_page(g, "t", announcement_url="/announcements/")


def test_cut_views_say_so_and_notes_are_escaped(tiny: nx.DiGraph) -> None:
    page = render_graph_page(tiny, "t", max_nodes=2, notes=["<b>filtered</b>"], subtitle="<i>x</i>")
    assert "Showing 2 of 5 nodes" in page and "cut at 2 nodes" in page
    assert "&lt;b&gt;filtered&lt;/b&gt;" in page and "<b>filtered" not in page
    assert "&lt;i&gt;x&lt;/i&gt;" in page
