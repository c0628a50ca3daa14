"""Items of a deal described as a group first and named after: each named item gets the
commodity and place of the description, up to the count it gave. Texts written for these tests."""

from __future__ import annotations

from tests.test_extraction import run

HAR = "Harrowgate Metals Ltd"


def facts(text: str, predicates: set[str]) -> set[tuple]:
    ex = run(text)
    return {(f.predicate, ex.entities[f.subject].label, ex.entities[f.object].label)
            for f in ex.facts if f.predicate in predicates}


def test_companies_bought_one_by_one_after_the_description() -> None:
    text = (f"{HAR} said it agreed to issue new shares to acquire interests in three gold mining companies in Brazil. "
            f"{HAR} will acquire 20 pct of Corvo Mining Ltd, a public company. "
            f"The company also agreed to acquire a 19 pct stake in Tamar Gold Ltd and a 16 pct interest in "
            f"Pardo Mineração Ltd for cash.")
    got = facts(text, {"commodity", "locatedIn"})
    for company in ("Corvo Mining Ltd", "Tamar Gold Ltd", "Pardo Mineração Ltd"):
        assert ("commodity", company, "gold") in got
        assert ("locatedIn", company, "Brazil") in got


def test_sites_named_after_the_description() -> None:
    text = (f"{HAR} has announced the purchase of two gold concessions from Kestrel Mining Corp. "
            f"The concessions, known as Wrenfold and Esker, are located near two towns in Ontario.")
    got = facts(text, {"acquires", "commodity", "locatedIn"})
    assert got >= {("acquires", HAR, "Wrenfold"), ("acquires", HAR, "Esker"),
                   ("commodity", "Wrenfold", "gold"), ("commodity", "Esker", "gold"),
                   ("locatedIn", "Wrenfold", "Ontario"), ("locatedIn", "Esker", "Ontario")}


def test_no_more_items_than_the_count() -> None:
    text = (f"{HAR} agreed to acquire interests in two copper mining companies in Chile. "
            f"{HAR} will buy 10 pct of Corvo Mining Ltd. {HAR} will buy 12 pct of Tamar Copper Ltd. "
            f"{HAR} will buy 15 pct of Pardo Metals Ltd for cash.")
    got = facts(text, {"commodity"})
    assert len({s for p, s, o in got if o == "copper" and s != HAR}) == 2


def test_items_far_after_the_description_get_nothing() -> None:
    filler = " ".join(f"{HAR} reported drilling result number {i}." for i in range(8))
    text = (f"{HAR} agreed to acquire interests in three gold mining companies in Brazil. {filler} "
            f"{HAR} will acquire 20 pct of Corvo Mining Ltd.")
    assert ("locatedIn", "Corvo Mining Ltd", "Brazil") not in facts(text, {"locatedIn"})


def test_more_names_than_the_count_gives_no_item() -> None:
    text = ("Harrowgate Metals Ltd has announced the purchase of two gold concessions from Kestrel Mining Corp. "
            "The concessions, known as Wrenfold, Esker, Tarn and Merrow, are located near two towns in Ontario.")
    assert not {f for f in facts(text, {"acquires"}) if f[1] == HAR}
