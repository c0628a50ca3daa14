"""The graph views as library functions, over hand-written announcement graphs:
ownership tree, commodity view, partnership network, whole graph with filters,
the announcement text with its facts, and precomputed layouts."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from oregraph.errors import EntityNotFound, QueryError
from oregraph.graph.announcement_view import announcement_view, highlight
from oregraph.graph.commodity_view import commodity_assets, commodity_graph
from oregraph.graph.layout import positions
from oregraph.graph.neighbourhood import store_graph
from oregraph.graph.overview import whole_graph
from oregraph.graph.partners import partnership_view
from oregraph.graph.store import Store
from oregraph.graph.tree_view import ownership_tree

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_fixtures  # noqa: E402
from graph_fixtures import ID, Announcement  # noqa: E402

# the shared fixtures, made this module's own
store, chain = graph_fixtures.store, graph_fixtures.chain


def _ids(graph: nx.DiGraph) -> set[str]:
    return {d["id"] for _, d in graph.nodes(data=True)}


def _edge(graph: nx.DiGraph, a: str, b: str) -> dict:
    return graph.edges[ID + a, ID + b]


# -- ownership tree -------------------------------------------------------------------


def test_ownership_tree_runs_from_holder_to_held_with_effective_shares(store: Store, chain) -> None:
    tree = ownership_tree(store, ID + "org-albecour")
    assert _ids(tree) == {"org-gouvernement-du-quebec", "org-investissement-quebec",
                          "org-albecour", "org-aluminerie-alouette"}
    # control is drawn parent -> subsidiary, so owners sit above
    top = _edge(tree, "org-gouvernement-du-quebec", "org-investissement-quebec")
    assert top["predicate"] == "parentOf" and top["share"] == 100.0
    assert top["effective_share"] == 100.0
    assert top["evidence"] == "IQ is wholly owned by the Government of Québec."
    below = _edge(tree, "org-albecour", "org-aluminerie-alouette")
    assert below["share"] == 6.67 and below["effective_share"] == 6.67
    assert below["announcement_id"].startswith("announcement-")
    assert "6.67%" in tree.nodes[ID + "org-aluminerie-alouette"]["note"]


def test_ownership_tree_of_the_bottom_entity_multiplies_shares(store: Store, chain) -> None:
    ann = Announcement("tree-extra", date="2024-01-01")
    alouette = ann.org("aluminerie-alouette", "Aluminerie Alouette Inc.")
    plant = ann.facility("alouette-smelter", "Alouette smelter")
    ann.stake(alouette, plant, 50, evidence="Alouette holds half of the smelter.")
    ann.add_to(store)
    tree = ownership_tree(store, ID + "facility-alouette-smelter")
    # the Government of Québec holds 100% x 100% x 6.67% x 50% of the smelter
    gov = _edge(tree, "org-gouvernement-du-quebec", "org-investissement-quebec")
    assert gov["effective_share"] == pytest.approx(3.335)
    alouette_edge = _edge(tree, "org-aluminerie-alouette", "facility-alouette-smelter")
    assert alouette_edge["share"] == 50.0 and alouette_edge["effective_share"] == 50.0


def test_ownership_tree_of_an_unknown_entity(store: Store, chain) -> None:
    with pytest.raises(EntityNotFound):
        ownership_tree(store, ID + "org-nobody")


# -- commodity view ----------------------------------------------------------------------


def _copper(store: Store) -> None:
    ann = Announcement("copper-assets", date="2024-05-05")
    copper = ann.commodity("copper", "copper")
    mine = ann.facility("red-hill", "Red Hill copper mine", cls="Mine")
    project = ann.project("blue-creek", "Blue Creek project")
    runner = ann.org("red-hill-operating", "Red Hill Operating Ltd.")
    parent = ann.org("ruddy-metals", "Ruddy Metals Corp.")
    unrelated = ann.org("silver-only", "Silver Only Inc.")
    for asset in (mine, project):
        ann.statement(asset, "commodity", copper)
    ann.statement(runner, "operates", mine)
    ann.stake(runner, mine, 80, evidence="Red Hill Operating holds 80% of the mine.")
    ann.stake(parent, runner, 100, controlling=True, evidence="Ruddy owns Red Hill Operating.")
    ann.statement(parent, "commodity", copper)  # a company, not an asset
    ann.stake(unrelated, parent, 5)
    ann.add_to(store)


def test_commodity_assets_list_plants_mines_and_projects_with_holders(store: Store) -> None:
    _copper(store)
    assets = commodity_assets(store, ID + "commodity-copper")
    assert [a.summary.id for a in assets] == ["project-blue-creek", "facility-red-hill"]
    mine = assets[1]
    assert [o.id for o in mine.operators] == ["org-red-hill-operating"]
    assert [(h.id, share) for h, share in mine.holders] == [("org-red-hill-operating", 80.0)]
    with pytest.raises(EntityNotFound):
        commodity_assets(store, ID + "commodity-unobtainium")


def test_commodity_graph_climbs_owner_chains(store: Store) -> None:
    _copper(store)
    graph = commodity_graph(store, ID + "commodity-copper")
    assert _ids(graph) >= {"commodity-copper", "facility-red-hill", "project-blue-creek",
                           "org-red-hill-operating", "org-ruddy-metals"}
    assert "org-silver-only" in _ids(graph)  # holds 5% of Ruddy: three levels up
    assert not graph.has_edge(ID + "org-ruddy-metals", ID + "commodity-copper")  # owners' own links
    assert "org-silver-only" not in _ids(commodity_graph(store, ID + "commodity-copper", owner_depth=2))


# -- partners -------------------------------------------------------------------------------


def test_partner_graph_whole_and_around_an_entity(store: Store, chain) -> None:
    ann = Announcement("more-partners", date="2024-02-02")
    imperial = ann.org("imperial-mining-group", "Imperial Mining Group Ltd.")
    far = ann.org("far-away", "Far Away Ltd.")
    other = ann.org("other-pair-a", "Other A")
    other_b = ann.org("other-pair-b", "Other B")
    ann.agreement([imperial, far], "JointVenture")
    ann.agreement([other, other_b], "OfftakeAgreement")
    ann.add_to(store)
    everything = partnership_view(store)
    assert _ids(everything) == {"org-imperial-mining-group", "org-albecour", "org-far-away",
                                "org-other-pair-a", "org-other-pair-b"}
    assert all(d["predicate"] == "partnerOf" for _, _, d in everything.edges(data=True))
    agreements = {d.get("agreement") for _, _, d in everything.edges(data=True)}
    assert agreements == {"MemorandumOfUnderstanding", "JointVenture", "OfftakeAgreement"}
    near = partnership_view(store, ID + "org-albecour", depth=1)
    assert _ids(near) == {"org-albecour", "org-imperial-mining-group"}
    assert _ids(partnership_view(store, ID + "org-albecour", depth=2)) == {
        "org-albecour", "org-imperial-mining-group", "org-far-away"}
    alone = partnership_view(store, ID + "org-gouvernement-du-quebec")
    assert _ids(alone) == {"org-gouvernement-du-quebec"}


# -- whole graph ------------------------------------------------------------------------------


def test_whole_graph_filters(store: Store, chain) -> None:
    everything = whole_graph(store)
    assert "org-albecour" in _ids(everything)
    assert not _ids(everything) & {"place-ca", "place-ca-qc", "commodity-scandium"}  # hubs
    in_canada = whole_graph(store, country=ID + "place-ca")
    # Albecour is in Québec, in Canada; its owner and partner come along
    assert _ids(in_canada) >= {"org-albecour", "org-investissement-quebec", "org-imperial-mining-group"}
    assert "org-gouvernement-du-quebec" not in _ids(in_canada)
    assert in_canada.graph["filters"] == ["in Canada"]
    scandium = whole_graph(store, commodity=ID + "commodity-scandium")
    assert _ids(scandium) == {"project-crater-lake", "org-imperial-mining-group"}
    august = whole_graph(store, since="2023-08-01")
    assert "org-investissement-quebec" not in _ids(august)  # announced in July
    assert "org-imperial-mining-group" in _ids(august)
    july = whole_graph(store, until="2023-07-31")
    assert "org-imperial-mining-group" not in _ids(july)
    kinds = whole_graph(store, types=["Person", "Place"])
    assert _ids(kinds) == {"person-peter-cashin", "place-ca", "place-ca-qc"}
    with pytest.raises(QueryError):
        whole_graph(store, since="last year")
    with pytest.raises(QueryError):
        whole_graph(store, types=["Spaceship"])


def test_store_graph_is_cached_until_the_store_changes(store: Store, chain) -> None:
    first = store_graph(store)
    first.add_node("scribble")
    assert "scribble" not in store_graph(store)  # callers get copies
    ann = Announcement("late", date="2025-01-01")
    ann.stake(ann.org("newcomer", "Newcomer Ltd."), ann.org("albecour", "Albecour Inc."), 1)
    ann.add_to(store)
    assert ID + "org-newcomer" in store_graph(store)


# -- announcement text ------------------------------------------------------------------------


def test_highlight_cuts_at_every_boundary() -> None:
    text = "One two. Three four. Five."
    segments = highlight(text, [(0, 8), (0, 20), None, (21, 26)])
    assert "".join(s.text for s in segments) == text
    assert [(s.text, s.facts) for s in segments] == [
        ("One two.", (0, 1)), (" Three four.", (1,)), (" ", ()), ("Five.", (3,)),
    ]


def test_announcement_view_locates_facts(store: Store) -> None:
    ann = Announcement("located", date="2024-03-03", title="Two facts")
    a, b = ann.org("aa", "Aa Corp."), ann.org("bb", "Bb Ltd.")
    first = "Aa Corp. holds 30% of Bb Ltd."
    ann.stake(a, b, 30, evidence=first)
    moved = "Aa and Bb signed a memorandum of understanding."
    ann.agreement([a, b], evidence=moved)
    from oregraph.ontology import OG
    from rdflib import Literal
    text = f"Headline\n\n{first}\n\nLater,  Aa and Bb signed a\nmemorandum of understanding."
    ann.quads = [q for q in ann.quads if q[1] != OG.text]
    ann.add(ann.node, OG.text, Literal(text))
    ann.add_to(store)
    # the stake's offsets (0..len) are wrong for this text: it is found by its sentence
    view = announcement_view(store, ann.graph_iri)
    assert view.ref.title == "Two facts"
    assert [f.located for f in view.facts] == [True, True]
    stake, mou = view.facts
    assert text[stake.start:stake.end] == first
    assert " ".join(text[mou.start:mou.end].split()) == moved  # across a line break
    assert stake.summary == "Aa Corp. owns 30% of Bb Ltd."
    assert mou.summary.startswith("Aa Corp. and Bb Ltd.: Memorandum of understanding")
    marked = [s for s in view.segments if s.facts]
    assert [s.text for s in marked] == [first, text[mou.start:mou.end]]
    with pytest.raises(EntityNotFound):
        announcement_view(store, ID + "announcement-ffffffffffffffff")


# -- layout -------------------------------------------------------------------------------------


def test_positions_are_deterministic_and_spread() -> None:
    g = nx.gnm_random_graph(800, 1600, seed=4)
    g.add_edges_from((1000 + i, 2000 + i) for i in range(30))  # small pieces
    a, b = positions(g), positions(g)
    assert a == b
    assert len(set(a.values())) == len(a)  # nobody on top of somebody else
    big = [a[n] for n in range(800)]
    xs, ys = [p[0] for p in big], [p[1] for p in big]
    assert max(xs) - min(xs) > 500 and max(ys) - min(ys) > 500  # not collapsed to a line
    # a node sits nearer its neighbours than a random node, on average
    import math
    near = sum(math.dist(a[u], a[v]) for u, v in list(g.edges())[:500]) / 500
    far = sum(math.dist(a[u], a[(u * 7 + 13) % 800]) for u in range(500)) / 500
    assert near < far * 0.6
