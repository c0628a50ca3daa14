"""The `oregraph extract` command, run in-process: exit codes, output and files written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF

from oregraph.ontology import DCTERMS, OG, PROV
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


# -- every input kind, through the same reader as ingest ---------------------------------

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example mining wire</title><language>en</language>
<item><title>Alder takes a stake in Birch</title><link>https://wire.example.org/alder-birch</link>
<description>Alder Mining Inc. holds 45% of Birch Holdings Corp., a nickel explorer in Manitoba.</description>
</item>
<item><title>Spruce and Larch</title><link>https://wire.example.org/spruce-larch</link>
<description>Spruce Metals Corp. owns 30% of Larch Nickel Ltd., which drills near Thompson.</description>
</item></channel></rss>
"""


def _quads(stdout: str, fmt: str = "trig") -> tuple[set[str], set[tuple]]:
    ds = Dataset()
    ds.parse(data=stdout, format=fmt)
    found = list(ds.quads((None, None, None, None)))
    return {str(g) for *_, g in found}, {(s, p, o) for s, p, o, _ in found}


@pytest.mark.parametrize("fmt, rdflib_format", [("trig", "trig"), ("nquads", "nquads"), ("json", "json-ld")])
def test_extract_prints_every_entry_of_a_feed_in_one_document(tmp_path: Path, fmt: str,
                                                              rdflib_format: str) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(FEED, encoding="utf-8")
    result = invoke("extract", feed, "--format", fmt)
    assert result.exit_code == 0, result.output
    graphs, triples = _quads(result.stdout, rdflib_format)
    assert len(graphs) == 2
    assert (ALDER, OG.ownsStakeIn, BIRCH) in triples
    assert (URIRef(ID + "org-spruce-metals"), OG.ownsStakeIn, URIRef(ID + "org-larch-nickel")) in triples


def test_extract_explains_each_feed_entry_under_its_name(tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(FEED, encoding="utf-8")
    result = invoke("extract", feed, "--explain")
    assert result.exit_code == 0, result.output
    blocks = result.stdout.split("== ")[1:]
    assert [b.splitlines()[0] for b in blocks] == [f"{feed} entry 1", f"{feed} entry 2"]
    assert "Alder Mining Inc. --ownsStakeIn--> Birch Holdings Corp. [share=45.0]" in blocks[0]
    assert "Spruce Metals Corp. --ownsStakeIn--> Larch Nickel Ltd. [share=30.0]" in blocks[1]


def test_extract_reads_an_html_page_with_its_canonical_source(tmp_path: Path) -> None:
    page = tmp_path / "copy.html"
    page.write_text('<html lang="en"><head><title>Alder and Birch</title>'
                    '<link rel="canonical" href="https://news.example.org/alder-birch"></head><body>'
                    "<article><p>Alder Mining Inc. holds 45% of Birch "
                    "Holdings Corp., a nickel explorer in Manitoba.</p></article></body></html>", encoding="utf-8")
    result = invoke("extract", page, "--format", "turtle")
    assert result.exit_code == 0, result.output
    graph = Graph().parse(data=result.stdout, format="turtle")
    assert (ALDER, OG.ownsStakeIn, BIRCH) in graph
    (ann,) = graph.subjects(RDF.type, OG.Announcement)
    assert graph.value(ann, DCTERMS.source) == URIRef("https://news.example.org/alder-birch")
    assert graph.value(ann, PROV.atLocation) == URIRef(page.resolve().as_uri())


def test_extract_shows_a_stake_table_row_by_row(tmp_path: Path) -> None:
    table = tmp_path / "stakes.csv"
    table.write_text("owner,owned,share,source\nAlder Mining Inc.,Birch Holdings Corp.,45,a registry\n"
                     "Alder Mining Inc.,Birch Holdings Corp.,150,a registry\n", encoding="utf-8")
    result = invoke("extract", table, "--format", "nquads")
    assert result.exit_code == 0, result.output
    graphs, triples = _quads(result.stdout, "nquads")
    assert len(graphs) == 1 and (ALDER, OG.ownsStakeIn, BIRCH) in triples
    assert "row 3" in result.stderr and "share '150'" in result.stderr


def test_extract_applies_the_announcement_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = tmp_path / "long.txt"
    release.write_text("Alder Mining Inc. holds 45% of Birch Holdings Corp. " * 100, encoding="utf-8")
    monkeypatch.setenv("OREGRAPH_MAX_ANNOUNCEMENT_BYTES", "1000")
    result = invoke("extract", release)
    assert result.exit_code == 1 and no_traceback(result)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error: ") and "1,000-byte limit" in line


def test_extract_reads_standard_input() -> None:
    from oregraph.cli import app
    from tests.cli_helpers import runner

    result = runner.invoke(app, ["extract", "-", "--explain"],
                           input="Alder Mining Inc. holds 45% of Birch Holdings Corp.\n")
    assert result.exit_code == 0, result.output
    assert "Alder Mining Inc. --ownsStakeIn--> Birch Holdings Corp. [share=45.0]" in result.stdout
