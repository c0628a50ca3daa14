"""Convert RDF terms between rdflib (modelling, formats) and pyoxigraph (the store).

The conversions keep everything RDF says about a term: IRIs, blank node ids
(when pyoxigraph accepts them; otherwise a stable id derived from them), and
literals with their lexical form, datatype and language tag. A literal typed
``xsd:string`` is a plain literal on both sides.

>>> from rdflib import Literal, URIRef
>>> from rdflib.namespace import XSD
>>> to_ox(URIRef("https://w3id.org/oregraph/id/org-albecour"))
<NamedNode value=https://w3id.org/oregraph/id/org-albecour>
>>> to_ox(Literal("6.67", datatype=XSD.decimal))
<Literal value=6.67 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#decimal>>
>>> from_ox(to_ox(Literal("Québec", lang="fr"))) == Literal("Québec", lang="fr")
True
>>> from_ox(to_ox(Literal("Albecour", datatype=XSD.string))) == Literal("Albecour")
True
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, Union

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Identifier, Node

__all__ = [
    "RdflibTerm", "OxTerm", "to_ox", "from_ox", "to_ox_graph", "from_ox_graph", "to_ox_quad",
    "from_ox_quad", "bound_rows", "finite_float", "XSD_STRING", "RDF_LANGSTRING",
]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

RdflibTerm = Union[URIRef, BNode, Literal]
OxTerm = Union[ox.NamedNode, ox.BlankNode, ox.Literal]
T = TypeVar("T")

_OX_TERMS = (ox.NamedNode, ox.BlankNode, ox.Literal)


def _blank(value: str) -> ox.BlankNode:
    try:
        return ox.BlankNode(value)
    except ValueError:
        # pyoxigraph only takes ids made of name characters; derive a stable one.
        return ox.BlankNode("b" + hashlib.sha1(value.encode("utf-8")).hexdigest())


def to_ox(term: RdflibTerm | OxTerm) -> OxTerm:
    """The pyoxigraph term for an rdflib term (pyoxigraph terms pass through unchanged).

    Raises :class:`TypeError` for anything else (variables, graphs, plain strings):
    that is a programming error, not bad data.
    """
    if isinstance(term, _OX_TERMS):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return _blank(str(term))
    if isinstance(term, Literal):
        lexical = str(term)
        if term.language:
            return ox.Literal(lexical, language=term.language)
        if term.datatype is None or str(term.datatype) == XSD_STRING:
            return ox.Literal(lexical)
        return ox.Literal(lexical, datatype=ox.NamedNode(str(term.datatype)))
    raise TypeError(f"cannot store {type(term).__name__} {term!r} as an RDF term")


def from_ox(term: OxTerm | RdflibTerm) -> RdflibTerm:
    """The rdflib term for a pyoxigraph term (rdflib terms pass through unchanged).

    Literals keep their lexical form exactly (``normalize=False``).
    """
    if isinstance(term, (URIRef, BNode, Literal)):
        return term
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype), normalize=False)
    raise TypeError(f"cannot convert {type(term).__name__} {term!r} to an rdflib term")


def to_ox_graph(graph: Node | None) -> ox.NamedNode | ox.BlankNode | ox.DefaultGraph:
    """The pyoxigraph graph name; ``None`` and rdflib's default graph id map to the default graph."""
    if graph is None or graph == DATASET_DEFAULT_GRAPH_ID or isinstance(graph, ox.DefaultGraph):
        return ox.DefaultGraph()
    if isinstance(graph, (ox.NamedNode, ox.BlankNode)):
        return graph
    if isinstance(graph, URIRef):
        return ox.NamedNode(str(graph))
    if isinstance(graph, BNode):
        return _blank(str(graph))
    identifier = getattr(graph, "identifier", None)  # an rdflib Graph used as a context
    if isinstance(identifier, Identifier):
        return to_ox_graph(identifier)
    raise TypeError(f"cannot use {type(graph).__name__} {graph!r} as a graph name")


def from_ox_graph(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> URIRef | BNode:
    """The rdflib graph name; the default graph maps to rdflib's ``DATASET_DEFAULT_GRAPH_ID``."""
    if isinstance(graph, ox.DefaultGraph):
        return DATASET_DEFAULT_GRAPH_ID
    converted = from_ox(graph)
    assert isinstance(converted, (URIRef, BNode))
    return converted


def to_ox_quad(quad: tuple) -> ox.Quad:
    """An rdflib 4-tuple ``(s, p, o, g)`` (or a triple, in the default graph) as a pyoxigraph Quad."""
    if isinstance(quad, ox.Quad):
        return quad
    if len(quad) == 3:
        s, p, o = quad
        g = None
    elif len(quad) == 4:
        s, p, o, g = quad
    else:
        raise TypeError(f"a quad has 3 or 4 terms, not {len(quad)}: {quad!r}")
    return ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox_graph(g))


def from_ox_quad(quad: ox.Quad) -> tuple[RdflibTerm, RdflibTerm, RdflibTerm, URIRef | BNode]:
    """A pyoxigraph Quad as an rdflib 4-tuple ``(s, p, o, g)``."""
    return (
        from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object),
        from_ox_graph(quad.graph_name),
    )


def bound_rows(
    variables: Sequence[str], solutions: Iterable[ox.QuerySolution], convert: Callable[[Any], T],
) -> list[dict[str, T]]:
    """Each solution as a dict of variable name to ``convert(term)``; unbound variables are left out.

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> bound_rows(["a", "b"], store.query("SELECT ?a ?b WHERE { BIND(1 AS ?a) }"), str)
    [{'a': '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'}]
    """
    return [
        {name: convert(term) for name in variables if (term := solution[name]) is not None}
        for solution in solutions
    ]


def finite_float(value: str | None) -> float | None:
    """A literal's lexical form as a finite number; None when absent, not a number, NaN or infinite.

    >>> finite_float("6.67"), finite_float("INF"), finite_float("abc"), finite_float(None)
    (6.67, None, None, None)
    """
    if value is None:
        return None
    try:
        result = float(value)
    except ValueError:
        return None
    return result if math.isfinite(result) else None
