"""Plain records passed between the extraction stages.

Each stage is a function from one record to the next (see ARCHITECTURE.md):
``Announcement`` -> ``Document`` (cleaned, split into sentences) -> mentions ->
``Extraction`` (entities and ``Fact``s with evidence). Nothing here knows RDF.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
import datetime as _dt

__all__ = ["Announcement", "Sentence", "Mention", "Entity", "Fact", "Extraction", "KINDS"]

#: Entity kinds and the IRI prefix each is minted under.
KINDS = ("org", "facility", "project", "person", "place", "commodity")


@dataclass(frozen=True)
class Announcement:
    """One source document as read, before any interpretation."""

    text: str
    source: str  # IRI of the file or URL it came from
    title: str | None = None
    date: _dt.date | None = None
    publisher: str | None = None
    #: the file or URL actually read, when ``source`` is another address (a page's canonical URL)
    retrieved_from: str | None = None
    #: BCP 47 language tag when the reader knows it (``<html lang>``, a feed's language), else None
    language: str | None = None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sentence:
    """A sentence with its character offsets in the announcement text."""

    start: int
    end: int
    text: str
    section: str = "body"  # body | about | quote-free header, see cleanup
    index: int = 0


@dataclass
class Mention:
    """A span of a sentence that names an entity (offsets relative to the sentence)."""

    start: int
    end: int
    key: str  # entity key within the document
    text: str


@dataclass
class Entity:
    """An entity as the document names it; resolution to the store comes later."""

    key: str
    kind: str  # one of KINDS
    label: str
    classes: set[str] = field(default_factory=set)  # og class local names
    aliases: set[str] = field(default_factory=set)
    parent: str | None = None  # for places: key of the enclosing place
    iso: str | None = None  # for places: ISO 3166 code when known
    #: registry identifiers by scheme, e.g. {"lei": "OREGRAPHEXAMPLE00173"} (ISO 17442, upper case)
    identifiers: dict[str, str] = field(default_factory=dict)

    def names(self) -> set[str]:
        return {self.label, *self.aliases}


@dataclass
class Fact:
    """One relation read from one sentence, with its evidence."""

    predicate: str  # subsidiaryOf, ownsStakeIn, acquires, partnerOf, operates, commodity,
    #                 locatedIn, listedAs, officerOf
    subject: str  # entity key
    object: str  # entity key, or "EXCHANGE:SYMBOL" for listedAs
    sentence: Sentence
    rule: str
    confidence: float = 0.8
    share: float | None = None
    agreement: str | None = None  # MOU, LOI, JointVenture, Offtake, Supply, Option, ...
    status: str | None = None  # proposed, signed, completed, terminated
    binding: bool | None = None
    title: str | None = None
    #: the words that made the fact: absolute character offsets in the announcement text
    span: tuple[int, int] | None = None

    @property
    def trigger(self) -> str:
        """The trigger phrase (the matched words), or the whole sentence when unknown."""
        if self.span is None:
            return self.sentence.text
        return self.sentence.text[self.span[0] - self.sentence.start:self.span[1] - self.sentence.start]

    def key(self) -> tuple:
        return (self.predicate, self.subject, self.object)


@dataclass
class Extraction:
    """Everything read from one announcement."""

    announcement: Announcement
    entities: dict[str, Entity]
    facts: list[Fact]
    sentences: list[Sentence]
    title: str | None = None
    date: _dt.date | None = None
    publisher: str | None = None
