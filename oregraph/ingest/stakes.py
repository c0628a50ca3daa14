"""Stake tables: ownership known from registries and trackers, as CSV or JSON.

Each row is one curated fact, stored exactly like an extracted one: the row
is rendered as a sentence, which becomes the announcement's text and the
fact's evidence; the fact is an ``og:Shareholding`` with holder, held and
share, in a named graph of its own whose source is the row
(``file.csv#row=4``, RFC 7111; ``file.json#/2``, a JSON pointer) and whose
date and publisher are the row's. Entities go through the same resolution as
extracted ones, so a company named in a table and in a release is one node.

Columns (docs/ingest.md): ``owner``, ``owned`` and ``source`` are required;
``share``, ``date``, ``owner_type``, ``owned_type``, ``owner_ticker``,
``owned_ticker``, ``owner_lei`` and ``owned_lei`` are optional (an LEI is stored
as ``og:lei`` and merges the rows that give it whatever the name's spelling). A bad row is
one issue naming the file, the row and the reason; the good rows are still
ingested.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from oregraph.errors import InputError
from oregraph.ingest.context import Item
from oregraph.ingest.fetch import is_url
from oregraph.ingest.lexicon import normalise_exchange, slug
from oregraph.ingest.records import Announcement, Entity, Extraction, Fact, Sentence
from oregraph.ingest.text import clean_text, decode_text

if TYPE_CHECKING:
    from oregraph.ingest.context import Document, IngestContext

__all__ = ["read", "StakeRow", "parse_row", "row_extraction", "clean_share", "clean_date",
           "clean_ticker", "clean_lei", "COLUMNS", "REQUIRED", "TYPES", "RULE"]

REQUIRED = ("owner", "owned", "source")
COLUMNS = (*REQUIRED, "share", "date", "owner_type", "owned_type", "owner_ticker", "owned_ticker",
           "owner_lei", "owned_lei")
RULE = "table.stake_row"

#: type as written in a table -> (entity kind, og class)
TYPES = {
    "company": ("org", "Company"),
    "state-owned enterprise": ("org", "StateOwnedEnterprise"), "soe": ("org", "StateOwnedEnterprise"),
    "crown corporation": ("org", "CrownCorporation"), "crown": ("org", "CrownCorporation"),
    "government": ("org", "GovernmentBody"), "government body": ("org", "GovernmentBody"),
    "plant": ("facility", "Plant"), "mine": ("facility", "Mine"), "facility": ("facility", "Facility"),
    "project": ("project", "Project"),
}
_OWNER_KINDS = {"org"}


class RowError(ValueError):
    """A row that cannot be ingested; the message is the reason."""


# -- value cleaning, one function per type ---------------------------------------------------

def clean_share(value: Any) -> float | None:
    """A percentage 0–100 from ``45``, ``"45%"``, ``"6.67 %"``, ``"6,67"``; blank is unknown.

    >>> clean_share("6,67 %"), clean_share(""), clean_share(100)
    (6.67, None, 100.0)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise RowError(f"share {value!r} is not a percentage between 0 and 100")
    text = str(value).strip().removesuffix("%").strip().replace(",", ".")
    try:
        share = Decimal(text)
    except InvalidOperation:
        raise RowError(f"share {value!r} is not a percentage between 0 and 100 "
                       "(write 45 or 45% for forty-five percent)") from None
    if not share.is_finite() or not 0 <= share <= 100:
        raise RowError(f"share {value!r} is not a percentage between 0 and 100")
    return float(share)


def clean_date(value: Any) -> date | None:
    """An ISO date ``YYYY-MM-DD``; blank is undated.

    >>> clean_date("2024-03-31"), clean_date(" ")
    (datetime.date(2024, 3, 31), None)
    """
    if value is None or not str(value).strip():
        return None
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise RowError(f"date {value!r} is not a date; write it as YYYY-MM-DD") from None


def clean_ticker(value: Any) -> tuple[str, str] | None:
    """``(exchange code, symbol)`` from ``"TSX:ALD"`` or ``"TSX Venture: ab.c"``.

    >>> clean_ticker("TSX Venture: ab.c")
    ('TSXV', 'AB.C')
    """
    if value is None or not str(value).strip():
        return None
    exchange, sep, symbol = str(value).partition(":")
    code = normalise_exchange(exchange) if sep else None
    symbol = symbol.strip().upper()
    if not code or not re.fullmatch(r"[A-Z0-9.\-]{1,12}", symbol):
        raise RowError(f"ticker {value!r} is not EXCHANGE:SYMBOL with a known exchange (for example TSX:ABC)")
    return code, symbol


def clean_lei(value: Any) -> str | None:
    """A Legal Entity Identifier (ISO 17442: 20 characters, check digits valid).

    >>> clean_lei("oregraphexample00173")  # a made-up LEI with valid check digits
    'OREGRAPHEXAMPLE00173'
    """
    if value is None or not str(value).strip():
        return None
    lei = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{18}[0-9]{2}", lei) or int("".join(str(int(c, 36)) for c in lei)) % 97 != 1:
        raise RowError(f"LEI {value!r} is not a valid Legal Entity Identifier (20 characters, ISO 17442)")
    return lei


def _clean_name(value: Any, column: str) -> str:
    name = " ".join(clean_text(str(value or "")).split())
    if not name:
        raise RowError(f"the {column} column is empty")
    if not re.search(r"\w", name):
        raise RowError(f"{column} {value!r} is not a name")
    return name


def _clean_type(value: Any, column: str, allowed: set[str]) -> tuple[str, str]:
    word = " ".join(str(value or "company").lower().replace("_", " ").split()) or "company"
    word = word.replace("state owned", "state-owned")
    if word not in TYPES or TYPES[word][0] not in allowed:
        choices = sorted(t for t, (kind, _) in TYPES.items() if kind in allowed)
        raise RowError(f"{column} {value!r} is not one of: {', '.join(choices)}")
    return TYPES[word]


# -- rows --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Party:
    name: str
    kind: str
    cls: str
    ticker: tuple[str, str] | None
    lei: str | None

    @property
    def key(self) -> str:
        return f"{self.kind}-{slug(self.name)}"

    def describe(self) -> str:
        ids = [f"{self.ticker[0]}: {self.ticker[1]}"] if self.ticker else []
        ids += [f"LEI {self.lei}"] if self.lei else []
        return f"{self.name} ({'; '.join(ids)})" if ids else self.name


@dataclass(frozen=True)
class StakeRow:
    owner: Party
    owned: Party
    share: float | None
    date: date | None
    source: str

    def sentence(self) -> str:
        """The row as the sentence stored for its evidence (no file name: a copy is the same fact).

        >>> row = parse_row({"owner": "Alder Mining Inc.", "owned": "Birch Holdings Ltd.",
        ...                  "share": "45", "date": "2024-03-31", "source": "Ontario registry"})
        >>> row.sentence()
        'Alder Mining Inc. holds 45% of Birch Holdings Ltd. as of 2024-03-31, according to Ontario registry.'
        """
        share = f"{Decimal(str(self.share)).normalize():f}%" if self.share is not None else "a stake of unknown size"
        when = f" as of {self.date.isoformat()}" if self.date else ""
        return (f"{self.owner.describe()} holds {share} of {self.owned.describe()}{when}, "
                f"according to {self.source.rstrip('.')}.")


def parse_row(raw: dict[str, Any]) -> StakeRow:
    """One table row, checked; :class:`RowError` says what is wrong with it."""
    row = {_column(k): v for k, v in raw.items() if k is not None}
    for column in REQUIRED:
        if not str(row.get(column) or "").strip():
            raise RowError(f"the {column} column is empty")
    owner_kind, owner_cls = _clean_type(row.get("owner_type"), "owner_type", _OWNER_KINDS)
    owned_kind, owned_cls = _clean_type(row.get("owned_type"), "owned_type", {"org", "facility", "project"})
    owner = Party(_clean_name(row["owner"], "owner"), owner_kind, owner_cls,
                  clean_ticker(row.get("owner_ticker")), clean_lei(row.get("owner_lei")))
    owned = Party(_clean_name(row["owned"], "owned"), owned_kind, owned_cls,
                  clean_ticker(row.get("owned_ticker")), clean_lei(row.get("owned_lei")))
    if owned.kind != "org" and (owned.ticker or owned.lei):
        raise RowError(f"owned {owned.name!r} is a {owned_cls.lower()}; only organizations have tickers or LEIs")
    if owner.key == owned.key:
        raise RowError(f"owner and owned are the same ({owner.name!r})")
    return StakeRow(owner, owned, clean_share(row.get("share")), clean_date(row.get("date")),
                    " ".join(clean_text(str(row["source"])).split()))


def row_extraction(row: StakeRow, source_iri: str) -> Extraction:
    """The row as an :class:`Extraction`: two entities, one stake fact, listings when given."""
    text = row.sentence()
    sentence = Sentence(0, len(text), text, "body", 0)
    entities = {p.key: Entity(p.key, p.kind, p.name, {p.cls}, identifiers={"lei": p.lei} if p.lei else {})
                for p in (row.owner, row.owned)}
    facts = [Fact("ownsStakeIn", row.owner.key, row.owned.key, sentence, RULE, confidence=1.0, share=row.share)]
    for party in (row.owner, row.owned):
        if party.ticker:
            facts.append(Fact("listedAs", party.key, f"{party.ticker[0]}:{party.ticker[1]}", sentence,
                              "table.ticker", confidence=1.0))
    publisher = None if is_url(row.source) else row.source
    title = f"{row.owner.name} stake in {row.owned.name}" + (f" ({row.date.isoformat()})" if row.date else "")
    announcement = Announcement(text=text, source=source_iri, title=title, date=row.date, publisher=publisher)
    return Extraction(announcement=announcement, entities=entities, facts=facts, sentences=[sentence],
                      title=title, date=row.date, publisher=publisher)


def _column(name: str) -> str:
    return "_".join(str(name).strip().lower().replace("-", " ").split())


# -- files -------------------------------------------------------------------------------------

def _csv_rows(doc: Document) -> tuple[list[str], Iterator[tuple[int, dict[str, Any]]]]:
    text = decode_text(doc.data, doc.name, doc.charset)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first or doc.name.lower().endswith(".tsv") else (
        ";" if first.count(";") > first.count(",") else ",")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [_column(h) for h in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise InputError(f"{doc.name}: not a readable CSV table ({exc})") from None

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        number = 1  # the header is row 1, as in a spreadsheet and RFC 7111
        try:
            for raw in reader:
                number = reader.line_num
                if not any(str(v or "").strip() for v in raw.values()):
                    continue
                yield number, raw
        except csv.Error as exc:
            raise InputError(f"{doc.name}: row {number + 1}: not readable CSV ({exc}); "
                             "the rows before it were read") from None

    return header, rows()


def _json_rows(doc: Document) -> tuple[list[str], Iterator[tuple[int, Any]], str]:
    try:
        data = json.loads(decode_text(doc.data, doc.name, doc.charset))
    except json.JSONDecodeError as exc:
        raise InputError(f"{doc.name}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                         f"{exc.msg})") from None
    pointer = ""
    if isinstance(data, dict) and isinstance(data.get("stakes"), list):
        data, pointer = data["stakes"], "/stakes"
    if not isinstance(data, list):
        raise InputError(f"{doc.name}: not a stake table: expected a JSON list of rows "
                         "(or {\"stakes\": [...]}); see docs/ingest.md")
    header = sorted({_column(k) for item in data if isinstance(item, dict) for k in item})
    return header, enumerate(data, start=1), pointer


def read(ctx: IngestContext, doc: Document) -> Iterator[Item]:
    """The stake-table ingestor: one :class:`Item` per good row, one issue per bad row."""
    is_json = doc.data.lstrip()[:1] in (b"[", b"{") or doc.name.lower().endswith(".json")
    if is_json:
        header, rows, pointer = _json_rows(doc)
    else:
        header, rows = _csv_rows(doc)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{doc.name}: not a stake table: the columns {', '.join(REQUIRED)} are required "
                         f"and {', '.join(missing)} {'is' if len(missing) == 1 else 'are'} missing "
                         "(see docs/ingest.md)")
    unknown = [c for c in header if c and c not in COLUMNS]
    if unknown:
        ctx.issue(doc.name, f"ignored the column{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                  f"(known: {', '.join(COLUMNS)})", level="warning", kind="stakes")
    for number, raw in rows:
        label = f"{doc.name} {'item' if is_json else 'row'} {number}"
        iri = f"{doc.uri}#{pointer}/{number - 1}" if is_json else f"{doc.uri}#row={number}"
        try:
            if not isinstance(raw, dict):
                raise RowError("the item is not a JSON object with owner, owned and source")
            extraction = row_extraction(parse_row(raw), iri)
        except RowError as exc:
            ctx.issue(label, f"{exc}; row not ingested", kind="stakes")
            continue
        yield Item(label, "stakes", extraction.announcement, extraction)
