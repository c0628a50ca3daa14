"""Words and shapes of names: tokens, legal suffixes, connectors, generic and common capitalised words,
site head nouns and descriptors, nationality words."""

from __future__ import annotations

import re

from oregraph.ingest.lexicon import fold, LEGAL_SUFFIXES, lexicon


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

_ASSET_DESCRIPTORS = {
    "development", "exploration", "advanced", "flagship", "underground", "open", "open-pit",
    "pit", "processing", "conversion", "hydroxide", "carbonate", "primary", "alloy", "master",
    "steel", "plate", "mining", "metals", "metal", "sulphate", "sulfate", "oxide", "production",
    "demonstration", "pilot", "commercial", "battery", "materials", "polymetallic", "base",
    "precious", "critical", "minerals", "mineral", "heap", "leach", "tailings", "rolling",
    "reduction", "refining", "smelting", "ore", "sands", "royalty", "flotation", "concentrate",
    "leaching", "brine", "porphyry", "vein", "gravel", "placer", "hard-rock", "hardrock",
    "greenfield", "brownfield", "past-producing", "producing", "mineral", "extraction",
    "clay", "ionic", "adsorption", "skarn", "epithermal", "sediment-hosted", "in-situ", "isr", "sulphide", "sulfide",
    "laterite", "iocg", "vms", "oxide-sulphide", "heap-leach",
}

# trade words joined by "and" inside one company name
_AND_INDUSTRY = {"mining", "smelting", "refining", "industrial", "industries", "manufacturing", "exploration",
                 "development", "trading", "chemical", "chemicals", "metals", "minerals", "steel", "engineering",
                 "resources", "energy", "investment", "investments", "finance", "metallurgical", "processing"}

_OPENING_WORDS = {"the", "today", "yesterday", "shares", "also", "meanwhile", "and", "but", "however", "in", "on",
                  "if", "owner", "operator", "producer", "customer", "supplier", "buyer", "seller", "some", "many",
                  "most", "where", "whereas", "because", "although", "though", "once", "unlike", "like",
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

_DEMONYMS = {"german", "korean", "thai", "swiss", "dutch", "french", "greek", "polish", "danish",
             "irish", "welsh", "scottish", "finnish", "swedish", "spanish", "turkish", "british"}



def _is_demonym(name: str) -> bool:
    """A nationality word ("a Chilean rare earth project") is not an asset's name."""
    word = fold(name)
    return " " not in word and (word in _DEMONYMS or word.endswith(("ian", "ean", "ese", "ican", "ish")))



_GENERIC_WORDS = {
    "gold", "steel", "mining", "metals", "metal", "resources", "energy", "american", "national",
    "general", "united", "international", "canadian", "first", "new", "royal", "golden",
    "northern", "southern", "western", "eastern", "global", "world", "pacific", "atlantic",
    "china", "japan", "australian", "consolidated", "standard", "capital", "minerals", "battery",
    "lithium", "copper", "nickel", "silver", "iron", "aluminum", "aluminium", "uranium", "zinc",
    "group", "holdings", "investment", "investments", "south", "north", "east", "west", "great",
    "sept", "saint", "st", "mount", "lake", "river", "black", "white", "red", "blue", "green",
}
