"""What every oregraph store offers, and queries run within a time limit and a result cap.

Two stores implement :class:`GraphStore`: the embedded
:class:`~oregraph.graph.store.Store` (pyoxigraph in the process) and
:class:`~oregraph.graph.remote.RemoteStore` (any SPARQL 1.1 server over HTTP).
``Store.open(location)`` picks one by the location's form, and the rest of
the code only uses the methods below, which answer with the same pyoxigraph
result types on both.

:func:`run_bounded` is how the SPARQL endpoint and ``oregraph query`` run a
caller's query. What it bounds, exactly:

* **The answer time.** The query runs in a worker thread; the caller waits at
  most ``timeout`` seconds and then gets :class:`~oregraph.errors.QueryTimeout`.
* **The work, for streaming queries.** Solutions and triples are read one by
  one and the deadline and the cap are checked between them, so a query that
  streams (patterns, joins, ``FILTER``, ``OPTIONAL``, ``LIMIT``) stops at its
  first solution after the deadline and frees its worker.
* **Not the work of blocking operators.** pyoxigraph cannot cancel a query:
  one whose first solution needs everything evaluated first (``ORDER BY``,
  ``GROUP BY``, aggregates, ``ASK``), or a pattern that yields no solution for
  a long time, keeps its worker busy until the engine returns, even after the
  caller got its timeout. To keep such stragglers from
  piling up, at most ``workers`` queries run at once (orphans included); a query
  arriving when all are busy is refused with :class:`~oregraph.errors.StoreBusy`
  at once instead of queueing.
* **The result size.** More than ``cap`` solutions (or triples) is
  :class:`~oregraph.errors.ResultTooLarge`, never a silently cut answer; a
  remote store's body is read as a stream and dropped at ``cap + 1``.
"""

from __future__ import annotations

import asyncio
import json
import queue
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, BinaryIO, Protocol, TypeVar, runtime_checkable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from oregraph.errors import QueryTimeout, ResultTooLarge, StoreBusy
from oregraph.graph.terms import OxTerm, bound_rows
from oregraph.settings import Settings

__all__ = [
    "GraphStore", "QueryResult", "BoundedResult", "QueryRunner", "Limits", "run_bounded",
    "evaluate", "current_limits", "timed_out", "too_large",
]

Bindings = Mapping[str, Identifier | OxTerm]
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
T = TypeVar("T")


@runtime_checkable
class GraphStore(Protocol):
    """The store methods the rest of oregraph uses (embedded or remote alike)."""

    settings: Settings

    @property
    def generation(self) -> int:
        """Changes whenever the store may have changed (keys for caches)."""

    @property
    def closed(self) -> bool: ...

    def touch(self) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> GraphStore: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def __len__(self) -> int: ...

    def graphs(self) -> list[str]: ...

    def has_graph(self, graph_iri: str) -> bool: ...

    def add_graph(self, graph_iri: str, quads: Iterable[tuple[Any, ...]]) -> int: ...

    def remove_graph(self, graph_iri: str) -> None: ...

    def query(
        self, query: str, bindings: Bindings | None = None, *,
        default_graph: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
    ) -> QueryResult: ...

    def select(self, query: str, bindings: Bindings | None = None) -> list[dict[str, Identifier]]: ...

    def ask(self, query: str, bindings: Bindings | None = None) -> bool: ...

    def construct(self, query: str, bindings: Bindings | None = None) -> Graph: ...

    def update(self, sparql: str) -> None: ...

    def export(self, out: BinaryIO, fmt: str) -> None: ...

    def to_oxigraph(self) -> ox.Store:
        """Every quad in a pyoxigraph store: the embedded one itself, or a copy of a remote one."""


@dataclass(frozen=True)
class Limits:
    """The deadline (a :func:`time.monotonic` instant), timeout and cap of the query running in this thread."""

    deadline: float
    timeout: float
    cap: int


_running = threading.local()


def current_limits() -> Limits | None:
    """The limits of the bounded query running in this thread (a remote store reads within them)."""
    limits: Limits | None = getattr(_running, "limits", None)
    return limits


@dataclass
class BoundedResult:
    """A query's whole answer, read within the limits: solutions, a boolean or triples."""

    kind: str  # "solutions", "boolean" or "triples"
    variables: list[str] = field(default_factory=list)
    solutions: list[ox.QuerySolution] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    def rows(self) -> list[list[OxTerm | None]]:
        """The solutions as lists of terms in the order of :attr:`variables`."""
        return [[solution[name] for name in self.variables] for solution in self.solutions]

    def serialize_results(self, fmt: ox.QueryResultsFormat) -> bytes:
        """SELECT or ASK results in a SPARQL results format.

        SPARQL JSON is written here in one pass; the other formats by pyoxigraph
        from that JSON.
        """
        if self.kind == "boolean":
            text = '{"head":{},"boolean":%s}' % ("true" if self.boolean else "false")
        else:
            text = _results_json(self.variables, self.solutions)
        data = text.encode("utf-8")
        if fmt == ox.QueryResultsFormat.JSON:
            return data
        parsed = ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=fmt) or b""

    def serialize_graph(self, fmt: ox.RdfFormat, prefixes: Mapping[str, str] | None = None) -> bytes:
        """CONSTRUCT or DESCRIBE triples in an RDF format (written by pyoxigraph)."""
        if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) and prefixes:
            body = ox.serialize(self.triples, format=fmt, prefixes=dict(prefixes))
        else:
            body = ox.serialize(self.triples, format=fmt)
        return body or b""


def _json_term(term: Any) -> dict[str, Any]:
    """One RDF term as a SPARQL 1.1 JSON results object."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        value: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            value["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            value["datatype"] = term.datatype.value
        return value
    # an RDF-star quoted triple
    return {"type": "triple", "value": {
        "subject": _json_term(term.subject), "predicate": _json_term(term.predicate),
        "object": _json_term(term.object),
    }}


def _results_json(variables: list[str], solutions: list[ox.QuerySolution]) -> str:
    """SELECT results as SPARQL 1.1 JSON text, built in one :func:`json.dumps`."""
    bindings = bound_rows(variables, solutions, _json_term)
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False, separators=(",", ":"))


def evaluate(
    store: GraphStore, query: str, *, deadline: float, cap: int,
    default_graph: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
    timeout: float = 0.0,
) -> BoundedResult:
    """Run ``query`` on ``store`` in this thread, reading its answer until ``deadline`` or ``cap``.

    ``deadline`` is a :func:`time.monotonic` instant. The deadline is checked
    between solutions; see the module docstring for what that bounds.
    """
    kwargs: dict[str, Any] = {}
    if default_graph:
        kwargs["default_graph"] = list(default_graph)
    if named_graphs:
        kwargs["named_graphs"] = list(named_graphs)
    _running.limits = Limits(deadline, timeout, cap)
    try:
        return _read(store.query(query, **kwargs), deadline, cap, timeout)
    finally:
        _running.limits = None


def _read(result: QueryResult, deadline: float, cap: int, timeout: float) -> BoundedResult:
    _check_deadline(deadline, timeout)
    if isinstance(result, ox.QueryBoolean):
        return BoundedResult("boolean", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        solutions = _collect(result, deadline, cap, timeout, "solutions")
        return BoundedResult("solutions", variables=variables, solutions=solutions)
    return BoundedResult("triples", triples=_collect(result, deadline, cap, timeout, "triples"))


def _collect(items: Iterable[T], deadline: float, cap: int, timeout: float, what: str) -> list[T]:
    """Every item, read one by one until ``deadline``; more than ``cap`` is :func:`too_large`."""
    collected: list[T] = []
    for item in items:
        _check_deadline(deadline, timeout)
        if len(collected) >= cap:
            raise too_large(cap, what)
        collected.append(item)
    return collected


def _check_deadline(deadline: float, timeout: float) -> None:
    if time.monotonic() > deadline:
        raise timed_out(timeout)


def timed_out(timeout: float) -> QueryTimeout:
    return QueryTimeout(
        f"the query ran longer than the {timeout:g} s limit (OREGRAPH_QUERY_TIMEOUT); "
        "narrow it (more specific patterns, a LIMIT, fewer OPTIONALs) and try again"
    )


def too_large(cap: int, what: str) -> ResultTooLarge:
    return ResultTooLarge(
        f"the query returns more than {cap:,} {what} (the limit, OREGRAPH_RESULT_CAP); "
        f"add LIMIT {cap} and page with OFFSET, or narrow the query"
    )


#: Seconds an idle query thread waits for work before it ends.
_IDLE_SECONDS = 30.0


class QueryRunner:
    """Runs queries in worker threads with a deadline, at most ``workers`` at a time."""

    def __init__(self, timeout: float, cap: int, workers: int = 4) -> None:
        self.timeout = timeout
        self.cap = cap
        self.workers = workers
        self._slots = threading.BoundedSemaphore(workers)
        # long-lived daemon threads (one per slot), started on demand: starting a thread per
        # query cost about as much as a small query, and daemon threads let the process exit
        # while an abandoned query still runs in the engine
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._threads_lock = threading.Lock()

    def _submit(self, job: Callable[[], None]) -> None:
        # queued under the lock, so an idle thread deciding to end sees the job and stays
        with self._threads_lock:
            self._jobs.put(job)
            if len(self._threads) < self.workers:
                thread = threading.Thread(target=self._serve, name="oregraph-query", daemon=True)
                self._threads.append(thread)
                thread.start()

    def _serve(self) -> None:
        while True:
            try:
                job = self._jobs.get(timeout=_IDLE_SECONDS)
            except queue.Empty:
                with self._threads_lock:  # idle: end, unless a job arrived meanwhile
                    if self._jobs.empty():
                        self._threads.remove(threading.current_thread())
                        return
                continue
            job()

    @classmethod
    def from_settings(cls, settings: Settings) -> QueryRunner:
        return cls(settings.query_timeout, settings.result_cap, settings.query_workers)

    def _start(
        self, store: GraphStore, query: str, finish: Callable[[BoundedResult], T],
        done: Callable[[T | None, BaseException | None], None],
        default_graph: Sequence[str] | None, named_graphs: Sequence[str] | None,
    ) -> float:
        """Hand ``query`` to a worker; ``done(value, error)`` is called there. Returns the deadline."""
        if not self._slots.acquire(blocking=False):
            raise StoreBusy(
                f"all {self.workers} query workers are busy (OREGRAPH_QUERY_WORKERS); "
                "try again in a few seconds"
            )
        deadline = time.monotonic() + self.timeout

        def work() -> None:
            value: T | None = None
            failure: BaseException | None = None
            try:
                value = finish(evaluate(
                    store, query, deadline=deadline, cap=self.cap, timeout=self.timeout,
                    default_graph=default_graph, named_graphs=named_graphs,
                ))
            except BaseException as error:  # handed to the caller, raised there
                # without its traceback, whose frames hold pyoxigraph objects that
                # must be dropped in this thread
                failure = error.with_traceback(None)
            finally:
                self._slots.release()
            done(value, failure)

        self._submit(work)
        return deadline

    def run(
        self, store: GraphStore, query: str, *,
        default_graph: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
    ) -> BoundedResult:
        """The bounded answer of ``query``; raises QueryTimeout, ResultTooLarge or StoreBusy."""
        outcome: dict[str, Any] = {}
        finished = threading.Event()

        def done(value: BoundedResult | None, error: BaseException | None) -> None:
            outcome.update(result=value, error=error)
            finished.set()

        deadline = self._start(store, query, lambda r: r, done, default_graph, named_graphs)
        if not finished.wait(max(0.0, deadline - time.monotonic()) + 0.05):
            raise timed_out(self.timeout)
        if outcome["error"] is not None:
            raise outcome["error"]
        result: BoundedResult = outcome["result"]
        return result

    async def run_async(
        self, store: GraphStore, query: str, finish: Callable[[BoundedResult], T], *,
        default_graph: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
    ) -> T:
        """:meth:`run` for an event loop: ``finish`` (e.g. serialising) runs in the worker too.

        The loop waits on a future, so a query costs one thread hand-off, not two.
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def settle(value: T | None, error: BaseException | None) -> None:
            if future.done():  # abandoned at the deadline
                return
            if error is not None:
                future.set_exception(error)
            else:
                future.set_result(value)  # type: ignore[arg-type]

        deadline = self._start(store, query, finish,
                               lambda v, e: loop.call_soon_threadsafe(settle, v, e),
                               default_graph, named_graphs)
        try:
            return await asyncio.wait_for(future, max(0.0, deadline - time.monotonic()) + 0.05)
        except asyncio.TimeoutError:
            raise timed_out(self.timeout) from None


def run_bounded(
    store: GraphStore, query: str, settings: Settings | None = None, *,
    default_graph: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
) -> BoundedResult:
    """Run ``query`` once within ``settings.query_timeout`` and ``settings.result_cap``."""
    runner = QueryRunner.from_settings(settings if settings is not None else store.settings)
    return runner.run(store, query, default_graph=default_graph, named_graphs=named_graphs)
