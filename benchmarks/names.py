"""Name pools shared by the corpus and graph generators (benchmark-only).

Company names are invented from syllables, so they never collide with real
companies; the pools are large enough (tens of thousands of companies) to build
ownership chains many levels deep. Every name is a pure function of an index.
"""

from __future__ import annotations

SYLLABLES_A = [
    "Ka", "Lo", "Ve", "Mar", "Tor", "Sil", "Bri", "Cal", "Dra", "El", "Fen", "Gar", "Hal", "Ir",
    "Jor", "Kel", "Lum", "Mor", "Nor", "Ost", "Pel", "Quen", "Ral", "Sar", "Tal", "Ul", "Var",
    "Wen", "Yar", "Zel", "Ar", "Bel", "Cor", "Dun", "Est", "Fal", "Gil", "Hes", "Ivo", "Jas",
]
SYLLABLES_B = [
    "dor", "ven", "ria", "mont", "lake", "wood", "ston", "brook", "field", "crest", "vale", "ford",
    "mere", "holm", "dale", "rock", "ton", "via", "nor", "rin", "vik", "ley", "gate", "more",
    "haven", "moor", "ridge", "burn", "wick", "side", "land", "cliff", "bury", "shaw", "lyn",
    "port", "well", "thorn", "by", "stad",
]
NOUNS = [
    "Mining", "Minerals", "Metals", "Resources", "Gold", "Copper", "Nickel", "Lithium",
    "Uranium", "Silver", "Zinc", "Cobalt", "Iron Ore", "Exploration", "Royalty", "Capital",
    "Holdings", "Energy Metals", "Critical Minerals", "Battery Metals", "Smelting", "Refining",
    "Alloys", "Rare Earths", "Graphite",
]
LEGAL = ["Inc.", "Corp.", "Ltd.", "Limited", "Corporation", "plc", "AG", "SA", "Pty Ltd", "Group Inc."]

FIRST = [
    "Anna", "Bruno", "Chloé", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kofi",
    "Lena", "Marco", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tomas", "Uma", "Victor",
    "Wendy", "Yusuf", "Zoe", "Aaron", "Beatriz", "Carl", "Dana", "Emil",
]
LAST = [
    "Abbott", "Bergeron", "Castillo", "Delacroix", "Eriksen", "Fontaine", "Gallagher", "Haddad",
    "Ibarra", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Petrov",
    "Quinlan", "Rinaldi", "Sandoval", "Thibault", "Underwood", "Valdez", "Whitaker", "Yamamoto",
    "Zielinski", "Arsenault", "Brennan", "Caron", "Dufresne", "Evans",
]
TITLES = ["President and CEO", "Chief Executive Officer", "Chief Financial Officer", "Chair",
          "Executive Chair", "Chief Operating Officer", "Vice President, Exploration"]

PLANT_KINDS = ["smelter", "refinery", "mill", "processing plant", "concentrator"]
MINE_PLACES = ["Quebec", "Ontario", "British Columbia", "Nevada", "Chile", "Peru", "Western Australia",
               "Finland", "Sweden", "Mexico", "Saskatchewan", "Manitoba", "Argentina", "Ghana"]
COMMODITIES = ["copper", "nickel", "lithium", "gold", "silver", "zinc", "cobalt", "uranium",
               "aluminium", "graphite", "iron ore", "scandium"]
EXCHANGES = [("TSX", "Toronto Stock Exchange"), ("TSXV", "TSX Venture Exchange"),
             ("ASX", "Australian Securities Exchange"), ("NYSE", "New York Stock Exchange"),
             ("LSE", "London Stock Exchange"), ("CSE", "Canadian Securities Exchange")]
WIRES = ["Northgate Wire", "Ore Desk Newswire", "Metals Bulletin Service", "Prospect Press Wire"]
CITIES = ["TORONTO, Ontario", "VANCOUVER, British Columbia", "MONTRÉAL, Québec", "PERTH, Australia",
          "LONDON, United Kingdom", "DENVER, Colorado", "SANTIAGO, Chile", "HELSINKI, Finland"]

N_PREFIX = len(SYLLABLES_A) * len(SYLLABLES_B)  # 1,600
MAX_COMPANIES = N_PREFIX * len(NOUNS)  # 40,000 distinct (ignoring the legal suffix)


def _scramble(i: int, n: int) -> int:
    """A bijection of range(n) (multiplication by a number prime to n), so that
    consecutive indexes get unrelated-looking names."""
    return (i * 7919) % n


def company_name(i: int) -> str:
    """The ``i``-th company name: distinct for distinct ``i`` below :data:`MAX_COMPANIES`."""
    j = _scramble(i % MAX_COMPANIES, MAX_COMPANIES)
    prefix, noun = divmod(j, len(NOUNS))
    a, b = divmod(prefix, len(SYLLABLES_B))
    legal = LEGAL[(i * 31 + 7) % len(LEGAL)]
    return f"{SYLLABLES_A[a]}{SYLLABLES_B[b]} {NOUNS[noun]} {legal}"


def short_name(i: int) -> str:
    """A short form of the company name (prefix word only), used as a defined term."""
    return company_name(i).split(" ", 1)[0]


def person_name(i: int) -> str:
    return f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i * 7) % len(LAST)]}"


def ticker(i: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    j = _scramble(i % MAX_COMPANIES, MAX_COMPANIES)
    return letters[j % 26] + letters[(j // 26) % 26] + letters[(j // 676) % 26] + (
        letters[(j // 17576) % 26] if j >= 17576 else "")


def asset_name(i: int) -> str:
    return f"{SYLLABLES_A[(i * 3) % len(SYLLABLES_A)]}{SYLLABLES_B[(i * 11) % len(SYLLABLES_B)]} " \
           f"{['Creek', 'Hill', 'Lake', 'Ridge', 'Valley', 'Point'][i % 6]}"
