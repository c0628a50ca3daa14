"""Validate oregraph data against the SHACL shapes of ``oregraph/ontology/shapes.ttl``.

:func:`validate_graph` checks an rdflib graph or dataset (every named graph is
merged into one, since an entity described in several announcements is one
node); :func:`validate_store` does the same for everything in an embedded
Oxigraph store. Both return a :class:`ValidationReport` whose violations say,
in words, what is wrong and where.

Validation runs pyshacl with the ontology as ``ont_graph`` and no inference:
the shapes list every subclass in their targets, and the ontology merged into
the data supplies ``rdfs:subClassOf`` for ``sh:class`` checks, so RDFS
inference would only cost time.

>>> from rdflib import Graph
>>> data = Graph().parse(format="turtle", data='''
...     @prefix og: <https://w3id.org/oregraph/ontology#> .
...     <https://w3id.org/oregraph/id/listing-xyz-ipg> a og:Listing ;
...         og:exchange "XYZ" ; og:ticker "IPG" .
... ''')
>>> report = validate_graph(data)
>>> report.conforms
False
>>> for v in report.violations:  # doctest: +ELLIPSIS
...     print(v.path, v.value)
...     print(v.message)
https://w3id.org/oregraph/ontology#exchange XYZ
og:exchange must be one of the exchange codes TSX, TSXV, ... CBOE (a plain upper-case literal).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import pyoxigraph
from pyshacl import validate as _shacl_validate
from rdflib import ConjunctiveGraph, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Identifier, Node

from oregraph.errors import StoreError
from oregraph.graph.terms import from_ox
from oregraph.ontology import ontology_graph, shapes_graph

__all__ = [
    "Violation",
    "ValidationReport",
    "validate_graph",
    "validate_store",
    "store_to_graph",
]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong.

    ``focus_node``, ``path`` and ``value`` are full IRIs, blank node ids or the
    lexical form of a literal; ``severity`` is ``"Violation"``, ``"Warning"``
    or ``"Info"``.
    """

    focus_node: str
    path: str | None
    message: str
    severity: str
    value: str | None = None

    def __str__(self) -> str:
        where = self.focus_node if self.path is None else f"{self.focus_node} {self.path}"
        shown = "" if self.value is None else f" (value: {self.value})"
        return f"{self.severity}: {where}: {self.message}{shown}"


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of a validation: ``conforms`` is False when any violation was found."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)

    def __str__(self) -> str:
        if self.conforms and not self.violations:
            return "The data conforms to the oregraph shapes."
        lines = [f"{len(self.violations)} problem(s) found:"]
        lines.extend(str(v) for v in self.violations)
        return "\n".join(lines)


# A plain IRI rather than rdflib's closed XSD namespace, which warns when
# pytest's doctest collection probes module attributes.
_XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")


class _OxigraphBacked(Protocol):
    """An oregraph store (embedded or remote): its quads as a pyoxigraph store."""

    def to_oxigraph(self) -> pyoxigraph.Store: ...


def validate_graph(data: Graph | Dataset) -> ValidationReport:
    """Validate ``data`` against the oregraph shapes.

    A :class:`rdflib.Dataset` (or any graph with contexts) is validated as the
    union of its default and named graphs, the way queries see it. The input
    is not modified.
    """
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        triples: Iterable[tuple[Node, Node, Node]] = (
            (s, p, o) for s, p, o, _ in data.quads((None, None, None, None))
        )
    else:
        triples = data.triples((None, None, None))
    return _validate_union(_normalised(triples))


def validate_store(store: _OxigraphBacked | pyoxigraph.Store) -> ValidationReport:
    """Validate every quad of a store, all named graphs merged.

    ``store`` is an oregraph store, embedded or remote (anything with
    ``to_oxigraph()``), or a :class:`pyoxigraph.Store` itself.
    """
    return _validate_union(store_to_graph(store))


def store_to_graph(store: _OxigraphBacked | pyoxigraph.Store) -> Graph:
    """Copy every quad of an Oxigraph store into one rdflib :class:`~rdflib.Graph`.

    The graph names are dropped (the result is the union of the default graph
    and every named graph). Simple literals become plain rdflib literals, so
    they compare equal to the literals of Turtle files.

    Raises :class:`oregraph.errors.StoreError` for RDF-star quoted triples,
    which rdflib cannot represent.
    """
    ox = store if isinstance(store, pyoxigraph.Store) else store.to_oxigraph()
    graph = Graph()
    for quad in ox.quads_for_pattern(None, None, None, None):
        graph.add((_from_ox(quad.subject), _from_ox(quad.predicate), _from_ox(quad.object)))
    return graph


def _from_ox(term: Any) -> Identifier:
    """The rdflib term of a pyoxigraph term (via :func:`oregraph.graph.terms.from_ox`)."""
    try:
        return from_ox(term)
    except TypeError:
        raise StoreError(
            f"cannot validate the store: it holds a {type(term).__name__} term ({term}); "
            "oregraph data uses no RDF-star quoted triples"
        ) from None


def _normalised(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    """A fresh graph of ``triples`` with ``"x"^^xsd:string`` written as plain ``"x"``.

    RDF 1.1 makes the two the same literal, but rdflib compares them as
    different terms, which would make ``sh:in`` reject a typed string.
    """
    graph = Graph()
    for s, p, o in triples:
        if isinstance(o, Literal) and o.datatype == _XSD_STRING:
            o = Literal(str(o))
        graph.add((s, p, o))
    return graph


def _validate_union(data: Graph) -> ValidationReport:
    """Run pyshacl on ``data``, a private copy that it may change in place."""
    conforms, results, _text = _shacl_validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
        inplace=True,
    )
    violations = sorted(
        _violations(results),
        key=lambda v: (v.focus_node, v.path or "", v.message, v.value or ""),
    )
    return ValidationReport(conforms=bool(conforms), violations=violations)


def _violations(results: Graph) -> Iterator[Violation]:
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        yield Violation(
            focus_node=_text(focus) or "",
            path=_text(path),
            message=" ".join(messages) or "The data does not satisfy a shape.",
            severity=_local_name(severity) if severity is not None else "Violation",
            value=_text(value),
        )


def _text(node: Node | None) -> str | None:
    if node is None:
        return None
    return str(node)


def _local_name(iri: Node) -> str:
    text = str(iri)
    return text.rsplit("#", 1)[-1]
