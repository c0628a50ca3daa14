"""What every ingestor shares: the :class:`IngestContext` and the records passed to it.

Each input kind has one module (``text``, ``html``, ``feeds``, ``pdf``,
``stakes``) with one entry function ``read(ctx, document)`` that yields
:class:`Item`\\ s. The context owns everything around reading: fetching linked
pages, the deterministic IRIs, knowing what is already stored, writing one
announcement's graph in one transaction (or nothing, in a dry run), and the
run's issues — bad source data is recorded as a structured :class:`Issue`
and logged, never raised past the input it concerns.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import pyoxigraph as ox

from oregraph.ingest.emit import announcement_iri, quads
from oregraph.ingest.records import Announcement, Extraction
from oregraph.ingest.resolve import LabelIndex, ResolutionRules, load_rules, resolve

if TYPE_CHECKING:
    import httpx

    from oregraph.graph.store import Store
    from oregraph.ingest.fetch import Fetcher

__all__ = ["Document", "Item", "Issue", "IngestContext", "Written", "quiet_logs", "iri_safe"]

log = logging.getLogger("oregraph.ingest")
log.addHandler(logging.NullHandler())  # a library logs; the application chooses where to


_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#@!$&'()*+,;=")
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _valid_iri(value: str) -> bool:
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def iri_safe(value: str) -> str | None:
    """An address read from a page or feed, as a valid IRI (percent-encoded where needed), or None.

    >>> iri_safe("file:///feeds/wire.rss#item 3"), iri_safe("https://x.org/é?a=1")
    ('file:///feeds/wire.rss#item%203', 'https://x.org/é?a=1')
    >>> iri_safe("https://x.org/a]b%zz"), iri_safe("no scheme")
    ('https://x.org/a%5Db%25zz', None)
    """
    from urllib.parse import quote

    value = value.strip()
    if not value:
        return None
    if _valid_iri(value):
        return value
    value = _ESCAPE.sub("%25", value)
    encoded = "".join(ch if ch in _PLAIN or ch == "%" else quote(ch, safe="") for ch in value)
    return encoded if _valid_iri(encoded) else None


@contextmanager
def quiet_logs(*names: str) -> Iterator[None]:
    """Silence the libraries' own log lines: a bad page becomes one issue, not five warnings."""
    loggers = [logging.getLogger(n) for n in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


@dataclass(frozen=True)
class Document:
    """The bytes of one input before any reader interprets them."""

    name: str  # as the user named it: a path, a URL, "-"; used in messages
    uri: str  # IRI for dcterms:source: file URI, final URL after redirects, urn for stdin
    data: bytes
    media_type: str | None = None  # from HTTP Content-Type, when fetched
    charset: str | None = None  # from HTTP Content-Type, when given


@dataclass
class Item:
    """One announcement read from an input, ready for extraction and writing.

    ``extraction`` is set when the reader already knows the facts (a stake
    table row); otherwise the batch runner extracts them from the text.
    """

    name: str  # for messages: the path, "feed.xml entry 3", "stakes.csv row 4"
    kind: str  # text, html, feed, pdf, stakes
    announcement: Announcement
    extraction: Extraction | None = None


@dataclass(frozen=True)
class Issue:
    """A problem with source data, tied to the input (and part of it) it concerns."""

    name: str
    reason: str  # one line, says what was wrong and what to do
    level: Literal["error", "warning"] = "error"
    kind: str | None = None


@dataclass(frozen=True)
class Written:
    graph: str
    quads_added: int
    facts: int
    merges: list[tuple[str, str, str]]


@dataclass
class IngestContext:
    """Shared state of one ingest run over one store."""

    store: Store
    dry_run: bool = False
    transport: httpx.BaseTransport | None = None  # tests serve pages through httpx.MockTransport
    issues: list[Issue] = field(default_factory=list)
    _fetcher: Fetcher | None = field(default=None, repr=False)
    _seen: set[str] = field(default_factory=set, repr=False)
    _rules: ResolutionRules | None = field(default=None, repr=False)
    _labels: LabelIndex = field(default_factory=LabelIndex, repr=False)

    # -- settings ----------------------------------------------------------------

    @property
    def base(self) -> str:
        return self.store.settings.base_iri

    @property
    def max_bytes(self) -> int:
        return self.store.settings.max_announcement_bytes

    # -- fetching ----------------------------------------------------------------

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            from oregraph.ingest.fetch import Fetcher

            settings = self.store.settings
            self._fetcher = Fetcher(max_bytes=self.max_bytes, timeout=settings.fetch_timeout,
                                    max_redirects=settings.fetch_max_redirects, transport=self.transport)
        return self._fetcher

    def fetch(self, url: str, name: str | None = None) -> Document:
        """Fetch ``url`` within the run's limits; :class:`InputError` says why it failed."""
        log.debug("fetching %s", url)
        return self.fetcher.get(url, name)

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    # -- identity ----------------------------------------------------------------

    def graph_iri(self, announcement: Announcement) -> str:
        """The named graph of an announcement: minted from its content hash."""
        return str(announcement_iri(announcement.content_hash, self.base))

    def already_ingested(self, announcement: Announcement) -> bool:
        """True when the store, or this run so far, holds the announcement already."""
        graph = self.graph_iri(announcement)
        return graph in self._seen or self.store.has_graph(graph)

    def claim(self, announcement: Announcement) -> None:
        """Mark the announcement as handled by this run (so a second copy is skipped)."""
        self._seen.add(self.graph_iri(announcement))

    # -- issues ------------------------------------------------------------------

    def issue(self, name: str, reason: str, *, level: Literal["error", "warning"] = "error",
              kind: str | None = None) -> Issue:
        found = Issue(name, reason, level, kind)
        self.issues.append(found)
        log.log(logging.ERROR if level == "error" else logging.WARNING, "%s: %s", name, reason,
                extra={"input": name, "reason": reason, "kind": kind})
        return found

    # -- writing -----------------------------------------------------------------

    def write(self, extraction: Extraction) -> Written:
        """Resolve the extraction against the store and write its graph in one transaction.

        In a dry run the quads are built (so the count of facts is real) and
        nothing is written.
        """
        graph = self.graph_iri(extraction.announcement)
        if self._rules is None:  # read once per run: the shipped rules, then the user's file
            self._rules = load_rules(self.store.settings.resolution_file)
        res = resolve(self.store, extraction, self.base, rules=self._rules, labels=self._labels)
        built = quads(extraction, base=self.base, iris=res.iris, labels=res.labels)
        if self.dry_run:
            sum(1 for _ in built)
            return Written(graph, 0, len(extraction.facts), res.merges)
        added = self.store.add_graph(graph, built)
        self._labels.add_written(extraction, res, self.base)
        log.info("wrote %s (%d quads)", graph, added)
        return Written(graph, added, len(extraction.facts), res.merges)
