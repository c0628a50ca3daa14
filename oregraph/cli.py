"""The ``oregraph`` command: thin Typer commands over library functions."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from oregraph.errors import OregraphError

app = typer.Typer(help="oregraph: a knowledge graph of mining and metals ownership.",
                  no_args_is_help=True, add_completion=False)


def _fail(exc: OregraphError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A .txt announcement.")],
    format: Annotated[str, typer.Option("--format", "-f", help="nquads, trig, turtle or json.")] = "trig",
    explain: Annotated[bool, typer.Option(help="List each fact with its rule and sentence.")] = False,
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
    ds = to_dataset(ex)
    fmt = {"json": "json-ld"}.get(format, format)
    sys.stdout.write(ds.serialize(format=fmt))


@app.callback()
def main() -> None:
    """oregraph reads mining and metals announcements into a knowledge graph.

    Example: oregraph ingest releases/ && oregraph owners "Aluminerie Alouette"
    """
