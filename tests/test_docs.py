"""Help and docs are complete: every command has help with an example, and the
README shows every command and opens with the two make targets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from oregraph.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_the_commands_are_the_documented_ones() -> None:
    assert COMMANDS == sorted(["changes", "check", "demo", "evaluate", "export", "export-graph",
                               "extract", "holdings", "ingest", "owners", "partners", "path",
                               "query", "resolve-report", "serve", "state", "validate", "viz"])


@pytest.mark.parametrize("name", COMMANDS)
def test_command_help_has_an_example(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert command.help and "Example:" in command.help
    example = command.help.split("Example:", 1)[1]
    assert f"oregraph {name}" in example
    result = CliRunner().invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def test_top_level_help_has_an_example() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    for name in COMMANDS:
        assert name in result.stdout


@pytest.fixture(scope="module")
def readme() -> str:
    assert README.is_file(), f"{README} is missing"
    return README.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_mentions_every_command(readme: str, name: str) -> None:
    assert re.search(rf"\boregraph {name}\b", readme), f"README.md never shows `oregraph {name}`"


def test_readme_starts_with_make_demo_and_make_test(readme: str) -> None:
    headings = [m.start() for m in re.finditer(r"^#{1,6} ", readme, re.M)]
    # the opening: everything before the second heading (or the whole file if there is none)
    opening = readme[: headings[1]] if len(headings) > 1 else readme
    assert "make demo" in opening
    assert "make test" in opening
