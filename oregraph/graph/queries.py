"""The SPARQL text the graph layer runs, one named constant per query.

No query here is ever formatted with user text. Values are bound by
substitution (``Store.select(QUERY, {"e": iri})``); pyoxigraph requires a bound
variable to appear in the ``SELECT`` projection, so each query projects the
variables it expects to be bound (``?e``, ``?holderP`` ...). Every query runs
over the union of the named graphs, where one triple stated by two
announcements appears twice: queries use ``DISTINCT`` and the Python code
groups rows by node.
"""

from __future__ import annotations

from oregraph.graph.store import PROLOGUE

__all__ = [
    "PREFIXES", "PROVENANCE", "PROVENANCE_VARS", "ENTITY_TYPES", "ENTITY_LABELS", "ENTITY_ALIASES",
    "ENTITY_TICKERS", "SUBSIDIARY_SHORTCUTS", "STAKE_SHORTCUTS", "OPERATES", "FACTS_SHAREHOLDING",
    "FACTS_AGREEMENT", "FACTS_ACQUISITION", "FACTS_POSITION", "FACTS_STATEMENT", "FACTS_LISTING",
    "FACTS_SHORTCUT", "ANNOUNCEMENTS_OF", "STAKE_STATEMENTS", "INCOMPLETE_SHAREHOLDINGS",
    "AGREEMENT_STATEMENTS", "PARTNER_SHORTCUTS", "ENTITY_COMMODITIES", "PLACE_LINKS",
]

#: The PREFIX lines every query here starts with (the stores' predeclared prefixes).
PREFIXES = PROLOGUE

# What a fact is cited by: the title, date and source of the announcement ?ann.
_CITATION = """
    OPTIONAL { ?ann dcterms:title ?annTitle }
    OPTIONAL { ?ann dcterms:date ?annDate }
    OPTIONAL { ?ann dcterms:source ?annSource }
"""

# The provenance of an n-ary node ?node: evidence sentence, rule, confidence and
# the announcement it was derived from with that announcement's title, date, source.
PROVENANCE = """
  OPTIONAL { ?node og:evidence ?evidence }
  OPTIONAL { ?node og:rule ?rule }
  OPTIONAL { ?node og:confidence ?confidence }
  OPTIONAL {
    ?node prov:wasDerivedFrom ?ann .""" + _CITATION + """  }
"""
PROVENANCE_VARS = "?evidence ?rule ?confidence ?ann ?annTitle ?annDate ?annSource"

# The same for the analytics, which need only the announcement's date (for
# supersession and as-of views): ?evidence ?rule ?confidence ?ann ?annDate.
_DATED_PROVENANCE = """
  OPTIONAL { ?node og:evidence ?evidence }
  OPTIONAL { ?node og:rule ?rule }
  OPTIONAL { ?node og:confidence ?confidence }
  OPTIONAL { ?node prov:wasDerivedFrom ?ann . OPTIONAL { ?ann dcterms:date ?annDate } }
"""

# The og: types of nodes (bind ?e for one node). Rows repeat when several
# announcements state the same type; the Python side collects them in sets.
# These four name queries are separate (not one UNION) so each row is read by
# position, which keeps a scan of 100k entities around a second.
ENTITY_TYPES = PREFIXES + """
SELECT ?e ?type WHERE {
  ?e a ?type . FILTER(STRSTARTS(STR(?type), "https://w3id.org/oregraph/ontology#"))
}
"""

# The rdfs:label of nodes (bind ?e for one node).
ENTITY_LABELS = PREFIXES + """
SELECT ?e ?label WHERE { ?e rdfs:label ?label }
"""

# The skos:altLabel of nodes (bind ?e for one node).
ENTITY_ALIASES = PREFIXES + """
SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }
"""

# The listings of nodes as exchange code and ticker (bind ?e for one node).
ENTITY_TICKERS = PREFIXES + """
SELECT ?e ?exchange ?ticker WHERE {
  ?e og:listing ?listing . ?listing og:ticker ?ticker .
  OPTIONAL { ?listing og:exchange ?exchange }
}
"""

# Shortcut subsidiary triples (?sub og:subsidiaryOf ?parent).
SUBSIDIARY_SHORTCUTS = PREFIXES + """
SELECT DISTINCT ?sub ?parent WHERE { ?sub og:subsidiaryOf ?parent }
"""

# Shortcut stake triples (?holder og:ownsStakeIn ?held), the predicate bound as
# ?shortcutP from the ontology's og:edgeShortcut declaration.
STAKE_SHORTCUTS = PREFIXES + """
SELECT DISTINCT ?shortcutP ?holder ?held WHERE { ?holder ?shortcutP ?held }
"""

# Who operates which facility or project, with the dates of the announcements
# whose rdf:Statement nodes state it (unbound when none is dated).
OPERATES = PREFIXES + """
SELECT DISTINCT ?operator ?asset ?annDate WHERE {
  ?operator og:operates ?asset .
  OPTIONAL {
    ?st rdf:subject ?operator ; rdf:predicate og:operates ; rdf:object ?asset ;
        prov:wasDerivedFrom ?ann .
    ?ann dcterms:date ?annDate
  }
}
"""

# Shareholding nodes where ?e is the holder or the held (bind ?e).
FACTS_SHAREHOLDING = PREFIXES + """
SELECT DISTINCT ?e ?node ?holder ?held ?share ?controlling ?holderLabel ?heldLabel """ + PROVENANCE_VARS + """
WHERE {
  { ?node og:holder ?e } UNION { ?node og:held ?e }
  ?node a og:Shareholding ; og:holder ?holder ; og:held ?held .
  OPTIONAL { ?node og:share ?share }
  OPTIONAL { ?node og:controlling ?controlling }
  OPTIONAL { ?holder rdfs:label ?holderLabel }
  OPTIONAL { ?held rdfs:label ?heldLabel }
""" + PROVENANCE + "}\n"

# Agreements (og:Agreement and subclasses) with ?e as a party: one row per other
# party and node type (bind ?e).
FACTS_AGREEMENT = PREFIXES + """
SELECT DISTINCT ?e ?node ?type ?other ?otherLabel ?status ?dateSigned """ + PROVENANCE_VARS + """
WHERE {
  ?node og:party ?e ; og:party ?other .
  FILTER(?other != ?e)
  OPTIONAL { ?node a ?type }
  OPTIONAL { ?node og:status ?status }
  OPTIONAL { ?node og:dateSigned ?dateSigned }
  OPTIONAL { ?other rdfs:label ?otherLabel }
""" + PROVENANCE + "}\n"

# Acquisitions where ?e is the acquirer or the target (bind ?e).
FACTS_ACQUISITION = PREFIXES + """
SELECT DISTINCT ?e ?node ?acquirer ?target ?share ?status ?acquirerLabel ?targetLabel """ + PROVENANCE_VARS + """
WHERE {
  { ?node og:acquirer ?e } UNION { ?node og:target ?e }
  ?node og:acquirer ?acquirer ; og:target ?target .
  OPTIONAL { ?node og:share ?share }
  OPTIONAL { ?node og:status ?status }
  OPTIONAL { ?acquirer rdfs:label ?acquirerLabel }
  OPTIONAL { ?target rdfs:label ?targetLabel }
""" + PROVENANCE + "}\n"

# Positions (a person's office) where ?e is the person or the organization (bind ?e).
FACTS_POSITION = PREFIXES + """
SELECT DISTINCT ?e ?node ?person ?organization ?title ?personLabel ?organizationLabel """ + PROVENANCE_VARS + """
WHERE {
  { ?node og:person ?e } UNION { ?node og:organization ?e }
  ?node og:person ?person ; og:organization ?organization .
  OPTIONAL { ?node og:title ?title }
  OPTIONAL { ?person rdfs:label ?personLabel }
  OPTIONAL { ?organization rdfs:label ?organizationLabel }
""" + PROVENANCE + "}\n"

# rdf:Statement nodes (operates, commodity, locatedIn) with ?e as subject or object (bind ?e).
FACTS_STATEMENT = PREFIXES + """
SELECT DISTINCT ?e ?node ?subject ?predicate ?object ?subjectLabel ?objectLabel """ + PROVENANCE_VARS + """
WHERE {
  { ?node rdf:subject ?e } UNION { ?node rdf:object ?e }
  ?node rdf:subject ?subject ; rdf:predicate ?predicate ; rdf:object ?object .
  OPTIONAL { ?subject rdfs:label ?subjectLabel }
  OPTIONAL { ?object rdfs:label ?objectLabel }
""" + PROVENANCE + "}\n"

# The listings of ?e: exchange code and ticker (bind ?e).
FACTS_LISTING = PREFIXES + """
SELECT DISTINCT ?e ?listing ?exchange ?ticker WHERE {
  ?e og:listing ?listing .
  OPTIONAL { ?listing og:exchange ?exchange }
  OPTIONAL { ?listing og:ticker ?ticker }
}
"""

# Shortcut triples touching ?e, in either direction, for facts with no
# evidence node (gazetteer place chains, data loaded from elsewhere) (bind ?e).
FACTS_SHORTCUT = PREFIXES + """
SELECT DISTINCT ?e ?predicate ?direction ?other ?otherLabel WHERE {
  VALUES ?predicate { og:subsidiaryOf og:ownsStakeIn og:partnerOf og:operates og:commodity
                      og:locatedIn og:officerOf og:acquires }
  { ?e ?predicate ?other . BIND("out" AS ?direction) }
  UNION
  { ?other ?predicate ?e . BIND("in" AS ?direction) }
  OPTIONAL { ?other rdfs:label ?otherLabel }
}
"""

# The announcements whose named graph mentions ?e as subject or object, with
# their title, date and source (bind ?e).
ANNOUNCEMENTS_OF = PREFIXES + """
SELECT DISTINCT ?e ?ann ?annTitle ?annDate ?annSource WHERE {
  { GRAPH ?ann { ?e ?p ?o } } UNION { GRAPH ?ann { ?s ?q ?e } }
  ?ann a og:Announcement .""" + _CITATION + "}\n"


# -- ownership analytics (oregraph.graph.ownership, state, paths, history, consistency) --

# Every statement of a stake: one row per og:Shareholding node (and per value of
# its optional properties; no DISTINCT, which costs a third of the time on 100k
# nodes: the Python side merges the rows of one node), with the source, target and weight predicates the
# ontology declares bound as ?holderP, ?heldP, ?shareP; the evidence, rule and
# confidence; the announcement and its date (for supersession and as-of views).
STAKE_STATEMENTS = PREFIXES + """
SELECT ?holderP ?heldP ?shareP ?node ?holder ?held ?share ?controlling ?evidence ?rule
       ?confidence ?ann ?annDate
WHERE {
  ?node a og:Shareholding ; ?holderP ?holder ; ?heldP ?held .
  OPTIONAL { ?node ?shareP ?share }
  OPTIONAL { ?node og:controlling ?controlling }
""" + _DATED_PROVENANCE + "}\n"

# og:Shareholding nodes that lack the declared source (?holderP) or target (?heldP).
INCOMPLETE_SHAREHOLDINGS = PREFIXES + """
SELECT DISTINCT ?holderP ?heldP ?node ?ann WHERE {
  ?node a og:Shareholding .
  FILTER(NOT EXISTS { ?node ?holderP ?h } || NOT EXISTS { ?node ?heldP ?d })
  OPTIONAL { ?node prov:wasDerivedFrom ?ann }
}
"""

# Every agreement node with its parties: one row per party (and per og type),
# with status, date signed, evidence, rule, confidence and the announcement's date.
AGREEMENT_STATEMENTS = PREFIXES + """
SELECT DISTINCT ?node ?type ?party ?status ?dateSigned ?evidence ?rule ?confidence ?ann ?annDate
WHERE {
  ?node og:party ?party .
  OPTIONAL { ?node a ?type . FILTER(STRSTARTS(STR(?type), "https://w3id.org/oregraph/ontology#")) }
  OPTIONAL { ?node og:status ?status }
  OPTIONAL { ?node og:dateSigned ?dateSigned }
""" + _DATED_PROVENANCE + "}\n"

# Partnership shortcut triples (written both ways by extraction).
PARTNER_SHORTCUTS = PREFIXES + """
SELECT DISTINCT ?a ?b WHERE { ?a og:partnerOf ?b }
"""

# The commodities of every entity that has one, with the commodity's label.
ENTITY_COMMODITIES = PREFIXES + """
SELECT DISTINCT ?e ?commodity ?commodityLabel WHERE {
  ?e og:commodity ?commodity .
  OPTIONAL { ?commodity rdfs:label ?commodityLabel }
}
"""

# Every og:locatedIn link (entity or place -> place); places chain up to countries.
PLACE_LINKS = PREFIXES + """
SELECT DISTINCT ?e ?place WHERE { ?e og:locatedIn ?place }
"""
