"""``oregraph extract``: show what would be read from one announcement."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from oregraph.cli.common import app, fail
from oregraph.errors import OregraphError


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A .txt announcement.")],
    format: Annotated[str, typer.Option("--format", "-f", help="nquads, trig, turtle or json.")] = "trig",
    explain: Annotated[bool, typer.Option(
        "--explain", help="List each fact with the words that made it (offsets), its rule and confidence.")] = False,
) -> None:
    """Print what would be ingested from FILE, storing nothing.

    Example: oregraph extract release.txt --format nquads
    """
    from oregraph.ingest.emit import to_dataset, to_graph
    from oregraph.ingest.extract import explain_lines
    from oregraph.ingest.extract import extract as run
    from oregraph.ingest.text import read_text_file

    if format not in ("nquads", "trig", "turtle", "json"):
        raise typer.BadParameter("choose one of nquads, trig, turtle, json", param_hint="--format")
    try:
        ex = run(read_text_file(file))
    except OregraphError as exc:
        fail(exc)
        return
    if explain:
        for line in explain_lines(ex):
            typer.echo(line)
        return
    if format == "turtle":
        sys.stdout.write(to_graph(ex).serialize(format="turtle"))
        return
    ds = to_dataset(ex)
    fmt = {"json": "json-ld"}.get(format, format)
    sys.stdout.write(ds.serialize(format=fmt))
