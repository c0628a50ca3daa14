"""The `oregraph ingest` command, run in-process: exit codes, output and files written."""

from __future__ import annotations

from pathlib import Path

import pytest

from oregraph.cli import app
from tests.cli_helpers import CHAIN, FIXTURES, RELEASES, SUMMARY, count_quads, invoke, no_traceback, runner

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


# -- inputs of every kind ------------------------------------------------------------------

SOURCES = FIXTURES.parent / "sources"
TABLE = SOURCES / "stakes-with-bad-rows.csv"


def test_ingest_a_stake_table_with_bad_rows(tmp_path: Path) -> None:
    result = invoke("ingest", TABLE, "--store", tmp_path / "s")
    assert result.exit_code == 1 and no_traceback(result)
    failed = [ln for ln in result.stderr.splitlines() if ln.startswith("failed:")]
    assert [ln.split(": ", 2)[1] for ln in failed] == [f"{TABLE} row {n}" for n in (3, 4, 5, 6, 8)]
    assert f"failed: {TABLE} row 3: share '150' is not a percentage between 0 and 100; row not ingested" in failed
    assert SUMMARY.search(result.stdout).groups()[:4] == ("2", "2", "0", "5")
    table = [ln.split() for ln in result.stdout.splitlines()]
    assert ["kind", "read", "ingested", "skipped", "failed"] in table
    assert ["stakes", "2", "2", "0", "5"] in table


def test_ingest_every_kind_at_once_prints_one_row_per_kind(tmp_path: Path) -> None:
    result = invoke("ingest", RELEASES[0], SOURCES / "alder-birch.html", SOURCES / "newswire.atom",
                    FIXTURES.parents[1].parent / "examples" / "stakes.csv", "--store", tmp_path / "s")
    assert result.exit_code == 0, result.output
    rows = {ln.split()[0]: ln.split()[1:] for ln in result.stdout.splitlines()
            if ln.split() and ln.split()[0] in ("text", "html", "feed", "stakes")}
    assert rows == {"text": ["1", "1", "0", "0"], "html": ["1", "1", "0", "0"], "feed": ["1", "1", "0", "0"],
                    "stakes": ["7", "7", "0", "0"]}
    assert int(SUMMARY.search(result.stdout).group(5)) == count_quads(tmp_path / "s")


def test_ingest_from_standard_input(tmp_path: Path) -> None:
    text = "WINNIPEG, May 14, 2024 -- Alder Mining Inc. owns 30% of Spruce Metals Corp., the company said."
    result = runner.invoke(app, ["ingest", "-", "--store", str(tmp_path / "s")], input=text.encode())
    assert result.exit_code == 0, result.output
    assert SUMMARY.search(result.stdout).groups()[:4] == ("1", "1", "0", "0")
    again = runner.invoke(app, ["ingest", "-", "--store", str(tmp_path / "s")], input=text.encode())
    assert SUMMARY.search(again.stdout).groups()[:3] == ("1", "0", "1")


def test_ingest_a_url(tmp_path: Path) -> None:
    from tests.test_sources_fetch import Site

    with Site() as site:
        site.pages["/alder"] = (200, {"Content-Type": "text/html"}, (SOURCES / "alder-birch.html").read_bytes())
        result = invoke("ingest", site.url("/alder"), site.url("/missing"), "--store", tmp_path / "s")
    assert result.exit_code == 1 and no_traceback(result)
    assert [ln for ln in result.stderr.splitlines() if ln.startswith("failed:")] == [
        f"failed: {site.url('/missing')}: the server answered 404 Not Found; "
        "check the address, or save the page and ingest the file"]
    assert SUMMARY.search(result.stdout).groups()[:4] == ("1", "1", "0", "1")


def test_ingest_with_workers_matches_one_process(tmp_path: Path) -> None:
    one = invoke("ingest", *RELEASES, "--store", tmp_path / "one")
    two = invoke("ingest", *RELEASES, "--store", tmp_path / "two", "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert SUMMARY.search(one.stdout).groups() == SUMMARY.search(two.stdout).groups()


def test_ingest_progress_on_request_writes_one_line_per_input_when_not_a_terminal(tmp_path: Path) -> None:
    result = invoke("ingest", *RELEASES[:2], "--store", tmp_path / "s", "--progress")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"[1/2] {RELEASES[0]}", f"[2/2] {RELEASES[1]}"]
    quiet = invoke("ingest", *RELEASES[2:], "--store", tmp_path / "s")
    assert quiet.stderr == ""


def test_ingest_warnings_do_not_fail_the_run(tmp_path: Path) -> None:
    table = tmp_path / "stakes.csv"
    table.write_text("owner,owned,share,source,comment\nAlder Mining Inc.,Birch Holdings Ltd.,45,registry,ok\n")
    result = invoke("ingest", table, "--store", tmp_path / "s")
    assert result.exit_code == 0
    assert result.stderr.startswith(f"warning: {table}: ignored the column comment")


def test_ingest_dry_run_of_a_table_writes_nothing(tmp_path: Path) -> None:
    result = invoke("ingest", TABLE, "--store", tmp_path / "s", "--dry-run")
    assert result.exit_code == 1  # the bad rows still count
    assert "would ingest 2" in result.stdout
    assert count_quads(tmp_path / "s") == 0


def test_ingest_interrupted_says_how_to_continue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import oregraph.ingest.batch as batch

    real, calls = batch.extract, []

    def extract_then_stop(announcement):
        calls.append(announcement)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(announcement)

    monkeypatch.setattr(batch, "extract", extract_then_stop)
    result = invoke("ingest", *RELEASES, "--store", tmp_path / "s")
    assert result.exit_code == 130 and no_traceback(result)
    assert "interrupted:" in result.stderr and "run the same command again" in result.stderr
    assert SUMMARY.search(result.stdout).groups()[:4] == ("3", "2", "0", "0")
    monkeypatch.setattr(batch, "extract", real)
    again = invoke("ingest", *RELEASES, "--store", tmp_path / "s")
    assert again.exit_code == 0 and SUMMARY.search(again.stdout).groups()[:4] == ("4", "2", "2", "0")


def test_ingest_prints_each_failure_on_one_line_whatever_the_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "empty\nfailed: forged.txt").write_bytes(b"")
    result = invoke("ingest", folder, CHAIN, "--store", tmp_path / "s")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"failed: {folder}/empty\\nfailed: forged.txt: the file is empty; nothing to ingest"]
