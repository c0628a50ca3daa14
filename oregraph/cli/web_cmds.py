"""``oregraph viz``, ``serve`` and ``demo``: graph pages and the web server."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from oregraph.cli.common import StoreOpt, app, fail, open_store
from oregraph.errors import OregraphError


@app.command()
def viz(
    entity: Annotated[str | None, typer.Argument(help="Centre the page on this entity (default: whole graph).")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("oregraph.html"),
    depth: Annotated[int, typer.Option("--depth", min=1, max=6, help="Hops around ENTITY.")] = 2,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=10, help="Most nodes drawn.")] = 2000,
    store: StoreOpt = None,
) -> None:
    """Write an interactive graph page that works offline (no CDN).

    Example: oregraph viz "Investissement Québec" --depth 3 -o iq.html
    """
    from oregraph.graph import entities, neighbourhood, overview, viz as pages

    with open_store(store) as st:
        if entity:
            summary = entities.resolve(st, entity)
            graph = neighbourhood.entity_graph(st, summary.iri, depth=depth, max_nodes=max_nodes)
            html = pages.render_graph_page(graph, summary.label, focus=summary.iri, max_nodes=max_nodes,
                                           entity_url=None)
        else:
            graph = overview.whole_graph(st, max_nodes=max_nodes)
            html = pages.render_graph_page(graph, "oregraph", max_nodes=max_nodes, entity_url=None)
    pages.write_graph_page(output, html)
    typer.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
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
    typer.echo(f"oregraph on http://{host}:{port}/ (store {settings.store}, SPARQL at /sparql)")
    uvicorn.run(create_app(settings, st), host=host, port=port, log_level="info")


@app.command()
def demo(
    port: Annotated[int, typer.Option(help="Port to listen on (or set PORT).", envvar="PORT")] = 8000,
    store: Annotated[Path, typer.Option(help="Demo store folder.")] = Path("demo-store"),
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Only ingest the samples.")] = False,
) -> None:
    """Ingest the bundled sample announcements into a demo store and serve it.

    Example: oregraph demo --port 8001
    """
    from oregraph.ingest.batch import ingest_paths
    from oregraph.ingest.samples import samples_dir

    with open_store(str(store)) as st:
        report = ingest_paths(st, [samples_dir()])
    typer.echo(f"demo store {store}: ingested {len(report.ingested)}, already there {len(report.skipped)}, "
               f"failed {len(report.failed)}")
    for name, reason in report.failed:
        typer.echo(f"failed: {name}: {reason}", err=True)
    if not no_serve:
        serve(store=str(store), host=os.environ.get("HOST", "127.0.0.1"), port=port)
