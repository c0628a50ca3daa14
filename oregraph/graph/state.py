"""State roll-up: how much of an asset or company governments hold, per government.

A *state holder* is an entity typed ``og:GovernmentBody`` or
``og:StateOwnedEnterprise`` (``og:CrownCorporation`` included, subclasses
read from the ontology). The graph says which government stands behind a
state-owned enterprise through ownership edges (``og:subsidiaryOf``,
``og:ownsStakeIn`` / ``og:Shareholding`` from the government) and, when no
such edge says it, through ``og:stateOwner`` (written from the curated list
of organizations when an announcement names the enterprise). So:

* the *top* state holders of an entity are the state holders among its
  owners that no state holder owns directly;
* each top's share is its integrated share (every chain, cycles solved) in a
  copy of the owner graph where the tops' own owners are cut off, so no
  chain is counted for two governments;
* a top that is a government is reported by name; a top that is a
  state-owned enterprise with an ``og:stateOwner`` is reported as that
  government (the enterprise's share counts for it, and the enterprise is
  listed in ``via``); any other state-owned top stands for a government the
  graph does not name (``identified`` false), with the country it lies in
  when known.

>>> from oregraph.graph.ownership import _example_store, ID
>>> report = state_share(_example_store(), ID + "facility-aluminerie-alouette")
>>> [(g.label, g.effective_share, g.via) for g in report.governments]
[('Gouvernement du Québec', 6.67, ['org-investissement-quebec'])]
>>> report.total_share
6.67
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from oregraph.graph.entities import EntitySummary, _all_names, class_hierarchy, summary_of
from oregraph.graph.exposure import country_of
from oregraph.graph.ids import iri_to_id
from oregraph.graph.ownership import (
    _chains, _percent, _reach, _unknown_reach, integrated_shares, ownership_graph, parse_as_of,
)
from oregraph.graph.store import Store
from oregraph.ontology import OG, RDFS

__all__ = ["GovernmentShare", "StateReport", "state_share", "state_classes", "government_classes", "state_owners"]

_STATE_OWNERS = f"""
SELECT DISTINCT ?soe ?gov ?label WHERE {{ ?soe <{OG.stateOwner}> ?gov . OPTIONAL {{ ?gov <{RDFS.label}> ?label }} }}
"""


def state_classes() -> set[str]:
    """og local names of the classes whose instances are state holders."""
    hierarchy = class_hierarchy()
    return hierarchy.descendants("StateOwnedEnterprise") | hierarchy.descendants("GovernmentBody")


def government_classes() -> set[str]:
    """og local names of government classes (``GovernmentBody`` and its subclasses)."""
    return class_hierarchy().descendants("GovernmentBody")


def state_owners(store: Store) -> dict[str, tuple[str, str]]:
    """``enterprise IRI -> (government IRI, label)`` from ``og:stateOwner``.

    An enterprise given two governments keeps the first by IRI (the curated
    list names one; two mean two announcements disagree).
    """
    found: dict[str, tuple[str, str]] = {}
    rows = sorted(store.select(_STATE_OWNERS), key=lambda r: (str(r["soe"]), str(r["gov"])))
    for row in rows:
        gov = str(row["gov"])
        found.setdefault(str(row["soe"]), (gov, str(row.get("label") or gov)))
    return found


@dataclass
class GovernmentShare:
    """One government's (or one unnamed government's) integrated share.

    ``id``/``iri``/``label`` name the top state holder: the government itself
    when ``identified``, else the state-owned enterprise that stands for a
    government the graph does not name (``countries`` then says where it is,
    when known). ``via`` lists the ids of the state-owned enterprises on the
    chains; ``paths`` the chains, from the top holder down to the entity.
    """

    id: str
    iri: str
    label: str
    identified: bool
    effective_share: float | None
    partially_unknown: bool = False
    via: list[str] = field(default_factory=list)
    paths: list[list[str]] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "iri": self.iri, "label": self.label, "identified": self.identified,
            "effective_share": self.effective_share, "partially_unknown": self.partially_unknown,
            "via": list(self.via), "paths": [list(p) for p in self.paths],
            "countries": list(self.countries),
        }


@dataclass
class StateReport:
    """The state's share of ``entity``, per government; ``total_share`` sums the known figures."""

    entity: EntitySummary
    governments: list[GovernmentShare] = field(default_factory=list)
    total_share: float = 0.0
    partially_unknown: bool = False
    entity_is_state: bool = False
    as_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity.head_json(),
            "as_of": self.as_of,
            "governments": [g.to_json() for g in self.governments],
            "total_share": self.total_share,
            "partially_unknown": self.partially_unknown,
            "entity_is_state": self.entity_is_state,
        }


def state_share(store: Store, entity_iri: str, *, as_of: _dt.date | str | None = None) -> StateReport:
    """The share of ``entity_iri`` held by governments, directly or through state-owned enterprises.

    An entity no state holder owns gets an empty list and ``total_share`` 0.
    A state-owned enterprise that nobody is said to own is reported as held
    by an unnamed government with share ``None`` (``entity_is_state`` true).
    Raises :class:`~oregraph.errors.EntityNotFound` for an unknown IRI.

    >>> from oregraph.graph.ownership import _example_store, ID
    >>> state_share(_example_store(), ID + "org-albecour").total_share
    100.0
    """
    entity_iri = str(entity_iri)
    entity = summary_of(store, entity_iri)
    cutoff = parse_as_of(as_of)
    state = state_classes()
    governments = government_classes()
    entity_is_state = bool(state & set(entity.types))
    report = StateReport(entity, entity_is_state=entity_is_state, as_of=cutoff)
    graph = ownership_graph(store, cutoff)
    base = store.settings.base_iri

    def types(iri: str) -> set[str]:
        if iri in graph:
            return set(graph.nodes[iri].get("types", ()))
        entry = _all_names(store).get(iri)
        return set(entry.types) if entry is not None else set()

    known_owners: dict[str, tuple[str, str]] | None = None

    def owners() -> dict[str, tuple[str, str]]:
        nonlocal known_owners
        if known_owners is None:
            known_owners = state_owners(store)
        return known_owners

    tops: list[str] = []
    if entity_iri in graph:
        distance, _ = _reach(graph, entity_iri, True, None)
        members = set(distance)
        tops = sorted(
            n for n in members - {entity_iri}
            if types(n) & state and not any(types(p) & state for p in graph.predecessors(n))
        )
    if tops:
        cut = graph.subgraph(members).copy()
        cut.remove_edges_from([(p, t) for t in tops for p in list(cut.predecessors(t))])
        reach, _ = _reach(cut, entity_iri, True, None)
        shares, _ = integrated_shares(cut, entity_iri, True, set(reach))
        unknown = _unknown_reach(cut, True, set(reach))
        chains, _, _ = _chains(cut, entity_iri, True, set(reach), None)
        for top in tops:
            if top not in reach:
                continue
            fraction: float | None = shares.get(top, 0.0)
            partial = top in unknown
            if fraction == 0.0 and partial:
                fraction = None
            paths = sorted([graph.nodes[n]["id"] for n in reversed(p)] for p in chains.get(top, []))
            via = sorted({
                graph.nodes[n]["id"] for p in chains.get(top, []) for n in p
                if n != entity_iri and types(n) & state and not types(n) & governments
            })
            identified = bool(types(top) & governments)
            if not identified and top in owners():
                gov, label = owners()[top]
                gov_id = iri_to_id(gov, base)
                _add_share(report, GovernmentShare(
                    gov_id, gov, label, True, _percent(fraction), partial, via,
                    [[gov_id, *p] for p in paths]))
                continue
            _add_share(report, GovernmentShare(
                graph.nodes[top]["id"], top, graph.nodes[top]["label"], identified,
                _percent(fraction), partial, via, paths,
                [] if identified else sorted(iri_to_id(c, base) for c in country_of(store, top)),
            ))
    if not report.governments and entity_is_state and not governments & set(entity.types):
        if entity_iri in owners():  # the government is known, the size of its stake is not
            gov, label = owners()[entity_iri]
            gov_id = iri_to_id(gov, base)
            report.governments.append(GovernmentShare(
                gov_id, gov, label, True, None, True, [entity.id], [[gov_id, entity.id]]))
        else:
            report.governments.append(GovernmentShare(
                entity.id, entity.iri, entity.label, False, None, True, [entity.id], [[entity.id]],
                sorted(iri_to_id(c, base) for c in country_of(store, entity.iri)),
            ))
    report.governments.sort(key=lambda g: (
        g.effective_share is None, -(g.effective_share or 0.0), not g.identified, g.label.casefold()))
    report.total_share = round(sum(g.effective_share or 0.0 for g in report.governments), 4)
    report.partially_unknown = any(g.partially_unknown for g in report.governments)
    return report


def _add_share(report: StateReport, share: GovernmentShare) -> None:
    """Add one top's share, merged with an entry for the same government (two of its enterprises)."""
    same = next((g for g in report.governments if g.iri == share.iri), None)
    if same is None:
        report.governments.append(share)
        return
    if same.effective_share is None or share.effective_share is None:
        same.effective_share = same.effective_share if share.effective_share is None else share.effective_share
    else:
        same.effective_share = round(same.effective_share + share.effective_share, 4)
    same.partially_unknown = same.partially_unknown or share.partially_unknown
    same.via = sorted(set(same.via) | set(share.via))
    same.paths = sorted(same.paths + share.paths)
