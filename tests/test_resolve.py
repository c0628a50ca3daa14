"""Cross-document entity resolution: exact, alias, ticker, guarded fuzzy, pins and forbids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import URIRef
from typer.testing import CliRunner

import oregraph.cli.resolve_cmds  # noqa: F401  (registers the command)
from oregraph.cli import app
from oregraph.graph.store import Store
from oregraph.ingest.emit import announcement_iri, quads
from oregraph.ingest.lexicon import slug
from oregraph.ingest.records import Announcement, Entity, Extraction, Fact, Sentence
from oregraph.ingest.resolve import (
    DEFAULT_RULES_FILE,
    ResolutionRules,
    ResolutionRulesError,
    fuzzy_match,
    load_rules,
    resolve,
    store_duplicates,
)

FIXTURES = Path(__file__).parent / "fixtures" / "resolve"
ID = "https://w3id.org/oregraph/id/"
NO_RULES = ResolutionRules()
runner = CliRunner()


def doc(*names: str | tuple[str, set[str]], listings: dict[str, str] | None = None, kind: str = "org",
        text: str = "") -> Extraction:
    """A hand-made extraction naming ``names`` (label, or (label, aliases)) with optional listings."""
    entities = {}
    sentence = Sentence(0, 1, "x")
    facts = []
    for item in names:
        label, aliases = (item, set()) if isinstance(item, str) else item
        key = f"{kind}-{slug(label)}"
        entities[key] = Entity(key=key, kind=kind, label=label, aliases=set(aliases), classes={"Company"})
        if listings and label in listings:
            facts.append(Fact("listedAs", key, listings[label], sentence, "test"))
    body = text or " / ".join(str(n) for n in names) + repr(listings)
    return Extraction(Announcement(text=body, source="urn:test:" + slug(body)), entities, facts, [sentence])


def ingest(store: Store, ex: Extraction, rules: ResolutionRules = NO_RULES):
    base = store.settings.base_iri
    res = resolve(store, ex, base, rules=rules)
    store.add_graph(str(announcement_iri(ex.announcement.content_hash, base)),
                    quads(ex, base=base, iris=res.iris, labels=res.labels))
    return res


@pytest.fixture
def store():
    st = Store.memory()
    yield st
    st.close()


def nodes(store: Store) -> set[str]:
    rows = store.select("SELECT DISTINCT ?e WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    return {str(r["e"]) for r in rows}


# ------------------------------------------------------------- merges

def test_same_normalised_name_is_one_node_without_a_reported_merge(store: Store) -> None:
    ingest(store, doc("Aluminerie Alouette Inc."))
    res = ingest(store, doc("Aluminerie Alouette inc."))
    assert res.iris == {"org-aluminerie-alouette": URIRef(ID + "org-aluminerie-alouette")}
    assert res.labels["org-aluminerie-alouette"] == "Aluminerie Alouette Inc."
    assert res.merges == []
    assert nodes(store) == {ID + "org-aluminerie-alouette"}


def test_alias_is_a_stored_full_name(store: Store) -> None:
    ingest(store, doc("Borealis"))
    res = ingest(store, doc(("National Atomic Company Borealis JSC", {"Borealis"})))
    assert [(m.name, m.iri) for m in res.merges] == [("National Atomic Company Borealis JSC", ID + "org-borealis")]
    assert res.merges[0].reason == "alias 'borealis'"


def test_a_parent_name_starting_the_name_is_not_an_alias_merge(store: Store) -> None:
    ingest(store, doc("BHP"))
    res = ingest(store, doc(("BHP Gold Mines Ltd", {"BHP"})))
    assert res.merges == []
    assert [n.iri for n in res.near_misses] == [ID + "org-bhp"]
    assert ingest(store, doc(("BHP Group Limited", {"BHP"}))).merges == [
        ("BHP Group Limited", ID + "org-bhp", "alias 'bhp'")]


def test_a_ticker_alias_merges_only_by_its_listing(store: Store) -> None:
    ingest(store, doc("BHP"))
    res = ingest(store, doc(("Securities Exchange", {"BHP"}), listings={"Securities Exchange": "ASX:BHP"}))
    assert res.merges == []


def test_two_short_names_alone_never_merge(store: Store) -> None:
    ingest(store, doc(("Kipawa Metals Inc.", {"Kipawa"})))
    res = ingest(store, doc(("Kipawa Energy Corp.", {"Kipawa"})))
    assert res.merges == []
    assert ID + "org-kipawa-energy" in nodes(store)


def test_ticker_and_exchange(store: Store) -> None:
    ingest(store, doc("Lac Sairs Resources Inc.", listings={"Lac Sairs Resources Inc.": "TSXV:LSR"}))
    res = ingest(store, doc("Sairs Mining Corp.", listings={"Sairs Mining Corp.": "TSXV:LSR"}))
    assert res.merges == [("Sairs Mining Corp.", ID + "org-lac-sairs-resources", "listing TSXV:LSR")]
    other_exchange = ingest(store, doc("Sairs Energy Corp.", listings={"Sairs Energy Corp.": "CSE:LSR"}))
    assert other_exchange.merges == []


def test_fuzzy_spelling_variant_merges_and_says_so(store: Store) -> None:
    ingest(store, doc("Nemaska Lithium Inc."))
    res = ingest(store, doc("Nemasca Lithium Inc."))
    assert [(m.name, m.iri) for m in res.merges] == [("Nemasca Lithium Inc.", ID + "org-nemaska-lithium")]
    assert res.merges[0].reason.startswith("fuzzy 86")
    assert nodes(store) == {ID + "org-nemaska-lithium"}


@pytest.mark.parametrize(("stored", "new"), [
    ("Imperial Metals Corporation", "Imperial Mining Group Ltd."),
    ("Québec Iron Ore Inc.", "Québec Lithium Corp"),
    ("Glencore plc", "Glencore International AG"),
    ("Rio Tinto", "Rio Tinto Alcan Inc."),
    ("Vale SA", "Valle SA"),
])
def test_guarded_fuzzy_never_merges_on_generic_words(store: Store, stored: str, new: str) -> None:
    ingest(store, doc(stored))
    res = ingest(store, doc(new))
    assert res.merges == []
    assert len(nodes(store)) == 2


def test_near_misses_explain_a_refusal(store: Store) -> None:
    ingest(store, doc("Imperial Metals Corporation"))
    res = ingest(store, doc("Imperial Mining Group Ltd."))
    assert [(n.iri, n.reason) for n in res.near_misses] == [
        (ID + "org-imperial-metals", "fuzzy 100 refused: different descriptive words: group, mining / metals")]


def test_ambiguous_candidates_merge_nothing(store: Store) -> None:
    for name in ("Nemaska Lithium Inc.", "Nemasko Lithium Inc."):  # two look-alikes stored without resolution
        ex = doc(name)
        store.add_graph(str(announcement_iri(ex.announcement.content_hash)), quads(ex))
    res = ingest(store, doc("Nemask Lithium Inc."))  # one letter from each
    assert res.merges == []
    assert {n.iri for n in res.near_misses} == {ID + "org-nemaska-lithium", ID + "org-nemasko-lithium"}
    assert all(n.reason.startswith("ambiguous: 2 stored entities match") for n in res.near_misses)


def test_kinds_do_not_merge(store: Store) -> None:
    ingest(store, doc("Lac Sairs", kind="project", text="the Lac Sairs project"))
    res = ingest(store, doc("Lac Sairs Inc."))
    assert res.merges == [] and ID + "org-lac-sairs" in nodes(store)


def test_people_merge_only_on_exact_names(store: Store) -> None:
    ingest(store, doc("Sophie Lavoie", kind="person"))
    res = ingest(store, doc("Sophie Lavoi", kind="person"))
    assert res.merges == []


# ------------------------------------------------------------ curated rules

def test_shipped_rules_file_is_a_header_only() -> None:
    lines = DEFAULT_RULES_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["action", "name", "target", "note"]
    assert load_rules().rules == []


def test_pin_forces_a_merge(store: Store) -> None:
    ingest(store, doc("Lac Sairs Resources Inc."))
    res = ingest(store, doc("Sairs Mining Corp."), load_rules(FIXTURES / "rules.tsv"))
    assert res.iris["org-sairs-mining"] == URIRef(ID + "org-lac-sairs-resources")
    assert res.labels["org-sairs-mining"] == "Lac Sairs Resources Inc."
    assert res.merges[0].reason.endswith("rules.tsv:3")
    assert ID + "org-sairs-mining" not in nodes(store)


def test_forbid_blocks_a_fuzzy_merge(store: Store) -> None:
    ingest(store, doc("Barrick Gold Corp."))
    assert fuzzy_match("Barrack Gold Corp.", "Barrick Gold Corp.")[1] is None  # it would merge without the rule
    res = ingest(store, doc("Barrack Gold Corp."), load_rules(FIXTURES / "rules.tsv"))
    assert res.merges == []
    assert [n.reason for n in res.near_misses] == [f"forbidden by {FIXTURES / 'rules.tsv'}:4"]
    assert ID + "org-barrack-gold" in nodes(store)


@pytest.mark.parametrize(("name", "problem"), [
    ("bad-header.tsv", "bad-header.tsv:1: the first line must be the header"),
    ("bad-action.tsv", "bad-action.tsv:2: action 'merge' is neither 'pin' nor 'forbid'"),
    ("bad-pin.tsv", "bad-pin.tsv:2: a pin's target is an entity id"),
    ("missing.tsv", "missing.tsv: no such resolution rules file"),
])
def test_bad_rules_files_name_file_line_and_problem(name: str, problem: str) -> None:
    with pytest.raises(ResolutionRulesError) as err:
        load_rules(FIXTURES / name)
    assert problem in str(err.value)


# --------------------------------------------------------- store and CLI

def test_store_duplicates_lists_look_alikes(store: Store) -> None:
    ingest(store, doc("Imperial Metals Corporation"))
    ingest(store, doc("Imperial Mining Group Ltd."))
    pairs = {(a, b): verdict for a, _, b, _, verdict in store_duplicates(store, ID)}
    assert pairs == {(ID + "org-imperial-metals", ID + "org-imperial-mining-group"):
                     "different descriptive words: metals / group, mining"}


def test_cli_resolve_report_for_announcements(tmp_path: Path) -> None:
    where = tmp_path / "store"
    with Store.open(where) as st:
        ingest(st, doc("Nemaska Lithium Inc."))
        ingest(st, doc("Imperial Metals Corporation"))
    result = runner.invoke(app, ["resolve-report", str(FIXTURES / "second.txt"), "--store", str(where), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    merged = {(r["name"], r["entity"]) for r in rows if r["outcome"] == "merged"}
    assert ("Nemasca Lithium Inc.", ID + "org-nemaska-lithium") in merged
    assert not [r for r in rows if r["outcome"] == "merged" and "imperial" in r["entity"]]
    # nothing was written
    with Store.open(where) as st:
        assert ID + "org-nemasca-lithium" not in nodes(st) and len(st.graphs()) == 2


def test_cli_resolve_report_store_and_bad_rules(tmp_path: Path) -> None:
    where = tmp_path / "store"
    with Store.open(where) as st:
        ingest(st, doc("Imperial Metals Corporation"))
        ingest(st, doc("Imperial Mining Group Ltd."))
    result = runner.invoke(app, ["resolve-report", "--store", str(where)])
    assert result.exit_code == 0 and "different descriptive words" in result.output and "(1 row)" in result.output
    bad = runner.invoke(app, ["resolve-report", "--store", str(where), "--rules", str(FIXTURES / "bad-action.tsv")])
    assert bad.exit_code == 1 and "Traceback" not in bad.output and "neither 'pin' nor 'forbid'" in bad.output


def test_the_resolution_file_setting_reaches_ingest(tmp_path: Path) -> None:
    """OREGRAPH_RESOLUTION_FILE (Settings.resolution_file) is read by the ingest path, not only by tests."""
    from oregraph.ingest.batch import ingest_paths
    from oregraph.settings import Settings

    rules = FIXTURES / "rules.tsv"
    with Store.memory(Settings(resolution_file=rules)) as st:
        first, second = tmp_path / "a.txt", tmp_path / "b.txt"
        first.write_text("Lac Sairs Resources Inc. reported drilling results from its property.\n",
                         encoding="utf-8")
        second.write_text("Sairs Mining Corp. reported drilling results from its property.\n",
                          encoding="utf-8")
        ingest_paths(st, [first])
        report = ingest_paths(st, [second])
        assert [(name, reason) for name, _, reason in report.merges] == \
            [("Sairs Mining Corp.", f"pinned by {rules}:3")]
        assert ID + "org-sairs-mining" not in nodes(st)


def test_a_batch_fuzzy_merges_with_what_it_wrote_earlier_in_the_run(tmp_path: Path) -> None:
    """The run's label index is kept current: a spelling variant later in the same batch merges."""
    from oregraph.ingest.batch import ingest_paths

    (tmp_path / "a.txt").write_text("Nemaska Lithium Inc. reported drilling results from its property.\n",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Nemasca Lithium Inc. reported assay results from its property.\n",
                                    encoding="utf-8")
    with Store.memory() as st:
        report = ingest_paths(st, [tmp_path / "a.txt", tmp_path / "b.txt"])
        assert [(name, reason.split(":")[0]) for name, _, reason in report.merges] == \
            [("Nemasca Lithium Inc.", "fuzzy 86")]
        assert ID + "org-nemasca-lithium" not in nodes(st)


def test_the_label_index_reads_a_kind_once_and_learns_what_is_written() -> None:
    from oregraph.ingest.resolve import LabelIndex

    with Store.memory() as st:
        ingest(st, doc("Nemaska Lithium Inc."))
        index = LabelIndex()
        prefix = ID + "org-"
        assert index.of_kind(st, prefix) == [(ID + "org-nemaska-lithium", "Nemaska Lithium Inc.")]
        ingest(st, doc("Whabouchi Mining Corp."))  # written behind the index's back: not re-read
        assert len(index.of_kind(st, prefix)) == 1
        index.add(ID + "org-whabouchi-mining", "Whabouchi Mining Corp.")
        index.add(ID + "facility-x", "X mine")  # another kind: not in this list
        assert [label for _, label in index.of_kind(st, prefix)] == ["Nemaska Lithium Inc.",
                                                                    "Whabouchi Mining Corp."]
