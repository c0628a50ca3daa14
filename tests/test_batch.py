"""The batch runner: workers, restarts, dry runs, standard input, progress, per-kind counts,
and stakes recorded over time."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import URIRef

from oregraph.graph.ownership import ownership_graph
from oregraph.graph.store import Store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.sources import STDIN_IRI
from oregraph.settings import Settings

TESTS = Path(__file__).parent
RELEASES = sorted((TESTS / "fixtures" / "ingest").glob("*.txt"))
SOURCES = TESTS / "fixtures" / "sources"
MIXED = [*RELEASES, SOURCES / "alder-birch.html", SOURCES / "newswire.atom", SOURCES / "stakes-with-bad-rows.csv"]
ID = "https://w3id.org/oregraph/id/"
PREFIXES = """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""


def on_disk(tmp_path: Path, name: str) -> Store:
    return Store.open(tmp_path / name, Settings(store=str(tmp_path / name)))


def dump(store: Store) -> list[str]:
    return sorted(str(q) for q in store.oxigraph)


def test_workers_give_the_same_graph_as_one_process(tmp_path: Path) -> None:
    with on_disk(tmp_path, "one") as one, on_disk(tmp_path, "two") as three:
        a = ingest_paths(one, MIXED)
        b = ingest_paths(three, MIXED, workers=2)
        assert (a.ingested, a.failed, a.quads_added) == (b.ingested, b.failed, b.quads_added)
        assert len(a.ingested) == len(RELEASES) + 4 and a.quads_added > 0
        assert dump(one) == dump(three)


def test_an_interrupted_run_restarts_where_it_stopped(tmp_path: Path) -> None:
    def stop_after_two(done: int, total: int, name: str) -> None:
        if done == 2:
            raise KeyboardInterrupt

    with on_disk(tmp_path, "s") as st:
        stopped = ingest_paths(st, RELEASES, progress=stop_after_two)
        assert stopped.interrupted and stopped.ingested == [str(p) for p in RELEASES[:2]]
        assert len(st.graphs()) == 2  # each announcement was written whole, in its own transaction
        again = ingest_paths(st, RELEASES)
        assert again.skipped == [str(p) for p in RELEASES[:2]]
        assert again.ingested == [str(p) for p in RELEASES[2:]]
        with on_disk(tmp_path, "clean") as clean:
            ingest_paths(clean, RELEASES)
            assert dump(st) == dump(clean)


def test_progress_is_reported_after_each_input() -> None:
    seen: list[tuple[int, int, str]] = []
    with Store.memory() as st:
        ingest_paths(st, [*RELEASES[:2], SOURCES / "newswire.atom"], progress=lambda *a: seen.append(a))
    assert seen == [(1, 3, str(RELEASES[0])), (2, 3, str(RELEASES[1])), (3, 3, str(SOURCES / "newswire.atom"))]


def test_a_dry_run_reads_and_extracts_every_kind_and_writes_nothing() -> None:
    with Store.memory() as st:
        report = ingest_paths(st, MIXED, dry_run=True)
        assert len(st) == 0
    assert len(report.ingested) == len(RELEASES) + 4 and report.quads_added == 0
    assert report.facts > len(report.ingested)  # extraction ran
    assert [name for name, _ in report.failed] == [f"{SOURCES / 'stakes-with-bad-rows.csv'} row {n}"
                                                   for n in (3, 4, 5, 6, 8)]


def test_the_same_text_twice_in_one_run_is_stored_once(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(RELEASES[0].read_bytes())
    with Store.memory() as st:
        report = ingest_paths(st, [RELEASES[0], copy], dry_run=True)
    assert report.ingested == [str(RELEASES[0])] and report.skipped == [str(copy)]


def test_counts_are_kept_per_kind() -> None:
    with Store.memory() as st:
        report = ingest_paths(st, [*RELEASES, SOURCES / "alder-birch.html", SOURCES / "malformed.rss",
                                   SOURCES / "stakes-with-bad-rows.csv"])
    counts = {kind: dict(c) for kind, c in report.by_kind.items()}
    assert counts["text"] == {"read": 4, "ingested": 4}
    assert counts["html"] == {"read": 1, "ingested": 1}
    assert counts["feed"] == {"failed": 1}
    assert counts["stakes"] == {"read": 2, "ingested": 2, "failed": 5}
    assert report.read == 7 and len(report.failed) == 6


@pytest.mark.parametrize(("data", "kind"), [
    (b"WINNIPEG, May 14, 2024 -- Alder Mining Inc. owns 30% of Spruce Metals Corp., the company said.", "text"),
    ((SOURCES / "alder-birch.html").read_bytes(), "html"),
])
def test_standard_input_is_read_and_its_kind_sniffed(data: bytes, kind: str) -> None:
    with Store.memory() as st:
        report = ingest_paths(st, ["-"], stdin=io.BytesIO(data))
        assert report.ok and report.ingested == ["standard input"] and report.by_kind[kind]["ingested"] == 1
        sources = {str(r["s"]) for r in st.select(PREFIXES + "SELECT ?s WHERE { ?a dcterms:source ?s }")}
    assert sources == ({STDIN_IRI} if kind == "text" else {"https://wire.example.test/2024/alder-birch-stake"})


def test_standard_input_over_the_limit_is_refused() -> None:
    with Store.memory(Settings(max_announcement_bytes=100)) as st:
        report = ingest_paths(st, ["-"], stdin=io.BytesIO(b"Alder Mining Inc. " * 20))
    assert report.failed == [("-", "more than the 100-byte limit for one announcement "
                                   "(raise OREGRAPH_MAX_ANNOUNCEMENT_BYTES if it really is one)")]


# -- updates over time ------------------------------------------------------------------------

FIRST = ("Alder Mining buys into Birch\n\nTORONTO, March 5, 2024 -- Alder Mining Inc. said today that it "
         "now holds a 45% interest in Birch Holdings Ltd., the owner of the Cedar Creek copper project.")
LATER = ("Alder Mining raises its Birch stake\n\nTORONTO, June 30, 2025 -- Alder Mining Inc. said today that it "
         "now holds a 60% interest in Birch Holdings Ltd. after buying shares from Larch Resources Corp.")


def test_two_dated_announcements_about_one_stake_both_stay_with_their_dates(tmp_path: Path) -> None:
    for name, text in (("2025.txt", LATER), ("2024.txt", FIRST)):  # order of arrival does not matter
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Store.memory() as st:
        assert ingest_paths(st, [tmp_path / "2025.txt", tmp_path / "2024.txt"]).ok
        rows = st.select(PREFIXES + """SELECT ?holder ?held ?share ?date ?source WHERE {
            ?s a og:Shareholding ; og:holder ?holder ; og:held ?held ; og:share ?share ;
               prov:wasDerivedFrom ?a . ?a dcterms:date ?date ; dcterms:source ?source }
            ORDER BY ?date""", {"holder": URIRef(ID + "org-alder-mining"), "held": URIRef(ID + "org-birch-holdings")})
        assert [(str(r["share"]), str(r["date"]), str(r["source"]).rsplit("/", 1)[1]) for r in rows] == [
            ("45", "2024-03-05", "2024.txt"), ("60", "2025-06-30", "2025.txt")]
        # the ownership maths read the latest one, and the earlier one as of its own date
        edge = ownership_graph(st)[ID + "org-alder-mining"][ID + "org-birch-holdings"]
        assert edge["share"] == 60.0
        earlier = ownership_graph(st, as_of="2024-12-31")[ID + "org-alder-mining"][ID + "org-birch-holdings"]
        assert earlier["share"] == 45.0


def test_dated_table_rows_about_one_stake_both_stay(tmp_path: Path) -> None:
    table = tmp_path / "stakes.csv"
    table.write_text("owner,owned,share,date,source\n"
                     "Alder Mining Inc.,Birch Holdings Ltd.,45,2024-03-31,registry\n"
                     "Alder Mining Inc.,Birch Holdings Ltd.,60,2025-06-30,registry\n", encoding="utf-8")
    with Store.memory() as st:
        assert ingest_paths(st, [table]).ok
        rows = st.select(PREFIXES + """SELECT ?share ?date WHERE { ?s og:share ?share ;
            prov:wasDerivedFrom ?a . ?a dcterms:date ?date } ORDER BY ?date""")
    assert [(str(r["share"]), str(r["date"])) for r in rows] == [("45", "2024-03-31"), ("60", "2025-06-30")]


def test_one_input_of_any_kind_is_read_without_a_store() -> None:
    from oregraph.ingest.sources import read_input

    items, issues = read_input(SOURCES / "stakes-with-bad-rows.csv")
    assert [i.name.rsplit(" ", 2)[1:] for i in items] == [["row", "2"], ["row", "7"]]
    assert all(i.extraction is not None for i in items) and len(issues) == 5
    (page,), none = read_input(SOURCES / "alder-birch.html")
    assert page.kind == "html" and page.extraction is None and none == []


def test_an_unexpected_error_in_one_document_fails_that_document_only(monkeypatch: pytest.MonkeyPatch) -> None:
    import oregraph.ingest.batch as batch

    real = batch.extract

    def flaky(announcement):  # a defect that only one text triggers
        if "Quarterly Copper" in announcement.text[:200]:
            raise RuntimeError("boom")
        return real(announcement)

    monkeypatch.setattr(batch, "extract", flaky)
    with Store.memory() as st:
        report = ingest_paths(st, RELEASES)
    failed = [name for name, _ in report.failed]
    assert failed and all("could not be read (RuntimeError: boom)" in why for _, why in report.failed)
    assert len(report.ingested) == len(RELEASES) - len(failed) > 0
