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
