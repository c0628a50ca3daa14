"""Fixtures shared by the tests.

Every test runs with ``OREGRAPH_STORE`` pointing at a temporary folder and checks
that nothing was written there, so no command silently falls back on the
default store. ``store`` and ``chain`` are CLI-built stores, one per test module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import CHAIN, RELEASES, invoke


@pytest.fixture(autouse=True)
def _not_the_default_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    default = tmp_path / "default-store"
    monkeypatch.setenv("OREGRAPH_STORE", str(default))
    yield
    assert not default.exists(), "a command fell back on $OREGRAPH_STORE"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the four releases and the ownership chain (read-only for the tests)."""
    where = tmp_path_factory.mktemp("cli") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OREGRAPH_STORE", str(where.parent / "default-store"))
        result = invoke("ingest", *RELEASES, CHAIN, "--store", where)
    assert result.exit_code == 0, result.output
    return where


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding only the ownership chain, for exact query results."""
    where = tmp_path_factory.mktemp("cli-chain") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OREGRAPH_STORE", str(where.parent / "default-store"))
        result = invoke("ingest", CHAIN, "--store", where)
    assert result.exit_code == 0, result.output
    return where
