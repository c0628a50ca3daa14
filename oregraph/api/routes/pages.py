"""HTML pages for people: home with search, entity, commodity and announcement pages,
graph views and the SPARQL page.

Rendered with Jinja2 from ``oregraph/api/templates/`` with autoescaping on;
the pages use inline CSS (and the SPARQL page a small inline script), no
external assets, so they work offline. ``GET /sparql`` itself is routed by
:mod:`oregraph.api.routes.sparql`, which calls :func:`render_sparql_page` when
a browser asks for it without a query. The graph views (``/views/...``) live
in :mod:`oregraph.api.routes.view_pages` and are included in this router.

| page | shows |
|---|---|
| ``/`` | search by name, alias or ticker; latest announcements; commodities; the whole-graph filter form |
| ``/entities/{id}/page`` | facts with sources, owners and holdings with effective shares, the neighbourhood graph (a commodity also lists its plants, mines and projects) |
| ``/announcements/{id}/page`` | the announcement's text with every extracted fact highlighted |
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from oregraph.api.deps import SettingsDep, StoreDep
from oregraph.api.routes import view_pages
from oregraph.errors import EntityNotFound, QueryError
from oregraph.graph import entities, ownership
from oregraph.graph.announcement_view import announcement_view, latest_announcements
from oregraph.graph.commodity_view import commodity_assets
from oregraph.graph.entities import FactView
from oregraph.graph.ids import id_to_iri
from oregraph.graph.neighbourhood import count_announcements, count_entities, well_connected
from oregraph.graph.viz import format_share, script_json

__all__ = ["router", "templates", "render_sparql_page", "SPARQL_EXAMPLES", "PREDICATE_PHRASES",
           "humanise"]

router = APIRouter(tags=["pages"], include_in_schema=False)
router.include_router(view_pages.router)

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _share(value: Any) -> str:
    return format_share(value) or "unknown"


_env = Environment(
    loader=FileSystemLoader(_TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True, default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals["share"] = _share
_env.filters["humanise"] = lambda name: humanise(str(name))
templates = Jinja2Templates(env=_env)

#: How a fact reads from the entity's side: (predicate, direction) -> phrase.
PREDICATE_PHRASES: dict[tuple[str, str], str] = {
    ("ownsStakeIn", "out"): "owns a stake in",
    ("ownsStakeIn", "in"): "stake held by",
    ("subsidiaryOf", "out"): "subsidiary of",
    ("subsidiaryOf", "in"): "parent of",
    ("partnerOf", "out"): "partner of",
    ("partnerOf", "in"): "partner of",
    ("acquires", "out"): "acquires",
    ("acquires", "in"): "acquired by",
    ("officerOf", "out"): "officer of",
    ("officerOf", "in"): "officer",
    ("operates", "out"): "operates",
    ("operates", "in"): "operated by",
    ("commodity", "out"): "commodity",
    ("commodity", "in"): "commodity of",
    ("locatedIn", "out"): "located in",
    ("locatedIn", "in"): "location of",
    ("listing", "out"): "listed as",
}

#: The example queries offered on the SPARQL page.
SPARQL_EXAMPLES: list[dict[str, str]] = [
    {
        "title": "Owners of a plant",
        "query": """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
# Who holds a stake in each plant or mine, and how much
SELECT DISTINCT ?facility ?facilityName ?owner ?ownerName ?share WHERE {
  VALUES ?kind { og:Plant og:Mine }
  ?facility a ?kind ; rdfs:label ?facilityName .
  ?stake a og:Shareholding ; og:held ?facility ; og:holder ?owner .
  ?owner rdfs:label ?ownerName .
  OPTIONAL { ?stake og:share ?share }
}
ORDER BY ?facilityName DESC(?share)
LIMIT 100""",
    },
    {
        "title": "State-owned enterprises",
        "query": """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?name ?kind WHERE {
  VALUES ?kind { og:StateOwnedEnterprise og:CrownCorporation og:GovernmentBody }
  ?entity a ?kind ; rdfs:label ?name .
}
ORDER BY ?name
LIMIT 200""",
    },
    {
        "title": "Partners of a company",
        "query": """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
# Change the name to look at another company
SELECT DISTINCT ?companyName ?partnerName ?kind ?status ?announced WHERE {
  ?company rdfs:label ?companyName .
  FILTER(CONTAINS(LCASE(?companyName), "albecour"))
  ?agreement og:party ?company , ?partner ; a ?kind .
  FILTER(?partner != ?company && STRSTARTS(STR(?kind), STR(og:)))
  ?partner rdfs:label ?partnerName .
  OPTIONAL { ?agreement og:status ?status }
  OPTIONAL { ?agreement <http://www.w3.org/ns/prov#wasDerivedFrom>/dcterms:date ?announced }
}
ORDER BY ?companyName ?partnerName
LIMIT 200""",
    },
    {
        "title": "Listings",
        "query": """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?exchange ?ticker ?company ?name WHERE {
  ?company og:listing ?listing ; rdfs:label ?name .
  ?listing og:ticker ?ticker .
  OPTIONAL { ?listing og:exchange ?exchange }
}
ORDER BY ?exchange ?ticker
LIMIT 500""",
    },
]

#: Kinds offered in the home page's search form.
_SEARCH_TYPES = (
    "Company", "StateOwnedEnterprise", "GovernmentBody", "Plant", "Mine", "Project", "Person",
    "Place", "Commodity",
)


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon, and no 404 in the browser's console for one."""
    return Response(status_code=204)


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query(max_length=500)] = "",
    type: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    results: list[entities.EntitySummary] = []
    error = None
    searched = bool(q.strip() or type)
    if searched:
        try:
            results = entities.search(store, q, type=type or None, limit=100)
        except QueryError as exc:  # an unknown kind typed into the URL
            error = str(exc)
    examples = []
    for iri in well_connected(store, limit=8):
        try:
            examples.append(entities.summary_of(store, iri))
        except entities.EntityNotFound:
            continue
    commodities = entities.search(store, "", type="Commodity", limit=200)
    return templates.TemplateResponse(
        request,
        "home.html",
        {
            "q": q,
            "type": type,
            "types": _SEARCH_TYPES,
            "searched": searched,
            "results": results,
            "error": error,
            "examples": examples,
            "entity_count": count_entities(store),
            "announcement_count": count_announcements(store),
            "latest": latest_announcements(store, limit=12),
            "commodities": commodities,
            "kinds": _SEARCH_TYPES,
        },
    )


def _safe_url(url: str | None) -> str | None:
    """The URL when it is a web address to link to (never ``javascript:``, ``file:`` ...)."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

#: Predicates whose facts may carry a share.
_SHARE_PREDICATES = frozenset({"ownsStakeIn", "subsidiaryOf", "acquires"})


def humanise(name: str) -> str:
    """An og class name as words: ``'StateOwnedEnterprise'`` -> ``'State owned enterprise'``."""
    words = _CAMEL.sub(" ", name).split()
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else name


def _fact_row(fact: FactView) -> dict[str, Any]:
    """One row of an entity's facts table."""
    details = []
    if fact.agreement_type:
        details.append(humanise(fact.agreement_type))
    if fact.title:
        details.append(fact.title)
    if fact.date:
        details.append(f"{fact.status or 'dated'} {fact.date}")
    elif fact.status:
        details.append(fact.status)
    if fact.controlling:
        details.append("controlling")
    return {
        "fact": fact,
        "phrase": PREDICATE_PHRASES.get((fact.predicate, fact.direction), fact.predicate),
        "share": _share(fact.share) if fact.predicate in _SHARE_PREDICATES else "",
        "details": details,
        "link": fact.predicate != "listing",
        "source_url": _safe_url(fact.announcement.source) if fact.announcement else None,
        "announcement_id": fact.announcement.id if fact.announcement else None,
    }


#: Most owners (or holdings) listed on an entity page, and chains shown per row.
_ROWS_SHOWN = 200
_PATHS_SHOWN = 3


def _report_rows(store: Any, report: dict[str, Any]) -> dict[str, Any]:
    """One row per other entity: its direct share, its effective share and the paths between.

    Reads only ``OwnershipReport.to_json()``, the ownership module's public shape.
    """
    labels = {report["entity"]["id"]: report["entity"]["label"]}
    for item in [*report.get("direct", []), *report.get("ultimate", [])]:
        labels[item["id"]] = item["label"]
    base = store.settings.base_iri

    def label(entity_id: str) -> str:
        if entity_id not in labels:
            try:
                labels[entity_id] = entities.summary_of(store, id_to_iri(entity_id, base)).label
            except EntityNotFound:
                labels[entity_id] = entity_id
        return labels[entity_id]

    rows: dict[str, dict[str, Any]] = {}
    for stake in report.get("direct", []):
        rows[stake["id"]] = {
            "id": stake["id"], "label": stake["label"], "direct": True, "share": stake.get("share"),
            "relation": stake.get("relation"), "ultimate": False, "effective": None,
            "partial": False, "paths": [],
        }
    for end in report.get("ultimate", []):
        row = rows.setdefault(end["id"], {
            "id": end["id"], "label": end["label"], "direct": False, "share": None,
            "relation": None, "partial": False, "paths": [],
        })
        row.update(ultimate=True, effective=end.get("effective_share"),
                   partial=bool(end.get("partially_unknown")))
        chains = [path for path in end.get("paths") or [] if len(path) > 2]
        row["paths"] = [" → ".join(label(i) for i in path) for path in chains[:_PATHS_SHOWN]]
        row["more_paths"] = max(len(chains) - _PATHS_SHOWN, 0)
    ordered = sorted(rows.values(), key=lambda r: (
        -(r["effective"] if r["effective"] is not None else -1.0),
        -(r["share"] if r["share"] is not None else -1.0),
        r["label"].casefold(),
    ))
    return {"direction": report.get("direction"), "rows": ordered[:_ROWS_SHOWN],
            "hidden": max(len(ordered) - _ROWS_SHOWN, 0),
            "truncated": bool(report.get("truncated"))}


@router.get("/entities/{entity_id}/page", response_class=HTMLResponse)
def entity_page(
    request: Request, store: StoreDep, settings: SettingsDep, entity_id: str
) -> HTMLResponse:
    iri = id_to_iri(entity_id, settings.base_iri)
    detail = entities.entity_detail(store, iri)
    owners = ownership.owners(store, iri).to_json()
    holdings = ownership.holdings(store, iri).to_json()
    is_commodity = "Commodity" in detail.summary.types
    return templates.TemplateResponse(
        request,
        "entity.html",
        {
            "entity": detail.summary,
            "facts": [_fact_row(f) for f in detail.facts],
            "owners": _report_rows(store, owners),
            "holdings": _report_rows(store, holdings),
            "assets": commodity_assets(store, iri) if is_commodity else None,
            "graph_url": (
                f"/views/commodity/{quote(detail.summary.id, safe='')}" if is_commodity
                else f"/views/neighbourhood/{quote(detail.summary.id, safe='')}"
            ),
            "is_commodity": is_commodity,
            "has_partners": any(f.predicate == "partnerOf" for f in detail.facts),
            "has_ownership": bool(owners.get("direct") or holdings.get("direct")),
        },
    )


@router.get("/commodities/{entity_id}/page", response_class=HTMLResponse)
def commodity_page(
    request: Request, store: StoreDep, settings: SettingsDep, entity_id: str
) -> HTMLResponse:
    """A commodity's page: its plants, mines and projects with owners, and their graph."""
    iri = id_to_iri(entity_id, settings.base_iri)
    summary = entities.summary_of(store, iri)
    if "Commodity" not in summary.types:
        raise EntityNotFound(
            f"{entity_id!r} is not a commodity; open /entities/{entity_id}/page instead"
        )
    return entity_page(request, store, settings, entity_id)


@router.get("/announcements/{announcement_id}/page", response_class=HTMLResponse)
def announcement_page(
    request: Request, store: StoreDep, settings: SettingsDep, announcement_id: str
) -> HTMLResponse:
    """The announcement's text with every extracted fact highlighted at its offsets."""
    view = announcement_view(store, id_to_iri(announcement_id, settings.base_iri))
    segments: list[dict[str, Any]] = []
    anchors: dict[int, str] = {}
    for k, segment in enumerate(view.segments):
        facts = [view.facts[i] for i in segment.facts]
        for fact in facts:
            anchors.setdefault(fact.number, f"text-{k}")
        segments.append({
            "text": segment.text,
            "id": f"text-{k}" if facts else None,
            "numbers": " ".join(str(f.number) for f in facts),
            "title": "\n".join(f"{f.number}. {f.summary}" for f in facts),
        })
    return templates.TemplateResponse(
        request,
        "announcement.html",
        {
            "ann": view,
            "segments": segments,
            "anchors": anchors,
            "source_url": _safe_url(view.ref.source),
            "unlocated": [f for f in view.facts if not f.located],
        },
    )


def render_sparql_page(request: Request, query: str = "") -> HTMLResponse:
    """The SPARQL page: a query box, example queries and results drawn by a small script."""
    settings = request.app.state.settings
    return templates.TemplateResponse(
        request,
        "sparql.html",
        {
            "examples": SPARQL_EXAMPLES,
            "query": query or SPARQL_EXAMPLES[0]["query"],
            "page_json": script_json({"examples": SPARQL_EXAMPLES, "base": settings.base_iri}),
        },
    )
