"""A SPARQL 1.1 Protocol endpoint at ``/sparql``, read-only unless a token is configured.

* **Queries**: ``GET /sparql?query=...``, ``POST /sparql`` with a form field
  ``query=`` or a body of type ``application/sparql-query``. The dataset is
  the union of all named graphs (one per announcement) unless the request
  names ``default-graph-uri`` and ``named-graph-uri`` (repeatable; in the URL
  or the form). The answer's format follows the ``Accept`` header, or the
  ``format`` parameter when given (``json``, ``xml``, ``csv``, ``tsv`` for
  SELECT and ASK; ``turtle``, ``ntriples``, ``jsonld``, ``rdfxml`` for
  CONSTRUCT and DESCRIBE; or a media type): see :data:`RESULTS_FORMATS`,
  :data:`GRAPH_FORMATS` and :data:`FORMAT_NAMES`.
* **Limits**: every query runs through the app's
  :class:`~oregraph.graph.interface.QueryRunner`: past
  ``Settings.query_timeout`` seconds the answer is 503 ``QueryTimeout``; more
  than ``Settings.result_cap`` solutions or triples is 422 ``ResultTooLarge``;
  when ``Settings.query_workers`` queries are running, 503 ``StoreBusy``. What
  the timeout does and does not stop is told in :mod:`oregraph.graph.interface`.
* **Updates**: ``POST /sparql`` with a form field ``update=`` or a body of
  type ``application/sparql-update``, only with ``Authorization: Bearer
  <Settings.update_token>`` (401 without a bearer token, 403 with a wrong one
  or when no token is configured); with it the update runs and the answer is 204.
* **Neither**: the query page for browsers, the SPARQL service description
  (Turtle and other RDF types) for clients asking for RDF, 400 otherwise.

A malformed query is a :class:`~oregraph.errors.QueryError`, answered with
400 and the parser's message; so is a query using ``SERVICE``, which would
make the server fetch any URL the caller names.
"""

from __future__ import annotations

from typing import Annotated, TypeVar

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import Response
from pyoxigraph import QueryResultsFormat, RdfFormat
from starlette.concurrency import run_in_threadpool

from oregraph.api.deps import RunnerDep, SettingsDep, StoreDep, check_update_token
from oregraph.api.routes.pages import render_sparql_page
from oregraph.errors import QueryError
from oregraph.graph.interface import BoundedResult, GraphStore, QueryRunner
from oregraph.graph.store import PREFIXES, uses_service  # uses_service: part of this module's API
from oregraph.settings import Settings

__all__ = [
    "router",
    "RESULTS_FORMATS",
    "GRAPH_FORMATS",
    "FORMAT_NAMES",
    "MAX_REQUEST_BYTES",
    "negotiate",
    "prefers_html",
    "uses_service",
    "service_description",
]

router = APIRouter(tags=["sparql"])

#: Largest query or update text accepted, in bytes (larger requests get 413).
MAX_REQUEST_BYTES = 1_000_000

F = TypeVar("F", QueryResultsFormat, RdfFormat)


#: Formats of SELECT and ASK results by media type; the first is the default.
RESULTS_FORMATS: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}

#: Formats of CONSTRUCT and DESCRIBE results by media type; the first is the default.
GRAPH_FORMATS: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/x-turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "text/n3": RdfFormat.N3,
}

#: Short names accepted by the ``format`` parameter, as media types.
FORMAT_NAMES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}

_TEXT_TYPES = ("text/", "application/sparql-results+", "application/n-triples")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _accept_entries(accept: str | None) -> list[tuple[str, float]]:
    """Media ranges of an Accept header, best first (stable for equal weights)."""
    entries: list[tuple[str, float, int]] = []
    for position, part in enumerate((accept or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        weight = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if weight > 0:
            entries.append((media, weight, position))
    entries.sort(key=lambda e: (-e[1], e[2]))
    return [(media, weight) for media, weight, _ in entries]


def negotiate(accept: str | None, table: dict[str, F]) -> tuple[str, F]:
    """The media type and format to answer with; the table's first entry when nothing fits.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULTS_FORMATS)[0]
    'application/sparql-results+xml'
    >>> negotiate("text/html,*/*;q=0.8", GRAPH_FORMATS)[0]
    'text/turtle'
    """
    default = next(iter(table))
    for media, _ in _accept_entries(accept):
        if media in table:
            return media, table[media]
        if media == "*/*":
            return default, table[default]
        if media.endswith("/*"):
            for candidate in table:
                if candidate.startswith(media[:-1]):
                    return candidate, table[candidate]
    return default, table[default]


def prefers_html(accept: str | None) -> bool:
    """True when the client ranks an HTML type first (a browser).

    >>> prefers_html("text/html,application/xhtml+xml,*/*;q=0.8")
    True
    >>> prefers_html("application/sparql-results+json")
    False
    """
    entries = _accept_entries(accept)
    return bool(entries) and entries[0][0] in _HTML_TYPES


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media.startswith(_TEXT_TYPES) else media


def _check_size(text: str | bytes) -> None:
    size = len(text.encode("utf-8")) if isinstance(text, str) else len(text)
    if size > MAX_REQUEST_BYTES:
        raise HTTPException(
            413, f"the request is {size} bytes; at most {MAX_REQUEST_BYTES} are accepted"
        )


def _format_accept(accept: str | None, format_: str | None) -> str | None:
    """The ``format`` parameter, when given, as an Accept value that overrides the header."""
    if not format_:
        return accept
    wanted = format_.strip().lower()
    media = FORMAT_NAMES.get(wanted, wanted)
    if media not in RESULTS_FORMATS and media not in GRAPH_FORMATS:
        raise QueryError(
            f"unknown format {format_!r}; use one of {', '.join(sorted(FORMAT_NAMES))} "
            "or a media type such as text/csv"
        )
    # json/xml name results formats; a CONSTRUCT asked for "json" or "xml" gets JSON-LD or RDF/XML.
    also = {"application/sparql-results+json": "application/ld+json",
            "application/sparql-results+xml": "application/rdf+xml"}.get(media)
    return media + (f", {also}" if also else "")


async def _run_query(
    store: GraphStore, runner: QueryRunner, query: str, accept: str | None,
    default_graph: list[str], named_graphs: list[str],
) -> Response:
    _check_size(query)
    # the answer is serialised in the query's worker thread, off the event loop
    return await runner.run_async(store, query, lambda result: _answer(result, accept),
                                  default_graph=default_graph, named_graphs=named_graphs)


def _answer(result: BoundedResult, accept: str | None) -> Response:
    if result.kind == "triples":
        media, rdf_fmt = negotiate(accept, GRAPH_FORMATS)
        body = result.serialize_graph(rdf_fmt, PREFIXES)
    else:
        media, fmt = negotiate(accept, RESULTS_FORMATS)
        body = result.serialize_results(fmt)
    return Response(content=body, media_type=_content_type(media))


def _run_update(store: GraphStore, settings: Settings, update: str, authorization: str | None) -> Response:
    check_update_token(settings, authorization)
    _check_size(update)
    store.update(update)
    return Response(status_code=204)


def service_description(request: Request, settings: Settings) -> bytes:
    """The SPARQL 1.1 Service Description of this endpoint, as Turtle."""
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF

    SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
    FORMATS = Namespace("http://www.w3.org/ns/formats/")
    graph = Graph()
    graph.bind("sd", SD)
    graph.bind("formats", FORMATS)
    service = BNode("service")
    graph.add((service, RDF.type, SD.Service))
    graph.add((service, SD.endpoint, URIRef(str(request.url.replace(query="")))))
    graph.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    if settings.update_token is not None:
        graph.add((service, SD.supportedLanguage, SD.SPARQL11Update))
    graph.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                 "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        graph.add((service, SD.resultFormat, FORMATS[name]))
    dataset = BNode("dataset")
    graph.add((service, SD.defaultDataset, dataset))
    graph.add((dataset, RDF.type, SD.Dataset))
    default = BNode("default")
    graph.add((dataset, SD.defaultGraph, default))
    graph.add((default, RDF.type, SD.Graph))
    graph.add((service, URIRef("http://www.w3.org/2000/01/rdf-schema#comment"), Literal(
        "oregraph: who owns, runs and partners with whom in mining and metals. One named graph "
        "per announcement; the default graph is their union. Queries time out after "
        f"{settings.query_timeout:g} s and may return at most {settings.result_cap} results."
    )))
    return graph.serialize(format="turtle").encode("utf-8")


_SD_TYPES = ("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml")


def _no_query(request: Request, settings: Settings) -> Response:
    accept = request.headers.get("accept")
    if prefers_html(accept):
        return render_sparql_page(request)
    asked = [media for media, _ in _accept_entries(accept)]
    if asked and asked[0] in _SD_TYPES:
        return Response(service_description(request, settings), media_type="text/turtle; charset=utf-8")
    raise QueryError(
        "no SPARQL query given: pass it as ?query=..., as the form field 'query', "
        "or as a body of type application/sparql-query (ask for text/turtle to get "
        "the service description)"
    )


_QUERY_DESCRIPTION = "A SPARQL 1.1 query, run over the union of all named graphs."
_DEFAULT_GRAPH_DESCRIPTION = "A graph IRI for the default graph (repeatable; replaces the union)."
_NAMED_GRAPH_DESCRIPTION = "A graph IRI that GRAPH may use (repeatable; default: all)."
_FORMAT_DESCRIPTION = (
    "Answer format, overriding Accept: json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml "
    "or a media type."
)
_FAILURES = {
    400: {"description": "Malformed or missing query"},
    422: {"description": "More results than the result cap"},
    503: {"description": "The query timed out, or every query worker is busy"},
}


@router.get(
    "/sparql",
    summary="Run a SPARQL query (read-only)",
    response_class=Response,
    responses={
        200: {
            "description": "Query results in the negotiated format",
            "content": {media: {} for media in (*RESULTS_FORMATS, *GRAPH_FORMATS)},
        },
        **_FAILURES,  # type: ignore[dict-item]
    },
)
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    runner: RunnerDep,
    query: Annotated[str | None, Query(description=_QUERY_DESCRIPTION)] = None,
    default_graph_uri: Annotated[
        list[str], Query(alias="default-graph-uri", description=_DEFAULT_GRAPH_DESCRIPTION)
    ] = [],  # noqa: B006 - FastAPI copies defaults
    named_graph_uri: Annotated[
        list[str], Query(alias="named-graph-uri", description=_NAMED_GRAPH_DESCRIPTION)
    ] = [],  # noqa: B006
    format: Annotated[str | None, Query(description=_FORMAT_DESCRIPTION)] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    if not query:
        return _no_query(request, settings)
    return await _run_query(
        store, runner, query, _format_accept(accept, format),
        default_graph_uri, named_graph_uri,
    )


@router.post(
    "/sparql",
    summary="Run a SPARQL query, or an update with the bearer token",
    response_class=Response,
    responses={
        200: {"description": "Query results in the negotiated format"},
        204: {"description": "The update was applied"},
        **_FAILURES,  # type: ignore[dict-item]
        401: {"description": "An update without a bearer token"},
        403: {"description": "An update with a wrong token, or no token is configured"},
        413: {"description": "The request is too large"},
        415: {"description": "A body that is neither a form nor a SPARQL query or update"},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {
                            "query": {"type": "string"}, "update": {"type": "string"},
                            "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                            "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                        },
                    }
                },
                "application/sparql-query": {"schema": {"type": "string"}},
                "application/sparql-update": {"schema": {"type": "string"}},
            }
        }
    },
)
async def sparql_post(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    runner: RunnerDep,
    accept: Annotated[str | None, Header()] = None,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> Response:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_REQUEST_BYTES:
        raise HTTPException(
            413, f"the request is {declared} bytes; at most {MAX_REQUEST_BYTES} are accepted"
        )
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = request.query_params
    query: str | None = None
    update: str | None = None
    default_graph = params.getlist("default-graph-uri")
    named_graphs = params.getlist("named-graph-uri")
    format_ = params.get("format")
    if content_type in ("application/sparql-query", "application/sparql-update"):
        raw = await request.body()
        _check_size(raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise QueryError("the request body is not UTF-8 text") from None
        if content_type == "application/sparql-query":
            query = text
        else:
            update = text
    elif content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.form()
        query_field, update_field = form.get("query"), form.get("update")
        query = query_field if isinstance(query_field, str) else None
        update = update_field if isinstance(update_field, str) else None
        default_graph += [g for g in form.getlist("default-graph-uri") if isinstance(g, str)]
        named_graphs += [g for g in form.getlist("named-graph-uri") if isinstance(g, str)]
        form_format = form.get("format")
        format_ = form_format if isinstance(form_format, str) else format_
    elif content_type:
        raise HTTPException(
            415,
            f"cannot read a body of type {content_type!r}; send application/sparql-query, "
            "application/sparql-update or a form with 'query' or 'update'",
        )
    if query and update:
        raise QueryError("send either 'query' or 'update', not both")
    if update:
        return await run_in_threadpool(_run_update, store, settings, update, authorization)
    if query:
        return await _run_query(
            store, runner, query, _format_accept(accept, format_),
            default_graph, named_graphs,
        )
    return _no_query(request, settings)
