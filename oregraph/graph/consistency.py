"""The consistency report: what in the ownership graph cannot all be true, or rests on little.

:func:`check` looks at the projection (as of a date, or now) and at every
statement behind it, and reports:

* ``over_100`` (error): the stakes stated in one entity add up past 100%;
* ``contradiction`` (warning): one statement, or two statements about the
  same holder and held on the same date, give different shares, or two
  entities are each said to control the other;
* ``cycle`` (warning; error when it cannot be solved): entities that hold
  each other in a ring of stakes (cross-holdings);
* ``orphan`` (info): a ``og:Shareholding`` node without its holder or held,
  an edge end that has no name or type, or a plant, mine or project that
  nobody is said to own or operate;
* ``low_confidence`` (warning): a stake or partnership in force that rests
  on a single extraction rule whose confidence is below the threshold.

>>> from oregraph.graph.ownership import _example_store
>>> report = check(_example_store())
>>> report.counts
{}
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx
import pyoxigraph as ox

from oregraph.graph import queries
from oregraph.graph.entities import _all_names, class_hierarchy
from oregraph.graph.ids import iri_to_id
from oregraph.graph.ownership import (
    _after, _rows, edge_declaration, integrated_shares, is_control_edge, ownership_graph,
    parse_as_of, stake_statements,
)
from oregraph.graph.paths import agreement_statements
from oregraph.graph.store import Store

__all__ = ["Issue", "CheckReport", "check", "ISSUE_KINDS", "DEFAULT_MIN_CONFIDENCE"]

ISSUE_KINDS = ("over_100", "contradiction", "cycle", "orphan", "low_confidence")
#: Facts below this confidence, resting on one rule, are reported.
DEFAULT_MIN_CONFIDENCE = 0.6
#: Rounding slack when adding stakes up (percent).
TOLERANCE = 0.01

Severity = Literal["error", "warning", "info"]


@dataclass
class Issue:
    """One finding: its kind, severity, a one-line message, the entities and nodes concerned."""

    kind: str
    severity: Severity
    message: str
    entities: list[str] = field(default_factory=list)  # ids
    nodes: list[str] = field(default_factory=list)  # IRIs of the fact nodes behind it

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity, "message": self.message,
                "entities": list(self.entities), "nodes": list(self.nodes)}


@dataclass
class CheckReport:
    issues: list[Issue] = field(default_factory=list)
    as_of: str | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(i.kind for i in self.issues))

    @property
    def ok(self) -> bool:
        """True when no issue is an error."""
        return not any(i.severity == "error" for i in self.issues)

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of, "min_confidence": self.min_confidence, "ok": self.ok,
                "counts": self.counts, "issues": [i.to_json() for i in self.issues]}


def check(
    store: Store, *, as_of: _dt.date | str | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
) -> CheckReport:
    """Every consistency issue of the graph as of ``as_of`` (now by default).

    Issues are sorted by severity (errors first), kind and message.

    >>> from oregraph.graph.ownership import _example_store
    >>> check(_example_store(), min_confidence=1.0).ok
    True
    """
    cutoff = parse_as_of(as_of)
    graph = ownership_graph(store, cutoff)
    base = store.settings.base_iri

    def name(iri: str) -> str:
        if iri in graph:
            return f"{graph.nodes[iri]['label']} ({graph.nodes[iri]['id']})"
        return iri_to_id(iri, base)

    def ident(iri: str) -> str:
        return graph.nodes[iri]["id"] if iri in graph else iri_to_id(iri, base)

    issues: list[Issue] = []

    # over 100%
    for held in graph.nodes:
        stakes = [(h, d) for h, _, d in graph.in_edges(held, data=True)
                  if d.get("share") is not None and d.get("relation") != "operator"]
        total = sum(d["share"] for _, d in stakes)
        if total > 100.0 + TOLERANCE:
            parts = ", ".join(f"{name(h)} {d['share']:g}%" for h, d in sorted(stakes, key=lambda x: -x[1]["share"]))
            issues.append(Issue(
                "over_100", "error", f"stakes in {name(held)} add up to {total:g}%: {parts}",
                [ident(held), *sorted(ident(h) for h, _ in stakes)],
                sorted(d["node"] for _, d in stakes if d.get("node")),
            ))

    # contradictions: same pair, same date, different shares; mutual control
    by_pair: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for s in stake_statements(store):
        if not _after(s.date, cutoff):
            by_pair[(s.holder, s.held)].append(s)
    for (holder, held), stated in by_pair.items():
        by_date: dict[str | None, list[Any]] = defaultdict(list)
        for s in stated:
            if len(s.shares) > 1:
                issues.append(Issue(
                    "contradiction", "warning",
                    f"one statement gives {name(holder)} {' and '.join(f'{x:g}%' for x in s.shares)} of "
                    f"{name(held)}", [ident(holder), ident(held)], [s.node],
                ))
            if s.share is not None:
                by_date[s.date[:10] if s.date else None].append(s)
        for date, same in by_date.items():
            shares = sorted({s.share for s in same})
            if len(shares) > 1:
                issues.append(Issue(
                    "contradiction", "warning",
                    f"{name(holder)} is said to hold {' and '.join(f'{x:g}%' for x in shares)} of "
                    f"{name(held)} on {date or 'an undated announcement'}",
                    [ident(holder), ident(held)], sorted(s.node for s in same),
                ))
    for u, v, data in graph.edges(data=True):
        if u < v and graph.has_edge(v, u) and is_control_edge(data) and is_control_edge(graph.edges[v, u]):
            issues.append(Issue(
                "contradiction", "warning", f"{name(u)} and {name(v)} are each said to control the other",
                [ident(u), ident(v)],
                sorted(n for n in (data.get("node"), graph.edges[v, u].get("node")) if n),
            ))

    # cycles
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        start = min(component)
        _, unresolved = integrated_shares(graph, start, False, component)
        members = sorted(ident(n) for n in component)
        issues.append(Issue(
            "cycle", "error" if unresolved else "warning",
            f"cross-holding among {len(component)} entities: {', '.join(members)}"
            + ("; its stakes do not shrink round the cycle, so look-through shares cannot be solved"
               if unresolved else "; solved with the integrated-ownership method"),
            members,
        ))

    # orphans
    declaration = edge_declaration()
    for row in _rows(store.query(queries.INCOMPLETE_SHAREHOLDINGS, {
            "holderP": ox.NamedNode(declaration.source), "heldP": ox.NamedNode(declaration.target)})):
        if row["node"] is not None:
            issues.append(Issue(
                "orphan", "info", f"shareholding {iri_to_id(row['node'], base)} has no holder or no held entity",
                [], [row["node"]],
            ))
    names = _all_names(store)
    for iri, data in graph.nodes(data=True):
        entry = names.get(iri)
        if entry is None or not (entry.types or entry.labels):
            issues.append(Issue("orphan", "info",
                                f"{data.get('id', iri)} takes part in a stake but has no name or type",
                                [data.get("id", iri)]))
    hierarchy = class_hierarchy()
    assets = hierarchy.descendants("Facility") | hierarchy.descendants("Project")
    for iri, entry in names.items():
        if entry.types & assets and (iri not in graph or graph.in_degree(iri) == 0):
            issues.append(Issue(
                "orphan", "info",
                f"{entry.label() or iri_to_id(iri, base)} ({iri_to_id(iri, base)}) has no known owner or operator",
                [iri_to_id(iri, base)],
            ))

    # low confidence: a fact in force resting on one rule below the threshold
    for (holder, held), stated in by_pair.items():
        if not graph.has_edge(holder, held):
            continue
        if (weak := _weakly_supported(stated, min_confidence)) is not None:
            rule, best = weak
            issues.append(Issue(
                "low_confidence", "warning",
                f"the stake of {name(holder)} in {name(held)} rests on rule {rule} "
                f"alone, confidence {best:g}",
                [ident(holder), ident(held)], sorted(s.node for s in stated),
            ))
    by_parties: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    for a in agreement_statements(store):
        if a.node and not _after(a.date, cutoff):
            by_parties[a.parties].append(a)
    for parties, stated in by_parties.items():
        if (weak := _weakly_supported(stated, min_confidence)) is not None:
            rule, best = weak
            issues.append(Issue(
                "low_confidence", "warning",
                f"the {stated[0].type} between {', '.join(name(p) for p in parties)} rests on rule "
                f"{rule} alone, confidence {best:g}",
                [ident(p) for p in parties], sorted(a.node for a in stated),
            ))

    order = {"error": 0, "warning": 1, "info": 2}
    issues.sort(key=lambda i: (order[i.severity], ISSUE_KINDS.index(i.kind), i.message))
    return CheckReport(issues, cutoff, min_confidence)


def _weakly_supported(stated: list[Any], min_confidence: float) -> tuple[str, float] | None:
    """The rule and best confidence of statements that all rest on one rule below ``min_confidence``."""
    rules = {s.rule for s in stated}
    best = max((s.confidence for s in stated if s.confidence is not None), default=None)
    if len(rules) == 1 and best is not None and best < min_confidence:
        return next(iter(rules)), best
    return None
