"""``GET /health``: liveness plus the size of the store."""

from __future__ import annotations

from fastapi import APIRouter

from oregraph import __version__
from oregraph.api.deps import StoreDep
from oregraph.api.models import Health
from oregraph.graph.neighbourhood import count_announcements

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, summary="Service status and store size")
def health(store: StoreDep) -> Health:
    return Health(version=__version__, quads=len(store), announcements=count_announcements(store))
