"""``oregraph ingest``: read announcements into the store."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from oregraph.cli.common import StoreOpt, app, open_store


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, folders (searched recursively), http(s):// URLs, or - for standard input. "
             "Text, HTML, RSS/Atom feeds, PDF, and stake tables (.csv, .tsv, .json).",
        metavar="INPUT")],
    store: StoreOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and extract, write nothing.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-j", min=1, max=64,
                                         help="Extract in this many processes.")] = 1,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", help="Show a progress bar (default: when stderr is a terminal).")] = None,
) -> None:
    """Read announcements into the store, one named graph each.

    Already-ingested announcements (same content) are skipped, so an
    interrupted run restarts where it stopped. Exits 1 when any input (or a
    stake-table row) failed; the others are still ingested.

    Example: oregraph ingest releases/ https://example.org/news.rss stakes.csv --store ./graph --workers 4
    """
    from oregraph.ingest.batch import ingest_paths

    show = sys.stderr.isatty() if progress is None else progress
    with open_store(store, create=True) as st, _progress_bar(show) as bar:
        report = ingest_paths(st, inputs, dry_run=dry_run, workers=workers, progress=bar)
    for name, reason in report.warnings:
        typer.echo(f"warning: {_line(name)}: {_line(reason)}", err=True)
    for name, reason in report.failed:
        typer.echo(f"failed: {_line(name)}: {_line(reason)}", err=True)
    _summary_table(report)
    verb = "would ingest" if dry_run else "ingested"
    typer.echo(f"read {report.read}, {verb} {len(report.ingested)}, skipped {len(report.skipped)} "
               f"(already ingested), failed {len(report.failed)}; {report.quads_added} quads added")
    for name, iri, reason in report.merges:
        typer.echo(f"merged {name!r} into {iri} ({_line(reason)})")
    if report.interrupted:
        typer.echo("interrupted: what is counted as ingested is stored; run the same command again "
                   "to continue where it stopped", err=True)
        raise typer.Exit(130)
    if not report.ok:
        raise typer.Exit(1)


def _line(text: str) -> str:
    """Text printed on one line: control characters (a newline in a file name) shown escaped.

    >>> _line("bad\\nfailed: forged.txt")
    'bad\\\\nfailed: forged.txt'
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class _progress_bar:
    """Progress on stderr, advanced after each input: a rich bar on a terminal, else one line
    per input (for logs); nothing when not shown."""

    def __init__(self, show: bool) -> None:
        self.show = show
        self._bar = None
        self._task = None

    def __enter__(self):
        if not self.show:
            return None
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                                 TextColumn("{task.description}"), console=Console(file=sys.stderr),
                                 transient=True)
            self._bar.start()
        return self

    def __call__(self, done: int, total: int, name: str) -> None:
        if self._bar is None:
            typer.echo(f"[{done}/{total}] {_line(name)}", err=True)
            return
        if self._task is None:
            self._task = self._bar.add_task("", total=total)
        self._bar.update(self._task, completed=done, description=_line(name)[-50:])

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _summary_table(report) -> None:
    """One row per kind of input read: counts of announcements."""
    if not report.by_kind:
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("kind", "read", "ingested", "skipped", "failed"):
        table.add_column(column, justify="left" if column == "kind" else "right")
    order = ["text", "html", "feed", "pdf", "stakes"]
    for kind in sorted(report.by_kind, key=lambda k: (order.index(k) if k in order else len(order), k)):
        c = report.by_kind[kind]
        table.add_row(kind, *(str(c[w]) for w in ("read", "ingested", "skipped", "failed")))
    Console(file=sys.stdout, highlight=False, soft_wrap=True).print(table)
