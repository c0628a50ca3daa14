"""State roll-up: per government, through two levels of state-owned enterprises."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from oregraph.errors import EntityNotFound
from oregraph.graph.state import state_share
from oregraph.graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import ID, alouette_chain, stakes_announcement, state_two_levels  # noqa: E402


@pytest.fixture
def store():
    with Store.memory() as s:
        yield s


def test_alouette_government_share_through_iq_and_albecour(store: Store) -> None:
    chain = alouette_chain(store)
    report = state_share(store, str(chain["alouette"]))
    (gov,) = report.governments
    assert (gov.id, gov.identified, gov.effective_share) == ("org-gouvernement-du-quebec", True, 6.67)
    assert gov.via == ["org-investissement-quebec"]
    assert gov.paths == [["org-gouvernement-du-quebec", "org-investissement-quebec", "org-albecour",
                          "org-aluminerie-alouette"]]
    assert report.total_share == 6.67 and not report.entity_is_state


def test_two_soe_levels_and_a_direct_stake_add_up_per_government(store: Store) -> None:
    f = state_two_levels(store)
    report = state_share(store, str(f["mine"]))
    by_id = {g.id: g for g in report.governments}
    nordland = by_id["org-province-of-nordland"]
    # 1.0 x 0.6 x 0.25 (through the crown corporation and its SOE) + 0.05 x 0.65 (through Pinecrest)
    assert nordland.effective_share == 18.25 and nordland.identified
    assert nordland.via == ["org-nordland-development", "org-nordland-minerals"]
    assert len(nordland.paths) == 2
    andes = by_id["org-andes-copper"]
    assert (andes.identified, andes.effective_share, andes.countries) == (False, 10.0, ["place-cl"])
    assert report.total_share == 28.25
    assert [g.id for g in report.governments] == ["org-province-of-nordland", "org-andes-copper"]
    # an SOE's own state share: the crown corporation is wholly the Province's
    (only,) = state_share(store, str(f["ndc"])).governments
    assert (only.id, only.effective_share) == ("org-province-of-nordland", 100.0)


def test_a_private_company_has_no_state_share(store: Store) -> None:
    stakes_announcement(store, "private", [("a", "b", 60)])
    report = state_share(store, ID + "org-b")
    assert report.governments == [] and report.total_share == 0.0


def test_an_soe_nobody_owns_stands_for_an_unnamed_government(store: Store) -> None:
    stakes_announcement(store, "soe", [("other", "x", 10)], classes={"x": "StateOwnedEnterprise"})
    report = state_share(store, ID + "org-x")
    (unnamed,) = report.governments
    assert report.entity_is_state and not unnamed.identified and unnamed.effective_share is None


def test_state_as_of_and_unknown_entity(store: Store) -> None:
    f = state_two_levels(store)
    assert state_share(store, str(f["mine"]), as_of="2024-01-01").governments == []
    with pytest.raises(EntityNotFound):
        state_share(store, ID + "org-nowhere")


def test_a_government_itself_has_no_state_share_reported(store: Store) -> None:
    f = state_two_levels(store)
    report = state_share(store, str(f["gov"]))
    assert report.entity_is_state and report.governments == [] and report.total_share == 0.0
