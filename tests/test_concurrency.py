"""Concurrency and load: queries keep answering, and see whole announcements, while an
ingest writes; the API serves a burst of concurrent requests without an error.

Embedded Oxigraph allows one writing process, so the ingest here is a thread
of the test process writing to the same :class:`Store` the readers query.
The load test serves the app with uvicorn on loopback in a thread and sends a
fixed number of requests from a few client threads; it prints the p95 latency
and asserts nothing about time (timing targets belong in ``benchmarks/``).
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn

from oregraph.api import create_app
from oregraph.graph import entities
from oregraph.graph.store import Store
from oregraph.ingest.batch import ingest_paths
from oregraph.settings import Settings
from tests.graph_fixtures import alouette_chain

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

OG = "https://w3id.org/oregraph/ontology#"
TOKEN = "load-test-token-0123456789"
PER_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
TREES = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ivy", "Juniper"]


def _release(i: int) -> str:
    buyer = f"{TREES[i % len(TREES)]} {i} Mining Ltd."
    held = f"{TREES[(i + 3) % len(TREES)]} {i} Holdings Inc."
    return (f"TORONTO, March {1 + i % 28}, 2025 - {buyer} announced today that it has acquired "
            f"{10 + i % 80}% of {held}, which operates the {TREES[i % len(TREES)]} {i} mine in "
            f"Ontario, Canada.\n")


def _folder(where: Path, count: int) -> Path:
    where.mkdir()
    for i in range(count):
        (where / f"r-{i:03d}.txt").write_text(_release(i), encoding="utf-8")
    return where


def _run_threads(targets: list[Callable[[], None]]) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(target: Callable[[], None]) -> None:
        try:
            target()
        except BaseException as exc:  # reported by the test, with the others
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(t,)) for t in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return errors


# -- in-process: one writer thread, several readers ---------------------------------------


def test_queries_answer_and_see_whole_announcements_while_an_ingest_writes(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "in", 40)
    store = Store.open(settings=Settings(store=str(tmp_path / "s")))
    writing = threading.Event()
    done = threading.Event()
    snapshots: list[dict[str, int]] = []
    answered = [0, 0, 0]

    def writer() -> None:
        writing.set()
        try:
            report = ingest_paths(store, [folder])
            assert report.ok and len(report.ingested) == 40, report.failed
        finally:
            done.set()

    def per_graph_reader() -> None:
        writing.wait()
        while not done.is_set() or answered[0] < 3:
            rows = store.select(PER_GRAPH)
            snapshots.append({str(r["g"]): int(r["n"]) for r in rows})
            answered[0] += 1

    def search_reader() -> None:
        writing.wait()
        seen = 0
        while not done.is_set() or answered[1] < 3:
            found = entities.search(store, "Mining", limit=1000)
            assert len(found) >= seen, "an entity seen before disappeared"
            seen = len(found)
            answered[1] += 1

    def count_reader() -> None:
        writing.wait()
        last = 0
        while not done.is_set() or answered[2] < 3:
            (row,) = store.select(f"PREFIX og: <{OG}> SELECT (COUNT(?a) AS ?n) WHERE {{ ?a a og:Announcement }}")
            n = int(row["n"])
            assert n >= last, "the number of announcements went down"
            last = n
            answered[2] += 1

    try:
        errors = _run_threads([writer, per_graph_reader, search_reader, count_reader])
        assert not errors, errors
        final = {str(r["g"]): int(r["n"]) for r in store.select(PER_GRAPH)}
    finally:
        store.close()
    assert len(final) == 40
    assert all(answered), answered
    print(f"queries answered during the ingest: {answered}")
    # isolation: every graph any reader saw was already whole
    partial = {(g, n, final[g]) for snap in snapshots for g, n in snap.items() if n != final[g]}
    assert not partial, f"readers saw partial announcements: {sorted(partial)[:5]}"
    assert any(0 < len(s) < 40 for s in snapshots), "the readers never overlapped the ingest"


# -- the API on loopback under a bounded load ---------------------------------------------


class _Server:
    """uvicorn serving ``app`` on 127.0.0.1, an ephemeral port, in a thread."""

    def __init__(self, app) -> None:
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                                    lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline and self.thread.is_alive(), "uvicorn did not start"
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    settings = Settings(store=str(tmp_path / "s"), update_token=TOKEN)
    store = Store.open(settings=settings)
    alouette_chain(store)
    try:
        with _Server(create_app(settings, store)) as url:
            yield url, store
    finally:
        store.close()


REQUESTS = [  # (method, path, query parameters or body)
    ("GET", "/health", None),
    ("GET", "/entities", {"q": "albecour"}),
    ("GET", "/entities/org-albecour", None),
    ("GET", "/entities/org-aluminerie-alouette/owners", None),
    ("GET", "/entities/org-investissement-quebec/holdings", None),
    ("GET", "/sparql", {"query": f"PREFIX og: <{OG}> SELECT ?s WHERE {{ ?s a og:Company }}"}),
    ("POST", "/sparql", f"PREFIX og: <{OG}> ASK {{ ?s og:ownsStakeIn ?o }}"),
    ("GET", "/entities/org-no-such-thing", None),  # a 404 is an answer, not an error
]
TOTAL = 240
CLIENTS = 4


def test_api_under_a_bounded_concurrent_load(served: tuple[str, Store]) -> None:
    url, store = served
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()

    def one(i: int, client: httpx.Client) -> None:
        method, path, extra = REQUESTS[i % len(REQUESTS)]
        start = time.perf_counter()
        if method == "GET":
            response = client.get(path, params=extra)
        else:
            response = client.post(path, content=extra.encode(),
                                   headers={"content-type": "application/sparql-query"})
        elapsed = time.perf_counter() - start
        with lock:
            latencies.append(elapsed)
            statuses.append(response.status_code)
        expected = 404 if "no-such-thing" in path else 200
        assert response.status_code == expected, (path, response.status_code, response.text[:300])

    def writer() -> None:  # an ingest through the API while the readers query
        with httpx.Client(base_url=url, timeout=60) as client:
            for i in range(8):
                response = client.post("/announcements", content=_release(100 + i).encode(),
                                       headers={"authorization": f"Bearer {TOKEN}",
                                                "content-type": "text/plain"})
                assert response.status_code in (200, 201), response.text[:300]

    def readers() -> None:
        clients = [httpx.Client(base_url=url, timeout=60) for _ in range(CLIENTS)]
        try:
            with ThreadPoolExecutor(CLIENTS) as pool:
                list(pool.map(lambda i: one(i, clients[i % CLIENTS]), range(TOTAL)))
        finally:
            for c in clients:
                c.close()

    before = len(store.graphs())
    errors = _run_threads([readers, writer])
    assert not errors, errors
    assert len(statuses) == TOTAL
    assert not [s for s in statuses if s >= 500]
    assert len(store.graphs()) == before + 8
    p50 = statistics.median(latencies)
    p95 = statistics.quantiles(latencies, n=20)[-1]
    print(f"\nload: {TOTAL} requests, {CLIENTS} clients, 8 announcements posted meanwhile: "
          f"p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms")
