"""Look-through ownership with hand-computed figures."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import pytest
from rdflib import Literal, Namespace
from rdflib.namespace import RDF

from oregraph.errors import EntityNotFound, QueryError
from oregraph.graph import ownership
from oregraph.graph.ownership import (
    EdgeDeclaration, OwnershipReport, edge_declaration, holdings, ownership_graph, owners,
)
from oregraph.graph.store import Store
from oregraph.ontology import OG

# A plain namespace: rdflib's closed XSD namespace warns under doctest collection.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, Announcement, alouette_chain, iri  # noqa: E402


@pytest.fixture
def store():
    with Store.memory() as s:
        yield s


def build(store: Store, stakes: list[tuple[str, str, float | None]], *, name: str = "ann",
          date: str | None = "2023-01-01") -> Announcement:
    """One announcement with org-<x> entities and the given stakes (holder, held, share)."""
    ann = Announcement(name, date=date)
    for holder, held, share in stakes:
        h = ann.org(holder, holder.upper())
        d = ann.org(held, held.upper())
        ann.stake(h, d, share)
    ann.add_to(store)
    return ann


def ultimate(report: OwnershipReport) -> dict[str, float | None]:
    return {u.id: u.effective_share for u in report.ultimate}


# -- the Alouette chain ----------------------------------------------------------


def test_chain_gives_the_government_its_look_through_share(store: Store) -> None:
    chain = alouette_chain(store)
    report = owners(store, str(chain["alouette"]))
    assert [(s.id, s.share, s.relation) for s in report.direct] == [("org-albecour", 6.67, "stake")]
    (gov,) = report.ultimate
    assert (gov.id, gov.label, gov.effective_share) == (
        "org-gouvernement-du-quebec", "Gouvernement du Québec", 6.67)
    assert gov.paths == [[
        "org-gouvernement-du-quebec", "org-investissement-quebec", "org-albecour",
        "org-aluminerie-alouette",
    ]]
    assert gov.types == ["GovernmentBody"] and not gov.partially_unknown


def test_to_json_shape(store: Store) -> None:
    chain = alouette_chain(store)
    data = owners(store, str(chain["alouette"])).to_json()
    json.dumps(data)  # plain JSON
    assert data["entity"]["id"] == "org-aluminerie-alouette"
    assert data["entity"]["label"] == "Aluminerie Alouette Inc."
    assert [{k: d[k] for k in ("id", "label", "share")} for d in data["direct"]] == [
        {"id": "org-albecour", "label": "Albecour Inc.", "share": 6.67},
    ]
    (top,) = data["ultimate"]
    assert {k: top[k] for k in ("id", "label", "effective_share", "paths")} == {
        "id": "org-gouvernement-du-quebec", "label": "Gouvernement du Québec",
        "effective_share": 6.67,
        "paths": [["org-gouvernement-du-quebec", "org-investissement-quebec", "org-albecour",
                   "org-aluminerie-alouette"]],
    }


def test_subsidiaries_are_marked(store: Store) -> None:
    chain = alouette_chain(store)
    report = owners(store, str(chain["albecour"]))
    assert [(s.id, s.share, s.relation) for s in report.direct] == [
        ("org-investissement-quebec", 100.0, "subsidiary"),
    ]
    assert ultimate(report) == {"org-gouvernement-du-quebec": 100.0}


def test_holdings_go_down_every_level(store: Store) -> None:
    chain = alouette_chain(store)
    report = holdings(store, str(chain["gov"]))
    assert report.direction == "holdings"
    assert [(s.id, s.share) for s in report.direct] == [("org-investissement-quebec", 100.0)]
    assert ultimate(report) == {
        "org-investissement-quebec": 100.0, "org-albecour": 100.0, "org-aluminerie-alouette": 6.67,
    }
    alouette = next(u for u in report.ultimate if u.id == "org-aluminerie-alouette")
    assert alouette.paths == [[
        "org-gouvernement-du-quebec", "org-investissement-quebec", "org-albecour",
        "org-aluminerie-alouette",
    ]]
    # ordered by effective share, then label
    assert [u.id for u in report.ultimate] == [
        "org-albecour", "org-investissement-quebec", "org-aluminerie-alouette",
    ]


def test_an_entity_with_no_owners_has_empty_lists(store: Store) -> None:
    chain = alouette_chain(store)
    report = owners(store, str(chain["gov"]))
    assert report.entity.id == "org-gouvernement-du-quebec"
    assert report.direct == [] and report.ultimate == []
    scandium = owners(store, str(chain["scandium"]))  # not in the ownership graph at all
    assert scandium.direct == [] and scandium.ultimate == []
    with pytest.raises(EntityNotFound):
        owners(store, ID + "org-nobody")


# -- shapes ---------------------------------------------------------------------


def test_joint_venture_with_three_owners(store: Store) -> None:
    build(store, [("x", "jv", 40), ("y", "jv", 35), ("z", "jv", 25)])
    report = owners(store, ID + "org-jv")
    assert [(s.id, s.share) for s in report.direct] == [("org-x", 40.0), ("org-y", 35.0), ("org-z", 25.0)]
    assert ultimate(report) == {"org-x": 40.0, "org-y": 35.0, "org-z": 25.0}
    assert sum(ultimate(report).values()) == 100.0


def test_diamond_sums_every_path(store: Store) -> None:
    build(store, [("a", "b", 50), ("a", "c", 30), ("b", "d", 40), ("c", "d", 50)])
    report = owners(store, ID + "org-d")
    (a,) = report.ultimate
    assert a.id == "org-a" and a.effective_share == 35.0  # 0.5*0.4 + 0.3*0.5
    assert a.paths == [["org-a", "org-b", "org-d"], ["org-a", "org-c", "org-d"]]
    assert ultimate(holdings(store, ID + "org-a")) == {"org-b": 50.0, "org-c": 30.0, "org-d": 35.0}


def test_a_pure_cycle_terminates_with_no_root(store: Store) -> None:
    build(store, [("a", "b", 60), ("b", "a", 40)])
    report = owners(store, ID + "org-a")
    assert [(s.id, s.share) for s in report.direct] == [("org-b", 40.0)]
    assert report.ultimate == []  # nobody outside the cycle owns them
    assert ultimate(holdings(store, ID + "org-a")) == {"org-b": 60.0}


def test_a_cycle_under_an_outside_owner_is_solved_not_walked(store: Store) -> None:
    # Stakes in org-a add up to 120% here (bad data that `oregraph check` reports); the
    # integrated method still terminates. By hand, G = (I - A)^-1 over the a<->b cycle:
    # gov in b = 1.0 x 0.1 / (1 - 0.1 x 0.2) = 0.102041; gov in a = 1 / 0.98 = 1.020408.
    build(store, [("gov", "a", 100), ("a", "b", 10), ("b", "a", 20)])
    assert ultimate(owners(store, ID + "org-b")) == {"org-gov": 10.2041}
    assert ultimate(holdings(store, ID + "org-gov")) == {"org-a": 102.0408, "org-b": 10.2041}


def test_cross_holding_conserves_value(store: Store) -> None:
    # X holds 80% of A, B 20% of A; A holds 10% of B, Y 90% of B. det(I - A) = 1 - 0.1 x 0.2 = 0.98.
    # X in A = 0.8 / 0.98 = 81.6327%; Y in A = 0.9 x 0.2 / 0.98 = 18.3673% (together 100%);
    # B in A = G[B,A] / G[B,B] = (0.2 / 0.98) / (1 / 0.98) = 20%; X in B = 0.8 x 0.1 / 0.98 = 8.1633%.
    build(store, [("x", "a", 80), ("b", "a", 20), ("a", "b", 10), ("y", "b", 90)])
    report = owners(store, ID + "org-a")
    assert ultimate(report) == {"org-x": 81.6327, "org-y": 18.3673}
    assert {u.id: u.effective_share for u in report.effective} == {
        "org-x": 81.6327, "org-y": 18.3673, "org-b": 20.0}
    assert ultimate(holdings(store, ID + "org-x")) == {"org-a": 81.6327, "org-b": 8.1633}
    # control: X holds a majority of A, Y of B, so each is A's (B's) ultimate parent
    assert [u.id for u in report.ultimate_controllers] == ["org-x"]
    assert not report.unresolved_cycle


def test_a_cycle_of_full_stakes_cannot_be_solved_and_says_so(store: Store) -> None:
    build(store, [("top", "a", 50), ("a", "b", 100), ("b", "a", 100)])
    report = owners(store, ID + "org-b")
    assert report.unresolved_cycle
    assert ultimate(report) == {"org-top": None}


def test_unknown_shares_propagate_as_none(store: Store) -> None:
    build(store, [("x", "y", None), ("y", "z", 50)])
    report = owners(store, ID + "org-z")
    (x,) = report.ultimate
    assert x.effective_share is None and x.partially_unknown
    assert report.to_json()["ultimate"][0]["effective_share"] is None


def test_partly_unknown_keeps_the_known_sum_and_says_so(store: Store) -> None:
    build(store, [("x", "y", None), ("y", "z", 50), ("x", "z", 10)])
    (x,) = owners(store, ID + "org-z").ultimate
    assert x.effective_share == 10.0 and x.partially_unknown
    assert len(x.paths) == 2


def test_depth_five_chain_and_max_depth(store: Store) -> None:
    build(store, [(f"n{i}", f"n{i + 1}", 50) for i in range(5)])
    report = owners(store, ID + "org-n5")
    assert ultimate(report) == {"org-n0": 3.125}  # 0.5 ** 5
    assert report.ultimate[0].paths == [[f"org-n{i}" for i in range(6)]]
    assert not report.truncated
    short = owners(store, ID + "org-n5", max_depth=3)
    assert short.ultimate == [] and short.truncated
    assert ultimate(holdings(store, ID + "org-n0", max_depth=2)) == {"org-n1": 50.0, "org-n2": 25.0}


def test_effective_shares_are_rounded_to_four_decimals(store: Store) -> None:
    build(store, [("a", "b", 33.33333), ("b", "c", 33.33333)])
    assert ultimate(owners(store, ID + "org-c")) == {"org-a": 11.1111}


# -- how edges are read ---------------------------------------------------------


def test_latest_announcement_wins_and_the_rest_is_history(store: Store) -> None:
    build(store, [("a", "b", 20)], name="old", date="2021-05-01")
    build(store, [("a", "b", 35)], name="new", date="2024-03-01")
    build(store, [("a", "b", None)], name="vague", date="2025-01-01")  # states no share
    graph = ownership_graph(store)
    edge = graph.edges[ID + "org-a", ID + "org-b"]
    assert edge["share"] == 35.0 and edge["date"] == "2024-03-01"
    assert sorted((h["date"], h["share"]) for h in edge["history"]) == [
        ("2021-05-01", 20.0), ("2025-01-01", None)]
    assert ultimate(owners(store, ID + "org-b")) == {"org-a": 35.0}
    # as of an earlier date, the older figure holds
    assert ownership_graph(store, as_of="2022-01-01").edges[ID + "org-a", ID + "org-b"]["share"] == 20.0
    assert not ownership_graph(store, as_of="2020-01-01").has_edge(ID + "org-a", ID + "org-b")
    assert ultimate(owners(store, ID + "org-b", as_of=datetime.date(2022, 1, 1))) == {"org-a": 20.0}
    assert owners(store, ID + "org-b", as_of="2020-01-01").direct == []
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        ownership_graph(store, as_of="last spring")


def test_same_date_ties_go_to_the_larger_share(store: Store) -> None:
    build(store, [("a", "b", 20)], name="one", date="2024-03-01")
    build(store, [("a", "b", 25)], name="two", date="2024-03-01")
    assert ownership_graph(store).edges[ID + "org-a", ID + "org-b"]["share"] == 25.0


def test_shortcuts_with_no_shareholding_are_edges_of_unknown_share(store: Store) -> None:
    ann = Announcement("shortcuts")
    parent, sub = ann.org("parent", "Parent"), ann.org("sub", "Sub")
    holder, held = ann.org("holder", "Holder"), ann.org("held", "Held")
    ann.add(sub, OG.subsidiaryOf, parent)
    ann.add(holder, OG.ownsStakeIn, held)
    ann.add_to(store)
    graph = ownership_graph(store)
    assert graph.edges[str(parent), str(sub)]["share"] is None
    assert graph.edges[str(parent), str(sub)]["relation"] == "subsidiary"
    assert graph.edges[str(holder), str(held)]["relation"] == "stake"
    assert [(s.id, s.share, s.relation) for s in owners(store, str(sub)).direct] == [
        ("org-parent", None, "subsidiary")]


def test_nodes_carry_labels_and_types(store: Store) -> None:
    chain = alouette_chain(store)
    graph = ownership_graph(store)
    iq = graph.nodes[str(chain["iq"])]
    assert (iq["id"], iq["label"], iq["types"]) == (
        "org-investissement-quebec", "Investissement Québec", ["StateOwnedEnterprise"])
    edge = graph.edges[str(chain["albecour"]), str(chain["alouette"])]
    assert edge["evidence"] == "Albecour holds 6.67% of Aluminerie Alouette Inc."
    assert edge["announcement"] == str(chain["first"])
    assert edge["controlling"] is False


def test_an_operator_stands_for_an_asset_nobody_owns(store: Store) -> None:
    chain = alouette_chain(store)
    report = owners(store, str(chain["project"]))
    assert [(s.id, s.share, s.relation) for s in report.direct] == [
        ("org-imperial-mining-group", None, "operator")]
    assert ultimate(report) == {"org-imperial-mining-group": 100.0}
    # an owner of the operator reaches the asset through it, with factor 1
    big = Announcement("big")
    big.stake(big.org("big", "Big Miner"), chain["imperial"], 20)
    big.add_to(store)
    assert ultimate(owners(store, str(chain["project"]))) == {"org-big": 20.0}
    assert ultimate(holdings(store, ID + "org-big")) == {
        "org-imperial-mining-group": 20.0, "project-crater-lake": 20.0}


def test_a_stake_in_the_asset_replaces_the_operator_edge(store: Store) -> None:
    chain = alouette_chain(store)
    ann = Announcement("owner")
    ann.stake(ann.org("owner", "Owner"), chain["project"], 70)
    ann.add_to(store)
    report = owners(store, str(chain["project"]))
    assert [(s.id, s.relation) for s in report.direct] == [("org-owner", "stake")]


def test_edge_declaration_falls_back_to_holder_held_share(tmp_path: Path, monkeypatch) -> None:
    assert edge_declaration().node_class == str(OG.Shareholding)
    monkeypatch.setattr(ownership, "ONTOLOGY_FILE", tmp_path / "missing.ttl")
    edge_declaration.cache_clear()
    try:
        assert edge_declaration() == EdgeDeclaration(
            str(OG.Shareholding), str(OG.holder), str(OG.held), str(OG.share), str(OG.ownsStakeIn))
    finally:
        edge_declaration.cache_clear()


def test_edges_follow_the_ontology_declaration(store: Store, monkeypatch) -> None:
    ann = Announcement("custom")
    a, b = ann.org("a", "A"), ann.org("b", "B")
    node = iri("stake-custom")
    ann.add(node, RDF.type, OG.Shareholding)
    ann.add(node, OG.owner, a)
    ann.add(node, OG.owned, b)
    ann.add(node, OG.percent, Literal("12.5", datatype=XSD.decimal))
    c, d = ann.org("c", "C"), ann.org("d", "D")
    ann.add(a, OG.hasStakeIn, c)  # a shortcut with no node, under the declared predicate
    ann.add(a, OG.ownsStakeIn, d)  # not the declared shortcut any more: ignored
    ann.add_to(store)
    monkeypatch.setattr(ownership, "edge_declaration", lambda: EdgeDeclaration(
        source=str(OG.owner), target=str(OG.owned), weight=str(OG.percent),
        shortcut=str(OG.hasStakeIn)))
    graph = ownership_graph(store)
    assert graph.edges[str(a), str(b)]["share"] == 12.5
    assert graph.edges[str(a), str(c)]["share"] is None
    assert not graph.has_edge(str(a), str(d))
    assert ultimate(owners(store, str(b))) == {"org-a": 12.5}


def test_one_projection_can_serve_many_reports(store: Store) -> None:
    chain = alouette_chain(store)
    graph = ownership_graph(store)
    assert owners(store, str(chain["alouette"]), graph=graph).ultimate[0].effective_share == 6.67
    assert holdings(store, str(chain["iq"]), graph=graph).direct[0].id == "org-albecour"


def test_reports_follow_writes_to_the_store(store: Store) -> None:
    build(store, [("a", "b", 50)], name="first")
    assert ultimate(owners(store, ID + "org-b")) == {"org-a": 50.0}
    build(store, [("top", "a", 100)], name="second")
    assert ultimate(owners(store, ID + "org-b")) == {"org-top": 50.0}
