"""Dependencies shared by the routers: the store, the settings and the query runner on
``app.state``, and the bearer-token check for writes.

``create_app`` puts one store (embedded or remote, see
:class:`~oregraph.graph.interface.GraphStore`), one
:class:`~oregraph.settings.Settings` and one
:class:`~oregraph.graph.interface.QueryRunner` on ``app.state``; routes ask
for them with ``store: StoreDep``, ``settings: SettingsDep`` and
``runner: RunnerDep`` instead of reaching for a global, so every test builds
its own app over its own store.
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from oregraph.errors import Forbidden, Unauthorized
from oregraph.graph.interface import GraphStore, QueryRunner
from oregraph.settings import Settings

__all__ = [
    "StoreDep", "SettingsDep", "RunnerDep", "WriterDep", "get_store", "get_settings",
    "get_runner", "check_update_token", "require_update_token",
]


def get_store(request: Request) -> GraphStore:
    store: GraphStore = request.app.state.store
    return store


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_runner(request: Request) -> QueryRunner:
    runner: QueryRunner = request.app.state.query_runner
    return runner


def check_update_token(settings: Settings, authorization: str | None) -> None:
    """Pass when ``authorization`` is ``Bearer <settings.update_token>``; raise otherwise.

    :class:`Forbidden` (403) when no token is configured (the service is
    read-only) or the token is wrong; :class:`Unauthorized` (401) when the
    request carries no bearer token. Tokens are compared in constant time and
    never logged or echoed.
    """
    if settings.update_token is None:
        raise Forbidden(
            "this service is read-only: no update token is configured "
            "(the operator sets OREGRAPH_UPDATE_TOKEN to allow writes)"
        )
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized(
            "writing needs the header 'Authorization: Bearer <update token>'; "
            "ask the operator for the token"
        )
    expected = settings.update_token.get_secret_value().encode("utf-8")
    if not hmac.compare_digest(token.strip().encode("utf-8"), expected):
        raise Forbidden("the bearer token is not the update token; check it and try again")


def require_update_token(
    settings: Annotated[Settings, Depends(get_settings)],
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> None:
    """Route dependency: the request must carry the update token (see :func:`check_update_token`)."""
    check_update_token(settings, authorization)


StoreDep = Annotated[GraphStore, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
RunnerDep = Annotated[QueryRunner, Depends(get_runner)]
WriterDep = Annotated[None, Depends(require_update_token)]
