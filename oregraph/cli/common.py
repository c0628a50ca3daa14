"""Shared pieces of the ``oregraph`` command: the Typer app, common options,
error handling and table printing. Command modules import ``app`` from here.

An :class:`~oregraph.errors.OregraphError` becomes one line on stderr and exit
code 1; usage errors exit 2 (Typer's convention).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, BinaryIO

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
    typer.Option("--store", "-s", help="Store folder or SPARQL server URL (default: $OREGRAPH_STORE, else a per-user folder)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def fail(exc: OregraphError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1)


@contextmanager
def open_store(store: str | None, *, create: bool = False) -> Iterator[Any]:
    """The store named by ``--store`` (else the settings); closed afterwards.

    Only commands that write (``create=True``) make a new store folder: a
    command that reads refuses a folder that does not exist, so a mistyped
    ``--store`` is an error rather than an empty answer.
    """
    from oregraph.graph.store import Store
    from oregraph.settings import Settings

    location = store if store is not None else Settings().store
    if not create and not location.startswith(("http://", "https://")) \
            and not Path(location).expanduser().exists():
        typer.echo(f"error: no store at {location}; check --store (or OREGRAPH_STORE), "
                   "or read announcements into it first with `oregraph ingest`", err=True)
        raise typer.Exit(1)
    try:
        st = Store.open(store)
    except OregraphError as exc:
        fail(exc)
    try:
        yield st
    except OregraphError as exc:
        fail(exc)
    finally:
        st.close()


@contextmanager
def output_file(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: its folder is created, and the file
    appears only when complete (written beside it, then renamed)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = partial.open("wb")
    except OSError as error:
        typer.echo(f"error: cannot write {path}: {error.strerror or error}; choose another -o/--output",
                   err=True)
        raise typer.Exit(1) from None
    try:
        with fh:
            yield fh
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


@app.callback()
def main() -> None:
    """oregraph reads mining and metals announcements into a knowledge graph.

    Example: oregraph ingest releases/ && oregraph owners "Aluminerie Alouette"
    """


def echo_json(data: Any) -> None:
    """Print ``data`` as indented JSON, non-ASCII text kept as it is."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def print_rows(names: list[str], rows: list[list[str]], format: str) -> None:
    if format == "json":
        echo_json([dict(zip(names, r)) for r in rows])
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


def pct(value: float | None) -> str:
    return "unknown" if value is None else f"{value:g}%"
