"""Ownership analytics commands: ``owners``, ``holdings``, ``state``, ``path``, ``partners``,
``changes``, ``check`` and ``export-graph``. Each is a few lines over a function of
:mod:`oregraph.graph` (ownership, exposure, state, paths, history, consistency,
graph_export); every one takes ``--as-of`` and ``--json``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from oregraph.cli.common import JsonOpt, StoreOpt, app, echo_json, open_store, output_file, pct

AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help="Only facts from announcements dated on or before this date (YYYY-MM-DD)."),
]
EntityArg = Annotated[str, typer.Argument(help="An id (org-albecour), name, alias or ticker (TSXV:IPG).")]


def _entity_report(store: str | None, entity: str, report: Callable[[Any, str], Any]) -> dict[str, Any]:
    """``report(store, iri).to_json()`` for the entity ENTITY names, in the store --store names."""
    from oregraph.graph import entities

    with open_store(store) as st:
        data: dict[str, Any] = report(st, entities.resolve(st, entity).iri).to_json()
    return data


def _named(item: dict[str, Any]) -> str:
    """``label (id)`` of an entity in a report."""
    return f"{item['label']} ({item['id']})"


def _echo_paths(paths: list[list[str]]) -> None:
    for path in paths[:5]:
        typer.echo(f"             path: {' -> '.join(path)}")


def _print_report(data: dict[str, Any], direction: str) -> None:
    as_of = f" as of {data['as_of']}" if data.get("as_of") else ""
    typer.echo(f"{_named(data['entity'])}{as_of}")
    word = "owners" if direction == "owners" else "holdings"
    typer.echo(f"direct {word}:")
    for d in data["direct"] or []:
        via = "  via " + d["relation"] if d.get("relation") not in (None, "stake") else ""
        typer.echo(f"  {pct(d['share']):>9}  {_named(d)}{via}")
    if not data["direct"]:
        typer.echo("  none recorded")
    typer.echo("ultimate owners (effective share):" if direction == "owners" else "all holdings (effective share):")
    for u in data["ultimate"] or []:
        flag = " (some stakes unknown)" if u.get("partially_unknown") else ""
        control = "  controls" if u.get("controls") else ""
        typer.echo(f"  {pct(u['effective_share']):>9}  {_named(u)}{flag}{control}")
        _echo_paths(u["paths"])
    if not data["ultimate"]:
        typer.echo("  none recorded")
    if direction == "owners":
        middle = [u for u in data["effective"] if not u["is_root"]]
        if middle:
            typer.echo("intermediate owners (effective share):")
            for u in middle:
                typer.echo(f"  {pct(u['effective_share']):>9}  {_named(u)}")
        for c in data["ultimate_controllers"]:
            typer.echo(f"ultimate parent (control): {_named(c)}")
            typer.echo(f"             control path: {' -> '.join(c['control_path'] or [])}")
    if data.get("truncated"):
        typer.echo("(some chains were cut short: raise --max-depth)")
    if data.get("unresolved_cycle"):
        typer.echo("(a cross-holding whose stakes add up past 100% could not be solved: see oregraph check)")


@app.command()
def owners(
    entity: EntityArg,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
    max_depth: Annotated[int | None, typer.Option("--max-depth", min=1, help="Follow at most this many steps up.")] = None,
) -> None:
    """Who owns ENTITY: direct, indirect and ultimate owners with integrated (look-through) shares.

    Example: oregraph owners "Aluminerie Alouette" --as-of 2024-01-01 --json
    """
    from oregraph.graph import ownership

    data = _entity_report(store, entity, lambda st, iri: ownership.owners(st, iri, max_depth, as_of=as_of))
    echo_json(data) if as_json else _print_report(data, "owners")


@app.command()
def holdings(
    entity: EntityArg,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
    by: Annotated[str | None, typer.Option("--by", help="Group by 'commodity' or 'country'.")] = None,
    max_depth: Annotated[int | None, typer.Option("--max-depth", min=1, help="Follow at most this many steps down.")] = None,
) -> None:
    """What ENTITY holds, directly and through others, with integrated shares.

    Example: oregraph holdings "Investissement Québec" --by commodity
    """
    from oregraph.graph import exposure, ownership

    if by is not None and by not in ("commodity", "country"):
        raise typer.BadParameter("choose commodity or country", param_hint="--by")
    data = _entity_report(store, entity, lambda st, iri: (
        ownership.holdings(st, iri, max_depth, as_of=as_of) if by is None
        else exposure.holdings_by(st, iri, by, as_of=as_of)  # type: ignore[arg-type]
    ))
    if as_json:
        echo_json(data)
    elif by is None:
        _print_report(data, "holdings")
    else:
        typer.echo(f"{_named(data['entity'])}: holdings by {by}")
        for group in [*data["groups"], {"label": f"no {by} known", "id": "-", "members": data["ungrouped"]}]:
            if not group["members"]:
                continue
            typer.echo(f"{_named(group)}: {len(group['members'])}")
            for m in group["members"]:
                typer.echo(f"  {pct(m['effective_share']):>9}  {_named(m)}")


@app.command()
def state(entity: EntityArg, store: StoreOpt = None, as_json: JsonOpt = False, as_of: AsOfOpt = None) -> None:
    """The share of ENTITY held by governments, through crown corporations and state-owned enterprises.

    Example: oregraph state "Aluminerie Alouette" --json
    """
    from oregraph.graph.state import state_share

    data = _entity_report(store, entity, lambda st, iri: state_share(st, iri, as_of=as_of))
    if as_json:
        return echo_json(data)
    typer.echo(f"{_named(data['entity'])}: state share {pct(data['total_share'])}"
               + (" + unknown" if data["partially_unknown"] else ""))
    for g in data["governments"]:
        who = g["label"] if g["identified"] else f"a government not named in the graph, through {g['label']}"
        where = f" [{', '.join(g['countries'])}]" if g["countries"] else ""
        typer.echo(f"  {pct(g['effective_share']):>9}  {who} ({g['id']}){where}")
        _echo_paths(g["paths"])
    if not data["governments"]:
        typer.echo("  no government or state-owned enterprise is known to hold it")


@app.command()
def path(
    source: Annotated[str, typer.Argument(help="Where the path starts: id, name, alias or ticker.")],
    target: Annotated[str, typer.Argument(help="Where it ends.")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
    stakes_only: Annotated[bool, typer.Option("--stakes-only", help="Ignore partnerships.")] = False,
) -> None:
    """The shortest chain of stakes (either way) and partnerships between SOURCE and TARGET.

    Example: oregraph path "Government of Québec" "Aluminerie Alouette"
    """
    from oregraph.graph import entities
    from oregraph.graph.paths import shortest_path

    with open_store(store) as st:
        a, b = entities.resolve(st, source), entities.resolve(st, target)
        data = shortest_path(st, a.iri, b.iri, as_of=as_of, partnerships=not stakes_only).to_json()
    if as_json:
        return echo_json(data)
    typer.echo(_named(data["from"]))
    for step in data["steps"]:
        detail = ", ".join(x for x in (
            pct(step["share"]) if step["relation"] != "partner" else None, step["kind"], step["date"]) if x)
        typer.echo(f"  {step['relation']} -> {step['to_label']} ({step['to']})  [{detail}]")
    typer.echo(f"{data['length']} step{'s' if data['length'] != 1 else ''}")


@app.command()
def partners(entity: EntityArg, store: StoreOpt = None, as_json: JsonOpt = False, as_of: AsOfOpt = None) -> None:
    """The partners of ENTITY with the agreements that join them and their dates.

    Example: oregraph partners "Albecour" --json
    """
    from oregraph.graph.paths import partners as partners_of

    data = _entity_report(store, entity, lambda st, iri: partners_of(st, iri, as_of=as_of))
    if as_json:
        return echo_json(data)
    typer.echo(_named(data["entity"]))
    for p in data["partners"]:
        typer.echo(f"  {_named(p)}")
        for a in p["agreements"]:
            dates = "; ".join(x for x in (
                f"signed {a['date_signed']}" if a["date_signed"] else "",
                f"announced {a['date']}" if a["date"] else "") if x)
            typer.echo(f"      {a['type']}, {a['status'] or 'status unknown'}{'; ' + dates if dates else ''}")
    if not data["partners"]:
        typer.echo("  no partners recorded")


@app.command()
def changes(
    since: Annotated[str, typer.Option("--since", help="First announcement date to list (YYYY-MM-DD).")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    as_of: Annotated[str | None, typer.Option("--as-of", "--until", help="Last date to list (YYYY-MM-DD).")] = None,
) -> None:
    """What announcements dated from --since (to --as-of) changed: new, changed and restated stakes and agreements.

    Example: oregraph changes --since 2024-01-01 --json
    """
    from oregraph.graph.history import changes as list_changes

    with open_store(store) as st:
        data = [c.to_json() for c in list_changes(st, since, until=as_of)]
    if as_json:
        return echo_json(data)
    for c in data:
        if c["fact"] == "stake":
            was = f" (was {pct(c['previous_share'])} on {c['previous_date'] or 'undated'})" \
                if c["change"] in ("changed", "unstated") else ""
            typer.echo(f"{c['date']}  {c['change']:<8}  stake: {c['labels'][0]} holds "
                       f"{pct(c['share'])} of {c['labels'][1]}{was}")
        else:
            was = f" (was {c['previous_status']})" if c["change"] == "status" else ""
            typer.echo(f"{c['date']}  {c['change']:<8}  {c['agreement_type']}: {' / '.join(c['labels'])}, "
                       f"{c['status'] or 'status unknown'}{was}")
    typer.echo(f"({len(data)} change{'s' if len(data) != 1 else ''})")


@app.command()
def check(
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    as_of: AsOfOpt = None,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0,
                                                  help="Report facts below this confidence resting on one rule.")] = 0.6,
) -> None:
    """Consistency report: stakes over 100%, contradictions, cycles, orphans, weakly supported facts.

    Exits 1 when an error (over 100%, an unsolvable cycle) is found.

    Example: oregraph check --json
    """
    from oregraph.graph.consistency import check as run_check

    with open_store(store) as st:
        report = run_check(st, as_of=as_of, min_confidence=min_confidence)
    if as_json:
        echo_json(report.to_json())
    else:
        for issue in report.issues:
            typer.echo(f"{issue.severity:<7}  {issue.kind:<14}  {issue.message}")
        counts = ", ".join(f"{n} {k}" for k, n in sorted(report.counts.items())) or "no issues"
        typer.echo(f"({counts})")
    if not report.ok:
        raise typer.Exit(1)


@app.command("export-graph")
def export_graph(
    store: StoreOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="graphml or gexf.")] = "graphml",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    as_of: AsOfOpt = None,
    with_partners: Annotated[bool, typer.Option("--partners", help="Add partnership edges.")] = False,
) -> None:
    """Write the ownership graph as GraphML or GEXF for Gephi (RDF exports: oregraph export).

    Example: oregraph export-graph --format gexf --partners -o ownership.gexf
    """
    from oregraph.graph.graph_export import GRAPH_FORMATS, export_graph as write

    if format not in GRAPH_FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(GRAPH_FORMATS)}", param_hint="--format")
    with open_store(store) as st:
        if output is None:
            write(st, sys.stdout.buffer, format, as_of=as_of, partnerships=with_partners)
            return
        with output_file(output) as fh:
            nodes, edges = write(st, fh, format, as_of=as_of, partnerships=with_partners)
    typer.echo(f"wrote {output}: {nodes} nodes, {edges} edges", err=True)
