"""HTML pages: the main text and the page's own metadata, with trafilatura.

Navigation, footers and sharing widgets are dropped; the title, publication
date, publisher (site name) and canonical URL come from the page's meta tags
(``<link rel=canonical>``, Open Graph, ``article:published_time`` ...). The
canonical URL, when the page gives one, is the announcement's source: it is
the address a reader can cite, whatever copy or redirect was read; the file
or URL actually read is then kept as ``retrieved_from``. The page's language
(``<html lang>``) is the announcement's ``language``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from oregraph.errors import InputError
from oregraph.ingest.context import Item, iri_safe, quiet_logs
from oregraph.ingest.records import Announcement
from oregraph.ingest.text import clean_text, language_tag

if TYPE_CHECKING:
    from oregraph.ingest.context import Document, IngestContext

__all__ = ["read", "read_html", "html_to_text", "parse_date", "page_language"]

_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "section", "article", "table", "ul", "ol", "pre", "dd", "dt"}


_WORD = re.compile(r"[^\W\d_]{2,}")
_MIN_WORDS = 5


def parse_date(value: str | None) -> date | None:
    """A calendar date from an ISO 8601 date or timestamp, else ``None``.

    >>> parse_date("2024-03-05T09:30:00-05:00"), parse_date("yesterday")
    (datetime.date(2024, 3, 5), None)
    """
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


_HTML_LANG = re.compile(r"""<html\b[^>]*?\s(?:xml:)?lang\s*=\s*["']?([^"'\s>]+)""", re.I)


def page_language(data: bytes | str) -> str | None:
    """The language an HTML page declares on its ``<html>`` element, or None.

    >>> page_language(b'<!doctype html><html class="x" lang="fr-ca"><head>'), page_language("<html>")
    ('fr-CA', None)
    """
    head = data[:8192].decode("latin-1") if isinstance(data, bytes) else data[:8192]
    m = _HTML_LANG.search(head)
    return language_tag(m.group(1)) if m else None


def html_to_text(fragment: str) -> str:
    """Readable text of an HTML fragment (a feed entry's content): one line per block.

    >>> html_to_text("<p>Alder Mining Inc.&nbsp;holds 45%</p><p>of Birch.</p>")
    'Alder Mining Inc. holds 45%\\n\\nof Birch.'
    """
    import lxml.etree
    import lxml.html

    fragment = clean_text(fragment)  # lxml refuses control characters in text it sets
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style"):
        bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) if line.strip() else "" for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def read_html(data: bytes | str, uri: str, name: str | None = None) -> Announcement:
    """The main text and metadata of one HTML page.

    Raises :class:`InputError` when the page holds no readable article text.
    """
    import trafilatura

    name = name or uri
    url = uri if uri.startswith(("http://", "https://")) else None
    with quiet_logs("trafilatura", "htmldate", "charset_normalizer"):
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    text = clean_text(doc.text or "").strip() if doc is not None else ""
    if len(_WORD.findall(text)) < _MIN_WORDS:  # trafilatura falls back on any text: a menu, markup
        raise InputError(f"{name}: no article text found in this page (malformed HTML, or an "
                         "index, login or script-only page); save the article itself and ingest it")
    title = " ".join(clean_text(doc.title or "").split()) or None
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    canonical = iri_safe(doc.url or "") or ""
    source = canonical if canonical.startswith(("http://", "https://")) else uri
    return Announcement(text=text, source=source, title=title, date=parse_date(doc.date),
                        publisher=(doc.sitename or "").strip() or None,
                        retrieved_from=uri if source != uri else None, language=page_language(data))


def read(ctx: IngestContext, doc: Document) -> Iterator[Item]:
    """The HTML ingestor: one page, one announcement."""
    data: bytes | str = doc.data
    if doc.charset:
        try:
            data = doc.data.decode(doc.charset)
        except (LookupError, UnicodeDecodeError):
            data = doc.data
    yield Item(doc.name, "html", read_html(data, doc.uri, doc.name))
