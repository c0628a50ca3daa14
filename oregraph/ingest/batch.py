"""The batch runner: paths in, announcements stored, a report out.

Each announcement is read, extracted, resolved against the store and written
as one named graph in one transaction. An announcement already in the store
(same content hash) is skipped, so an interrupted run restarts where it
stopped and ingesting twice changes nothing. Bad input is reported per file,
never raised: the rest of the batch is still ingested.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from oregraph.errors import InputError, OregraphError
from oregraph.graph.store import Store
from oregraph.ingest.emit import announcement_iri, quads
from oregraph.ingest.extract import extract
from oregraph.ingest.records import Announcement
from oregraph.ingest.resolve import resolve
from oregraph.ingest.text import read_text_file

__all__ = ["IngestReport", "expand_paths", "ingest_announcement", "ingest_paths", "SUFFIXES"]

SUFFIXES = {".txt"}


@dataclass
class IngestReport:
    read: int = 0
    ingested: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already in the store
    failed: list[tuple[str, str]] = field(default_factory=list)  # (input, one-line reason)
    quads_added: int = 0
    merges: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def expand_paths(paths: Iterable[Path], report: IngestReport) -> Iterator[Path]:
    """Files to read: files as given, folders searched recursively for announcements."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                report.failed.append((str(path), f"no {', '.join(sorted(SUFFIXES))} files in this folder"))
            yield from found
        elif path.is_file():
            yield path
        else:
            report.failed.append((str(path), "no such file or folder"))


def ingest_announcement(store: Store, announcement: Announcement) -> tuple[str, int, list]:
    """Store one announcement; returns (graph IRI, quads added, merges). 0 added means it was there."""
    base = store.settings.base_iri
    graph = announcement_iri(announcement.content_hash, base)
    if store.has_graph(str(graph)):
        return str(graph), 0, []
    ex = extract(announcement)
    res = resolve(store, ex, base)
    added = store.add_graph(str(graph), quads(ex, base=base, iris=res.iris, labels=res.labels))
    return str(graph), added, res.merges


def ingest_paths(store: Store, paths: Iterable[Path], *, dry_run: bool = False,
                 progress: Callable[[Path], None] | None = None) -> IngestReport:
    report = IngestReport()
    max_bytes = store.settings.max_announcement_bytes
    for path in expand_paths(paths, report):
        if progress:
            progress(path)
        try:
            announcement = read_text_file(path, max_bytes)
            report.read += 1
            graph = announcement_iri(announcement.content_hash, store.settings.base_iri)
            if store.has_graph(str(graph)):
                report.skipped.append(str(path))
                continue
            if dry_run:
                report.ingested.append(str(path))
                continue
            _, added, merges = ingest_announcement(store, announcement)
        except InputError as exc:
            report.failed.append((str(path), str(exc).removeprefix(f"{path}: ")))
            continue
        except OregraphError as exc:
            report.failed.append((str(path), str(exc)))
            continue
        report.ingested.append(str(path))
        report.quads_added += added
        report.merges.extend(merges)
    return report
