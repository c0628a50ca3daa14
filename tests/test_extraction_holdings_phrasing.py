"""Sentence -> facts tables for holdings stated in other ways than "X holds N% of Y".

Families: a stake named by its holder's possessive ("Y's 45% stake in Z"), a
stake bought from its holder ("buy Y's 40% interest in Z"), a stake passing to a
new company ("X would also hold Y's stake in Z"), one company's company
("held by Y's Z"), holdings counted in shares with their percentage ("owned
12,500,000 shares representing 21.5% of the outstanding shares"), and "its"
inside an "excluding ..." phrase. Each family has traps that must give nothing.
Every text is written for these tests.
"""

from __future__ import annotations

import pytest

from tests.test_extraction import ALL, run

HAR = "Harrowgate Metals Ltd"
KES = "Kestrel Mining Corp"
LUM = "Lumsden Holdings Inc"
NWC = "Northwind Copper Corp."


def facts(text: str, predicates: frozenset[str] = ALL) -> set[tuple]:
    ex = run(text)
    return {(f.predicate, ex.entities[f.subject].label, ex.entities[f.object].label, f.share)
            for f in ex.facts if f.predicate in predicates and f.predicate != "listedAs"}


HOLDINGS = frozenset({"ownsStakeIn", "subsidiaryOf", "acquires"})

TABLE = [
    ("possessive-stake-with-share",
     f"{HAR} said {KES}'s 45 pct stake in the Tollan Hill Property is not for sale.",
     {("ownsStakeIn", KES, "Tollan Hill Property", 45.0)}),
    ("buy-a-holder's-stake",
     f"{HAR} agreed to buy {KES}'s 40% interest in the Tollan Mine.",
     {("acquires", HAR, "Tollan Mine", 40.0), ("ownsStakeIn", KES, "Tollan Mine", 40.0)}),
    ("buy-a-holder's-stake-without-share",
     f"{HAR} will acquire {KES}'s interest in the Tollan Project.",
     {("acquires", HAR, "Tollan Project", None), ("ownsStakeIn", KES, "Tollan Project", None)}),
    # a completed purchase: the seller no longer holds the stake
    ("bought-a-holder's-stake-closed",
     f"{HAR} has acquired {KES}'s 40% interest in the Tollan Mine.",
     {("acquires", HAR, "Tollan Mine", 40.0)}),
    ("stake-passing-to-a-new-company",
     f"The statement said {HAR} would also hold {KES}'s 55 pct stake in the Tollan Hill Property.",
     {("acquires", HAR, "Tollan Hill Property", 55.0), ("ownsStakeIn", KES, "Tollan Hill Property", 55.0)}),
    ("its-inside-excluding-is-the-possessor's",
     f"{HAR} will pay 90 mln dlrs for {KES}'s copper interests, excluding its stake in {LUM} and its smelters.",
     {("ownsStakeIn", KES, LUM, None)}),
    ("shares-representing-percent",
     f"Before the financing, {LUM} and its affiliates owned 12,500,000 {NWC} common shares, "
     f"representing approximately 21.5% of the outstanding common shares.",
     {("ownsStakeIn", LUM, NWC, 21.5)}),
    ("shares-representing-percent-in-brackets-majority",
     f"{LUM} owned or controlled 90,000,000 shares of {NWC} (representing 59.4% of the outstanding shares).",
     {("subsidiaryOf", NWC, LUM, 59.4)}),
    ("subscribe-for-shares-or-percent-of-capital",
     f"{KES} will offer 430 mln {HAR} shares to the public. "
     f"{KES} will subscribe for the remaining 540 mln shares, or 56 pct of issued capital.",
     {("subsidiaryOf", HAR, KES, 56.0)}),
    ("acquired-shares-representing-percent",
     f"{LUM} acquired 3,000,000 common shares of {NWC}, representing 8.2% of the issued and outstanding shares.",
     {("acquires", LUM, NWC, 8.2)}),
    # TRAP: a holding only if warrants were exercised is not a holding
    ("trap-partially-diluted",
     f"{LUM} would hold 20,000,000 shares of {NWC}, representing 25% of the outstanding shares "
     f"assuming the exercise of all warrants.", set()),
    # TRAP: a company's sale of its own stake leaves it without that stake
    ("trap-sold-its-stake",
     f"{KES} completed the sale of its 30 pct interest in {LUM}.", set()),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for i, t, e in TABLE])
def test_holdings_phrasing(text: str, expected: set[tuple]) -> None:
    assert facts(text, HOLDINGS) == expected


SUBSIDIARY_TABLE = [
    ("a-company's-company-is-its-subsidiary",
     f"The interests held by {KES}'s {LUM} are excluded.",
     {("subsidiaryOf", LUM, KES, None)}),
    # TRAPS: a country's company, a company's deal or shares, a list of two companies
    ("trap-place-possessive", f"{HAR} sold gold to Chile's {LUM}.", set()),
    ("trap-possessive-agreement", f"{HAR} said {KES}'s {LUM} agreement was signed in May.", set()),
    ("trap-possessive-shares", f"{HAR} bought {KES}'s {LUM} shares last year.", set()),
    ("trap-possessive-list", f"{HAR} met {KES}'s {LUM} and {NWC} teams.", set()),
]


@pytest.mark.parametrize("text, expected", [pytest.param(t, e, id=i) for i, t, e in SUBSIDIARY_TABLE])
def test_one_company_s_company(text: str, expected: set[tuple]) -> None:
    assert facts(text, frozenset({"subsidiaryOf"})) == expected
