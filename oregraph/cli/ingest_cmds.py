"""``oregraph ingest``: read announcements into the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from oregraph.cli.common import StoreOpt, app, open_store


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

    with open_store(store) as st:
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
