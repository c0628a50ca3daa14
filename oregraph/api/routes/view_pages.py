"""Graph views as offline HTML pages: ``/views/...``, included by the pages router.

Every page is drawn by :func:`oregraph.graph.viz.render_graph_page` (vis-network
inline, no CDN); clicking a node opens its entity page, clicking an edge shows
its evidence with links to the announcement page and the source.

| page | draws |
|---|---|
| ``/views/neighbourhood/{id}?depth=2`` | every fact within ``depth`` hops |
| ``/views/ownership/{id}`` | owners above, holdings below, effective shares on edges (hierarchical) |
| ``/views/commodity/{id}`` | the commodity's plants, mines and projects with owners and operators |
| ``/views/partners?entity=ID&depth=2`` | the partnership network (all of it without ``entity``) |
| ``/views/all?type=&commodity=&country=&since=&until=`` | the whole graph, filtered |
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse

from oregraph.api.deps import SettingsDep, StoreDep
from oregraph.graph import entities, viz
from oregraph.graph.commodity_view import commodity_graph
from oregraph.graph.ids import id_to_iri
from oregraph.graph.neighbourhood import entity_graph
from oregraph.graph.overview import whole_graph
from oregraph.graph.partners import partnership_view
from oregraph.graph.tree_view import ownership_tree

__all__ = ["router", "VIEW_NODE_CAP", "WHOLE_NODE_CAP", "MAX_VIEW_DEPTH"]

router = APIRouter(prefix="/views", tags=["pages"], include_in_schema=False)

#: Most nodes an entity-centred view draws (the nearest ones are kept).
VIEW_NODE_CAP = 500
#: Most nodes the whole-graph view draws by default (the best-connected part is kept).
WHOLE_NODE_CAP = 5000
MAX_VIEW_DEPTH = 4

def _entity(store: StoreDep, settings: SettingsDep, entity_id: str) -> entities.EntitySummary:
    return entities.summary_of(store, id_to_iri(entity_id, settings.base_iri))


#: The entity named by the ``{entity_id}`` path segment (404 when there is none).
Entity = Annotated[entities.EntitySummary, Depends(_entity)]

_ENTITY_URL = "/entities/{id}/page"
_ANNOUNCEMENT_URL = "/announcements/{id}/page"


def _page(graph, title: str, *, focus: str | None = None, max_nodes: int = VIEW_NODE_CAP,
          hierarchical: bool = False, subtitle: str = "", notes: tuple[str, ...] = ()) -> HTMLResponse:  # type: ignore[no-untyped-def]
    return HTMLResponse(viz.render_graph_page(
        graph, title, focus=focus, max_nodes=max_nodes, hierarchical=hierarchical,
        entity_url=_ENTITY_URL, announcement_url=_ANNOUNCEMENT_URL, subtitle=subtitle,
        notes=notes,
    ))


@router.get("/neighbourhood/{entity_id}", response_class=HTMLResponse)
def neighbourhood_view(
    store: StoreDep, entity: Entity, depth: Annotated[int, Query(ge=0, le=MAX_VIEW_DEPTH)] = 2,
) -> HTMLResponse:
    graph = entity_graph(store, entity.iri, depth, max_nodes=VIEW_NODE_CAP)
    return _page(graph, f"{entity.label}: neighbourhood", focus=entity.iri,
                 subtitle=f"every fact within {depth} hop{'s' if depth != 1 else ''}")


@router.get("/ownership/{entity_id}", response_class=HTMLResponse)
def ownership_view(store: StoreDep, entity: Entity) -> HTMLResponse:
    tree = ownership_tree(store, entity.iri)
    return _page(tree, f"{entity.label}: ownership", focus=entity.iri, hierarchical=True,
                 subtitle="owners above, holdings below; edges show the stated share "
                          "and the effective share (eff.)")


@router.get("/commodity/{entity_id}", response_class=HTMLResponse)
def commodity_view(store: StoreDep, entity: Entity) -> HTMLResponse:
    graph = commodity_graph(store, entity.iri)
    return _page(graph, f"{entity.label}: plants, mines and projects", focus=entity.iri,
                 subtitle="with their operators and owners")


@router.get("/partners", response_class=HTMLResponse)
def partners_view(
    store: StoreDep, settings: SettingsDep,
    entity: Annotated[str, Query(max_length=2048)] = "",
    depth: Annotated[int, Query(ge=0, le=MAX_VIEW_DEPTH)] = 2,
) -> HTMLResponse:
    if entity:
        iri = id_to_iri(entity, settings.base_iri)
        summary = entities.summary_of(store, iri)
        graph = partnership_view(store, iri, depth)
        return _page(graph, f"{summary.label}: partners", focus=iri,
                     subtitle=f"agreements within {depth} step{'s' if depth != 1 else ''}")
    return _page(partnership_view(store), "Partnership network", max_nodes=WHOLE_NODE_CAP,
                 subtitle="who signed agreements with whom")


@router.get("/all", response_class=HTMLResponse)
def whole_view(
    store: StoreDep,
    type: Annotated[list[str], Query(max_length=200)] = [],  # noqa: B006 - FastAPI reads it
    commodity: Annotated[str, Query(max_length=500)] = "",
    country: Annotated[str, Query(max_length=500)] = "",
    since: Annotated[str, Query(max_length=20)] = "",
    until: Annotated[str, Query(max_length=20)] = "",
    max_nodes: Annotated[int, Query(ge=1, le=20000)] = WHOLE_NODE_CAP,
) -> HTMLResponse:
    commodity_iri = entities.resolve(store, commodity).iri if commodity.strip() else None
    country_iri = entities.resolve(store, country).iri if country.strip() else None
    graph = whole_graph(store, types=[t for t in type if t], commodity=commodity_iri,
                        country=country_iri, since=since or None, until=until or None)
    filters = graph.graph.get("filters") or []
    return _page(graph, "oregraph: the whole graph", max_nodes=max_nodes,
                 subtitle=("filtered: " + "; ".join(filters)) if filters else "no filter")
