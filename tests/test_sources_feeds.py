"""RSS and Atom feeds: one announcement per entry, summary-only entries completed from
their linked page (served by httpx.MockTransport, no network), bad feeds reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest

from oregraph.errors import InputError
from oregraph.graph.store import Store
from oregraph.ingest.context import Document, IngestContext
from oregraph.ingest.feeds import read

SOURCES = Path(__file__).parent / "fixtures" / "sources"
RSS = SOURCES / "newswire.rss"
LINKED = "https://wire.example.test/2024/cedar-creek-start"
PREFIXES = """PREFIX og: <https://w3id.org/oregraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


class Web:
    """An httpx transport serving ``pages`` and recording what was asked."""

    def __init__(self, pages: dict[str, httpx.Response]) -> None:
        self.pages = pages
        self.asked: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.asked.append(str(request.url))
        return self.pages.get(str(request.url), httpx.Response(404))

    @property
    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self)


def cedar_page() -> httpx.Response:
    return httpx.Response(200, content=(SOURCES / "served" / "cedar-creek.html").read_bytes(),
                          headers={"Content-Type": "text/html; charset=utf-8"})


@pytest.fixture
def store():
    with Store.memory() as st:
        yield st


def items_of(path: Path, ctx: IngestContext) -> list:
    return list(read(ctx, Document(str(path), path.resolve().as_uri(), path.read_bytes())))


def test_each_entry_is_an_announcement_with_the_entry_metadata(store: Store) -> None:
    web = Web({LINKED: cedar_page()})
    ctx = IngestContext(store, transport=web.transport)
    first, second = items_of(RSS, ctx)
    assert first.name == f"{RSS} entry 1" and first.kind == "feed"
    a = first.announcement
    assert a.title == "Spruce Metals gains a new shareholder"
    assert a.date == date(2024, 5, 14)
    assert a.publisher == "Northern Wire: Mining"
    assert a.source == "https://wire.example.test/2024/spruce-shareholder"
    assert "Alder Mining Inc. owns 30% of Spruce Metals Corp." in " ".join(a.text.split())
    assert second.announcement.date == date(2024, 9, 9)
    assert ctx.issues == []


def test_an_entry_with_full_content_is_not_fetched(store: Store) -> None:
    web = Web({LINKED: cedar_page()})
    items_of(RSS, IngestContext(store, transport=web.transport))
    assert web.asked == [LINKED]  # only the summary-only second entry


def test_a_summary_only_entry_is_completed_from_its_page(store: Store) -> None:
    web = Web({LINKED: cedar_page()})
    _, second = items_of(RSS, IngestContext(store, transport=web.transport))
    text = second.announcement.text
    assert "Birch Holdings Ltd. operates the Cedar Creek mine" in " ".join(text.split())
    assert "Stripping has begun" not in text  # the summary gave way to the page


def test_when_the_page_cannot_be_fetched_the_summary_is_kept_with_a_warning(store: Store) -> None:
    ctx = IngestContext(store, transport=Web({}).transport)
    _, second = items_of(RSS, ctx)
    assert second.announcement.text == "Birch Holdings starts work at Cedar Creek\n\nStripping has begun at the first pit."
    (issue,) = ctx.issues
    assert issue.level == "warning" and issue.name == f"{RSS} entry 2"
    assert "answered 404" in issue.reason and "summary only" in issue.reason


def test_an_atom_feed_is_read(store: Store) -> None:
    (item,) = items_of(SOURCES / "newswire.atom", IngestContext(store))
    a = item.announcement
    assert a.title == "Tamarack Minerals partners with Birch Holdings"
    assert a.date == date(2024, 11, 20) and a.publisher == "Tamarack Minerals news"
    assert a.source.endswith("#urn:uuid:0f2b6c1e-9a55-4c3e-8f61-2d4c0a1b7e22")  # no link: the entry id


def test_feed_facts_are_stored_with_the_entry_as_source(store: Store) -> None:
    from oregraph.ingest.batch import ingest_paths

    report = ingest_paths(store, [RSS], transport=Web({LINKED: cedar_page()}).transport)
    assert report.ok and report.ingested == [f"{RSS} entry 1", f"{RSS} entry 2"]
    rows = store.select(PREFIXES + """SELECT ?source ?date WHERE {
        ?s og:holder ?h ; og:share ?share ; og:evidence ?e ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?a .
        FILTER(?share = 30)
        ?a dcterms:source ?source ; dcterms:date ?date }""")
    assert [(str(r["source"]), str(r["date"])) for r in rows] == [
        ("https://wire.example.test/2024/spruce-shareholder", "2024-05-14")]


def test_a_malformed_feed_is_reported_not_crashed_on(store: Store) -> None:
    with pytest.raises(InputError) as err:
        items_of(SOURCES / "malformed.rss", IngestContext(store))
    message = str(err.value)
    assert "not a readable RSS or Atom feed" in message and "\n" not in message


def test_a_slightly_broken_feed_is_read_with_a_warning(store: Store, tmp_path: Path) -> None:
    broken = tmp_path / "broken.rss"
    broken.write_bytes(RSS.read_bytes().replace(b"</channel>", b"<unclosed></channel>"))
    ctx = IngestContext(store, transport=Web({LINKED: cedar_page()}).transport)
    assert len(items_of(broken, ctx)) == 2
    assert [(i.level, "malformed" in i.reason) for i in ctx.issues] == [("warning", True)]


def test_a_feed_without_entries_is_reported(store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "empty.rss"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    with pytest.raises(InputError, match="no entries"):
        items_of(empty, IngestContext(store))


def test_a_feed_with_a_garbled_encoding_declaration_is_reported(store: Store, tmp_path: Path) -> None:
    garbled = tmp_path / "garbled.atom"
    garbled.write_bytes((SOURCES / "newswire.atom").read_bytes().replace(b"utf-8", b"utf-\xd7\xfd\x81", 1))
    with pytest.raises(InputError, match="not a readable RSS or Atom feed"):
        items_of(garbled, IngestContext(store))


def test_entry_links_and_ids_that_are_not_valid_iris_are_encoded(store: Store, tmp_path: Path) -> None:
    from oregraph.ingest.batch import ingest_paths

    feed = tmp_path / "odd.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Odd wire</title>'
        "<item><title>Alder buys into Spruce</title><guid isPermaLink=\"false\">item 7 of 2024</guid>"
        "<description>Alder Mining Inc. owns 30% of Spruce Metals Corp., Spruce said today.</description></item>"
        "<item><title>Larch and Birch</title><link>https://wire.example.test/a page?x=&lt;1&gt;</link>"
        "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">Larch Resources Corp. "
        "signed a memorandum of understanding with Birch Holdings Ltd. today.</content:encoded></item>"
        "</channel></rss>", encoding="utf-8")
    report = ingest_paths(store, [feed], transport=Web({}).transport)
    assert report.ok and len(report.ingested) == 2 and report.warnings == []
    sources = sorted(str(r["s"]) for r in store.select(PREFIXES + "SELECT ?s WHERE { ?a dcterms:source ?s }"))
    assert sources == [feed.resolve().as_uri() + "#item%207%20of%202024",
                       "https://wire.example.test/a%20page?x=%3C1%3E"]
