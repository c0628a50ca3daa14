"""A store kept by a SPARQL 1.1 server, reached over HTTP (``--store http://host:port``).

:class:`RemoteStore` has the methods of the embedded
:class:`~oregraph.graph.store.Store` and answers with the same pyoxigraph
types, so every command and the API run unchanged against Oxigraph server,
Apache Jena Fuseki, GraphDB, Virtuoso or Amazon Neptune, and many ingest
workers can write to one graph at once. It speaks three W3C protocols:

* **SPARQL 1.1 Query** (``remote_query_url``, default ``URL/query``): every
  query, read as a stream and parsed by pyoxigraph's ``parse_query_results``;
* **SPARQL 1.1 Update** (``remote_update_url``, default ``URL/update``);
* **Graph Store Protocol** (``remote_graph_store_url``, default ``URL/store``):
  an announcement's graph is written with one ``POST ?graph=IRI`` of
  N-Triples, which the server applies atomically.

The defaults are Oxigraph server's; docs/remote-store.md gives the settings
for the others. Values bound with ``bindings`` are written into the query as
N-Triples terms made by pyoxigraph (which rejects anything that is not a
valid IRI or literal), never as raw text: see :func:`substitute`.
"""

from __future__ import annotations

import io
import itertools
import re
import time
from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox

from oregraph.errors import QueryError, QueryTimeout, StoreError
from oregraph.graph import interface
from oregraph.graph.interface import Bindings
from oregraph.graph.store import (
    PROLOGUE, BaseStore, check_query_text, check_read_query, convert_quads, export_oxigraph,
)
from oregraph.graph.terms import to_ox
from oregraph.settings import Settings

__all__ = ["RemoteStore", "Endpoints", "substitute"]

_RESULTS_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
_GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.8, text/turtle;q=0.7"
)


class Endpoints:
    """The three endpoint URLs of a remote store (no credentials in them)."""

    def __init__(self, query: str, update: str, graph_store: str) -> None:
        self.query = query
        self.update = update
        self.graph_store = graph_store

    @classmethod
    def for_url(cls, url: str, settings: Settings) -> Endpoints:
        base = url.rstrip("/")
        return cls(
            settings.remote_query_url or base + "/query",
            settings.remote_update_url or base + "/update",
            settings.remote_graph_store_url or base + "/store",
        )


class _Body(io.RawIOBase):
    """A streamed HTTP response body as a binary file, read within the running query's deadline."""

    def __init__(self, response: httpx.Response, store: RemoteStore) -> None:
        self._response = response
        self._chunks = response.iter_bytes()
        self._pending = b""
        self._store = store
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            if self._done:
                return 0
            limits = interface.current_limits()
            if limits is not None and time.monotonic() > limits.deadline:
                self.close()
                raise interface.timed_out(limits.timeout)
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                self._done = True
                self._response.close()  # the connection goes back to the pool
                return 0
            except httpx.TimeoutException:
                self.close()
                raise self._store.timeout_error() from None
            except httpx.HTTPError as error:
                self.close()
                raise self._store.transport_error(error) from None
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def close(self) -> None:
        if not self.closed:
            self._response.close()
        super().close()

    def __del__(self) -> None:  # a result dropped half read (the cap) frees its connection
        try:
            self.close()
        except Exception:  # noqa: BLE001 - nothing to report to at collection time
            pass


class RemoteStore(BaseStore):
    """A SPARQL 1.1 server used as the store (see the module docstring).

    Open it with :meth:`open` (``Store.open`` does so for http(s) URLs). The
    union of the named graphs is the default graph of every query, as in the
    embedded store, through ``settings.remote_union``. ``generation`` changes
    with every write made through this object and, because other workers may
    write too, every ``settings.remote_cache_seconds``.
    """

    location = None

    def __init__(
        self, url: str, settings: Settings, *, client: httpx.Client | None = None,
    ) -> None:
        parsed = httpx.URL(url)
        auth: httpx.Auth | None = None
        if parsed.username or parsed.password:
            auth = httpx.BasicAuth(parsed.username, parsed.password)
            parsed = parsed.copy_with(username=None, password=None)
        if settings.remote_username:
            password = settings.remote_password.get_secret_value() if settings.remote_password else ""
            scheme = httpx.DigestAuth if settings.remote_auth == "digest" else httpx.BasicAuth
            auth = scheme(settings.remote_username, password)
        headers = {"User-Agent": "oregraph"}
        if settings.remote_token is not None:
            headers["Authorization"] = f"Bearer {settings.remote_token.get_secret_value()}"
        self.url = str(parsed)
        self.settings = settings
        self.endpoints = Endpoints.for_url(self.url, settings)
        self._client: httpx.Client | None = client or httpx.Client(
            auth=auth, headers=headers, follow_redirects=True,
            timeout=httpx.Timeout(settings.query_timeout, connect=10.0),
        )
        self._writes = 0
        self._ticks = itertools.count()

    @classmethod
    def open(cls, url: str, settings: Settings | None = None) -> RemoteStore:
        """Connect to the server at ``url`` and check that its query endpoint answers."""
        store = cls(url, settings if settings is not None else Settings(store=url))
        try:
            store._select_raw("ASK { }")
        except BaseException:
            store.close()
            raise
        return store

    # -- state --------------------------------------------------------------

    @property
    def generation(self) -> int:
        """Own writes plus one per ``remote_cache_seconds`` (others may have written)."""
        period = self.settings.remote_cache_seconds
        if period <= 0:
            return self._writes + next(self._ticks) * 1_000_000
        return self._writes + int(time.monotonic() // period)

    def touch(self) -> None:
        self._writes += 1

    @property
    def closed(self) -> bool:
        return self._client is None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            raise StoreError("the store is closed; open it again with Store.open()")
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __repr__(self) -> str:
        return f"<RemoteStore {self.url}{' closed' if self.closed else ''}>"

    # -- HTTP ---------------------------------------------------------------

    def timeout_error(self) -> QueryTimeout:
        limits = interface.current_limits()
        seconds = limits.timeout if limits is not None else self.settings.query_timeout
        return interface.timed_out(seconds)

    def transport_error(self, error: Exception) -> StoreError:
        reason = " ".join(str(error).split()) or type(error).__name__
        return StoreError(
            f"cannot reach the SPARQL server at {self.url}: {reason}; check that it runs "
            "and that --store or OREGRAPH_STORE names it"
        )

    def _send(
        self, method: str, url: str, *, stream: bool = False, timeout: float | None = None,
        **kwargs: Any,
    ) -> httpx.Response:
        limits = interface.current_limits()
        if timeout is None and limits is not None:
            timeout = max(0.001, limits.deadline - time.monotonic())
        if timeout is not None:
            kwargs["timeout"] = httpx.Timeout(timeout, connect=min(10.0, timeout))
        request = self.client.build_request(method, url, **kwargs)
        try:
            response = self.client.send(request, stream=stream)
        except httpx.TimeoutException:
            raise self.timeout_error() from None
        except httpx.HTTPError as error:
            raise self.transport_error(error) from None
        if response.status_code >= 400:
            try:
                response.read()
                text = response.text
            except httpx.HTTPError:
                text = ""
            finally:
                response.close()
            raise self._status_error(response.status_code, url, text)
        return response

    def _status_error(self, status: int, url: str, text: str) -> Exception:
        detail = " ".join(text.split())[:300]
        if status == 400:
            return QueryError(f"the SPARQL server refused the request: {detail or 'bad request'}")
        if status in (401, 403):
            return StoreError(
                f"the SPARQL server at {self.url} refused the credentials (HTTP {status}); set "
                "OREGRAPH_REMOTE_USERNAME and OREGRAPH_REMOTE_PASSWORD, or OREGRAPH_REMOTE_TOKEN"
            )
        if status == 404:
            return StoreError(
                f"no SPARQL endpoint at {url} (HTTP 404); check the store URL, or set "
                "OREGRAPH_REMOTE_QUERY_URL, _UPDATE_URL and _GRAPH_STORE_URL (docs/remote-store.md)"
            )
        if status in (503, 504) and "timeout" in detail.lower():
            return self.timeout_error()
        return StoreError(
            f"the SPARQL server at {self.url} failed (HTTP {status}): {detail or 'no detail'}; "
            "check its log"
        )

    def _dataset_params(
        self, query: str, default_graph: Sequence[str] | None, named_graphs: Sequence[str] | None,
    ) -> list[tuple[str, str]]:
        params: list[tuple[str, str]] = []
        for graph in default_graph or ():
            params.append(("default-graph-uri", ox.NamedNode(str(graph)).value))
        for graph in named_graphs or ():
            params.append(("named-graph-uri", ox.NamedNode(str(graph)).value))
        if default_graph or _FROM.search(_strip(query)):
            return params
        union = self.settings.remote_union
        if union == "oxigraph":
            params.append(("union-default-graph", "true"))
        elif union != "server":
            params.append(("default-graph-uri", union))
        return params

    def _post_query(
        self, query: str, params: list[tuple[str, str]],
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        response = self._send(
            "POST", self.endpoints.query, stream=True,
            content=urlencode([("query", query), *params]).encode("ascii"),
            headers={"Accept": _ACCEPT, "Content-Type": "application/x-www-form-urlencoded"},
        )
        media = response.headers.get("content-type", "").split(";")[0].strip().lower()
        body = io.BufferedReader(_Body(response, self))
        try:
            if media in _RESULTS_TYPES:
                return ox.parse_query_results(body, _RESULTS_TYPES[media])
            if media in _GRAPH_TYPES:
                return _triples(body, _GRAPH_TYPES[media])
        except SyntaxError as error:
            body.close()
            raise StoreError(
                f"the SPARQL server at {self.url} sent results pyoxigraph cannot read: "
                f"{error}; check that remote_query_url is a SPARQL endpoint"
            ) from None
        body.close()
        raise StoreError(
            f"the SPARQL server at {self.url} answered with {media or 'no content type'}, "
            "not SPARQL results; check that remote_query_url is a SPARQL endpoint"
        )

    def _select_raw(self, query: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """An internal query that names its graphs itself (no union parameters)."""
        return self._post_query(query, [])

    # -- graphs -------------------------------------------------------------

    def __len__(self) -> int:
        """The number of quads in the named graphs (counted by the server)."""
        return self._count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")

    def graphs(self) -> list[str]:
        result = self._select_raw("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, ox.QuerySolutions)
        return sorted(row["g"].value for row in result if isinstance(row["g"], ox.NamedNode))

    def has_graph(self, graph_iri: str) -> bool:
        name = ox.NamedNode(str(graph_iri))  # validated: only a real IRI reaches the query text
        return bool(self._select_raw(f"ASK {{ GRAPH {name} {{ ?s ?p ?o }} }}"))

    def _count_graph(self, name: ox.NamedNode) -> int:
        return self._count(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}")

    def _count(self, query: str) -> int:
        """The ``?n`` of an internal ``SELECT (COUNT(*) AS ?n)`` query."""
        result = self._select_raw(query)
        assert isinstance(result, ox.QuerySolutions)
        for row in result:
            return int(row["n"].value)  # type: ignore[union-attr]
        return 0

    def add_graph(self, graph_iri: str, quads: Iterable[tuple[Any, ...]]) -> int:
        """Write ``quads`` into graph ``graph_iri`` in one request (atomic on the server).

        That request is a Graph Store Protocol ``POST ?graph=IRI`` of
        N-Triples, or with ``remote_use_graph_store`` false one ``INSERT DATA``.

        Returns how many quads the graph gained (0 when it was there already).
        """
        name = ox.NamedNode(str(graph_iri))
        batch = convert_quads(graph_iri, quads)
        if not batch:
            return 0
        before = self._count_graph(name)
        body = ox.serialize(
            (ox.Triple(q.subject, q.predicate, q.object) for q in batch), format=ox.RdfFormat.N_TRIPLES
        ) or b""
        if self.settings.remote_use_graph_store:
            self._send(
                "POST", self.endpoints.graph_store, params={"graph": name.value}, content=body,
                headers={"Content-Type": "application/n-triples"},
                timeout=self.settings.remote_write_timeout,
            ).close()
            self.touch()
        else:
            # N-Triples lines are valid SPARQL triples: one INSERT DATA, one transaction.
            self.update(f"INSERT DATA {{ GRAPH {name} {{\n{body.decode('utf-8')}}} }}")
        return self._count_graph(name) - before

    def remove_graph(self, graph_iri: str) -> None:
        name = ox.NamedNode(str(graph_iri))
        self.update(f"DROP SILENT GRAPH {name}")

    # -- queries ------------------------------------------------------------

    def query(
        self, query: str, bindings: Bindings | None = None, *,
        default_graph: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query on the server; the same result types as the embedded store.

        Solutions are parsed as they arrive. ``CONSTRUCT`` and ``DESCRIBE``
        answers are read whole (within the running limits) into a
        ``pyoxigraph.QueryTriples``.
        """
        check_read_query(query)
        text = substitute(query, bindings) if bindings else query
        params = self._dataset_params(text, default_graph, named_graphs)
        # the predeclared prefixes go first: the query's own PREFIX lines come later and win
        return self._post_query(PROLOGUE + text, params)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the server's update endpoint."""
        check_query_text(sparql)
        try:
            self._send(
                "POST", self.endpoints.update, data={"update": sparql},
                timeout=self.settings.remote_write_timeout,
            ).close()
        except QueryError as error:
            raise QueryError(f"invalid SPARQL Update: {error}") from None
        finally:
            self.touch()

    # -- export -------------------------------------------------------------

    def to_oxigraph(self) -> ox.Store:
        """An in-memory pyoxigraph copy of every quad in the named graphs (one query)."""
        copy = ox.Store()
        result = self._select_raw("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert isinstance(result, ox.QuerySolutions)
        copy.extend(ox.Quad(row["s"], row["p"], row["o"], row["g"]) for row in result)  # type: ignore[arg-type]
        return copy

    def export(self, out: BinaryIO, fmt: str) -> None:
        """Write every named graph to ``out`` (read through one query into memory first)."""
        export_oxigraph(self.to_oxigraph(), out, fmt)


def _triples(body: BinaryIO, fmt: ox.RdfFormat) -> ox.QueryTriples:
    """CONSTRUCT triples read within the running limits, as a real ``pyoxigraph.QueryTriples``."""
    limits = interface.current_limits()
    holder = ox.Store()
    count = 0
    batch: list[ox.Quad] = []
    for quad in ox.parse(body, format=fmt):
        count += 1
        if limits is not None and count > limits.cap:
            body.close()
            raise interface.too_large(limits.cap, "triples")
        batch.append(ox.Quad(quad.subject, quad.predicate, quad.object, ox.DefaultGraph()))
    holder.extend(batch)
    result = holder.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


# -- binding values into query text ---------------------------------------------

_TOKEN = re.compile(
    r"(?P<skip>'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*)"
    r"|(?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)"
    r"|(?P<word>[A-Za-z_][A-Za-z0-9_-]*)"
    r"|(?P<punct>[{}()])",
)
_FROM = re.compile(r"\bFROM\b", re.IGNORECASE)


def _strip(query: str) -> str:
    return _TOKEN.sub(lambda m: " " if m.group("skip") else m.group(0), query)


def substitute(query: str, bindings: Bindings) -> str:
    """``query`` with each bound variable replaced by its term, as pyoxigraph's substitution does.

    Inside the ``WHERE`` clause (and templates and sub-queries) each
    occurrence of a bound variable becomes the term's N-Triples text, written
    by pyoxigraph; a sub-query's projection gets ``(term AS ?var)``; a
    trailing ``VALUES`` clause keeps the variable bound in the outer
    projection. Strings, IRIs and comments are left alone.

    >>> import pyoxigraph as ox
    >>> print(substitute("SELECT ?e ?n WHERE { ?e <http://x/n> ?n FILTER(?n != '?e') }",
    ...                  {"e": ox.NamedNode("http://x/a")}))
    SELECT ?e ?n WHERE { <http://x/a> <http://x/n> ?n FILTER(?n != '?e') }
    VALUES (?e) { (<http://x/a>) }
    """
    terms: dict[str, str] = {}
    for name, value in bindings.items():
        term = to_ox(value)
        if isinstance(term, ox.BlankNode):
            raise QueryError(
                f"cannot bind ?{name.lstrip('?$')} to a blank node on a remote store; "
                "bind an IRI or a literal"
            )
        terms[name.lstrip("?$")] = str(term)
    out: list[str] = []
    position = 0
    depth = 0
    sub_projection = False
    parens = 0
    previous = ""
    for match in _TOKEN.finditer(query):
        out.append(query[position:match.start()])
        position = match.end()
        token = match.group(0)
        kind = match.lastgroup
        if kind == "skip":
            out.append(token)
            continue
        if kind == "punct":
            if token == "{":
                depth += 1
                sub_projection = False
            elif token == "}":
                depth -= 1
            elif sub_projection:
                parens += 1 if token == "(" else -1
        elif kind == "word":
            upper = token.upper()
            if upper == "SELECT" and depth > 0:
                sub_projection, parens = True, 0
            elif upper == "WHERE":
                sub_projection = False
        elif kind == "var" and token[1:] in terms and depth > 0:
            if previous == "AS":
                raise QueryError(
                    f"cannot bind {token}: the query assigns it with AS; bind another variable"
                )
            term = terms[token[1:]]
            token = f"({term} AS {token})" if sub_projection and parens == 0 else term
        out.append(token)
        previous = match.group(0).upper()
    out.append(query[position:])
    names = " ".join(f"?{name}" for name in terms)
    values = " ".join(terms.values())
    return "".join(out).rstrip() + f"\nVALUES ({names}) {{ ({values}) }}"
