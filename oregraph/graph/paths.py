"""Paths and neighbourhoods: how two entities are joined, and who partners with whom.

:func:`shortest_path` finds the fewest steps between two entities over
ownership edges (either way) and partnerships; :func:`partners` lists an
entity's partners with the agreements that join them and their dates.
Agreements come from ``og:Agreement`` nodes (``og:party``) and from
``og:partnerOf`` shortcuts that have no node; each carries the date of the
announcement that stated it and, when known, the date it was signed.

>>> from oregraph.graph.ownership import _example_store, ID
>>> store = _example_store()
>>> [s.to_id for s in shortest_path(store, ID + "org-gouvernement-du-quebec", ID + "facility-aluminerie-alouette").steps]
['org-investissement-quebec', 'org-albecour', 'facility-aluminerie-alouette']
>>> shortest_path(store, ID + "facility-aluminerie-alouette", ID + "facility-aluminerie-alouette").steps
[]
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from oregraph.errors import EntityNotFound
from oregraph.graph import queries
from oregraph.graph.entities import OG_NS, EntitySummary, _all_names, summary_of
from oregraph.graph.ids import iri_to_id
from oregraph.graph.ownership import (
    _after, _float, _rows, ownership_graph, parse_as_of, store_cache,
)
from oregraph.graph.store import Store

__all__ = [
    "AgreementStatement", "agreement_statements", "partner_graph", "Partner", "PartnersReport",
    "partners", "PathStep", "PathReport", "shortest_path", "NoPath",
]


class NoPath(EntityNotFound):
    """No chain of ownership or partnership edges joins the two entities."""


@dataclass(frozen=True)
class AgreementStatement:
    """One agreement node as one announcement states it."""

    node: str
    types: tuple[str, ...]  # og local names, most specific first
    parties: tuple[str, ...]  # IRIs, sorted
    status: str | None
    date_signed: str | None
    date: str | None  # of the announcement
    announcement: str | None
    evidence: str | None
    rule: str | None
    confidence: float | None

    @property
    def type(self) -> str:
        return self.types[0] if self.types else "Agreement"

    def to_json(self, base: str) -> dict[str, Any]:
        return {
            "node": self.node, "type": self.type, "parties": [iri_to_id(p, base) for p in self.parties],
            "status": self.status, "date_signed": self.date_signed, "date": self.date,
            "announcement": self.announcement, "evidence": self.evidence, "rule": self.rule,
            "confidence": self.confidence,
        }


def agreement_statements(store: Store) -> list[AgreementStatement]:
    """Every agreement node in the store, sorted by date (cached per store generation).

    ``og:partnerOf`` shortcuts with no agreement node between the pair are
    added as statements of type ``Agreement`` with no node (``node`` empty).
    """
    cache = store_cache(store)
    if "paths.agreements" in cache:
        cached: list[AgreementStatement] = cache["paths.agreements"]
        return cached
    from oregraph.graph.entities import class_hierarchy

    hierarchy = class_hierarchy()
    merged: dict[str, dict[str, Any]] = {}
    for row in _rows(store.query(queries.AGREEMENT_STATEMENTS)):
        node = row["node"]
        if node is None or row["party"] is None:
            continue
        r = merged.setdefault(node, {
            "types": set(), "parties": set(), "status": None, "date_signed": None, "date": None,
            "announcement": None, "evidence": None, "rule": None, "confidence": None,
        })
        r["parties"].add(row["party"])
        if row["type"] is not None:
            r["types"].add(row["type"][len(OG_NS):])
        for key, column in (("status", "status"), ("date_signed", "dateSigned"), ("date", "annDate"),
                            ("announcement", "ann"), ("evidence", "evidence"), ("rule", "rule")):
            value = row[column]
            if value is not None and (r[key] is None or value > r[key]):
                r[key] = value
        confidence = _float(row["confidence"])
        if confidence is not None and (r["confidence"] is None or confidence > r["confidence"]):
            r["confidence"] = confidence
    statements = []
    covered: set[frozenset[str]] = set()
    for node, r in merged.items():
        parties = tuple(sorted(r["parties"]))
        if len(parties) < 2:
            continue
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                covered.add(frozenset((a, b)))
        types = tuple(t for t in hierarchy.most_specific_first(r["types"]) if t in hierarchy.classes)
        statements.append(AgreementStatement(
            node, types, parties, r["status"], r["date_signed"], r["date"], r["announcement"],
            r["evidence"], r["rule"], r["confidence"],
        ))
    for row in _rows(store.query(queries.PARTNER_SHORTCUTS)):
        a, b = row["a"], row["b"]
        if a is None or b is None or a == b or frozenset((a, b)) in covered:
            continue
        covered.add(frozenset((a, b)))
        statements.append(AgreementStatement(
            "", (), tuple(sorted((a, b))), None, None, None, None, None, None, None))
    statements.sort(key=lambda s: (s.date or "", s.node, s.parties))
    cache["paths.agreements"] = statements
    return statements


def partner_graph(store: Store, as_of: _dt.date | str | None = None) -> nx.Graph:
    """An undirected graph of partnerships: one edge per pair, ``agreements`` the statements.

    ``as_of`` drops agreements stated by announcements dated after it.
    """
    cutoff = parse_as_of(as_of)
    cache = store_cache(store)
    key = f"paths.partner_graph.{cutoff}"
    if key in cache:
        cached: nx.Graph = cache[key]
        return cached
    graph = nx.Graph()
    for st in agreement_statements(store):
        if _after(st.date, cutoff):
            continue
        for i, a in enumerate(st.parties):
            for b in st.parties[i + 1:]:
                if graph.has_edge(a, b):
                    graph.edges[a, b]["agreements"].append(st)
                else:
                    graph.add_edge(a, b, agreements=[st])
    nx.freeze(graph)
    cache[key] = graph
    return graph


@dataclass
class Partner:
    """A partner of the entity and the agreements that join them (latest first)."""

    id: str
    iri: str
    label: str
    agreements: list[AgreementStatement] = field(default_factory=list)

    def to_json(self, base: str) -> dict[str, Any]:
        return {"id": self.id, "iri": self.iri, "label": self.label,
                "agreements": [a.to_json(base) for a in self.agreements]}


@dataclass
class PartnersReport:
    entity: EntitySummary
    partners: list[Partner] = field(default_factory=list)
    as_of: str | None = None
    base: str = "https://w3id.org/oregraph/id/"

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity.head_json(),
            "as_of": self.as_of,
            "partners": [p.to_json(self.base) for p in self.partners],
        }


def _label(store: Store, iri: str) -> tuple[str, str]:
    base = store.settings.base_iri
    entry = _all_names(store).get(iri)
    entity_id = iri_to_id(iri, base)
    return entity_id, (entry.label() if entry is not None else None) or entity_id


def partners(store: Store, entity_iri: str, *, as_of: _dt.date | str | None = None) -> PartnersReport:
    """The partners of ``entity_iri`` with their agreements (type, status, dates, evidence).

    Partners are sorted by their latest agreement, newest first. Raises
    :class:`~oregraph.errors.EntityNotFound` for an unknown IRI.

    >>> from oregraph.graph.ownership import _example_store, ID
    >>> partners(_example_store(), ID + "org-albecour").partners
    []
    """
    entity = summary_of(store, str(entity_iri))
    cutoff = parse_as_of(as_of)
    graph = partner_graph(store, cutoff)
    report = PartnersReport(entity, as_of=cutoff, base=store.settings.base_iri)
    if entity.iri not in graph:
        return report
    for other in graph.neighbors(entity.iri):
        agreements = sorted(graph.edges[entity.iri, other]["agreements"],
                            key=lambda a: (a.date or "", a.date_signed or "", a.node), reverse=True)
        entity_id, label = _label(store, other)
        report.partners.append(Partner(entity_id, other, label, agreements))
    report.partners.sort(key=lambda p: p.label.casefold())
    report.partners.sort(key=lambda p: p.agreements[0].date or "" if p.agreements else "", reverse=True)
    return report


@dataclass
class PathStep:
    """One step of a path: from one entity to the next, and what joins them.

    ``relation`` is ``'owns'`` (from holds to), ``'owned by'`` (to holds
    from), or ``'partner'``; ``share``, ``date`` and ``evidence`` describe the
    stake or the latest agreement.
    """

    from_id: str
    to_id: str
    to_label: str
    relation: Literal["owns", "owned by", "partner"]
    share: float | None = None
    kind: str | None = None  # stake/subsidiary/operator, or the agreement type
    date: str | None = None
    evidence: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"from": self.from_id, "to": self.to_id, "to_label": self.to_label,
                "relation": self.relation, "share": self.share, "kind": self.kind,
                "date": self.date, "evidence": self.evidence}


@dataclass
class PathReport:
    source: EntitySummary
    target: EntitySummary
    steps: list[PathStep] = field(default_factory=list)
    as_of: str | None = None

    @property
    def ids(self) -> list[str]:
        return [self.source.id, *(s.to_id for s in self.steps)]

    def to_json(self) -> dict[str, Any]:
        return {"from": self.source.head_json(), "to": self.target.head_json(), "as_of": self.as_of,
                "length": len(self.steps), "ids": self.ids,
                "steps": [s.to_json() for s in self.steps]}


def shortest_path(
    store: Store, source_iri: str, target_iri: str, *, as_of: _dt.date | str | None = None,
    partnerships: bool = True,
) -> PathReport:
    """The shortest chain of ownership (either direction) and partnership edges between two entities.

    Ownership steps are preferred to partnerships of the same length. With
    ``partnerships=False`` only stakes count. Raises :class:`NoPath` when
    nothing joins them and :class:`~oregraph.errors.EntityNotFound` for an
    unknown IRI.

    >>> from oregraph.graph.ownership import _example_store, ID
    >>> shortest_path(_example_store(), ID + "facility-aluminerie-alouette", ID + "org-albecour").ids
    ['facility-aluminerie-alouette', 'org-albecour']
    """
    source = summary_of(store, str(source_iri))
    target = summary_of(store, str(target_iri))
    cutoff = parse_as_of(as_of)
    report = PathReport(source, target, as_of=cutoff)
    if source.iri == target.iri:
        return report
    owned = ownership_graph(store, cutoff)
    joined = nx.Graph()
    for u, v, data in owned.edges(data=True):
        joined.add_edge(u, v, weight=1.0, owner=u, data=data)
    if partnerships:
        for u, v, data in partner_graph(store, cutoff).edges(data=True):
            if not joined.has_edge(u, v):
                joined.add_edge(u, v, weight=1.0 + 1e-6, owner=None, data=data)
    try:
        nodes = nx.shortest_path(joined, source.iri, target.iri, weight="weight")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        what = "stakes or partnerships" if partnerships else "stakes"
        raise NoPath(
            f"no chain of {what} joins {source.id} and {target.id}"
            f"{' as of ' + cutoff if cutoff else ''}; check both with `oregraph owners` and "
            "`oregraph partners`"
        ) from None
    for a, b in zip(nodes, nodes[1:]):
        edge = joined.edges[a, b]
        data = edge["data"]
        to_id, to_label = _label(store, b)
        from_id = iri_to_id(a, store.settings.base_iri)
        if edge["owner"] is None:
            latest = max(data["agreements"], key=lambda s: (s.date or "", s.date_signed or ""))
            report.steps.append(PathStep(from_id, to_id, to_label, "partner", None, latest.type,
                                         latest.date or latest.date_signed, latest.evidence))
        else:
            report.steps.append(PathStep(
                from_id, to_id, to_label, "owns" if edge["owner"] == a else "owned by",
                data.get("share"), data.get("relation"), data.get("date"), data.get("evidence")))
    return report
