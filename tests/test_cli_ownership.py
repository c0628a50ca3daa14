"""The `oregraph owners` and `holdings` command, run in-process: exit codes, output and files written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli_helpers import invoke, no_traceback

# rdflib's own parsers and serialisers warn about its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


# -- owners and holdings --------------------------------------------------------------
# chain.txt: Alder Mining Inc. is a wholly-owned subsidiary of Birch Holdings Corp.;
# Alder holds 40% of Cedar Copper Ltd., which operates the Dunmore copper mine.
# By hand: Birch holds 100% x 40% = 40% of Cedar, and of the mine Cedar operates.

def test_owners_json(store: Path) -> None:
    result = invoke("owners", "Cedar Copper Ltd.", "--store", store, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["entity"]["id"] == "org-cedar-copper"
    assert [(d["id"], d["share"]) for d in data["direct"]] == [("org-alder-mining", 40.0)]
    assert [(u["id"], u["effective_share"], u["paths"]) for u in data["ultimate"]] == [
        ("org-birch-holdings", 40.0, [["org-birch-holdings", "org-alder-mining", "org-cedar-copper"]])]


def test_owners_of_the_subsidiary(store: Path) -> None:
    result = invoke("owners", "org-alder-mining", "--store", store, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(d["id"], d["share"]) for d in data["direct"]] == [("org-birch-holdings", 100.0)]
    assert [(u["id"], u["effective_share"]) for u in data["ultimate"]] == [("org-birch-holdings", 100.0)]


def test_holdings_json(store: Path) -> None:
    result = invoke("holdings", "Birch Holdings Corp.", "--store", store, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(d["id"], d["share"]) for d in data["direct"]] == [("org-alder-mining", 100.0)]
    effective = {u["id"]: u["effective_share"] for u in data["ultimate"]}
    assert effective == {"org-alder-mining": 100.0, "org-cedar-copper": 40.0, "facility-dunmore": 40.0}


def test_owners_table(store: Path) -> None:
    result = invoke("owners", "Cedar Copper", "--store", store)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.splitlines()[0] == "Cedar Copper Ltd. (org-cedar-copper)"
    assert re.search(r"40%\s+Alder Mining Inc\. \(org-alder-mining\)", out)
    assert re.search(r"40%\s+Birch Holdings Corp\. \(org-birch-holdings\)", out)
    assert "path: org-birch-holdings -> org-alder-mining -> org-cedar-copper" in out


@pytest.mark.parametrize("command", ["owners", "holdings", "viz"])
def test_unknown_entity_is_one_error_line(store: Path, command: str, tmp_path: Path) -> None:
    extra = ["-o", tmp_path / "x.html"] if command == "viz" else []
    result = invoke(command, "Nonexistent Smelting Plc", "--store", store, *extra)
    assert result.exit_code == 1
    assert no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Nonexistent Smelting Plc" in lines[0]
    assert not (tmp_path / "x.html").exists()


# -- the analytics commands over a hand-built store ---------------------------------------

import sys  # noqa: E402

from oregraph.graph.store import Store  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graph_fixtures import alouette_chain, stakes_announcement, state_two_levels  # noqa: E402


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Alouette chain, the Nordland state fixture and a dated stake history, in a store folder."""
    where = tmp_path_factory.mktemp("analytics") / "store"
    with Store.open(where) as st:
        alouette_chain(st)
        state_two_levels(st)
        stakes_announcement(st, "early", [("alpha", "beta", 20)], date="2021-01-01")
        stakes_announcement(st, "late", [("alpha", "beta", 45), ("gamma", "beta", 60)], date="2024-09-01")
    return where


def test_owners_as_of(built: Path) -> None:
    now = json.loads(invoke("owners", "org-beta", "--store", built, "--json").stdout)
    assert {u["id"]: u["effective_share"] for u in now["ultimate"]} == {"org-gamma": 60.0, "org-alpha": 45.0}
    assert [c["id"] for c in now["ultimate_controllers"]] == ["org-gamma"]
    then = json.loads(invoke("owners", "org-beta", "--store", built, "--json", "--as-of", "2022-01-01").stdout)
    assert then["as_of"] == "2022-01-01"
    assert {u["id"]: u["effective_share"] for u in then["ultimate"]} == {"org-alpha": 20.0}
    bad = invoke("owners", "org-beta", "--store", built, "--as-of", "soon")
    assert bad.exit_code == 1 and no_traceback(bad) and "YYYY-MM-DD" in bad.stderr


def test_holdings_by_commodity(built: Path) -> None:
    result = invoke("holdings", "Province of Nordland", "--store", built, "--by", "commodity")
    assert result.exit_code == 0, result.output
    assert "nickel (commodity-nickel): 1" in result.stdout
    assert re.search(r"18\.25%\s+Boreal Nickel Mine \(facility-boreal-nickel\)", result.stdout)
    assert invoke("holdings", "Province of Nordland", "--store", built, "--by", "colour").exit_code == 2


def test_state_table_and_json(built: Path) -> None:
    result = invoke("state", "Alouette", "--store", built)
    assert result.exit_code == 0, result.output
    assert "state share 6.67%" in result.stdout
    assert ("path: org-gouvernement-du-quebec -> org-investissement-quebec -> org-albecour -> "
            "org-aluminerie-alouette") in result.stdout
    data = json.loads(invoke("state", "facility-boreal-nickel", "--store", built, "--json").stdout)
    assert data["total_share"] == 28.25
    assert [(g["id"], g["identified"]) for g in data["governments"]] == [
        ("org-province-of-nordland", True), ("org-andes-copper", False)]


def test_path_and_partners(built: Path) -> None:
    result = invoke("path", "org-gouvernement-du-quebec", "org-imperial-mining-group", "--store", built, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ids"] == [
        "org-gouvernement-du-quebec", "org-investissement-quebec", "org-albecour", "org-imperial-mining-group"]
    none = invoke("path", "org-gouvernement-du-quebec", "org-imperial-mining-group", "--store", built,
                  "--stakes-only")
    assert none.exit_code == 1 and no_traceback(none) and none.stderr.startswith("error: no chain of stakes")
    table = invoke("partners", "Albecour", "--store", built)
    assert "MemorandumOfUnderstanding, signed; signed 2023-07-13; announced 2023-08-01" in table.stdout


def test_changes_since(built: Path) -> None:
    result = invoke("changes", "--since", "2024-01-01", "--store", built, "--json")
    assert result.exit_code == 0, result.output
    found = [(c["date"], c["change"], c["subjects"]) for c in json.loads(result.stdout)]
    assert ("2024-09-01", "changed", ["org-alpha", "org-beta"]) in found
    assert ("2024-02-01", "new", ["org-nordland-minerals", "facility-boreal-nickel"]) in found
    assert all(date >= "2024-01-01" for date, _, _ in found)
    table = invoke("changes", "--since", "2024-09-01", "--store", built)
    assert "stake: Alpha holds 45% of Beta (was 20% on 2021-01-01)" in table.stdout


def test_check_exit_code_follows_errors(built: Path) -> None:
    result = invoke("check", "--store", built, "--json")
    assert result.exit_code == 1  # Beta is held 45% + 60%
    data = json.loads(result.stdout)
    assert data["counts"]["over_100"] == 1 and not data["ok"]
    clean = invoke("check", "--store", built, "--as-of", "2023-12-31")
    assert clean.exit_code == 0, clean.output


def test_export_graph_files(built: Path, tmp_path: Path) -> None:
    import networkx as nx

    for fmt, reader in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        out = tmp_path / f"g.{fmt}"
        result = invoke("export-graph", "--store", built, "--format", fmt, "-o", out, "--partners")
        assert result.exit_code == 0, result.output
        graph = reader(out)
        assert graph.number_of_edges() > 5 and f"wrote {out}" in result.stderr
    assert invoke("export-graph", "--store", built, "--format", "dot").exit_code == 2
