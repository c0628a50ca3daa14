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
from oregraph.graph.history import ChangeKind

__all__ = [
    "Health", "EntitySummaryOut", "EntityRefOut", "SourceOut", "FactOut", "EntityOut",
    "OwnershipEntityOut", "DirectStakeOut", "UltimateOut", "OwnershipOut", "CandidateOut",
    "ErrorDetail",
    "ErrorOut",
    "HoldingGroupOut", "GroupedHoldingsOut", "GovernmentShareOut", "StateOut",
    "AgreementOut", "PartnerOut", "PartnersOut", "PathStepOut", "PathOut", "ChangeOut",
    "IssueOut", "CheckOut",
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
    date: str | None = Field(None, description="Date of the announcement that stated the stake in force.")
    controlling: bool = False


class UltimateOut(BaseModel):
    id: str
    iri: str
    label: str
    effective_share: float | None = Field(
        description="Integrated share in percent: every chain's product of stakes, summed, "
        "cross-holdings solved as (I - A)^-1; null when every chain has a stake of unknown size."
    )
    paths: list[list[str]] = Field(description="Chains as ids, from owner down to owned (at most 50).")
    types: list[str] = []
    partially_unknown: bool = Field(
        False, description="Some chain has a stake of unknown size: the share is a lower bound.")
    controls: bool = Field(False, description="A chain of control (majority or controlling stake "
                           "at every step) joins the two.")
    control_path: list[str] | None = Field(None, description="The shortest chain of control, as ids.")
    path_count: int = Field(0, description="How many chains there are in all.")
    distance: int = Field(0, description="Fewest steps between the two.")
    is_root: bool = Field(False, description="Nobody is said to own this entity.")


class OwnershipOut(BaseModel):
    """Owners (upwards) or holdings (downwards) of one entity; shares in percent (0-100)."""

    entity: OwnershipEntityOut
    direction: Literal["owners", "holdings"]
    as_of: str | None = Field(None, description="Facts from announcements after this date are ignored.")
    direct: list[DirectStakeOut]
    ultimate: list[UltimateOut] = Field(
        description="Owners: the roots (owners nobody owns). Holdings: everything held.")
    effective: list[UltimateOut] = Field(
        [], description="Every owner (or holding) at any level with its integrated share.")
    ultimate_controllers: list[UltimateOut] = Field(
        [], description="Owners at the top of the control chains (ultimate parents).")
    truncated: bool = False
    unresolved_cycle: bool = Field(
        False, description="A cross-holding whose stakes add up past 100% could not be solved.")


class HoldingGroupOut(BaseModel):
    id: str = Field(description="The commodity or country id.", examples=["commodity-aluminium"])
    iri: str
    label: str
    count: int
    members: list[UltimateOut]


class GroupedHoldingsOut(BaseModel):
    """Holdings grouped by commodity or country (shares of different assets are not added)."""

    entity: OwnershipEntityOut
    by: Literal["commodity", "country"]
    as_of: str | None = None
    groups: list[HoldingGroupOut]
    ungrouped: list[UltimateOut] = Field(description="Holdings with no commodity (or country) known.")


class GovernmentShareOut(BaseModel):
    id: str = Field(description="The government, or the state-owned enterprise standing for an "
                    "unnamed government when identified is false.")
    iri: str
    label: str
    identified: bool
    effective_share: float | None
    partially_unknown: bool = False
    via: list[str] = Field([], description="Ids of the state-owned enterprises on the chains.")
    paths: list[list[str]] = []
    countries: list[str] = Field([], description="For an unnamed government: where its enterprise is.")


class StateOut(BaseModel):
    """The share of the entity held by governments, through crown corporations and SOEs."""

    entity: OwnershipEntityOut
    as_of: str | None = None
    governments: list[GovernmentShareOut]
    total_share: float = Field(description="Sum of the known government shares, percent.")
    partially_unknown: bool = False
    entity_is_state: bool = False


class AgreementOut(BaseModel):
    node: str = Field(description="IRI of the agreement node; empty for a bare og:partnerOf.")
    type: str = Field(examples=["MemorandumOfUnderstanding"])
    parties: list[str]
    status: str | None = None
    date_signed: str | None = None
    date: str | None = Field(None, description="Date of the announcement that stated it.")
    announcement: str | None = None
    evidence: str | None = None
    rule: str | None = None
    confidence: float | None = None


class PartnerOut(BaseModel):
    id: str
    iri: str
    label: str
    agreements: list[AgreementOut]


class PartnersOut(BaseModel):
    entity: OwnershipEntityOut
    as_of: str | None = None
    partners: list[PartnerOut]


class PathStepOut(BaseModel):
    from_: str = Field(alias="from", serialization_alias="from")
    to: str
    to_label: str
    relation: Literal["owns", "owned by", "partner"]
    share: float | None = None
    kind: str | None = Field(None, description="stake/subsidiary/operator, or the agreement type.")
    date: str | None = None
    evidence: str | None = None


class PathOut(BaseModel):
    from_: OwnershipEntityOut = Field(alias="from", serialization_alias="from")
    to: OwnershipEntityOut
    as_of: str | None = None
    length: int
    ids: list[str]
    steps: list[PathStepOut]


class ChangeOut(BaseModel):
    date: str
    fact: Literal["stake", "agreement"]
    change: ChangeKind
    subjects: list[str] = Field(description="Stake: [holder, held]; agreement: the parties (ids).")
    labels: list[str]
    share: float | None = None
    previous_share: float | None = None
    previous_date: str | None = None
    agreement_type: str | None = None
    status: str | None = None
    previous_status: str | None = None
    announcement: str | None = None
    evidence: str | None = None
    node: str | None = None


class IssueOut(BaseModel):
    kind: Literal["over_100", "contradiction", "cycle", "orphan", "low_confidence"]
    severity: Literal["error", "warning", "info"]
    message: str
    entities: list[str]
    nodes: list[str]


class CheckOut(BaseModel):
    as_of: str | None = None
    min_confidence: float
    ok: bool = Field(description="No error-level issue.")
    counts: dict[str, int]
    issues: list[IssueOut]


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
