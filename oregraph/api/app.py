"""The web app: ``create_app(settings, store)`` builds a FastAPI app over one store.

Nothing is built at import time: every caller (``oregraph serve``, each test)
makes its own app, and the store lives on ``app.state``.

Every error, whatever raised it, answers with one JSON shape::

    {"error": {"type": "EntityNotFound", "message": "no entity with id 'org-x' ..."}}

:class:`~oregraph.errors.OregraphError` subclasses map to a 4xx status through
:data:`ERROR_STATUS`; an ambiguous name adds ``"candidates": [{"id", "label"}]``.
Anything else is a programming or engine fault: it is logged with its
traceback and answered with 500 and a generic message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from oregraph import __version__
from oregraph.errors import (
    AmbiguousEntity,
    EntityNotFound,
    Forbidden,
    InputError,
    OregraphError,
    QueryError,
    QueryTimeout,
    ResultTooLarge,
    StoreBusy,
    StoreError,
    Unauthorized,
)
from oregraph.graph.ids import iri_to_id
from oregraph.graph.interface import GraphStore, QueryRunner
from oregraph.graph.store import Store
from oregraph.settings import Settings

__all__ = ["create_app", "ERROR_STATUS", "HTTP_ERROR_TYPES", "error_body"]

log = logging.getLogger(__name__)

#: HTTP status of each oregraph error, most specific first; other OregraphErrors get 400.
ERROR_STATUS: tuple[tuple[type[OregraphError], int], ...] = (
    (QueryTimeout, 503),
    (ResultTooLarge, 422),
    (QueryError, 400),
    (Unauthorized, 401),
    (Forbidden, 403),
    (EntityNotFound, 404),
    (AmbiguousEntity, 409),
    (InputError, 422),
    (StoreError, 503),
)

_DESCRIPTION = """\
Who owns, runs and partners with whom in mining and metals, read from press releases.

* `/entities?q=NAME` finds entities by name, alias or ticker; `/entities/{id}` shows
  one with its facts and their sources; `/owners` and `/holdings` give direct and
  ultimate (look-through) stakes; `/graph` draws its neighbourhood.
* `/sparql` is a SPARQL 1.1 Protocol endpoint over the union of all announcements
  (read-only; SPARQL Update with the bearer token). Queries have a time limit and a
  result cap: 503 `QueryTimeout` and 422 `ResultTooLarge` say what to change.
* `POST /announcements` reads a text announcement into the graph (bearer token).

Errors always answer `{"error": {"type": ..., "message": ...}}`.
"""


def error_body(type_: str, message: str, **extra: Any) -> dict[str, Any]:
    """The one error shape: ``{"error": {"type": ..., "message": ..., **extra}}``."""
    return {"error": {"type": type_, "message": message, **extra}}


def _status_of(exc: OregraphError) -> int:
    for cls, status in ERROR_STATUS:
        if isinstance(exc, cls):
            return status
    return 400


def _candidate(candidate: Any, base: str) -> dict[str, str]:
    ref, label = (candidate[0], candidate[1]) if len(candidate) > 1 else (candidate[0], "")
    ref = str(ref)
    entity_id = iri_to_id(ref, base) if ":" in ref else ref
    return {"id": entity_id, "label": str(label)}


def _page_error(request: Request, status: int, message: str) -> Response | None:
    """An HTML error page for a browser on an HTML route (the JSON shape for everyone else)."""
    from oregraph.api.routes.pages import templates
    from oregraph.api.routes.sparql import prefers_html

    path = request.url.path
    html_route = path == "/" or path.endswith(("/page", "/graph")) or path.startswith("/views/")
    if not (html_route and prefers_html(request.headers.get("accept"))):
        return None
    try:
        title = HTTPStatus(status).phrase.capitalize()  # "Not found", "Bad request"
    except ValueError:
        title = "Error"
    return templates.TemplateResponse(request, "error.html", {"title": title, "message": message},
                                      status_code=status)


async def _oregraph_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, OregraphError)
    extra: dict[str, Any] = {}
    if isinstance(exc, AmbiguousEntity):
        base = request.app.state.settings.base_iri
        extra["candidates"] = [_candidate(c, base) for c in exc.candidates]
    status = _status_of(exc)
    if status >= 500:
        log.warning("%s on %s %s: %s", type(exc).__name__, request.method, request.url.path, exc)
    headers: dict[str, str] = {}
    if isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = 'Bearer realm="oregraph"'
    if isinstance(exc, (StoreBusy, QueryTimeout)):
        headers["Retry-After"] = "5"
    page = _page_error(request, status, str(exc))
    if page is not None:
        return page
    return JSONResponse(
        error_body(type(exc).__name__, str(exc), **extra), status_code=status, headers=headers
    )


#: Error types of HTTP errors raised by the framework or the routes, stable across
#: Python versions (whose status phrases change); others use the status phrase.
HTTP_ERROR_TYPES: dict[int, str] = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    406: "NotAcceptable",
    413: "PayloadTooLarge",
    415: "UnsupportedMediaType",
    422: "ValidationError",
    500: "InternalError",
}


def _http_error_type(status: int) -> str:
    if status in HTTP_ERROR_TYPES:
        return HTTP_ERROR_TYPES[status]
    try:
        return HTTPStatus(status).phrase.title().replace(" ", "").replace("-", "")
    except ValueError:
        return "HTTPError"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    kind = _http_error_type(exc.status_code)
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    page = _page_error(request, exc.status_code, message)
    if page is not None:
        return page
    return JSONResponse(
        error_body(kind, message), status_code=exc.status_code, headers=exc.headers
    )


def _describe_validation(errors: Any) -> str:
    parts = []
    for err in errors:
        loc = [str(x) for x in err.get("loc", ())]
        where = f"{loc[0]} parameter '{'.'.join(loc[1:])}'" if len(loc) > 1 else ".".join(loc)
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    message = _describe_validation(exc.errors())
    page = _page_error(request, 422, message)
    if page is not None:
        return page
    return JSONResponse(error_body("ValidationError", message), status_code=422)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(
        error_body("InternalError", "an internal error occurred; it has been logged"),
        status_code=500,
    )


def _warm_up(store: GraphStore) -> None:
    """Fill the per-generation caches (the ownership projection, the entity name index)."""
    from oregraph.graph import entities, ownership

    try:
        ownership.ownership_graph(store)  # type: ignore[arg-type]
        entities.search(store, "", limit=1)  # type: ignore[arg-type]
    except OregraphError as error:  # a cold cache is only slower; requests report the fault
        log.warning("warming the caches failed (%s); they fill on first use", error)


def create_app(settings: Settings | None = None, store: GraphStore | None = None, *,
               warm: bool = False) -> FastAPI:
    """A FastAPI app over ``store``, or over the store that ``settings`` names.

    With neither, settings come from the environment (``OREGRAPH_*``) and the
    store is opened from ``settings.store`` (a folder, or the URL of a SPARQL
    server). A store the app opened is closed when the app shuts down; a store
    handed in is left to the caller. Request bodies are limited to
    ``settings.max_request_bytes`` (:mod:`oregraph.api.limits`). With ``warm``
    (what ``oregraph serve`` asks for), the ownership projection and the entity
    name index are built in the background at start-up, so the first request
    does not wait for them.
    """
    from oregraph.api import limits
    from oregraph.api.routes import announcements, entities, graph, health, pages, sparql

    if settings is None:
        settings = store.settings if store is not None else Settings()
    owned = store is None
    if store is None:
        store = Store.open(settings=settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:  # build the ownership projection now, not on the first user's request
            threading.Thread(target=_warm_up, args=(app.state.store,), name="oregraph-warm-up",
                             daemon=True).start()
        try:
            yield
        finally:
            if owned:  # a store handed in belongs to the caller
                app.state.store.close()

    app = FastAPI(
        title="oregraph", version=__version__, description=_DESCRIPTION, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.store = store
    app.state.query_runner = QueryRunner.from_settings(settings)

    app.add_exception_handler(OregraphError, _oregraph_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected_error)

    app.include_router(health.router)
    app.include_router(entities.router)
    app.include_router(graph.router)
    app.include_router(sparql.router)
    app.include_router(announcements.router)
    app.include_router(pages.router)
    limits.install(app, settings.max_request_bytes)
    return app
