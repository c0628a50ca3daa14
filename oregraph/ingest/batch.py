"""The batch runner: inputs in, announcements stored, a report out.

Each input (file, folder, URL, ``-``) is read by the ingestor of its kind
into announcements; each announcement is extracted (in worker processes with
``workers > 1``), resolved against the store and written by this process as
one named graph in one transaction, in input order. An announcement already
in the store (same content hash) is skipped, so an interrupted run restarts
where it stopped and ingesting twice changes nothing. Bad input is reported
per input (or per row, per feed entry), never raised: the rest is ingested.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from oregraph.errors import InputError, OregraphError
from oregraph.graph.store import Store
from oregraph.ingest.context import IngestContext, Item
from oregraph.ingest.emit import announcement_iri, quads
from oregraph.ingest.extract import extract
from oregraph.ingest.records import Announcement, Extraction
from oregraph.ingest.resolve import load_rules, resolve
from oregraph.ingest.sources import SUFFIXES, Input, expand, read_items

if TYPE_CHECKING:
    import httpx

__all__ = ["IngestReport", "ingest_announcement", "ingest_paths", "SUFFIXES", "KINDS"]

KINDS = ("text", "html", "feed", "pdf", "stakes")
#: progress(done, total, name): called after each input is read; total counts inputs, not entries
Progress = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    read: int = 0  # announcements read (a feed gives one per entry, a stake table one per row)
    ingested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, one-line reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    quads_added: int = 0
    facts: int = 0
    merges: list[tuple[str, str, str]] = field(default_factory=list)
    by_kind: dict[str, Counter] = field(default_factory=dict)  # kind -> read, ingested, skipped, failed
    interrupted: bool = False  # stopped by Ctrl-C: what is reported as ingested is stored

    @property
    def ok(self) -> bool:
        return not self.failed

    def count(self, kind: str | None, what: str) -> None:
        self.by_kind.setdefault(kind or "other", Counter())[what] += 1


def ingest_announcement(store: Store, announcement: Announcement) -> tuple[str, int, list]:
    """Store one announcement; returns (graph IRI, quads added, merges). 0 added means it was there."""
    base = store.settings.base_iri
    graph = announcement_iri(announcement.content_hash, base)
    if store.has_graph(str(graph)):
        return str(graph), 0, []
    ex = extract(announcement)
    res = resolve(store, ex, base, rules=load_rules(store.settings.resolution_file))
    added = store.add_graph(str(graph), quads(ex, base=base, iris=res.iris, labels=res.labels))
    return str(graph), added, res.merges


class _Now:
    """A finished future, for extractions done in this process (its error, if any, comes out of
    ``result()`` as a process pool's would)."""

    def __init__(self, value: Extraction | None, error: BaseException | None = None) -> None:
        self._value = value
        self._error = error

    @classmethod
    def of(cls, announcement: Announcement) -> _Now:
        try:
            return cls(extract(announcement))
        except Exception as exc:  # noqa: BLE001 - raised again by result(), inside the run's error handling
            return cls(None, exc)

    def result(self) -> Extraction:
        if self._error is not None:
            raise self._error
        return self._value


def _worker_init() -> None:
    """Worker processes leave Ctrl-C to the parent, which stops the run cleanly, and end
    with it: a parent killed outright (SIGKILL) must not leave workers behind."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        def exit_with_parent() -> None:
            parent.join()
            os._exit(1)

        threading.Thread(target=exit_with_parent, name="exit-with-parent", daemon=True).start()


def _extractor(workers: int) -> tuple[Callable[[Announcement], Future | _Now], Callable[[], None]]:
    if workers <= 1:
        return _Now.of, (lambda: None)
    # spawn, not fork: the parent holds an open RocksDB store and its threads
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_worker_init)
    return (lambda a: pool.submit(extract, a)), (lambda: pool.shutdown(wait=True, cancel_futures=True))


def _items(ctx: IngestContext, inputs: list[Input], report: IngestReport, progress: Progress | None,
           stdin: BinaryIO | None) -> Iterator[Item]:
    for done, item in enumerate(inputs, start=1):
        try:
            yield from read_items(ctx, item, stdin)
        except InputError as exc:
            reason = str(exc)
            for prefix in (f"{item.name}: ", "standard input: "):
                reason = reason.removeprefix(prefix)
            report.failed.append((item.name, reason))
            report.count(item.kind or _guess_kind(item), "failed")
        finally:
            _drain_issues(ctx, report)
            if progress:
                progress(done, len(inputs), item.name)


def _guess_kind(item: Input) -> str:
    return "text" if item.path is not None else ("url" if item.url else "stdin")


def _drain_issues(ctx: IngestContext, report: IngestReport) -> None:
    for issue in ctx.issues:
        if issue.level == "error":
            report.failed.append((issue.name, issue.reason))
            report.count(issue.kind, "failed")
        else:
            report.warnings.append((issue.name, issue.reason))
    ctx.issues.clear()


def ingest_paths(store: Store, paths: Iterable[str | Path], *, dry_run: bool = False,
                 progress: Progress | None = None, workers: int = 1,
                 transport: httpx.BaseTransport | None = None,
                 stdin: BinaryIO | None = None) -> IngestReport:
    """Ingest files, folders, ``http(s)://`` URLs and ``-`` (standard input) into ``store``.

    ``workers > 1`` extracts in that many processes; writes stay in this
    process, one transaction per announcement, in input order, so the result
    is the same whatever the number of workers. ``transport`` replaces the
    network (tests pass an ``httpx.MockTransport``); ``stdin`` replaces
    standard input. Ctrl-C stops the run between two writes and returns the
    report so far, with ``interrupted`` set; running again continues.
    """
    report = IngestReport()
    ctx = IngestContext(store, dry_run=dry_run, transport=transport)
    inputs = list(expand(paths, lambda name, reason: report.failed.append((name, reason))))
    submit, shutdown = _extractor(workers)
    pending: deque[tuple[Item, Future | _Now]] = deque()
    window = workers * 4 if workers > 1 else 0  # in-process: write each one at once

    def finish(item: Item, future: Future | _Now) -> None:
        try:
            written = ctx.write(future.result())
        except OregraphError as exc:
            report.failed.append((item.name, str(exc)))
            report.count(item.kind, "failed")
            return
        except Exception as exc:  # noqa: BLE001 - one document's defect must not stop the others
            report.failed.append((item.name, f"could not be read ({type(exc).__name__}: {exc}); the other inputs "
                                             f"were ingested - please report this file to the oregraph maintainers"))
            report.count(item.kind, "failed")
            return
        report.ingested.append(item.name)
        report.count(item.kind, "ingested")
        report.quads_added += written.quads_added
        report.facts += written.facts
        report.merges.extend(written.merges)

    try:
        for item in _items(ctx, inputs, report, progress, stdin):
            report.read += 1
            report.count(item.kind, "read")
            if ctx.already_ingested(item.announcement):
                report.skipped.append(item.name)
                report.count(item.kind, "skipped")
                continue
            ctx.claim(item.announcement)
            future = _Now(item.extraction) if item.extraction is not None else submit(item.announcement)
            pending.append((item, future))
            while len(pending) > window:
                finish(*pending.popleft())
        while pending:
            finish(*pending.popleft())
    except KeyboardInterrupt:  # every announcement written so far is whole; the next run skips them
        report.interrupted = True
    finally:
        shutdown()
        ctx.close()
    _drain_issues(ctx, report)
    return report
