"""Sentence -> facts tables for the phrasing families of real announcements.

Each family (newswire names, ticker blocks, holdings lists, sales, agreements and
their status, officers, places, commodities, plural asset lists) has rows that
must give facts and trap rows that must give none: a partner's ticker, a royalty
percentage, an "up to" earn-in, a deal that is only talked about or denied, a
production only reported or planned. Every text is written for these tests.
"""

from __future__ import annotations

import pytest

from oregraph.ingest.cleanup import clean
from oregraph.ingest.mentions import discover, mask
from oregraph.ingest.sentences import sentences_of
from tests.test_extraction import ALL, STAKES, check, run

ALD = "Alderwood Metals Inc."
BRK = "Brackenridge Copper Corp."
CRN = "Cornelian Holdings Ltd."


def rows(predicates: frozenset[str], table: list) -> list:
    return [pytest.param(text, expected, predicates, id=name) for name, text, expected in table]


LISTINGS = rows(frozenset({"listedAs"}), [
    ("symbol-before-exchange",
     'Quillon Minerals Corp. ("Quillon") (QLM: CSE) (QLMF: OTC) (Q9X: Frankfurt) reports assays.',
     {("listedAs", "Quillon Minerals Corp.", "CSE:QLM", None), ("listedAs", "Quillon Minerals Corp.", "OTC:QLMF", None),
      ("listedAs", "Quillon Minerals Corp.", "FSE:Q9X", None)}),
    ("pipe-separated",
     "Quillon Minerals Corp. (CSE: QLM | OTCQB: QLMF) reports assays.",
     {("listedAs", "Quillon Minerals Corp.", "CSE:QLM", None), ("listedAs", "Quillon Minerals Corp.", "OTCQB:QLMF", None)}),
    ("defined-term-first-then-tickers",
     'Quillon Minerals ("Quillon" or the "Company") (CSE: QLM) reports assays.',
     {("listedAs", "Quillon Minerals", "CSE:QLM", None)}),
    # TRAP: a ticker inside a comparison belongs to the peer, and names no partner
    ("trap-peer-ticker-is-the-peer's",
     f"{ALD} (TSXV: ALW) notes that Brackenridge Copper (TSX: BRK) drilled nearby last year.",
     {("listedAs", ALD, "TSXV:ALW", None), ("listedAs", "Brackenridge Copper", "TSX:BRK", None)}),
])

STAKE_ROWS = rows(STAKES | {"operates"}, [
    ("in-which-holds",
     f"{ALD} will buy 20% of {BRK}, a copper explorer in which {CRN} already holds a 15% interest.",
     {("ownsStakeIn", CRN, BRK, 15.0)}),
    ("increasing-to",
     f"{ALD} agreed to acquire a further 11% interest in {BRK}, increasing its ownership to 51%.",
     {("subsidiaryOf", BRK, ALD, 51.0)}),
    ("its-unit",
     f"{CRN} said its {BRK} unit had started the mill.",
     {("subsidiaryOf", BRK, CRN, None)}),
    # TRAP: a royalty percentage is never a stake
    ("trap-royalty",
     f"{ALD} holds a 2% net smelter return royalty on the Kestrel Ridge project.", set()),
    # TRAP: an earn-in "up to" is not yet held
    ("trap-earn-in-up-to",
     f"{ALD} may earn up to a 70% interest in the Kestrel Ridge project from {BRK}.", set()),
])

ACQUISITIONS = rows(frozenset({"acquires", "subsidiaryOf"}), [
    ("newswire-said-it-will-acquire",
     "<Halvard Mining Corp> said it will acquire 29 pct of Tamsin, a private gold miner.",
     {("acquires", "Halvard Mining Corp", "Tamsin", None)}),
    ("agreed-in-principle-to-sell-unit",
     f"{CRN} said it agreed in principle to sell its {BRK} unit to {ALD} for undisclosed terms.",
     {("acquires", ALD, BRK, None), ("subsidiaryOf", BRK, CRN, None)}),
    ("possessive-purchase",
     f"The regulator cleared {ALD}'s purchase of {BRK}.",
     {("acquires", ALD, BRK, None)}),
    # TRAPS: denied, only considered
    ("trap-denied", f"{ALD} denied that it is in talks to acquire {BRK}.", set()),
    ("trap-considering", f"{ALD} is considering whether to acquire {BRK}.", set()),
])

AGREEMENTS = rows(frozenset({"partnerOf", "subsidiaryOf"}), [
    ("signatories-not-bystanders",
     f"{ALD} signed an offtake agreement with {BRK}, a subsidiary of {CRN}.",
     {("partnerOf", ALD, BRK, None), ("subsidiaryOf", BRK, CRN, None)}),
    ("between-a-and-b",
     f"The letter of intent between {ALD} and {BRK} was announced by {CRN}.",
     {("partnerOf", ALD, BRK, None)}),
    ("existing-agreement-with",
     f"{ALD} made its first delivery under the Offtake Agreement (the \"Agreement\") with {BRK}.",
     {("partnerOf", ALD, BRK, None)}),
])

OFFICERS = rows(frozenset({"officerOf"}), [
    ("has-been-appointed",
     f"Jane Roe has been appointed Chief Operating Officer of {ALD}.",
     {("officerOf", "Jane Roe", ALD, "Chief Operating Officer")}),
    ("appointment-of",
     f"{ALD} announced the appointment of John Doe as Chief Financial Officer.",
     {("officerOf", "John Doe", ALD, "Chief Financial Officer")}),
])

PLACES = rows(frozenset({"locatedIn"}), [
    ("town-the-gazetteer-lacks",
     "The Kestrel Ridge project is located in Wexbridge, Ontario.",
     {("locatedIn", "Kestrel Ridge project", "Wexbridge", None)}),
    ("distance-from-a-town-gives-its-region",
     "The Tarn mill, some 40 km east of Sudbury, restarted.",
     {("locatedIn", "Tarn mill", "Ontario", None)}),
    ("district-of-a-state",
     "The Kestrel Ridge deposit in the Carbonate district of western Nevada was drilled.",
     {("locatedIn", "Kestrel Ridge deposit", "Nevada", None)}),
])

COMMODITIES = rows(frozenset({"commodity"}), [
    ("coordinated-producer",
     f"{ALD}, a gold and silver producer, reported results.",
     {("commodity", ALD, "gold", None), ("commodity", ALD, "silver", None)}),
    ("commodity-before-production",
     f"{ALD} will continue primary aluminium production at a lower rate.",
     {("commodity", ALD, "aluminium", None)}),
    ("gold-and-silver-deposit",
     f"{ALD} drilled its Kestrel Ridge gold and silver deposit.",
     {("commodity", "Kestrel Ridge deposit", "gold", None), ("commodity", "Kestrel Ridge deposit", "silver", None)}),
    # TRAP: production that others report or that is only planned
    ("trap-reported-production",
     f"Newspapers reported that {ALD} would produce one million tonnes of steel.", set()),
])

ASSETS = rows(frozenset({"operates"}), [
    ("plural-head-list",
     f"{ALD} will ramp up feed from our Tarn, Merrow, and Ingle mines.",
     {("operates", ALD, "Tarn mine", None), ("operates", ALD, "Merrow mine", None),
      ("operates", ALD, "Ingle mine", None)}),
    ("jointly-owned-is-not-run-alone",
     f"{ALD} and {BRK} restarted their jointly owned Tarn mine.", set()),
])


@pytest.mark.parametrize("text, expected, predicates",
                         LISTINGS + ACQUISITIONS + AGREEMENTS + OFFICERS + PLACES + COMMODITIES + ASSETS)
def test_family(text: str, expected: set[tuple], predicates: frozenset[str]) -> None:
    ex = run(text)
    got = {(f.predicate, ex.entities[f.subject].label,
            f.object if f.predicate == "listedAs" else ex.entities[f.object].label)
           for f in ex.facts if f.predicate in predicates}
    want = set()
    for p, s, o, _ in expected:
        names = {e.label for e in ex.entities.values() if o in e.names()} if p != "listedAs" else {o}
        subj = {e.label for e in ex.entities.values() if s in e.names()}
        want.add((p, subj.pop() if len(subj) == 1 else s, names.pop() if len(names) == 1 else o))
    assert got == want


@pytest.mark.parametrize("text, expected, predicates", STAKE_ROWS)
def test_stake_family(text: str, expected: set[tuple], predicates: frozenset[str]) -> None:
    check(text, expected, STAKES)


def test_a_list_of_holdings_gives_each_stake_and_no_option() -> None:
    ex = run(f'{ALD} ("Alderwood" or the "Company") reported results. The Company holds a 70% '
             "interest in the Kestrel Ridge project; a 100% interest in the Lomond property; and an "
             "option to acquire a 100% interest in the Marlow project.")
    facts = {(f.predicate, ex.entities[f.object].label, f.share) for f in ex.facts
             if f.predicate in ("ownsStakeIn", "operates") and ex.entities[f.subject].label == ALD}
    assert facts == {("ownsStakeIn", "Kestrel Ridge project", 70.0), ("ownsStakeIn", "Lomond property", 100.0),
                     ("operates", "Kestrel Ridge project", None), ("operates", "Lomond property", None)}


def test_the_earn_in_partner_is_an_option_partner_but_nothing_is_acquired() -> None:
    ex = run(f"{ALD} signed an earn-in agreement with {BRK} under which {ALD} may earn up to a 70% "
             "interest in the Kestrel Ridge project.")
    assert {(f.predicate, f.agreement) for f in ex.facts} == {("partnerOf", "Option")}


def test_headline_and_date_glued_to_the_lead_are_not_the_lead() -> None:
    text = ("Alderwood Signs Offtake With Brackenridge\n2025-03-13\n"
            f"TORONTO, ONTARIO - March 13, 2025 (NEWSWIRE) - {ALD} (CSE: ALW) has signed an offtake "
            f"agreement with {BRK} for all concentrate from its Tarn mine over five years.\n")
    ex = run(text)
    assert ex.title == "Alderwood Signs Offtake With Brackenridge"
    assert {f.predicate for f in ex.facts} >= {"listedAs", "partnerOf", "operates"}


NAMES = [
    pytest.param("St. Halvard Gold Corp said it plans to deepen its Tarn mine.", "St. Halvard Gold Corp",
                 id="abbreviated-saint"),
    pytest.param("Harlow co said it has closed its Tarn mill.", "Harlow co", id="newswire-lower-case-co"),
    pytest.param("1302001 B.C. Ltd. holds the Tarn claims.", "1302001 B.C. Ltd.", id="numbered-company"),
    pytest.param("Quillon Uranium S.A. drills in Paraguay.", "Quillon Uranium S.A.", id="dotted-suffix"),
    pytest.param("Anglo Tarn Sur. S.A. runs the Tarn smelter.", "Anglo Tarn Sur. S.A.", id="abbreviation-inside"),
]


@pytest.mark.parametrize("text, name", NAMES)
def test_organization_names(text: str, name: str) -> None:
    ex = run(text)
    assert name in {e.label for e in ex.entities.values() if e.kind == "org"}


def test_a_place_is_never_the_short_name_of_a_company() -> None:
    ex = run("Quillon Uranium S.A. drills in Paraguay. Quillon Uranium said Paraguay approved the permit.")
    org = next(e for e in ex.entities.values() if e.kind == "org")
    assert "Paraguay" not in org.names()


@pytest.mark.parametrize("text", [
    pytest.param("The company runs seven U.S. ISR uranium projects.", id="single-name-plural-head"),
    pytest.param("A Chilean copper mine was sold.", id="nationality"),
])
def test_descriptions_are_not_assets(text: str) -> None:
    ex = run(text)
    assert not [e for e in ex.entities.values() if e.kind in ("facility", "project")]


def test_masked_pieces_map_back_to_the_source() -> None:
    text = f"In 2024 {ALD} bought 40% of {BRK}."
    sents = sentences_of(text, clean(text))
    ctx = discover(text, sents)
    m = mask(ctx, sents[0])
    assert m.text == "In 2024 ⟦0⟧ bought ⟦%40.0⟧ of ⟦1⟧."
    start = m.text.index("bought")
    s, e = m.source_span(start, m.text.index("⟦1⟧") + 3)
    assert text[s:e] == f"bought 40% of {BRK}"
    s, e = m.source_span(0, m.text.index(" bought"))
    assert text[s:e] == f"In 2024 {ALD}"


def test_every_fact_has_a_trigger_inside_its_sentence() -> None:
    ex = run(f"{ALD} holds a 40% interest in {BRK}. Jane Roe, Chief Executive Officer of {ALD}, "
             f'said: "We are pleased." {ALD} signed an MOU with {CRN}.')
    assert ex.facts
    for f in ex.facts:
        assert f.span is not None
        assert f.sentence.start <= f.span[0] < f.span[1] <= f.sentence.end
        assert f.trigger and f.trigger in f.sentence.text


def test_all_predicates_are_known() -> None:
    ex = run(f"{ALD} (TSXV: ALW) holds a 40% interest in {BRK}.")
    assert {f.predicate for f in ex.facts} <= ALL


MORE = rows(ALL - {"listedAs"}, [
    ("its-stake-in-without-a-number",
     f"{ALD} will pay for the assets, excluding its stake in {BRK}.",
     {("ownsStakeIn", ALD, BRK)}),
    # TRAP: an interest being sold or spun out is not held afterwards
    ("trap-sale-of-its-interest",
     f"{ALD} completed the sale of its interest in {BRK}.", set()),
    ("acquire-from-seller-signs",
     f"Under the letter of intent, {ALD} will acquire all issued shares of {BRK} from {CRN}.",
     {("acquires", ALD, BRK), ("partnerOf", ALD, CRN)}),
    ("operations-at",
     f"{ALD} has restarted mine and mill operations at the Tarn Mining Complex.",
     {("operates", ALD, "Tarn Mining Complex")}),
    ("asset-appositive-then-place",
     "The Tarn Mining Complex, a historic copper-gold-silver producer, in the Coquimbo region of Chile, "
     "was refurbished.",
     {("commodity", "Tarn Mining Complex", "copper"), ("commodity", "Tarn Mining Complex", "gold"),
      ("commodity", "Tarn Mining Complex", "silver"), ("locatedIn", "Tarn Mining Complex", "Coquimbo Region")}),
    ("closed-the-acquisition",
     f"{ALD} has closed the acquisition of {BRK}.",
     {("acquires", ALD, BRK)}),
    # TRAP: a country followed by a legal-looking suffix in a report title is no company
    ("trap-country-and-suffix",
     f'{ALD} filed a report titled "Tarn Project Assessment, Paraguay SA." with {BRK} as author.', set()),
    ("its-subsidiary-without-suffix",
     f"{ALD} announced that its subsidiary, Tarn Water Systems, installed a plant.",
     {("subsidiaryOf", "Tarn Water Systems", ALD)}),
    ("suffix-less-subsidiary-of-suffix-less-parent",
     "The unit was installed at Merrow Mining, a subsidiary of Ingle Farmers Cooperative.",
     {("subsidiaryOf", "Merrow Mining", "Ingle Farmers Cooperative")}),
    ("capitalised-article-opens-the-name",
     f"{ALD} advanced the La Tarnera copper project.",
     {("commodity", "La Tarnera copper project", "copper")}),
    ("lower-case-newswire-title",
     f"{ALD} chairman-designate John Gough said the float was a success.",
     {("officerOf", "John Gough", ALD)}),
])


@pytest.mark.parametrize("text, expected, predicates", MORE)
def test_more_families(text: str, expected: set[tuple], predicates: frozenset[str]) -> None:
    ex = run(text)
    got = {(f.predicate, ex.entities[f.subject].label, ex.entities[f.object].label)
           for f in ex.facts if f.predicate in predicates}
    assert got == expected


def test_an_unquoted_acronym_is_the_short_name_and_not_a_second_company() -> None:
    ex = run("The Halvard Mines Co Ltd <HLV.S> (HMC) said it will float a unit. HMC said the unit "
             "will hold its gold mines.")
    orgs = [e for e in ex.entities.values() if e.kind == "org"]
    assert [o.label for o in orgs] == ["Halvard Mines Co Ltd"]
    assert "HMC" in orgs[0].aliases


def test_the_company_name_stays_the_company_s_beside_an_asset_of_the_same_name() -> None:
    ex = run(f'{ALD} ("Alderwood" or the "Company") holds the Alderwood concessions. '
             f"Alderwood will acquire all issued shares of {BRK}.")
    assert {(f.predicate, ex.entities[f.subject].label) for f in ex.facts if f.predicate == "acquires"} == \
        {("acquires", ALD)}
