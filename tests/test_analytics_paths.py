"""Shortest paths over stakes and partnerships; partners with their agreements; holdings by group."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from oregraph.graph.exposure import holdings_by
from oregraph.graph.paths import NoPath, partners, shortest_path
from oregraph.graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import Announcement, alouette_chain, state_two_levels  # noqa: E402


@pytest.fixture
def store():
    with Store.memory() as s:
        yield s


def test_path_from_the_government_to_a_partner_of_albecour(store: Store) -> None:
    chain = alouette_chain(store)
    report = shortest_path(store, str(chain["gov"]), str(chain["imperial"]))
    assert report.ids == ["org-gouvernement-du-quebec", "org-investissement-quebec", "org-albecour",
                          "org-imperial-mining-group"]
    assert [s.relation for s in report.steps] == ["owns", "owns", "partner"]
    assert report.steps[0].share == 100.0
    assert report.steps[2].kind == "MemorandumOfUnderstanding" and report.steps[2].date == "2023-08-01"
    # upward steps read "owned by"
    back = shortest_path(store, str(chain["alouette"]), str(chain["iq"]))
    assert [s.relation for s in back.steps] == ["owned by", "owned by"]
    assert back.to_json()["steps"][0]["from"] == "org-aluminerie-alouette"


def test_no_path_is_a_named_error(store: Store) -> None:
    chain = alouette_chain(store)
    with pytest.raises(NoPath, match="org-gouvernement-du-quebec and org-imperial-mining-group"):
        shortest_path(store, str(chain["gov"]), str(chain["imperial"]), partnerships=False)
    with pytest.raises(NoPath):
        shortest_path(store, str(chain["gov"]), str(chain["imperial"]), as_of="2023-07-20")


def test_partners_with_agreements_and_dates(store: Store) -> None:
    chain = alouette_chain(store)
    later = Announcement("albecour-jv", date="2024-05-01")
    albecour = later.org("albecour", "Albecour Inc.")
    kilo = later.org("kilo-metals", "Kilo Metals Corp.")
    later.agreement([albecour, kilo], "JointVenture", status="signed", date_signed="2024-04-30")
    later.add_to(store)
    report = partners(store, str(chain["albecour"]))
    assert [p.id for p in report.partners] == ["org-kilo-metals", "org-imperial-mining-group"]
    (mou,) = report.partners[1].agreements
    assert (mou.type, mou.status, mou.date_signed, mou.date) == (
        "MemorandumOfUnderstanding", "signed", "2023-07-13", "2023-08-01")
    assert [p.id for p in partners(store, str(chain["albecour"]), as_of="2024-01-01").partners] == [
        "org-imperial-mining-group"]


def test_holdings_by_commodity_and_country(store: Store) -> None:
    f = state_two_levels(store)
    by_commodity = holdings_by(store, str(f["gov"]), "commodity")
    (nickel,) = by_commodity.groups
    assert (nickel.id, [m.id for m in nickel.members]) == ("commodity-nickel", ["facility-boreal-nickel"])
    assert nickel.members[0].effective_share == 18.25
    assert {m.id for m in by_commodity.ungrouped} == {
        "org-nordland-development", "org-nordland-minerals", "org-pinecrest-mining"}
    assert holdings_by(store, str(f["andes"]), "country").groups == []  # no place known yet
    where = Announcement("boreal-place", date="2024-02-02")
    province = where.place("ca-nl", "Nordland", within=where.place("ca", "Canada"))
    where.statement(f["mine"], "locatedIn", province)
    where.add_to(store)
    (canada,) = holdings_by(store, str(f["andes"]), "country").groups
    assert (canada.id, canada.label, [(m.id, m.effective_share) for m in canada.members]) == (
        "place-ca", "Canada", [("facility-boreal-nickel", 10.0)])
