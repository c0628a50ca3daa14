"""The oregraph vocabulary: namespaces and the Turtle files that declare it.

This module imports rdflib only. The vocabulary itself is data:
``oregraph.ttl`` (classes, properties, alignments), ``shapes.ttl`` (SHACL) and
``commodities.ttl`` (a SKOS scheme of commodities with synonyms and symbols).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "OG", "ORG", "SCHEMA", "DCTERMS", "PROV", "SKOS", "RDF", "RDFS", "OWL", "XSD",
    "COMMODITY_NS", "ONTOLOGY_FILE", "SHAPES_FILE", "COMMODITIES_FILE",
    "ontology_graph", "shapes_graph", "commodities_graph",
]

OG = Namespace("https://w3id.org/oregraph/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
# Commodity concepts have fixed IRIs, independent of the configurable instance base.
COMMODITY_NS = Namespace("https://w3id.org/oregraph/id/commodity-")

_HERE = Path(__file__).parent
ONTOLOGY_FILE = _HERE / "oregraph.ttl"
SHAPES_FILE = _HERE / "shapes.ttl"
COMMODITIES_FILE = _HERE / "commodities.ttl"


def _load(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


@lru_cache(maxsize=1)
def ontology_graph() -> Graph:
    """The vocabulary (classes, properties, alignments). Do not mutate the result."""
    return _load(ONTOLOGY_FILE)


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    """The SHACL shapes. Do not mutate the result."""
    return _load(SHAPES_FILE)


@lru_cache(maxsize=1)
def commodities_graph() -> Graph:
    """The SKOS commodity scheme. Do not mutate the result."""
    return _load(COMMODITIES_FILE)
