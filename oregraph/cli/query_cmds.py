"""``oregraph query``, ``export`` and ``validate``: SPARQL and whole-graph commands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from oregraph.cli.common import StoreOpt, app, open_store, output_file, print_rows


@app.command()
def query(
    sparql: Annotated[str | None, typer.Argument(help="The SPARQL query (or use --file).")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from this file.")] = None,
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv or json.")] = "table",
    timeout: Annotated[float | None, typer.Option(
        "--timeout", min=0.001, help="Seconds the query may run (default: $OREGRAPH_QUERY_TIMEOUT, 30).")] = None,
    max_rows: Annotated[int | None, typer.Option(
        "--max-rows", min=1, help="Most rows accepted (default: $OREGRAPH_RESULT_CAP, 10000).")] = None,
) -> None:
    """Run a SPARQL query over all announcements (their union is the default graph).

    The store is a folder or the URL of a SPARQL server. The query stops after
    --timeout seconds and refuses more than --max-rows rows (defaults from
    OREGRAPH_QUERY_TIMEOUT and OREGRAPH_RESULT_CAP).
    CONSTRUCT and DESCRIBE print Turtle; ASK prints true or false.

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

    from oregraph.graph.interface import run_bounded
    from oregraph.graph.store import PREFIXES

    with open_store(store) as st:
        limits: dict[str, Any] = {}
        if timeout is not None:
            limits["query_timeout"] = timeout
        if max_rows is not None:
            limits["result_cap"] = max_rows
        settings = st.settings.model_copy(update=limits)
        result = run_bounded(st, sparql or "", settings)
    if result.kind == "boolean":
        typer.echo("true" if result.boolean else "false")
        return
    if result.kind == "triples":
        sys.stdout.write(result.serialize_graph(ox.RdfFormat.TURTLE, PREFIXES).decode("utf-8"))
        return
    rows = [[_term_text(term) for term in row] for row in result.rows()]
    print_rows(result.variables, rows, format)


def _term_text(term: Any) -> str:
    return "" if term is None else term.value


@app.command()
def export(
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="trig, nquads, turtle or jsonld.")] = "trig",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
) -> None:
    """Write the whole graph, with its named graphs where the format keeps them.

    A remote store (--store http://...) is read through one query into memory first.

    Example: oregraph export --format nquads -o graph.nq
    """
    if format not in ("trig", "nquads", "turtle", "jsonld"):
        raise typer.BadParameter("choose one of trig, nquads, turtle, jsonld", param_hint="--format")
    with open_store(store) as st:
        if output is None:
            st.export(sys.stdout.buffer, format)
        else:
            with output_file(output) as fh:
                st.export(fh, format)
            typer.echo(f"wrote {output}", err=True)


@app.command()
def validate(store: StoreOpt = None) -> None:
    """Check the store against the SHACL shapes and print every violation.

    Example: oregraph validate --store ./graph
    """
    from oregraph.graph.validate import validate_store

    with open_store(store) as st:
        report = validate_store(st.to_oxigraph())  # a remote store is copied into memory
    typer.echo(str(report))
    if not report.conforms:
        raise typer.Exit(1)
