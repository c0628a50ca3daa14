"""One announcement as people read it: its text with every extracted fact marked.

Each fact node in an announcement's named graph carries the sentence it was
read from (``og:evidence``) and that sentence's character offsets in the
announcement text (``og:evidenceStart``, ``og:evidenceEnd``; see
``oregraph/ingest/emit.py``). :func:`announcement_view` reads the text and
the facts; :func:`highlight` cuts the text into segments, each with the facts
whose sentence covers it, so a template can wrap them in ``<mark>`` while
escaping every character. A fact whose offsets do not match its sentence
(whitespace aside) is looked up by its sentence instead; one found nowhere
is listed as not located.

>>> [(s.text, s.facts) for s in highlight("Alpha buys Beta. Gamma waits.", [(0, 16)])]
[('Alpha buys Beta.', (0,)), (' Gamma waits.', ())]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from oregraph.errors import EntityNotFound
from oregraph.graph.entities import AnnouncementRef, EntityRef, class_hierarchy
from oregraph.graph.ids import id_to_iri, iri_to_id
from oregraph.graph.store import PREFIXES, PROLOGUE, Store

__all__ = ["AnnouncementFact", "AnnouncementView", "Segment", "announcement_view", "highlight",
           "latest_announcements"]

OG = PREFIXES["og"]
RDF = PREFIXES["rdf"]

_HEAD = PROLOGUE + """
SELECT ?g ?title ?date ?source ?publisher ?text WHERE {
  GRAPH ?g { ?g a og:Announcement .
    OPTIONAL { ?g dcterms:title ?title } OPTIONAL { ?g dcterms:date ?date }
    OPTIONAL { ?g dcterms:source ?source } OPTIONAL { ?g dcterms:publisher ?publisher }
    OPTIONAL { ?g og:text ?text } }
}
"""

_FACTS = PROLOGUE + """
SELECT ?g ?f ?p ?o ?label ?exchange ?ticker WHERE {
  GRAPH ?g { ?f og:evidence ?evidence . ?f ?p ?o . }
  OPTIONAL { ?o rdfs:label ?label }
  OPTIONAL { ?o og:ticker ?ticker . OPTIONAL { ?o og:exchange ?exchange } }
}
"""

_LATEST = PROLOGUE + """
SELECT ?g ?title ?date ?source WHERE {
  ?g a og:Announcement .
  OPTIONAL { ?g dcterms:title ?title } OPTIONAL { ?g dcterms:date ?date }
  OPTIONAL { ?g dcterms:source ?source }
}
"""

# Participant properties per kind of fact node: (first role, second role, verb).
_ROLES = {
    "Shareholding": ("holder", "held"),
    "Acquisition": ("acquirer", "target"),
    "Position": ("person", "organization"),
}
_PHRASES = {
    "ownsStakeIn": "owns a stake in", "subsidiaryOf": "is a subsidiary of",
    "operates": "operates", "commodity": "works with the commodity", "locatedIn": "is located in",
    "listing": "is listed as", "acquires": "acquires", "officerOf": "is an officer of",
    "partnerOf": "is a partner of", "stateOwner": "is state-owned by",
}


@dataclass
class AnnouncementFact:
    """One fact read from the announcement, described in words, with its evidence span."""

    number: int
    node: str
    kind: str  # og class local name of the fact node (Shareholding, JointVenture, Statement...)
    summary: str  # "Alpha Metals Ltd. owns 50% of Beta Smelting Inc."
    parties: list[EntityRef]
    evidence: str
    start: int | None
    end: int | None
    located: bool = False
    rule: str | None = None
    confidence: float | None = None


@dataclass
class Segment:
    """A run of the text and the numbers of the facts whose sentence covers it."""

    text: str
    facts: tuple[int, ...] = ()


@dataclass
class AnnouncementView:
    """An announcement's metadata, text and facts."""

    ref: AnnouncementRef
    publisher: str | None
    text: str
    facts: list[AnnouncementFact] = field(default_factory=list)

    @property
    def segments(self) -> list[Segment]:
        return highlight(self.text, [
            (f.start, f.end) if f.located and f.start is not None and f.end is not None else None
            for f in self.facts
        ])


def _squash(text: str) -> str:
    return " ".join(text.split())


def _locate(text: str, evidence: str, start: int | None, end: int | None) -> tuple[int, int] | None:
    if start is not None and end is not None and 0 <= start < end <= len(text):
        if _squash(text[start:end]) == _squash(evidence):
            return start, end
    pattern = r"\s+".join(re.escape(w) for w in evidence.split())
    if not pattern:
        return None
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def highlight(text: str, spans: list[tuple[int, int] | None]) -> list[Segment]:
    """``text`` cut at every span boundary; each segment lists the indexes of the spans over it."""
    bounds = {0, len(text)}
    for span in spans:
        if span is not None:
            bounds.update(span)
    cuts = sorted(b for b in bounds if 0 <= b <= len(text))
    segments = []
    for a, b in zip(cuts, cuts[1:]):
        over = tuple(i for i, s in enumerate(spans) if s is not None and s[0] <= a and b <= s[1])
        segments.append(Segment(text[a:b], over))
    return segments


def announcement_view(store: Store, iri: str) -> AnnouncementView:
    """The announcement ``iri`` with its text and facts (in text order).

    Raises :class:`~oregraph.errors.EntityNotFound` when no announcement has this IRI.
    """
    iri = str(iri)
    base = store.settings.base_iri
    graph = ox.NamedNode(iri)
    head = list(store.query(_HEAD, {"g": graph}))  # type: ignore[arg-type]
    if not head:
        raise EntityNotFound(
            f"no announcement {iri_to_id(iri, base)}; the home page lists the latest ones"
        )
    row = head[0]

    def text_of(name: str) -> str | None:
        term = row[name]
        return None if term is None else str(term.value)

    ref = AnnouncementRef(iri_to_id(iri, base), iri, text_of("title"), text_of("date"), text_of("source"))
    text = text_of("text") or ""

    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, str] = {}
    for solution in store.query(_FACTS, {"g": graph}):  # type: ignore[union-attr]
        f, p, o, label = solution["f"].value, solution["p"].value, solution["o"], solution["label"]
        props[f][p].append(str(o.value))
        if label is None and solution["ticker"] is not None:
            exchange = solution["exchange"]
            label = ox.Literal(
                (exchange.value + ":" if exchange is not None else "") + solution["ticker"].value
            )
        if label is not None:
            current = labels.get(o.value)
            if current is None or len(label.value) > len(current):
                labels[o.value] = label.value

    hierarchy = class_hierarchy()
    facts = []
    for node, values in props.items():
        facts.append(_fact(node, values, labels, text, base, hierarchy))
    facts.sort(key=lambda f: (f.start if f.start is not None else len(text) + 1, f.summary, f.node))
    for number, fact in enumerate(facts, 1):
        fact.number = number
    return AnnouncementView(ref, text_of("publisher"), text, facts)


def _fact(node, values, labels, text, base, hierarchy) -> AnnouncementFact:  # type: ignore[no-untyped-def]
    def first(prop: str) -> str | None:
        found = values.get(OG + prop) or values.get(RDF + prop)
        return found[0] if found else None

    def ref(entity: str) -> EntityRef:
        entity_id = iri_to_id(entity, base)
        return EntityRef(entity_id, entity, labels.get(entity, entity_id))

    kinds = [t[len(OG):] for t in values.get(RDF + "type", []) if t.startswith(OG)]
    kinds = hierarchy.most_specific_first(kinds)
    kind = kinds[0] if kinds else "Statement"
    share = first("share")
    share_text = f" {_percent(share)} of" if share else ""
    parties: list[EntityRef] = []
    if kind in _ROLES:
        a, b = (first(r) for r in _ROLES[kind])
        parties = [ref(x) for x in (a, b) if x]
        names = [p.label for p in parties] + ["?", "?"]
        if kind == "Shareholding":
            verb = "controls" if first("controlling") in ("true", "1") else "owns"
            summary = f"{names[0]} {verb}{share_text or ' a stake in'} {names[1]}"
        elif kind == "Acquisition":
            summary = f"{names[0]} acquires{share_text} {names[1]}"
        else:
            title = first("title")
            summary = f"{names[0]}, {title + ' of ' if title else 'officer of '}{names[1]}"
    elif values.get(OG + "party"):
        parties = [ref(x) for x in sorted(set(values[OG + "party"]))]
        words = _words(kind)
        status = first("status")
        summary = " and ".join(p.label for p in parties) + f": {words}" + (f" ({status})" if status else "")
    else:
        subject, predicate, obj = first("subject"), first("predicate"), first("object")
        parties = [ref(x) for x in (subject, obj) if x]
        names = [p.label for p in parties] + ["?", "?"]
        local = (predicate or "").rsplit("#", 1)[-1]
        summary = f"{names[0]} {_PHRASES.get(local, local)} {names[1]}"
        kind = local or kind
    evidence = first("evidence") or ""
    start, end = _int_or_none(first("evidenceStart")), _int_or_none(first("evidenceEnd"))
    where = _locate(text, evidence, start, end)
    confidence = first("confidence")
    return AnnouncementFact(
        0, node, kind, summary, parties, evidence,
        where[0] if where else start, where[1] if where else end, where is not None,
        first("rule"), float(confidence) if confidence else None,
    )


def _int_or_none(value: str | None) -> int | None:
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def _percent(value: str) -> str:
    try:
        number = float(value)
    except ValueError:
        return value + "%"
    return f"{number:.2f}".rstrip("0").rstrip(".") + "%"


def _words(kind: str) -> str:
    words = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", kind).split()
    return " ".join(w.lower() if i else w for i, w in enumerate(words)) or kind


def latest_announcements(store: Store, limit: int = 20) -> list[AnnouncementRef]:
    """Announcements, newest first (undated last), at most ``limit``."""
    base = store.settings.base_iri
    refs: dict[str, AnnouncementRef] = {}
    for row in store.query(_LATEST):  # type: ignore[union-attr]
        g = row["g"].value
        if g in refs:
            continue
        refs[g] = AnnouncementRef(
            iri_to_id(g, base), g,
            None if row["title"] is None else row["title"].value,
            None if row["date"] is None else row["date"].value,
            None if row["source"] is None else row["source"].value,
        )
    ordered = sorted(refs.values(), key=lambda r: (r.date is None, "" if r.date is None else r.date, r.iri))
    dated = sorted((r for r in ordered if r.date), key=lambda r: (r.date, r.iri), reverse=True)
    undated = [r for r in ordered if not r.date]
    return (dated + undated)[: max(limit, 0)]


def announcement_iri(announcement_id: str, base: str) -> str:
    """The IRI of an announcement id (``announcement-…``); raises EntityNotFound for junk."""
    return id_to_iri(announcement_id, base)
