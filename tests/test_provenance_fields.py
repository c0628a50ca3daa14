"""Where an announcement was read from and in which language: readers set them, emit writes them.

``Announcement.retrieved_from`` is the file or URL actually read when the
source (the address to cite) is another one; ``language`` is what the page,
feed or PDF declares. Fixtures are our own fictional releases.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF
from rdflib import Dataset, Literal, URIRef

from oregraph.graph.store import Store
from oregraph.graph.validate import validate_graph, validate_store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.emit import quads
from oregraph.ingest.extract import extract
from oregraph.ingest.records import Announcement
from oregraph.ingest.sources import read_input
from oregraph.ontology import DCTERMS, OG, PROV

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

BODY = ("Ressources Taïga inc. détient une participation de 40 % dans Graphite Manicouagan inc., "
        "qui exploite le projet Lac Héron au Québec. La société poursuit ses travaux cet hiver.")
CANONICAL = "https://news.example.org/taiga-graphite"


def _page(canonical: str | None, lang: str | None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    attr = f' lang="{lang}"' if lang else ""
    return (f'<!doctype html><html{attr}><head><title>Taïga et Graphite Manicouagan</title>{link}</head>'
            f"<body><nav>Accueil | Nouvelles</nav><article><h1>Taïga et Graphite Manicouagan</h1>"
            f"<p>{BODY}</p></article></body></html>")


def _one(path: Path) -> Announcement:
    items, _ = read_input(path)
    (item,) = items
    return item.announcement


def _announcement_triples(ann: Announcement) -> set[tuple]:
    ex = extract(ann)
    return {(p, o) for s, p, o, g in quads(ex) if s == g}


def test_a_page_with_a_canonical_url_keeps_the_file_read_and_its_language(tmp_path: Path) -> None:
    path = tmp_path / "saved-copy.html"
    path.write_text(_page(CANONICAL, "fr-ca"), encoding="utf-8")
    ann = _one(path)
    assert (ann.source, ann.retrieved_from, ann.language) == (CANONICAL, path.resolve().as_uri(), "fr-CA")
    written = _announcement_triples(ann)
    assert (DCTERMS.source, URIRef(CANONICAL)) in written
    assert (PROV.atLocation, URIRef(path.resolve().as_uri())) in written
    assert (DCTERMS.language, Literal("fr-CA")) in written


def test_a_page_without_canonical_url_or_language_gets_neither(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(None, None), encoding="utf-8")
    ann = _one(path)
    assert (ann.source, ann.retrieved_from, ann.language) == (path.resolve().as_uri(), None, None)
    predicates = {p for p, _ in _announcement_triples(ann)}
    assert PROV.atLocation not in predicates and DCTERMS.language not in predicates


def test_feed_entries_were_retrieved_from_the_feed_in_its_language(tmp_path: Path) -> None:
    path = tmp_path / "wire.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Fil minier</title>'
        '<id>urn:example:wire</id><updated>2024-05-02T10:00:00Z</updated>'
        f'<entry><title>Taïga et Graphite</title><id>urn:example:1</id><link href="{CANONICAL}"/>'
        f'<updated>2024-05-02T10:00:00Z</updated><content type="text">{BODY}</content></entry>'
        '<entry xml:lang="en"><title>Alder and Birch</title><id>urn:example:2</id>'
        '<link href="https://news.example.org/alder-birch"/><updated>2024-05-03T10:00:00Z</updated>'
        '<content type="text">Alder Mining Inc. holds 45% of Birch Holdings Ltd., a nickel explorer '
        'in northern Manitoba.</content></entry></feed>', encoding="utf-8")
    items, _ = read_input(path)
    got = [(i.announcement.source, i.announcement.retrieved_from, i.announcement.language) for i in items]
    feed_uri = path.resolve().as_uri()
    assert got == [(CANONICAL, feed_uri, "fr"), ("https://news.example.org/alder-birch", feed_uri, "en")]


def _pdf(lang: str | None) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if lang:
        pdf.set_lang(lang)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Spruce Metals Corp. holds 30% of Larch Nickel Ltd., which explores in Manitoba.")
    return bytes(pdf.output())


@pytest.mark.parametrize(("lang", "expected"), [("en-CA", "en-CA"), (None, None)])
def test_a_pdf_declares_its_language_in_its_catalog(tmp_path: Path, lang: str | None,
                                                     expected: str | None) -> None:
    path = tmp_path / "release.pdf"
    path.write_bytes(_pdf(lang))
    ann = _one(path)
    assert (ann.language, ann.retrieved_from) == (expected, None)


def test_a_relative_location_is_a_literal_and_a_bad_language_is_dropped() -> None:
    ann = Announcement(text="Alder Mining Inc. holds 45% of Birch Holdings Ltd.", source=CANONICAL,
                       retrieved_from="downloads/alder.html", language="english please")
    written = _announcement_triples(ann)
    assert (OG.retrievedFrom, Literal("downloads/alder.html")) in written
    assert PROV.atLocation not in {p for p, _ in written}
    assert DCTERMS.language not in {p for p, _ in written}


def test_ingested_provenance_fields_pass_the_shapes(tmp_path: Path) -> None:
    path = tmp_path / "saved-copy.html"
    path.write_text(_page(CANONICAL, "fr"), encoding="utf-8")
    with Store.memory() as store:
        report = ingest_paths(store, [path])
        assert report.ingested == [str(path)]
        rows = store.select("PREFIX prov: <http://www.w3.org/ns/prov#>\n"
                            "PREFIX dcterms: <http://purl.org/dc/terms/>\n"
                            "SELECT ?at ?lang WHERE { ?a prov:atLocation ?at ; dcterms:language ?lang }")
        assert [(str(r["at"]), str(r["lang"])) for r in rows] == [(path.resolve().as_uri(), "fr")]
        assert validate_store(store).conforms


def test_the_shapes_refuse_a_language_that_is_not_a_tag() -> None:
    ann = Announcement(text="Alder Mining Inc. holds 45% of Birch Holdings Ltd.", source=CANONICAL)
    ds = Dataset()
    for s, p, o, g in quads(extract(ann)):
        ds.graph(g).add((s, p, o))
    g = next(iter({g for _, _, _, g in quads(extract(ann))}))
    ds.graph(g).add((g, DCTERMS.language, Literal("le français")))
    report = validate_graph(ds)
    assert not report.conforms
    (violation,) = report.violations
    assert violation.path == str(DCTERMS.language) and "BCP 47" in violation.message
