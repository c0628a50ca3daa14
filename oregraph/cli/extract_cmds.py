"""``oregraph extract``: show what would be read from one input, storing nothing.

The input is read exactly as ``oregraph ingest`` reads it
(:func:`oregraph.ingest.sources.read_input`): a text, HTML, PDF, feed or
stake-table file, a URL or ``-``, within ``max_announcement_bytes``. An input
that holds several announcements (a feed's entries, a table's rows) prints
them all: one named graph per announcement in a single RDF document (so every
format stays one parseable document), or, with ``--explain``, one block per
announcement headed by its name.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from oregraph.cli.common import app, fail
from oregraph.errors import OregraphError


@app.command()
def extract(
    file: Annotated[str, typer.Argument(
        help="An announcement: a .txt, .html, .pdf, RSS/Atom feed or stake table file, a URL, or - for stdin.")],
    format: Annotated[str, typer.Option("--format", "-f", help="nquads, trig, turtle or json.")] = "trig",
    explain: Annotated[bool, typer.Option(
        "--explain", help="List each fact with the words that made it (offsets), its rule and confidence.")] = False,
) -> None:
    """Print what would be ingested from FILE, storing nothing.

    Example: oregraph extract release.txt --format nquads
    """
    from pydantic import ValidationError
    from rdflib import Dataset, Graph

    from oregraph.ingest.emit import quads
    from oregraph.ingest.extract import explain_lines
    from oregraph.ingest.extract import extract as run
    from oregraph.ingest.sources import read_input
    from oregraph.ontology import DCTERMS, OG, PROV, SKOS
    from oregraph.settings import Settings

    if format not in ("nquads", "trig", "turtle", "json"):
        raise typer.BadParameter("choose one of nquads, trig, turtle, json", param_hint="--format")
    try:
        settings = Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        typer.echo(f"error: setting {'.'.join(map(str, first['loc'])) or '?'}: {first['msg']}; "
                   "fix the OREGRAPH_* environment variable", err=True)
        raise typer.Exit(1) from None
    try:
        items, issues = read_input(file, settings)
        extractions = [(item.name, item.extraction or run(item.announcement)) for item in items]
    except OregraphError as exc:
        fail(exc)
        return
    for issue in issues:
        typer.echo(f"{issue.level}: {issue.name}: {issue.reason}", err=True)
    if not extractions:
        typer.echo(f"error: {file}: no announcement could be read from it (see the lines above)", err=True)
        raise typer.Exit(1)
    if explain:
        for number, (name, ex) in enumerate(extractions):
            if len(extractions) > 1:
                typer.echo(("\n" if number else "") + f"== {name}")
            for line in explain_lines(ex):
                typer.echo(line)
        return
    base = settings.base_iri
    prefixes = (("og", OG), ("dcterms", DCTERMS), ("prov", PROV), ("skos", SKOS), ("id", base))
    if format == "turtle":  # Turtle has no named graphs: the union of the announcements' graphs
        graph = Graph()
        for prefix, ns in prefixes:
            graph.bind(prefix, ns)
        for _, ex in extractions:
            for s, p, o, _g in quads(ex, base=base):
                graph.add((s, p, o))
        sys.stdout.write(graph.serialize(format="turtle"))
        return
    ds = Dataset()
    for prefix, ns in prefixes:
        ds.bind(prefix, ns)
    for _, ex in extractions:
        for s, p, o, g in quads(ex, base=base):
            ds.graph(g).add((s, p, o))
    sys.stdout.write(ds.serialize(format={"json": "json-ld"}.get(format, format)))
