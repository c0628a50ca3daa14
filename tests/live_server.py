"""An app served over real HTTP for tests that drive it with real clients (a browser,
SPARQL client libraries): uvicorn on a free loopback port, in a daemon thread.

    with serve_in_thread(create_app(settings, store)) as base:
        httpx.get(base + "/health")
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["serve_in_thread"]


@contextmanager
def serve_in_thread(app: Any, *, start_timeout: float = 20.0, **config: Any) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of ``app`` served until the block ends.

    ``config`` adds to or overrides uvicorn's settings (port 0, so the system
    picks a free port; warnings only; lifespan on). Raises :class:`RuntimeError`
    when the server has not started within ``start_timeout`` seconds.
    """
    import uvicorn

    options: dict[str, Any] = {
        "host": "127.0.0.1", "port": 0, "log_level": "warning", "lifespan": "on", **config,
    }
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + start_timeout
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError(f"uvicorn did not start within {start_timeout:g} s")
            time.sleep(0.02)
        port = server.servers[0].sockets[0].getsockname()[1]
        yield f"http://{options['host']}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
