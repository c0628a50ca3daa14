"""Entity lookups: search by name, resolve a reference, describe one entity.

Entities are nodes typed with an ``og:`` class under Organization, Facility,
Project, Commodity, Person or Place (subclasses included). Names are matched
case- and accent-insensitively over ``rdfs:label``, ``skos:altLabel`` and
listing tickers.

>>> from oregraph.graph.store import Store
>>> store = Store.memory()
>>> store.update('''
...   PREFIX og: <https://w3id.org/oregraph/ontology#>
...   PREFIX id: <https://w3id.org/oregraph/id/>
...   PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
...   PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
...   INSERT DATA { GRAPH id:announcement-0000000000000001 {
...     id:org-investissement-quebec a og:StateOwnedEnterprise ;
...         rdfs:label "Investissement Québec" ; skos:altLabel "IQ" .
...   } }''')
>>> [e.id for e in search(store, "investissement quebec", type="Company")]
['org-investissement-quebec']
>>> resolve(store, "IQ").label
'Investissement Québec'
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal as TypingLiteral

import pyoxigraph as ox

from oregraph.errors import AmbiguousEntity, EntityNotFound, QueryError
from oregraph.graph import queries
from oregraph.graph.ids import id_to_iri, iri_to_id
from oregraph.graph.store import Store
from oregraph.ontology import OG, ONTOLOGY_FILE, RDFS, ontology_graph

__all__ = [
    "EntitySummary", "EntityRef", "AnnouncementRef", "FactView", "EntityDetail",
    "ClassHierarchy", "class_hierarchy", "ENTITY_ROOTS",
    "search", "resolve", "summary_of", "entity_detail", "announcements_of", "fold",
]

OG_NS = str(OG)

#: The top og: classes whose instances (and subclasses' instances) are entities.
ENTITY_ROOTS = ("Organization", "Facility", "Project", "Commodity", "Person", "Place")

# The core hierarchy from ONTOLOGY-CORE, used when oregraph.ttl is absent and
# merged with what it declares when present (child -> parents, og: local names).
_CORE_PARENTS: dict[str, tuple[str, ...]] = {
    "Company": ("Organization",),
    "StateOwnedEnterprise": ("Company",),
    "CrownCorporation": ("StateOwnedEnterprise",),
    "GovernmentBody": ("Organization",),
    "Plant": ("Facility",),
    "Mine": ("Facility",),
    "MemorandumOfUnderstanding": ("Agreement",),
    "LetterOfIntent": ("Agreement",),
    "JointVenture": ("Agreement",),
    "OfftakeAgreement": ("Agreement",),
    "SupplyAgreement": ("Agreement",),
    "OptionAgreement": ("Agreement",),
    "Collaboration": ("Agreement",),
    "StrategicInvestment": ("Agreement",),
    "Acquisition": ("Agreement",),
}
_CORE_CLASSES = set(_CORE_PARENTS) | {
    "Organization", "Facility", "Project", "Commodity", "Person", "Place", "Agreement",
    "Shareholding", "Position", "Listing", "Announcement",
}


# -- the class hierarchy -----------------------------------------------------


class ClassHierarchy:
    """The og: subclass tree, by local name (``'Company'``)."""

    def __init__(self, parents: dict[str, set[str]], classes: Iterable[str]) -> None:
        self.parents = parents
        self.classes = set(classes) | set(parents) | {p for ps in parents.values() for p in ps}
        children: dict[str, set[str]] = defaultdict(set)
        for child, ps in parents.items():
            for parent in ps:
                children[parent].add(child)
        self.children = dict(children)
        self._by_lower = {name.lower(): name for name in self.classes}
        self.entity_classes = frozenset(
            name for root in ENTITY_ROOTS for name in self.descendants(root)
        )

    def descendants(self, name: str) -> set[str]:
        """``name`` and every class below it."""
        seen = {name}
        todo = [name]
        while todo:
            for child in self.children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen

    def depth(self, name: str) -> int:
        """Steps from ``name`` up to its farthest root (0 for a root)."""
        best, todo, seen = 0, [(name, 0)], set()
        while todo:
            current, d = todo.pop()
            best = max(best, d)
            for parent in self.parents.get(current, ()):
                if (parent, d + 1) not in seen and d < 32:
                    seen.add((parent, d + 1))
                    todo.append((parent, d + 1))
        return best

    def canonical(self, name: str) -> str | None:
        """The class name for ``name`` given in any case, with or without ``og:``."""
        key = name.strip()
        if key.startswith(OG_NS):
            key = key[len(OG_NS):]
        elif key.lower().startswith("og:"):
            key = key[3:]
        return self._by_lower.get(key.lower())

    def most_specific_first(self, names: Iterable[str]) -> list[str]:
        return sorted(set(names), key=lambda n: (-self.depth(n), n))


@lru_cache(maxsize=1)
def class_hierarchy() -> ClassHierarchy:
    """The hierarchy from ``oregraph/ontology/oregraph.ttl`` merged with the core one.

    The core classes from the ONTOLOGY-CORE contract are always present, so the
    lookups work before the ontology file exists.
    """
    parents: dict[str, set[str]] = {child: set(ps) for child, ps in _CORE_PARENTS.items()}
    classes = set(_CORE_CLASSES)
    if ONTOLOGY_FILE.exists():
        graph = ontology_graph()
        for child, parent in graph.subject_objects(RDFS.subClassOf):
            c, p = str(child), str(parent)
            if c.startswith(OG_NS) and p.startswith(OG_NS):
                parents.setdefault(c[len(OG_NS):], set()).add(p[len(OG_NS):])
                classes.update((c[len(OG_NS):], p[len(OG_NS):]))
    return ClassHierarchy(parents, classes)


# -- records -----------------------------------------------------------------


@dataclass
class EntitySummary:
    """An entity's id, IRI, names and types (og local names, most specific first)."""

    id: str
    iri: str
    label: str
    types: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    tickers: list[str] = field(default_factory=list)  # 'TSXV:IPG'

    def ref(self) -> EntityRef:
        return EntityRef(self.id, self.iri, self.label)


@dataclass
class EntityRef:
    """The other end of a fact: just enough to name and link it."""

    id: str
    iri: str
    label: str


@dataclass
class AnnouncementRef:
    """The announcement a fact was read from."""

    id: str
    iri: str
    title: str | None = None
    date: str | None = None  # ISO date as written (xsd:date lexical form)
    source: str | None = None


@dataclass
class FactView:
    """One fact about an entity, seen from that entity.

    ``predicate`` is the og local name of the shortcut relation
    (``ownsStakeIn``, ``subsidiaryOf``, ``partnerOf``, ``acquires``,
    ``officerOf``, ``operates``, ``commodity``, ``locatedIn``, ``listing``);
    ``direction`` is ``'out'`` when the entity is the subject of that relation
    (``partnerOf`` is symmetric and always ``'out'``). Facts read from an
    announcement carry the evidence sentence, rule, confidence and announcement;
    shortcut triples with no evidence node (gazetteer place chains) leave them
    ``None``.
    """

    predicate: str
    direction: TypingLiteral["out", "in"]
    other: EntityRef
    share: float | None = None
    agreement_type: str | None = None
    status: str | None = None
    title: str | None = None
    evidence: str | None = None
    rule: str | None = None
    confidence: float | None = None
    announcement: AnnouncementRef | None = None
    date: str | None = None  # og:dateSigned of an agreement
    controlling: bool | None = None  # for stakes: og:controlling
    node: str | None = None  # IRI of the n-ary node carrying the fact


@dataclass
class EntityDetail:
    """An entity with every fact it takes part in."""

    summary: EntitySummary
    facts: list[FactView] = field(default_factory=list)


# -- text folding ------------------------------------------------------------

_PUNCT_MAP = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name.

    >>> fold("  Investissement  QUÉBEC ")
    'investissement quebec'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_PUNCT_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


# -- loading names -----------------------------------------------------------


@dataclass
class _Names:
    types: set[str] = field(default_factory=set)
    labels: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    tickers: set[str] = field(default_factory=set)


def _value(solution: ox.QuerySolution, name: str) -> str | None:
    term = solution[name]
    return None if term is None else term.value


def _load_names(store: Store, iri: str | None = None) -> dict[str, _Names]:
    """Names and og types of every node (or of ``iri``), straight from pyoxigraph."""
    bindings = {"e": ox.NamedNode(iri)} if iri is not None else None
    names: dict[str, _Names] = defaultdict(_Names)
    for solution in store.query(queries.ENTITY_NAMES, bindings):  # type: ignore[union-attr]
        entity = solution["e"]
        if not isinstance(entity, ox.NamedNode):
            continue
        entry = names[entity.value]
        if (value := _value(solution, "type")) is not None:
            entry.types.add(value[len(OG_NS):])
        elif (value := _value(solution, "label")) is not None:
            entry.labels.add(value)
        elif (value := _value(solution, "alias")) is not None:
            entry.aliases.add(value)
        elif (value := _value(solution, "ticker")) is not None:
            exchange = _value(solution, "exchange")
            entry.tickers.add(f"{exchange}:{value}" if exchange else value)
    return names


def _summary(iri: str, entry: _Names, base: str, hierarchy: ClassHierarchy) -> EntitySummary:
    entity_id = iri_to_id(iri, base)
    labels = sorted(entry.labels, key=lambda s: (-len(s), s))
    if labels:
        label = labels[0]
    elif entry.aliases:
        label = sorted(entry.aliases, key=lambda s: (-len(s), s))[0]
    else:
        label = entity_id
    aliases = sorted((set(labels[1:]) | entry.aliases) - {label}, key=lambda s: (fold(s), s))
    types = hierarchy.most_specific_first(t for t in entry.types if t in hierarchy.classes)
    return EntitySummary(entity_id, iri, label, types, aliases, sorted(entry.tickers))


def _entities(store: Store) -> list[EntitySummary]:
    hierarchy = class_hierarchy()
    base = store.settings.base_iri
    return [
        _summary(iri, entry, base, hierarchy)
        for iri, entry in _load_names(store).items()
        if entry.types & hierarchy.entity_classes
    ]


def _type_filter(type: str | None) -> frozenset[str] | None:
    if type is None or not type.strip():
        return None
    hierarchy = class_hierarchy()
    name = hierarchy.canonical(type)
    if name is None or name not in hierarchy.entity_classes:
        known = ", ".join(sorted(hierarchy.entity_classes))
        raise QueryError(f"unknown entity type {type!r}; use one of: {known}")
    return frozenset(hierarchy.descendants(name))


def _matches_type(summary: EntitySummary, allowed: frozenset[str] | None) -> bool:
    return allowed is None or bool(allowed.intersection(summary.types))


# -- search and resolve --------------------------------------------------------


def search(store: Store, q: str = "", type: str | None = None, limit: int = 50) -> list[EntitySummary]:
    """Entities whose label, alias or ticker contains ``q`` (case and accents ignored).

    Exact matches come first, then prefix matches, then other substring
    matches; at each level a match on the label ranks above a match on an alias
    or ticker, then entities sort by label. An empty ``q`` lists entities by
    label. ``type`` is an og class name (``'Company'`` also finds
    StateOwnedEnterprise and CrownCorporation); an unknown one raises
    :class:`QueryError` listing the known ones.
    """
    allowed = _type_filter(type)
    needle = fold(q)
    ranked: list[tuple[int, str, str, EntitySummary]] = []
    for summary in _entities(store):
        if not _matches_type(summary, allowed):
            continue
        if not needle:
            ranked.append((0, fold(summary.label), summary.id, summary))
            continue
        best: int | None = None
        others = summary.aliases + summary.tickers + [t.split(":", 1)[-1] for t in summary.tickers]
        for is_other, name in [(0, summary.label)] + [(1, n) for n in others]:
            folded = fold(name)
            if folded == needle:
                rank = 0 + is_other
            elif folded.startswith(needle):
                rank = 2 + is_other
            elif needle in folded:
                rank = 4 + is_other
            else:
                continue
            best = rank if best is None else min(best, rank)
        if best is not None:
            ranked.append((best, fold(summary.label), summary.id, summary))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked[: max(limit, 0)]]


def _is_iri(ref: str) -> bool:
    return ref.startswith(("http://", "https://", "urn:", "file:"))


def resolve(store: Store, ref: str) -> EntitySummary:
    """The entity named by ``ref``: an id, a full IRI, a ticker or a name.

    Tried in this order: a full IRI; an id (``org-albecour``); an exact label;
    a ticker (``TSXV:IPG``, or ``IPG`` on any exchange) or an exact alias. Names
    are compared with case and accents ignored. Raises :class:`EntityNotFound`
    when nothing matches and :class:`AmbiguousEntity` (with the candidates'
    ids and labels) when several entities match at the same level.
    """
    text = ref.strip()
    if not text:
        raise EntityNotFound("no entity reference given; give an id, IRI, ticker or name")
    entities = _entities(store)
    by_iri = {e.iri: e for e in entities}
    base = store.settings.base_iri
    if _is_iri(text):
        if text in by_iri:
            return by_iri[text]
        raise EntityNotFound(_not_found(text, entities))
    try:
        iri = id_to_iri(text, base)
    except EntityNotFound:
        iri = None
    if iri is not None and iri in by_iri:
        return by_iri[iri]
    needle = fold(text)
    by_label = [e for e in entities if fold(e.label) == needle]
    _pick(text, by_label)
    if len(by_label) == 1:
        return by_label[0]
    by_other = [
        e for e in entities
        if any(fold(t) == needle or fold(t.split(":", 1)[-1]) == needle for t in e.tickers)
        or any(fold(a) == needle for a in e.aliases)
    ]
    _pick(text, by_other)
    if len(by_other) == 1:
        return by_other[0]
    raise EntityNotFound(_not_found(text, entities))


def _pick(ref: str, candidates: list[EntitySummary]) -> None:
    if len(candidates) > 1:
        listed = sorted((c.id, c.label) for c in candidates)
        raise AmbiguousEntity(
            f"{ref!r} matches {len(listed)} entities: "
            + "; ".join(f"{i} ({label})" for i, label in listed)
            + ". Give one of these ids instead",
            listed,
        )


def _not_found(ref: str, entities: list[EntitySummary] | None = None) -> str:
    message = (
        f"no entity matches {ref!r}; find its id with `oregraph query` or a search "
        "(/entities?q=NAME)"
    )
    close = _close_matches(ref, entities or []) if not _is_iri(ref) else []
    if close:
        message += "; close matches: " + ", ".join(f"{e.id} ({e.label})" for e in close)
    return message


def _close_matches(ref: str, entities: list[EntitySummary], limit: int = 5) -> list[EntitySummary]:
    """Entities whose names are spelled like ``ref`` (for error messages)."""
    needle = fold(ref)
    if not needle or not entities:
        return []
    names: list[str] = []
    owners: list[EntitySummary] = []
    for entity in entities:
        for name in [entity.label, *entity.aliases]:
            names.append(fold(name))
            owners.append(entity)
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        import difflib

        picked = difflib.get_close_matches(needle, names, n=limit * 4, cutoff=0.75)
        indices = [names.index(name) for name in picked]
    else:
        hits = process.extract(needle, names, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=85)
        indices = [index for _, _, index in hits]
    found: dict[str, EntitySummary] = {}
    for index in indices:
        found.setdefault(owners[index].id, owners[index])
    return list(found.values())[:limit]


def summary_of(store: Store, iri: str) -> EntitySummary:
    """The summary of the node ``iri``; :class:`EntityNotFound` if it has no names or types."""
    names = _load_names(store, str(iri))
    entry = names.get(str(iri))
    if entry is None or not (entry.types or entry.labels or entry.aliases):
        raise EntityNotFound(
            f"no entity {iri}; find its id with `oregraph query` or a search (/entities?q=NAME)"
        )
    return _summary(str(iri), entry, store.settings.base_iri, class_hierarchy())


# -- detail ------------------------------------------------------------------


def _local(iri: str) -> str:
    if iri.startswith(OG_NS):
        return iri[len(OG_NS):]
    for sep in ("#", "/"):
        if sep in iri:
            return iri.rsplit(sep, 1)[-1] or iri
    return iri


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _bool(value: str | None) -> bool | None:
    if value is None:
        return None
    return value.strip().lower() in ("true", "1")


class _Rows:
    """Solutions of one query as dicts of plain strings (term values)."""

    def __init__(self, store: Store, query: str, iri: str) -> None:
        result = store.query(query, {"e": ox.NamedNode(iri)})
        names = [v.value for v in result.variables]  # type: ignore[union-attr]
        self.rows = [
            {name: _value(solution, name) for name in names}
            for solution in result  # type: ignore[union-attr]
        ]


def _ref(iri: str, label: str | None, base: str) -> EntityRef:
    entity_id = iri_to_id(iri, base)
    return EntityRef(entity_id, iri, label or entity_id)


def _announcement(row: dict[str, str | None], base: str) -> AnnouncementRef | None:
    iri = row.get("ann")
    if iri is None:
        return None
    return AnnouncementRef(
        iri_to_id(iri, base), iri, row.get("annTitle"), row.get("annDate"), row.get("annSource")
    )


def _provenance(row: dict[str, str | None], base: str) -> dict[str, Any]:
    return {
        "evidence": row.get("evidence"),
        "rule": row.get("rule"),
        "confidence": _float(row.get("confidence")),
        "announcement": _announcement(row, base),
        "node": row.get("node"),
    }


def _first_per_node(rows: list[dict[str, str | None]], key: tuple[str, ...] = ("node",)) -> list[dict[str, str | None]]:
    """One row per key (the union and OPTIONAL labels can repeat a node)."""
    seen: dict[tuple[str | None, ...], dict[str, str | None]] = {}
    for row in sorted(rows, key=lambda r: tuple((k, v or "") for k, v in sorted(r.items()))):
        seen.setdefault(tuple(row.get(k) for k in key), row)
    return list(seen.values())


def entity_detail(store: Store, iri: str) -> EntityDetail:
    """The summary of ``iri`` and every fact it takes part in, with evidence.

    Facts come from the n-ary nodes described in docs/data-model.md
    (Shareholding, Agreement and subclasses, Acquisition, Position and
    rdf:Statement), from listings, and from shortcut triples that no node
    explains (they carry no evidence).
    """
    iri = str(iri)
    summary = summary_of(store, iri)
    base = store.settings.base_iri
    hierarchy = class_hierarchy()
    facts: list[FactView] = []
    covered: set[tuple[str, str, str]] = set()

    def add(fact: FactView) -> None:
        facts.append(fact)
        covered.add((fact.predicate, fact.direction, fact.other.iri))

    for row in _first_per_node(_Rows(store, queries.FACTS_SHAREHOLDING, iri).rows):
        holder, held = row["holder"], row["held"]
        assert holder is not None and held is not None
        controlling = bool(_bool(row.get("controlling")))
        if holder == iri:
            other, label, stake_dir = held, row.get("heldLabel"), "out"
        else:
            other, label, stake_dir = holder, row.get("holderLabel"), "in"
        if controlling:
            # held og:subsidiaryOf holder: the entity is the subject when it is the held one.
            predicate, direction = "subsidiaryOf", ("in" if stake_dir == "out" else "out")
            covered.add(("ownsStakeIn", stake_dir, other))
        else:
            predicate, direction = "ownsStakeIn", stake_dir
        add(FactView(
            predicate, direction, _ref(other, label, base),  # type: ignore[arg-type]
            share=_float(row.get("share")), controlling=controlling, **_provenance(row, base),
        ))

    agreement_rows = _Rows(store, queries.FACTS_AGREEMENT, iri).rows
    types_of: dict[str, set[str]] = defaultdict(set)
    for row in agreement_rows:
        t = row.get("type")
        if row["node"] and t and t.startswith(OG_NS):
            types_of[row["node"]].add(t[len(OG_NS):])
    for row in _first_per_node(agreement_rows, ("node", "other")):
        node, other = row["node"], row["other"]
        assert node is not None and other is not None
        kinds = [k for k in hierarchy.most_specific_first(types_of.get(node, ())) if k != "Agreement"]
        add(FactView(
            "partnerOf", "out", _ref(other, row.get("otherLabel"), base),
            agreement_type=kinds[0] if kinds else ("Agreement" if "Agreement" in types_of.get(node, ()) else None),
            status=row.get("status"), date=row.get("dateSigned"), **_provenance(row, base),
        ))

    for row in _first_per_node(_Rows(store, queries.FACTS_ACQUISITION, iri).rows):
        acquirer, target = row["acquirer"], row["target"]
        assert acquirer is not None and target is not None
        if acquirer == iri:
            other, label, direction = target, row.get("targetLabel"), "out"
        else:
            other, label, direction = acquirer, row.get("acquirerLabel"), "in"
        add(FactView(
            "acquires", direction, _ref(other, label, base),  # type: ignore[arg-type]
            share=_float(row.get("share")), status=row.get("status"), **_provenance(row, base),
        ))

    for row in _first_per_node(_Rows(store, queries.FACTS_POSITION, iri).rows):
        person, organization = row["person"], row["organization"]
        assert person is not None and organization is not None
        if person == iri:
            other, label, direction = organization, row.get("organizationLabel"), "out"
        else:
            other, label, direction = person, row.get("personLabel"), "in"
        add(FactView(
            "officerOf", direction, _ref(other, label, base),  # type: ignore[arg-type]
            title=row.get("title"), **_provenance(row, base),
        ))

    for row in _first_per_node(_Rows(store, queries.FACTS_STATEMENT, iri).rows):
        subject, obj, predicate = row["subject"], row["object"], row["predicate"]
        assert subject is not None and obj is not None and predicate is not None
        if subject == iri:
            other, label, direction = obj, row.get("objectLabel"), "out"
        else:
            other, label, direction = subject, row.get("subjectLabel"), "in"
        add(FactView(
            _local(predicate), direction, _ref(other, label, base),  # type: ignore[arg-type]
            **_provenance(row, base),
        ))

    for row in _first_per_node(_Rows(store, queries.FACTS_LISTING, iri).rows, ("listing",)):
        listing = row["listing"]
        assert listing is not None
        exchange, ticker = row.get("exchange"), row.get("ticker")
        label = f"{exchange}:{ticker}" if exchange and ticker else (ticker or None)
        add(FactView("listing", "out", _ref(listing, label, base), node=listing))

    for row in _first_per_node(
        _Rows(store, queries.FACTS_SHORTCUT, iri).rows, ("predicate", "direction", "other")
    ):
        predicate, direction, other = _local(row["predicate"] or ""), row["direction"], row["other"]
        assert other is not None and direction in ("out", "in")
        if predicate == "partnerOf":
            direction = "out"
        if (predicate, direction, other) in covered or other == iri:
            continue
        add(FactView(predicate, direction, _ref(other, row.get("otherLabel"), base)))  # type: ignore[arg-type]

    facts.sort(key=lambda f: (
        f.predicate, f.direction, fold(f.other.label), f.other.iri,
        f.announcement.date or "" if f.announcement else "", f.node or "",
    ))
    return EntityDetail(summary, facts)


def announcements_of(store: Store, iri: str) -> list[AnnouncementRef]:
    """The announcements whose named graph mentions ``iri``, latest first (undated last)."""
    base = store.settings.base_iri
    refs: dict[str, AnnouncementRef] = {}
    for row in _Rows(store, queries.ANNOUNCEMENTS_OF, str(iri)).rows:
        ref = _announcement(row, base)
        if ref is not None:
            refs.setdefault(ref.iri, ref)
    undated = sorted((r for r in refs.values() if not r.date), key=lambda r: r.iri)
    dated = sorted((r for r in refs.values() if r.date), key=lambda r: (r.date, r.iri), reverse=True)
    return dated + undated
