"""Mentions: which spans of a sentence name organizations, assets, places, commodities.

Two passes over the document:

1. :func:`discover` reads every sentence once and collects the document's
   entities: organizations by legal suffix (``Albecour Inc.``), by Reuters
   ``<Name>`` markup, by the well-known list, and by context (``subsidiary of
   X``, ``X, a crown corporation``); defined terms (``("Imperial" or the
   "Company")``) and listings in ticker blocks; plants, mines and projects by
   their head nouns (``the Crater Lake project``); places and commodities from
   the lexicon. Short forms of names that the text really uses become aliases.
2. :func:`mask` rewrites one sentence with every mention replaced by a token
   ``⟦n⟧`` (n indexes the returned mentions) and every percentage by
   ``⟦%value⟧``, so relation rules are short regular expressions over
   the masked text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from oregraph.ingest.lexicon import LEGAL_SUFFIXES, fold, lexicon, normalise_exchange, slug
from oregraph.ingest.percent import PERCENT, percent_value
from oregraph.ingest.records import Entity, Mention, Sentence

__all__ = ["DocContext", "discover", "mask", "Masked", "TOKEN"]

TOKEN = re.compile(r"[^\W_][\w'’\-&.]*[\w]|[^\W_]")
_SUFFIX_WORDS = {s.replace(".", "") for s in LEGAL_SUFFIXES} | {"limitée", "ltee"}
_CONNECTORS = {"of", "de", "du", "des", "del", "la", "le", "&", "y", "et", "for", "and"}
_GENERIC_TERMS = {
    "company", "corporation", "parties", "party", "project", "property", "projects", "issuer",
    "purchaser", "vendor", "offering", "agreement", "transaction", "mou", "loi", "group",
    "partners", "partner", "optionor", "optionee", "shares", "placement", "private placement",
    "acquisition", "arrangement", "joint venture", "jv", "board", "closing", "debentures",
    "maturity date", "mine", "mill", "plant", "smelter", "assets", "properties", "claims",
    "société", "societe", "entente", "projet", "parties", "notes", "units", "warrants",
    "consideration", "definitive agreement", "effective date", "concessions", "deposit",
}
# Capitalised words that start sentences or headings and are not names.
_COMMON_CAPS = {
    "the", "a", "an", "under", "during", "finally", "also", "both", "in", "on", "at", "as",
    "for", "with", "by", "from", "to", "and", "or", "but", "it", "its", "this", "that",
    "these", "those", "shares", "share", "about", "after", "before", "following", "further",
    "meanwhile", "however", "today", "yesterday", "last", "next", "new", "our", "their", "his",
    "her", "we", "they", "he", "she", "said", "says", "according", "when", "while", "if",
    "since", "upon", "each", "all", "some", "several", "both", "total", "proceeds", "president",
    "chief", "interim", "ceo", "chairman", "vice", "mr", "ms", "mrs", "dr", "federal", "state",
    "provincial", "national", "canadian", "american", "australian", "british", "french",
    "chinese", "japanese", "south", "north", "east", "west", "primary", "specialty", "senior",
    "director", "directors", "manager", "officer", "neither", "nor", "not", "no", "other",
    "reuter", "reuters", "not", "there", "here", "what", "which", "who", "one", "two", "three",
}
# Title words: a name never runs back over "Chief Executive Officer of".
_TITLE_STOP = {
    "officer", "president", "director", "directors", "chairman", "chair", "chairwoman", "ceo", "cfo",
    "coo", "cto", "manager", "secretary", "treasurer", "vice-president", "founder", "head",
    "minister", "counsel", "partner", "executive", "chief", "member", "vp", "shareholder",
    "shareholders", "subsidiary", "unit", "division", "affiliate",
}
_ASSET_HEADS = {
    "smelter": "Plant", "smelters": "Plant", "refinery": "Plant", "plant": "Plant",
    "mill": "Plant", "concentrator": "Plant", "works": "Plant", "foundry": "Plant",
    "aluminerie": "Plant", "facility": "Plant", "hub": "Plant",
    "mine": "Mine", "mines": "Mine", "complex": "Mine", "pit": "Mine", "operation": "Mine",
    "project": "Project", "projects": "Project", "property": "Project", "deposit": "Project",
    "prospect": "Project", "claims": "Project", "concession": "Project", "concessions": "Project",
    "tenements": "Project",
    "properties": "Project", "deposits": "Project", "plants": "Plant", "refineries": "Plant",
    "mills": "Plant",
}
_PLURAL_HEADS = {
    "mines": "mine", "projects": "project", "properties": "property", "smelters": "smelter",
    "deposits": "deposit", "plants": "plant", "refineries": "refinery", "mills": "mill",
}
_COORDINATED = re.compile(r"(?<![\w'’])(?P<name>[A-ZÀ-Ý][\w'’\-]*(?:\s+[A-ZÀ-Ý][\w'’\-]*){0,3})"
                          r"(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)")
_COORDINATED_END = re.compile(_COORDINATED.pattern + "$")
_ASSET_DESCRIPTORS = {
    "development", "exploration", "advanced", "flagship", "underground", "open", "open-pit",
    "pit", "processing", "conversion", "hydroxide", "carbonate", "primary", "alloy", "master",
    "steel", "plate", "mining", "metals", "metal", "sulphate", "sulfate", "oxide", "production",
    "demonstration", "pilot", "commercial", "battery", "materials", "polymetallic", "base",
    "precious", "critical", "minerals", "mineral", "heap", "leach", "tailings", "rolling",
    "reduction", "refining", "smelting", "ore", "sands", "royalty", "flotation", "concentrate",
    "leaching", "brine", "porphyry", "vein", "gravel", "placer", "hard-rock", "hardrock",
    "greenfield", "brownfield", "past-producing", "producing", "mineral", "extraction",
    "clay", "ionic", "adsorption", "skarn", "epithermal", "sediment-hosted", "in-situ", "isr",
}
_ORG_CONTEXT = [
    # slot is the capitalised name in group "name"
    re.compile(r"\b(?:subsidiary|unit|division|affiliate|arm|member) of (?:the )?(?P<name>CAPSEQ)"),
    re.compile(r"(?P<name>CAPSEQ), (?:a |the )?(?:[Pp]rovincial |[Ff]ederal |[Ss]tate[- ])?"
               r"(?:[Cc]rown [Cc]orporation|state[- ]owned|government[- ]owned|société d'État)"),
    re.compile(r"\b(?:and |with )?(?:its )?partners? (?P<name>CAPSEQ)"),
    re.compile(r"\b(?:its|their|our) (?:wholly[- ]owned |majority[- ]owned |[\w.%-]+[- ]owned |indirect |operating )?"
               r"(?:subsidiary|affiliate),? (?P<name>CAPSEQ)"),
    re.compile(r"(?P<name>CAPSEQ), (?:a|an|the) (?:wholly[- ]owned |majority[- ]owned |[\w.%-]+[- ]owned |indirect )?"
               r"(?:subsidiary|affiliate|unit|division) of\b"),
    re.compile(r"\b(?:with|between) (?P<name>CAPSEQ)(?= (?:to|and|for|on|in|concerning|regarding|covering|over)\b)"),
    # a company named without a legal suffix, by its industry word, doing what companies do:
    # "Golden Shield Resources has entered into", "Aclara Resources' Penco project"
    re.compile(r"(?<![\w’'])(?P<name>CAPSEQ (?:Resources|Mining|Minerals|Metals|Exploration|Royalties|Uranium|Lithium|"
               r"Ventures|Industries|Materials|Technologies))(?=['’]s? |,? (?:has|have|had|is|was|will|announced|"
               r"said|signed|entered|agreed|acquired|owns|holds|operates|reported|completed|closed|plans|intends|"
               r"expects|continues|recently)\b| (?:CEO|CFO|COO|President|Chairman|Chairwoman|Chair|Executive Chairman|"
               r"Chief Executive|Managing Director|Founder|Director)\b)"),
    # a company named by a commodity word before its officer's title: "Steppe Gold Chief Financial Officer
    # Jeremy South", "FPX Nickel CEO Martin Turenne"
    re.compile(r"(?<![\w’'])(?P<name>CAPSEQ (?:Gold|Silver|Copper|Nickel|Lithium|Uranium|Zinc|Cobalt|Graphite|Energy|"
               r"Mines|Iron|Platinum|Vanadium|Tungsten|Potash|Rare Earths?))(?= (?:CEO|CFO|COO|President|Chairman|"
               r"Chairwoman|Chair|Executive Chairman|Chief Executive|Chief Financial|Chief Operating|Managing Director|"
               r"Founder|Director|Vice President)\b)"),
    # a counterparty with its own defined short name: "with Kestrel Capital Partners ("Kestrel")"
    re.compile(r"\b(?:with|between|from|to) (?P<name>CAPSEQ) \([“\"](?P<short>[A-Z][\w-]*)[”\"]\)"),
]
# trade words joined by "and" inside one company name
_AND_INDUSTRY = {"mining", "smelting", "refining", "industrial", "industries", "manufacturing", "exploration",
                 "development", "trading", "chemical", "chemicals", "metals", "minerals", "steel", "engineering",
                 "resources", "energy", "investment", "investments", "finance", "metallurgical", "processing"}
_OPENING_WORDS = {"the", "today", "yesterday", "shares", "also", "meanwhile", "and", "but", "however", "in", "on",
                  "at", "as", "after", "before", "while", "when", "under", "with", "this", "that", "these", "those",
                  "our", "its", "their", "a", "an", "both", "each", "now", "then", "since", "recently", "earlier"}
# words that open a description, not a company's name, before an industry word
_DESCRIPTIVE_WORDS = {"artisanal", "illegal", "informal", "small-scale", "large-scale", "measured", "indicated",
                      "inferred", "probable", "proven", "critical", "strategic", "global", "junior", "senior", "major",
                      "base", "precious", "battery", "rare", "total", "mineral", "domestic", "local", "regional",
                      "international", "world", "industry", "sector", "responsible", "sustainable", "future",
                      "current", "recent", "overall", "continued", "increased"}
_PUBLIC_BODY_WORDS = {"ministry", "minister", "department", "government", "office", "bureau", "agency",
                      "secretary", "state", "province", "federal", "provincial", "national", "u.s.", "us"}
_CAPW = r"(?:[A-ZÀ-Ý][\w'’\-&.]*[\w]|[A-ZÀ-Ý])"
_CAPSEQ = rf"{_CAPW}(?:\s+(?:(?:of|de|du|des|del|la|&)\s+)?{_CAPW}){{0,6}}"
_ORG_CONTEXT = [re.compile(p.pattern.replace("CAPSEQ", _CAPSEQ)) for p in _ORG_CONTEXT]
# "acquire 29 pct of CMP", "a 16 pct interest in Teles Pires Mining": the name is a holding
_STAKE_TARGET = re.compile(
    rf"(?:{PERCENT.pattern}) (?:[\w-]+ )?(?:stake |interest |equity interest |shareholding )?(?:in|of) "
    rf"(?:the )?(?P<name>{_CAPW}(?:\s+{_CAPW}){{0,4}})", re.I)

_TICKER_ITEM = re.compile(
    r"(?P<ex>[A-Za-z][A-Za-z .\-]{0,28}?)\s*[:\-–]\s*(?P<sym>[A-Z0-9][A-Za-z0-9.\-]{0,9})(?=$|[\s;,|&)\]])"
)
_PROSE_LISTING = re.compile(
    r"\b(?:listed|trade[sd]?|trading|quoted) on (?:the )?(?P<ex>[A-Z][\w .\-]{1,40}?)"
    r"(?: Exchange)?,? (?:as|under the (?:symbols?|tickers?|trading symbols?)(?: symbols?)?) "
    r"[\"“']?(?P<sym>[A-Z0-9][A-Z0-9.\-]{0,9})"
)
_PROSE_MORE = re.compile(
    r"^[\"”']?,? and on (?:the )?(?P<ex>[A-Z][\w .\-]{1,40}?)(?: Exchange)?,? "
    r"(?:as|under the (?:symbols?|tickers?|trading symbols?)(?: symbols?)?) [\"“']?(?P<sym>[A-Z0-9][A-Z0-9.\-]{0,9})"
)
# Reuters markup names an organization: "<Alcan Aluminium Ltd>". Markup tags ("<b>", "</script>",
# '<a href="...">') open with a lower-case letter, a slash or carry attributes: never names.
_REUTERS_TAG = re.compile(r"<([A-Z0-9][^<>\n=\"/]{1,79})>")


@dataclass
class Listing:
    org: str
    exchange: str
    ticker: str
    sentence: Sentence


@dataclass
class DocContext:
    """The entities of one document and the index used to find their mentions."""

    text: str
    sentences: list[Sentence]
    entities: dict[str, Entity] = field(default_factory=dict)
    listings: list[Listing] = field(default_factory=list)
    issuer: str | None = None
    lower_words: set[str] = field(default_factory=set)
    _index: dict[str, str | None] = field(default_factory=dict)  # folded name -> key (None: ambiguous)
    _priority: dict[str, int] = field(default_factory=dict)  # folded name -> 0 label, 1 alias
    _pattern: re.Pattern[str] | None = None
    _version: int = 0  # bumped on every change of a name
    _index_version: int = -1
    _index_count: int = -1  # entities when the index was last made current

    # -- entities ---------------------------------------------------------
    def add(self, kind: str, label: str, cls: str | None = None, aliases: set[str] | None = None,
            parent: str | None = None, iso: str | None = None, key: str | None = None) -> str:
        if kind == "org" and label.endswith(("'s", "’s")) and len(label) > 4:
            label = label[:-2]  # "Outokumpu's Managing Director": the name is Outokumpu
        if key is None and kind == "org":
            known = self.lookup(label)  # a name the text already gave another organization
            if known and self.entities[known].kind == "org":
                key = known
        key = key or f"{kind}-{slug(label)}"
        ent = self.entities.get(key)
        if ent is not None and label == ent.label and not aliases and (cls is None or cls in ent.classes):
            return key  # nothing new: keep the compiled name index
        before = set() if ent is None else ent.names()
        relabelled = False
        if ent is None:
            ent = Entity(key=key, kind=kind, label=label.strip(), parent=parent, iso=iso)
            self.entities[key] = ent
        elif len(label) > len(ent.label) and kind in ("org", "facility", "project"):
            ent.aliases.add(ent.label)
            ent.label = label.strip()
            relabelled = True
        elif label != ent.label and not (label.isupper() and not ent.label.isupper()):
            ent.aliases.add(label.strip())
        if cls:
            ent.classes.add(cls)
        for a in aliases or ():
            if a and a != ent.label:
                ent.aliases.add(a.strip())
        new_names = ent.names() - before
        if not new_names and not relabelled:
            return key  # a class only: the names and their index stay as they are
        self._pattern = None
        current = self._index_current(len(self.entities) - (not before)) and not relabelled
        self._version += 1
        if current:  # a new entity or new aliases: enter them, no rebuild of the whole index
            for name in new_names:
                self._index_name(key, name, 0 if name == ent.label else 1)
            self._index_version, self._index_count = self._version, len(self.entities)
        return key

    def alias(self, key: str, name: str) -> None:
        ent = self.entities[key]
        if name and name != ent.label and name not in ent.aliases:
            ent.aliases.add(name)
            self._pattern = None
            current = self._index_current(len(self.entities))
            self._version += 1
            if current:  # keep the index current: one more name costs one entry, not a rebuild
                self._index_name(key, name, 1)
                self._index_version = self._version

    def _index_current(self, count: int) -> bool:
        """The index matches the entities: no name changed since it was built, and none was
        removed (french.py deletes an entity the English pass cut short)."""
        return self._index_version == self._version and self._index_count == count

    def _index_name(self, key: str, name: str, rank: int) -> None:
        """Enter one name (rank 0 a label, 1 an alias) the way :meth:`_build_index` would."""
        folded = fold(name)
        if len(folded) < 2:
            return
        old = self._index.get(folded, "")
        if old == "" or (old != key and self._priority[folded] > rank):
            self._index[folded] = key
            self._priority[folded] = rank
        elif old != key and self._priority[folded] == rank:
            self._index[folded] = None  # ambiguous short name: never guess

    def lookup(self, name: str) -> str | None:
        self._build_index()
        return self._index.get(fold(name))

    def _build(self) -> None:
        """The name index and the one regex that finds every name (rebuilt only after a change)."""
        if self._pattern is not None:
            return
        self._build_index()
        # commodities and gazetteer places are found from the lexicon itself (see mask)
        lex_places = lexicon().place_by_key
        names = sorted({n for ent in self.entities.values() if ent.kind != "commodity"
                        and not (ent.kind == "place" and ent.key[6:] in lex_places)
                        for n in ent.names() if len(n) > 1},
                       key=lambda n: (-len(n), n))
        self._pattern = _name_pattern(tuple(names))

    def _build_index(self) -> None:
        if self._index_current(len(self.entities)):
            return
        index: dict[str, str | None] = {}
        priority: dict[str, int] = {}
        for ent in self.entities.values():
            for name in ent.names():
                folded = fold(name)
                if len(folded) < 2:
                    continue
                rank = 0 if name == ent.label else 1
                if folded in index and index[folded] != ent.key:
                    if priority[folded] == rank:
                        index[folded] = None  # ambiguous short name: never guess
                        continue
                    if priority[folded] < rank:
                        continue
                index[folded] = ent.key
                priority[folded] = rank
        self._index = index
        self._priority = priority
        self._index_version, self._index_count = self._version, len(self.entities)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Spans of ``text`` naming a known entity, longest first, no overlaps."""
        self._build()
        assert self._pattern is not None
        out = []
        for m in self._pattern.finditer(text):
            key = self._index.get(fold(m.group(0)))
            if key:
                out.append((m.start(), m.end(), key))
        return out


@lru_cache(maxsize=64)
def _name_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alts = "|".join(_loose(n) for n in names) or r"(?!x)x"
    return re.compile(rf"(?<![\w])(?:{alts})(?![\w])")


def _loose(name: str) -> str:
    """A regex for a name that tolerates accents, curly quotes and hyphen/space variants."""
    parts = []
    for ch in name:
        if ch in "'’":
            parts.append("['’]")
        elif ch in "- ":
            parts.append(r"[-\s]")
        elif ch == ".":
            parts.append(r"\.?")
        else:
            base = fold(ch)
            if base and base != ch.lower() and len(base) == 1:
                parts.append(f"[{re.escape(ch)}{base}{base.upper()}]")
            else:
                parts.append(re.escape(ch))
    return "".join(parts)


# ---------------------------------------------------------------- discovery

def _tokens(text: str) -> list[re.Match[str]]:
    return list(TOKEN.finditer(text))


def _is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or (tok[0].isdigit() and any(c.isupper() for c in tok)))


def _strip_common_start(words: list[str], lower_words: set[str], at_start: bool = True) -> list[str]:
    """Drop leading words that are not part of a name ("Today Foo Corp", "Under Foo Inc").

    A commodity word stays: "Uranium Energy Corp." is a name even where the
    text also writes "uranium" in lower case.
    """
    commodities = lexicon().commodities
    while len(words) > 1 and (words[0].lower() in _COMMON_CAPS and words[0].lower() not in _NAME_PART_CAPS or
                              (at_start and words[0].lower() in lower_words and words[0].isalpha()
                               and words[0].lower() not in _CONNECTORS
                               and fold(words[0]) not in commodities)):
        words = words[1:]
    # a capitalised article opens a name ("La Marigen", "Los Azules", "De Beers"); a lower-case one does not
    while words and words[0].lower() in _CONNECTORS and not (
            len(words) > 1 and words[0][:1].isupper() and words[0].lower() in _NAME_ARTICLES):
        words = words[1:]
    return words


_NAME_ARTICLES = {"la", "le", "les", "los", "las", "el", "de", "del", "du", "des"}
# capitalised words that open many names and stay when another capitalised word follows: "New Afton Mine",
# "East Timmins Nickel Inc.", "Canadian Gold Corp.", "North Bay Resources"
_NAME_PART_CAPS = {"new", "north", "south", "east", "west", "canadian", "american", "australian", "british",
                   "french", "chinese", "japanese", "national", "primary", "specialty", "senior"}


def _suffix_orgs(sent: Sentence, ctx: DocContext) -> list[tuple[int, int, str]]:
    """Organizations named with a legal suffix: (start, end, full name) in sentence offsets."""
    toks = _tokens(sent.text)
    found = []
    i = 0
    while i < len(toks):
        raw = toks[i].group(0)
        possessive = raw.endswith(("'s", "’s")) and len(raw) > 3
        if possessive:
            raw = raw[:-2]
        word = raw.rstrip(".").lower().replace(".", "")
        lower_ok = word in {"plc", "ltd"} or (
            word in {"co", "corp", "inc"} and i > 0 and _is_cap(toks[i - 1].group(0))
            and toks[i - 1].group(0).lower() not in _COMMON_CAPS)
        if word not in _SUFFIX_WORDS or not _is_cap(raw) and not lower_ok:
            i += 1
            continue
        if i > 0 and toks[i - 1].group(0).rstrip(".").lower().replace(".", "") in _SUFFIX_WORDS:
            i += 1
            continue
        # walk back over capitalised words and connectors
        j = i - 1
        start_tok = i
        while j >= 0:
            t = toks[j].group(0)
            between = sent.text[toks[j].end():toks[j + 1].start()]
            # "Ozzie's, Inc.", "Harbour Services, LLC": a comma before the suffix stays in the name
            comma_suffix = j + 1 == i and between.strip() == "," and _is_cap(t) and \
                word in {"inc", "llc", "ltd", "corp", "limited", "lp", "llp", "co"}
            if comma_suffix and t.endswith(("'s", "’s")):
                start_tok = j
                j -= 1
                continue
            if between.strip() not in ("", "&") and not comma_suffix and not (
                    between.strip() == "." and len(toks[j].group(0)) <= 4 and _is_cap(toks[j].group(0))
                    and ("." not in toks[j].group(0) or (j + 1 == i and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]", toks[j].group(0))))
                    and toks[j].group(0).lower() not in _COMMON_CAPS):
                break
            tl = t.lower()
            if t.endswith(("'s", "’s")) or tl.rstrip(".") in _SUFFIX_WORDS:
                break
            if re.search(r"-(?:based|owned|listed|headquartered|controlled|backed|led|focused)$", tl):
                break  # "B.C.-based Bolt Metals Corp.": the description is not part of the name
            if _is_cap(t) and not t.isdigit():
                start_tok = j
            elif re.fullmatch(r"\d{5,}", t):  # a numbered company: "1302343 B.C. Ltd."
                start_tok = j
                break
            elif tl in _CONNECTORS and tl != "and" and j > 0 and _is_cap(toks[j - 1].group(0)) \
                    and toks[j - 1].group(0).lower() not in _TITLE_STOP:
                pass
            elif tl == "and" and j > 0 and _is_cap(toks[j - 1].group(0)) and \
                    toks[j + 1].group(0).lower() in _AND_INDUSTRY and toks[j - 1].group(0).lower() in _AND_INDUSTRY:
                pass  # "Thailand Smelting and Refining Co", "Global Mining and Industrial Corp"
            else:
                break
            j -= 1
        if start_tok == i:
            i += 1
            continue
        if start_tok > 0 and toks[start_tok - 1].group(0).lower() in {"a", "an", "une", "un"}:
            i += 1
            continue
        words = [toks[k].group(0) for k in range(start_tok, i)]
        # a word the text also writes in lower case is dropped only where it opens the sentence
        # words the text also writes in lower case stay: "Battery Mineral Resources Corp."
        kept = _strip_common_start(words, ctx.lower_words, at_start=False)
        if len(kept) == 1 and kept[0].lower() in _COMMON_CAPS:
            kept = []
        start_tok += len(words) - len(kept)
        if not kept or kept[0].lower() in _CONNECTORS:
            i += 1
            continue
        if start_tok > 0 and toks[start_tok - 1].group(0).lower() in {"a", "an", "une", "un"}:
            i += 1
            continue
        end_tok = i
        if possessive:
            start, end = toks[start_tok].start(), toks[i].end() - 2
            found.append((start, end, sent.text[start:end]))
            i += 1
            continue
        # "Co Ltd", "Pty Ltd", "Co of America"
        while end_tok + 1 < len(toks):
            nxt = toks[end_tok + 1].group(0)
            gap = sent.text[toks[end_tok].end():toks[end_tok + 1].start()]
            if nxt.rstrip(".").lower().replace(".", "") in _SUFFIX_WORDS and gap.strip() in ("", ","):
                end_tok += 1
            elif (toks[end_tok].group(0).rstrip(".").lower() in {"co", "company", "corp", "corporation"}
                  and nxt == "of" and end_tok + 2 < len(toks) and _is_cap(toks[end_tok + 2].group(0))
                  and gap.strip() == ""):
                end_tok += 2
            else:
                break
        start, end = toks[start_tok].start(), toks[end_tok].end()
        name = sent.text[start:end]
        last = name.split()[-1].rstrip(".").lower()
        if sent.text[end:end + 1] == "." and (last in {"inc", "ltd", "corp", "co"} or "." in last):
            end += 1
            name += "."
        found.append((start, end, name))
        i = end_tok + 1
    return found


def _assets(sent: Sentence, ctx: DocContext) -> list[tuple[int, int, str, str, str, list[tuple[str, str]]]]:
    """Named plants, mines and projects: (start, end, label, core name, class, commodities)."""
    lex = lexicon()
    toks = _tokens(sent.text)
    out = []
    for i, tok in enumerate(toks):
        head = tok.group(0).lower()
        cls = _ASSET_HEADS.get(head)
        if not cls or head == "aluminerie":
            continue
        # descriptors between the name and the head noun
        j = i - 1
        comms: list[tuple[str, str]] = []
        while j >= 0:
            t = toks[j].group(0)
            gap = sent.text[toks[j].end():toks[j + 1].start()]
            if gap.strip() not in ("", "-") and not (
                    gap.strip() in ("/", ",", "&", ", and") and lex.commodities.get(fold(t))
                    and lex.commodities.get(fold(toks[j + 1].group(0)))):
                break  # "Gold/Silver Project", "Nickel, Copper, PGM property": commodities describe the site
            tl = fold(t)
            parts = [p for p in re.split(r"[-\s]", t) if p]
            comm_parts = [lex.commodities.get(fold(p)) for p in parts]
            two = fold(" ".join(x.group(0) for x in toks[max(j - 1, 0):j + 1]))
            prev_parts = [p for p in re.split(r"-", toks[j - 1].group(0)) if p] if j > 0 else []
            joined = fold(f"{prev_parts[-1]} {t}") if prev_parts else ""
            if tl in lex.commodities:
                comms.append(lex.commodities[tl])
            elif joined in lex.commodities and len(prev_parts) > 1 and \
                    all(lex.commodities.get(fold(p)) for p in prev_parts[:-1]):
                # "scandium-rare earth": the hyphenated word ends a two-word commodity
                comms.append(lex.commodities[joined])
                comms.extend(lex.commodities[fold(p)] for p in prev_parts[:-1])
                j -= 1
            elif two in lex.commodities and j > 0:
                comms.append(lex.commodities[two])
                j -= 1
            elif all(comm_parts) and parts:
                comms.extend(c for c in comm_parts if c)
            elif tl in _ASSET_DESCRIPTORS and not _is_cap(t):
                pass
            elif tl == "and" and comms and j > 0 and lex.commodities.get(fold(toks[j - 1].group(0))):
                pass  # "gold and silver deposit"
            elif _is_cap(t) and any(lex.commodities.get(fold(p)) or fold(p) in {"rare", "earth", "earths"}
                                    for p in parts):
                for p in parts:
                    if lex.commodities.get(fold(p)):
                        comms.append(lex.commodities[fold(p)])
                if "rare" in tl and "earth" in tl or tl in {"earth", "earths"}:
                    comms.append(lex.commodities.get("rare earth elements", ("rare-earth-elements", "rare earth elements")))
            else:
                break
            j -= 1
        desc_start = j + 1
        # the name: capitalised words before the descriptors
        k = j
        name_start = desc_start
        while k >= 0:
            t = toks[k].group(0)
            gap = sent.text[toks[k].end():toks[k + 1].start()]
            if gap.strip() not in ("", "-"):
                break
            if _is_cap(t) and not t.endswith(("'s", "’s")) and fold(t) not in {"the"} and \
                    not re.search(r"-(?:supplied|owned|based|operated|led|type|backed|listed|run|controlled)$", t):
                name_start = k
            elif t.lower() in {"de", "du", "des", "la", "le", "of"} and k > 0 and _is_cap(toks[k - 1].group(0)):
                pass
            else:
                break
            k -= 1
        if name_start == desc_start:
            continue
        words = [toks[x].group(0) for x in range(name_start, desc_start)]
        kept = _strip_common_start(words, ctx.lower_words)
        name_start += len(words) - len(kept)
        if name_start >= desc_start:
            continue
        core = sent.text[toks[name_start].start():toks[desc_start - 1].end()]
        # a name that is an organization or a place is not an asset name by itself
        if fold(core) in _GENERIC_TERMS or fold(core) in {"the", "its"} or _is_demonym(core) or \
                all(w.lower() in _NAME_PART_CAPS or _is_demonym(w) for w in core.split()):
            continue  # "a South African zinc refinery" is a description, not a name
        start, end = toks[name_start].start(), tok.end()
        label = sent.text[start:end]
        # strip trailing commodity words from the core ("Crater Lake Scandium-Rare Earth")
        core_words = core.split()
        while len(core_words) > 1 and all(
            lex.commodities.get(fold(p)) or fold(p) in {"rare", "earth", "earths"}
            for p in re.split(r"-", core_words[-1]) if p
        ):
            core_words.pop()
        core = " ".join(core_words)
        singular = _PLURAL_HEADS.get(head)
        if singular:
            # "our Cinabrio, San Andres, and Dalmacia mines": one asset per name; a single
            # name before a plural head ("seven U.S. ISR uranium projects") is a description
            items = []
            pos = start
            while prev := _COORDINATED_END.search(sent.text[max(0, pos - 120):pos]):
                prev_offset = max(0, pos - 120)
                name = prev.group("name")
                name_at = prev_offset + prev.start("name")
                opener = re.match(r"(?:The|Our|Its|Their)\s+", name)
                if opener and len(name.split()) > 1:
                    # "The Kell, Wren and Tarn mines": the article opens the list, it names nothing
                    name, name_at = name[opener.end():], name_at + opener.end()
                words = _strip_common_start(name.split(), ctx.lower_words)
                if not words or len(words) != len(name.split()):
                    break
                items.append((name_at, prev_offset + prev.end("name"), f"{name} {singular}", name, cls, comms))
                pos = name_at
                if opener:
                    break
            if items:
                out.append((start, end, f"{core} {singular}", core, cls, comms))
                out.extend(items)
            continue
        out.append((start, end, label, core, cls, comms))
    return out


_BLOCK = re.compile(r"\(([^()]{1,200})\)")
_ISSUER_TERM_INSIDE = re.compile(r"[\"“«]\s*(?:the\s+)?(?:Company|Corporation|Issuer|Group)\s*[\"”»]", re.I)


_TICKER_REVERSED = re.compile(r"(?P<sym>[A-Z0-9][A-Z0-9.\-]{0,9})\s*:\s*(?P<ex>[A-Za-z][A-Za-z .\-]{1,30})")


def ticker_items(inner: str) -> list[tuple[str, str]]:
    """(exchange code, symbol) pairs of a ticker block, in either order.

    >>> ticker_items("TSX: BCU; NYSE American: BORC")
    [('TSX', 'BCU'), ('NYSEAMERICAN', 'BORC')]
    >>> ticker_items("RR: CSE")
    [('CSE', 'RR')]
    """
    out = []
    for item in re.split(r"[;,|&]|\band\b|\)\s*\(", inner):
        item = item.strip()
        tm = _TICKER_ITEM.fullmatch(item)
        exch = normalise_exchange(tm.group("ex")) if tm else None
        if tm and exch:
            out.append((exch, tm.group("sym")))
            continue
        rm = _TICKER_REVERSED.fullmatch(item)
        exch = normalise_exchange(rm.group("ex")) if rm else None
        if rm and exch and not normalise_exchange(rm.group("sym")):
            out.append((exch, rm.group("sym")))
    return out


def _is_ticker_block(inner: str) -> bool:
    return bool(ticker_items(inner))


# the shape of a ticker block whatever the exchange's name or language:
# "(Bourse de croissance TSX : RTG)", "(TSXV: ABC; OTCQB: ABCD)"
_TICKER_SHAPE = re.compile(
    r"\s*(?:[A-ZÀ-Ý][\w'’.\-]*\s+)?(?:[\w'’.\-]+\s+){0,5}[\w'’.\-]+\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,9}\s*"
    r"(?:[;,|]\s*(?:[\w'’.\-]+\s+){0,6}[\w'’.\-]+\s*:\s*[A-Z0-9][A-Z0-9.\-]{0,9}\s*)*")


def _looks_like_ticker_block(inner: str) -> bool:
    """A ticker block, also one naming an exchange the lexicon does not know (for masking only)."""
    return _is_ticker_block(inner) or bool(_TICKER_SHAPE.fullmatch(inner)
                                           and re.search(r"[A-Z]{2}|Bourse", inner.split(":")[0]))


def _name_before(sent: Sentence, pos: int, ctx: DocContext,
                 places: bool = False) -> tuple[int, int, str] | None:
    """The capitalised name that ends just before ``pos`` ("Foo Metals (TSXV: FOO)"); a place's
    name only with ``places`` ("listed in London and New York (LSE: ...)")."""
    head = sent.text[:pos].rstrip()
    toks = _tokens(head)
    if not toks or toks[-1].end() != len(head):
        return None
    j = len(toks) - 1
    start_tok = None
    while j >= 0:
        t = toks[j].group(0)
        if j < len(toks) - 1:
            gap = head[toks[j].end():toks[j + 1].start()]
            if gap.strip() not in ("", "&", "-"):
                break
        tl = t.lower()
        if tl in _TITLE_STOP or t.endswith(("'s", "’s")):
            break
        if _is_cap(t):
            start_tok = j
        elif tl in _CONNECTORS and tl != "and" and j > 0 and _is_cap(toks[j - 1].group(0)):
            pass
        else:
            break
        j -= 1
    if start_tok is None:
        return None
    words = [toks[k].group(0) for k in range(start_tok, len(toks))]
    kept = _strip_common_start(words, ctx.lower_words)
    if not kept or kept[0].lower() in _CONNECTORS or (len(kept) == 1 and kept[0].lower() in _COMMON_CAPS):
        return None
    start_tok += len(words) - len(kept)
    start, end = toks[start_tok].start(), toks[-1].end()
    name = head[start:end]
    if fold(name) in _GENERIC_TERMS or fold(name) in lexicon().places and not places or len(name) < 2:
        return None
    return start, end, name


_GOVERNMENT = re.compile(r"\b[Gg]overnment of (?:the )?(?:(?:Republic|Province|State|Kingdom|Commonwealth) of (?:the )?)?"
                         r"(?P<place>[A-ZÀ-Ý][\w'’\-]*(?: (?:of |the )*[A-ZÀ-Ý][\w'’\-]*){0,4})")


def _governments(ctx: DocContext, sent: Sentence) -> None:
    """"the Government of the Republic of Mozambique" is an organization: Government of Mozambique."""
    lex = lexicon()
    for m in _GOVERNMENT.finditer(sent.text):
        words = m.group("place").split()
        for n in range(len(words), 0, -1):
            entry = lex.places.get(fold(" ".join(words[:n])))
            if entry is None or entry.kind not in ("country", "province", "state", "territory"):
                continue
            label = f"Government of {entry.label}"
            key = ctx.lookup(label) or ctx.add("org", label, "GovernmentBody")
            ctx.entities[key].classes.add("GovernmentBody")
            surface = sent.text[m.start():m.start("place")] + " ".join(words[:n])
            ctx.alias(key, surface)
            break


def _market_or_place(sent: Sentence, start: int, name: str) -> bool:
    """The name before a ticker block is a market or a place, not the listed company."""
    lex = lexicon()
    if normalise_exchange(name) or re.search(r"\b(?:Stock|Securities) Exchange$|\bBourse\b", name):
        return True
    # "New York": the gazetteer knows the place with the word before it
    wider = re.search(r"(\w+)\s+$", sent.text[:start])
    return fold(name) in lex.places or bool(wider and fold(f"{wider.group(1)} {name}") in lex.places)


def _market_listings(ctx: DocContext, sent: Sentence, previous: Sentence | None) -> None:
    """A ticker block after a market or a place belongs to the sentence's company:
    "Rio Tinto is listed in London and New York (LSE: RIO; NYSE: RIO)", "Its shares trade on
    the New York Stock Exchange (NYSE: BHP)" (its: the company the sentence before is about)."""
    for m in _BLOCK.finditer(sent.text):
        items = ticker_items(m.group(1))
        if not items:
            continue
        found = _name_before(sent, m.start(), ctx, places=True)
        if not found or not _market_or_place(sent, found[0], found[2]):
            continue
        # the company nearest before the listing verb ("Rio Tinto paid ..., and Arcadium, whose
        # shares traded on the New York Stock Exchange (NYSE: ALTM)": Arcadium)
        verbs = list(re.finditer(r"\b(?:listed|trades?|traded|trading|quoted)\b", sent.text[:m.start()]))
        if not verbs:
            continue
        orgs = [k for _, e, k in ctx.find(sent.text[:verbs[-1].start()]) if ctx.entities[k].kind == "org"]
        owner = orgs[-1] if orgs else None
        if owner is None and previous is not None and re.match(r"\s*(?:Its|Their)\b", sent.text):
            before = [k for _, _, k in ctx.find(previous.text) if ctx.entities[k].kind == "org"]
            owner = before[0] if before else None
        if owner is None and re.match(r"\s*(?:The Company|The Corporation|It)\b", sent.text):
            owner = ctx.issuer
        if owner:
            for exch, sym in items:
                _add_listing(ctx, owner, exch, sym, sent)


def _block_orgs(sent: Sentence, ctx: DocContext, spans: list[tuple[int, int, str]]) -> None:
    """Names followed by a ticker block or an issuer definition are organizations."""
    for m in _BLOCK.finditer(sent.text):
        inner = m.group(1)
        if not (_is_ticker_block(inner) or _ISSUER_TERM_INSIDE.search(inner)):
            continue
        if sent.text[:m.start()].rstrip().endswith((")", ">")):
            continue
        found = _name_before(sent, m.start(), ctx)
        if not found:
            continue
        s, e, name = found
        if any(s < e2 and s2 < e for s2, e2, _ in spans):
            continue
        last = name.split()[-1].lower()
        if last in _ASSET_HEADS:
            continue
        if _market_or_place(sent, s, name):
            continue  # "listed on the London Stock Exchange (LSE: BHP)", "listed in New York (NYSE: RIO)"
        key = ctx.lookup(name)
        if key is None:
            ctx.add("org", name, "Company")
        spans.append((s, e, name))


def discover(text: str, sentences: list[Sentence]) -> DocContext:
    """Collect the entities a document names, with their aliases and listings."""
    ctx = DocContext(text=text, sentences=sentences)
    ctx.lower_words = {w for w in re.findall(r"\b[a-z][a-z'’-]+\b", text)}
    lex = lexicon()
    org_spans: dict[int, list[tuple[int, int, str]]] = {}
    for sent in sentences:
        spans: list[tuple[int, int, str]] = []
        # Reuters markup: <Phoenix Steel Corp> is a name, <NLGT.T> a code
        for m in _REUTERS_TAG.finditer(sent.text):
            inner = m.group(1).strip()
            if re.fullmatch(r"[A-Z0-9.\-]{1,10}", inner):
                continue
            key = ctx.add("org", inner, "Company")
            spans.append((m.start(1), m.end(1), ctx.entities[key].label))
        for s, e, name in _suffix_orgs(sent, ctx):
            if any(s < e2 and s2 < e for s2, e2, _ in spans):
                continue
            if len(name.split()) == 2 and fold(name.split()[0]) in lex.places:
                continue  # "Paraguay SA" in a report title names a country, not a company
            ctx.add("org", name, "Company")
            spans.append((s, e, name))
        # an unquoted acronym right after a name is its short name: "Broken Hill Pty Co Ltd (BHP)"
        for s, e, name in spans:
            short = _UNQUOTED_SHORT.match(sent.text, e)
            key = ctx.lookup(name)
            if short and key and not normalise_exchange(short.group(1)):
                ctx.alias(key, short.group(1))
        org_spans[sent.index] = spans
    _well_known(ctx, text)
    for sent in sentences:
        _block_orgs(sent, ctx, org_spans[sent.index])
    # defined terms first, so "with Imperial" below finds the alias; run again after the
    # names found by context, whose ticker blocks then get their listings
    _defined_terms_and_listings(ctx)
    for sent in sentences:
        spans = org_spans[sent.index]
        for m in _STAKE_TARGET.finditer(sent.text):
            _stake_target(ctx, sent, m, spans)
        if _STAKE_TARGET.search(sent.text):
            _defined_terms_of(ctx, sent)  # "Y S.C.M. ("Y")": a later "45% of Y" is the same company
        for pattern in _ORG_CONTEXT:
            for m in pattern.finditer(sent.text):
                name = m.group("name")
                if fold(name) in lex.places:
                    continue  # "the mining division of British Columbia"
                short = m.groupdict().get("short")
                if short and (name.split()[0] != short and "".join(w[0] for w in name.split()) != short
                              or name.split()[-1].lower() in _ASSET_HEADS):
                    continue  # the short name must be the name's first word or its initials
                by_industry_word = pattern is _ORG_CONTEXT[-2] or pattern is _ORG_CONTEXT[-3]
                # "North Bay Resources CEO ...": for a name found by its industry word, a word the text
                # also writes in lower case ("north") stays; only a sentence's opening words go
                if by_industry_word:
                    words = name.split()
                    while words and words[0].lower() in _OPENING_WORDS | _TITLE_STOP | _CONNECTORS:
                        words = words[1:]  # "CEO of Nicola Mining", "Today Golden Crest Resources"
                else:
                    words = _strip_common_start(name.split(), ctx.lower_words)
                name = " ".join(words)
                if not name or fold(name) in _GENERIC_TERMS or fold(name) in lex.places or len(words) < 2 and \
                        by_industry_word:
                    continue
                if words[0].lower() in _PUBLIC_BODY_WORDS:
                    continue  # "Ministry of Energy and Mines", "Department of Natural Resources"
                if by_industry_word and (words[0].lower() in _DESCRIPTIVE_WORDS or _is_demonym(words[0])):
                    continue  # "Artisanal Gold Mining has increased", "Measured Mineral Resources were updated"
                if any(s <= m.start("name") < e for s, e, _ in spans) or ctx.lookup(name):
                    continue
                if name.split()[-1].rstrip(".").lower() in _SUFFIX_WORDS:
                    continue
                ctx.add("org", name, "Company")
                spans.append((m.start("name"), m.start("name") + len(name), name))
    for sent in sentences:
        _governments(ctx, sent)
    _defined_terms_and_listings(ctx)
    for i, sent in enumerate(sentences):
        _market_listings(ctx, sent, sentences[i - 1] if i else None)
    _state_typing(ctx)
    _places_from_context(ctx)
    # plants, mines, projects
    for sent in sentences:
        for s, e, label, core, cls, comms in _assets(sent, ctx):
            if any(s < e2 and s2 < e for s2, e2, _ in org_spans.get(sent.index, [])):
                continue
            kind = "facility" if cls in ("Plant", "Mine") else "project"

            def same_site(candidate: str | None) -> bool:
                """One site named twice: same kind of site, and no two different commodities in the names
                ("the Tollan copper project" and "the Tollan gold project" are two)."""
                if not candidate or ctx.entities[candidate].kind not in ("facility", "project"):
                    return False
                other = ctx.entities[candidate]
                theirs = {c[0] for c in getattr(other, "_commodities", ())}
                ours = {c[0] for c in comms}
                return _same_site_classes(other.classes, cls) and not (theirs and ours and not theirs & ours)

            existing = ctx.lookup(core)
            base = _base_name(core, lex)
            if base != core and not same_site(existing):
                # "the Punitaqui project" and "the Punitaqui Mining Complex", "the Yuty Project" and
                # "the Yuty ISR Project": one site named with and without descriptive words
                by_base = ctx.lookup(base)
                if same_site(by_base):
                    existing = by_base
            if same_site(existing):
                key = existing
                ctx.alias(key, label)
            else:
                key = f"{kind}-{slug(core)}"
                if key in ctx.entities and not same_site(key):
                    key = f"{kind}-{slug(label)}"  # "the Tollan smelter" beside "the Tollan mine"
                key = ctx.add(kind, label, cls, key=key)
            ent = ctx.entities[key]
            if fold(label) != fold(core):
                head = label.split()[-1]
                org_named = existing is not None and ctx.entities[existing].kind == "org"
                for alias in (core, f"{core} {head}"):
                    # the bare name stays the company's ("Vanguard" of "the Vanguard concessions")
                    if fold(alias) not in lex.places and not (org_named and alias == core):
                        ctx.alias(key, alias)
            if base != core and fold(base) not in lex.places and not ctx.lookup(base):
                ctx.alias(key, base)
            ent.classes.add(cls)
            setattr(ent, "_commodities", getattr(ent, "_commodities", set()) | set(comms))
    for sent in sentences:
        _sites_named_by_place(ctx, sent)
        _sites_known_as(ctx, sent)
    _short_forms(ctx)
    return ctx


# "The concessions, known as McKellar and Enable, ...": sites named after a plural description
_KNOWN_AS = re.compile(r"\b[Tt]he (?:two |three |four |five )?(?P<head>concessions|properties|projects|mines|claims|"
                       r"deposits|prospects),? (?:known as|named|called) "
                       r"(?P<names>[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*){0,2}"
                       r"(?:(?:,? and |, )[A-ZÀ-Ý][\w'’-]*(?: [A-ZÀ-Ý][\w'’-]*){0,2})*)")


def _sites_known_as(ctx: DocContext, sent: Sentence) -> None:
    found = _KNOWN_AS.search(sent.text)
    if not found:
        return
    cls = _ASSET_HEADS.get(found.group("head"), "Project")
    kind = "facility" if cls in ("Plant", "Mine") else "project"
    lex = lexicon()
    for name in re.split(r",? and |, ", found.group("names")):
        if not name or fold(name) in lex.places or ctx.lookup(name):
            continue
        ctx.add(kind, name, cls, key=f"{kind}-{slug(name)}")


def _same_site_classes(classes: set[str], cls: str) -> bool:
    """Whether a site of class ``cls`` can be the site already named with ``classes``: a mine and
    its project are one site under two words; a plant beside a mine of the same name is another."""
    site = {"Mine", "Project"}
    return cls in classes or cls in site and bool(classes & site)


_NAME_DESCRIPTORS = {"mining", "isr", "uranium", "gold", "copper", "mineral", "minerals", "metals", "resources",
                     "exploration", "development", "operations", "deposit", "area", "district"}


def _base_name(core: str, lex) -> str:
    """A site's name without the descriptive words that end it: "Punitaqui Mining" -> "Punitaqui",
    "Yuty ISR" -> "Yuty" (one word at least is kept)."""
    words = core.split()
    while len(words) > 1 and (words[-1].lower() in _NAME_DESCRIPTORS or fold(words[-1]) in lex.commodities):
        words.pop()
    return " ".join(words)


# "its aluminium smelter in Ludwigshafen": an unnamed plant or mine of an owner, known by its place
_SITE_BY_PLACE = re.compile(
    r"(?:\b(?:[Ii]ts|[Oo]ur|[Tt]heir)|['’]s) (?P<desc>(?:[a-z][a-z\-]* ){0,2})"
    r"(?P<head>smelter|refinery|plant|mill|concentrator|foundry|mine)"
    r" (?:in|at|near) (?P<place>[A-ZÀ-Ý][a-zà-ÿ'’\-]+(?: [A-ZÀ-Ý][a-zà-ÿ'’\-]+){0,2})(?![\w'’\-])")
_NOT_PLACES = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "phase", "stage", "year", "quarter", "production", "operation", "operations",
}


def _sites_named_by_place(ctx: DocContext, sent: Sentence) -> None:
    """A plant or mine named only by its place becomes an asset ("Ludwigshafen aluminium smelter").

    The descriptors must be commodities or asset descriptors ("its new office in" is not a
    site); the place is a gazetteer place, or, right after "its <plant> in", a capitalised name
    that is no month, weekday, organization or commodity. The asset keeps its place
    (``_site_place``) and its commodities, which the relation rules read.
    """
    lex = lexicon()
    for m in _SITE_BY_PLACE.finditer(sent.text):
        words = m.group("desc").split()
        comms = [lex.commodities[fold(w)] for w in words if fold(w) in lex.commodities]
        if any(fold(w) not in lex.commodities and w not in _ASSET_DESCRIPTORS for w in words):
            continue
        place_words = m.group("place").split()
        known = None
        for n in range(len(place_words), 0, -1):  # the longest gazetteer place it opens with
            entry = lex.places.get(fold(" ".join(place_words[:n])))
            if entry:
                known, place_words = entry, place_words[:n]
                break
        place = " ".join(place_words)
        if known is None:
            if len(place_words) > 1 or fold(place) in _NOT_PLACES or place.lower() in _COMMON_CAPS \
                    or fold(place) in lex.commodities or ctx.lookup(place) is not None:
                continue
            if re.match(r"\s*(?:[A-Z]\w*\s+)?(?:Inc|Corp|Ltd|Limited|Mining|Metals|Resources)\b",
                        sent.text[m.end():]):
                continue
        if known is not None and known.kind == "country":
            continue  # "its copper mine in Chile" likely has a name the text gives elsewhere
        place_key = _place_key(ctx, known, place) if known else \
            ctx.add("place", place, "Place", key=f"place-{slug(place)}")
        cls = _ASSET_HEADS[m.group("head")]
        label = f"{place} {m.group('desc')}{m.group('head')}"
        surface = sent.text[m.start("desc"):m.start("place") + len(place)]
        key = ctx.add("facility", label, cls, key=f"facility-{slug(label)}")
        ctx.alias(key, surface)
        ent = ctx.entities[key]
        setattr(ent, "_commodities", getattr(ent, "_commodities", set()) | set(comms))
        setattr(ent, "_site_place", place_key)


_PAREN = re.compile(r"\s*\(([^()]{0,300})\)")
_UNQUOTED_SHORT = re.compile(r">?\s*(?:<[A-Z0-9.\-]{1,10}>\s*)?\(([A-Z][A-Z0-9&\-]{1,9})\)")


def _stake_target(ctx: DocContext, sent: Sentence, m: re.Match[str], spans: list[tuple[int, int, str]]) -> None:
    """The capitalised name a stake is held in, when nothing else named it, is an organization."""
    lex = lexicon()
    name = re.sub(r"['’]s?$", "", m.group("name"))
    if not name[0].isupper() or any(s <= m.start("name") < e for s, e, _ in spans):
        return
    words = name.split()
    following = [w.strip(".,;:()") for w in re.split(r"[\s/]+", sent.text[m.end("name"):m.end("name") + 60])]
    if any(w.lower().strip(".,;") in _ASSET_HEADS or w.lower() in _ASSET_DESCRIPTORS for w in words + following[:3]
           if not _is_cap(w) or w.lower() in _ASSET_HEADS):
        return  # "a 51% interest in the Foo Lake lithium project" names an asset
    # stop before a lower-case word or a word that opens something else
    kept: list[str] = []
    for w in words:
        if not _is_cap(w) or w.lower() in _COMMON_CAPS:
            break
        kept.append(re.sub(r"['’]s$", "", w.rstrip(".,")))
        if w.endswith(("'s", "’s")):
            break
    if not kept:
        return
    name = " ".join(kept)
    folded = fold(name)
    if ctx.lookup(name) or folded in lex.places or folded in lex.commodities or folded in _GENERIC_TERMS:
        return
    if kept[-1].lower() in _ASSET_HEADS or kept[0].lower() in _ASSET_HEADS or name.isupper() and len(name) > 6:
        return
    if any(lex.places.get(fold(w)) for w in kept[:1]) and len(kept) == 1:
        return
    if re.match(r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                r"December|Phase|Stage|Year|Q[1-4])\b", name):
        return
    ctx.add("org", name, "Company")
    spans.append((m.start("name"), m.start("name") + len(name), name))
    # "100 pct of Ora Banda and Browns Creek and 20 pct of ...": the second name shares the stake
    end = m.start("name") + len(name)
    more = re.match(rf" and (?P<next>{_CAPW}(?: {_CAPW}){{0,3}})(?= and |[,.;]| ?$)", sent.text[end:])
    if more:
        nxt = more.group("next")
        words = nxt.split()
        if all(_is_cap(w) and w.lower() not in _COMMON_CAPS for w in words) and not ctx.lookup(nxt) and \
                fold(nxt) not in lex.places and fold(nxt) not in lex.commodities and \
                fold(nxt) not in _GENERIC_TERMS and words[-1].lower() not in _ASSET_HEADS and \
                words[-1].rstrip(".").lower() not in _SUFFIX_WORDS:
            ctx.add("org", nxt, "Company")
            start = end + more.start("next")
            spans.append((start, start + len(nxt), nxt))


_PLACE_BEFORE_PLACE = re.compile(
    rf"\b(?:in|near|at|of|outside|from) (?:the )?(?P<name>{_CAPW}(?:[\s\-]+{_CAPW}){{0,3}}),\s+(?P<rest>[^,.;()]{{2,60}})")


def _places_from_context(ctx: DocContext) -> None:
    """A name the gazetteer lacks, written "in Catemu, Chile", is a place inside the known one."""
    lex = lexicon()
    for sent in ctx.sentences:
        for m in _PLACE_BEFORE_PLACE.finditer(sent.text):
            name = m.group("name")
            words = name.split()
            if fold(name) in lex.places or ctx.lookup(name) or name.isupper() and len(name) > 4:
                continue
            if words[0].lower() in _COMMON_CAPS or words[-1].lower() in _ASSET_HEADS or \
                    words[-1].rstrip(".").lower() in _SUFFIX_WORDS or fold(name) in lex.commodities:
                continue
            rest = m.group("rest").split()
            parent = None
            for n in range(min(4, len(rest)), 0, -1):
                piece = " ".join(rest[:n]).rstrip(".")
                entry = lex.places.get(fold(piece))
                if entry and _is_cap(piece):
                    parent = _place_key(ctx, entry, piece)
                    break
            if parent is None:
                continue
            ctx.add("place", name, "Place", parent=parent, key=f"place-{slug(name)}")


def _well_known(ctx: DocContext, text: str) -> None:
    """Organizations of the lexicon (organizations.tsv), with their state ownership.

    A form counts only as a whole name: "Hydro" inside "Hydro-Québec" is not Norsk Hydro.
    """
    lex = lexicon()
    folded_text = " " + fold(text) + " "
    for entry in {id(e): e for e in lex.orgs.values()}.values():
        for form in (entry.label, *entry.aliases):
            if len(form) > 2 and f" {fold(form)} " in folded_text and \
                    re.search(rf"(?<![\w\-–]){_loose(form)}(?![\w\-–])", text):
                key = ctx.lookup(entry.label) or ctx.lookup(form)
                if key is None:
                    key = ctx.add("org", entry.label, entry.cls)
                ctx.entities[key].classes.add(entry.cls)
                ctx.alias(key, entry.label)
                for alias in entry.aliases:
                    # a form the text gives another organization of its own ("Orano Canada Inc."
                    # beside "Orano SA") stays that organization's name
                    if ctx.lookup(alias) not in (None, key) or any(
                            ctx.lookup(found.group(0)) not in (None, key)
                            for found in re.finditer(_loose(alias) + _LEGAL_AFTER.pattern, text)):
                        continue
                    ctx.alias(key, alias)
                break


def _defined_terms_of(ctx: DocContext, sent: Sentence) -> None:
    """The defined terms and ticker blocks in the parentheses after the names of one sentence."""
    for s, e, key in ctx.find(sent.text):
        pos = e
        # the last period of a dotted legal form: "Sierra Vieja S.C.M. ("SV")"
        if sent.text[pos:pos + 1] == "." and re.search(r"\b(?:[A-Z]\.)+[A-Z]$", sent.text[s:e]):
            pos += 1
        # closing Reuters markup
        if sent.text[pos:pos + 1] == ">":
            pos += 1
        while True:
            m = _PAREN.match(sent.text, pos)
            if not m:
                break
            _read_parenthesis(ctx, key, m.group(1), sent)
            pos = m.end()


def _defined_terms_and_listings(ctx: DocContext) -> None:
    """Defined terms and ticker blocks in the parentheses after a name."""
    for sent in ctx.sentences:
        _defined_terms_of(ctx, sent)
        for m in _PROSE_LISTING.finditer(sent.text):
            subject = _subject_of(ctx, sent, m.start())
            if subject:
                _add_listing(ctx, subject, m.group("ex"), m.group("sym"), sent)
                rest = sent.text[m.end():]
                while (more := _PROSE_MORE.match(rest)):
                    _add_listing(ctx, subject, more.group("ex"), more.group("sym"), sent)
                    rest = rest[more.end():]
    if ctx.issuer is None:
        orgs = [k for s in ctx.sentences[:2] for _, _, k in ctx.find(s.text)
                if ctx.entities[k].kind == "org"]
        listed = {listing.org for listing in ctx.listings}
        ctx.issuer = next((k for k in orgs if k in listed), orgs[0] if orgs else None)


def _read_parenthesis(ctx: DocContext, key: str, inner: str, sent: Sentence) -> None:
    ent = ctx.entities[key]
    if ent.kind == "org":
        for exch, sym in ticker_items(inner):
            _add_listing(ctx, key, exch, sym, sent)
    if "collectively" in inner or "together" in inner:
        return
    for term in re.findall(r"[\"“«]\s*([^\"”»)]+?)\s*[\"”»]|[\"“«]\s*([^\"”»)]+)$", inner):
        name = (term[0] or term[1]).strip().strip(",")
        if not name or fold(name) in _GENERIC_TERMS or not _is_cap(name):
            continue
        if re.fullmatch(r"(?:the |la |le |l')?(?:Company|Corporation|Société)", name, re.I):
            if ctx.issuer is None and ent.kind == "org":
                ctx.issuer = key
            continue
        ctx.alias(key, name)
    if re.search(r"(?:the|la|le)\s+[\"“«]\s*(?:Company|Corporation|Société)\s*[\"”»]", inner, re.I) \
            and ctx.issuer is None and ent.kind == "org":
        ctx.issuer = key


def _add_listing(ctx: DocContext, org: str, exchange: str, ticker: str, sent: Sentence) -> None:
    code = normalise_exchange(exchange)
    ticker = ticker.strip(".").upper()
    if not code or not ticker:
        return
    if any(x.org == org and x.exchange == code and x.ticker == ticker for x in ctx.listings):
        return
    ctx.listings.append(Listing(org, code, ticker, sent))
    ctx.alias(org, ticker)


def _subject_of(ctx: DocContext, sent: Sentence, before: int) -> str | None:
    orgs = [k for s, e, k in ctx.find(sent.text[:before]) if ctx.entities[k].kind == "org"]
    if orgs:
        return orgs[0]
    if re.match(r"\s*(?:The Company|It|The Corporation|The company)\b", sent.text):
        return ctx.issuer
    return None


_DEMONYMS = {"german", "korean", "thai", "swiss", "dutch", "french", "greek", "polish", "danish",
             "irish", "welsh", "scottish", "finnish", "swedish", "spanish", "turkish", "british"}


def _is_demonym(name: str) -> bool:
    """A nationality word ("a Chilean rare earth project") is not an asset's name."""
    word = fold(name)
    return " " not in word and (word in _DEMONYMS or word.endswith(("ian", "ean", "ese", "ican", "ish")))


def _short_forms(ctx: DocContext) -> None:
    """Prefixes of organization names that the text uses on their own become aliases."""
    text = ctx.text
    used_alone = _AloneIndex(text)
    for ent in list(ctx.entities.values()):
        if ent.kind != "org":
            continue
        words = ent.label.replace(",", "").split()
        while words and words[-1].rstrip(".").lower().replace(".", "") in _SUFFIX_WORDS:
            words.pop()
        if not words:
            continue
        stem = " ".join(words)
        if stem != ent.label:
            ctx.alias(ent.key, stem)
        # an acronym inside the name used alone ("Consolidated TVX Mining Corp" ... "TVX")
        for w in words[1:]:
            if re.fullmatch(r"[A-Z]{2,6}", w) and fold(w) not in _GENERIC_WORDS and \
                    fold(w) not in lexicon().places and fold(w) not in lexicon().commodities and \
                    used_alone.search(w, rf"(?<![\w\-]){w}(?![\w\-])(?!\s+{re.escape(words[words.index(w) + 1])})"
                                      if words.index(w) + 1 < len(words) else rf"(?<![\w\-]){w}(?![\w\-])"):
                ctx.alias(ent.key, w)
        for n in range(len(words) - 1, 0, -1):
            prefix = " ".join(words[:n])
            if prefix.lower().rstrip(".") in _COMMON_CAPS or words[n - 1].lower() in _CONNECTORS:
                continue
            if n == 1 and (len(prefix) < 3 or prefix.lower() in _GENERIC_WORDS):
                continue
            if fold(prefix) in lexicon().places or fold(prefix) in lexicon().commodities:
                continue  # "Paraguay" alone is the country, not "Paraguay Uranium S.A."
            if ctx.lookup(prefix) not in (None, ent.key):
                continue  # already another organization's name ("BHP" of "BHP Gold Mines Ltd")
            # used alone: not continued by this name's next word nor by another capitalised word
            if used_alone.search(prefix, rf"(?<![\w\-]){re.escape(prefix)}"
                                 rf"(?![\w\-]|\s+(?:{re.escape(words[n])}|[A-Z][\w\-]*))"):
                ctx.alias(ent.key, prefix)


class _AloneIndex:
    """Where each word of a text starts, so that a name's pattern is tried only where its first
    word stands, not over the whole text once per name (linear, not quadratic, in long texts)."""

    _WORD = re.compile(r"(?<![\w\-])[\w\-]+")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[str, list[int]] = {}
        for m in self._WORD.finditer(text):
            self.starts.setdefault(m.group(0), []).append(m.start())

    def search(self, name: str, pattern: str) -> bool:
        """True when ``pattern`` (which opens with ``name``) matches somewhere in the text."""
        first = self._WORD.match(name)
        if first is None:
            return re.search(pattern, self.text) is not None
        compiled = re.compile(pattern)
        return any(compiled.match(self.text, pos) for pos in self.starts.get(first.group(0), ()))


_GENERIC_WORDS = {
    "gold", "steel", "mining", "metals", "metal", "resources", "energy", "american", "national",
    "general", "united", "international", "canadian", "first", "new", "royal", "golden",
    "northern", "southern", "western", "eastern", "global", "world", "pacific", "atlantic",
    "china", "japan", "australian", "consolidated", "standard", "capital", "minerals", "battery",
    "lithium", "copper", "nickel", "silver", "iron", "aluminum", "aluminium", "uranium", "zinc",
    "group", "holdings", "investment", "investments", "south", "north", "east", "west", "great",
    "sept", "saint", "st", "mount", "lake", "river", "black", "white", "red", "blue", "green",
}


# -------------------------------------------------------------------- masks

@dataclass
class Masked:
    sentence: Sentence
    text: str  # the sentence with ⟦n⟧ for mentions and ⟦%v⟧ for percentages
    mentions: list[Mention]
    #: pieces of the masked text: (masked start, masked end, sentence start, sentence end, is a token)
    pieces: list[tuple[int, int, int, int, bool]] = field(default_factory=list)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Absolute offsets in the announcement of the masked-text span ``start:end``.

        A token maps to the whole mention it stands for. Without a piece map
        (a Masked built by hand) the whole sentence is returned.
        """
        if not self.pieces:
            return self.sentence.start, self.sentence.end

        def at(x: int, is_end: bool) -> int:
            for ms, me, os_, oe, token in self.pieces:
                if ms <= x < me or (is_end and ms < x == me):
                    if token:
                        return oe if is_end else os_
                    return os_ + (x - ms)
            return len(self.sentence.text) if is_end else 0

        s, e = at(start, False), at(end, True)
        # trim the trailing blank or punctuation the pattern may have eaten
        while e > s and self.sentence.text[e - 1] in " ,;":
            e -= 1
        return self.sentence.start + s, self.sentence.start + e


_LEGAL_AFTER = re.compile(r",? (?:Limited|Ltd\.?|Inc\.?|Corp\.?|plc|PLC|S\.A\.|SA|AG|ASA|LLC|N\.V\.)(?![\w])")

# "the Company" as a defined term; "The company" opening a sentence (newswire style) is the issuer too
_ISSUER_TERMS = re.compile(r"\b(?:[Tt]he (?:Company|Corporation)|[Ll]a [Ss]ociété)\b|^The company\b")


def mask(ctx: DocContext, sent: Sentence, issuer: str | None = None) -> Masked:
    """The sentence with mentions and percentages replaced by tokens; "the Company" stands for
    ``issuer`` (the company of the About section the sentence is in) or else the document's issuer."""
    lex = lexicon()
    issuer = issuer or ctx.issuer
    text = sent.text
    spans: list[tuple[int, int, str]] = []
    for s, e, key in ctx.find(text):
        spans.append((s, e, key))
    # places and commodities from the lexicon
    for s, e, key in _lexicon_spans(ctx, text, lex, [(s2, e2) for s2, e2, _ in spans]):
        if not any(s < e2 and s2 < e for s2, e2, _ in spans):
            spans.append((s, e, key))
    if issuer:
        for m in _ISSUER_TERMS.finditer(text):
            if not any(m.start() < e2 and s2 < m.end() for s2, e2, _ in spans):
                spans.append((m.start(), m.end(), issuer))
    spans.sort()
    out: list[str] = []
    pieces: list[tuple[int, int, int, int, bool]] = []
    mentions: list[Mention] = []
    cursor = 0
    length = 0

    def plain(a: int, b: int) -> None:
        """Copy text[a:b], with every percentage replaced by its token."""
        pos = a
        for pm in PERCENT.finditer(text, a, b):
            if pm.end() > b:
                break
            piece(text[pos:pm.start()], pos, pm.start(), False)
            piece(f"⟦%{percent_value(pm.group(0))}⟧", pm.start(), pm.end(), True)
            pos = pm.end()
        piece(text[pos:b], pos, b, False)

    def piece(chunk: str, a: int, b: int, token: bool) -> None:
        nonlocal length
        if not chunk:
            return
        out.append(chunk)
        pieces.append((length, length + len(chunk), a, b, token))
        length += len(chunk)

    for s, e, key in spans:
        if s < cursor:
            continue
        if ctx.entities[key].kind == "org":
            # a known name written with its legal form: "the Industrial Development Corporation of
            # South Africa Limited ("IDC")" is one mention, and the defined term after it is dropped
            legal = _LEGAL_AFTER.match(text, e)
            if legal and not any(e <= s2 < legal.end() for s2, _, _ in spans if s2 != s):
                e = legal.end()
            # a dotted legal form keeps its last period inside a sentence: "Sierra Vieja S.C.M. ("SV")"
            if text[e:e + 1] == "." and e + 1 < len(text.rstrip()) and re.search(r"\b(?:[A-Z]\.)+[A-Z]$", text[s:e]):
                e += 1
        stop = s - 1 if text[s - 1:s] == "<" and s > cursor else s
        plain(cursor, stop)
        piece(f"⟦{len(mentions)}⟧", s, e, True)
        mentions.append(Mention(s, e, key, text[s:e]))
        cursor = e
        # drop ticker blocks and defined-term parentheses right after a name, quoted or not ("(BHP)")
        while True:
            m = _PAREN.match(text, cursor)
            if not m or not (re.search(r"[\"“«]", m.group(1)) or _looks_like_ticker_block(m.group(1))
                             or m.group(1) in ctx.entities[key].aliases):
                break
            cursor = m.end()
        if text[cursor:cursor + 1] == ">" and text[s - 1:s] == "<":
            cursor += 1
        # a Reuters code after a name ("Consolidated Goldfields Plc's <CGLD.L>") says nothing more
        code = re.match(r"(['’]s)?\s*<[A-Z0-9.\-]{1,10}>", text[cursor:])
        if code:  # also after a possessive: "Consolidated Goldfields Plc's <CGLD.L> purchase of"
            if code.group(1):
                plain(cursor, cursor + 2)
            cursor += code.end()
    plain(cursor, len(text))
    return Masked(sent, "".join(out), mentions, pieces)


# words for the lexicon scan: a hyphen separates words ("copper-gold-silver" names three commodities)
_WORDISH = re.compile(r"[A-Za-zÀ-ÿ][\w'’.]*")


def _lexicon_spans(ctx: DocContext, text: str, lex,
                   taken: list[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """Places and commodities: the longest lexicon entry starting at each word.

    Words inside ``taken`` (the spans of names already found) are skipped before any entity
    is made: "Katanga" inside "Katanga Mining Limited" adds no place Katanga, which would
    then take the short name "Katanga" from the company.
    """
    words = [w for w in _WORDISH.finditer(text) if not any(s <= w.start() < e for s, e in taken)]
    # a multi-word entry never runs over a name: each word knows where its run of free words ends
    run_end = [0] * len(words)
    for k in range(len(words) - 1, -1, -1):
        nxt = k + 1
        free = nxt < len(words) and not any(words[k].end() <= s < words[nxt].start() for s, _ in taken)
        run_end[k] = run_end[nxt] if free else k + 1
    # a possessive is not part of the name: "Papua New Guinea's" is Papua New Guinea
    ends = [w.end() - 2 if w.group(0).endswith(("'s", "’s")) else w.end() for w in words]
    folds = [fold(text[w.start():end]) for w, end in zip(words, ends)]
    starts = _lexicon_starts()
    out = []
    i = 0
    while i < len(words):
        hit = None
        first = folds[i].split(" ", 1)[0]
        longest = starts.get(first, 0) if first else 0
        for n in range(min(6, run_end[i] - i, longest), 0, -1):
            if n > 1 and any(c in text[words[k].end():words[k + 1].start()] for k in range(i, i + n - 1) for c in ",;()"):
                continue  # "neodymium, praseodymium" is a list of two, not the name "neodymium praseodymium"
            s, e = words[i].start(), ends[i + n - 1]
            folded = " ".join(f for f in folds[i:i + n] if f)
            if not folded or (folded not in lex.places and folded not in lex.commodities):
                continue
            piece = text[s:e].rstrip(".")
            e = s + len(piece)
            place = lex.places.get(folded)
            if place and (_is_cap(piece) or piece.isupper() or (n > 1 and _is_cap(text[words[i + n - 1].start():e]))):
                hit = (s, e, _place_key(ctx, place, piece), n)
                break
            comm = lex.commodities.get(folded)
            if comm:
                if folded in {"lead", "tin", "iron"} and not _metal_context(text, s, e):
                    continue
                key = ctx.add("commodity", comm[1], "Commodity", key=f"commodity-{comm[0]}")
                hit = (s, e, key, n)
                break
        if hit:
            out.append(hit[:3])
            i += hit[3]
        else:
            i += 1
    return out


@lru_cache(maxsize=1)
def _lexicon_starts() -> dict[str, int]:
    """First word of every place and commodity form -> the most words such a form has."""
    lex = lexicon()
    starts: dict[str, int] = {}
    for form in (*lex.places, *lex.commodities):
        tokens = form.split()
        if tokens:
            starts[tokens[0]] = max(starts.get(tokens[0], 0), len(tokens))
    return starts


def _metal_context(text: str, s: int, e: int) -> bool:
    window = text[max(0, s - 40):e + 40].lower()
    return bool(re.search(r"zinc|copper|silver|metal|smelt|refin|mine|ore|tonnes|tons|stocks|"
                          r"production|concentrate|price|output|inventor", window))


def _place_key(ctx: DocContext, place, surface: str) -> str:
    lex = lexicon()
    chain = []
    p = place
    while p is not None and p.key not in chain:
        chain.append(p.key)
        p = lex.place_by_key.get(p.parent) if p.parent else None
    parent_key = None
    for k in reversed(chain):
        entry = lex.place_by_key[k]
        key = ctx.add("place", entry.label, "Place", parent=parent_key, iso=entry.iso,
                      key=f"place-{k}")
        parent_key = key
    key = f"place-{place.key}"
    if surface != place.label:
        ctx.alias(key, surface)
    return key


_CROWN = re.compile(r"^,? (?:(?:is|was) )?(?:an? |the )?(?:[Pp]rovincial |[Ff]ederal |[Tt]erritorial )?"
                    r"[Cc]rown [Cc]orporation")
_SOE = re.compile(r"^,? (?:(?:is|was) )?(?:an? |the )?(?:[\w-]+ ){0,2}?(?:state[- ]owned|government[- ]owned|"
                  r"state[- ]run|state[- ]controlled|société d['’]État|sociedad del estado|national mining company)",
                  re.I)


def _state_typing(ctx: DocContext) -> None:
    """Crown corporations and state-owned enterprises the text describes as such."""
    for sent in ctx.sentences:
        for s, e, key in ctx.find(sent.text):
            ent = ctx.entities[key]
            if ent.kind != "org":
                continue
            rest = sent.text[e:]
            rest = re.sub(r"^\s*\([^()]*\)", "", rest)
            if _CROWN.match(rest):
                ent.classes.add("CrownCorporation")
            elif _SOE.match(rest) or re.search(r"(?:state[- ]owned|state[- ]run|government[- ]owned) $",
                                               sent.text[max(0, s - 40):s], re.I):
                ent.classes.add("StateOwnedEnterprise")


_ABOUT = re.compile(r"\s*(?:ABOUT|About|À propos de|A propos de)\s+(?:the\s+|la\s+|le\s+)?(?P<name>.+?)\s*$")


def about_companies(ctx: DocContext, sentences: list[Sentence]) -> list[str | None]:
    """For each sentence, the company whose "About X" section it is in (None outside one): in a
    partner's About section, "The Company" is the partner, not the issuer."""
    out: list[str | None] = []
    current: str | None = None
    for sent in sentences:
        if sent.section != "about":
            current = None
        else:
            heading = _ABOUT.match(sent.text)
            if heading and len(sent.text.split()) <= 10:
                current = next((k for _, _, k in ctx.find(heading.group("name"))
                                if ctx.entities[k].kind == "org"), current)
        out.append(current)
    return out
