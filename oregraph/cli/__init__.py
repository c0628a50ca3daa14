"""The ``oregraph`` command: thin Typer commands over library functions.

The app and shared helpers live in :mod:`oregraph.cli.common`; each
``*_cmds`` module registers one group of commands on it.
"""

from oregraph.cli import (  # noqa: F401  (importing registers the commands)
    evaluate_cmds,
    extract_cmds,
    ingest_cmds,
    ownership_cmds,
    query_cmds,
    resolve_cmds,
    web_cmds,
)
from oregraph.cli.common import app

__all__ = ["app"]
