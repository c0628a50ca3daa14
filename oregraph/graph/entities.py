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

import re
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal as TypingLiteral

import pyoxigraph as ox

from oregraph.errors import AmbiguousEntity, EntityNotFound, QueryError
from oregraph.graph import queries
from oregraph.graph.ids import id_to_iri, iri_to_id
from oregraph.graph.store import Store
from oregraph.graph.terms import finite_float as _float
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
        self._depth: dict[str, int] = {}
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
        if name not in self._depth:
            self._depth[name] = self._compute_depth(name)
        return self._depth[name]

    def _compute_depth(self, name: str) -> int:
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

    def head_json(self) -> dict[str, Any]:
        """The entity as the head of a report (owners, state, partners, path): JSON data."""
        return {"id": self.id, "iri": self.iri, "label": self.label, "types": list(self.types)}


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
# Combining marks left by NFKD decomposition (accents, cedillas, ...).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name.

    >>> fold("  Investissement  QUÉBEC ")
    'investissement quebec'
    """
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text.translate(_PUNCT_MAP)))
    return " ".join(text.casefold().split())


# -- loading names -----------------------------------------------------------


@dataclass
class _Names:
    """What the store says about one node's names and types."""

    types: AbstractSet[str] = field(default_factory=frozenset)
    labels: AbstractSet[str] = field(default_factory=frozenset)
    aliases: AbstractSet[str] = field(default_factory=frozenset)
    tickers: AbstractSet[str] = field(default_factory=frozenset)

    def label(self) -> str | None:
        """The fullest name: the longest rdfs:label (else the longest alias)."""
        pool = self.labels or self.aliases
        return max(pool, key=lambda s: (len(s), s)) if pool else None

    def other_names(self) -> list[str]:
        """Every label and alias, tickers with exchange and bare tickers (for matching)."""
        names = list(self.labels | self.aliases)
        names.extend(self.tickers)
        names.extend(t.split(":", 1)[1] for t in self.tickers if ":" in t)
        return names


def _load_names(store: Store, iri: str | None = None) -> dict[str, _Names]:
    """Names and og types of every node (or of ``iri``), read from pyoxigraph by position."""
    bindings = {"e": ox.NamedNode(iri)} if iri is not None else None
    skip = len(OG_NS)
    types: dict[str, set[str]] = {}
    labels: dict[str, set[str]] = {}
    aliases: dict[str, set[str]] = {}
    tickers: dict[str, set[str]] = {}
    for e, t in store.query(queries.ENTITY_TYPES, bindings):  # type: ignore[union-attr,misc]
        key = e.value
        if key in types:
            types[key].add(t.value[skip:])
        else:
            types[key] = {t.value[skip:]}
    for table, query in ((labels, queries.ENTITY_LABELS), (aliases, queries.ENTITY_ALIASES)):
        for e, name in store.query(query, bindings):  # type: ignore[union-attr,misc]
            key = e.value
            if key in table:
                table[key].add(name.value)
            else:
                table[key] = {name.value}
    for e, exchange, ticker in store.query(queries.ENTITY_TICKERS, bindings):  # type: ignore[union-attr,misc]
        tickers.setdefault(e.value, set()).add(
            f"{exchange.value}:{ticker.value}" if exchange is not None else ticker.value
        )
    empty: frozenset[str] = frozenset()  # shared: cached entries are never mutated
    return {
        key: _Names(
            types.get(key, empty), labels.get(key, empty), aliases.get(key, empty),
            tickers.get(key, empty),
        )
        for key in types.keys() | labels.keys() | aliases.keys() | tickers.keys()
    }


def _summary(iri: str, entry: _Names, base: str, hierarchy: ClassHierarchy) -> EntitySummary:
    entity_id = iri_to_id(iri, base)
    label = entry.label() or entity_id
    aliases = sorted((entry.labels | entry.aliases) - {label}, key=lambda s: (s.casefold(), s))
    types = hierarchy.most_specific_first(t for t in entry.types if t in hierarchy.classes)
    return EntitySummary(entity_id, iri, label, types, aliases, sorted(entry.tickers))


@dataclass(frozen=True)
class _Entry:
    """An entity prepared for matching: its names folded once per store generation."""

    iri: str
    names: _Names
    label: str
    folded_label: str
    folded_others: tuple[str, ...]


@dataclass
class _Index:
    generation: int
    names: dict[str, _Names]
    entries: list[_Entry] | None = None


# Name indexes per open store, rebuilt when the store's generation changes.
_INDEXES: weakref.WeakKeyDictionary[Store, _Index] = weakref.WeakKeyDictionary()


def _index(store: Store) -> _Index:
    index = _INDEXES.get(store)
    if index is None or index.generation != store.generation:
        generation = store.generation
        index = _Index(generation, _load_names(store))
        _INDEXES[store] = index
    return index


def _all_names(store: Store) -> dict[str, _Names]:
    """Names of every node (cached per store generation; do not mutate)."""
    return _index(store).names


def _entity_names(store: Store, allowed: frozenset[str] | None = None) -> list[_Entry]:
    """Every entity, restricted to the ``allowed`` classes when given."""
    index = _index(store)
    if index.entries is None:
        classes = class_hierarchy().entity_classes
        entries = []
        for iri, entry in index.names.items():
            if entry.types.isdisjoint(classes):
                continue
            label = entry.label() or iri
            entries.append(_Entry(
                iri, entry, label, fold(label), tuple(fold(n) for n in entry.other_names()),
            ))
        index.entries = entries
    if allowed is None:
        return index.entries
    return [e for e in index.entries if not e.names.types.isdisjoint(allowed)]


def _type_filter(type: str | None) -> frozenset[str] | None:
    if type is None or not type.strip():
        return None
    hierarchy = class_hierarchy()
    name = hierarchy.canonical(type)
    if name is None or name not in hierarchy.entity_classes:
        known = ", ".join(sorted(hierarchy.entity_classes))
        raise QueryError(f"unknown entity type {type!r}; use one of: {known}")
    return frozenset(hierarchy.descendants(name))


# -- search and resolve --------------------------------------------------------


def search(store: Store, q: str = "", type: str | None = None, limit: int = 50,
           offset: int = 0) -> list[EntitySummary]:
    """Entities whose label, alias or ticker contains ``q`` (case and accents ignored).

    Exact matches come first, then prefix matches, then other substring
    matches; at each level a match on the label ranks above a match on an alias
    or ticker, then entities sort by label. An empty ``q`` lists entities by
    label. ``type`` is an og class name (``'Company'`` also finds
    StateOwnedEnterprise and CrownCorporation); an unknown one raises
    :class:`QueryError` listing the known ones. ``offset`` skips that many
    matches of the ranking, for paging.
    """
    needle = fold(q)
    ranked: list[tuple[int, str, str, _Entry]] = []
    for entry in _entity_names(store, _type_filter(type)):
        folded_label = entry.folded_label
        if not needle:
            ranked.append((0, folded_label, entry.iri, entry))
            continue
        if folded_label == needle:
            best = 0
        elif folded_label.startswith(needle):
            best = 2
        elif needle in folded_label:
            best = 4
        else:
            best = 6
        if best > 1:
            for folded in entry.folded_others:
                if folded == needle:
                    best = 1
                    break
                if best > 3 and folded.startswith(needle):
                    best = 3
                elif best > 5 and needle in folded:
                    best = 5
        if best < 6:
            ranked.append((best, folded_label, entry.iri, entry))
    ranked.sort(key=lambda item: item[:3])
    base = store.settings.base_iri
    hierarchy = class_hierarchy()
    start = max(offset, 0)
    page = ranked[start: start + max(limit, 0)]
    return [_summary(e.iri, e.names, base, hierarchy) for _, _, _, e in page]


def _is_iri(ref: str) -> bool:
    return ref.startswith(("http://", "https://", "urn:", "file:"))


def _entity_at(store: Store, iri: str) -> EntitySummary | None:
    entry = _load_names(store, iri).get(iri)
    if entry is None or entry.types.isdisjoint(class_hierarchy().entity_classes):
        return None
    return _summary(iri, entry, store.settings.base_iri, class_hierarchy())


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
    base = store.settings.base_iri
    if _is_iri(text):
        found = _entity_at(store, text)
        if found is None:
            raise EntityNotFound(_not_found(text))
        return found
    try:
        iri: str | None = id_to_iri(text, base)
    except EntityNotFound:
        iri = None
    if iri is not None and (found := _entity_at(store, iri)) is not None:
        return found
    needle = fold(text)
    entities = _entity_names(store)
    matches = [e for e in entities if e.folded_label == needle]
    if not matches:
        matches = [e for e in entities if needle in e.folded_others]
    hierarchy = class_hierarchy()
    candidates = [_summary(e.iri, e.names, base, hierarchy) for e in matches]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = sorted((c.id, c.label) for c in candidates)
        raise AmbiguousEntity(
            f"{ref!r} matches {len(listed)} entities: "
            + "; ".join(f"{i} ({label})" for i, label in listed)
            + ". Give one of these ids instead",
            listed,
        )
    raise EntityNotFound(_not_found(text, entities, base))


def _not_found(ref: str, entities: list[_Entry] | None = None, base: str = "") -> str:
    message = (
        f"no entity matches {ref!r}; find its id with `oregraph query` or a search "
        "(/entities?q=NAME)"
    )
    close = _close_matches(ref, entities or [], base)
    if close:
        message += "; close matches: " + ", ".join(close)
    return message


def _close_matches(
    ref: str, entities: list[_Entry], base: str, limit: int = 5,
) -> list[str]:
    """``id (label)`` of entities whose names are spelled like ``ref`` (for error messages)."""
    needle = fold(ref)
    if not needle or not entities:
        return []
    names: list[str] = []
    owners: list[tuple[str, str]] = []
    for entry in entities:
        for name in (entry.folded_label, *entry.folded_others):
            names.append(name)
            owners.append((entry.iri, entry.label))
    try:
        from rapidfuzz import fuzz, process
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency
        import difflib

        picked = difflib.get_close_matches(needle, names, n=limit * 4, cutoff=0.75)
        indices = [names.index(name) for name in picked]
    else:
        hits = process.extract(needle, names, scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=85)
        indices = [index for _, _, index in hits]
    found: dict[str, str] = {}
    for index in indices:
        iri, label = owners[index]
        entity_id = iri_to_id(iri, base)
        found.setdefault(entity_id, f"{entity_id} ({label})")
    return list(found.values())[:limit]


def summary_of(store: Store, iri: str) -> EntitySummary:
    """The summary of the node ``iri``; :class:`EntityNotFound` if it has no names or types."""
    entry = _load_names(store, str(iri)).get(str(iri))
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
            {name: None if term is None else term.value for name, term in zip(names, solution)}
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


def _other_end(
    row: dict[str, str | None], iri: str, first: str, second: str,
) -> tuple[str, str | None, TypingLiteral["out", "in"]]:
    """The end of a two-role fact that is not ``iri``: its IRI, its label and the direction.

    ``first`` and ``second`` name the roles' columns (their labels are in
    ``<role>Label``); the direction is ``'out'`` when ``iri`` plays ``first``.
    """
    a, b = row[first], row[second]
    assert a is not None and b is not None
    if a == iri:
        return b, row.get(f"{second}Label"), "out"
    return a, row.get(f"{first}Label"), "in"


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
        controlling = bool(_bool(row.get("controlling")))
        other, label, stake_dir = _other_end(row, iri, "holder", "held")
        if controlling:
            # held og:subsidiaryOf holder: the entity is the subject when it is the held one.
            predicate, direction = "subsidiaryOf", ("in" if stake_dir == "out" else "out")
            covered.add(("ownsStakeIn", stake_dir, other))
        else:
            predicate, direction = "ownsStakeIn", stake_dir
        add(FactView(
            predicate, direction, _ref(other, label, base),
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
        other, label, direction = _other_end(row, iri, "acquirer", "target")
        add(FactView(
            "acquires", direction, _ref(other, label, base),
            share=_float(row.get("share")), status=row.get("status"), **_provenance(row, base),
        ))

    for row in _first_per_node(_Rows(store, queries.FACTS_POSITION, iri).rows):
        other, label, direction = _other_end(row, iri, "person", "organization")
        add(FactView(
            "officerOf", direction, _ref(other, label, base),
            title=row.get("title"), **_provenance(row, base),
        ))

    for row in _first_per_node(_Rows(store, queries.FACTS_STATEMENT, iri).rows):
        predicate = row["predicate"]
        assert predicate is not None
        other, label, direction = _other_end(row, iri, "subject", "object")
        add(FactView(
            _local(predicate), direction, _ref(other, label, base),
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
