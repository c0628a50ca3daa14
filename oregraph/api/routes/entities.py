"""``/entities``: search, one entity with its facts, its owners and holdings, its graph page,
its state roll-up, its partners and the shortest path to another entity.

Entities are addressed by id, the one URL-safe path segment of their IRI
(``org-albecour``); search with ``/entities?q=NAME`` to find one. An id that
names nothing answers 404 with the usual error shape.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import HTMLResponse

from oregraph.api.deps import SettingsDep, StoreDep
from oregraph.api.models import (
    EntityOut, EntitySummaryOut, ErrorOut, GroupedHoldingsOut, OwnershipOut, PartnersOut, PathOut,
    StateOut,
)
from oregraph.graph import entities, exposure, ownership, paths, state, viz
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


def _entity_iri(settings: SettingsDep, entity_id: EntityId) -> str:
    return id_to_iri(entity_id, settings.base_iri)


#: The IRI of the entity named by the ``{entity_id}`` path segment (404 when the id is malformed).
EntityIri = Annotated[str, Depends(_entity_iri)]


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
    limit: Annotated[int, Query(ge=1, le=1000, description="Most entities in one page.")] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Entities to skip (paging).")] = 0,
) -> list[EntitySummaryOut]:
    found = entities.search(store, q, type=type or None, limit=limit, offset=offset)
    return [EntitySummaryOut.of(e) for e in found]


@router.get(
    "/{entity_id}",
    response_model=EntityOut,
    summary="One entity with every fact it takes part in and the sources",
    responses=_NOT_FOUND,
)
def get_entity(store: StoreDep, iri: EntityIri) -> EntityOut:
    return EntityOut.of_detail(entities.entity_detail(store, iri))


AsOf = Annotated[
    str | None,
    Query(description="Only facts from announcements dated on or before this date (YYYY-MM-DD).",
          examples=["2024-01-01"], max_length=40),
]
MaxDepth = Annotated[int | None, Query(ge=1, le=100, description="Follow at most this many steps.")]


@router.get(
    "/{entity_id}/owners",
    response_model=OwnershipOut,
    summary="Direct, indirect and ultimate owners, with integrated (look-through) shares",
    responses=_NOT_FOUND,
)
def get_owners(
    store: StoreDep, iri: EntityIri, as_of: AsOf = None, max_depth: MaxDepth = None,
) -> OwnershipOut:
    return OwnershipOut.model_validate(ownership.owners(store, iri, max_depth, as_of=as_of).to_json())


@router.get(
    "/{entity_id}/holdings",
    response_model=OwnershipOut | GroupedHoldingsOut,
    summary="What the entity holds, directly and through others, with integrated shares",
    description="With `by=commodity` or `by=country`, the holdings grouped (GroupedHoldingsOut).",
    responses=_NOT_FOUND,
)
def get_holdings(
    store: StoreDep, iri: EntityIri, as_of: AsOf = None, max_depth: MaxDepth = None,
    by: Annotated[Literal["commodity", "country"] | None, Query(
        description="Group the holdings by commodity or by country.")] = None,
) -> OwnershipOut | GroupedHoldingsOut:
    if by is not None:
        return GroupedHoldingsOut.model_validate(exposure.holdings_by(store, iri, by, as_of=as_of).to_json())
    return OwnershipOut.model_validate(ownership.holdings(store, iri, max_depth, as_of=as_of).to_json())


@router.get(
    "/{entity_id}/state",
    response_model=StateOut,
    summary="The share held by governments through crown corporations and state-owned enterprises",
    responses=_NOT_FOUND,
)
def get_state(store: StoreDep, iri: EntityIri, as_of: AsOf = None) -> StateOut:
    return StateOut.model_validate(state.state_share(store, iri, as_of=as_of).to_json())


@router.get(
    "/{entity_id}/partners",
    response_model=PartnersOut,
    summary="Partners with the agreements that join them and their dates",
    responses=_NOT_FOUND,
)
def get_partners(store: StoreDep, iri: EntityIri, as_of: AsOf = None) -> PartnersOut:
    return PartnersOut.model_validate(paths.partners(store, iri, as_of=as_of).to_json())


@router.get(
    "/{entity_id}/path",
    response_model=PathOut,
    summary="The shortest chain of stakes (either way) and partnerships to another entity",
    responses={404: {"model": ErrorOut, "description": "No entity has this id, or nothing joins the two"}},
)
def get_path(
    store: StoreDep, settings: SettingsDep, source: EntityIri,
    to: Annotated[str, Query(description="The id of the entity at the other end.", max_length=2048,
                             examples=["facility-aluminerie-alouette"])],
    as_of: AsOf = None,
    stakes_only: Annotated[bool, Query(description="Ignore partnerships.")] = False,
) -> PathOut:
    target = id_to_iri(to, settings.base_iri)
    report = paths.shortest_path(store, source, target, as_of=as_of, partnerships=not stakes_only)
    return PathOut.model_validate(report.to_json())


@router.get(
    "/{entity_id}/graph",
    response_class=HTMLResponse,
    summary="An offline HTML page drawing the entity's neighbourhood",
    # an HTML route's other answers would be documented as HTML too; its 404 is the JSON error shape
    responses={200: {"content": {"text/html": {}}},
               404: {**_NOT_FOUND[404], "content": {"application/json": {}}}},
)
def get_graph_page(
    store: StoreDep,
    iri: EntityIri,
    depth: Annotated[int, Query(ge=0, le=MAX_GRAPH_DEPTH, description="Hops from the entity.")] = 2,
) -> HTMLResponse:
    summary = entities.summary_of(store, iri)
    graph = entity_graph(store, iri, depth, max_nodes=GRAPH_NODE_CAP)
    page = viz.render_graph_page(
        graph,
        f"{summary.label}: neighbourhood, {depth} hop{'s' if depth != 1 else ''}",
        focus=iri,
        max_nodes=GRAPH_NODE_CAP,
        entity_url="/entities/{id}/page",
        announcement_url="/announcements/{id}/page",
    )
    return HTMLResponse(page)
