"""Extraction throughput on one core: announcements/s and MB/s of ``extract()``.

    python benchmarks/bench_extract.py --docs 1000

Files are read into memory first; only ``oregraph.ingest.extract.extract`` is
timed. Prints one JSON line. ``--profile`` adds a cProfile summary (stderr)
of where the time goes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import corpus, emit  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--profile", action="store_true", help="print the top functions by cumulative time")
    args = ap.parse_args()

    from oregraph.ingest.extract import extract
    from oregraph.ingest.records import Announcement

    folder = corpus(args.docs)
    items = [(p.as_uri(), p.read_text(encoding="utf-8")) for p in sorted(folder.glob("ann-*.txt"))]
    announcements = [Announcement(text=t, source=u) for u, t in items]
    size = sum(len(t.encode("utf-8")) for _, t in items)
    extract(announcements[0])  # imports and lexicon loading are not throughput

    profiler = None
    if args.profile:
        import cProfile
        profiler = cProfile.Profile()
        profiler.enable()
    facts = 0
    cpu0, t0 = time.process_time(), time.perf_counter()
    for a in announcements:
        facts += len(extract(a).facts)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    if profiler is not None:
        import pstats
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    n = len(announcements)
    emit("extract", docs=n, mb=round(size / 1e6, 2), seconds=round(wall, 2), cpu_seconds=round(cpu, 2),
         docs_per_s=round(n / wall, 1), docs_per_cpu_s=round(n / cpu, 1),
         mb_per_s=round(size / 1e6 / wall, 3), facts=facts, facts_per_doc=round(facts / n, 2),
         target_docs_per_s=100, meets_target=n / cpu >= 100)


if __name__ == "__main__":
    main()
