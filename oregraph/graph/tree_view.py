"""An ownership tree: an entity's owners above it and its holdings below, with effective shares.

Built from the public reports of :mod:`oregraph.graph.ownership`
(:func:`~oregraph.graph.ownership.owners` and
:func:`~oregraph.graph.ownership.holdings`, through ``to_json()``), so the
shares are the ownership module's own arithmetic. Edges always run from
holder to held (a subsidiary hangs under its parent), which a hierarchical
layout draws top-down. Each edge carries the stated direct ``share`` and an
``effective_share``: on the owners' side, the upper entity's effective share
in the focus; on the holdings' side, the focus's effective share in the lower
one. Nodes carry the same figure in ``note`` for their tooltip.

>>> from oregraph.graph.ownership import _example_store
>>> store = _example_store()
>>> tree = ownership_tree(store, "https://w3id.org/oregraph/id/org-albecour")
>>> sorted(d["id"] for _, d in tree.nodes(data=True))
['facility-aluminerie-alouette', 'org-albecour', 'org-gouvernement-du-quebec', 'org-investissement-quebec']
>>> edge = tree.edges["https://w3id.org/oregraph/id/org-albecour",
...                   "https://w3id.org/oregraph/id/facility-aluminerie-alouette"]
>>> edge["share"], edge["effective_share"]
(6.67, 6.67)
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from oregraph.graph import ownership
from oregraph.graph.entities import summary_of
from oregraph.graph.ids import id_to_iri
from oregraph.graph.neighbourhood import facts_among
from oregraph.graph.store import Store
from oregraph.graph.viz import format_share

__all__ = ["ownership_tree", "MAX_TREE_LOOKUPS"]

#: At most this many intermediate owners get their own effective share looked up.
MAX_TREE_LOOKUPS = 60

_RELATION_PREDICATE = {"stake": "ownsStakeIn", "subsidiary": "parentOf", "operator": "operates"}
_OWNERSHIP = ("ownsStakeIn", "subsidiaryOf", "operates", "acquires")


def _paths(report: dict[str, Any]) -> list[list[str]]:
    return [list(p) for u in report.get("ultimate", []) for p in (u.get("paths") or [])]


def ownership_tree(store: Store, iri: str, *, owners: bool = True, holdings: bool = True) -> nx.DiGraph:
    """The owners (``owners=True``) and holdings (``holdings=True``) of ``iri`` as one DiGraph.

    Raises :class:`~oregraph.errors.EntityNotFound` for an unknown IRI.
    """
    iri = str(iri)
    focus = summary_of(store, iri)
    base = store.settings.base_iri
    up = ownership.owners(store, iri).to_json() if owners else {}
    down = ownership.holdings(store, iri).to_json() if holdings else {}

    edges: dict[tuple[str, str], dict[str, Any]] = {}
    iris: dict[str, str] = {focus.id: iri}

    def note_iri(entity_id: str, entity_iri: str | None = None) -> str:
        if entity_id not in iris:
            iris[entity_id] = entity_iri or id_to_iri(entity_id, base)
        return iris[entity_id]

    for side, report in (("up", up), ("down", down)):
        for stake in report.get("direct", []):
            other = note_iri(stake["id"], stake.get("iri"))
            pair = (other, iri) if side == "up" else (iri, other)
            edges[pair] = {
                "predicate": _RELATION_PREDICATE.get(stake.get("relation") or "stake", "ownsStakeIn"),
                "share": stake.get("share"),
            }
        for entry in report.get("ultimate", []):
            note_iri(entry["id"], entry.get("iri"))
        for path in _paths(report):
            ids = [note_iri(i) for i in path]
            for a, b in zip(ids, ids[1:]):
                edges.setdefault((a, b), {"predicate": "ownsStakeIn", "share": None})

    # stated shares and evidence of every edge, from the facts between the tree's nodes
    facts = facts_among(store, iris.values(), _OWNERSHIP)
    for (a, b), data in edges.items():
        fact = None
        if facts.has_edge(a, b):
            fact = facts.edges[a, b]
        elif facts.has_edge(b, a) and facts.edges[b, a].get("predicate") == "subsidiaryOf":
            fact = facts.edges[b, a]
            data["predicate"] = "parentOf"
        if fact is not None:
            for key in ("evidence", "source_title", "source_date", "source_url",
                        "announcement", "announcement_id"):
                if key in fact:
                    data[key] = fact[key]
            if data.get("share") is None and fact.get("share") is not None:
                data["share"] = fact["share"]
            if fact.get("predicate") == "operates" and data["predicate"] == "ownsStakeIn":
                data["predicate"] = "operates"

    effective_up = _effective_in_focus(store, iri, up, edges)
    effective_down = {e["iri"] if e.get("iri") else note_iri(e["id"]): e.get("effective_share")
                      for e in down.get("ultimate", [])}

    tree = nx.DiGraph(focus=iri)
    for entity_id, node in iris.items():
        attrs = facts.nodes[node] if node in facts else {}
        tree.add_node(node, id=entity_id, label=attrs.get("label", entity_id),
                      types=list(attrs.get("types") or []))
    tree.nodes[iri].update(label=focus.label, types=list(focus.types))
    for node, share in effective_up.items():
        if node in tree and share is not None:
            tree.nodes[node]["note"] = f"Effective share in {focus.label}: {format_share(share)}"
    for node, share in effective_down.items():
        if node in tree and share is not None:
            tree.nodes[node]["note"] = f"{focus.label}'s effective share: {format_share(share)}"
    for (a, b), data in edges.items():
        effective = effective_up.get(a) if a in effective_up else effective_down.get(b)
        tree.add_edge(a, b, **data, effective_share=effective)
    return tree


def _effective_in_focus(
    store: Store, iri: str, up: dict[str, Any], edges: dict[tuple[str, str], dict[str, Any]]
) -> dict[str, float | None]:
    """The effective share in the focus of every owner in the tree (ultimate ones from the
    report, the others from their own holdings report)."""
    out: dict[str, float | None] = {}
    for entry in up.get("ultimate", []):
        if entry.get("iri"):
            out[entry["iri"]] = entry.get("effective_share")
    owners_side = {a for (a, b) in edges if b == iri or b in out or a in out}
    # every node on an owner path is an owner of the focus
    for path in _paths(up):
        base = store.settings.base_iri
        owners_side |= {id_to_iri(i, base) for i in path[:-1]}
    lookups = 0
    for node in sorted(owners_side - set(out) - {iri}):
        if lookups >= MAX_TREE_LOOKUPS:
            break
        lookups += 1
        report = ownership.holdings(store, node).to_json()
        match = next((u for u in report.get("ultimate", []) if u.get("iri") == iri), None)
        out[node] = match.get("effective_share") if match else None
    return out
