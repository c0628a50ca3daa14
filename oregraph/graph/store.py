"""The embedded Oxigraph store on disk, behind one small interface.

Every query sees the union of the named graphs as its default graph (one
named graph per announcement), so a plain ``SELECT`` finds every fact and
``GRAPH ?g { ... }`` picks facts by announcement. Values are bound by
substitution, never pasted into the query text:

>>> from rdflib import Literal, URIRef
>>> store = Store.memory()
>>> g = "https://w3id.org/oregraph/id/announcement-0000000000000001"
>>> albecour = URIRef("https://w3id.org/oregraph/id/org-albecour")
>>> label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
>>> store.add_graph(g, [(albecour, label, Literal("Albecour Inc."), URIRef(g))])
1
>>> rows = store.select("SELECT ?e ?p ?name WHERE { ?e ?p ?name }",
...                     {"e": albecour, "p": label})
>>> [str(row["name"]) for row in rows]
['Albecour Inc.']
>>> store.has_graph(g), len(store)
(True, 1)
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, BinaryIO, Self

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.term import Identifier

from oregraph.errors import OregraphError, QueryError, StoreError
from oregraph.graph.terms import bound_rows, from_ox, to_ox, to_ox_graph, to_ox_quad
from oregraph.settings import Settings

if TYPE_CHECKING:
    from oregraph.graph.interface import Bindings, GraphStore

__all__ = [
    "Store", "BaseStore", "EXPORT_FORMATS", "PREFIXES", "PROLOGUE", "is_update",
    "check_read_query", "convert_quads", "export_oxigraph", "syntax_message",
]

#: Prefixes written into Turtle and TriG exports, and predeclared in every query.
PREFIXES: dict[str, str] = {
    "og": "https://w3id.org/oregraph/ontology#",
    "id": "https://w3id.org/oregraph/id/",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
#: :data:`PREFIXES` as SPARQL ``PREFIX`` lines, for query text that must stand alone.
PROLOGUE = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())

#: Export formats accepted by :meth:`Store.export` (aliases in ``_FORMAT_ALIASES``).
EXPORT_FORMATS = ("trig", "nquads", "turtle", "ntriples", "jsonld")
_FORMAT_ALIASES = {
    "nq": "nquads", "n-quads": "nquads", "ttl": "turtle", "nt": "ntriples",
    "n-triples": "ntriples", "json-ld": "jsonld",
}

_COMMENT = re.compile(r"#[^\n]*")
# An IRI holds no '<', '>' or white space: excluding '<' keeps the scan linear on hostile text.
_IRI = re.compile(r"<[^<>\s]*>")
#: Strings, IRIs and comments: text where keywords and brackets mean nothing.
SKIPPED_TEXT = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'(?:[^'\\\n]|\\.)*'"
    r'|"(?:[^"\\\n]|\\.)*"'
    r'|<[^<>"{}|^`\\\s]*>'
    r"|#[^\n]*"
)
_BRACKET = re.compile(r"[(){}\[\]]")
#: Deepest bracket nesting accepted. Oxigraph's parser recurses once per level and
#: overflows the stack (the process dies) at a few thousand; real queries stay far below this.
MAX_NESTING = 256
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*|BASE\s+)<[^>]*>\s*)*", re.IGNORECASE)
_UPDATE_KEYWORD = re.compile(
    r"^\s*(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)


def _check_depth(code: str, limit: int = MAX_NESTING) -> None:
    """Refuse text nested deeper than ``limit`` brackets (strings, IRIs and comments blanked)."""
    depth = deepest = 0
    for bracket in _BRACKET.finditer(code):
        depth += 1 if bracket.group() in "({[" else -1
        deepest = max(deepest, depth)
    if deepest > limit:
        raise QueryError(f"the query nests brackets {deepest} deep; at most {limit} levels are "
                         "accepted: simplify it")


# The keyword itself: not a variable (?service), a prefixed name (ex:service) or a prefix.
_SERVICE = re.compile(r"(?<![?$\w:])SERVICE(?![\w:])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """True when a query calls out with ``SERVICE`` (federation).

    Stores refuse those: Oxigraph would fetch any URL the caller names, from
    the machine the store runs on.

    >>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service { ?service ex:SERVICE "SERVICE" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(SKIPPED_TEXT.sub(" ", query)))


def check_query_text(sparql: str) -> None:
    """What every store checks before a query reaches an engine: nesting depth, no SERVICE.

    >>> check_query_text("SELECT * WHERE { FILTER((1)) }")
    >>> check_query_text("ASK {" + "(" * 300 + ")" * 300 + "}")
    Traceback (most recent call last):
    ...
    oregraph.errors.QueryError: the query nests brackets 301 deep; at most 256 levels are accepted: simplify it
    """
    code = SKIPPED_TEXT.sub(" ", sparql)  # blanked once for both checks
    _check_depth(code)
    if _SERVICE.search(code):
        raise QueryError(
            "SERVICE (federated query) is not allowed: it would fetch another endpoint from "
            "this machine; query the other endpoint directly"
        )


def is_update(sparql: str) -> bool:
    """True when the text reads as a SPARQL Update (its first keyword after the prologue).

    >>> is_update("PREFIX og: <https://w3id.org/oregraph/ontology#> INSERT DATA { }")
    True
    >>> is_update("SELECT * WHERE { ?s ?p ?o }")
    False
    """
    # Comments may hide keywords; IRIs may contain '#', so drop comments outside IRIs only.
    text = _IRI.sub("<>", sparql)
    text = _COMMENT.sub(" ", text)
    text = _PROLOGUE.sub("", text)
    return bool(_UPDATE_KEYWORD.match(text))


def check_read_query(query: str) -> None:
    """What every store checks before running a query: :func:`check_query_text`, and not an update."""
    check_query_text(query)
    if is_update(query):
        raise QueryError(
            "this is an update; queries are read-only (SELECT, ASK, CONSTRUCT, DESCRIBE). "
            "Updates go through Store.update, for tests and administration"
        )


class BaseStore:
    """What the embedded and the remote store share, built on their ``query`` and ``close``."""

    def query(
        self, query: str, bindings: Bindings | None = None, *,
        default_graph: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def select(
        self, query: str, bindings: Bindings | None = None,
    ) -> list[dict[str, Identifier]]:
        """Rows of a ``SELECT`` query, each a dict of variable name to rdflib term (unbound omitted)."""
        result = self.query(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError(f"select() runs SELECT queries; this one returns {_kind(result)}")
        return bound_rows([v.value for v in result.variables], result, from_ox)

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """The answer of an ``ASK`` query."""
        result = self.query(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError(f"ask() runs ASK queries; this one returns {_kind(result)}")
        return bool(result)

    def construct(
        self, query: str, bindings: Bindings | None = None,
    ) -> Graph:
        """The triples of a ``CONSTRUCT`` or ``DESCRIBE`` query as an rdflib Graph."""
        result = self.query(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError(f"construct() runs CONSTRUCT or DESCRIBE queries; this one returns {_kind(result)}")
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        for triple in result:
            graph.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        return graph


class Store(BaseStore):
    """An Oxigraph store (on disk, or in memory for tests).

    Open one with :meth:`open` or :meth:`memory`; use it as a context manager
    or call :meth:`close`. Attributes: ``oxigraph`` (the ``pyoxigraph.Store``),
    ``settings`` and ``location`` (a folder, or ``None`` in memory).

    Write through :meth:`add_graph`, :meth:`remove_graph` and :meth:`update`:
    each bumps :attr:`generation`, which readers use to cache what they derive
    from the store (the entity name index). After writing to ``.oxigraph``
    directly, call :meth:`touch`.
    """

    def __init__(self, oxigraph: ox.Store, settings: Settings, location: Path | None) -> None:
        self._ox: ox.Store | None = oxigraph
        self.settings = settings
        self.location = location
        self._generation = 0

    @property
    def generation(self) -> int:
        """A counter bumped by every write made through this object."""
        return self._generation

    def touch(self) -> None:
        """Tell cached readers the store changed (after writing to ``.oxigraph`` directly)."""
        self._generation += 1

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(
        cls, location: str | Path | None = None, settings: Settings | None = None
    ) -> GraphStore:
        """Open (creating if needed) the store in ``location``, else ``settings.store``.

        An ``http://`` or ``https://`` location is a SPARQL 1.1 server: the
        answer is then a :class:`~oregraph.graph.remote.RemoteStore` with the
        same methods (see docs/remote-store.md). Raises :class:`StoreError` for
        a path that is not a store folder, or a store in use by another process.
        """
        settings = settings if settings is not None else Settings()
        where = str(location) if location is not None else settings.store
        if where.startswith(("http://", "https://")):
            from oregraph.graph.remote import RemoteStore

            return RemoteStore.open(where, settings)
        path = Path(where).expanduser()
        if path.exists() and not path.is_dir():
            raise StoreError(
                f"the store location {path} is a file, not a folder; "
                "give a folder with --store or OREGRAPH_STORE"
            )
        if path.is_dir() and any(path.iterdir()) and not (path / "CURRENT").is_file():
            raise StoreError(
                f"{path} is not an oregraph store (the folder holds other files); "
                "give an empty or new folder with --store or OREGRAPH_STORE"
            )
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the store folder {path}: {error.strerror or error}; "
                "check the permissions or give another folder with --store or OREGRAPH_STORE"
            ) from None
        try:
            oxigraph = ox.Store(str(path))
        except OSError as error:
            message = str(error)
            if "lock" in message.lower():
                raise StoreError(
                    f"the store {path} is in use by another oregraph process "
                    "(for example `oregraph serve`); stop it, or give another folder "
                    "with --store or OREGRAPH_STORE"
                ) from None
            raise StoreError(
                f"cannot open the store {path}: {message}; if the folder is not an "
                "oregraph store, give another one with --store or OREGRAPH_STORE"
            ) from None
        return cls(oxigraph, settings, path)

    @classmethod
    def memory(cls, settings: Settings | None = None) -> Store:
        """A store kept in memory, gone when closed (for tests and examples)."""
        return cls(ox.Store(), settings if settings is not None else Settings(), None)

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store``; :class:`StoreError` once closed."""
        if self._ox is None:
            raise StoreError("the store is closed; open it again with Store.open()")
        return self._ox

    @property
    def closed(self) -> bool:
        return self._ox is None

    def close(self) -> None:
        """Flush and release the store (its folder lock goes with the last reference)."""
        if self._ox is not None:
            try:
                self._ox.flush()
            finally:
                self._ox = None

    def __repr__(self) -> str:
        where = self.location if self.location is not None else "memory"
        return f"<Store {where}{' closed' if self.closed else ''}>"

    # -- graphs -------------------------------------------------------------

    def __len__(self) -> int:
        """The number of quads (a full scan)."""
        return len(self.oxigraph)

    def graphs(self) -> list[str]:
        """The IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph_iri: str) -> bool:
        """True when the named graph holds at least one quad (one index lookup)."""
        name = ox.NamedNode(str(graph_iri))
        for _ in self.oxigraph.quads_for_pattern(None, None, None, name):
            return True
        return False

    def add_graph(self, graph_iri: str, quads: Iterable[tuple[Any, ...]]) -> int:
        """Write ``quads`` (rdflib 4-tuples ``(s, p, o, g)``) into graph ``graph_iri`` atomically.

        Every quad is converted before anything is written and then all are
        written in one transaction, so an error part way (a bad term, a
        generator that raises) leaves the store untouched. Returns the number of
        quads that were not in the store yet (0 when the graph is added again).
        A quad in any other graph is a programming error (:class:`ValueError`).
        """
        store = self.oxigraph
        batch = convert_quads(graph_iri, quads)
        new = [quad for quad in batch if quad not in store]
        if new:
            try:
                store.extend(new)
            except OSError as error:
                raise StoreError(
                    f"cannot write graph {graph_iri}: {error}; nothing was written"
                ) from None
            self.touch()
        return len(new)

    def remove_graph(self, graph_iri: str) -> None:
        """Remove a named graph and all its quads (nothing happens if it is absent)."""
        self.oxigraph.remove_graph(ox.NamedNode(str(graph_iri)))
        self.touch()

    # -- queries ------------------------------------------------------------

    def query(
        self, query: str,
        bindings: Bindings | None = None, *,
        default_graph: Sequence[str] | None = None, named_graphs: Sequence[str] | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL query over the union of the named graphs; the raw pyoxigraph result.

        ``bindings`` maps variable names (without ``?``) to rdflib or pyoxigraph
        terms; each variable is replaced by its term before evaluation. In a
        ``SELECT`` with an explicit projection, bound variables must be projected.
        ``default_graph`` and ``named_graphs`` (graph IRIs, the protocol's
        ``default-graph-uri`` and ``named-graph-uri``) replace the union with
        the merge of those graphs and limit ``GRAPH`` to those named.
        SELECT and CONSTRUCT results are lazy: solutions are computed as they
        are read. The prefixes of :data:`PREFIXES` (``og:``, ``id:``,
        ``dcterms:``, ``prov:``, ``skos:``, ``rdf:``, ``rdfs:``, ``xsd:``) are
        predeclared; a query's own ``PREFIX`` lines take precedence. Raises :class:`QueryError` for malformed queries and for updates.
        """
        check_read_query(query)
        substitutions = None
        if bindings:
            substitutions = {ox.Variable(name.lstrip("?$")): to_ox(term) for name, term in bindings.items()}
        dataset: dict[str, Any] = {"use_default_graph_as_union": not default_graph}
        if default_graph:
            dataset["default_graph"] = [_graph_node(g) for g in default_graph]
        if named_graphs:
            dataset["named_graphs"] = [_graph_node(g) for g in named_graphs]
        try:
            return self.oxigraph.query(
                query, substitutions=substitutions, prefixes=PREFIXES, **dataset
            )
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL: {syntax_message(error)}") from None
        except RuntimeError as error:
            if "projection" in str(error):
                raise QueryError(
                    f"{error}; add the bound variable to the SELECT clause (or use SELECT *)"
                ) from None
            raise

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (tests and administration only; the API is read-only by default)."""
        check_query_text(sparql)
        try:
            self.oxigraph.update(sparql)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL Update: {syntax_message(error)}") from None
        finally:
            self.touch()

    # -- export -------------------------------------------------------------

    def export(self, out: BinaryIO, fmt: str) -> None:
        """Write the whole store to ``out`` (a binary file) in ``fmt``.

        ``trig``, ``nquads`` and ``jsonld`` keep the named graphs; ``turtle``
        and ``ntriples`` write the union of all graphs as one graph.
        """
        export_oxigraph(self.oxigraph, out, fmt)

    def to_oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (a remote store answers with a copy)."""
        return self.oxigraph


def export_oxigraph(store: ox.Store, out: BinaryIO, fmt: str) -> None:
    """Write every quad of a pyoxigraph store to ``out`` in ``fmt`` (see :meth:`Store.export`)."""
    key = _FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
    if key == "trig":
        store.dump(out, ox.RdfFormat.TRIG, prefixes=PREFIXES)
    elif key == "nquads":
        store.dump(out, ox.RdfFormat.N_QUADS)
    elif key in ("turtle", "ntriples"):
        triples = (
            ox.Triple(s["s"], s["p"], s["o"])
            for s in store.query(
                "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
        )
        if key == "turtle":
            ox.serialize(triples, out, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        else:
            ox.serialize(triples, out, ox.RdfFormat.N_TRIPLES)
    elif key == "jsonld":
        with warnings.catch_warnings():
            # rdflib 7's own parsers and serializers use its deprecated ConjunctiveGraph API.
            warnings.simplefilter("ignore", DeprecationWarning)
            dataset = Dataset()
            dataset.parse(data=store.dump(format=ox.RdfFormat.N_QUADS), format="nquads")
            for prefix, namespace in PREFIXES.items():
                dataset.bind(prefix, namespace)
            out.write(dataset.serialize(format="json-ld", encoding="utf-8"))
    else:
        raise OregraphError(
            f"unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}"
        )


def convert_quads(graph_iri: str, quads: Iterable[tuple[Any, ...]]) -> list[ox.Quad]:
    """``quads`` (rdflib 4-tuples or pyoxigraph quads) as pyoxigraph quads, without duplicates.

    Every quad must be in graph ``graph_iri`` (:class:`ValueError` otherwise:
    a programming error); bad terms raise before anything is written.
    """
    name = ox.NamedNode(str(graph_iri))
    batch: dict[ox.Quad, None] = {}
    memo: dict[Any, Any] = {}  # entities recur across an announcement's quads

    def term(value: Any) -> Any:
        try:
            return memo[value]
        except KeyError:
            converted = memo[value] = to_ox(value)
            return converted
        except TypeError:  # unhashable: not a term; to_ox says why
            return to_ox(value)

    for quad in quads:
        if isinstance(quad, ox.Quad):
            converted = quad
        elif len(quad) == 4:
            s, p, o, g = quad
            graph = name if isinstance(g, URIRef) and str(g) == name.value else to_ox_graph(g)
            converted = ox.Quad(term(s), term(p), term(o), graph)
        else:
            converted = to_ox_quad(quad)
        if converted.graph_name != name:
            raise ValueError(
                f"quad {quad!r} is in graph {converted.graph_name}, not {graph_iri}; "
                "add_graph writes one announcement's graph at a time"
            )
        batch[converted] = None
    return list(batch)


def _graph_node(iri: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(str(iri))
    except ValueError:
        raise QueryError(
            f"{iri!r} is not an IRI; give default-graph-uri and named-graph-uri as absolute IRIs"
        ) from None


def syntax_message(error: SyntaxError, limit: int = 300) -> str:
    """The parser's message on one line, its list of expected tokens cut short."""
    message = " ".join(str(error.msg or error).split())
    if len(message) > limit:
        message = message[:limit].rsplit(",", 1)[0] + ", ..."
    return message


def _kind(result: object) -> str:
    if isinstance(result, ox.QueryBoolean):
        return "a boolean (ASK); use ask()"
    if isinstance(result, ox.QueryTriples):
        return "triples (CONSTRUCT/DESCRIBE); use construct()"
    return "solutions (SELECT); use select()"

