"""``oregraph evaluate`` and the library under it: gold files, matching rules, figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from typer.testing import CliRunner

import oregraph.cli.evaluate_cmds  # noqa: F401  (registers the command)
from oregraph.cli import app
from oregraph.ingest.evaluate import (
    EvaluationError,
    GoldFormatError,
    aggregate,
    evaluate_folder,
    load_gold,
    normalise_listing,
    normalise_name,
    parse_gold,
    predicted_from_quads,
    score,
)
from oregraph.ontology import OG

FIXTURES = Path(__file__).parent / "fixtures" / "evaluate"
ID = "https://w3id.org/oregraph/id/"
runner = CliRunner()


def node(name: str) -> URIRef:
    return URIRef(ID + name)


def labelled(**names: str) -> list[tuple]:
    return [(node(k), RDFS.label, Literal(v)) for k, v in names.items()]


def gold_of(facts: list[dict], entities: list[dict] | None = None) -> object:
    return parse_gold({"doc": "t", "entities": entities or [], "facts": facts}, "t.gold.json")


# ----------------------------------------------------------- normalising

@pytest.mark.parametrize(("a", "b"), [
    ("Albecour Inc.", "albecour"), ("The Imperial Mining Group Ltd.", "Imperial Mining Group"),
    ("Sept-Îles", "Sept Iles"), ("aluminum", "Aluminium"), ("Rare earths", "rare earth elements"),
    ("AMAG Austria Metall AG", "AMAG Austria Metall"),
])
def test_names_that_are_the_same(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(("a", "b"), [("Imperial Metals", "Imperial Mining"), ("Inc.", "Ltd."),
                                      ("Kamoto Copper", "Kamoto Copper Mine")])
def test_names_that_differ(a: str, b: str) -> None:
    assert normalise_name(a) != normalise_name(b)


@pytest.mark.parametrize(("written", "code"), [("TSX Venture Exchange:IPG", "TSXV:IPG"), ("TSXV: ipg", "TSXV:IPG"),
                                               ("OTC Pink:ABCD", "OTC:ABCD"), ("NYSE American: XYZ", "NYSEAMERICAN:XYZ")])
def test_listing_strings(written: str, code: str) -> None:
    assert normalise_listing(written) == code


# --------------------------------------------------------------- matching

def test_a_match_a_miss_and_an_extra() -> None:
    quads = [*labelled(a="Albecour Inc.", b="Investissement Québec", c="Hydro-Québec"),
             (node("a"), SKOS.altLabel, Literal("Albecour")),
             (node("a"), OG.subsidiaryOf, node("b")),
             (node("c"), OG.operates, node("a"))]
    gold = gold_of([{"s": "Albecour", "p": "subsidiaryOf", "o": "Investissement Quebec"},
                    {"s": "Albecour", "p": "ownsStakeIn", "o": "Aluminerie Alouette Inc.", "share": 6.67}])
    result = score(gold, predicted_from_quads(quads))
    assert (result.counts["subsidiaryOf"].tp, result.counts["ownsStakeIn"].fn, result.counts["operates"].fp) == (1, 1, 1)
    assert result.missed == ["Albecour --ownsStakeIn--> Aluminerie Alouette Inc."]
    assert result.extra == ["hydro quebec --operates--> albecour"]


def test_partner_of_is_symmetric_and_agreement_is_checked() -> None:
    agreement = node("agreement-1")
    quads = [*labelled(a="Imperial Mining Group Ltd.", b="Albecour Inc."),
             (node("a"), OG.partnerOf, node("b")), (node("b"), OG.partnerOf, node("a")),
             (agreement, RDF.type, OG.LetterOfIntent), (agreement, OG.party, node("a")),
             (agreement, OG.party, node("b"))]
    gold = gold_of([{"s": "Albecour Inc.", "p": "partnerOf", "o": "Imperial Mining Group", "agreement": "MOU"}])
    result = score(gold, predicted_from_quads(quads))
    assert result.counts["partnerOf"].tp == 1 and result.counts["partnerOf"].fp == 0  # written both ways, one fact
    assert result.qualifiers["agreement"] == [0, 1]  # an LOI is not the MOU the gold says


def test_a_pair_stated_with_two_agreements_is_judged_by_the_one_predicted() -> None:
    agreement = node("agreement-1")
    quads = [*labelled(a="Tarnwick Lithium Corp", b="Orvik Trading Co"),
             (node("a"), OG.partnerOf, node("b")),
             (agreement, RDF.type, OG.OfftakeAgreement), (agreement, OG.party, node("a")),
             (agreement, OG.party, node("b"))]
    facts = [
        {"s": "Tarnwick Lithium Corp", "p": "partnerOf", "o": "Orvik Trading Co", "agreement": "StrategicInvestment"},
        {"s": "Tarnwick Lithium Corp", "p": "partnerOf", "o": "Orvik Trading Co", "agreement": "Offtake"},
    ]
    # whatever the order of the gold facts and of the quads, the offtake is matched, the investment missed
    for gold_facts in (facts, facts[::-1]):
        for ordered in (quads, quads[::-1]):
            result = score(gold_of(gold_facts), predicted_from_quads(ordered))
            assert result.counts["partnerOf"].tp == 1 and result.counts["partnerOf"].fn == 1
            assert result.qualifiers["agreement"] == [1, 1]


def test_located_in_matches_up_the_place_chain_and_links_are_neutral() -> None:
    quads = [*labelled(m="Lac Sairs mine", city="Rouyn-Noranda", qc="Québec"),
             (node("city"), RDF.type, OG.Place), (node("city"), OG.locatedIn, node("qc")),
             (node("m"), OG.locatedIn, node("city"))]
    result = score(gold_of([{"s": "Lac Sairs mine", "p": "locatedIn", "o": "Quebec"}]), predicted_from_quads(quads))
    assert (result.counts["locatedIn"].tp, result.counts["locatedIn"].fp) == (1, 0)


def test_listing_and_share_tolerance() -> None:
    listing, stake = node("listing-tsxv-nrd"), node("stake-1")
    quads = [*labelled(n="Nordet Minerals Ltd.", b="Boreal Holdings Corp."),
             (node("n"), OG.listing, listing), (listing, OG.exchange, Literal("TSXV")),
             (listing, OG.ticker, Literal("NRD")),
             (node("n"), OG.subsidiaryOf, node("b")), (node("b"), OG.ownsStakeIn, node("n")),
             (stake, OG.holder, node("b")), (stake, OG.held, node("n")), (stake, OG.share, Literal(66.67))]
    gold = gold_of([{"s": "Nordet Minerals", "p": "listedAs", "o": "TSX Venture Exchange: NRD"},
                    {"s": "Nordet Minerals", "p": "subsidiaryOf", "o": "Boreal Holdings", "share": 66.676}])
    result = score(gold, predicted_from_quads(quads))
    assert result.total().tp == 2 and result.total().fp == 0  # the twin ownsStakeIn is not an extra
    assert result.qualifiers["share"] == [1, 1]
    gold_far = gold_of([{"s": "Nordet Minerals", "p": "subsidiaryOf", "o": "Boreal Holdings", "share": 66.7}])
    assert score(gold_far, predicted_from_quads(quads)).qualifiers["share"] == [0, 1]


def test_one_predicted_fact_matches_one_gold_fact() -> None:
    """Two gold facts that both match the only prediction: one hit, one miss."""
    quads = [*labelled(a="Rio Tinto", b="Alouette"), (node("b"), SKOS.altLabel, Literal("Aluminerie Alouette")),
             (node("a"), OG.ownsStakeIn, node("b"))]
    gold = gold_of([{"s": "Rio Tinto", "p": "ownsStakeIn", "o": "Alouette"},
                    {"s": "Rio Tinto", "p": "ownsStakeIn", "o": "Aluminerie Alouette"}])
    counts = score(gold, predicted_from_quads(quads)).counts["ownsStakeIn"]
    assert (counts.tp, counts.fn, counts.fp) == (1, 1, 0)


def test_entity_types_accept_subclasses() -> None:
    quads = [*labelled(iq="Investissement Québec", b="Albecour Inc."), (node("iq"), RDF.type, OG.CrownCorporation),
             (node("b"), RDF.type, OG.Company), (node("b"), OG.subsidiaryOf, node("iq"))]
    gold = gold_of([{"s": "Albecour Inc.", "p": "subsidiaryOf", "o": "Investissement Québec"}],
                   [{"name": "Investissement Québec", "type": "StateOwnedEnterprise"},
                    {"name": "Albecour Inc.", "type": "Plant"}])
    assert score(gold, predicted_from_quads(quads)).types == {"StateOwnedEnterprise": [1, 1], "Plant": [0, 1]}


def test_aggregate_sums_documents() -> None:
    quads = [*labelled(a="A Corp.", b="B Corp."), (node("a"), OG.subsidiaryOf, node("b"))]
    hit = score(gold_of([{"s": "A", "p": "subsidiaryOf", "o": "B"}]), predicted_from_quads(quads))
    miss = score(gold_of([{"s": "C", "p": "subsidiaryOf", "o": "B"}]), predicted_from_quads(quads))
    report = aggregate([hit, miss])
    assert (report.micro.tp, report.micro.fp, report.micro.fn) == (1, 1, 1)
    assert report.micro.precision == 0.5 and report.micro.recall == 0.5 and report.micro.f1 == 0.5


# ------------------------------------------------------------ gold files

@pytest.mark.parametrize(("content", "problem"), [
    ("[1, 2]", "not a JSON object"),
    ('{"entities": []}', 'no "facts" list'),
    ('{"facts": [{"s": "A", "p": "owns", "o": "B"}]}', "unknown relation 'owns'"),
    ('{"facts": [{"s": "A", "p": "ownsStakeIn"}]}', 'fact 1 needs "s", "p" and "o"'),
    ('{"facts": [{"s": "A", "p": "ownsStakeIn", "o": "B", "share": "half"}]}', "share 'half' is not a number"),
    ('{"facts": [{"s": "A", "p": "ownsStakeIn", "o": "B", "share": 140}]}', "not a percentage"),
    ('{"entities": [{"type": "Company"}], "facts": []}', 'entity 1 has no "name"'),
])
def test_malformed_gold_names_file_and_problem(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "doc.gold.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError) as err:
        load_gold(path)
    assert str(path) in str(err.value) and problem in str(err.value)


def test_folder_without_gold(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Nothing to see.", encoding="utf-8")
    with pytest.raises(EvaluationError, match="no \\*.gold.json files"):
        evaluate_folder(tmp_path)


# -------------------------------------------------------------------- CLI

def test_cli_table_and_verbose() -> None:
    result = runner.invoke(app, ["evaluate", str(FIXTURES / "corpus"), "--verbose"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    micro = next(line for line in lines if line.startswith("micro "))
    gold, tp, fp, fn = map(int, micro.split()[1:5])
    assert gold == 3 and tp + fn == 3  # three gold facts, the unannotated text is not scored
    assert sum(1 for line in lines if line.startswith("alpha: missed")) == fn
    assert sum(1 for line in lines if line.startswith("alpha: extra")) == fp
    assert lines[-1].startswith("micro-F1 ") and lines[-1].endswith("over 1 documents")


def test_cli_json_agrees_with_library() -> None:
    result = runner.invoke(app, ["evaluate", str(FIXTURES / "corpus"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    library = evaluate_folder(FIXTURES / "corpus")
    assert data["micro"] == library.micro.as_dict()
    assert data["relations"]["subsidiaryOf"]["gold"] == 1 and data["documents"] == 1
    assert "per_document" not in data
    verbose = json.loads(runner.invoke(app, ["evaluate", str(FIXTURES / "corpus"), "--json", "--verbose"]).output)
    assert set(verbose["per_document"]) == {"alpha"}


def test_cli_malformed_gold_is_one_line() -> None:
    result = runner.invoke(app, ["evaluate", str(FIXTURES / "malformed")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "broken.gold.json: not valid JSON" in result.output


def test_cli_no_gold_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", str(tmp_path)])
    assert result.exit_code == 1 and "no *.gold.json files" in result.output


def test_cli_gold_without_text_counts_as_missed_and_exits_1() -> None:
    result = runner.invoke(app, ["evaluate", str(FIXTURES / "orphan")])
    assert result.exit_code == 1
    assert "error: lonely: no text at" in result.output
    assert "micro-F1 0.000" in result.output
