"""Sentence -> facts tables for phrasing families found on announcements the rules were not
written from: sites' commodities told by reserves, grades and intercepts; an organization's
business ("copper trading activities of X"); described lists of companies; jointly owned sites;
lists of subsidiaries and of operated sites; partnerships without an agreement's name; an
offtake told as a purchase of all output; marketing and licence contracts; head offices;
names with apostrophes. Each family has traps. Every text is written for these tests.
"""

from __future__ import annotations

import pytest

from tests.test_extraction import run

HAR = "Harrowgate Metals Ltd"
KES = "Kestrel Mining Corp"
LUM = "Lumsden Holdings Inc"


def facts(text: str, predicates: set[str]) -> set[tuple]:
    ex = run(text)
    return {(f.predicate, ex.entities[f.subject].label, ex.entities[f.object].label)
            for f in ex.facts if f.predicate in predicates}


def table(rows: list) -> list:
    return [pytest.param(text, expected, id=name) for name, text, expected in rows]


COMMODITIES = table([
    ("reserves-at-site",
     f"{HAR} reported additional gold and silver ore reserves at its Corrie Hill mine last year.",
     {("commodity", "Corrie Hill mine", "gold"), ("commodity", "Corrie Hill mine", "silver")}),
    ("ounces-from-site",
     f"{HAR} expects 42,000 ounces of gold from the Corrie Hill mine in 1988.",
     {("commodity", "Corrie Hill mine", "gold")}),
    ("site-showed-intersections-with-a-place-between",
     f"{HAR} and {KES} drilled a hole at the Corrie Hill mine in Quebec, which showed two long gold intersections.",
     {("commodity", "Corrie Hill mine", "gold")}),
    ("site-grade-of",
     f"{HAR} said its Corrie Hill mine had reserves of 4.9 mln tons with an average grade of 0.14 ounces of gold a ton.",
     {("commodity", "Corrie Hill mine", "gold")}),
    ("project-containing-list",
     "The Brora clay project, containing terbium, dysprosium and neodymium, is in permitting.",
     {("commodity", "Brora clay project", "terbium"), ("commodity", "Brora clay project", "dysprosium"),
      ("commodity", "Brora clay project", "neodymium")}),
    ("trading-activities-of",
     f"{HAR} will buy the zinc, copper and lead trading activities of {KES} for cash.",
     {("commodity", KES, "zinc"), ("commodity", KES, "copper"), ("commodity", KES, "lead")}),
    ("its-processing-division",
     f"{HAR} said it restructured its key copper processing division last year.",
     {("commodity", HAR, "copper")}),
    ("described-list-of-companies",
     f"{HAR} bought two Swedish copper manufacturers last year, {KES} and {LUM}, for cash.",
     {("commodity", KES, "copper"), ("commodity", LUM, "copper")}),
    ("pronoun-subject-sales",
     f"{HAR} returned to profit. It said the result came from greater sales of bauxite and aluminium.",
     {("commodity", HAR, "bauxite"), ("commodity", HAR, "aluminium")}),
    # TRAPS: a royalty on a site, a price at a site, a company that only reports a metal's price
    ("trap-royalty-ounces", f"{HAR} receives a royalty on 10,000 ounces of gold from the Corrie Hill mine.", set()),
    ("trap-price", f"{HAR} said gold prices at the Corrie Hill mine sale were high.", set()),
])


@pytest.mark.parametrize("text, expected", COMMODITIES)
def test_commodities(text: str, expected: set[tuple]) -> None:
    assert facts(text, {"commodity"}) == expected


HOLDINGS = table([
    ("their-jointly-owned-site",
     f"{HAR} and {KES} said they completed a hole at their jointly owned Corrie Hill mine.",
     {("ownsStakeIn", HAR, "Corrie Hill mine"), ("ownsStakeIn", KES, "Corrie Hill mine"),
      ("partnerOf", HAR, KES)}),
    ("site-jointly-owned-by",
     f"The Corrie Hill mine, jointly owned by {HAR} and {KES}, restarted in May.",
     {("ownsStakeIn", HAR, "Corrie Hill mine"), ("ownsStakeIn", KES, "Corrie Hill mine"),
      ("partnerOf", HAR, KES)}),
    ("of-which-it-holds",
     f"{HAR} sells mineral sands produced by {KES}, of which it holds 17.5 pct.",
     {("ownsStakeIn", HAR, KES)}),
    ("plural-subsidiaries-list",
     f"{HAR} will move its two U.S. subsidiaries {KES} and {LUM} into the new division.",
     {("subsidiaryOf", KES, HAR), ("subsidiaryOf", LUM, HAR)}),
    ("subsidiary-with-place-word-and-apostrophe-name",
     f"{HAR} owns 100% of Corran Services, Inc. (including Corran's wholly owned USA operating subsidiary, "
     f"Ozzie's, Inc.), a rental company.",
     {("subsidiaryOf", "Corran Services, Inc.", HAR), ("subsidiaryOf", "Ozzie's, Inc.", "Corran Services, Inc.")}),
    # TRAP: one subsidiary named after a singular "subsidiary" does not pull in the next company
    ("trap-singular-subsidiary-then-another-company",
     f"{HAR} said its subsidiary {KES} and {LUM} signed nothing.",
     {("subsidiaryOf", KES, HAR)}),
])


@pytest.mark.parametrize("text, expected", HOLDINGS)
def test_holdings(text: str, expected: set[tuple]) -> None:
    assert facts(text, {"ownsStakeIn", "subsidiaryOf", "partnerOf"}) == expected


RELATIONS = table([
    ("operates-a-list-of-sites",
     f"{HAR} operates the Kell, Wren and Tarn mines.",
     {("operates", HAR, "Kell mine"), ("operates", HAR, "Wren mine"), ("operates", HAR, "Tarn mine")}),
    ("partnered-with",
     f"{HAR} is pleased to announce that it has partnered with {KES} on the development of a rare earth mine.",
     {("partnerOf", HAR, KES)}),
    ("buys-all-output-is-an-offtake",
     f"{HAR} restarted its mill. {KES} has agreed to purchase all the copper concentrate to be produced from the slags.",
     {("partnerOf", HAR, KES)}),
    ("marketing-contract",
     f"{HAR} signed an exclusive long-term contract with {KES} to market its zinc metal exports.",
     {("partnerOf", HAR, KES)}),
    ("headquarters-in-two-places",
     f"{LUM}, with headquarters in Ankara, Turkey, and Toronto, Ontario, builds water plants.",
     {("locatedIn", LUM, "Ankara"), ("locatedIn", LUM, "Toronto")}),
    # TRAPS: a partnership only talked about; a contractor's contract
    ("trap-partnership-talked-about", f"{HAR} may have partnered with {KES} on a study, a newspaper said.", set()),
    ("trap-drilling-contract", f"{HAR} awarded a drilling contract to {KES}.", set()),
])


@pytest.mark.parametrize("text, expected", RELATIONS)
def test_relations(text: str, expected: set[tuple]) -> None:
    assert facts(text, {"operates", "partnerOf", "locatedIn"}) == expected


@pytest.mark.parametrize("name", ["Michael O’Connor", "Siobhan McArthur", "Aoife D'Souza"])
def test_officer_names_with_apostrophes_and_prefixes(name: str) -> None:
    got = facts(f"“We are pleased,” said {name}, Chairman and CEO of {LUM}, in a statement.", {"officerOf"})
    assert got == {("officerOf", name, LUM)}
