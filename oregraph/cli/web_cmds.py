"""``oregraph viz``, ``serve`` and ``demo``: graph pages and the web server."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from oregraph.cli.common import StoreOpt, app, fail, open_store
from oregraph.errors import InputError, OregraphError


class View(str, Enum):
    neighbourhood = "neighbourhood"
    ownership = "ownership"
    commodity = "commodity"
    partners = "partners"
    all = "all"


@app.command()
def viz(
    entity: Annotated[str | None, typer.Argument(help="The entity (or commodity) to centre on.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("oregraph.html"),
    view: Annotated[View | None, typer.Option(
        "--view", help="neighbourhood (default with ENTITY), ownership, commodity, partners, "
        "all (default without ENTITY).")] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, max=6, help="Hops around ENTITY.")] = 2,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=10, help="Most nodes drawn.")] = 2000,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", help="With --view all: only these kinds (Company, Plant, Mine...); repeatable.")] = None,
    commodity: Annotated[str | None, typer.Option(help="With --view all: one commodity and what touches it.")] = None,
    country: Annotated[str | None, typer.Option(help="With --view all: entities located in this place.")] = None,
    since: Annotated[str | None, typer.Option(help="With --view all: facts announced on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="With --view all: facts announced on or before (YYYY-MM-DD).")] = None,
    store: StoreOpt = None,
) -> None:
    """Write an interactive graph page that works offline (no CDN).

    Example: oregraph viz "Investissement Québec" --view ownership -o iq.html
    """
    from oregraph.graph import entities, viz as pages
    from oregraph.graph.commodity_view import commodity_graph
    from oregraph.graph.neighbourhood import entity_graph
    from oregraph.graph.overview import whole_graph
    from oregraph.graph.partners import partnership_view
    from oregraph.graph.tree_view import ownership_tree

    chosen = view or (View.neighbourhood if entity else View.all)
    with open_store(store) as st:
        summary = entities.resolve(st, entity) if entity else None
        if chosen in (View.neighbourhood, View.ownership, View.commodity) and summary is None:
            fail(InputError(f"--view {chosen.value} needs an ENTITY; give its name, ticker or id"))
            return
        hierarchical = False
        if chosen is View.neighbourhood:
            assert summary is not None
            graph = entity_graph(st, summary.iri, depth=depth, max_nodes=max_nodes)
            title = f"{summary.label}: neighbourhood"
        elif chosen is View.ownership:
            assert summary is not None
            graph, title, hierarchical = ownership_tree(st, summary.iri), f"{summary.label}: ownership", True
        elif chosen is View.commodity:
            assert summary is not None
            graph, title = commodity_graph(st, summary.iri), f"{summary.label}: plants, mines and projects"
        elif chosen is View.partners:
            graph = partnership_view(st, summary.iri if summary else None, depth)
            title = f"{summary.label}: partners" if summary else "Partnership network"
        else:
            graph = whole_graph(
                st, types=type_ or (),
                commodity=entities.resolve(st, commodity).iri if commodity else None,
                country=entities.resolve(st, country).iri if country else None,
                since=since, until=until,
            )
            filters = graph.graph.get("filters") or []
            title = "oregraph" + (": " + "; ".join(filters) if filters else "")
        html = pages.render_graph_page(
            graph, title, focus=summary.iri if summary else None, max_nodes=max_nodes,
            hierarchical=hierarchical, entity_url=None,
        )
    pages.write_graph_page(output, html)
    typer.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the API, the SPARQL endpoint and the graph pages.

    Example: oregraph serve --store ./graph --port 8000
    """
    import uvicorn

    from oregraph.api.app import create_app
    from oregraph.graph.store import Store
    from oregraph.settings import Settings

    settings = Settings(**({"store": store} if store else {}))
    try:
        st = Store.open(settings.store, settings)
    except OregraphError as exc:
        fail(exc)
        return
    # a remote store's url has any credentials removed; never print the raw setting
    where = getattr(st, "url", settings.store)
    typer.echo(f"oregraph on http://{host}:{port}/ (store {where}, SPARQL at /sparql)")
    uvicorn.run(create_app(settings, st, warm=True), host=host, port=port, log_level="info")


@app.command()
def demo(
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on (or set PORT).", envvar="PORT")] = 8000,
    store: Annotated[Path, typer.Option(help="Demo store folder.")] = Path("demo-store"),
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Only ingest the samples.")] = False,
) -> None:
    """Ingest the bundled sample announcements into a demo store and serve it.

    Example: oregraph demo --port 8001
    """
    from oregraph.ingest.batch import ingest_paths
    from oregraph.ingest.samples import samples_dir

    with open_store(str(store), create=True) as st:
        report = ingest_paths(st, [samples_dir()])
    typer.echo(f"demo store {store}: ingested {len(report.ingested)}, already there {len(report.skipped)}, "
               f"failed {len(report.failed)}")
    for name, reason in report.failed:
        typer.echo(f"failed: {name}: {reason}", err=True)
    if not no_serve:
        serve(store=str(store), host=os.environ.get("HOST", "127.0.0.1"), port=port)
