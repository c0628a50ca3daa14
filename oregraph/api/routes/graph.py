"""``/graph``: whole-graph analytics: what changed since a date, the consistency report,
and the ownership graph as GraphML or GEXF.

Mounted by ``create_app`` with ``app.include_router(graph.router)``.
"""

from __future__ import annotations

import io
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from oregraph.api.deps import StoreDep
from oregraph.api.models import ChangeOut, CheckOut, ErrorOut
from oregraph.graph import consistency, graph_export, history

__all__ = ["router"]

router = APIRouter(prefix="/graph", tags=["graph"])

_BAD_DATE = {400: {"model": ErrorOut, "description": "A date is not YYYY-MM-DD"}}
AsOf = Annotated[
    str | None,
    Query(description="Only facts from announcements dated on or before this date (YYYY-MM-DD).",
          examples=["2024-01-01"], max_length=40),
]


@router.get(
    "/changes", response_model=list[ChangeOut], responses=_BAD_DATE,
    summary="Stakes and agreements stated by announcements dated since a date",
)
def get_changes(
    store: StoreDep,
    since: Annotated[str, Query(description="First announcement date (YYYY-MM-DD).", max_length=40,
                                examples=["2024-01-01"])],
    until: AsOf = None,
) -> list[ChangeOut]:
    return [ChangeOut.model_validate(c.to_json()) for c in history.changes(store, since, until=until)]


@router.get(
    "/check", response_model=CheckOut, responses=_BAD_DATE,
    summary="Consistency report: stakes over 100%, contradictions, cycles, orphans, weak facts",
)
def get_check(
    store: StoreDep, as_of: AsOf = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0, description="Report facts below this "
                                           "confidence that rest on one rule.")] = consistency.DEFAULT_MIN_CONFIDENCE,
) -> CheckOut:
    return CheckOut.model_validate(consistency.check(store, as_of=as_of, min_confidence=min_confidence).to_json())


_MEDIA = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}


@router.get(
    "/export", response_class=Response, responses={200: {"content": {m: {} for m in _MEDIA.values()}}, **_BAD_DATE},
    summary="The ownership graph (optionally with partnerships) as GraphML or GEXF, for Gephi",
)
def get_export(
    store: StoreDep, format: Literal["graphml", "gexf"] = "graphml", as_of: AsOf = None,
    partners: Annotated[bool, Query(description="Add partnership edges.")] = False,
) -> Response:
    out = io.BytesIO()
    graph_export.export_graph(store, out, format, as_of=as_of, partnerships=partners)
    return Response(
        out.getvalue(), media_type=_MEDIA[format],
        headers={"Content-Disposition": f'attachment; filename="oregraph.{format}"'},
    )
