"""The `oregraph ingest` command, run in-process: exit codes, output and files written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_helpers import CHAIN, FIXTURES, RELEASES, SUMMARY, count_quads, invoke, no_traceback

# rdflib's own parsers and serialisers warn about its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


# -- ingest ---------------------------------------------------------------------------

def test_ingest_prints_a_summary(tmp_path: Path) -> None:
    result = invoke("ingest", *RELEASES, "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output
    (m,) = SUMMARY.findall(result.stdout)
    assert m[:4] == ("4", "4", "0", "0") and int(m[4]) > 100
    assert int(m[4]) == count_quads(tmp_path / "s")
    assert result.stderr == ""


def test_ingest_a_folder(tmp_path: Path) -> None:
    result = invoke("ingest", FIXTURES, "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output
    assert SUMMARY.search(result.stdout).group(2) == str(len(list(FIXTURES.rglob("*.txt"))))


def test_ingest_twice_skips_everything(tmp_path: Path) -> None:
    assert invoke("ingest", *RELEASES, "--store", tmp_path / "s").exit_code == 0
    result = invoke("ingest", *RELEASES, "--store", tmp_path / "s")
    assert result.exit_code == 0
    assert SUMMARY.search(result.stdout).groups() == ("4", "0", "4", "0", "0")


def test_ingest_dry_run_writes_nothing(tmp_path: Path) -> None:
    result = invoke("ingest", *RELEASES, "--store", tmp_path / "s", "--dry-run")
    assert result.exit_code == 0
    assert "would ingest 4" in result.stdout
    assert count_quads(tmp_path / "s") == 0


def test_ingest_missing_path_fails_and_the_rest_is_ingested(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-release.txt"
    result = invoke("ingest", RELEASES[0], missing, RELEASES[1], "--store", tmp_path / "s")
    assert result.exit_code == 1
    assert f"failed: {missing}: no such file or folder" in result.stderr.splitlines()
    assert SUMMARY.search(result.stdout).groups()[:4] == ("2", "2", "0", "1")
    assert count_quads(tmp_path / "s") > 0
    assert no_traceback(result)


def test_ingest_binary_file_fails_without_traceback(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.7\n\x00\x01\x02\x03" + bytes(range(256)) * 8)
    result = invoke("ingest", binary, CHAIN, "--store", tmp_path / "s")
    assert result.exit_code == 1
    assert no_traceback(result)
    (line,) = [ln for ln in result.stderr.splitlines() if ln.startswith("failed:")]
    assert str(binary) in line and "binary" in line
    assert SUMMARY.search(result.stdout).group(2) == "1"


def test_ingest_into_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "notes.md").write_text("notes", encoding="utf-8")
    result = invoke("ingest", CHAIN, "--store", folder)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    assert no_traceback(result)
