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


def test_export_makes_the_folder_and_leaves_no_partial_file(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder" / "graph.nq"
    assert invoke("export", "--store", store, "--format", "nquads", "-o", out).exit_code == 0
    assert out.stat().st_size > 0 and [p.name for p in out.parent.iterdir()] == ["graph.nq"]
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = invoke("export", "--store", store, "-o", blocked / "graph.trig")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.strip().startswith(f"error: cannot write {blocked / 'graph.trig'}")


def test_export_unknown_format_is_a_usage_error(store: Path) -> None:
    assert invoke("export", "--store", store, "--format", "rdfxml").exit_code == 2


# -- validate -------------------------------------------------------------------------

def test_validate_good_data(store: Path) -> None:
    result = invoke("validate", "--store", store)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.stdout


def test_validate_an_empty_store(tmp_path: Path) -> None:
    from oregraph.graph.store import Store

    Store.open(tmp_path / "empty").close()
    result = invoke("validate", "--store", tmp_path / "empty")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("command", [["validate"], ["query", "ASK {}"], ["owners", "x"], ["export"],
                                     ["check"], ["viz", "-o", "page.html"]])
def test_reading_commands_do_not_create_a_mistyped_store(tmp_path: Path, command: list[str]) -> None:
    where = tmp_path / "typo" / "store"
    result = invoke(*command, "--store", where)
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1].startswith(f"error: no store at {where}")
    assert not where.exists() and not where.parent.exists()


# -- limits -----------------------------------------------------------------------------

def test_query_max_rows_is_an_error_not_a_cut_answer(store: Path) -> None:
    every = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    result = invoke("query", every, "--store", store, "--max-rows", "5")
    assert result.exit_code == 1 and no_traceback(result)
    assert "more than 5 solutions" in result.stderr and "LIMIT 5" in result.stderr
    assert result.stdout == ""
    assert invoke("query", every + " LIMIT 5", "--store", store, "--max-rows", "5").exit_code == 0


def test_query_timeout(store: Path) -> None:
    product = "SELECT * WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . ?d ?t ?w }"
    result = invoke("query", product, "--store", store, "--timeout", "0.3", "--max-rows", "100000000")
    assert result.exit_code == 1 and no_traceback(result)
    assert "longer than the 0.3 s limit" in result.stderr


# -- the same commands on a remote store (a real Oxigraph server) -------------------------

from tests.test_remote_store import oxigraph_server  # noqa: E402,F401 - the server fixture


@pytest.fixture
def remote_chain(oxigraph_server: str, chain: Path) -> str:  # noqa: F811
    """The chain store's quads loaded into the Oxigraph server; its URL."""
    from oregraph.graph.store import Store

    with Store.open(chain) as local, Store.open(oxigraph_server) as remote:
        remote.update("CLEAR ALL")
        for graph in local.graphs():
            quads = local.oxigraph.quads_for_pattern(None, None, None, local_graph(graph))
            remote.add_graph(graph, list(quads))
    return oxigraph_server


def local_graph(iri: str):
    import pyoxigraph

    return pyoxigraph.NamedNode(iri)


def test_query_on_a_remote_store(remote_chain: str) -> None:
    result = invoke("query", STAKES, "--store", remote_chain, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"h": h, "s": s} for h, s in EXPECTED_STAKES]
    ask = invoke("query", OG_PREFIX + "ASK { ?a og:subsidiaryOf ?b }", "--store", remote_chain)
    assert ask.stdout.strip() == "true"


def test_export_and_validate_on_a_remote_store(remote_chain: str, chain: Path) -> None:
    result = invoke("export", "--store", remote_chain, "--format", "nquads")
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(data=result.stdout, format="nquads")
    assert _quads(ds) == _quads(_reference(chain))
    valid = invoke("validate", "--store", remote_chain)
    assert valid.exit_code == 0, valid.output
    assert "conforms" in valid.stdout


def test_unreachable_remote_store_is_one_error_line() -> None:
    result = invoke("query", "ASK {}", "--store", "http://127.0.0.1:9")
    assert result.exit_code == 1 and no_traceback(result)
    assert result.stderr.startswith("error: cannot reach the SPARQL server at http://127.0.0.1:9")
