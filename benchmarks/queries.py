"""The SPARQL queries every engine answers in the side-by-side benchmark.

Each takes one entity IRI from the generated graph's metadata (ids the
generator minted; no outside text), written in with ``str.format`` — this is
benchmark code, so the same text goes to every engine unchanged. All run over
the union of the named graphs (oregraph's default graph).
"""

from __future__ import annotations

PREFIXES = """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""

#: name -> (description, query text with {e} for an entity IRI, heavy?)
QUERIES: dict[str, tuple[str, str, bool]] = {
    "simple": (
        "label of one entity",
        PREFIXES + "SELECT ?label WHERE {{ <{e}> rdfs:label ?label }}",
        False,
    ),
    "direct_owners": (
        "direct holders of one entity with shares and labels",
        PREFIXES + """SELECT DISTINCT ?holder ?label ?share WHERE {{
  ?st og:held <{e}> ; og:holder ?holder ; og:share ?share . ?holder rdfs:label ?label }}""",
        False,
    ),
    "depth3": (
        "effective ownership of one entity through chains of up to 3 stakes",
        PREFIXES + """SELECT ?top (SUM(?eff) AS ?effective) WHERE {{
  {{ ?s1 og:held <{e}> ; og:holder ?top ; og:share ?a . BIND(?a / 100 AS ?eff) }}
  UNION
  {{ ?s1 og:held <{e}> ; og:holder ?m1 ; og:share ?a .
     ?s2 og:held ?m1 ; og:holder ?top ; og:share ?b . BIND(?a * ?b / 10000 AS ?eff) }}
  UNION
  {{ ?s1 og:held <{e}> ; og:holder ?m1 ; og:share ?a .
     ?s2 og:held ?m1 ; og:holder ?m2 ; og:share ?b .
     ?s3 og:held ?m2 ; og:holder ?top ; og:share ?c . BIND(?a * ?b * ?c / 1000000 AS ?eff) }}
}} GROUP BY ?top""",
        False,
    ),
    "depth3_all": (
        "effective ownership of every entity through chains of exactly 3 stakes (no anchor)",
        PREFIXES + """SELECT (COUNT(*) AS ?chains) (SUM(?a * ?b * ?c / 1000000) AS ?total) WHERE {{
  ?s1 og:held ?x ; og:holder ?m1 ; og:share ?a .
  ?s2 og:held ?m1 ; og:holder ?m2 ; og:share ?b .
  ?s3 og:held ?m2 ; og:holder ?top ; og:share ?c .
}}""",
        True,
    ),
}

ID = "https://w3id.org/oregraph/id/"


def text(name: str, entity_id: str) -> str:
    return QUERIES[name][1].format(e=ID + entity_id)
