"""The ``oregraph`` command: thin Typer commands over library functions.

Each command parses its options, calls one library function and prints the
result. An :class:`~oregraph.errors.OregraphError` becomes one line on stderr
and exit code 1; usage errors exit 2 (Typer's convention).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from oregraph.errors import OregraphError

app = typer.Typer(
    help="oregraph: a knowledge graph of who owns, runs and partners with whom in mining and metals.\n\n"
    "Example: oregraph ingest releases/ && oregraph owners \"Aluminerie Alouette\"",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[
    str | None,
    typer.Option("--store", "-s", help="Store folder (default: $OREGRAPH_STORE, else a per-user folder)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _fail(exc: OregraphError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


@contextmanager
def _open_store(store: str | None) -> Iterator[Any]:
    from oregraph.graph.store import Store

    try:
        st = Store.open(store)
    except OregraphError as exc:
        _fail(exc)
    try:
        yield st
    except OregraphError as exc:
        _fail(exc)
    finally:
        st.close()


@app.callback()
def main() -> None:
    """oregraph reads mining and metals announcements into a knowledge graph.

    Example: oregraph ingest releases/ && oregraph owners "Aluminerie Alouette"
    """


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Announcement files or folders (.txt).")],
    store: StoreOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and extract, write nothing.")] = False,
) -> None:
    """Read announcements into the store, one named graph each.

    Already-ingested announcements (same content) are skipped. Exits 1 when
    any input failed; the others are still ingested.

    Example: oregraph ingest releases/ --store ./graph
    """
    from oregraph.ingest.batch import ingest_paths

    with _open_store(store) as st:
        err = sys.stderr
        report = ingest_paths(st, paths, dry_run=dry_run,
                              progress=(lambda p: print(f"  reading {p}", file=err)) if err.isatty() else None)
    for name, reason in report.failed:
        typer.echo(f"failed: {name}: {reason}", err=True)
    verb = "would ingest" if dry_run else "ingested"
    typer.echo(f"read {report.read}, {verb} {len(report.ingested)}, skipped {len(report.skipped)} "
               f"(already ingested), failed {len(report.failed)}; {report.quads_added} quads added")
    for name, iri, reason in report.merges:
        typer.echo(f"merged {name!r} into {iri} ({reason})")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A .txt announcement.")],
    format: Annotated[str, typer.Option("--format", "-f", help="nquads, trig, turtle or json.")] = "trig",
    explain: Annotated[bool, typer.Option("--explain", help="List each fact with its rule and sentence.")] = False,
) -> None:
    """Print what would be ingested from FILE, storing nothing.

    Example: oregraph extract release.txt --format nquads
    """
    from oregraph.ingest.emit import to_dataset
    from oregraph.ingest.extract import extract as run
    from oregraph.ingest.text import read_text_file

    if format not in ("nquads", "trig", "turtle", "json"):
        raise typer.BadParameter("choose one of nquads, trig, turtle, json", param_hint="--format")
    try:
        ex = run(read_text_file(file))
    except OregraphError as exc:
        _fail(exc)
        return
    if explain:
        for f in ex.facts:
            s = ex.entities[f.subject].label
            o = f.object if f.predicate == "listedAs" else ex.entities[f.object].label
            quals = ", ".join(f"{k}={v}" for k, v in (("share", f.share), ("agreement", f.agreement),
                                                     ("status", f.status), ("title", f.title)) if v is not None)
            typer.echo(f"{s} --{f.predicate}--> {o}" + (f" [{quals}]" if quals else ""))
            typer.echo(f"    rule {f.rule} (confidence {f.confidence}), chars {f.sentence.start}-{f.sentence.end}:")
            typer.echo(f"    \"{f.sentence.text}\"")
        return
    ds = to_dataset(ex)
    fmt = {"json": "json-ld"}.get(format, format)
    sys.stdout.write(ds.serialize(format=fmt))


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query (or use --file).")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from this file.")] = None,
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
) -> None:
    """Run a SPARQL query over all announcements (their union is the default graph).

    Example: oregraph query 'PREFIX og: <https://w3id.org/oregraph/ontology#>
    SELECT ?h ?s WHERE { ?x og:holder ?h ; og:share ?s }'
    """
    if (sparql is None) == (file is None):
        raise typer.BadParameter("give a query as an argument or with --file, not both", param_hint="QUERY")
    if format not in ("table", "csv", "tsv", "json"):
        raise typer.BadParameter("choose one of table, csv, tsv, json", param_hint="--format")
    if file is not None:
        try:
            sparql = file.read_text(encoding="utf-8")
        except OSError as exc:
            raise typer.BadParameter(f"cannot read {file}: {exc.strerror}", param_hint="--file") from None
    import pyoxigraph as ox

    with _open_store(store) as st:
        result = st.query(sparql or "")
        if isinstance(result, ox.QueryBoolean):
            typer.echo("true" if bool(result) else "false")
            return
        if isinstance(result, ox.QueryTriples):
            out = io.BytesIO()
            ox.serialize(result, out, ox.RdfFormat.TURTLE)
            sys.stdout.write(out.getvalue().decode("utf-8"))
            return
        names = [v.value for v in result.variables]
        rows = [[_term_text(sol[n]) for n in names] for sol in result]
    _print_rows(names, rows, format)


def _term_text(term: Any) -> str:
    return "" if term is None else term.value


def _print_rows(names: list[str], rows: list[list[str]], format: str) -> None:
    if format == "json":
        typer.echo(json.dumps([dict(zip(names, r)) for r in rows], ensure_ascii=False, indent=2))
    elif format in ("csv", "tsv"):
        w = csv.writer(sys.stdout, delimiter="," if format == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        w.writerows(rows)
    else:
        widths = [min(60, max([len(n), *(len(r[i]) for r in rows)])) for i, n in enumerate(names)]
        typer.echo("  ".join(n.ljust(w) for n, w in zip(names, widths)))
        typer.echo("  ".join("-" * w for w in widths))
        for r in rows:
            typer.echo("  ".join(v[:w].ljust(w) for v, w in zip(r, widths)))
        typer.echo(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")


@app.command()
def export(
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="trig, nquads, turtle or jsonld.")] = "trig",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
) -> None:
    """Write the whole graph, with its named graphs where the format keeps them.

    Example: oregraph export --format nquads -o graph.nq
    """
    if format not in ("trig", "nquads", "turtle", "jsonld"):
        raise typer.BadParameter("choose one of trig, nquads, turtle, jsonld", param_hint="--format")
    with _open_store(store) as st:
        if output is None:
            st.export(sys.stdout.buffer, format)
        else:
            with output.open("wb") as fh:
                st.export(fh, format)
            typer.echo(f"wrote {output}", err=True)


def _ownership(entity: str, store: str | None, direction: str, as_json: bool) -> None:
    from oregraph.graph import entities, ownership

    with _open_store(store) as st:
        summary = entities.resolve(st, entity)
        report = (ownership.owners if direction == "owners" else ownership.holdings)(st, summary.iri)
    data = report.to_json()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{data['entity']['label']} ({data['entity']['id']})")
    word = "owners" if direction == "owners" else "holdings"
    typer.echo(f"direct {word}:")
    for d in data["direct"] or []:
        typer.echo(f"  {_pct(d['share']):>9}  {d['label']} ({d['id']}){'  via ' + d['relation'] if d.get('relation') not in (None, 'stake') else ''}")
    if not data["direct"]:
        typer.echo("  none recorded")
    typer.echo("ultimate owners (effective share):" if direction == "owners" else "all holdings (effective share):")
    for u in data["ultimate"] or []:
        flag = " (some stakes unknown)" if u.get("partially_unknown") else ""
        typer.echo(f"  {_pct(u['effective_share']):>9}  {u['label']} ({u['id']}){flag}")
        for path in u["paths"][:5]:
            typer.echo(f"             path: {' -> '.join(path)}")
    if not data["ultimate"]:
        typer.echo("  none recorded")


def _pct(value: float | None) -> str:
    return "unknown" if value is None else f"{value:g}%"


@app.command()
def owners(
    entity: Annotated[str, typer.Argument(help="An id (org-albecour), name, alias or ticker (TSXV:IPG).")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who owns ENTITY, directly and ultimately, with effective (look-through) shares.

    Example: oregraph owners "Aluminerie Alouette" --json
    """
    _ownership(entity, store, "owners", as_json)


@app.command()
def holdings(
    entity: Annotated[str, typer.Argument(help="An id, name, alias or ticker.")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What ENTITY holds, directly and through others, with effective shares.

    Example: oregraph holdings "Investissement Québec"
    """
    _ownership(entity, store, "holdings", as_json)


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

    with _open_store(store) as st:
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
def validate(store: StoreOpt = None) -> None:
    """Check the store against the SHACL shapes and print every violation.

    Example: oregraph validate --store ./graph
    """
    from oregraph.graph.validate import validate_store

    with _open_store(store) as st:
        report = validate_store(st)
    typer.echo(str(report))
    if not report.conforms:
        raise typer.Exit(1)


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
        _fail(exc)
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

    with _open_store(str(store)) as st:
        report = ingest_paths(st, [samples_dir()])
    typer.echo(f"demo store {store}: ingested {len(report.ingested)}, already there {len(report.skipped)}, "
               f"failed {len(report.failed)}")
    for name, reason in report.failed:
        typer.echo(f"failed: {name}: {reason}", err=True)
    if not no_serve:
        serve(store=str(store), host=os.environ.get("HOST", "127.0.0.1"), port=port)
