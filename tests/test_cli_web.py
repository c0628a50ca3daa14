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


@pytest.mark.parametrize("args", [
    ["--view", "ownership", "Birch Holdings Corp."],
    ["--view", "partners"],
    ["--view", "all", "--type", "Company"],
    ["--view", "all", "--since", "2020-01-01"],
])
def test_viz_views_write_offline_pages(store: Path, tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "view.html"
    result = invoke("viz", *args, "--store", store, "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "new vis.Network" in html
    assert not _REMOTE.search(html), _REMOTE.search(html)


def test_viz_ownership_view_is_hierarchical(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "tree.html"
    result = invoke("viz", "Birch Holdings Corp.", "--view", "ownership", "--store", store, "-o", out)
    assert result.exit_code == 0, result.output
    assert '"hierarchical": {"enabled": true' in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--view", "ownership"], "needs an ENTITY"),
    (["--view", "all", "--since", "June"], "since must be a date"),
    (["--view", "all", "--type", "Spaceship"], "unknown entity type"),
])
def test_viz_bad_options_say_what_to_do(store: Path, tmp_path: Path, args: list[str], message: str) -> None:
    result = invoke("viz", *args, "--store", store, "-o", tmp_path / "x.html")
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
