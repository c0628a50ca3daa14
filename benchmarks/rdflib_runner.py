"""Helpers run as child processes for the rdflib side of the comparison.

    python benchmarks/rdflib_runner.py query FILE.nq QUERY_NAME ENTITY_IDS REQUESTS
    python benchmarks/rdflib_runner.py serve FILE.nq PORT

``query`` loads the N-Quads into rdflib's in-memory ``Dataset`` (union default
graph), prints a JSON line with the load time, then runs the query REQUESTS
times and prints one JSON line with every duration. The parent kills it when
it overruns its time cap. ``serve`` loads the same data and serves it with
rdflib-endpoint (``SparqlEndpoint``) under uvicorn at ``/sparql``.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries  # noqa: E402


def load(path: str):
    from rdflib import Dataset

    warnings.simplefilter("ignore", DeprecationWarning)
    ds = Dataset(default_union=True)
    t = time.perf_counter()
    ds.parse(path, format="nquads")
    return ds, time.perf_counter() - t


def run_query(path: str, name: str, entity_ids: str, requests: int) -> None:
    ds, seconds = load(path)
    print(json.dumps({"loaded_seconds": round(seconds, 2)}), flush=True)
    targets = entity_ids.split(",")
    times, rows = [], None
    for i in range(requests):
        q = queries.text(name, targets[i % len(targets)])
        t = time.perf_counter()
        result = list(ds.query(q))
        times.append(time.perf_counter() - t)
        rows = len(result) if rows is None else rows  # the first target's answer
        print(json.dumps({"partial": times}), flush=True)
    from common import maxrss_mb
    print(json.dumps({"times": times, "rows": rows, "peak_rss_mb": maxrss_mb()}), flush=True)


def serve(path: str, port: int) -> None:
    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    ds, seconds = load(path)
    print(json.dumps({"loaded_seconds": round(seconds, 2)}), flush=True)
    app = SparqlEndpoint(graph=ds, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    if sys.argv[1] == "query":
        run_query(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    else:
        serve(sys.argv[2], int(sys.argv[3]))
