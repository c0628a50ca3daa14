"""``oregraph query``, ``export`` and ``validate``: SPARQL and whole-graph commands."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from oregraph.cli.common import StoreOpt, app, open_store, print_rows


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

    with open_store(store) as st:
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
    print_rows(names, rows, format)


def _term_text(term: Any) -> str:
    return "" if term is None else term.value


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
    with open_store(store) as st:
        if output is None:
            st.export(sys.stdout.buffer, format)
        else:
            with output.open("wb") as fh:
                st.export(fh, format)
            typer.echo(f"wrote {output}", err=True)


@app.command()
def validate(store: StoreOpt = None) -> None:
    """Check the store against the SHACL shapes and print every violation.

    Example: oregraph validate --store ./graph
    """
    from oregraph.graph.validate import validate_store

    with open_store(store) as st:
        report = validate_store(st)
    typer.echo(str(report))
    if not report.conforms:
        raise typer.Exit(1)
