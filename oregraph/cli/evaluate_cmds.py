"""``oregraph evaluate``: precision, recall and F1 of extraction against gold files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from oregraph.cli.common import JsonOpt, app, echo_json, fail
from oregraph.errors import OregraphError


@app.command()
def evaluate(
    corpus: Annotated[Path, typer.Argument(help="Folder of NAME.txt announcements with NAME.gold.json beside them.")],
    json_out: JsonOpt = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="List each document's missed and extra facts.")] = False,
    gold: Annotated[Path | None, typer.Option("--gold", help="Folder of the gold files, if not beside the texts.")] = None,
) -> None:
    """Score extraction against gold annotations: precision, recall, F1 per relation and overall.

    Exits 1 when a gold file has no text beside it (its facts count as missed).

    Example: oregraph evaluate corpus/dev --verbose
    """
    from oregraph.ingest.evaluate import evaluate_folder, report_lines

    try:
        report = evaluate_folder(corpus, gold_folder=gold)
    except OregraphError as exc:
        fail(exc)
        return
    if json_out:
        echo_json(report.to_dict(verbose=verbose))
    else:
        for line in report_lines(report, verbose=verbose):
            typer.echo(line)
    if report.errors:
        raise typer.Exit(1)
