"""PDF announcements: the text layer of every page, with pypdf.

A PDF with no text layer (a scan), a password, or a broken structure is
refused with a message that says so. The PDF's own title is used when it is
a real title; its creation date is not (the dateline in the text is the
announcement's date, and cleanup reads it). The catalog's ``/Lang``, when
set, is the announcement's language.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from oregraph.errors import InputError
from oregraph.ingest.context import Item, quiet_logs
from oregraph.ingest.records import Announcement
from oregraph.ingest.text import clean_text, language_tag

if TYPE_CHECKING:
    from oregraph.ingest.context import Document, IngestContext

__all__ = ["read", "read_pdf"]

log = logging.getLogger("oregraph.ingest")
_JUNK_TITLE = re.compile(r"^(microsoft (word|powerpoint)|untitled)|\.(docx?|pdf|indd|rtf)$", re.I)


def _title(reader: object) -> str | None:
    meta = getattr(reader, "metadata", None)
    title = (getattr(meta, "title", None) or "").strip() if meta else ""
    title = " ".join(clean_text(title).split())
    return title if title and not _JUNK_TITLE.search(title) else None


def _language(reader: object) -> str | None:
    """The document language of the PDF catalog (``/Lang``), when it declares one."""
    from pypdf.errors import PyPdfError

    try:
        lang = reader.trailer["/Root"].get("/Lang")  # type: ignore[attr-defined]
    except (PyPdfError, KeyError, AttributeError, TypeError, ValueError):  # a broken catalog: unknown
        return None
    return language_tag(str(lang)) if lang else None


def read_pdf(data: bytes, uri: str, name: str | None = None) -> Announcement:
    """The text of a PDF as one announcement; :class:`InputError` when it has none."""
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PyPdfError

    name = name or uri
    # pypdf raises many kinds of error on broken files; all of them mean "malformed PDF" here
    broken = (PyPdfError, ValueError, KeyError, IndexError, TypeError, AttributeError,
              RecursionError, zlib.error, NotImplementedError)  # unsupported filter
    try:
        with quiet_logs("pypdf"):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                try:
                    reader.decrypt("")
                    pages = [page.extract_text() or "" for page in reader.pages]
                except (FileNotDecryptedError, NotImplementedError):
                    raise InputError(f"{name}: this PDF is password-protected; "
                                     "save an unprotected copy and ingest that") from None
            else:
                pages = [page.extract_text() or "" for page in reader.pages]
            title = _title(reader)
            language = _language(reader)
    except InputError:
        raise
    except broken as exc:
        raise InputError(f"{name}: this PDF is malformed and cannot be read ({type(exc).__name__}: "
                         f"{str(exc).splitlines()[0] if str(exc) else 'no detail'}); "
                         "re-export it, or save its text as .txt") from None
    text = clean_text("\n\n".join(p.strip() for p in pages if p.strip()))
    if not text.strip():
        raise InputError(f"{name}: this PDF has no text layer (a scanned image?); "
                         "run OCR on it, or save its text as .txt")
    return Announcement(text=text, source=uri, title=title, language=language)


def read(ctx: IngestContext, doc: Document) -> Iterator[Item]:
    """The PDF ingestor: one document, one announcement."""
    yield Item(doc.name, "pdf", read_pdf(doc.data, doc.uri, doc.name))
