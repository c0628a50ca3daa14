"""``/entities``: search, one entity with its facts, its owners and holdings, its graph page.

Entities are addressed by id, the one URL-safe path segment of their IRI
(``org-albecour``); search with ``/entities?q=NAME`` to find one. An id that
names nothing answers 404 with the usual error shape.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import HTMLResponse

from oregraph.api.deps import SettingsDep, StoreDep
from oregraph.api.models import EntityOut, EntitySummaryOut, ErrorOut, OwnershipOut
from oregraph.graph import entities, ownership, viz
from oregraph.graph.ids import id_to_iri
from oregraph.graph.neighbourhood import entity_graph

__all__ = ["router", "MAX_GRAPH_DEPTH", "GRAPH_NODE_CAP"]

router = APIRouter(prefix="/entities", tags=["entities"])

#: Deepest neighbourhood the graph page draws.
MAX_GRAPH_DEPTH = 4
#: Most nodes the graph page draws (the nearest ones to the entity are kept).
GRAPH_NODE_CAP = 500

_NOT_FOUND = {404: {"model": ErrorOut, "description": "No entity has this id"}}

EntityId = Annotated[
    str,
    Path(
        description="The entity id: the last path segment of its IRI.",
        examples=["org-albecour"],
        max_length=2048,
    ),
]


@router.get(
    "",
    response_model=list[EntitySummaryOut],
    summary="Search entities by name, alias or ticker",
    responses={400: {"model": ErrorOut, "description": "Unknown entity type"}},
)
def search_entities(
    store: StoreDep,
    q: Annotated[
        str, Query(description="Text in a name, alias or ticker (case and accents ignored).",
                   max_length=500)
    ] = "",
    type: Annotated[
        str | None, Query(description="An og class, such as Company, Plant or Person; "
                          "subclasses are included.", max_length=200)
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
) -> list[EntitySummaryOut]:
    found = entities.search(store, q, type=type or None, limit=limit)
    return [EntitySummaryOut.of(e) for e in found]


@router.get(
    "/{entity_id}",
    response_model=EntityOut,
    summary="One entity with every fact it takes part in and the sources",
    responses=_NOT_FOUND,
)
def get_entity(store: StoreDep, settings: SettingsDep, entity_id: EntityId) -> EntityOut:
    iri = id_to_iri(entity_id, settings.base_iri)
    return EntityOut.of_detail(entities.entity_detail(store, iri))


@router.get(
    "/{entity_id}/owners",
    response_model=OwnershipOut,
    summary="Direct and ultimate owners, with effective shares",
    responses=_NOT_FOUND,
)
def get_owners(store: StoreDep, settings: SettingsDep, entity_id: EntityId) -> OwnershipOut:
    iri = id_to_iri(entity_id, settings.base_iri)
    return OwnershipOut.model_validate(ownership.owners(store, iri).to_json())


@router.get(
    "/{entity_id}/holdings",
    response_model=OwnershipOut,
    summary="What the entity holds, directly and through others, with effective shares",
    responses=_NOT_FOUND,
)
def get_holdings(store: StoreDep, settings: SettingsDep, entity_id: EntityId) -> OwnershipOut:
    iri = id_to_iri(entity_id, settings.base_iri)
    return OwnershipOut.model_validate(ownership.holdings(store, iri).to_json())


@router.get(
    "/{entity_id}/graph",
    response_class=HTMLResponse,
    summary="An offline HTML page drawing the entity's neighbourhood",
    responses={200: {"content": {"text/html": {}}}, **_NOT_FOUND},
)
def get_graph_page(
    store: StoreDep,
    settings: SettingsDep,
    entity_id: EntityId,
    depth: Annotated[int, Query(ge=0, le=MAX_GRAPH_DEPTH, description="Hops from the entity.")] = 2,
) -> HTMLResponse:
    iri = id_to_iri(entity_id, settings.base_iri)
    summary = entities.summary_of(store, iri)
    graph = entity_graph(store, iri, depth, max_nodes=GRAPH_NODE_CAP)
    page = viz.render_graph_page(
        graph,
        f"{summary.label}: neighbourhood, {depth} hop{'s' if depth != 1 else ''}",
        focus=iri,
        max_nodes=GRAPH_NODE_CAP,
        entity_url="/entities/{id}/page",
    )
    return HTMLResponse(page)
