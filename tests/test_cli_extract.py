"""The `oregraph extract` command, run in-process: exit codes, output and files written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from oregraph.ontology import OG
from tests.cli_helpers import ALDER, BIRCH, CHAIN, ID, invoke, no_traceback

# rdflib's own parsers and serialisers warn about its deprecated ConjunctiveGraph API
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")


# -- extract --------------------------------------------------------------------------



@pytest.mark.parametrize("fmt, rdflib_format", [
    ("nquads", "nquads"), ("trig", "trig"), ("json", "json-ld"),
])
def test_extract_prints_parseable_quads(fmt: str, rdflib_format: str, tmp_path: Path) -> None:
    result = invoke("extract", CHAIN, "--format", fmt)
    assert result.exit_code == 0, result.output
    ds = Dataset()
    ds.parse(data=result.stdout, format=rdflib_format)
    graphs = {str(g) for _, _, _, g in ds.quads((None, None, None, None))}
    assert len(graphs) == 1 and graphs.pop().startswith(ID + "announcement-")
    assert (ALDER, OG.subsidiaryOf, BIRCH) in {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    assert not (tmp_path / "default-store").exists()


def test_extract_prints_parseable_turtle() -> None:
    result = invoke("extract", CHAIN, "--format", "turtle")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert (ALDER, OG.subsidiaryOf, BIRCH) in graph


def test_extract_explain_shows_rule_and_sentence() -> None:
    result = invoke("extract", CHAIN, "--explain")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Alder Mining Inc. --subsidiaryOf--> Birch Holdings Corp. [share=100.0]" in out
    assert "rule subsidiary.appositive" in out
    assert "Alder Mining Inc. --ownsStakeIn--> Cedar Copper Ltd. [share=40.0]" in out
    assert "rule stake.holds_pct" in out
    assert '"Alder Mining Inc. holds a 40% interest in Cedar Copper Ltd., which operates the Dunmore ' \
           'copper mine."' in out


def test_extract_missing_file_is_one_error_line(tmp_path: Path) -> None:
    missing = tmp_path / "absent.txt"
    result = invoke("extract", missing)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and str(missing) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert no_traceback(result)


def test_extract_unknown_format_is_a_usage_error() -> None:
    result = invoke("extract", CHAIN, "--format", "xml")
    assert result.exit_code == 2
    assert no_traceback(result)


def test_extract_explain_gives_the_trigger_words_with_their_offsets() -> None:
    result = invoke("extract", CHAIN, "--explain")
    assert result.exit_code == 0, result.output
    text = CHAIN.read_text(encoding="utf-8")
    words = re.findall(r'^    words (\d+)-(\d+): "(.*)"$', result.stdout, re.M)
    assert words, result.stdout
    for start, end, shown in words:
        assert " ".join(text[int(start):int(end)].split()) == shown
    # the stake is explained by its own phrase, narrower than its sentence
    stake = next(w for w in words if "holds a 40% interest" in w[2])
    assert stake[2] == "Alder Mining Inc. holds a 40% interest in Cedar Copper Ltd."
    assert "rule stake.holds_pct, confidence 0.85" in result.stdout


def test_extract_explain_points_a_listing_at_its_ticker_block(tmp_path: Path) -> None:
    release = tmp_path / "release.txt"
    release.write_text("Quillon Minerals Corp. (CSE: QLM) (OTCQB: QLMF) reported assays from its Tarn "
                       "project today.\n", encoding="utf-8")
    result = invoke("extract", release, "--explain")
    assert result.exit_code == 0, result.output
    assert 'words 23-33: "(CSE: QLM)"' in result.stdout
    assert 'words 34-47: "(OTCQB: QLMF)"' in result.stdout
