"""Extraction: sentence -> facts tables per pattern family, traps, and the helper stages.

Each table row is ``(text, expected)`` where ``expected`` is the set of
``(predicate, subject, object, qualifier)`` the text must give, and nothing
else among the predicates the family looks at. Subjects and objects are
written as any of the entity's names (label or alias); ``listedAs`` objects are
``"EXCHANGE:SYMBOL"``. The qualifier is the share for stakes and subsidiaries,
``(share, status)`` for acquisitions, ``(agreement, status)`` for partnerships,
the title for officers and ``None`` otherwise.

Rows the extractor gets wrong today are marked ``xfail(strict=True)`` with the
reason; fixing the extractor turns them into failures until the mark is removed.
All texts are written for these tests.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from rdflib import URIRef

from oregraph.ingest.cleanup import clean, parse_date
from oregraph.ingest.emit import quads
from oregraph.ingest.extract import extract
from oregraph.ingest.lexicon import fold, lexicon
from oregraph.ingest.percent import PERCENT, percent_value
from oregraph.ingest.records import Announcement, Extraction
from oregraph.ingest.samples import sample_files
from oregraph.ingest.sentences import split_sentences
from oregraph.ontology import OG

ALL = frozenset({"subsidiaryOf", "ownsStakeIn", "acquires", "partnerOf", "operates", "commodity",
                 "locatedIn", "listedAs", "officerOf"})
STAKES = frozenset({"subsidiaryOf", "ownsStakeIn"})


def run(text: str) -> Extraction:
    return extract(Announcement(text=text, source="urn:test"))


def _qualifier(fact) -> object:
    if fact.predicate in ("subsidiaryOf", "ownsStakeIn"):
        return fact.share
    if fact.predicate == "acquires":
        return (fact.share, fact.status)
    if fact.predicate == "partnerOf":
        return (fact.agreement, fact.status)
    if fact.predicate == "officerOf":
        return fact.title
    return None


def _canonical(ex: Extraction, name: str) -> str:
    """The label of the one entity that has ``name`` among its names (else ``name`` as given)."""
    found = {e.label for e in ex.entities.values() if name in e.names()}
    return found.pop() if len(found) == 1 else name


def _row(predicate: str, subject: str, obj: str, qualifier: object) -> tuple:
    if predicate == "partnerOf":  # symmetric
        subject, obj = sorted((subject, obj))
    return (predicate, subject, obj, qualifier)


def actual_facts(ex: Extraction, only: frozenset[str] = ALL) -> set[tuple]:
    out = set()
    for f in ex.facts:
        if f.predicate not in only:
            continue
        obj = f.object if f.predicate == "listedAs" else ex.entities[f.object].label
        out.add(_row(f.predicate, ex.entities[f.subject].label, obj, _qualifier(f)))
    return out


def expected_facts(ex: Extraction, rows: set[tuple]) -> set[tuple]:
    out = set()
    for predicate, subject, obj, qualifier in rows:
        obj = obj if predicate == "listedAs" else _canonical(ex, obj)
        out.add(_row(predicate, _canonical(ex, subject), obj, qualifier))
    return out


def check(text: str, expected: set[tuple], only: frozenset[str]) -> Extraction:
    ex = run(text)
    assert actual_facts(ex, only) == expected_facts(ex, expected)
    return ex


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


NCL = "Northcrest Lithium Corp."
TMK = "Tamarack Metals Inc."
BOR = "Borealis Copper Inc."
ARD = "Ardent Smelting Inc."
FOO_LAKE = "Foo Lake lithium project"

# -- listings ------------------------------------------------------------------------

LISTINGS = [
    pytest.param(f"{NCL} (TSX VENTURE: NCL) announced drilling results today.",
                 {("listedAs", NCL, "TSXV:NCL", None)}, id="tsx-venture"),
    pytest.param(f"{NCL} (TSXV: NCL) announced drilling results today.",
                 {("listedAs", NCL, "TSXV:NCL", None)}, id="tsxv"),
    pytest.param(f"{NCL} (TSX-V: NCL) announced drilling results today.",
                 {("listedAs", NCL, "TSXV:NCL", None)}, id="tsx-v"),
    pytest.param(f"{BOR} (NYSE American: BORC) reported quarterly figures today.",
                 {("listedAs", BOR, "NYSEAMERICAN:BORC", None)}, id="nyse-american"),
    pytest.param("Kestrel Minerals Ltd (ASX: KML) announced a share placement today.",
                 {("listedAs", "Kestrel Minerals Ltd", "ASX:KML", None)}, id="asx"),
    pytest.param("Quartzite Resources Corp. (CSE: QTZ) began a drill program.",
                 {("listedAs", "Quartzite Resources Corp.", "CSE:QTZ", None)}, id="cse"),
    pytest.param(f"{BOR} (TSX: BCU; NYSE American: BORC) reported quarterly figures today.",
                 {("listedAs", BOR, "TSX:BCU", None), ("listedAs", BOR, "NYSEAMERICAN:BORC", None)},
                 id="two-in-one-block-semicolon"),
    pytest.param(f"{BOR} (TSX: BCU)(OTCQB: BCUFF) reported quarterly figures today.",
                 {("listedAs", BOR, "TSX:BCU", None), ("listedAs", BOR, "OTCQB:BCUFF", None)},
                 id="adjacent-blocks"),
    pytest.param("Quartzite Resources Corp. (CSE: QTZ) (OTCQB: QTZRF) (FSE: 9QZ) began a drill program.",
                 {("listedAs", "Quartzite Resources Corp.", "CSE:QTZ", None),
                  ("listedAs", "Quartzite Resources Corp.", "OTCQB:QTZRF", None),
                  ("listedAs", "Quartzite Resources Corp.", "FSE:9QZ", None)},
                 id="three-blocks"),
    pytest.param(f"{NCL} is listed on the TSX Venture Exchange as NCL and reported results today.",
                 {("listedAs", NCL, "TSXV:NCL", None)}, id="prose-listed-as"),
    pytest.param(f"{NCL} is listed on the TSX Venture Exchange as NCL and on the OTCQB as NCLTF.",
                 {("listedAs", NCL, "TSXV:NCL", None), ("listedAs", NCL, "OTCQB:NCLTF", None)},
                 id="prose-two-exchanges"),
    pytest.param(f'{NCL} shares trade on the TSX Venture Exchange under the symbol "NCL".',
                 {("listedAs", NCL, "TSXV:NCL", None)}, id="prose-under-the-symbol"),
    pytest.param(f'{NCL} ("Northcrest" or the "Company") reported results today. The Company\'s '
                 "shares are listed on the TSX Venture Exchange under the symbol NCL.",
                 {("listedAs", NCL, "TSXV:NCL", None)}, id="prose-the-company"),
    # TRAP: the partner's ticker sits beside the issuer's and belongs to the partner
    pytest.param(f'{NCL} (TSXV: NCL) ("Northcrest" or the "Company") is pleased to report that its '
                 f"partner, {TMK} (TSX: TMK), has started drilling.",
                 {("listedAs", NCL, "TSXV:NCL", None), ("listedAs", TMK, "TSX:TMK", None)},
                 id="trap-partner-ticker"),
    pytest.param(f"{NCL} (TSXV: NCL) is pleased to announce a joint venture with Tamarack Metals Corp. "
                 "(TSX: TMK; OTCQB: TMKMF).",
                 {("listedAs", NCL, "TSXV:NCL", None),
                  ("listedAs", "Tamarack Metals Corp.", "TSX:TMK", None),
                  ("listedAs", "Tamarack Metals Corp.", "OTCQB:TMKMF", None)},
                 id="trap-partner-two-tickers"),
    pytest.param(f"{NCL} (TSXV: NCL) today said that Rio Tinto (ASX: RIO) has started drilling nearby.",
                 {("listedAs", NCL, "TSXV:NCL", None), ("listedAs", "Rio Tinto", "ASX:RIO", None)},
                 id="trap-partner-well-known-name"),
    pytest.param(f"{NCL} (TSXV: NCL) and its partner Tamarack (TSX: TMK) started drilling today.",
                 {("listedAs", NCL, "TSXV:NCL", None), ("listedAs", "Tamarack", "TSX:TMK", None)},
                 id="trap-partner-without-suffix"),
    pytest.param("Foo Metals (TSXV: FOO) said today that drilling resumed at the Baz Lake lithium project.",
                 {("listedAs", "Foo Metals", "TSXV:FOO", None)}, id="issuer-without-suffix"),
]


@pytest.mark.parametrize("text, expected", LISTINGS)
def test_listings(text: str, expected: set[tuple]) -> None:
    check(text, expected, frozenset({"listedAs"}))


@pytest.mark.parametrize("text, issuer, partner_symbols", [
    (f"{NCL} (TSXV: NCL) today said that Rio Tinto (ASX: RIO) has started drilling nearby.",
     NCL, {"ASX:RIO"}),
    (f"{NCL} (TSXV: NCL) and its partner Tamarack (TSX: TMK) started drilling today.", NCL, {"TSX:TMK"}),
    (f'{NCL} (TSXV: NCL) ("Northcrest") said its partner, {TMK} (TSX: TMK), has started drilling.',
     NCL, {"TSX:TMK"}),
])
def test_partner_ticker_never_goes_to_the_issuer(text: str, issuer: str, partner_symbols: set[str]) -> None:
    ex = run(text)
    given_to_issuer = {f.object for f in ex.facts
                       if f.predicate == "listedAs" and ex.entities[f.subject].label == issuer}
    assert given_to_issuer == {"TSXV:NCL"}
    assert not given_to_issuer & partner_symbols


# -- subsidiaries ----------------------------------------------------------------------

SUBSIDIARIES = [
    pytest.param(f"{ARD}, a wholly-owned subsidiary of {TMK}, will run the plant.",
                 {("subsidiaryOf", ARD, TMK, 100.0)}, id="appositive-wholly"),
    pytest.param(f"{ARD} is a wholly owned subsidiary of {TMK}",
                 {("subsidiaryOf", ARD, TMK, 100.0)}, id="copula-wholly"),
    pytest.param(f"{ARD} is a majority-owned subsidiary of {TMK}",
                 {("subsidiaryOf", ARD, TMK, None)}, id="majority-owned"),
    pytest.param(f"{TMK} announced that its wholly-owned subsidiary, {ARD}, will run the plant.",
                 {("subsidiaryOf", ARD, TMK, 100.0)}, id="its-wholly-owned-subsidiary-comma"),
    pytest.param(f"{TMK} said its wholly owned subsidiary {ARD} will run the plant.",
                 {("subsidiaryOf", "Ardent Smelting", "Tamarack Metals", 100.0)},
                 id="its-wholly-owned-subsidiary-aliases"),
    pytest.param(f"{TMK} announced that its 75%-owned subsidiary, {ARD}, will run the plant.",
                 {("subsidiaryOf", ARD, TMK, 75.0)}, id="its-pct-owned-subsidiary"),
    pytest.param(f"{ARD}, a 75%-owned subsidiary of {TMK}, will run the plant.",
                 {("subsidiaryOf", ARD, TMK, 75.0)}, id="appositive-pct-owned"),
    pytest.param(f"{ARD} is a 60% owned subsidiary of {TMK}",
                 {("subsidiaryOf", ARD, TMK, 60.0)}, id="copula-pct-owned"),
    pytest.param(f"{TMK}'s wholly-owned subsidiary, {ARD}, will run the plant.",
                 {("subsidiaryOf", ARD, TMK, 100.0)}, id="possessive-suffixed-name"),
]


@pytest.mark.parametrize("text, expected", SUBSIDIARIES)
def test_subsidiaries(text: str, expected: set[tuple]) -> None:
    check(text, expected, STAKES)


# -- stakes ----------------------------------------------------------------------------

STAKE_ROWS = [
    pytest.param(f"{TMK} holds a 40% interest in {BOR}", {("ownsStakeIn", TMK, BOR, 40.0)},
                 id="holds-pct-interest"),
    pytest.param(f"{TMK}, a 6.67% owner of {BOR}, supports the plan.",
                 {("ownsStakeIn", TMK, BOR, 6.67)}, id="pct-owner-of"),
    pytest.param(f"{TMK}, a 6.67% owner of the Bar aluminium smelter, supports the plan.",
                 {("ownsStakeIn", TMK, "Bar smelter", 6.67)}, id="pct-owner-of-plant"),
    pytest.param(f"{TMK} owns 29 pct of {BOR}", {("ownsStakeIn", TMK, BOR, 29.0)}, id="pct-abbrev"),
    pytest.param(f"{TMK} holds a 12.5 per cent interest in {BOR}",
                 {("ownsStakeIn", TMK, BOR, 12.5)}, id="per-cent"),
    pytest.param(f"{TMK} holds a 40 percent stake in {BOR}", {("ownsStakeIn", TMK, BOR, 40.0)},
                 id="percent-stake"),
    pytest.param(f"{TMK} owns 50 per cent of {BOR}", {("ownsStakeIn", TMK, BOR, 50.0)},
                 id="owns-per-cent-of"),
    pytest.param(f"{TMK} holds a 40% interest in the {FOO_LAKE}.",
                 {("ownsStakeIn", TMK, "Foo Lake", 40.0)}, id="stake-in-project"),
    pytest.param(f"{TMK} owns 60% of {BOR}", {("subsidiaryOf", BOR, TMK, 60.0)},
                 id="over-half-is-control"),
]


@pytest.mark.parametrize("text, expected", STAKE_ROWS)
def test_stakes(text: str, expected: set[tuple]) -> None:
    check(text, expected, STAKES)


# -- acquisitions ----------------------------------------------------------------------

ACQUISITIONS = [
    pytest.param(f"{TMK} said it will acquire 29 pct of {BOR}",
                 {("acquires", TMK, BOR, (29.0, "signed"))}, id="will-acquire-pct"),
    pytest.param(f"{TMK} said it will acquire {BOR}", {("acquires", TMK, BOR, (None, "signed"))},
                 id="will-acquire"),
    pytest.param(f"{TMK} agreed to buy a 51% stake in {BOR}",
                 {("acquires", TMK, BOR, (51.0, "signed"))}, id="agreed-to-buy-stake"),
    pytest.param(f"{TMK} has completed the acquisition of {BOR}",
                 {("acquires", TMK, BOR, (None, "completed"))}, id="completed"),
    pytest.param(f"{TMK} agreed to acquire a 51% interest in the {FOO_LAKE}.",
                 {("acquires", TMK, FOO_LAKE, (51.0, "signed"))}, id="interest-in-project"),
]


@pytest.mark.parametrize("text, expected", ACQUISITIONS)
def test_acquisitions(text: str, expected: set[tuple]) -> None:
    check(text, expected, frozenset({"acquires", "ownsStakeIn"}))


# -- partnerships ----------------------------------------------------------------------

PARTNERSHIPS = [
    pytest.param(f"{TMK} and {BOR} have signed a memorandum of understanding to study a shared "
                 "concentrator.", {("partnerOf", TMK, BOR, ("MOU", "signed"))}, id="mou"),
    pytest.param(f"{TMK} signed a non-binding MOU with {BOR} to study a shared concentrator.",
                 {("partnerOf", TMK, BOR, ("MOU", "signed"))}, id="mou-abbrev"),
    pytest.param(f"{TMK} and {BOR} formed a joint venture to develop the {FOO_LAKE}.",
                 {("partnerOf", TMK, BOR, ("JointVenture", "signed"))}, id="joint-venture"),
    pytest.param(f"{TMK} has entered into an offtake agreement with {BOR} for concentrate from "
                 "its mine.", {("partnerOf", TMK, BOR, ("Offtake", "signed"))}, id="offtake"),
    pytest.param(f"{TMK} signed a letter of intent with {BOR} to sell its mill.",
                 {("partnerOf", TMK, BOR, ("LOI", "signed"))}, id="loi"),
    pytest.param(f"{TMK} and {BOR} signed a strategic partnership agreement.",
                 {("partnerOf", TMK, BOR, ("Collaboration", "signed"))}, id="collaboration"),
    # TRAP: a terminated agreement is recorded as terminated (and gives no og:partnerOf, below)
    pytest.param(f"{TMK} has terminated its joint venture agreement with {BOR}",
                 {("partnerOf", TMK, BOR, ("JointVenture", "terminated"))}, id="trap-terminated"),
    pytest.param(f"{TMK} has withdrawn from the joint venture with {BOR}", set(),
                 id="trap-withdrawn"),
    # TRAP: a deal only under negotiation is no partnership
    pytest.param(f"{TMK} and {BOR} are negotiating to form a joint venture.", set(),
                 id="trap-negotiating"),
    pytest.param(f"{TMK} is in talks to form a joint venture with {BOR}", set(), id="trap-in-talks"),
    pytest.param(f"{TMK} and {BOR} have held discussions about a potential joint venture.", set(),
                 id="trap-discussions"),
]


@pytest.mark.parametrize("text, expected", PARTNERSHIPS)
def test_partnerships(text: str, expected: set[tuple]) -> None:
    check(text, expected, frozenset({"partnerOf"}))


def test_binding_is_read_from_the_text() -> None:
    ex = run(f"{TMK} signed a non-binding MOU with {BOR} to study a shared concentrator.")
    assert [f.binding for f in ex.facts if f.predicate == "partnerOf"] == [False]


def test_terminated_agreement_gives_no_partner_of_triple() -> None:
    ex = run(f"{TMK} has terminated its joint venture agreement with {BOR}")
    emitted = list(quads(ex))
    assert not [q for q in emitted if q[1] == OG.partnerOf]
    statuses = {str(o) for _, p, o, _ in emitted if p == OG.status}
    assert statuses == {"terminated"}


# -- officers --------------------------------------------------------------------------

OFFICERS = [
    pytest.param(f'"We are pleased with the drilling," said {TMK} interim CEO Jane Roe.',
                 {("officerOf", "Jane Roe", TMK, "interim CEO")}, id="said-org-title-name"),
    pytest.param(f"Jane Roe, President and CEO of {TMK}, said the drilling went well.",
                 {("officerOf", "Jane Roe", TMK, "President and CEO")}, id="name-title-of-org"),
    pytest.param(f'"We see strong demand," said {TMK} President and Chief Executive Officer Jane Roe.',
                 {("officerOf", "Jane Roe", TMK, "President and Chief Executive Officer")},
                 id="said-org-long-title-name"),
    pytest.param(f'"The results are strong," said Jane Roe, Chief Executive Officer of {TMK}',
                 {("officerOf", "Jane Roe", TMK, "Chief Executive Officer")},
                 id="said-name-title-of-org"),
    pytest.param(f"{TMK} appointed John Doe as Chief Financial Officer.",
                 {("officerOf", "John Doe", TMK, "Chief Financial Officer")}, id="appointed-as"),
]


@pytest.mark.parametrize("text, expected", OFFICERS)
def test_officers(text: str, expected: set[tuple]) -> None:
    check(text, expected, frozenset({"officerOf"}))


def test_no_organization_is_made_of_a_title() -> None:
    ex = run(f'"The results are strong," said Jane Roe, Chief Executive Officer of {TMK}')
    assert {e.label for e in ex.entities.values() if e.kind == "org"} == {TMK}


# -- commodities from asset names ------------------------------------------------------

COMMODITIES = [
    pytest.param(f"{TMK} is advancing the {FOO_LAKE}.", {("commodity", "Foo Lake", "lithium", None)},
                 id="lithium-project"),
    pytest.param(f"{TMK} is advancing the Crater Ridge copper-gold project.",
                 {("commodity", "Crater Ridge", "copper", None), ("commodity", "Crater Ridge", "gold", None)},
                 id="two-commodities"),
    pytest.param("The Bar aluminium smelter restarted its second potline.",
                 {("commodity", "Bar smelter", "aluminium", None)}, id="aluminium-smelter"),
    pytest.param("The Whitehorse nickel-cobalt mine produced more ore this year.",
                 {("commodity", "Whitehorse mine", "nickel", None),
                  ("commodity", "Whitehorse mine", "cobalt", None)}, id="nickel-cobalt-mine"),
    pytest.param(f"{TMK} is advancing the Crater Lake Scandium-Rare Earth project.",
                 {("commodity", "Crater Lake", "scandium", None),
                  ("commodity", "Crater Lake", "rare earth elements", None)}, id="capitalised-rare-earth"),
    pytest.param(f"{TMK} is advancing the Crater Lake scandium-rare earth project.",
                 {("commodity", "Crater Lake", "scandium", None),
                  ("commodity", "Crater Lake", "rare earth elements", None)}, id="lower-case-rare-earth"),
]


@pytest.mark.parametrize("text, expected", COMMODITIES)
def test_commodities_from_asset_names(text: str, expected: set[tuple]) -> None:
    check(text, expected, frozenset({"commodity"}))


# -- locations -------------------------------------------------------------------------

_KNOWS_SEPT_ILES = fold("Sept-Îles") in lexicon().places

LOCATIONS = [
    pytest.param(f"{TMK} operates the Bar smelter in Sept-Îles, Québec.",
                 {("locatedIn", "Bar smelter", "Sept-Îles", None)}, id="plant-in-town",
                 marks=pytest.mark.xfail(not _KNOWS_SEPT_ILES, reason="gazetteer", strict=True)),
    pytest.param(f"{TMK} operates the Bar smelter in Norway.",
                 {("locatedIn", "Bar smelter", "Norway", None)}, id="plant-in-country"),
    pytest.param(f"The {FOO_LAKE} is located in Chile.", {("locatedIn", "Foo Lake", "Chile", None)},
                 id="located-in"),
    pytest.param(f"{TMK} is headquartered in Chile.", {("locatedIn", TMK, "Chile", None)},
                 id="headquartered-in"),
    pytest.param(f"The {FOO_LAKE}, which is located in Canada, is owned by {TMK}",
                 {("locatedIn", "Foo Lake", "Canada", None)}, id="which-is-located-in"),
]


@pytest.mark.parametrize("text, expected", LOCATIONS)
def test_locations(text: str, expected: set[tuple]) -> None:
    check(text, expected, frozenset({"locatedIn"}))


@pytest.mark.skipif(not _KNOWS_SEPT_ILES, reason="gazetteer")
def test_place_chain_comes_from_the_gazetteer() -> None:
    ex = run(f"{TMK} operates the Bar smelter in Sept-Îles, Québec.")
    place = next(e for e in ex.entities.values() if e.label == "Sept-Îles")
    chain = []
    while place.parent:
        place = ex.entities[place.parent]
        chain.append(place.label)
    assert chain == ["Québec", "Canada"]


# -- state ownership typing ------------------------------------------------------------

@pytest.mark.parametrize("text, name, cls", [
    ("Northland Power Authority, a Provincial Crown Corporation, will supply electricity to the site.",
     "Northland Power Authority", "CrownCorporation"),
    ("Nunavik Development Corp., a Crown corporation, funds the new road.",
     "Nunavik Development Corp.", "CrownCorporation"),
    ("Andes Copper Company, a state-owned enterprise, runs two mines.",
     "Andes Copper Company", "StateOwnedEnterprise"),
])
def test_state_typing(text: str, name: str, cls: str) -> None:
    ex = run(text)
    (entity,) = [e for e in ex.entities.values() if e.label == name]
    assert cls in entity.classes


def test_a_well_known_alias_inside_another_name_adds_no_entity() -> None:
    ex = run("Hydro-Québec, a Provincial Crown Corporation, will supply power to the Bar smelter.")
    assert {e.label for e in ex.entities.values() if e.kind == "org"} == {"Hydro-Québec"}


def test_short_forms_are_only_names_the_text_uses_alone() -> None:
    ex = run("Imperial Mining Group Ltd. and Imperial Metals Corporation met today. "
             "Imperial Metals runs a mill.")
    aliases = {e.label: e.aliases for e in ex.entities.values() if e.kind == "org"}
    assert "Imperial Metals" in aliases["Imperial Metals Corporation"]
    assert all("Imperial" not in names for names in aliases.values())


# -- traps: text that must give no fact ------------------------------------------------

FLS_DOC = f"""Northcrest Lithium Reports Drill Results

VANCOUVER, British Columbia, March 4, 2024 (GLOBE NEWSWIRE) -- {NCL} (TSXV: NCL) reported assays today.

Forward-Looking Statements

The Company expects that {TMK} will acquire a 20% interest in {NCL} and that the two companies will sign a joint venture agreement.
"""

DISCLAIMER_DOC = f"""{NCL} (TSXV: NCL) reported assays today.

Neither the TSX Venture Exchange nor its Regulation Services Provider (as that term is defined in the policies of the TSX Venture Exchange) accepts responsibility for this release, in which {TMK} holds a 30% interest in {NCL}.
"""

TRAPS = [
    pytest.param(FLS_DOC, {("listedAs", NCL, "TSXV:NCL", None)}, id="forward-looking-section"),
    pytest.param(DISCLAIMER_DOC, {("listedAs", NCL, "TSXV:NCL", None)}, id="exchange-disclaimer"),
    pytest.param(f"{TMK} holds a 2% net smelter return royalty on the {FOO_LAKE}.", set(), id="royalty"),
    pytest.param(f"{TMK} holds a 1.5% NSR on the {FOO_LAKE}.", set(), id="royalty-nsr"),
    pytest.param(f"Drilling at the {FOO_LAKE} intersected 12 metres grading 1.2% Li2O.", set(),
                 id="ore-grade"),
]


@pytest.mark.parametrize("text, expected", TRAPS)
def test_traps(text: str, expected: set[tuple]) -> None:
    check(text, expected, ALL - {"commodity"})


@pytest.mark.parametrize("text", [
    f"{TMK} may earn up to 70% of the {FOO_LAKE} by spending $5 million.",
    f"{TMK} can acquire up to 70% of the {FOO_LAKE} under an option agreement with {BOR}",
    f"{TMK} has the option to acquire up to a 70% interest in the {FOO_LAKE}.",
])
def test_earn_in_gives_no_share(text: str) -> None:
    ex = run(text)
    assert [(f.predicate, f.share) for f in ex.facts
            if f.predicate in ("acquires", "ownsStakeIn", "subsidiaryOf") and f.share is not None] == []


# -- evidence --------------------------------------------------------------------------

def _all_texts() -> list[str]:
    texts = [p.values[0] for table in (LISTINGS, SUBSIDIARIES, STAKE_ROWS, ACQUISITIONS, PARTNERSHIPS,
                                       OFFICERS, COMMODITIES, LOCATIONS, TRAPS) for p in table]
    return texts + [p.read_text(encoding="utf-8") for p in sample_files()]


def test_evidence_offsets_slice_the_original_text() -> None:
    checked = 0
    for text in _all_texts():
        ex = run(text)
        for f in ex.facts:
            s = f.sentence
            assert re.sub(r"\s", " ", text[s.start:s.end]) == s.text, (f.rule, s)
            checked += 1
    assert checked > 100


def test_evidence_offsets_after_line_breaks() -> None:
    text = f"{TMK}\nholds a 40%\ninterest in {BOR}.\n\n{ARD} is a wholly-owned\nsubsidiary of {TMK}"
    ex = run(text)
    assert len(ex.facts) == 2
    for f in ex.facts:
        assert text[f.sentence.start:f.sentence.end].replace("\n", " ") == f.sentence.text


# -- percentages -----------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("6.67%", 6.67), ("40 %", 40.0), ("29 pct", 29.0), ("4 PCT", 4.0), ("50 per cent", 50.0),
    ("50-per-cent", 50.0), ("50 percent", 50.0), ("50 Percent", 50.0), ("12.5 per cent", 12.5),
    ("6,67 %", 6.67), ("100%-owned", 100.0), ("51 p.c.", 51.0), ("fifty percent", 50.0),
    ("twenty-five percent", 25.0), ("forty-nine per cent", 49.0), ("one hundred percent", 100.0),
    ("0.5%", 0.5), ("a 49.9% interest", 49.9),
])
def test_percent_value(text: str, value: float) -> None:
    assert percent_value(text) == value


@pytest.mark.parametrize("text", ["percent", "5 percentage points", "no share here", "1.2 g/t gold"])
def test_percent_value_refuses_text_without_a_percentage(text: str) -> None:
    assert PERCENT.search(text) is None
    with pytest.raises(ValueError):
        percent_value(text)


# -- sentences -------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Alcoa Inc. reported results. Rio Tinto plc said it agreed.",
     ["Alcoa Inc. reported results.", "Rio Tinto plc said it agreed."]),
    (f"{TMK} and {BOR} signed. The parties agreed.",
     [f"{TMK} and {BOR} signed.", "The parties agreed."]),
    ("The U.S. Department of Energy funded the plant. It opened in May.",
     ["The U.S. Department of Energy funded the plant.", "It opened in May."]),
    ("Sales in the U.S. rose 5%. Exports fell.", ["Sales in the U.S. rose 5%.", "Exports fell."]),
    (f"{TMK} Chief Executive Jane Roe spoke. She was brief.",
     [f"{TMK} Chief Executive Jane Roe spoke.", "She was brief."]),
    ("Alcoa Inc. The deal closed.", ["Alcoa Inc.", "The deal closed."]),
    ("Dr. Jane Roe, P.Geo., approved the data. She is a director.",
     ["Dr. Jane Roe, P.Geo., approved the data.", "She is a director."]),
    ("Production rose 5.5 per cent. Costs fell.", ["Production rose 5.5 per cent.", "Costs fell."]),
])
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected


def test_split_sentences_within_bounds() -> None:
    text = "Header. Alcoa Inc. bought a mill. It runs well. Footer."
    start = text.index("Alcoa")
    end = text.index(" Footer")
    assert [text[s:e] for s, e in split_sentences(text, start, end)] == [
        "Alcoa Inc. bought a mill.", "It runs well."]


# -- dates -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("MONTRÉAL, July 13, 2023 (GLOBE NEWSWIRE) --", date(2023, 7, 13)),
    ("TORONTO, Dec. 1, 2022 /CNW/ - x", date(2022, 12, 1)),
    ("Sept. 5, 2022", date(2022, 9, 5)),
    ("March 4 2024", date(2024, 3, 4)),
    ("Perth, 12 Jan 2024", date(2024, 1, 12)),
    ("5 September 2022", date(2022, 9, 5)),
    ("2021-11-30", date(2021, 11, 30)),
    ("9-MAR-1987 12:29:14.18", date(1987, 3, 9)),
    ("QUÉBEC, le 4 mars 2024 /CNW/", date(2024, 3, 4)),
    ("le 1er avril 2024", date(2024, 4, 1)),
    ("le 15 août 2023", date(2023, 8, 15)),
    ("Released 2020-01-02, amended July 13, 2023", date(2020, 1, 2)),
    ("Feb 30, 2023", None),
    ("no date here", None),
])
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


# -- cleanup ---------------------------------------------------------------------------

CLEAN_DOC = f"""Tamarack Metals Signs Offtake with Borealis

VANCOUVER, British Columbia, March 4, 2024 (GLOBE NEWSWIRE) -- {TMK} (TSX: TMK) signed an offtake agreement with {BOR}

About Tamarack Metals Inc.

{TMK} explores for lithium in Canada.

Forward-Looking Statements

This release holds forward-looking statements about {TMK} and its plans.

Neither the TSX nor its Regulation Services Provider accepts responsibility for the adequacy of this release.

For further information: Jane Roe, 555-0100
"""


def _sections(text: str) -> list[tuple[str, str]]:
    return [(p.section, text[p.start:p.end].strip().splitlines()[0]) for p in clean(text).paragraphs]


def test_clean_finds_headline_date_and_publisher() -> None:
    cleaned = clean(CLEAN_DOC)
    assert cleaned.title == "Tamarack Metals Signs Offtake with Borealis"
    assert cleaned.date == date(2024, 3, 4)
    assert cleaned.publisher == "GLOBE NEWSWIRE"


def test_clean_marks_paragraphs() -> None:
    sections = [s for s, _ in _sections(CLEAN_DOC)]
    assert sections == ["header", "body", "about", "about", "skip", "skip", "skip", "skip"]


def test_clean_marks_disclaimer_without_heading() -> None:
    text = DISCLAIMER_DOC
    assert [s for s, _ in _sections(text)] == ["body", "skip"]


@pytest.mark.parametrize("opener", [
    "Cautionary Note Regarding Forward-Looking Information: this release holds statements about plans.",
    "Forward-looking statements in this release are based on the views of management.",
    "Certain statements in this news release are forward-looking.",
    "This news release does not constitute an offer to sell securities.",
    "The TSX Venture Exchange has not reviewed and does not accept responsibility for this release.",
])
def test_clean_skips_boilerplate_openers(opener: str) -> None:
    text = f"{TMK} signed an offtake agreement with {BOR}\n\n{opener}\n"
    assert [s for s, _ in _sections(text)] == ["body", "skip"]


def test_clean_returns_to_body_after_the_next_heading() -> None:
    text = (f"{TMK} signed an offtake agreement with {BOR}\n\nForward-Looking Statements\n\n"
            f"Plans may change.\n\nAbout Borealis Copper\n\n{BOR} mines copper.\n")
    assert [s for s, _ in _sections(text)] == ["body", "skip", "skip", "about", "about"]


def test_clean_deletes_nothing() -> None:
    cleaned = clean(CLEAN_DOC)
    for a, b in zip(cleaned.paragraphs, cleaned.paragraphs[1:]):
        assert a.end <= b.start
        assert not CLEAN_DOC[a.end:b.start].strip()


# -- determinism -----------------------------------------------------------------------

def test_extraction_is_deterministic() -> None:
    text = CLEAN_DOC + "\n" + FLS_DOC
    first, second = list(quads(run(text))), list(quads(run(text)))
    assert first == second
    assert all(isinstance(q[3], URIRef) for q in first)
