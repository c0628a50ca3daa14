"""``oregraph resolve-report``: which entities announcements would merge into, and look-alikes in a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from oregraph.cli.common import JsonOpt, StoreOpt, app, fail, open_store, print_rows
from oregraph.errors import OregraphError


@app.command("resolve-report")
def resolve_report(
    paths: Annotated[list[Path] | None, typer.Argument(help="Announcements (.txt files, or folders of them) to check; "
                                                            "none: list look-alike entities in the store.")] = None,
    store: StoreOpt = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="A resolution rules TSV (pin/forbid), added to "
                                                               "the shipped one.")] = None,
    json_out: JsonOpt = False,
) -> None:
    """Show entity resolution without writing: the merges ingesting PATHS would make, and near misses.

    With no PATHS, list pairs of stored entities whose names look alike, and
    whether the guarded fuzzy match would merge them (pin them with --rules).

    Example: oregraph resolve-report releases/ --store ./graph --rules my-resolution.tsv
    """
    from oregraph.ingest.extract import extract
    from oregraph.ingest.resolve import load_rules, resolve, store_duplicates
    from oregraph.ingest.text import read_text_file

    try:
        loaded = load_rules(rules)
    except OregraphError as exc:
        fail(exc)
        return
    rows: list[list[str]] = []
    failed: list[tuple[str, str]] = []
    with open_store(store) as st:
        base = st.settings.base_iri
        if not paths:
            names = ["entity", "label", "other", "other label", "verdict"]
            rows = [list(r) for r in store_duplicates(st, base, rules=loaded)]
        else:
            names = ["file", "name", "entity", "outcome", "reason"]
            for path in _text_files(paths, failed):
                try:
                    res = resolve(st, extract(read_text_file(path, st.settings.max_announcement_bytes)), base,
                                  rules=loaded)
                except OregraphError as exc:
                    failed.append((str(path), str(exc)))
                    continue
                rows += [[str(path), m.name, m.iri, "merged", m.reason] for m in res.merges]
                rows += [[str(path), n.name, n.iri, f"not merged into {n.label!r}", n.reason]
                         for n in res.near_misses]
    for name, reason in failed:
        typer.echo(f"failed: {name}: {reason}", err=True)
    print_rows(names, rows, "json" if json_out else "table")
    if failed:
        raise typer.Exit(1)


def _text_files(paths: list[Path], failed: list[tuple[str, str]]) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.txt") if p.is_file())
        elif path.is_file():
            found.append(path)
        else:
            failed.append((str(path), "no such file or folder"))
    return found
