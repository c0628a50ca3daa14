"""The consistency report: each kind of issue found where it is, and nowhere else."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from oregraph.graph.consistency import check
from oregraph.graph.store import Store
from oregraph.ontology import OG
from rdflib.namespace import RDF

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import Announcement, alouette_chain, iri, stakes_announcement  # noqa: E402


@pytest.fixture
def store():
    with Store.memory() as s:
        yield s


def kinds(report) -> list[tuple[str, str, list[str]]]:
    return [(i.kind, i.severity, i.entities) for i in report.issues]


def test_a_clean_chain_has_no_issue(store: Store) -> None:
    alouette_chain(store)
    report = check(store)
    assert report.issues == [] and report.ok


def test_stakes_over_100_percent(store: Store) -> None:
    stakes_announcement(store, "over", [("a", "t", 60), ("b", "t", 45), ("c", "u", 100)])
    report = check(store)
    assert kinds(report) == [("over_100", "error", ["org-t", "org-a", "org-b"])]
    assert "105%" in report.issues[0].message and not report.ok
    # as of before the announcement, nothing is stated
    assert check(store, as_of="2022-01-01").issues == []


def test_contradictory_statements_on_one_date_and_mutual_control(store: Store) -> None:
    stakes_announcement(store, "one", [("a", "b", 20)], date="2024-01-05")
    stakes_announcement(store, "two", [("a", "b", 25)], date="2024-01-05")
    stakes_announcement(store, "later", [("a", "c", 10)], date="2024-01-05")
    stakes_announcement(store, "again", [("a", "c", 12)], date="2024-02-05")  # supersedes: fine
    stakes_announcement(store, "mutual", [("p", "q", 60), ("q", "p", 55)])
    found = kinds(check(store))
    assert ("contradiction", "warning", ["org-a", "org-b"]) in found
    assert ("contradiction", "warning", ["org-p", "org-q"]) in found
    assert not any(k == "contradiction" and e == ["org-a", "org-c"] for k, _, e in found)


def test_cycles_solvable_and_not(store: Store) -> None:
    stakes_announcement(store, "ring", [("a", "b", 30), ("b", "a", 20)])
    stakes_announcement(store, "full", [("x", "y", 100), ("y", "x", 100)])
    found = {tuple(i.entities): i for i in check(store).issues if i.kind == "cycle"}
    assert found[("org-a", "org-b")].severity == "warning"
    assert found[("org-x", "org-y")].severity == "error"
    assert "cannot be solved" in found[("org-x", "org-y")].message


def test_orphans(store: Store) -> None:
    ann = Announcement("orphans")
    ann.facility("lonely-mine", "Lonely Mine", cls="Mine")
    node = iri("stake-dangling")
    ann.add(node, RDF.type, OG.Shareholding)
    ann.add(node, OG.holder, ann.org("solo", "Solo"))
    ann.add_to(store)
    messages = [i.message for i in check(store).issues if i.kind == "orphan"]
    assert any("lonely-mine" in m and "no known owner or operator" in m for m in messages)
    assert any("stake-dangling" in m for m in messages)


def test_low_confidence_facts_resting_on_one_rule(store: Store) -> None:
    stakes_announcement(store, "weak", [("a", "b", 10)], confidence=0.4, rule="stake.guess")
    stakes_announcement(store, "strong", [("c", "d", 10)], confidence=0.95)
    report = check(store)
    assert kinds(report) == [("low_confidence", "warning", ["org-a", "org-b"])]
    assert "stake.guess" in report.issues[0].message
    assert check(store, min_confidence=0.3).issues == []
    # a second rule stating the same fact lifts it
    stakes_announcement(store, "confirm", [("a", "b", 10)], confidence=0.5, rule="stake.other")
    assert check(store).issues == []


def test_one_statement_with_two_shares_is_a_contradiction(store: Store) -> None:
    ann = stakes_announcement(store, "double", [("a", "b", 30)])
    extra = Announcement("double")  # same name: the same node IRI, a second og:share on it
    node = extra.stake(extra.org("a", "A"), extra.org("b", "B"), 35)
    extra.add_to(store)
    assert node == next(q[0] for q in ann.quads if q[1] == RDF.type and q[2] == OG.Shareholding)
    issues = [i for i in check(store).issues if i.kind == "contradiction"]
    assert [i.message for i in issues] == ["one statement gives A (org-a) 30% and 35% of B (org-b)"]
