"""Where inputs come from and which ingestor reads each one.

An input is a file, a folder (searched recursively), an ``http(s)://`` URL
or ``-`` (standard input). Its kind — text, html, feed, pdf, stakes — comes
from the file extension when it names one, else from the HTTP content type,
else from the first bytes (``%PDF-``, ``<rss``, ``<feed``, ``<html``, a
header row naming ``owner`` and ``owned`` ...).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from oregraph.errors import InputError
from oregraph.ingest import feeds, html, pdf, stakes, text
from oregraph.ingest.context import Document, IngestContext, Issue, Item
from oregraph.ingest.fetch import is_url

if TYPE_CHECKING:
    import httpx

    from oregraph.settings import Settings

__all__ = ["Input", "expand", "load", "sniff", "kind_of", "read_items", "read_input", "READERS", "SUFFIXES",
           "STDIN", "STDIN_IRI"]

#: the one entry function of each ingestor module
READERS: dict[str, Callable[[IngestContext, Document], Iterator[Item]]] = {
    "text": text.read, "html": html.read, "feed": feeds.read, "pdf": pdf.read, "stakes": stakes.read,
}
SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "feed", ".atom": "feed",
    ".pdf": "pdf",
    ".csv": "stakes", ".tsv": "stakes",
}
#: read in folders only when their content says what they are
_SNIFFED_SUFFIXES = {".xml": {"feed"}, ".json": {"stakes"}, "": {"text", "html", "feed", "pdf", "stakes"}}
_MEDIA_TYPES = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/pdf": "pdf", "text/csv": "stakes", "text/tab-separated-values": "stakes",
    "application/json": "stakes", "text/plain": "text",
}
STDIN = "-"
STDIN_IRI = "urn:oregraph:stdin"
_HEADER = re.compile(rb"^\W*owner\W*[,;\t].*\bowned\b", re.I)  # a header row, not prose


@dataclass(frozen=True)
class Input:
    """One input to read: a file path, a URL or standard input, with its kind if known."""

    name: str
    path: Path | None = None
    url: str | None = None
    kind: str | None = None  # from the extension; None: sniff the content


def sniff(doc: Document) -> str:
    """The kind of a document from its content type and first bytes.

    >>> sniff(Document("x", "urn:x", b"%PDF-1.7 ..."))
    'pdf'
    >>> sniff(Document("x", "urn:x", b'<?xml version="1.0"?><rss version="2.0">'))
    'feed'
    >>> sniff(Document("x", "urn:x", b"owner,owned,share,source\\nA Inc.,B Ltd.,40,registry"))
    'stakes'
    """
    head = doc.data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    low = head.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    by_type = _MEDIA_TYPES.get(doc.media_type or "")
    if by_type in ("html", "feed", "pdf", "stakes"):
        return by_type
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", low[:2048]) and not re.search(rb"<html[\s>]", low[:2048]):
        return "feed"
    if re.match(rb"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype html|html|head|body)[\s>]", low, re.S):
        return "html"
    if _HEADER.match(head.split(b"\n", 1)[0]) or (head[:1] in (b"[", b"{") and b'"owner"' in low):
        return "stakes"
    if text.looks_binary(doc.data) and not doc.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def kind_of(path: Path) -> str | None:
    return SUFFIXES.get(path.suffix.lower())


def _in_folder(path: Path) -> bool:
    """Whether a file met in a folder is an input: by extension, or (no or .xml/.json extension) by content."""
    if path.name.startswith("."):
        return False
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return True
    wanted = _SNIFFED_SUFFIXES.get(suffix)
    if wanted is None:
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return True  # let reading it report the problem
    return sniff(Document(str(path), "", head)) in wanted


def expand(inputs: Iterable[str | Path], failed: Callable[[str, str], None]) -> Iterator[Input]:
    """The inputs to read: folders searched recursively, URLs and ``-`` as given.

    Missing paths and folders without announcements are passed to ``failed``.
    """
    for given in inputs:
        name = str(given)
        if isinstance(given, str) and given == STDIN:
            yield Input(STDIN)
        elif isinstance(given, str) and is_url(given):
            yield Input(name, url=given)
        else:
            path = Path(given)
            if path.is_dir():
                found = sorted(p for p in path.rglob("*") if p.is_file() and _in_folder(p))
                if not found:
                    failed(name, "no announcements in this folder (looked for "
                           f"{', '.join(sorted(SUFFIXES))}, and .xml, .json or no extension by content)")
                for p in found:
                    yield Input(str(p), path=p, kind=kind_of(p))
            elif path.is_file():
                yield Input(name, path=path, kind=kind_of(path))
            elif isinstance(given, str) and re.match(r"^[a-z][a-z0-9+.-]*://", given, re.I):
                failed(name, "only http:// and https:// addresses can be fetched")
            else:
                failed(name, "no such file or folder")


def load(ctx: IngestContext, item: Input, stdin: BinaryIO | None = None) -> Document:
    """The bytes of one input, within the size limit."""
    if item.url is not None:
        return ctx.fetch(item.url, item.name)
    if item.path is not None:
        data = text.read_bytes(item.path, ctx.max_bytes)
        return Document(item.name, item.path.resolve().as_uri(), data)
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read(ctx.max_bytes + 1)
    if len(data) > ctx.max_bytes:
        raise InputError(f"standard input: more than the {ctx.max_bytes:,}-byte limit for one announcement "
                         "(raise OREGRAPH_MAX_ANNOUNCEMENT_BYTES if it really is one)")
    return Document("standard input", STDIN_IRI, data)


def read_items(ctx: IngestContext, item: Input, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Load one input and run the ingestor of its kind; :class:`InputError` when it cannot be read."""
    doc = load(ctx, item, stdin)
    kind = item.kind or sniff(doc)
    if item.kind is None and item.url is not None and kind == "text":
        kind = SUFFIXES.get(Path(item.url.split("?", 1)[0]).suffix.lower(), "text")
    if kind == "binary":
        raise InputError(f"{doc.name}: this looks like a binary file, not an announcement "
                         "(text, HTML, feed, PDF or stake table); binary files are refused")
    yield from READERS[kind](ctx, doc)


def read_input(given: str | Path, settings: Settings | None = None, *,
               transport: httpx.BaseTransport | None = None,
               stdin: BinaryIO | None = None) -> tuple[list[Item], list[Issue]]:
    """Read one input of any kind without a store (what ``oregraph extract`` needs).

    Returns the items (an item's ``extraction`` is set for stake-table rows;
    extract the others) and the issues met (bad rows, feed warnings).
    Raises :class:`InputError` when the input cannot be read at all.
    """
    from oregraph.graph.store import Store

    failed: list[tuple[str, str]] = []
    with Store.memory(settings) as store:
        ctx = IngestContext(store, dry_run=True, transport=transport)
        try:
            inputs = list(expand([given], lambda name, reason: failed.append((name, reason))))
            if failed:
                raise InputError(f"{failed[0][0]}: {failed[0][1]}")
            items = [found for one in inputs for found in read_items(ctx, one, stdin)]
        finally:
            ctx.close()
    return items, ctx.issues
