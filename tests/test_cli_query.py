"""The `oregraph query`, `export` and `validate` command, run in-process: exit codes, output and files written."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from oregraph.ontology import OG
from tests.cli_helpers import ALDER, BIRCH, ID, OG_PREFIX, count_quads, invoke, no_traceback

# rdflib's own parsers and serialisers warn about its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


# -- query ----------------------------------------------------------------------------

STAKES = OG_PREFIX + "SELECT ?h ?s WHERE { ?x og:holder ?h ; og:share ?s } ORDER BY ?h"
EXPECTED_STAKES = [  # holder, share: Birch owns Alder outright, Alder holds 40% of Cedar
    [ID + "org-alder-mining", "40"], [ID + "org-birch-holdings", "100"],
]


def test_query_table(chain: Path) -> None:
    result = invoke("query", STAKES, "--store", chain)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["h", "s"]
    assert set(lines[1]) == {"-", " "}
    assert [ln.split() for ln in lines[2:-1]] == EXPECTED_STAKES
    assert lines[-1] == "(2 rows)"


@pytest.mark.parametrize("fmt, delimiter", [("csv", ","), ("tsv", "\t")])
def test_query_csv_tsv(chain: Path, fmt: str, delimiter: str) -> None:
    result = invoke("query", STAKES, "--store", chain, "--format", fmt)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter=delimiter))
    assert rows == [["h", "s"], *EXPECTED_STAKES]


def test_query_json(chain: Path) -> None:
    result = invoke("query", STAKES, "--store", chain, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"h": h, "s": s} for h, s in EXPECTED_STAKES]


@pytest.mark.parametrize("ask, answer", [
    (OG_PREFIX + "ASK { ?a og:subsidiaryOf ?b }", "true"),
    (OG_PREFIX + "ASK { ?a og:acquires ?b }", "false"),
])
def test_query_ask(chain: Path, ask: str, answer: str) -> None:
    result = invoke("query", ask, "--store", chain)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == answer


def test_query_from_file(chain: Path, tmp_path: Path) -> None:
    path = tmp_path / "stakes.rq"
    path.write_text(STAKES, encoding="utf-8")
    result = invoke("query", "--file", path, "--store", chain, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"h": h, "s": s} for h, s in EXPECTED_STAKES]


def test_query_construct_prints_turtle(chain: Path) -> None:
    result = invoke("query", OG_PREFIX + "CONSTRUCT { ?a og:subsidiaryOf ?b } WHERE { ?a og:subsidiaryOf ?b }",
                    "--store", chain)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert set(graph) == {(ALDER, OG.subsidiaryOf, BIRCH)}


def test_query_needs_exactly_one_source(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("ASK {}", encoding="utf-8")
    assert invoke("query", "--store", store).exit_code == 2
    assert invoke("query", "ASK {}", "--file", path, "--store", store).exit_code == 2


@pytest.mark.parametrize("bad", [
    pytest.param("SELEC * WHERE { ?s ?p ?o }", id="keyword"),
    pytest.param("SELECT * WHERE { ?s ?p }", id="triple"),
    pytest.param("SELECT ?x WHERE {", id="unclosed-brace"),
    pytest.param(OG_PREFIX + "INSERT DATA { og:a og:b og:c }", id="update"),
])
def test_query_bad_sparql_is_one_error_line(store: Path, bad: str) -> None:
    result = invoke("query", bad, "--store", store)
    assert result.exit_code == 1
    assert no_traceback(result)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr


# -- export ---------------------------------------------------------------------------

def _reference(store: Path) -> Dataset:
    result = invoke("export", "--store", store, "--format", "nquads")
    assert result.exit_code == 0
    ds = Dataset()
    ds.parse(data=result.stdout, format="nquads")
    return ds


def _quads(ds: Dataset) -> set[tuple]:
    return {(s, p, o, g.identifier if hasattr(g, "identifier") else g)
            for s, p, o, g in ds.quads((None, None, None, None))}


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_export_keeps_named_graphs(store: Path, fmt: str, rdflib_format: str) -> None:
    reference = _quads(_reference(store))
    assert len(reference) == count_quads(store)
    result = invoke("export", "--store", store, "--format", fmt)
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(data=result.stdout, format=rdflib_format)
    assert _quads(ds) == reference


def test_export_turtle_is_the_union(store: Path) -> None:
    reference = {(s, p, o) for s, p, o, _ in _quads(_reference(store))}
    result = invoke("export", "--store", store, "--format", "turtle")
    assert result.exit_code == 0, result.output
    assert set(Graph().parse(data=result.stdout, format="turtle")) == reference


def test_export_to_a_file(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig"
    result = invoke("export", "--store", store, "--format", "trig", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.stderr
    ds = Dataset()
    ds.parse(out, format="trig")
    assert len(_quads(ds)) == count_quads(store)


def test_export_unknown_format_is_a_usage_error(store: Path) -> None:
    assert invoke("export", "--store", store, "--format", "rdfxml").exit_code == 2


# -- validate -------------------------------------------------------------------------

def test_validate_good_data(store: Path) -> None:
    result = invoke("validate", "--store", store)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_validate_an_empty_store(tmp_path: Path) -> None:
    result = invoke("validate", "--store", tmp_path / "empty")
    assert result.exit_code == 0, result.output
