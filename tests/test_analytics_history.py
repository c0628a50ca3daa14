"""History: statements are dated, later ones supersede earlier ones, and `changes` lists them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from oregraph.errors import QueryError
from oregraph.graph.history import changes, stake_history
from oregraph.graph.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
import graph_fixtures  # noqa: E402
from graph_fixtures import ID, Announcement, stakes_announcement  # noqa: E402

store = graph_fixtures.store  # the shared fixture, made this module's own


@pytest.fixture
def dated(store: Store) -> Store:
    stakes_announcement(store, "2020", [("a", "b", 20)], date="2020-03-01")
    stakes_announcement(store, "2022", [("a", "b", 35), ("c", "b", 10)], date="2022-03-01")
    stakes_announcement(store, "2023", [("a", "b", 35)], date="2023-03-01")
    stakes_announcement(store, "2024", [("a", "b", None)], date="2024-03-01")
    return store


def test_stake_history_keeps_every_statement_and_marks_the_one_in_force(dated: Store) -> None:
    history = stake_history(dated, ID + "org-a", ID + "org-b")
    assert [(h.date, h.share, h.current) for h in history] == [
        ("2020-03-01", 20.0, False), ("2022-03-01", 35.0, False), ("2023-03-01", 35.0, True),
        ("2024-03-01", None, False)]
    as_of = stake_history(dated, ID + "org-a", ID + "org-b", as_of="2021-12-31")
    assert [(h.share, h.current) for h in as_of] == [(20.0, True)]


def test_changes_since_a_date(dated: Store) -> None:
    found = changes(dated, "2021-01-01")
    assert [(c.date, c.change, c.subjects, c.share, c.previous_share) for c in found] == [
        ("2022-03-01", "changed", ["org-a", "org-b"], 35.0, 20.0),
        ("2022-03-01", "new", ["org-c", "org-b"], 10.0, None),
        ("2023-03-01", "restated", ["org-a", "org-b"], 35.0, 35.0),
        ("2024-03-01", "unstated", ["org-a", "org-b"], None, 35.0),
    ]
    assert [c.date for c in changes(dated, "2021-01-01", until="2022-12-31")] == ["2022-03-01"] * 2
    assert changes(dated, "2025-01-01") == []
    with pytest.raises(QueryError, match="YYYY-MM-DD"):
        changes(dated, "last year")


def test_agreement_changes_report_new_and_status(store: Store) -> None:
    first = Announcement("mou", date="2023-01-10")
    a, b = first.org("a", "A"), first.org("b", "B")
    first.agreement([a, b], "JointVenture", status="proposed")
    first.add_to(store)
    second = Announcement("signed", date="2023-06-10")
    second.agreement([second.org("a", "A"), second.org("b", "B")], "JointVenture", status="signed",
                     date_signed="2023-06-09")
    second.add_to(store)
    found = [(c.date, c.fact, c.change, c.status, c.previous_status) for c in changes(store, "2023-01-01")]
    assert found == [("2023-01-10", "agreement", "new", "proposed", None),
                     ("2023-06-10", "agreement", "status", "signed", "proposed")]


def test_a_holder_that_sold_down_no_longer_controls(store: Store) -> None:
    """Control is read from the statement in force, not from any statement ever made."""
    from oregraph.graph.ownership import owners, ownership_graph

    stakes_announcement(store, "all", [("a", "b", 100)], date="2020-03-01", controlling=[("a", "b")])
    stakes_announcement(store, "sold", [("a", "b", 20)], date="2023-03-01")
    edge = ownership_graph(store).edges[ID + "org-a", ID + "org-b"]
    assert (edge["share"], edge["controlling"], edge["relation"]) == (20.0, False, "stake")
    (holder,) = owners(store, ID + "org-b").to_json()["ultimate"]
    assert (holder["id"], holder["effective_share"], holder["controls"]) == ("org-a", 20.0, False)
    before = ownership_graph(store, as_of="2021-01-01").edges[ID + "org-a", ID + "org-b"]
    assert (before["share"], before["controlling"]) == (100.0, True)


def test_the_api_change_model_carries_every_field_of_a_change(dated: Store) -> None:
    """ChangeOut mirrors Change field for field: a field added to one only would be dropped silently."""
    from dataclasses import fields

    from oregraph.api.models import ChangeOut
    from oregraph.graph.history import Change

    assert list(ChangeOut.model_fields) == [f.name for f in fields(Change)]
    found = changes(dated, "2021-01-01")
    assert [ChangeOut.model_validate(c.to_json()).model_dump() for c in found] == [c.to_json() for c in found]
