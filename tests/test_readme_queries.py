"""Every SPARQL query in README.md's "Querying" section runs on the bundled samples.

The store is built once for this module from ``oregraph.ingest.samples`` (the
data of ``make demo``). Each query must parse and return rows; the ``ASK`` must
be true. The same queries also run through ``/sparql`` with the prefixes
spelled out, as a client elsewhere would send them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from oregraph.graph.store import Store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.samples import sample_files
from oregraph.settings import Settings

README = Path(__file__).resolve().parent.parent / "README.md"


def _section(text: str, heading: str) -> str:
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + len(heading) + 2)
    return text[start:end if end != -1 else len(text)]


QUERIES = re.findall(r"```sparql\n(.*?)```", _section(README.read_text(encoding="utf-8"), "## Querying"), re.S)
PROLOGUE = QUERIES[0].split("ASK")[0]  # the PREFIX block shown for use elsewhere


def _title(query: str) -> str:
    first = query.strip().splitlines()[0]
    return first.lstrip("# ").split(".")[0] if first.startswith("#") else "prefixes"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    settings = Settings(store=str(tmp_path_factory.mktemp("readme") / "store"))
    store = Store.memory(settings)
    report = ingest_paths(store, sample_files())
    assert report.ok and len(report.ingested) == len(sample_files()), report.failed
    yield store
    store.close()


def test_the_section_has_at_least_ten_questions() -> None:
    numbered = [q for q in QUERIES if re.match(r"# \d+\. ", q)]
    assert len(numbered) >= 10
    assert "PREFIX og:" in PROLOGUE


@pytest.mark.parametrize("query", QUERIES, ids=[_title(q) for q in QUERIES])
def test_readme_query_returns_rows(demo: Store, query: str) -> None:
    result = demo.query(query)
    if isinstance(result, ox.QueryBoolean):
        assert bool(result)
        return
    assert isinstance(result, ox.QuerySolutions), "README queries are SELECT or ASK"
    variables = [v.value for v in result.variables]
    rows = list(result)
    assert rows, f"no rows for: {_title(query)}"
    # every projected column is bound in at least one row (no misspelt variable)
    for name in variables:
        assert any(row[name] is not None for row in rows), f"?{name} is never bound"


@pytest.mark.parametrize("query", QUERIES[1:4], ids=[_title(q) for q in QUERIES[1:4]])
def test_readme_queries_run_over_http_with_explicit_prefixes(demo: Store, query: str) -> None:
    from oregraph.api import create_app

    client = TestClient(create_app(demo.settings, demo))
    response = client.post("/sparql", data={"query": PROLOGUE + query})
    assert response.status_code == 200, response.text
    assert response.json()["results"]["bindings"]
