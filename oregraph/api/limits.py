"""A limit on the size of request bodies, for every route of the app.

:class:`BodySizeLimit` is a plain ASGI middleware. A request whose
``Content-Length`` is over ``max_bytes`` is answered at once with 413 and the
app's one error shape, without reading the body::

    {"error": {"type": "PayloadTooLarge", "message": "the request body is ... bytes; ..."}}

A request without a length (chunked transfer) is counted as it is read: the
moment it passes ``max_bytes`` the route's read stops and the client gets the
same 413, so a client cannot stream an endless body into memory.

Add it with :func:`install` (``app.add_middleware``), which puts it inside the
app's own error handling: the streamed case stops the route with a private
exception that only this middleware catches. (Wrapped around a whole Starlette
app from outside, the app's ``ServerErrorMiddleware`` would answer 500 first.)

How ``create_app`` wires it (one line, after the routers are included)::

    from oregraph.api import limits
    limits.install(app, settings.max_request_bytes)   # or limits.DEFAULT_MAX_BYTES

>>> from fastapi import FastAPI
>>> app = FastAPI()
>>> install(app, 1024)
>>> [m.cls.__name__ for m in app.user_middleware]
['BodySizeLimit']
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

__all__ = ["BodySizeLimit", "install", "DEFAULT_MAX_BYTES", "ERROR_TYPE"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The default largest body, in bytes (matches the SPARQL endpoint's own 1 MB cap).
DEFAULT_MAX_BYTES = 1_000_000
#: The ``error.type`` of the 413 answer (``HTTP_ERROR_TYPES[413]`` in api/app.py).
ERROR_TYPE = "PayloadTooLarge"


class _TooLarge(Exception):
    """Raised inside ``receive`` when a streamed body passes the limit (never leaves the middleware)."""


class BodySizeLimit:
    """ASGI middleware: refuse request bodies over ``max_bytes`` with 413 and the JSON error shape."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(send, declared)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if started:  # pragma: no cover - a route answered before reading its body
                return
            await self._refuse(send, None)

    async def _refuse(self, send: Send, size: int | None) -> None:
        told = f"is {size:,} bytes" if size is not None else "goes past the limit"
        message = (
            f"the request body {told}; at most {self.max_bytes:,} bytes are accepted. "
            "Send a smaller body (for a long SPARQL query, simplify it or split it)"
        )
        body = json.dumps({"error": {"type": ERROR_TYPE, "message": message}}).encode("utf-8")
        await send({
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode("ascii")),
                (b"connection", b"close"),
            ],
        })
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server answers a malformed length itself
    return None


def install(app: Any, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Add :class:`BodySizeLimit` to a Starlette or FastAPI ``app`` (before it starts serving)."""
    app.add_middleware(BodySizeLimit, max_bytes=max_bytes)
