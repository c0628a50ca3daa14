"""Entity resolution: map a document's entities onto the entities already in the store.

One node per real-world entity across announcements. A document entity of
kind organization, facility, project or person takes the IRI of a stored
entity of the same kind, tried in this order:

1. a **pin** in the curated rules (see :func:`load_rules`) names its node;
2. its **key** is already in the store (same normalised name: the minted IRI
   exists) — not reported, it is the same name;
3. its **LEI** (``Entity.identifiers["lei"]``, from stake tables): one stored
   entity has the same ``og:lei``; else its **listing**: one stored entity has
   the same exchange and ticker;
4. its **name**: the document's full name is one of a stored entity's names,
   or one of the document's names is a stored entity's full name (an
   **alias**) — unless the full name is that alias followed by more words
   ("BHP Gold Mines" is not "BHP", "Rio Tinto Alcan" is not "Rio Tinto"), or
   the alias is one of the document entity's own tickers (tickers merge by
   listing, exchange included);
   two short names alone never merge;
5. a **guarded fuzzy match** (rapidfuzz) of its full name with one stored full
   name, for spelling variants ("Nemasca Lithium" ~ "Nemaska Lithium",
   "ArcelorMittal" ~ "Arcelor Mittal"). The guard: both names keep a
   distinctive word once legal forms are dropped, their descriptive words
   (sector words, commodities, "group", "holdings", ...) are the same
   set, and only the distinctive words may differ, by spelling. "Imperial
   Mining" is never "Imperial Metals"; "Québec Lithium Corp" is never
   "Québec Iron Ore Inc." (nothing distinctive). Organizations, facilities and
   projects only; people merge on exact names.

When several stored entities match at one step, none is chosen. A **forbid**
rule removes a stored entity from a name's candidates at every step but the
second (a name with the same key is the same node; give it another name).
Every merge is reported as ``(name, IRI, reason)``; the reason starts with
``pinned``, ``lei``, ``listing``, ``name``, ``alias`` or ``fuzzy NN``. Places and
commodities have fixed keys and need no resolution. The governments that
emit adds as state owners of state-owned enterprises
(:func:`~oregraph.ingest.emit.state_owner_entities`) are resolved like the
document's own entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from rapidfuzz import fuzz
from rdflib import Literal, URIRef

from oregraph.errors import OregraphError
from oregraph.ingest.emit import entity_iri, state_owner_entities
from oregraph.ingest.lexicon import LEGAL_SUFFIXES, fold, lexicon, slug
from oregraph.ingest.records import Extraction

__all__ = [
    "Resolution", "Merge", "NearMiss", "Rule", "ResolutionRules", "ResolutionRulesError", "resolve",
    "load_rules", "parse_rules", "fuzzy_match", "name_parts", "DEFAULT_RULES_FILE", "RULE_COLUMNS",
    "FUZZY_THRESHOLD", "store_duplicates", "LabelIndex",
]

DEFAULT_RULES_FILE = Path(__file__).parent / "data" / "resolution.tsv"
RULE_COLUMNS = ("action", "name", "target", "note")
FUZZY_THRESHOLD = 85.0  # rapidfuzz ratio (0-100) of the distinctive words, spaces ignored
MIN_DISTINCTIVE = 6  # shorter distinctive words ("Vale", "Teck") merge on exact names only

_BY_KEY = """
PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?label ?key WHERE { ?e og:nameKey ?key ; rdfs:label ?label . }
"""
_BY_LISTING = """
PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?label ?exchange ?ticker WHERE {
  ?e og:listing ?l ; rdfs:label ?label . ?l og:exchange ?exchange ; og:ticker ?ticker .
}
"""
_BY_LEI = """
PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?label ?lei WHERE { ?e og:lei ?lei ; rdfs:label ?label . }
"""
_LABEL = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e ?label WHERE { ?e rdfs:label ?label }
"""
_LABELS_OF_KIND = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?e ?label ?prefix WHERE { ?e rdfs:label ?label FILTER(STRSTARTS(STR(?e), ?prefix)) }
"""

_LEGAL = {s.replace(".", "") for s in LEGAL_SUFFIXES} | {"ltee", "limitee", "sec", "senc", "incorporated", "scm",
                                                          "ltda", "limitada", "sac", "saa", "srl", "sro"}
# words that describe rather than name: they must agree for a fuzzy merge
_DESCRIPTIVE = {
    "mining", "mines", "mine", "minerals", "mineral", "metals", "metal", "resources", "resource",
    "exploration", "explorations", "energy", "royalty", "royalties", "gold", "silver", "steel",
    "materials", "battery", "technologies", "technology", "industries", "industrial", "development",
    "ventures", "capital", "investments", "investment", "holdings", "holding", "group", "international",
    "global", "company", "partners", "partnership", "trust", "fund", "the", "of", "and", "de", "du",
    "des", "la", "le", "et", "ressources", "mineraux", "metaux", "miniere", "minier", "societe",
    "groupe", "compagnie", "corporation", "smelter", "refinery", "plant", "mill", "project", "property",
    "deposit", "usine", "aluminerie", "projet", "propriete", "gisement", "north", "south", "east",
    "west", "northern", "southern", "eastern", "western", "new", "first", "american", "canadian",
    "nord", "sud", "est", "ouest", "lake", "lac", "river", "riviere", "mount", "mont",
}


class Merge(NamedTuple):
    """A document name mapped onto a stored node, and why."""

    name: str
    iri: str
    reason: str


class NearMiss(NamedTuple):
    """A stored node a document name was close to but not merged into, and why not."""

    name: str
    iri: str
    label: str
    reason: str


@dataclass
class Resolution:
    iris: dict[str, URIRef] = field(default_factory=dict)  # document key -> IRI
    labels: dict[str, str] = field(default_factory=dict)  # document key -> label in store
    merges: list[Merge] = field(default_factory=list)
    near_misses: list[NearMiss] = field(default_factory=list)


# ------------------------------------------------------------------ curated rules

class ResolutionRulesError(OregraphError):
    """A resolution rules file is malformed; the message names the file, line and problem."""


@dataclass(frozen=True)
class Rule:
    action: str  # pin | forbid
    name: str  # the name as a document writes it
    target: str  # an entity id (org-foo-metals), an IRI, or (forbid only) a stored name
    note: str
    where: str  # file:line


@dataclass
class ResolutionRules:
    rules: list[Rule] = field(default_factory=list)

    def pins(self, names: Iterable[str]) -> Rule | None:
        keys = {_key(n) for n in names}
        return next((r for r in self.rules if r.action == "pin" and _key(r.name) in keys), None)

    def forbidden(self, names: Iterable[str], iri: str, label: str, base: str) -> Rule | None:
        keys = {_key(n) for n in names}
        for r in self.rules:
            if r.action == "forbid" and _key(r.name) in keys and \
                    (_target_iri(r.target, base) == iri or _key(r.target) == _key(label)):
                return r
        return None


def _target_iri(target: str, base: str) -> str:
    target = target.strip()
    if re.match(r"https?://", target):
        return target
    return f"{base}{target}"


def parse_rules(lines: Sequence[str], source: str) -> ResolutionRules:
    """Rules from the lines of a TSV file with the header ``action name target note``.

    >>> rules = parse_rules(["action\\tname\\ttarget\\tnote",
    ...                      "pin\\tFoomet Resources\\torg-foo-metals\\trenamed in 2025",
    ...                      "# a comment", "forbid\\tImperial\\tImperial Metals Corporation\\t"], "rules.tsv")
    >>> [(r.action, r.name, r.target, r.where) for r in rules.rules]
    [('pin', 'Foomet Resources', 'org-foo-metals', 'rules.tsv:2'), ('forbid', 'Imperial', 'Imperial Metals Corporation', 'rules.tsv:4')]
    """
    rules = ResolutionRules()
    rows = [(i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    if not rows:
        return rules
    header = [h.strip().lower() for h in rows[0][1].rstrip("\n").split("\t")]
    if header[:3] != list(RULE_COLUMNS[:3]):
        raise ResolutionRulesError(f"{source}:{rows[0][0]}: the first line must be the header "
                                   f"'{chr(9).join(RULE_COLUMNS)}' (tab-separated); see docs/resolution.md")
    for number, line in rows[1:]:
        cells = [c.strip() for c in line.rstrip("\n").split("\t")]
        where = f"{source}:{number}"
        if len(cells) < 3:
            raise ResolutionRulesError(f"{where}: expected tab-separated action, name, target[, note]; "
                                       f"got {len(cells)} column(s)")
        action, name, target = cells[0].lower(), cells[1], cells[2]
        if action not in ("pin", "forbid"):
            raise ResolutionRulesError(f"{where}: action {cells[0]!r} is neither 'pin' nor 'forbid'")
        if not name or not target:
            raise ResolutionRulesError(f"{where}: name and target must not be empty")
        if action == "pin" and not (re.match(r"https?://", target) or
                                    re.fullmatch(r"(?:org|facility|project|person)-[a-z0-9-]+", target)):
            raise ResolutionRulesError(f"{where}: a pin's target is an entity id such as org-foo-metals "
                                       f"or an IRI, not {target!r}")
        rules.rules.append(Rule(action, name, target, cells[3] if len(cells) > 3 else "", where))
    return rules


def load_rules(path: Path | None = None) -> ResolutionRules:
    """The shipped rules (``data/resolution.tsv``) followed by those of ``path``, if given.

    A user's file is read again only when it changes (its modification time),
    so calling this for every announcement costs no file reads.
    """
    rules = ResolutionRules(list(_shipped_rules().rules))
    if path is not None:
        try:
            changed = Path(path).stat().st_mtime_ns
        except FileNotFoundError:
            raise ResolutionRulesError(f"{path}: no such resolution rules file; give a TSV file "
                                       "(see docs/resolution.md)") from None
        except OSError as exc:
            raise ResolutionRulesError(f"{path}: cannot be read ({exc})") from None
        rules.rules.extend(_user_rules(str(path), changed).rules)
    return rules


@lru_cache(maxsize=8)
def _user_rules(path: str, changed: int) -> ResolutionRules:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResolutionRulesError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    return parse_rules(text.splitlines(), path)


@lru_cache(maxsize=1)
def _shipped_rules() -> ResolutionRules:
    return parse_rules(DEFAULT_RULES_FILE.read_text(encoding="utf-8").splitlines(), str(DEFAULT_RULES_FILE))


# -------------------------------------------------------------------- fuzzy names

def _key(name: str) -> str:
    return slug(name).replace("-", " ")


@lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[str, frozenset[str]]:
    """(distinctive words, descriptive words) of a name, legal forms dropped.

    >>> distinctive, descriptive = name_parts("Imperial Mining Group Ltd.")
    >>> distinctive, sorted(descriptive)
    ('imperial', ['group', 'mining'])
    >>> distinctive, descriptive = name_parts("Québec Iron Ore Inc.")
    >>> distinctive, sorted(descriptive)
    ('quebec', ['iron', 'iron ore', 'ore'])
    """
    lex = lexicon()
    name = re.sub(r"(?<!\w)((?:[A-Za-z]\.){2,})", lambda m: m.group(1).replace(".", ""), name)  # S.A. -> SA
    tokens = fold(name).split()
    while len(tokens) > 1 and tokens[-1] in _LEGAL:
        tokens.pop()
    descriptive: set[str] = set()
    distinctive: list[str] = []
    for i, tok in enumerate(tokens):
        pair = " ".join(tokens[i:i + 2])
        if len(tokens) > i + 1 and pair in lex.commodities:
            descriptive.add(pair)
        if tok in _DESCRIPTIVE or tok in lex.commodities or tok.isdigit() \
                or any(tok in p.split() for p in descriptive):
            descriptive.add(tok)
        else:
            distinctive.append(tok)
    return " ".join(distinctive), frozenset(descriptive)


def fuzzy_match(a: str, b: str, threshold: float = FUZZY_THRESHOLD) -> tuple[float, str | None]:
    """(score, None) when two names may be merged, else (score, why not).

    >>> fuzzy_match("Nemasca Lithium Inc.", "Nemaska Lithium inc.")[1] is None
    True
    >>> fuzzy_match("Imperial Mining Group Ltd.", "Imperial Metals Corporation")[1]
    'different descriptive words: group, mining / metals'
    >>> fuzzy_match("Québec Lithium Corp", "Québec Iron Ore Inc.")[1]
    'different descriptive words: lithium / iron, iron ore, ore'
    >>> fuzzy_match("Lithium Corp", "Lithium Inc.")[1]
    'no distinctive word in one name'
    """
    da, wa = name_parts(a)
    db, wb = name_parts(b)
    score = fuzz.ratio(da.replace(" ", ""), db.replace(" ", ""))
    if not da or not db:
        return score, "no distinctive word in one name"
    if wa != wb:
        return score, f"different descriptive words: {', '.join(sorted(wa - wb)) or '-'} / " \
                      f"{', '.join(sorted(wb - wa)) or '-'}"
    if min(len(da.replace(" ", "")), len(db.replace(" ", ""))) < MIN_DISTINCTIVE:
        return score, "distinctive words too short to compare"
    if score < threshold:
        return score, f"score {score:.0f} below {threshold:.0f}"
    return score, None


# ------------------------------------------------------------------------ resolve

class LabelIndex:
    """The (IRI, label) pairs of stored entities, per kind, for the fuzzy step of one run.

    Each kind is read from the store once, when first needed; :meth:`add`
    keeps it current with what the run itself writes. Without one, every
    :func:`resolve` call reads every label of a kind again, so a long batch
    slows down as the store grows. Entities other processes write during the
    run are not seen by the fuzzy step (the exact, alias and listing steps
    still ask the store).
    """

    def __init__(self) -> None:
        self._by_prefix: dict[str, list[tuple[str, str]]] = {}

    def of_kind(self, store: Any, prefix: str) -> list[tuple[str, str]]:
        if prefix not in self._by_prefix:
            self._by_prefix[prefix] = _labels_of_kind(store, prefix)
        return self._by_prefix[prefix]

    def add(self, iri: str, label: str) -> None:
        for prefix, pairs in self._by_prefix.items():
            if iri.startswith(prefix):
                pairs.append((iri, label))

    def add_written(self, ex: Extraction, res: Resolution, base: str) -> None:
        """Record the entities an extraction minted (merged ones are already known)."""
        for key, ent in ex.entities.items():
            if key not in res.iris and ent.kind in ("org", "facility", "project"):
                self.add(str(entity_iri(key, base)), ent.label)


def resolve(store: Any, ex: Extraction, base: str, *, rules: ResolutionRules | None = None,
            fuzzy_threshold: float = FUZZY_THRESHOLD, labels: LabelIndex | None = None) -> Resolution:
    """Map the document's entities onto stored entities (see the module docstring).

    ``store`` needs ``select`` and ``query``. ``rules`` defaults to the
    shipped rules file; pass :func:`load_rules` (``path``) to add a user's.
    A batch passes one :class:`LabelIndex` for the whole run (and records what
    it writes with :meth:`LabelIndex.add_written`).
    """
    rules = rules if rules is not None else _shipped_rules()
    res = Resolution()
    index = labels if labels is not None else LabelIndex()
    tickers: dict[str, list[tuple[str, str]]] = {}
    for fact in ex.facts:
        if fact.predicate == "listedAs":
            exchange, _, ticker = fact.object.partition(":")
            tickers.setdefault(fact.subject, []).append((exchange, ticker))
    for key, ent in {**ex.entities, **state_owner_entities(ex)}.items():
        if ent.kind in ("place", "commodity"):
            continue
        names = ent.names()
        pin = rules.pins(names)
        if pin is not None:
            iri = _target_iri(pin.target, base)
            rows = store.select(_LABEL, {"e": URIRef(iri)})
            res.iris[key] = URIRef(iri)
            if rows:
                res.labels[key] = str(rows[0]["label"])
            res.merges.append(Merge(ent.label, iri, f"pinned by {pin.where}"))
            continue
        minted = entity_iri(key, base)
        rows = store.select(_LABEL, {"e": minted})
        if rows:
            res.iris[key] = minted
            res.labels[key] = str(rows[0]["label"])
            continue
        kind_prefix = f"{base}{ent.kind}-"

        def allowed(iri: str, label: str) -> bool:
            rule = rules.forbidden(names, iri, label, base)
            if rule is not None:
                res.near_misses.append(NearMiss(ent.label, iri, label, f"forbidden by {rule.where}"))
            return iri.startswith(kind_prefix) and rule is None

        candidates: dict[str, tuple[str, str]] = {}
        lei = ent.identifiers.get("lei")
        if lei:
            for row in store.select(_BY_LEI, {"lei": Literal(lei)}):
                if allowed(str(row["e"]), str(row["label"])):
                    candidates[str(row["e"])] = (str(row["label"]), f"lei {lei}")
        for exchange, ticker in tickers.get(key, []) if not candidates else []:
            for row in store.select(_BY_LISTING, {"exchange": Literal(exchange), "ticker": Literal(ticker)}):
                if allowed(str(row["e"]), str(row["label"])):
                    candidates[str(row["e"])] = (str(row["label"]), f"listing {exchange}:{ticker}")
        if not candidates:
            full = _key(ent.label)
            for row in store.select(_BY_KEY, {"key": Literal(full)}):
                if allowed(str(row["e"]), str(row["label"])):
                    candidates[str(row["e"])] = (str(row["label"]), f"name {ent.label!r}")
            symbols = {_key(t) for _, t in tickers.get(key, [])}  # a ticker merges by its listing only
            for name in {_key(n) for n in names} - {full} - symbols:
                for row in store.select(_BY_KEY, {"key": Literal(name)}):
                    if _key(str(row["label"])) != name or not allowed(str(row["e"]), str(row["label"])):
                        continue
                    if _extends(full, name):
                        res.near_misses.append(NearMiss(ent.label, str(row["e"]), str(row["label"]),
                                                        f"alias {name!r} only starts the name: a parent's "
                                                        "name often starts its subsidiary's"))
                        continue
                    candidates[str(row["e"])] = (str(row["label"]), f"alias {name!r}")
        if not candidates and ent.kind in ("org", "facility", "project"):
            candidates = _fuzzy_candidates(ent.label, index.of_kind(store, kind_prefix), fuzzy_threshold,
                                           res, allowed)
        if len(candidates) == 1:
            iri, (label, reason) = next(iter(candidates.items()))
            res.iris[key] = URIRef(iri)
            res.labels[key] = label
            res.merges.append(Merge(ent.label, iri, reason))
        elif len(candidates) > 1:
            for iri, (label, reason) in candidates.items():
                res.near_misses.append(NearMiss(ent.label, iri, label, f"ambiguous: {len(candidates)} "
                                                                      f"stored entities match ({reason})"))
    return res


def _labels_of_kind(store: Any, prefix: str) -> list[tuple[str, str]]:
    """(IRI, label) of every stored entity whose IRI starts with ``prefix``.

    Read from the raw pyoxigraph solutions: this runs over every label of a
    kind, and converting each term to rdflib cost more than the query.
    """
    return [(row["e"].value, row["label"].value)
            for row in store.query(_LABELS_OF_KIND, {"prefix": Literal(prefix)})]


def _extends(full: str, alias: str) -> bool:
    """Whether a full name is the alias followed by more words ("BHP Gold Mines" after "BHP").

    >>> _extends("rio tinto alcan", "rio tinto"), _extends("rio tinto group", "rio tinto")
    (True, False)
    >>> _extends("national atomic company kazatomprom", "kazatomprom")
    False
    """
    rest = full.split()[len(alias.split()):] if full.startswith(alias + " ") else []
    return bool(set(rest) - {"group"})


def _fuzzy_candidates(name: str, stored: list[tuple[str, str]], threshold: float, res: Resolution,
                      allowed: Any) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for iri, label in stored:
        score, why_not = fuzzy_match(name, label, threshold)
        if why_not is None:
            if allowed(iri, label):
                out[iri] = (label, f"fuzzy {score:.0f}: {name!r} ~ {label!r}")
        elif _look_alike(name, label, score, threshold) and \
                not any(n.name == name and n.iri == iri for n in res.near_misses):
            res.near_misses.append(NearMiss(name, iri, label, f"fuzzy {score:.0f} refused: {why_not}"))
    return out


def _look_alike(a: str, b: str, score: float, threshold: float) -> bool:
    """Close enough to be worth reporting: a near score or a shared distinctive word."""
    return score >= threshold - 10 or bool(set(name_parts(a)[0].split()) & set(name_parts(b)[0].split()))


def store_duplicates(store: Any, base: str, *, threshold: float = FUZZY_THRESHOLD,
                     rules: ResolutionRules | None = None) -> list[tuple[str, str, str, str, str]]:
    """Pairs of stored entities of one kind that look alike: (IRI, label, IRI, label, verdict).

    The verdict is ``would merge (fuzzy NN)`` when the guarded fuzzy match
    accepts the pair (separate nodes that a pin could join), else why it does
    not; only pairs whose names are close are listed.
    """
    rules = rules if rules is not None else _shipped_rules()
    out = []
    for kind in ("org", "facility", "project"):
        rows = [(str(r["e"]), str(r["label"])) for r in
                store.select(_LABELS_OF_KIND, {"prefix": Literal(f"{base}{kind}-")})]
        rows.sort()
        for i, (iri_a, label_a) in enumerate(rows):
            for iri_b, label_b in rows[i + 1:]:
                if iri_a == iri_b:
                    continue
                score, why_not = fuzzy_match(label_a, label_b, threshold)
                if why_not is not None and not _look_alike(label_a, label_b, score, threshold):
                    continue
                if rules.forbidden({label_a}, iri_b, label_b, base) or rules.forbidden({label_b}, iri_a, label_a, base):
                    verdict = "forbidden by the rules"
                else:
                    verdict = f"would merge (fuzzy {score:.0f})" if why_not is None else why_not
                out.append((iri_a, label_a, iri_b, label_b, verdict))
    return out
