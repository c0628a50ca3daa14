"""The `oregraph viz` command, run in-process: exit codes, output and files written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.cli_helpers import invoke

# rdflib's own parsers and serialisers warn about its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


# -- viz ------------------------------------------------------------------------------

_REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_viz_of_an_entity_works_offline(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "birch.html"
    result = invoke("viz", "Birch Holdings Corp.", "--store", store, "-o", out, "--depth", 3)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}")
    html = out.read_text(encoding="utf-8")
    assert "<html" in html.lower() and "Birch Holdings Corp." in html
    assert not _REMOTE.search(html), _REMOTE.search(html)


def test_viz_of_the_whole_graph_works_offline(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.html"
    result = invoke("viz", "--store", store, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out}")
    html = out.read_text(encoding="utf-8")
    assert "Imperial Mining Group Ltd." in html and "Birch Holdings Corp." in html
    assert not _REMOTE.search(html), _REMOTE.search(html)
