"""Dependencies shared by the routers: the store and the settings on ``app.state``.

``create_app`` puts one :class:`~oregraph.graph.store.Store` and one
:class:`~oregraph.settings.Settings` on ``app.state``; routes ask for them with
``store: StoreDep`` and ``settings: SettingsDep`` instead of reaching for a
global, so every test builds its own app over its own store.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from oregraph.graph.store import Store
from oregraph.settings import Settings

__all__ = ["StoreDep", "SettingsDep", "get_store", "get_settings"]


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
