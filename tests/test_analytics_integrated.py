"""Integrated (look-through) ownership, control and as-of, with figures computed by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from oregraph.graph.ownership import (
    NoOwnershipChain, effective_share, holdings, integrated_shares, ownership_graph, owners,
)
from oregraph.graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, stakes_announcement  # noqa: E402


@pytest.fixture
def store():
    with Store.memory() as s:
        yield s


def shares(entries) -> dict[str, float | None]:
    return {e.id: e.effective_share for e in entries}


def test_depth_five_chain_multiplies_every_step_and_breaks_control_at_minorities(store: Store) -> None:
    # 0.8 x 0.5 x 0.75 x 0.4 x 0.9 = 0.108
    stakes_announcement(store, "chain", [
        ("n0", "n1", 80), ("n1", "n2", 50), ("n2", "n3", 75), ("n3", "n4", 40), ("n4", "n5", 90)])
    report = owners(store, ID + "org-n5")
    assert shares(report.ultimate) == {"org-n0": 10.8}
    assert shares(report.effective) == {
        "org-n4": 90.0, "org-n3": 36.0, "org-n2": 27.0, "org-n1": 13.5, "org-n0": 10.8}
    assert {e.id: e.distance for e in report.effective}["org-n0"] == 5
    n0 = next(e for e in report.effective if e.id == "org-n0")
    assert n0.paths == [["org-n0", "org-n1", "org-n2", "org-n3", "org-n4", "org-n5"]] and n0.path_count == 1
    # control: 50% and 40% are no majority, so only n4 controls n5
    assert [c.id for c in report.ultimate_controllers] == ["org-n4"]
    assert report.ultimate_controllers[0].control_path == ["org-n4", "org-n5"]
    assert not n0.controls and n0.control_path is None
    down = holdings(store, ID + "org-n2")
    assert {e.id: (e.effective_share, e.controls) for e in down.effective} == {
        "org-n3": (75.0, True), "org-n4": (30.0, False), "org-n5": (27.0, False)}


def test_joint_venture_with_several_owners_adds_chains_through_one_parent(store: Store) -> None:
    # P holds 60% of A and 100% of B; the JV is held 50/30/20 by A, B, C.
    # P in JV = 0.6 x 0.5 + 1.0 x 0.3 = 0.6; C = 0.2.
    stakes_announcement(store, "jv", [
        ("a", "jv", 50), ("b", "jv", 30), ("c", "jv", 20), ("p", "a", 60), ("p", "b", 100)])
    report = owners(store, ID + "org-jv")
    assert [(s.id, s.share) for s in report.direct] == [("org-a", 50.0), ("org-b", 30.0), ("org-c", 20.0)]
    assert shares(report.ultimate) == {"org-p": 60.0, "org-c": 20.0}
    (p,) = [u for u in report.ultimate if u.id == "org-p"]
    assert p.paths == [["org-p", "org-a", "org-jv"], ["org-p", "org-b", "org-jv"]]
    # no single chain of majorities reaches the JV: control is not aggregated
    assert not p.controls and report.ultimate_controllers == []


def test_cross_holding_cycle_terminates_and_conserves_value(store: Store) -> None:
    # X 70% of A; A 30% of B; B 20% of A; Y 70% of B; Z 10% of A.
    # det(I - A) = 1 - 0.3 x 0.2 = 0.94. X in A = 0.7 / 0.94 = 74.4681%; Z in A = 10.6383%;
    # Y in A = 0.7 x 0.2 / 0.94 = 14.8936%: the three roots hold 100% of A together.
    stakes_announcement(store, "cross", [
        ("x", "a", 70), ("a", "b", 30), ("b", "a", 20), ("y", "b", 70), ("z", "a", 10)])
    report = owners(store, ID + "org-a")
    assert shares(report.ultimate) == {"org-x": 74.4681, "org-y": 14.8936, "org-z": 10.6383}
    assert round(sum(shares(report.ultimate).values()), 3) == 100.0
    # B's own look-through stake in A is its direct 20%: its walks back to itself are divided out
    assert shares(report.effective)["org-b"] == 20.0
    # downward: X in B = 0.7 x 0.3 / 0.94 = 22.3404%
    assert shares(holdings(store, ID + "org-x").effective) == {"org-a": 74.4681, "org-b": 22.3404}


def test_integrated_shares_solves_rather_than_walks() -> None:
    # a three-node ring with a 99% loop gain would take thousands of walk steps; the solve is exact
    g = nx.DiGraph()
    g.add_edge("r", "a", factor=1.0)
    g.add_edge("a", "b", factor=0.99)
    g.add_edge("b", "c", factor=1.0)
    g.add_edge("c", "a", factor=0.5)
    found, unresolved = integrated_shares(g, "r", False, ["r", "a", "b", "c"])
    assert not unresolved
    assert found["b"] == pytest.approx(0.99 / (1 - 0.495))


def test_unknown_shares_are_unknown_not_hundred_percent(store: Store) -> None:
    # "Y is a subsidiary of X" (no percentage); Y holds 50% of Z; W holds 30% of Z directly.
    stakes_announcement(store, "vague", [("x", "y", None), ("y", "z", 50), ("w", "z", 30)],
                        controlling=[("x", "y")])
    report = owners(store, ID + "org-z")
    x = next(u for u in report.ultimate if u.id == "org-x")
    assert x.effective_share is None and x.partially_unknown
    assert not x.controls  # the subsidiary holds only 50%
    assert shares(report.ultimate)["org-w"] == 30.0
    data = report.to_json()
    assert next(u for u in data["ultimate"] if u["id"] == "org-x")["effective_share"] is None
    # a known chain beside an unknown one: the known part, flagged as a lower bound
    stakes_announcement(store, "also", [("x", "z", 5)])
    x = next(u for u in owners(store, ID + "org-z").ultimate if u.id == "org-x")
    assert x.effective_share == 5.0 and x.partially_unknown


def test_supersession_by_date_and_as_of_queries(store: Store) -> None:
    stakes_announcement(store, "y2020", [("top", "mid", 30), ("mid", "low", 50)], date="2020-06-01")
    stakes_announcement(store, "y2022", [("top", "mid", 60)], date="2022-06-01")
    stakes_announcement(store, "y2024", [("top", "mid", 80)], date="2024-06-01")
    assert shares(owners(store, ID + "org-low").ultimate) == {"org-top": 40.0}  # 0.8 x 0.5
    assert shares(owners(store, ID + "org-low", as_of="2023-01-01").ultimate) == {"org-top": 30.0}
    assert shares(owners(store, ID + "org-low", as_of="2021-01-01").ultimate) == {"org-top": 15.0}
    assert owners(store, ID + "org-low", as_of="2019-01-01").ultimate == []
    edge = ownership_graph(store).edges[ID + "org-top", ID + "org-mid"]
    assert edge["date"] == "2024-06-01"
    assert sorted(h["share"] for h in edge["history"]) == [30.0, 60.0]  # superseded, not deleted
    # control arrives with the majority stake in 2022
    report = owners(store, ID + "org-mid", as_of="2021-01-01")
    assert report.ultimate_controllers == []
    assert [c.id for c in owners(store, ID + "org-mid", as_of="2022-06-01").ultimate_controllers] == ["org-top"]
    assert report.as_of == "2021-01-01" and report.to_json()["as_of"] == "2021-01-01"


def test_projection_is_cached_per_generation_and_frozen(store: Store) -> None:
    stakes_announcement(store, "one", [("a", "b", 10)])
    first = ownership_graph(store)
    assert ownership_graph(store) is first
    assert nx.is_frozen(first)
    with pytest.raises(nx.NetworkXError):
        first.add_edge("x", "y")
    stakes_announcement(store, "two", [("c", "b", 20)])
    second = ownership_graph(store)
    assert second is not first and second.has_edge(ID + "org-c", ID + "org-b")


def test_effective_share_between_two_entities_and_the_named_error(store: Store) -> None:
    stakes_announcement(store, "pair", [("a", "b", 50), ("b", "c", 50), ("d", "c", 50)])
    assert effective_share(store, ID + "org-a", ID + "org-c").effective_share == 25.0
    with pytest.raises(NoOwnershipChain, match="no chain of stakes leads from org-d to org-a"):
        effective_share(store, ID + "org-d", ID + "org-a")


def test_a_plant_reaches_its_owners_through_its_operator(store: Store) -> None:
    ann = stakes_announcement(store, "op", [("parent", "opco", 70)])
    extra = type(ann)("op2")
    opco = extra.org("opco", "Opco")
    plant = extra.facility("smelter", "Smelter", cls="Plant")
    extra.statement(opco, "operates", plant)
    extra.add_to(store)
    report = owners(store, str(plant))
    assert [(s.id, s.relation) for s in report.direct] == [("org-opco", "operator")]
    assert shares(report.ultimate) == {"org-parent": 70.0}
    # the operator runs it and the parent holds a majority of the operator: both control
    assert [c.id for c in report.ultimate_controllers] == ["org-parent"]


def test_a_holding_restated_for_the_parent_of_a_wholly_owned_holder_counts_once() -> None:
    """'50% by Alpha, the latter through Beta' with Beta wholly owned by Alpha is one 50%."""
    from oregraph.graph.ownership import owners, ownership_graph

    with Store.memory() as store:
        stakes_announcement(store, "jv", [("beta", "mine-co", 50), ("gamma", "mine-co", 50),
                                          ("alpha", "beta", 100), ("alpha", "mine-co", 50)])
        shares = {u["id"]: u["effective_share"] for u in owners(store, ID + "org-mine-co").to_json()["ultimate"]}
        assert shares == {"org-alpha": 50.0, "org-gamma": 50.0}
        assert ownership_graph(store).graph["restated"] == [(ID + "org-alpha", ID + "org-beta", ID + "org-mine-co")]


def test_a_parent_stake_of_another_size_is_a_second_holding() -> None:
    from oregraph.graph.ownership import owners

    with Store.memory() as store:
        stakes_announcement(store, "two", [("beta", "mine-co", 50), ("alpha", "beta", 100), ("alpha", "mine-co", 20)])
        shares = {u["id"]: u["effective_share"] for u in owners(store, ID + "org-mine-co").to_json()["ultimate"]}
        assert shares == {"org-alpha": 70.0}
