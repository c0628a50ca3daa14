"""The bundled sample announcements (what `make demo` shows) read as their README says.

Each row is one fact the sample states (oregraph/ingest/samples/README.md lists
them per file); each trap is something the sample says that is NOT that fact
(a royalty, an ore grade, a supplier, a stock exchange). A miss is a strict
xfail with the reason, so a fix shows up.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import pytest

from oregraph.ingest.extract import extract
from oregraph.ingest.records import Extraction
from oregraph.ingest.samples import samples_dir
from oregraph.ingest.text import read_text_file


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@cache
def _read(sample: str) -> Extraction:
    return extract(read_text_file(samples_dir() / f"{sample}.txt"))


def _facts(sample: str) -> list[tuple[str, str, str, float | None, str | None]]:
    """(subject label, predicate, object label or listing, share, agreement) of every fact."""
    ex = _read(sample)
    out = []
    for f in ex.facts:
        obj = f.object if f.predicate == "listedAs" else ex.entities[f.object].label
        out.append((ex.entities[f.subject].label, f.predicate, obj, f.share, f.agreement))
    return out


def _names(label: str, wanted: str) -> bool:
    return _fold(wanted) in _fold(label)


def _holds(sample: str, holder: str, held: str, share: float | None) -> bool:
    """A stake of ``holder`` in ``held`` (ownsStakeIn, or held subsidiaryOf holder) at ``share``."""
    for s, p, o, sh, _ in _facts(sample):
        if p == "ownsStakeIn" and _names(s, holder) and _names(o, held) or \
                p == "subsidiaryOf" and _names(s, held) and _names(o, holder):
            if share is None or sh is not None and abs(sh - share) < 0.01:
                return True
    return False


def _has(sample: str, subject: str, predicate: str, obj: str) -> bool:
    return any(p == predicate and _names(s, subject) and (o == obj if predicate == "listedAs" else _names(o, obj))
               for s, p, o, _, _ in _facts(sample))


STAKES = [
    ("alouette-owners", "Rio Tinto", "Aluminerie Alouette", 40),
    ("alouette-owners", "Norsk Hydro", "Aluminerie Alouette", 20),
    ("alouette-owners", "AMAG", "Aluminerie Alouette", 20),
    ("alouette-owners", "Marubeni", "Aluminerie Alouette", 13.33),
    ("alouette-owners", "Albecour", "Aluminerie Alouette", 6.67),
    ("alouette-owners", "Investissement Québec", "Albecour", 100),
    ("nemaska-lithium", "Investissement Québec", "Nemaska Lithium", 50),
    ("nemaska-lithium", "Arcadium", "Nemaska Lithium", 50),
    ("kamoto-copper", "Katanga Mining", "Kamoto Copper", 75),
    ("kamoto-copper", "Gécamines", "Kamoto Copper", 25),
    ("kamoto-copper", "Glencore", "Katanga Mining", None),
    ("mozal-aluminium", "South32", "Mozal", 47.1),
    ("mozal-aluminium", "Mitsubishi", "Mozal", 25),
    ("mozal-aluminium", "Industrial Development Corporation", "Mozal", 24),
    ("mozal-aluminium", "Government of Mozambique", "Mozal", 3.9),
    ("oyu-tolgoi", "Turquoise Hill", "Oyu Tolgoi", 66),
    ("oyu-tolgoi", "Erdenes", "Oyu Tolgoi", 34),
    ("escondida-copper", "BHP", "Escondida", 57.5),
    ("escondida-copper", "Rio Tinto", "Escondida", 30),
    ("escondida-copper", "JECO", "Escondida", 12.5),
    ("cameco-cigar-lake-inkai", "Cameco", "Cigar Lake", 54.547),
    ("cameco-cigar-lake-inkai", "Orano Canada", "Cigar Lake", 40.453),
    ("cameco-cigar-lake-inkai", "TEPCO Resources", "Cigar Lake", 5),
    ("cameco-cigar-lake-inkai", "Orano Canada", "McClean Lake", 77.5),
    ("cameco-cigar-lake-inkai", "Denison", "McClean Lake", 22.5),
    ("cameco-cigar-lake-inkai", "Kazatomprom", "Inkai", 60),
    ("cameco-cigar-lake-inkai", "Cameco", "Inkai", 40),
    ("cameco-cigar-lake-inkai", "Cameco", "Westinghouse", 49),
    ("becancour-abi", "Alcoa", "Aluminerie de Bécancour", 74.95),
    ("becancour-abi", "Rio Tinto", "Aluminerie de Bécancour", 25.05),
    ("sierra-gorda-stake", "KGHM", "Sierra Gorda", 55),
]

OTHER_FACTS = [
    ("alouette-owners", "Investissement Québec", "subsidiaryOf", "Government of Québec"),
    ("alouette-owners", "Rio Tinto", "listedAs", "LSE:RIO"),
    ("nemaska-lithium", "Rio Tinto", "acquires", "Arcadium"),
    ("nemaska-lithium", "Arcadium", "listedAs", "NYSE:ALTM"),
    ("nemaska-lithium", "Nemaska Lithium", "operates", "Whabouchi"),
    ("kamoto-copper", "Gary Nagle", "officerOf", "Glencore"),
    ("kamoto-copper", "Glencore", "listedAs", "LSE:GLEN"),
    ("mozal-aluminium", "South32", "operates", "Mozal"),
    ("mozal-aluminium", "South32", "listedAs", "ASX:S32"),
    ("oyu-tolgoi", "Rio Tinto", "acquires", "Turquoise Hill"),
    ("oyu-tolgoi", "Jakob Stausholm", "officerOf", "Rio Tinto"),
    ("escondida-copper", "BHP", "operates", "Escondida"),
    ("escondida-copper", "BHP", "listedAs", "ASX:BHP"),
    ("cameco-cigar-lake-inkai", "Cameco", "operates", "Cigar Lake"),
    ("cameco-cigar-lake-inkai", "Tim Gitzel", "officerOf", "Cameco"),
    ("cameco-cigar-lake-inkai", "Cameco", "listedAs", "TSX:CCO"),
    ("purepoint-hook-lake", "Purepoint", "operates", "Hook Lake"),
    ("purepoint-hook-lake", "Purepoint", "listedAs", "TSXV:PTU"),
    ("becancour-abi", "Alcoa", "acquires", "Alumina Limited"),
    ("becancour-abi", "William F. Oplinger", "officerOf", "Alcoa"),
    ("becancour-abi", "Alcoa", "listedAs", "NYSE:AA"),
    ("elysis-partnership", "Alcoa", "partnerOf", "Rio Tinto"),
    ("elysis-partnership", "Roy Harvey", "officerOf", "Alcoa"),
    ("sierra-gorda-stake", "South32", "acquires", "Sierra Gorda"),
]


#: Known misses: the row id and why the extractor misses it (strict xfails; remove one when fixed).
KNOWN_MISSES: dict[str, str] = {}


def _rows(rows: list[tuple], ids: list[str]) -> list:
    return [pytest.param(*row, id=i, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[i])]
                         if i in KNOWN_MISSES else []) for row, i in zip(rows, ids)]


@pytest.mark.parametrize(("sample", "holder", "held", "share"),
                         _rows(STAKES, [f"{s}:{h}>{o}" for s, h, o, _ in STAKES]))
def test_sample_stakes(sample: str, holder: str, held: str, share: float | None) -> None:
    assert _holds(sample, holder, held, share), _facts(sample)


@pytest.mark.parametrize(("sample", "subject", "predicate", "obj"),
                         _rows(OTHER_FACTS, [f"{s}:{a}-{p}-{o}" for s, a, p, o in OTHER_FACTS]))
def test_sample_facts(sample: str, subject: str, predicate: str, obj: str) -> None:
    assert _has(sample, subject, predicate, obj), _facts(sample)


# -- traps: what the samples say that is not a fact of that kind -----------------------------

SAMPLES = sorted(p.stem for p in samples_dir().glob("*.txt"))
EXCHANGE_WORDS = ("stock exchange", "securities exchange", "venture exchange")


@pytest.mark.parametrize("sample", SAMPLES)
def test_no_stock_exchange_or_fragment_of_one_is_an_organization(sample: str) -> None:
    """Exchanges are where companies list, not parties: no fact names one (or 'York' of 'New York')."""
    for s, p, o, _, _ in _facts(sample):
        for name in (s, o if p != "listedAs" else ""):
            assert not any(w in _fold(name) for w in EXCHANGE_WORDS) and _fold(name) != "york", (s, p, o)


@pytest.mark.parametrize(("sample", "holder", "held"), [
    ("escondida-copper", "Rio Tinto", "BHP"),            # co-owners of a mine, not of each other
    ("becancour-abi", "Rio Tinto", "Alcoa"),             # co-owners of a smelter
    ("cameco-cigar-lake-inkai", "Orano Canada", "Cameco"),  # partner in the mine, not in Cameco
    ("alouette-owners", "Hydro-Québec", "Aluminerie Alouette"),  # the power supplier
])
def test_co_owners_and_suppliers_hold_no_stake_in_each_other(sample: str, holder: str, held: str) -> None:
    assert not _holds(sample, holder, held, None), _facts(sample)


@pytest.mark.parametrize(("sample", "share"), [
    ("kamoto-copper", 3.5),          # a royalty rate
    ("cameco-cigar-lake-inkai", 10),  # an ore grade
])
def test_rates_and_grades_are_not_stakes(sample: str, share: float) -> None:
    assert not any(sh is not None and abs(sh - share) < 0.01 for _, p, _, sh, _ in _facts(sample)
                   if p in ("ownsStakeIn", "subsidiaryOf", "acquires")), _facts(sample)


def test_a_supply_negotiation_without_agreement_is_no_partnership() -> None:
    assert not [f for f in _facts("mozal-aluminium") if f[1] == "partnerOf"]
