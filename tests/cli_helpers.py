"""Shared pieces of the CLI tests (tests/test_cli_*.py): the in-process runner and fixture paths."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rdflib import URIRef
from typer.testing import CliRunner

from oregraph.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
RELEASES = sorted(FIXTURES.glob("*.txt"))
CHAIN = FIXTURES / "ownership" / "chain.txt"
ID = "https://w3id.org/oregraph/id/"
OG_PREFIX = "PREFIX og: <https://w3id.org/oregraph/ontology#>\n"
SUMMARY = re.compile(r"^read (\d+), ingested (\d+), skipped (\d+) \(already ingested\), "
                     r"failed (\d+); (\d+) quads added$", re.M)

runner = CliRunner()


def invoke(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def no_traceback(result) -> bool:
    return "Traceback" not in result.output and (
        result.exception is None or isinstance(result.exception, SystemExit))


def count_quads(store: Path) -> int:
    result = invoke("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                    "--store", store, "--format", "json")
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)[0]["n"])

ALDER, BIRCH = URIRef(ID + "org-alder-mining"), URIRef(ID + "org-birch-holdings")
