"""The HTTP API and pages: ``create_app(settings, store)`` builds the FastAPI app."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Imported lazily so that importing a router does not import the app first.
    if name == "create_app":
        from oregraph.api.app import create_app

        return create_app
    raise AttributeError(name)
