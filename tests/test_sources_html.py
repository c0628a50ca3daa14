"""HTML pages: main text without navigation, metadata from the meta tags, bad pages reported."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from oregraph.errors import InputError
from oregraph.graph.store import Store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.extract import extract
from oregraph.ingest.html import html_to_text, read_html

SOURCES = Path(__file__).parent / "fixtures" / "sources"
PAGE = SOURCES / "alder-birch.html"


@pytest.fixture
def store():
    with Store.memory() as st:
        yield st


def test_the_main_text_is_kept_and_the_page_furniture_dropped() -> None:
    ann = read_html(PAGE.read_bytes(), PAGE.resolve().as_uri())
    assert "Alder Mining Inc. said today that it now holds a 45% interest" in ann.text
    for furniture in ("Sign in", "Share this story", "window.analytics", "All rights reserved"):
        assert furniture not in ann.text


def test_metadata_comes_from_the_meta_tags() -> None:
    ann = read_html(PAGE.read_bytes(), PAGE.resolve().as_uri())
    assert ann.title == "Alder Mining acquires stake in Birch Holdings"
    assert ann.date == date(2024, 3, 5)
    assert ann.publisher == "Northern Wire"
    assert ann.source == "https://wire.example.test/2024/alder-birch-stake"  # canonical URL
    assert ann.text.startswith(ann.title)


def test_a_page_without_a_canonical_link_keeps_its_own_address() -> None:
    page = b"<html><head><title>Birch update</title></head><body><article><p>" + \
        b"Birch Holdings Ltd. operates the Cedar Creek mine in Ontario, the company said today.</p>" + \
        b"</article></body></html>"
    ann = read_html(page, "file:///data/birch.html")
    assert ann.source == "file:///data/birch.html"


def test_the_facts_of_a_page_are_extracted() -> None:
    ex = extract(read_html(PAGE.read_bytes(), PAGE.resolve().as_uri()))
    stakes = [(ex.entities[f.subject].label, ex.entities[f.object].label, f.share)
              for f in ex.facts if f.predicate == "ownsStakeIn"]
    assert stakes == [("Alder Mining Inc.", "Birch Holdings Ltd.", 45.0)]


def test_a_windows_1252_page_declared_in_its_meta_tag_is_decoded() -> None:
    page = ('<html><head><meta charset="windows-1252"><title>Boréale</title></head><body><article>'
            "<p>Société Minière Boréale Inc. holds a 40% interest in Birch Holdings Ltd., "
            "the company said in Montréal today.</p></article></body></html>").encode("cp1252")
    ann = read_html(page, "file:///x.html")
    assert "Société Minière Boréale Inc." in ann.text


@pytest.mark.parametrize("page", [
    b"<html><head><title>Index</title></head><body><nav>Home</nav></body></html>",
    b"<<<>>> \x01\x02 <html",
    b"<html><body><script>render()</script></body></html>",
])
def test_a_page_without_article_text_is_reported(page: bytes) -> None:
    with pytest.raises(InputError) as err:
        read_html(page, "file:///x.html", "x.html")
    message = str(err.value)
    assert message.startswith("x.html: no article text found") and "\n" not in message


def test_a_bad_page_fails_alone_in_a_batch(store: Store, tmp_path: Path) -> None:
    bad = tmp_path / "index.html"
    bad.write_text("<html><head><title>Index</title></head><body><nav>Home</nav></body></html>")
    report = ingest_paths(store, [bad, PAGE])
    assert report.ingested == [str(PAGE)]
    assert [name for name, _ in report.failed] == [str(bad)]


def test_html_to_text_keeps_paragraphs_apart() -> None:
    text = html_to_text("<div><p>First&amp;one.</p><ul><li>Two</li><li>Three</li></ul>"
                        "<script>x()</script></div>")
    assert text.split("\n\n") == ["First&one.", "Two", "Three"]


def test_html_to_text_takes_control_characters() -> None:
    assert html_to_text("<p>Alder</p>\x01<p>Birch\x00 Holdings</p>") == "Alder\n\nBirch Holdings"
