"""History: every statement of a stake or agreement, dated, and what changed since a date.

Each ``og:Shareholding`` and agreement node carries the date of the
announcement that stated it. For one holder and held, the statement in force
on a date is the latest one dated on or before it that states a share (ties
to the larger share), as in :func:`oregraph.graph.ownership.ownership_graph`;
earlier ones are *superseded*, never deleted. :func:`changes` replays the
statements in date order and reports each one dated in a window as ``new``
(first statement about the pair), ``changed`` (the share in force moved),
``restated`` (same share again) or ``unstated`` (a later statement that
gives no share, which changes nothing); agreements likewise, with ``status``
when the agreement's status moved (signed -> completed).

>>> from oregraph.graph.ownership import _example_store, ID
>>> [h.share for h in stake_history(_example_store(), ID + "org-albecour", ID + "facility-aluminerie-alouette")]
[6.67]
"""

from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from oregraph.errors import QueryError
from oregraph.graph.entities import _all_names
from oregraph.graph.ids import iri_to_id
from oregraph.graph.ownership import StakeStatement, parse_as_of, stake_statements
from oregraph.graph.paths import AgreementStatement, agreement_statements
from oregraph.graph.store import Store

__all__ = ["StakeHistoryEntry", "stake_history", "Change", "ChangeKind", "changes"]

ChangeKind = Literal["new", "changed", "restated", "unstated", "status"]


def _rank(s: StakeStatement) -> tuple[bool, str, float]:
    return (s.share is not None, s.date or "", s.share if s.share is not None else -1.0)


@dataclass
class StakeHistoryEntry:
    """One statement of a stake, and whether it is the one in force (``current``)."""

    statement: StakeStatement
    current: bool

    @property
    def share(self) -> float | None:
        return self.statement.share

    @property
    def date(self) -> str | None:
        return self.statement.date

    def to_json(self) -> dict[str, Any]:
        return {**self.statement.to_json(), "current": self.current}


def stake_history(
    store: Store, holder_iri: str, held_iri: str, *, as_of: _dt.date | str | None = None,
) -> list[StakeHistoryEntry]:
    """Every statement of ``holder_iri``'s stake in ``held_iri`` dated up to ``as_of``, oldest first.

    Exactly one entry is ``current`` when any is listed.

    >>> from oregraph.graph.ownership import _example_store, ID
    >>> stake_history(_example_store(), ID + "org-albecour", ID + "facility-aluminerie-alouette")[0].current
    True
    """
    cutoff = parse_as_of(as_of)
    stated = [
        s for s in stake_statements(store)
        if s.holder == str(holder_iri) and s.held == str(held_iri)
        and not (cutoff is not None and s.date is not None and s.date[:10] > cutoff)
    ]
    if not stated:
        return []
    current = max(stated, key=_rank)
    return [StakeHistoryEntry(s, s is current) for s in sorted(stated, key=lambda s: (s.date or "", s.node))]


@dataclass
class Change:
    """One dated statement and what it changed.

    For a stake, ``subjects`` is ``[holder, held]`` (ids), ``share`` the
    share it states and ``previous_share`` the share in force before it. For
    an agreement, ``subjects`` lists the parties, ``agreement_type`` and
    ``status`` describe it and ``previous_status`` is the status stated before.
    """

    date: str
    fact: Literal["stake", "agreement"]
    change: ChangeKind
    subjects: list[str]
    labels: list[str]
    share: float | None = None
    previous_share: float | None = None
    previous_date: str | None = None
    agreement_type: str | None = None
    status: str | None = None
    previous_status: str | None = None
    announcement: str | None = None
    evidence: str | None = None
    node: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Names:
    store: Store
    cache: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __call__(self, iri: str) -> tuple[str, str]:
        if iri not in self.cache:
            entry = _all_names(self.store).get(iri)
            entity_id = iri_to_id(iri, self.store.settings.base_iri)
            self.cache[iri] = (entity_id, (entry.label() if entry else None) or entity_id)
        return self.cache[iri]


def _in_window(date: str | None, since: str, until: str | None) -> bool:
    return date is not None and date[:10] >= since and (until is None or date[:10] <= until)


def _stake_changes(store: Store, since: str, until: str | None, names: _Names) -> list[Change]:
    by_pair: dict[tuple[str, str], list[StakeStatement]] = defaultdict(list)
    for s in stake_statements(store):
        by_pair[(s.holder, s.held)].append(s)
    found = []
    for (holder, held), stated in by_pair.items():
        current: StakeStatement | None = None
        for s in sorted(stated, key=lambda s: (s.date or "", s.share is not None, s.share or 0.0, s.node)):
            before = current
            if current is None or _rank(s) >= _rank(current):
                current = s
            if not _in_window(s.date, since, until):
                continue
            if before is None:
                kind: ChangeKind = "new"
            elif s.share is None:
                kind = "unstated"
            elif before.share is None or abs(current.share - before.share) > 1e-9:  # type: ignore[operator]
                kind = "changed"
            else:
                kind = "restated"
            (hid, hl), (did, dl) = names(holder), names(held)
            found.append(Change(
                s.date[:10] if s.date else "", "stake", kind, [hid, did], [hl, dl], s.share,
                None if before is None else before.share, None if before is None else before.date,
                announcement=s.announcement, evidence=s.evidence, node=s.node,
            ))
    return found


def _agreement_changes(store: Store, since: str, until: str | None, names: _Names) -> list[Change]:
    by_parties: dict[tuple[str, ...], list[AgreementStatement]] = defaultdict(list)
    for a in agreement_statements(store):
        if a.node:
            by_parties[a.parties].append(a)
    found = []
    for parties, stated in by_parties.items():
        previous: AgreementStatement | None = None
        for a in sorted(stated, key=lambda a: (a.date or "", a.node)):
            if _in_window(a.date, since, until):
                if previous is None:
                    kind: ChangeKind = "new"
                elif (a.status or "") != (previous.status or "") and a.status is not None:
                    kind = "status"
                else:
                    kind = "restated"
                ids, labels = zip(*(names(p) for p in parties))
                found.append(Change(
                    a.date[:10] if a.date else "", "agreement", kind, list(ids), list(labels),
                    previous_date=None if previous is None else previous.date,
                    agreement_type=a.type, status=a.status,
                    previous_status=None if previous is None else previous.status,
                    announcement=a.announcement, evidence=a.evidence, node=a.node,
                ))
            previous = a
    return found


def changes(
    store: Store, since: _dt.date | str, *, until: _dt.date | str | None = None,
) -> list[Change]:
    """Stakes and agreements stated by announcements dated from ``since`` to ``until`` (inclusive).

    Sorted by date, then stakes before agreements. Undated statements are
    never listed (nothing says when they were made).

    >>> from oregraph.graph.ownership import _example_store
    >>> changes(_example_store(), "2000-01-01")
    []
    """
    start = parse_as_of(since, "since date")
    if start is None:
        raise QueryError("changes need a start date; give --since YYYY-MM-DD")
    end = parse_as_of(until, "until date")
    names = _Names(store)
    found = _stake_changes(store, start, end, names) + _agreement_changes(store, start, end, names)
    found.sort(key=lambda c: (c.date, c.fact != "stake", c.subjects, c.node or ""))
    return found
