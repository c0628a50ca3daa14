"""Response models of the JSON API (the request side is plain query parameters).

They mirror the graph layer's records (:mod:`oregraph.graph.entities`,
:mod:`oregraph.graph.ownership`) field for field where they can, so the JSON
is documented in the OpenAPI schema and the records can change inside without
breaking clients. Shares are percentages (0-100), ``null`` when not stated.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from oregraph.graph.entities import EntityDetail, EntitySummary, FactView

__all__ = [
    "Health", "EntitySummaryOut", "EntityRefOut", "SourceOut", "FactOut", "EntityOut",
    "OwnershipEntityOut", "DirectStakeOut", "UltimateOut", "OwnershipOut", "CandidateOut",
    "ErrorDetail",
    "ErrorOut",
]


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str
    quads: int = Field(description="Quads in the store, all named graphs together.")
    announcements: int = Field(description="Announcements read into the store.")


class EntitySummaryOut(BaseModel):
    id: str = Field(description="URL-safe id, the path segment of /entities/{id}.",
                    examples=["org-albecour"])
    label: str
    types: list[str] = Field(description="og class local names, most specific first.",
                             examples=[["Company", "Organization"]])
    aliases: list[str] = []
    tickers: list[str] = Field([], description="EXCHANGE:SYMBOL", examples=[["TSXV:IPG"]])

    @classmethod
    def of(cls, summary: EntitySummary) -> EntitySummaryOut:
        return cls(
            id=summary.id, label=summary.label, types=list(summary.types),
            aliases=list(summary.aliases), tickers=list(summary.tickers),
        )


class EntityRefOut(BaseModel):
    id: str
    iri: str
    label: str


class SourceOut(BaseModel):
    """The announcement a fact was read from."""

    id: str
    iri: str
    title: str | None = None
    date: str | None = Field(None, description="ISO date as published.")
    url: str | None = Field(None, description="dcterms:source: the file or page read.")


class FactOut(BaseModel):
    """One fact about the entity, seen from it (``direction`` 'out': the entity is the subject)."""

    predicate: str = Field(description="og shortcut predicate local name.", examples=["ownsStakeIn"])
    direction: Literal["out", "in"]
    other: EntityRefOut
    share: float | None = None
    agreement_type: str | None = None
    status: str | None = None
    title: str | None = None
    date: str | None = Field(None, description="og:dateSigned of an agreement.")
    controlling: bool | None = None
    evidence: str | None = Field(None, description="The sentence the fact was read from.")
    rule: str | None = None
    confidence: float | None = None
    source: SourceOut | None = None

    @classmethod
    def of(cls, fact: FactView) -> FactOut:
        ann = fact.announcement
        return cls(
            predicate=fact.predicate,
            direction=fact.direction,
            other=EntityRefOut(id=fact.other.id, iri=fact.other.iri, label=fact.other.label),
            share=fact.share,
            agreement_type=fact.agreement_type,
            status=fact.status,
            title=fact.title,
            date=fact.date,
            controlling=fact.controlling,
            evidence=fact.evidence,
            rule=fact.rule,
            confidence=fact.confidence,
            source=None if ann is None else SourceOut(
                id=ann.id, iri=ann.iri, title=ann.title, date=ann.date, url=ann.source
            ),
        )


class EntityOut(EntitySummaryOut):
    iri: str
    facts: list[FactOut] = []

    @classmethod
    def of_detail(cls, detail: EntityDetail) -> EntityOut:
        s = detail.summary
        return cls(
            id=s.id, iri=s.iri, label=s.label, types=list(s.types), aliases=list(s.aliases),
            tickers=list(s.tickers), facts=[FactOut.of(f) for f in detail.facts],
        )


class OwnershipEntityOut(BaseModel):
    id: str
    iri: str
    label: str
    types: list[str] = []


class DirectStakeOut(BaseModel):
    id: str
    iri: str
    label: str
    share: float | None = Field(description="Percent held directly; null when not stated.")
    relation: str = Field(
        "stake", description="'stake', 'subsidiary' (controlling) or 'operator' (runs an asset "
        "nobody is said to own).",
    )


class UltimateOut(BaseModel):
    id: str
    iri: str
    label: str
    effective_share: float | None = Field(
        description="Sum over paths of the product of shares, in percent; null when unknown."
    )
    paths: list[list[str]] = Field(description="Each path as ids, from owner down to owned.")
    types: list[str] = []
    partially_unknown: bool = False


class OwnershipOut(BaseModel):
    entity: OwnershipEntityOut
    direction: Literal["owners", "holdings"]
    direct: list[DirectStakeOut]
    ultimate: list[UltimateOut]
    truncated: bool = False


class CandidateOut(BaseModel):
    id: str
    label: str


class ErrorDetail(BaseModel):
    type: str = Field(examples=["EntityNotFound"])
    message: str
    candidates: list[CandidateOut] | None = Field(
        None, description="For AmbiguousEntity (409): the entities the name matches."
    )


class ErrorOut(BaseModel):
    error: ErrorDetail
