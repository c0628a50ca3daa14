"""Ingest throughput into the embedded store, store size on disk, peak memory.

    python benchmarks/bench_ingest.py --docs 1000 [--workers 2]

Two measurements, each printed as a JSON line:

* ``ingest`` (library, one process): every announcement through
  ``oregraph.ingest.batch.ingest_announcement`` into a fresh on-disk
  ``Store``; the time inside ``Store.add_graph`` (the store write) is measured
  by wrapping that method on the instance, the rest (extraction, resolution
  against the store, emitting quads) is the total minus the write.
* ``ingest_cli`` (the ``oregraph ingest`` command as a whole process, startup
  included), with ``--workers N`` when the command has that option.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import VENV_BIN, WORK, corpus, dir_size_mb, emit  # noqa: E402


def library_run(folder: Path, store_dir: Path, profile: bool) -> None:
    from oregraph.graph.store import Store
    from oregraph.ingest.batch import ingest_announcement
    from oregraph.ingest.records import Announcement

    files = sorted(folder.glob("ann-*.txt"))
    announcements = [Announcement(text=p.read_text(encoding="utf-8"), source=p.as_uri()) for p in files]
    size = sum(len(a.text.encode("utf-8")) for a in announcements)
    shutil.rmtree(store_dir, ignore_errors=True)
    store = Store.open(store_dir)
    write_seconds = 0.0
    original = store.add_graph

    def timed_add_graph(graph_iri, quads):  # the store write, measured apart
        nonlocal write_seconds
        quads = list(quads)  # emitting the quads is part of the extraction side
        t = time.perf_counter()
        try:
            return original(graph_iri, quads)
        finally:
            write_seconds += time.perf_counter() - t

    store.add_graph = timed_add_graph  # type: ignore[method-assign]
    profiler = None
    if profile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    added = 0
    cpu0, t0 = time.process_time(), time.perf_counter()
    step = max(100, len(announcements) // 10)
    seg_cpu, seg_wall = cpu0, t0
    for i, a in enumerate(announcements, 1):
        added += ingest_announcement(store, a)[1]
        if i % step == 0 and i < len(announcements):  # how the rate changes as the store grows
            c, w = time.process_time(), time.perf_counter()
            emit("ingest_progress", docs=len(announcements), done=i, segment_docs_per_cpu_s=round(step / (c - seg_cpu), 1),
                 segment_docs_per_s=round(step / (w - seg_wall), 1))
            seg_cpu, seg_wall = c, w
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    if profiler is not None:
        import pstats
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(30)
    t = time.perf_counter()
    store.close()
    close_s = time.perf_counter() - t
    n = len(announcements)
    emit("ingest", docs=n, mb=round(size / 1e6, 2), seconds=round(wall, 2), cpu_seconds=round(cpu, 2),
         docs_per_s=round(n / wall, 1), docs_per_cpu_s=round(n / cpu, 1),
         store_write_seconds=round(write_seconds, 2),
         extract_resolve_emit_seconds=round(wall - write_seconds, 2),
         write_docs_per_s=round(n / write_seconds, 1) if write_seconds else None,
         quads=added, quads_per_s=round(added / wall), close_seconds=round(close_s, 2),
         store_mb=dir_size_mb(store_dir), corpus_mb=round(size / 1e6, 2),
         target_docs_per_s=50, meets_target=n / cpu >= 50)


def has_workers_option() -> bool:
    help_text = subprocess.run([str(VENV_BIN / "oregraph"), "ingest", "--help"],
                               capture_output=True, text=True).stdout
    return "--workers" in help_text


def cli_run(folder: Path, store_dir: Path, workers: int | None) -> None:
    shutil.rmtree(store_dir, ignore_errors=True)
    cmd = [str(VENV_BIN / "oregraph"), "ingest", str(folder), "--store", str(store_dir)]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    n = len(list(folder.glob("ann-*.txt")))
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    # the children's usage includes every worker process the command started
    import resource
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    emit("ingest_cli", docs=n, workers=workers or 1, workers_option=workers is not None, seconds=round(wall, 2),
         docs_per_s=round(n / wall, 1), cpu_seconds=round(usage.ru_utime + usage.ru_stime, 2),
         child_maxrss_mb=round(usage.ru_maxrss / 1024, 1), store_mb=dir_size_mb(store_dir),
         exit_code=proc.returncode,
         error=err.strip()[-300:] if proc.returncode not in (0, 1) else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--mode", choices=["library", "cli"], default="library")
    ap.add_argument("--workers", type=int, default=None,
                    help="for --mode cli: pass --workers N (skipped if the command has no such option)")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    folder = corpus(args.docs)
    store_dir = WORK / f"store-ingest-{args.docs}-{args.mode}-{os.getpid()}"
    try:
        if args.mode == "library":
            library_run(folder, store_dir, args.profile)
        else:
            if args.workers is not None and not has_workers_option():
                emit("ingest_cli", docs=args.docs, workers=args.workers,
                     skipped="`oregraph ingest` has no --workers option in this version")
                return
            cli_run(folder, store_dir, args.workers)
    finally:
        shutil.rmtree(store_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
