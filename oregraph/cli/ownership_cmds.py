"""``oregraph owners`` and ``holdings``: look-through ownership."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from oregraph.cli.common import JsonOpt, StoreOpt, app, open_store, pct


def _ownership(entity: str, store: str | None, direction: str, as_json: bool) -> None:
    from oregraph.graph import entities, ownership

    with open_store(store) as st:
        summary = entities.resolve(st, entity)
        report = (ownership.owners if direction == "owners" else ownership.holdings)(st, summary.iri)
    data = report.to_json()
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{data['entity']['label']} ({data['entity']['id']})")
    word = "owners" if direction == "owners" else "holdings"
    typer.echo(f"direct {word}:")
    for d in data["direct"] or []:
        typer.echo(f"  {pct(d['share']):>9}  {d['label']} ({d['id']}){'  via ' + d['relation'] if d.get('relation') not in (None, 'stake') else ''}")
    if not data["direct"]:
        typer.echo("  none recorded")
    typer.echo("ultimate owners (effective share):" if direction == "owners" else "all holdings (effective share):")
    for u in data["ultimate"] or []:
        flag = " (some stakes unknown)" if u.get("partially_unknown") else ""
        typer.echo(f"  {pct(u['effective_share']):>9}  {u['label']} ({u['id']}){flag}")
        for path in u["paths"][:5]:
            typer.echo(f"             path: {' -> '.join(path)}")
    if not data["ultimate"]:
        typer.echo("  none recorded")


@app.command()
def owners(
    entity: Annotated[str, typer.Argument(help="An id (org-albecour), name, alias or ticker (TSXV:IPG).")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who owns ENTITY, directly and ultimately, with effective (look-through) shares.

    Example: oregraph owners "Aluminerie Alouette" --json
    """
    _ownership(entity, store, "owners", as_json)


@app.command()
def holdings(
    entity: Annotated[str, typer.Argument(help="An id, name, alias or ticker.")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """What ENTITY holds, directly and through others, with effective shares.

    Example: oregraph holdings "Investissement Québec"
    """
    _ownership(entity, store, "holdings", as_json)
