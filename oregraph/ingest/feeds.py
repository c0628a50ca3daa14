"""RSS and Atom feeds: each entry an announcement, with feedparser.

An entry that carries its full text (Atom ``<content>``, RSS
``<content:encoded>``) is read as it is. An entry that holds only a summary
is completed by fetching the page it links to (HTML or PDF, through the
context, within its limits); when that fails, the summary is ingested and a
warning says why. The entry's title and date, and the feed's title as the
publisher, are the announcement's metadata; its link is the source. The feed
(or the linked page, when that was read) is where it was retrieved from, and
the language is the entry's or the feed's (``xml:lang``, ``<language>``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

from oregraph.errors import InputError
from oregraph.ingest.context import Item, iri_safe, quiet_logs
from oregraph.ingest.fetch import is_url
from oregraph.ingest.html import html_to_text
from oregraph.ingest.records import Announcement
from oregraph.ingest.text import clean_text, language_tag

if TYPE_CHECKING:
    from oregraph.ingest.context import Document, IngestContext

__all__ = ["read", "parse_feed"]


def parse_feed(data: bytes, name: str) -> Any:
    """The parsed feed; :class:`InputError` when it is not one, or holds no entries."""
    import feedparser

    try:
        with quiet_logs("feedparser"):
            feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    except (UnicodeError, LookupError) as exc:  # a garbled encoding declaration
        raise InputError(f"{name}: this is not a readable RSS or Atom feed (its encoding cannot be "
                         f"used: {type(exc).__name__}); check that the file is the feed itself") from None
    if not feed.entries:
        if feed.bozo:
            reason = str(feed.get("bozo_exception", "")).splitlines()[0] if feed.get("bozo_exception") else ""
            raise InputError(f"{name}: this is not a readable RSS or Atom feed"
                             + (f" ({reason})" if reason else "") + "; check that the file is the feed itself")
        raise InputError(f"{name}: this feed has no entries; nothing to ingest")
    return feed


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _content(entry: Any) -> str:
    """The entry's full text, when it carries one (not its summary)."""
    parts = [c.get("value", "") for c in entry.get("content", []) if c.get("value", "").strip()]
    return "\n\n".join(html_to_text(p) for p in parts).strip()


def _entry_language(entry: Any, feed_language: str | None) -> str | None:
    for detail in (*entry.get("content", []), entry.get("summary_detail") or {}, entry.get("title_detail") or {}):
        tag = language_tag(detail.get("language"))
        if tag:
            return tag
    return feed_language


def _linked_page(ctx: IngestContext, link: str, label: str) -> Announcement:
    from oregraph.ingest import sources

    page = ctx.fetch(link, f"{label} link {link}")
    kind = sources.sniff(page)
    if kind == "pdf":
        from oregraph.ingest.pdf import read_pdf

        return read_pdf(page.data, page.uri, page.name)
    if kind == "html":
        from oregraph.ingest.html import read_html

        return read_html(page.data, page.uri, page.name)
    raise InputError(f"{page.name}: the linked page is {kind}, not an HTML page or a PDF")


def read(ctx: IngestContext, doc: Document) -> Iterator[Item]:
    """The feed ingestor: one :class:`Item` per entry, in the feed's order."""
    feed = parse_feed(doc.data, doc.name)
    if feed.bozo:
        exc = feed.get("bozo_exception")
        ctx.issue(doc.name, f"the feed is malformed ({str(exc).splitlines()[0] if exc else 'unknown'}); "
                  f"read its {len(feed.entries)} entries anyway", level="warning", kind="feed")
    publisher = (feed.feed.get("title") or "").strip() or None
    feed_language = language_tag(feed.feed.get("language"))
    for number, entry in enumerate(feed.entries, start=1):
        label = f"{doc.name} entry {number}"
        title = " ".join(clean_text(entry.get("title") or "").split()) or None
        link = iri_safe(entry.get("link") or "") or ""
        when = _entry_date(entry)
        body = _content(entry)
        source = link if is_url(link) else (iri_safe(f"{doc.uri}#{entry.get('id') or ''}")
                                            if entry.get("id") else None) or f"{doc.uri}#entry-{number}"
        if not body and is_url(link):
            try:
                page = _linked_page(ctx, link, label)
            except InputError as exc:
                ctx.issue(label, f"{exc}; ingested the entry's summary only", level="warning", kind="feed")
            else:
                yield Item(label, "feed", Announcement(
                    text=page.text, source=page.source, title=title or page.title,
                    date=when or page.date, publisher=publisher or page.publisher,
                    retrieved_from=page.retrieved_from,
                    language=page.language or _entry_language(entry, feed_language)))
                continue
        if not body:
            body = html_to_text(entry.get("summary") or "")
        if not clean_text(body).strip() and not title:
            ctx.issue(label, "the entry has neither text nor title; skipped it", kind="feed")
            continue
        body = clean_text(body).strip()
        text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
        yield Item(label, "feed", Announcement(text=text.strip(), source=source, title=title,
                                                date=when, publisher=publisher,
                                                retrieved_from=doc.uri if doc.uri != source else None,
                                                language=_entry_language(entry, feed_language)))
