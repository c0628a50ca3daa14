"""PDF announcements, generated with fpdf2 in fixtures: text read, facts stored, bad PDFs reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from oregraph.errors import InputError
from oregraph.graph.store import Store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.extract import extract
from oregraph.ingest.pdf import read_pdf

RELEASE = (
    "Spruce Metals reports its shareholders\n\n"
    "WINNIPEG, Manitoba, January 15, 2025 -- Spruce Metals Corp. said that Tamarack Minerals Inc. "
    "owns 20% of Spruce Metals Corp. after converting its notes into shares.\n\n"
    "Spruce Metals holds nickel claims in Manitoba and will drill them again this winter."
)


def make_pdf(pages: list[str], title: str | None = None) -> bytes:
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    if title:
        pdf.set_title(title)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


@pytest.fixture
def release_pdf(tmp_path: Path) -> Path:
    path = tmp_path / "spruce-shareholders.pdf"
    path.write_bytes(make_pdf([RELEASE, "Contact: investor relations, Spruce Metals Corp."],
                              title="Spruce Metals shareholder update"))
    return path


def test_the_text_of_every_page_is_read(release_pdf: Path) -> None:
    ann = read_pdf(release_pdf.read_bytes(), release_pdf.as_uri())
    flat = " ".join(ann.text.split())
    assert "Tamarack Minerals Inc. owns 20% of Spruce Metals Corp." in flat
    assert flat.endswith("Contact: investor relations, Spruce Metals Corp.")
    assert ann.title == "Spruce Metals shareholder update" and ann.source == release_pdf.as_uri()


def test_a_pdf_title_that_is_a_file_name_is_ignored() -> None:
    ann = read_pdf(make_pdf([RELEASE], title="Microsoft Word - PR_final.docx"), "file:///x.pdf")
    assert ann.title is None


def test_the_facts_and_the_dateline_of_a_pdf_are_read(release_pdf: Path) -> None:
    ex = extract(read_pdf(release_pdf.read_bytes(), release_pdf.as_uri()))
    assert ex.date is not None and ex.date.isoformat() == "2025-01-15"
    assert [(ex.entities[f.subject].label, ex.entities[f.object].label, f.share)
            for f in ex.facts if f.predicate == "ownsStakeIn"] == [("Tamarack Minerals Inc.", "Spruce Metals Corp.", 20.0)]


def test_a_pdf_is_ingested_into_its_own_graph(release_pdf: Path) -> None:
    with Store.memory() as st:
        report = ingest_paths(st, [release_pdf])
        assert report.ok and report.ingested == [str(release_pdf)] and report.quads_added > 20
        assert report.by_kind["pdf"]["ingested"] == 1
        again = ingest_paths(st, [release_pdf])
    assert again.skipped == [str(release_pdf)]


def test_a_pdf_without_a_text_layer_is_refused_with_advice() -> None:
    with pytest.raises(InputError, match="no text layer.*OCR"):
        read_pdf(make_pdf(["", ""]), "file:///scan.pdf", "scan.pdf")


@pytest.mark.parametrize("cut", [50, 400])
def test_a_truncated_pdf_is_reported_in_one_line(cut: int) -> None:
    data = make_pdf([RELEASE])[:cut]
    with pytest.raises(InputError) as err:
        read_pdf(data, "file:///x.pdf", "x.pdf")
    assert str(err.value).startswith("x.pdf: this PDF is malformed") and "\n" not in str(err.value)


def test_a_broken_pdf_fails_alone_in_a_batch(release_pdf: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n" + b"1 0 obj << /Type /Catalog >> garbage " * 20)
    with Store.memory() as st:
        report = ingest_paths(st, [broken, release_pdf])
    assert report.ingested == [str(release_pdf)]
    ((name, reason),) = report.failed
    assert name == str(broken) and "PDF" in reason and "Traceback" not in reason
