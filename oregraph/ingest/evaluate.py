"""Measure extraction against gold annotations: precision, recall and F1 per relation.

A gold corpus is a folder of announcements ``NAME.txt`` with ``NAME.gold.json``
beside them (the format of the shared corpus, ``GOLD-FORMAT.md``). The
functions here are pure: :func:`load_gold` reads one gold file,
:func:`predicted` turns an :class:`~oregraph.ingest.records.Extraction` into
the facts its quads state (what ``oregraph extract`` would print),
:func:`score` compares one document, :func:`aggregate` sums documents into a
:class:`Report`. :func:`evaluate_folder` runs them over a folder.

The matching rules are those of the shared scorer, written anew:

- a gold name matches a node when one of the gold entity's names (its name and
  aliases) equals one of the node's labels, both normalised (accents, case,
  punctuation, a leading "the" and a trailing legal form dropped; ``aluminum``
  is ``aluminium``);
- ``partnerOf`` matches in either direction; ``locatedIn`` matches any place up
  the predicted place's chain (a city in the right province); ``listedAs``
  compares ``EXCHANGE:SYMBOL`` strings after normalising the exchange name;
- each gold fact is matched to at most one predicted fact and the other way
  round (a maximum matching);
- a predicted fact restating a gold fact in an equally true form is neither
  right nor wrong: ``ownsStakeIn`` for a gold ``subsidiaryOf`` the other way
  (and back), ``ownsStakeIn`` for a gold ``acquires``, a place-in-place link;
- qualifiers are checked on matched facts: share within 0.011 points,
  agreement type, title (one normalised title contains the other).

>>> gold = parse_gold({"doc": "d", "entities": [
...     {"name": "Albecour Inc.", "type": "Company", "aliases": ["Albecour"]}],
...     "facts": [{"s": "Albecour Inc.", "p": "subsidiaryOf", "o": "Investissement Québec", "share": 100}]},
...     "d.gold.json")
>>> from oregraph.ingest.extract import extract
>>> from oregraph.ingest.records import Announcement
>>> ex = extract(Announcement(text="Albecour Inc. is a wholly-owned subsidiary of Investissement Québec.",
...                           source="urn:example"))
>>> result = score(gold, predicted(ex))
>>> result.counts["subsidiaryOf"], result.qualifiers["share"]
(Counts(tp=1, fp=0, fn=0), [1, 1])
>>> aggregate([result]).micro.f1
1.0
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from oregraph.errors import OregraphError
from oregraph.ingest.lexicon import fold
from oregraph.ontology import OG, SCHEMA

__all__ = [
    "RELATIONS", "EvaluationError", "GoldFormatError", "GoldFact", "Gold", "Predicted", "Counts",
    "DocScore", "Report", "normalise_name", "normalise_listing", "parse_gold", "load_gold",
    "gold_files", "predicted", "predicted_from_quads", "score", "aggregate", "evaluate_folder",
]

RELATIONS = ("subsidiaryOf", "ownsStakeIn", "acquires", "partnerOf", "operates", "commodity",
             "locatedIn", "listedAs", "officerOf")
GOLD_SUFFIX = ".gold.json"
SHARE_TOLERANCE = 0.011

# the legal forms a gold name may carry or not (GOLD-FORMAT: "with or without Inc./Ltd./Corp.")
_LEGAL_FORMS = {"inc", "incorporated", "ltd", "limited", "corp", "corporation", "co", "plc", "llc", "sa",
                "ag", "nv", "bv", "gmbh", "pty", "ltee", "lp", "llp", "se", "spa", "ab", "asa", "oyj",
                "sarl", "sas"}
# commodity spellings the gold format treats as one
_SAME_COMMODITY = {
    "aluminum": "aluminium", "rare earths": "rare earth elements", "rare earth": "rare earth elements",
    "rare earth element": "rare earth elements", "ree": "rare earth elements", "rees": "rare earth elements",
    "iron": "iron ore", "steel products": "steel", "lithium carbonate": "lithium",
    "lithium hydroxide": "lithium", "scandium oxide": "scandium", "metallurgical coal": "coal",
    "pgm": "platinum group metals", "pgms": "platinum group metals",
}
_EXCHANGE_NAMES = {
    "TORONTO": "TSX", "TORONTO STOCK EXCHANGE": "TSX", "TSX V": "TSXV", "TSX VENTURE": "TSXV",
    "TSX VENTURE EXCHANGE": "TSXV", "TSXVENTURE": "TSXV", "CVE": "TSXV", "V": "TSXV",
    "CNSX": "CSE", "OTC PINK": "OTC", "OTCPK": "OTC", "OTCMKTS": "OTC", "PINK": "OTC", "OTCID": "OTC",
    "OTC MARKETS": "OTC", "NYSE AMERICAN": "NYSEAMERICAN", "NYSE MKT": "NYSEAMERICAN",
    "AMEX": "NYSEAMERICAN", "FWB": "FSE", "FRANKFURT": "FSE", "FRA": "FSE", "BF": "FSE",
    "BOERSE FRANKFURT": "FSE", "BORSE FRANKFURT": "FSE", "HKSE": "HKEX", "CBOE CANADA": "CBOE",
    "NEO": "CBOE",
}
_AGREEMENT_CODES = {
    "MemorandumOfUnderstanding": "MOU", "LetterOfIntent": "LOI", "JointVenture": "JointVenture",
    "OfftakeAgreement": "Offtake", "SupplyAgreement": "Supply", "OptionAgreement": "Option",
    "Collaboration": "Collaboration", "StrategicInvestment": "StrategicInvestment",
}
# a gold type is satisfied by the class or a subclass
_TYPE_OK = {
    "Company": {"Company", "StateOwnedEnterprise", "CrownCorporation"},
    "StateOwnedEnterprise": {"StateOwnedEnterprise", "CrownCorporation"},
}
_QUALIFIERS = {"share", "agreement", "title"}


class EvaluationError(OregraphError):
    """A corpus cannot be evaluated (no gold files, a text missing)."""


class GoldFormatError(EvaluationError):
    """A gold file does not follow the gold format; the message names the file and the problem."""


# ----------------------------------------------------------------- normalising

def normalise_name(name: str) -> str:
    """The form two names are compared in.

    >>> normalise_name("The Imperial Mining Group Ltd."), normalise_name("Sept-Îles")
    ('imperial mining group', 'sept iles')
    >>> normalise_name("Aluminum")
    'aluminium'
    """
    tokens = fold(str(name)).split()
    if tokens[:1] == ["the"]:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in _LEGAL_FORMS:
        tokens.pop()
    joined = " ".join(tokens)
    return _SAME_COMMODITY.get(joined, joined)


def normalise_listing(value: str) -> str:
    """``EXCHANGE:SYMBOL`` with the exchange's code.

    >>> normalise_listing("TSX Venture Exchange: ipg"), normalise_listing("NYSE American:ABC")
    ('TSXV:IPG', 'NYSEAMERICAN:ABC')
    """
    m = re.match(r"\s*(.+?)\s*[:.]\s*([A-Za-z0-9.\-]+)\s*$", str(value))
    if not m:
        return str(value).strip().upper()
    exchange = " ".join(re.sub(r"[^A-Z ]+", " ", m.group(1).upper()).split())
    return f"{_EXCHANGE_NAMES.get(exchange, exchange.replace(' ', ''))}:{m.group(2).upper()}"


def _norm_title(title: str) -> str:
    return " ".join(fold(str(title)).split())


# ------------------------------------------------------------------------ gold

@dataclass(frozen=True)
class GoldFact:
    s: str
    p: str
    o: str
    share: float | None = None
    agreement: str | None = None
    title: str | None = None

    def __str__(self) -> str:
        return f"{self.s} --{self.p}--> {self.o}"


@dataclass
class Gold:
    doc: str
    path: str
    facts: list[GoldFact]
    names: dict[str, set[str]] = field(default_factory=dict)  # gold name -> normalised names
    types: dict[str, str] = field(default_factory=dict)

    def names_of(self, name: str) -> set[str]:
        return self.names.get(name) or {normalise_name(name)}

    def matches(self, name: str, labels: set[str]) -> bool:
        return not self.names_of(name).isdisjoint(labels)


def _problem(path: str, what: str) -> GoldFormatError:
    return GoldFormatError(f"{path}: {what}; fix the file (the gold format is in docs/evaluate.md)")


def parse_gold(data: Any, path: str) -> Gold:
    """A :class:`Gold` from parsed JSON; ``path`` names the file in error messages."""
    if not isinstance(data, dict):
        raise _problem(path, "the top level is not a JSON object")
    entities = data.get("entities", [])
    facts = data.get("facts")
    if not isinstance(entities, list):
        raise _problem(path, '"entities" is not a list')
    if not isinstance(facts, list):
        raise _problem(path, 'no "facts" list')
    doc = str(data.get("doc") or Path(path).name.removesuffix(GOLD_SUFFIX))
    gold = Gold(doc=doc, path=path, facts=[])
    for i, ent in enumerate(entities):
        if not isinstance(ent, dict) or not isinstance(ent.get("name"), str) or not ent["name"].strip():
            raise _problem(path, f"entity {i + 1} has no \"name\"")
        aliases = ent.get("aliases", [])
        if not isinstance(aliases, list):
            raise _problem(path, f"entity {ent['name']!r}: \"aliases\" is not a list")
        gold.names[ent["name"]] = {normalise_name(n) for n in [ent["name"], *aliases] if str(n).strip()}
        gold.types[ent["name"]] = str(ent.get("type", ""))
    for i, f in enumerate(facts):
        where = f"fact {i + 1}"
        if not isinstance(f, dict) or not all(isinstance(f.get(k), str) and f[k].strip() for k in ("s", "p", "o")):
            raise _problem(path, f'{where} needs "s", "p" and "o" strings')
        if f["p"] not in RELATIONS:
            raise _problem(path, f"{where}: unknown relation {f['p']!r} (one of {', '.join(RELATIONS)})")
        share = f.get("share")
        if share is not None:
            try:
                share = float(share)
            except (TypeError, ValueError):
                raise _problem(path, f"{where}: share {share!r} is not a number") from None
            if not 0 <= share <= 100:
                raise _problem(path, f"{where}: share {share} is not a percentage 0-100")
        gold.facts.append(GoldFact(f["s"], f["p"], f["o"], share, f.get("agreement"), f.get("title")))
        for k in ("s", "o"):
            if f[k] not in gold.names and not (f["p"] == "listedAs" and k == "o"):
                gold.names[f[k]] = {normalise_name(f[k])}
    return gold


def load_gold(path: Path) -> Gold:
    """Read one ``NAME.gold.json``; a malformed file raises :class:`GoldFormatError` naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise _problem(str(path), "not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise _problem(str(path), f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except OSError as exc:
        raise EvaluationError(f"{path}: cannot be read ({exc.strerror})") from None
    return parse_gold(data, str(path))


def gold_files(folder: Path) -> list[Path]:
    """The gold files of a corpus folder, sorted; an error when there are none."""
    if not folder.is_dir():
        raise EvaluationError(f"{folder}: no such folder; give a folder of NAME.txt with NAME.gold.json beside them")
    found = sorted(folder.glob(f"*{GOLD_SUFFIX}"))
    if not found:
        raise EvaluationError(f"{folder}: no *{GOLD_SUFFIX} files; put NAME.gold.json beside each NAME.txt "
                              "(see docs/evaluate.md)")
    return found


# ------------------------------------------------------------------- predicted

Node = URIRef | Literal


@dataclass
class Predicted:
    """The facts, labels and qualifiers one extraction's quads state."""

    labels: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    types: dict[Node, set[str]] = field(default_factory=lambda: defaultdict(set))
    facts: dict[str, list[tuple[Node, Node]]] = field(default_factory=lambda: defaultdict(list))
    up: dict[Node, set[Node]] = field(default_factory=lambda: defaultdict(set))  # locatedIn links
    shares: dict[tuple[Node, Node], set[float]] = field(default_factory=lambda: defaultdict(set))
    agreements: dict[tuple[Node, Node], set[str]] = field(default_factory=lambda: defaultdict(set))
    titles: dict[tuple[Node, Node], set[str]] = field(default_factory=lambda: defaultdict(set))

    def names(self, node: Node) -> set[str]:
        return {normalise_name(node)} if isinstance(node, Literal) else self.labels.get(node, set())

    def places(self, node: Node) -> set[Node]:
        """The node and every place up its locatedIn chain."""
        seen, todo = {node}, [node]
        while todo:
            for parent in self.up.get(todo.pop(), ()):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen


def predicted_from_quads(quads: Iterable[tuple]) -> Predicted:
    """Read the facts of a set of quads (or triples) in the ontology's core terms."""
    by_p: dict[URIRef, list[tuple]] = defaultdict(list)
    for q in quads:
        by_p[q[1]].append((q[0], q[2]))
    pred = Predicted()
    for p in (RDFS.label, SKOS.altLabel, SKOS.prefLabel, SCHEMA.name):
        for s, o in by_p[p]:
            if isinstance(o, Literal):
                pred.labels[s].add(normalise_name(o))
    for s, o in by_p[RDF.type]:
        if str(o).startswith(str(OG)):
            pred.types[s].add(str(o)[len(str(OG)):])
    objects: dict[tuple[Node, URIRef], list[Node]] = defaultdict(list)
    for p in (OG.acquirer, OG.target, OG.holder, OG.held, OG.share, OG.party, OG.exchange, OG.ticker,
              OG.person, OG.organization, OG.title):
        for s, o in by_p[p]:
            objects[(s, p)].append(o)
    for rel in ("subsidiaryOf", "ownsStakeIn", "operates", "commodity", "locatedIn", "officerOf", "acquires"):
        pred.facts[rel] = list(dict.fromkeys(by_p[OG[rel]]))
    pairs: set[frozenset] = set()
    for s, o in by_p[OG.partnerOf]:
        if frozenset((s, o)) not in pairs:
            pairs.add(frozenset((s, o)))
            pred.facts["partnerOf"].append((s, o))
    for node in {s for s, o in by_p[RDF.type] if o == OG.Acquisition}:
        for a in objects[(node, OG.acquirer)]:
            for t in objects[(node, OG.target)]:
                if (a, t) not in pred.facts["acquires"]:
                    pred.facts["acquires"].append((a, t))
                pred.shares[(a, t)].update(float(x) for x in objects[(node, OG.share)])
    for company, listing in by_p[OG.listing]:
        for ex in objects[(listing, OG.exchange)]:
            for tk in objects[(listing, OG.ticker)]:
                pred.facts["listedAs"].append((company, Literal(normalise_listing(f"{ex}:{tk}"))))
    for s, o in by_p[OG.locatedIn]:
        pred.up[s].add(o)
    for node in {s for s, _ in by_p[OG.holder]}:
        for a in objects[(node, OG.holder)]:
            for b in objects[(node, OG.held)]:
                pred.shares[(a, b)].update(float(x) for x in objects[(node, OG.share)])
    for node in {s for s, _ in by_p[OG.party]}:
        kinds = {_AGREEMENT_CODES.get(str(t)[len(str(OG)):], "Other")
                 for s, t in by_p[RDF.type] if s == node and str(t).startswith(str(OG))}
        parties = objects[(node, OG.party)]
        for a in parties:
            for b in parties:
                if a != b:
                    pred.agreements[(a, b)] |= kinds
    for node in {s for s, _ in by_p[OG.title]}:
        for person in objects[(node, OG.person)]:
            for org in objects[(node, OG.organization)]:
                pred.titles[(person, org)].update(_norm_title(t) for t in objects[(node, OG.title)])
    return pred


def predicted(ex: Any) -> Predicted:
    """The facts of an :class:`~oregraph.ingest.records.Extraction`, as its quads state them."""
    from oregraph.ingest.emit import quads

    return predicted_from_quads(quads(ex))


# --------------------------------------------------------------------- scoring

@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"gold": self.tp + self.fn, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class DocScore:
    doc: str
    counts: dict[str, Counts]
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    qualifiers: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, of]
    types: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [found, of]
    error: str | None = None

    def total(self) -> Counts:
        out = Counts()
        for c in self.counts.values():
            out.add(c)
        return out


def _fact_matches(gold: Gold, f: GoldFact, pred: Predicted, pair: tuple[Node, Node]) -> bool:
    s, o = pair
    if f.p == "listedAs":
        return gold.matches(f.s, pred.names(s)) and normalise_listing(f.o) == str(o)
    if f.p == "partnerOf":
        return (gold.matches(f.s, pred.names(s)) and gold.matches(f.o, pred.names(o))) or \
               (gold.matches(f.s, pred.names(o)) and gold.matches(f.o, pred.names(s)))
    if not gold.matches(f.s, pred.names(s)):
        return False
    if f.p == "locatedIn":
        return any(gold.matches(f.o, pred.names(place)) for place in pred.places(o))
    return gold.matches(f.o, pred.names(o))


def _restates(gold: Gold, rel: str, pair: tuple[Node, Node], pred: Predicted) -> bool:
    """A predicted fact that says a gold fact in another, equally true form."""
    s, o = pair
    if rel == "locatedIn":
        return "Place" in pred.types.get(s, set())
    twin = {"ownsStakeIn": "subsidiaryOf", "subsidiaryOf": "ownsStakeIn"}.get(rel)
    for f in gold.facts:
        if f.p == twin and gold.matches(f.s, pred.names(o)) and gold.matches(f.o, pred.names(s)):
            return True
        if rel == "ownsStakeIn" and f.p == "acquires" and gold.matches(f.s, pred.names(s)) \
                and gold.matches(f.o, pred.names(o)):
            return True
    return False


def _qualifier_agrees(f: GoldFact, pred: Predicted, pair: tuple[Node, Node]) -> bool:
    """Whether a predicted fact carries the gold fact's agreement type or share (when it states one)."""
    s, o = pair
    if f.p == "partnerOf" and f.agreement:
        return f.agreement in pred.agreements.get((s, o), set())
    if f.share is not None:
        key = (o, s) if f.p == "subsidiaryOf" else (s, o)
        return any(abs(x - f.share) < SHARE_TOLERANCE for x in pred.shares.get(key, ()))
    return False


def _show(pred: Predicted, node: Node) -> str:
    names = sorted(pred.names(node))
    return names[0] if names else str(node).rsplit("/", 1)[-1]


def score(gold: Gold, pred: Predicted) -> DocScore:
    """Compare one document's predicted facts with its gold facts."""
    result = DocScore(doc=gold.doc, counts={rel: Counts() for rel in RELATIONS})
    quals: dict[str, list[int]] = {}
    for rel in RELATIONS:
        golds = [f for f in gold.facts if f.p == rel]
        preds = pred.facts.get(rel, [])
        graph = nx.Graph()
        top = [("g", i) for i in range(len(golds))]
        graph.add_nodes_from(top)
        graph.add_nodes_from(("p", j) for j in range(len(preds)))
        # as many facts matched as possible (the shared scorer's counts), and among such matchings one
        # that pairs each gold fact with a prediction carrying its qualifier, so that a pair stated with two
        # agreements is judged the same way on every run
        graph.add_edges_from((("g", i), ("p", j), {"weight": 1 + _qualifier_agrees(f, pred, pair)})
                             for i, f in enumerate(golds)
                             for j, pair in enumerate(preds) if _fact_matches(gold, f, pred, pair))
        matching = {}
        for a, b in nx.max_weight_matching(graph, maxcardinality=True):
            matching[a], matching[b] = b, a
        counts = result.counts[rel]
        for i, f in enumerate(golds):
            hit = matching.get(("g", i))
            if hit is None:
                counts.fn += 1
                result.missed.append(str(f))
                continue
            counts.tp += 1
            s, o = preds[hit[1]]
            if f.share is not None:
                key = (o, s) if rel == "subsidiaryOf" else (s, o)
                ok = any(abs(x - f.share) < SHARE_TOLERANCE for x in pred.shares.get(key, ()))
                _tally(quals, "share", ok)
            if rel == "partnerOf" and f.agreement:
                _tally(quals, "agreement", f.agreement in pred.agreements.get((s, o), set()))
            if rel == "officerOf" and f.title:
                want = _norm_title(f.title)
                _tally(quals, "title", any(t and (want in t or t in want) for t in pred.titles.get((s, o), ())))
        for j, pair in enumerate(preds):
            if ("p", j) in matching or _restates(gold, rel, pair, pred):
                continue
            counts.fp += 1
            result.extra.append(f"{_show(pred, pair[0])} --{rel}--> {_show(pred, pair[1])}")
    result.qualifiers = quals
    named = {n for f in gold.facts for n in (f.s, f.o) if not (f.p == "listedAs" and n == f.o)}
    for name in sorted(named):
        want = gold.types.get(name)
        if want:
            ok = any(pred.types.get(node, set()) & _TYPE_OK.get(want, {want})
                     for node, labels in pred.labels.items() if gold.matches(name, labels))
            _tally(result.types, want, ok)
    return result


def _tally(table: dict[str, list[int]], key: str, ok: bool) -> None:
    entry = table.setdefault(key, [0, 0])
    entry[0] += int(ok)
    entry[1] += 1


@dataclass
class Report:
    documents: list[DocScore]
    relations: dict[str, Counts]
    micro: Counts
    qualifiers: dict[str, list[int]]
    types: dict[str, list[int]]

    @property
    def errors(self) -> list[DocScore]:
        return [d for d in self.documents if d.error]

    def to_dict(self, verbose: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": len(self.documents),
            "errors": {d.doc: d.error for d in self.errors},
            "relations": {rel: c.as_dict() for rel, c in self.relations.items()},
            "micro": self.micro.as_dict(),
            "qualifiers": {q: {"correct": c, "of": n} for q, (c, n) in sorted(self.qualifiers.items())},
            "types": {t: {"correct": c, "of": n} for t, (c, n) in sorted(self.types.items())},
        }
        if verbose:
            out["per_document"] = {d.doc: {"missed": d.missed, "extra": d.extra, **d.total().as_dict()}
                                   for d in self.documents}
        return out


def aggregate(scores: Iterable[DocScore]) -> Report:
    """Sum per-document scores: per relation, overall (micro), qualifiers and entity types."""
    docs = list(scores)
    relations = {rel: Counts() for rel in RELATIONS}
    micro = Counts()
    quals: dict[str, list[int]] = {}
    types: dict[str, list[int]] = {}
    for d in docs:
        for rel, c in d.counts.items():
            relations[rel].add(c)
            micro.add(c)
        for table, mine in ((quals, d.qualifiers), (types, d.types)):
            for k, (ok, n) in mine.items():
                entry = table.setdefault(k, [0, 0])
                entry[0] += ok
                entry[1] += n
    return Report(docs, relations, micro, quals, types)


def evaluate_folder(folder: Path, *, gold_folder: Path | None = None) -> Report:
    """Extract every ``NAME.txt`` that has a gold file and score it.

    A gold file without its text is scored as if nothing were extracted (every
    gold fact missed) and reported in :attr:`Report.errors`.
    """
    from oregraph.ingest.extract import extract
    from oregraph.ingest.text import read_text_file

    golds = [load_gold(p) for p in gold_files(gold_folder or folder)]  # every file checked before any work
    scores = []
    for gold in golds:
        text = folder / (Path(gold.path).name.removesuffix(GOLD_SUFFIX) + ".txt")
        error = None
        if not text.is_file():
            pred, error = Predicted(), f"no text at {text}"
        else:
            try:
                pred = predicted(extract(read_text_file(text)))
            except OregraphError as exc:
                pred, error = Predicted(), f"extraction failed: {exc}"
        result = score(gold, pred)
        result.error = error
        scores.append(result)
    return aggregate(scores)


def report_lines(report: Report, verbose: bool = False) -> Iterator[str]:
    """The report as a table of text lines (what ``oregraph evaluate`` prints)."""
    yield f"{'relation':14} {'gold':>5} {'tp':>5} {'fp':>5} {'fn':>5}  {'P':>6} {'R':>6} {'F1':>6}"
    for rel, c in [*report.relations.items(), ("micro", report.micro)]:
        yield (f"{rel:14} {c.tp + c.fn:5d} {c.tp:5d} {c.fp:5d} {c.fn:5d}  "
               f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")
    for q, (ok, n) in sorted(report.qualifiers.items()):
        yield f"qualifier {q}: {ok}/{n} correct on matched facts"
    if report.types:
        ok = sum(c for c, _ in report.types.values())
        n = sum(n for _, n in report.types.values())
        yield (f"entity types: {ok}/{n} gold entities found with the right class ("
               + ", ".join(f"{t} {c}/{m}" for t, (c, m) in sorted(report.types.items())) + ")")
    for d in report.errors:
        yield f"error: {d.doc}: {d.error}"
    if verbose:
        for d in report.documents:
            for line in d.missed:
                yield f"{d.doc}: missed {line}"
            for line in d.extra:
                yield f"{d.doc}: extra {line}"
    m = report.micro
    yield f"micro-F1 {m.f1:.3f} (P {m.precision:.3f} R {m.recall:.3f}) over {len(report.documents)} documents"
