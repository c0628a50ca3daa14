"""State roll-up: per government, through two levels of state-owned enterprises."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from rdflib import URIRef

from oregraph.errors import EntityNotFound
from oregraph.graph.state import state_share
from oregraph.graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import (  # noqa: E402
    ID, Announcement, alouette_chain, stakes_announcement, state_two_levels,
)
from oregraph.ontology import OG  # noqa: E402


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


def _state_owner(store: Store, name: str, soe, gov_slug: str, gov_label: str):
    """A second announcement saying (as the curated list does) which government owns ``soe``."""
    ann = Announcement(name, date="2024-03-01")
    gov = ann.org(gov_slug, gov_label, cls="GovernmentBody")
    ann.add(soe, OG.stateOwner, gov)
    ann.add_to(store)
    return gov


def test_an_soe_with_a_state_owner_counts_for_that_government(store: Store) -> None:
    f = state_two_levels(store)
    _state_owner(store, "andes-owner", f["andes"], "republic-of-andes", "Republic of Andes")
    # a state owner that an ownership edge contradicts is not used: the Province holds Nordland Development
    _state_owner(store, "ndc-owner", f["ndc"], "federal-government", "Federal Government")
    report = state_share(store, str(f["mine"]))
    by_id = {g.id: g for g in report.governments}
    assert sorted(by_id) == ["org-province-of-nordland", "org-republic-of-andes"]
    andes = by_id["org-republic-of-andes"]
    assert (andes.identified, andes.effective_share, andes.label) == (True, 10.0, "Republic of Andes")
    assert andes.via == ["org-andes-copper"]
    assert andes.paths == [["org-republic-of-andes", "org-andes-copper", "facility-boreal-nickel"]]
    assert by_id["org-province-of-nordland"].effective_share == 18.25
    assert report.total_share == 28.25


def test_a_state_owner_and_a_stake_of_the_same_government_add_up(store: Store) -> None:
    f = state_two_levels(store)
    # the Province also stands behind Andes Copper: its 10% joins the Province's 18.25%
    ann = Announcement("andes-owner", date="2024-03-01")
    ann.add(f["andes"], OG.stateOwner, f["gov"])
    ann.add_to(store)
    (gov,) = state_share(store, str(f["mine"])).governments
    assert (gov.id, gov.effective_share) == ("org-province-of-nordland", 28.25)
    assert gov.via == ["org-andes-copper", "org-nordland-development", "org-nordland-minerals"]
    assert len(gov.paths) == 3


def test_an_soe_nobody_owns_names_its_state_owner(store: Store) -> None:
    stakes_announcement(store, "soe", [("other", "x", 10)], classes={"x": "StateOwnedEnterprise"})
    _state_owner(store, "x-owner", URIRef(ID + "org-x"), "government-of-x", "Government of X")
    (gov,) = state_share(store, ID + "org-x").governments
    assert (gov.id, gov.identified, gov.effective_share, gov.partially_unknown) == \
        ("org-government-of-x", True, None, True)
