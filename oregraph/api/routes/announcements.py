"""``POST /announcements``: read one text announcement into the graph (needs the update token).

The body is the announcement's text (``text/plain``; ``source``, ``title``,
``date`` and ``publisher`` may come as URL parameters) or JSON
``{"text", "source", "title", "date", "publisher"}``. It is ingested exactly
as ``oregraph ingest`` does (:func:`oregraph.ingest.batch.ingest_announcement`):
extracted, resolved against the entities already stored and written as one
named graph in one transaction. Posting the same text again changes nothing
(the graph is named by the text's hash): the answer is then 200 with
``"created": false`` instead of 201.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool

from oregraph.api.deps import SettingsDep, StoreDep, WriterDep
from oregraph.errors import InputError
from oregraph.graph.ids import iri_to_id
from oregraph.ingest.text import looks_binary

__all__ = ["router", "AnnouncementIn", "AnnouncementOut"]

router = APIRouter(tags=["announcements"])


class AnnouncementIn(BaseModel):
    """An announcement posted as JSON."""

    text: str = Field(description="The announcement's full text.")
    source: str | None = Field(
        None, description="Where it was published (an IRI); default urn:sha256:<text hash>.",
        examples=["https://example.com/news/2024-02-01-acquisition"],
    )
    title: str | None = None
    date: dt.date | None = Field(None, description="Publication date, YYYY-MM-DD.")
    publisher: str | None = None


class AnnouncementOut(BaseModel):
    id: str = Field(description="The announcement's id (its named graph is `iri`).")
    iri: str
    created: bool = Field(description="False when the same text was already stored.")
    quads_added: int
    merges: list[dict[str, str]] = Field(
        [], description="Names resolved to entities already in the store, and why."
    )


def _source_iri(source: str | None, text_hash: str) -> str:
    if source is None or not source.strip():
        return f"urn:sha256:{text_hash}"
    import pyoxigraph as ox

    source = source.strip()
    try:
        ox.NamedNode(source)
    except ValueError:
        raise InputError(
            f"source {source!r} is not an IRI; give the announcement's URL "
            "(https://...) or leave it out"
        ) from None
    if ":" not in source:
        raise InputError(f"source {source!r} is not an absolute IRI; give a full URL")
    return source


async def _read_body(request: Request, max_bytes: int, params: dict[str, Any]) -> AnnouncementIn:
    raw = await request.body()
    if len(raw) > max_bytes:
        raise HTTPException(413, 
            f"the announcement is {len(raw):,} bytes; at most {max_bytes:,} are accepted "
            "(OREGRAPH_MAX_ANNOUNCEMENT_BYTES); send a shorter text"
        )
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if raw.strip() and looks_binary(raw):  # refused as `oregraph ingest` refuses a binary file
        raise InputError("the body looks like a binary file, not a text announcement; "
                         "binary content is refused: send the announcement as UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("the body is not UTF-8 text; send the announcement as UTF-8") from None
    try:
        if content_type == "application/json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError as error:
                raise InputError(f"the body is not valid JSON ({error.msg}); send {{\"text\": ...}}") from None
            if not isinstance(data, dict):
                raise InputError('the JSON body must be an object such as {"text": "..."}')
            return AnnouncementIn.model_validate(data)
        if content_type in ("text/plain", ""):
            return AnnouncementIn.model_validate({"text": text, **params})
    except ValidationError as error:
        parts = [f"{'.'.join(str(x) for x in e['loc']) or 'body'}: {e['msg']}" for e in error.errors()]
        raise InputError("; ".join(parts)) from None
    raise InputError(
        f"cannot read a body of type {content_type!r}; send text/plain or application/json"
    )


@router.post(
    "/announcements",
    summary="Ingest one announcement (needs the update token)",
    response_model=AnnouncementOut,
    status_code=201,
    responses={
        200: {"description": "The same text was already stored; nothing changed"},
        401: {"description": "No bearer token"},
        403: {"description": "Wrong token, or no token is configured"},
        413: {"description": "The request is too large"},
        422: {"description": "No text, a bad date or source, or an unreadable body"},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "text/plain": {"schema": {"type": "string"}},
                "application/json": {"schema": AnnouncementIn.model_json_schema()},
            },
            "required": True,
        }
    },
)
async def post_announcement(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    _writer: WriterDep,
    source: Annotated[str | None, Query(description="For a text/plain body: the source IRI.")] = None,
    title: Annotated[str | None, Query(description="For a text/plain body: the title.")] = None,
    date: Annotated[str | None, Query(description="For a text/plain body: YYYY-MM-DD.")] = None,
    publisher: Annotated[str | None, Query(description="For a text/plain body.")] = None,
) -> JSONResponse:
    from oregraph.ingest.batch import ingest_announcement
    from oregraph.ingest.records import Announcement

    params = {k: v for k, v in
              {"source": source, "title": title, "date": date, "publisher": publisher}.items()
              if v is not None}
    posted = await _read_body(request, settings.max_announcement_bytes, params)
    if not posted.text.strip():
        raise InputError("the announcement has no text; send its text in the body")
    text_hash = hashlib.sha256(posted.text.encode("utf-8")).hexdigest()
    announcement = Announcement(
        text=posted.text, source=_source_iri(posted.source, text_hash),
        title=posted.title, date=posted.date, publisher=posted.publisher,
    )
    graph, added, merges = await run_in_threadpool(ingest_announcement, store, announcement)
    created = added > 0
    body = AnnouncementOut(
        id=iri_to_id(graph, settings.base_iri), iri=graph, created=created, quads_added=added,
        merges=[{"name": name, "iri": iri, "reason": reason} for name, iri, reason in merges],
    )
    return JSONResponse(body.model_dump(), status_code=201 if created else 200)
