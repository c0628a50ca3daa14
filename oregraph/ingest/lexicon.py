"""Word lists the extraction stages match against, loaded once.

Commodities come from the ontology's SKOS scheme (``commodities.ttl``);
places from pycountry (countries) and the gazetteer ``data/places.tsv``
(subdivisions, regions, mining towns); well-known organizations, with their
state ownership, from ``data/organizations.tsv``; exchange names and title
words are declared here.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pycountry

from oregraph.ontology import OG, RDFS, SKOS, commodities_graph

__all__ = [
    "fold", "slug", "Lexicon", "PlaceEntry", "OrgEntry", "lexicon", "EXCHANGES",
    "normalise_exchange", "LEGAL_SUFFIXES", "known_org", "state_owner", "STATE_OWNER_RULE",
]

_DATA = Path(__file__).parent / "data"

LEGAL_SUFFIXES = {
    "inc", "incorporated", "ltd", "limited", "corp", "corporation", "co", "company", "plc",
    "llc", "l.l.c", "lp", "l.p", "llp", "sa", "s.a", "s.a.c", "ag", "nv", "n.v", "bv", "b.v",
    "gmbh", "pty", "se", "spa", "s.p.a", "ab", "asa", "oyj", "sarl", "sas", "ltee", "ltée",
    "tbk", "jsc", "pjsc", "bhd", "s.a.b", "sab", "cv", "c.v", "kk",
}


_DOTTED = {"sa", "ag", "nv", "bv", "lp", "se", "spa", "sab", "cv", "kk", "llc", "sac", "sas"}

_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                          "ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, accents removed, ``&`` as ``and``, punctuation as spaces.

    >>> fold("Sept-Îles")
    'sept iles'
    >>> fold("Tromsø")
    'tromso'
    >>> fold("Albecour Inc.")
    'albecour inc'
    """
    s = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", " and ")
    s = s.replace("’", "'")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())


def slug(text: str, *, drop_suffix: bool = True) -> str:
    """The IRI-safe key of a name: folded, leading 'the' and trailing legal suffixes dropped.

    >>> slug("The Imperial Mining Group Ltd.")
    'imperial-mining-group'
    >>> slug("Investissement Québec")
    'investissement-quebec'
    """
    tokens = fold(text).split()
    if tokens[:1] == ["the"] and len(tokens) > 1:
        tokens = tokens[1:]
    # a dotted suffix folds to letters: "S.A." -> "s a" -> "sa"
    while drop_suffix and len(tokens) > 2 and len(tokens[-1]) == 1 and len(tokens[-2]) <= 2 and \
            "".join(t for t in tokens[-3:] if len(t) == 1) in _DOTTED:
        joined = tokens[-2] + tokens[-1]
        if len(tokens) > 3 and len(tokens[-3]) == 1 and tokens[-3] + joined in _DOTTED:
            tokens = tokens[:-3] + [tokens[-3] + joined]
        elif joined in _DOTTED:
            tokens = tokens[:-2] + [joined]
        else:
            break
    while drop_suffix and len(tokens) > 1 and tokens[-1] in {t.replace(".", "") for t in LEGAL_SUFFIXES}:
        tokens.pop()
    return "-".join(tokens)[:80].strip("-") or "unnamed"


EXCHANGES = {
    "TSX": "TSX", "TORONTO": "TSX", "TORONTO STOCK EXCHANGE": "TSX", "T": "TSX",
    "TO": "TSX",
    "TSXV": "TSXV", "TSX V": "TSXV", "TSX-V": "TSXV", "TSX.V": "TSXV", "TSX VENTURE": "TSXV",
    "TSX VENTURE EXCHANGE": "TSXV", "TSXVENTURE": "TSXV", "CVE": "TSXV", "V": "TSXV",
    "TORONTO VENTURE EXCHANGE": "TSXV",
    "CSE": "CSE", "CNSX": "CSE", "CANADIAN SECURITIES EXCHANGE": "CSE",
    "OTCQB": "OTCQB", "OTCQX": "OTCQX", "OTC": "OTC", "OTC PINK": "OTC", "OTCPINK": "OTC",
    "OTCPK": "OTC", "OTCMKTS": "OTC", "PINK": "OTC", "OTC MARKETS": "OTC", "US-OTC": "OTC",
    "OTCQX INTERNATIONAL": "OTCQX", "OTCQB VENTURE MARKET": "OTCQB", "OTCID": "OTC", "OTC ID": "OTC",
    "OTCQX BEST MARKET": "OTCQX",
    "NYSE": "NYSE", "NEW YORK STOCK EXCHANGE": "NYSE", "N": "NYSE",
    "NYSE AMERICAN": "NYSEAMERICAN", "NYSEAMERICAN": "NYSEAMERICAN", "NYSE MKT": "NYSEAMERICAN", "NYSE-A": "NYSEAMERICAN",
    "NYSE A": "NYSEAMERICAN", "NYSE-AMERICAN": "NYSEAMERICAN",
    "AMEX": "NYSEAMERICAN", "NYSE AMER": "NYSEAMERICAN",
    "NASDAQ": "NASDAQ", "NASDAQ GS": "NASDAQ", "NASDAQ CM": "NASDAQ",
    "ASX": "ASX", "AUSTRALIAN SECURITIES EXCHANGE": "ASX",
    "LSE": "LSE", "LON": "LSE", "LONDON STOCK EXCHANGE": "LSE", "L": "LSE",
    "AIM": "AIM", "JSE": "JSE", "ALTX": "JSE",
    "FSE": "FSE", "FWB": "FSE", "FRANKFURT": "FSE", "FRA": "FSE", "FRANKFURT STOCK EXCHANGE": "FSE",
    "BOERSE FRANKFURT": "FSE", "F": "FSE",
    "HKEX": "HKEX", "HKSE": "HKEX", "SEHK": "HKEX", "HK": "HKEX", "STOCK CODE": "HKEX",
    "SSE": "SSE", "SHA": "SSE",
    "CBOE": "CBOE", "CBOE CANADA": "CBOE", "NEO": "CBOE", "NEO EXCHANGE": "CBOE",
    # French names (Québec releases); keys are upper case with accents and apostrophes as spaces
    "BOURSE DE CROISSANCE TSX": "TSXV", "BOURSE TSX DE CROISSANCE": "TSXV", "TSX DE CROISSANCE": "TSXV",
    "BOURSE DE CROISSANCE DE TSX": "TSXV",
    "BOURSE DE TORONTO": "TSX", "BOURSE TSX": "TSX", "BOURSE DES VALEURS DE TORONTO": "TSX",
    "BOURSE DES VALEURS CANADIENNES": "CSE", "BOURSE DE NEW YORK": "NYSE", "BOURSE DE LONDRES": "LSE",
    "BOURSE DE FRANCFORT": "FSE", "BOURSE DE HONG KONG": "HKEX", "BOURSE DE JOHANNESBURG": "JSE",
}


def normalise_exchange(name: str) -> str | None:
    """The ONTOLOGY-CORE code of an exchange as written, or None.

    >>> normalise_exchange("TSX Venture")
    'TSXV'
    >>> normalise_exchange("OTC Pink")
    'OTC'
    >>> normalise_exchange("Bourse de croissance TSX"), normalise_exchange("la Bourse de Toronto")
    ('TSXV', 'TSX')
    """
    key = re.sub(r"\s+", " ", re.sub(r"[^A-Z. -]+", " ", name.upper())).strip(" .")
    for article in ("THE ", "LA "):
        key = key.replace(article, "", 1) if key.startswith(article) else key
    return EXCHANGES.get(key) or EXCHANGES.get(key.replace(".", " ").replace("  ", " "))


@dataclass(frozen=True)
class PlaceEntry:
    key: str  # iso code lower-case with '-' for countries/subdivisions, else slug
    label: str
    kind: str
    parent: str | None  # key of the parent place
    iso: str | None = None


@dataclass(frozen=True)
class OrgEntry:
    label: str
    aliases: tuple[str, ...]
    cls: str
    country: str | None
    state_owner: str | None = None  # for state-owned enterprises: the name of the government that owns it


@dataclass
class Lexicon:
    commodities: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded form -> (slug, label)
    places: dict[str, PlaceEntry] = field(default_factory=dict)  # folded form -> entry
    place_by_key: dict[str, PlaceEntry] = field(default_factory=dict)
    orgs: dict[str, OrgEntry] = field(default_factory=dict)  # folded form -> entry
    #: governments named only as state owners (not matched in text): folded label -> entry
    governments: dict[str, OrgEntry] = field(default_factory=dict)


_COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "USA", "United States", "United States of America", "America"],
    "GB": ["U.K.", "UK", "United Kingdom", "Britain", "Great Britain", "England"],
    "CD": ["DRC", "DR Congo", "D.R.C.", "Democratic Republic of the Congo", "Democratic Republic of Congo",
           "Congo-Kinshasa"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville"],
    "KR": ["South Korea", "Korea"], "KP": ["North Korea"], "RU": ["Russia"], "IR": ["Iran"],
    "VN": ["Vietnam", "Viet Nam"], "LA": ["Laos"], "BO": ["Bolivia"], "TZ": ["Tanzania"],
    "VE": ["Venezuela"], "SY": ["Syria"], "MD": ["Moldova"], "CZ": ["Czech Republic", "Czechia"],
    "TR": ["Turkey", "Türkiye"], "CI": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "TW": ["Taiwan"], "CN": ["China", "PRC", "People's Republic of China"],
    "CA": ["Canada"], "SA": ["Saudi Arabia", "Kingdom of Saudi Arabia", "KSA"],
}
# Country names that are also common words or company words are only matched in full.
_SKIP_COUNTRY_FORMS = {"jersey", "guernsey", "georgia", "chad", "niger", "jordan", "china"}


def _load_commodities(lex: Lexicon) -> None:
    try:
        g = commodities_graph()
    except (FileNotFoundError, OSError):
        return
    from rdflib import Literal

    for concept in set(g.subjects(SKOS.inScheme, None)) | set(g.subjects(None, OG.Commodity)):
        label = g.value(concept, RDFS.label)
        if label is None:
            continue
        c_slug = str(concept).rsplit("commodity-", 1)[-1]
        forms = {str(label)}
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            forms |= {str(o) for o in g.objects(concept, prop) if isinstance(o, Literal)}
        for form in forms:
            folded = fold(form)
            if folded and folded not in lex.commodities:
                lex.commodities[folded] = (c_slug, str(label))
            if folded.endswith("s") is False and len(folded) > 3 and " " not in folded:
                lex.commodities.setdefault(folded + "s", (c_slug, str(label)))


def _add_place(lex: Lexicon, entry: PlaceEntry, forms: list[str]) -> None:
    lex.place_by_key[entry.key] = entry
    for form in forms:
        folded = fold(form)
        if folded and folded not in lex.places:
            lex.places[folded] = entry


def _load_places(lex: Lexicon) -> None:
    for country in pycountry.countries:
        code = country.alpha_2
        label = getattr(country, "common_name", None) or country.name
        forms = [country.name, label, *_COUNTRY_ALIASES.get(code, [])]
        if getattr(country, "official_name", None):
            forms.append(country.official_name)
        forms = [f for f in forms if fold(f) not in _SKIP_COUNTRY_FORMS or f in _COUNTRY_ALIASES.get(code, [])]
        _add_place(lex, PlaceEntry(code.lower(), label, "country", None, code), forms)
    path = _DATA / "places.tsv"
    if not path.exists():
        return
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    by_name: dict[str, str] = {}
    for row in rows:
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        iso = next((a[4:] for a in aliases if a.startswith("iso:")), None)
        by_name[row["name"]] = iso.lower() if iso else slug(row["name"], drop_suffix=False)
    for row in rows:
        aliases = [a for a in (row.get("aliases") or "").split("|") if a and not a.startswith("iso:")]
        parent = (row.get("parent") or "").strip()
        parent_key = by_name.get(parent) or (parent.lower() if parent else None)
        key = by_name[row["name"]]
        iso = key.upper() if re.fullmatch(r"[a-z]{2}-[a-z0-9]{1,3}", key) else None
        _add_place(lex, PlaceEntry(key, row["name"], row.get("kind") or "region", parent_key, iso),
                   [row["name"], *aliases])


def _load_orgs(lex: Lexicon) -> None:
    path = _DATA / "organizations.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for row in rows:
        aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
        entry = OrgEntry(row["name"], aliases, row["class"], row.get("country") or None,
                         (row.get("state_owner") or "").strip() or None)
        for form in (row["name"], *aliases):
            lex.orgs.setdefault(fold(form), entry)
    for row in rows:  # a government that is not a row of its own is known by its name only
        owner = (row.get("state_owner") or "").strip()
        if owner and fold(owner) not in lex.orgs:
            lex.governments.setdefault(fold(owner), OrgEntry(owner, (), "GovernmentBody", row.get("country") or None))


#: the rule named in the provenance of an og:stateOwner fact
STATE_OWNER_RULE = "lexicon.state_owner"


def known_org(names: Iterable[str]) -> OrgEntry | None:
    """The curated record (``organizations.tsv``) of an organization known by one of ``names``.

    >>> known_org(["Codelco"]).label
    'Corporación Nacional del Cobre de Chile'
    >>> known_org(["Alder Mining Inc."]) is None
    True
    """
    orgs = lexicon().orgs
    return next((orgs[f] for f in sorted({fold(n) for n in names}) if f in orgs), None)


def state_owner(names: Iterable[str]) -> OrgEntry | None:
    """The government that owns the state-owned enterprise known by one of ``names``, from the curated list.

    Only enterprises listed in ``organizations.tsv`` with a ``state_owner`` have one.

    >>> state_owner(["Investissement Quebec"]).label
    'Government of Québec'
    >>> gov = state_owner(["Chinalco"])
    >>> gov.label, gov.cls, gov.country
    ('Government of China', 'GovernmentBody', 'CN')
    >>> state_owner(["Rio Tinto"]) is None
    True
    """
    entry = known_org(names)
    if entry is None or not entry.state_owner:
        return None
    lex = lexicon()
    key = fold(entry.state_owner)
    return lex.orgs.get(key) or lex.governments.get(key)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shared, read-only lexicon (loaded on first use)."""
    lex = Lexicon()
    _load_commodities(lex)
    _load_places(lex)
    _load_orgs(lex)
    return lex
