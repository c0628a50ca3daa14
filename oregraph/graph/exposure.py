"""Holdings grouped by commodity and by country: what an owner is exposed to.

Each entity an owner holds, directly or through others (with its integrated
share from :func:`oregraph.graph.ownership.holdings`), is put in the group of
every commodity it is said to produce or explore for (``og:commodity``) and in
the group of its country (``og:locatedIn``, followed up the place chain to a
place that is located in nothing further). Entities with neither fall in
``ungrouped``. Shares of different assets are never added up: a group lists
its members and counts them.

>>> from oregraph.graph.ownership import _example_store, ID
>>> report = holdings_by(_example_store(), ID + "org-gouvernement-du-quebec", "country")
>>> [(g.label, [m.id for m in g.members]) for g in report.groups]
[]
>>> len(report.ungrouped)
3
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Literal

from oregraph.errors import QueryError
from oregraph.graph import queries
from oregraph.graph.entities import EntitySummary, _all_names
from oregraph.graph.ids import iri_to_id
from oregraph.graph.ownership import UltimateOwner, _rows, holdings, store_cache
from oregraph.graph.store import Store

__all__ = ["GroupBy", "HoldingGroup", "GroupedHoldings", "holdings_by", "country_of", "commodities_of"]

GroupBy = Literal["commodity", "country"]


@dataclass
class HoldingGroup:
    """One commodity or country and the holdings that fall in it."""

    id: str
    iri: str
    label: str
    members: list[UltimateOwner] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "iri": self.iri, "label": self.label, "count": len(self.members),
            "members": [m.to_json() for m in self.members],
        }


@dataclass
class GroupedHoldings:
    """The holdings of ``entity`` grouped ``by`` commodity or country."""

    entity: EntitySummary
    by: GroupBy
    groups: list[HoldingGroup] = field(default_factory=list)
    ungrouped: list[UltimateOwner] = field(default_factory=list)
    as_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity.head_json(),
            "by": self.by, "as_of": self.as_of,
            "groups": [g.to_json() for g in self.groups],
            "ungrouped": [m.to_json() for m in self.ungrouped],
        }


def _links(store: Store) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    cache = store_cache(store)
    if "exposure.links" not in cache:
        commodities: dict[str, set[str]] = {}
        for row in _rows(store.query(queries.ENTITY_COMMODITIES)):
            if row["e"] is not None and row["commodity"] is not None:
                commodities.setdefault(row["e"], set()).add(row["commodity"])
        places: dict[str, set[str]] = {}
        for row in _rows(store.query(queries.PLACE_LINKS)):
            if row["e"] is not None and row["place"] is not None and row["e"] != row["place"]:
                places.setdefault(row["e"], set()).add(row["place"])
        cache["exposure.links"] = (commodities, places)
    links: tuple[dict[str, set[str]], dict[str, set[str]]] = cache["exposure.links"]
    return links


def commodities_of(store: Store, iri: str) -> set[str]:
    """IRIs of the commodities ``iri`` is said to produce or explore for."""
    return set(_links(store)[0].get(str(iri), ()))


def country_of(store: Store, iri: str) -> set[str]:
    """IRIs of the top places (countries) ``iri`` lies in, following ``og:locatedIn`` up.

    A place located in nothing further is a top place; cycles in the place
    chain stop the walk.
    """
    places = _links(store)[1]
    found: set[str] = set()
    seen = {str(iri)}
    frontier = list(places.get(str(iri), ()))
    while frontier:
        place = frontier.pop()
        if place in seen:
            continue
        seen.add(place)
        parents = places.get(place)
        if parents:
            frontier.extend(parents)
        else:
            found.add(place)
    return found


def holdings_by(
    store: Store, entity_iri: str, by: GroupBy, *, as_of: _dt.date | str | None = None,
) -> GroupedHoldings:
    """The holdings of ``entity_iri`` grouped by ``'commodity'`` or ``'country'``.

    Groups are sorted by the number of members, then label; members by
    effective share. An entity with two commodities is in both groups.

    >>> from oregraph.graph.ownership import _example_store, ID
    >>> holdings_by(_example_store(), ID + "org-albecour", "commodity").groups
    []
    """
    if by not in ("commodity", "country"):
        raise QueryError(f"cannot group holdings by {by!r}; use 'commodity' or 'country'")
    report = holdings(store, entity_iri, as_of=as_of)
    names = _all_names(store)
    base = store.settings.base_iri
    groups: dict[str, HoldingGroup] = {}
    ungrouped = []
    for member in report.effective:
        keys = commodities_of(store, member.iri) if by == "commodity" else country_of(store, member.iri)
        if not keys:
            ungrouped.append(member)
        for key in keys:
            if key not in groups:
                entry = names.get(key)
                label = (entry.label() if entry is not None else None) or iri_to_id(key, base)
                groups[key] = HoldingGroup(iri_to_id(key, base), key, label)
            groups[key].members.append(member)
    ordered = sorted(groups.values(), key=lambda g: (-len(g.members), g.label.casefold(), g.id))
    return GroupedHoldings(report.entity, by, ordered, ungrouped, report.as_of)
