"""A read-only SPARQL 1.1 Protocol endpoint at ``/sparql``.

* ``GET /sparql?query=...``, ``POST /sparql`` with a form field ``query=`` or a
  body of type ``application/sparql-query``: runs the query over the union of
  all named graphs and answers in the format the ``Accept`` header asks for
  (see :data:`RESULTS_FORMATS` and :data:`GRAPH_FORMATS`; the first entry of
  each table is the default).
* ``POST /sparql`` with a form field ``update=`` or a body of type
  ``application/sparql-update``: refused with 403 unless the request carries
  ``Authorization: Bearer <token>`` equal to ``Settings.update_token``; with
  it, the update runs and the answer is 204.
* A request with neither: the query page for browsers (``Accept`` preferring
  ``text/html``), 400 for everyone else.

Results are serialised by pyoxigraph itself. A malformed query is a
:class:`~oregraph.errors.QueryError`, which the app's error handler answers
with 400 and the parser's message; so is a query using ``SERVICE``, which
would make the server fetch any URL the caller names.
"""

from __future__ import annotations

import hmac
import re
from typing import Annotated, TypeVar

from fastapi import APIRouter, Header, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

from oregraph.api.deps import SettingsDep, StoreDep
from oregraph.api.routes.pages import render_sparql_page
from oregraph.errors import QueryError
from oregraph.graph.store import Store
from oregraph.settings import Settings

__all__ = [
    "router",
    "RESULTS_FORMATS",
    "GRAPH_FORMATS",
    "MAX_REQUEST_BYTES",
    "negotiate",
    "prefers_html",
    "uses_service",
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


# Strings, IRIs and comments, which may hold the word SERVICE harmlessly.
_SKIPPED = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*"
)
# The keyword itself: not a variable (?service), a prefixed name (ex:service) or a prefix.
_SERVICE = re.compile(r"(?<![?$\w:])SERVICE(?![\w:])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """True when a query calls out with ``SERVICE`` (federation).

    The endpoint refuses those: Oxigraph would fetch any URL the caller
    names, from the server's network.

    >>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service { ?service ex:SERVICE "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(_SKIPPED.sub(" ", query)))


def _run_query(store: Store, query: str, accept: str | None) -> Response:
    _check_size(query)
    if uses_service(query):
        raise QueryError(
            "SERVICE (federated query) is not allowed on this endpoint; "
            "query the other endpoint directly"
        )
    results = store.query(query)
    if isinstance(results, (QuerySolutions, QueryBoolean)):
        media, fmt = negotiate(accept, RESULTS_FORMATS)
        body = results.serialize(format=fmt)
    else:
        media, rdf_fmt = negotiate(accept, GRAPH_FORMATS)
        body = results.serialize(format=rdf_fmt)
    return Response(content=body or b"", media_type=_content_type(media))


def _authorised(settings: Settings, authorization: str | None) -> bool:
    if settings.update_token is None or not authorization:
        return False
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return False
    expected = settings.update_token.get_secret_value().encode("utf-8")
    return hmac.compare_digest(token.strip().encode("utf-8"), expected)


def _run_update(
    store: Store, settings: Settings, update: str, authorization: str | None
) -> Response:
    if not _authorised(settings, authorization):
        if settings.update_token is None:
            message = "this SPARQL endpoint is read-only (no update token is configured)"
        else:
            message = "SPARQL Update needs the header 'Authorization: Bearer <update token>'"
        raise HTTPException(403, message)
    _check_size(update)
    store.update(update)
    return Response(status_code=204)


def _no_query(request: Request) -> Response:
    if prefers_html(request.headers.get("accept")):
        return render_sparql_page(request)
    raise QueryError(
        "no SPARQL query given: pass it as ?query=..., as the form field 'query', "
        "or as a body of type application/sparql-query"
    )


_QUERY_DESCRIPTION = "A SPARQL 1.1 query, run over the union of all named graphs."


@router.get(
    "/sparql",
    summary="Run a SPARQL query (read-only)",
    response_class=Response,
    responses={
        200: {
            "description": "Query results in the negotiated format",
            "content": {media: {} for media in (*RESULTS_FORMATS, *GRAPH_FORMATS)},
        },
        400: {"description": "Malformed or missing query"},
    },
)
def sparql_get(
    request: Request,
    store: StoreDep,
    query: Annotated[str | None, Query(description=_QUERY_DESCRIPTION)] = None,
    accept: Annotated[str | None, Header()] = None,
) -> Response:
    if not query:
        return _no_query(request)
    return _run_query(store, query, accept)


@router.post(
    "/sparql",
    summary="Run a SPARQL query, or an update with the bearer token",
    response_class=Response,
    responses={
        200: {"description": "Query results in the negotiated format"},
        204: {"description": "The update was applied"},
        400: {"description": "Malformed or missing query"},
        403: {"description": "An update without the right bearer token"},
        413: {"description": "The request is too large"},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "schema": {
                        "type": "object",
                        "properties": {"query": {"type": "string"}, "update": {"type": "string"}},
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
    accept: Annotated[str | None, Header()] = None,
    authorization: Annotated[str | None, Header()] = None,
) -> Response:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_REQUEST_BYTES:
        raise HTTPException(
            413, f"the request is {declared} bytes; at most {MAX_REQUEST_BYTES} are accepted"
        )
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    query: str | None = None
    update: str | None = None
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
        return await run_in_threadpool(_run_query, store, query, accept)
    return _no_query(request)
