"""Extraction throughput on one core: announcements/s and MB/s of ``extract()``.

    python benchmarks/bench_extract.py --docs 1000
    python benchmarks/bench_extract.py --long      # time against text length and shape


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
    ap.add_argument("--long", action="store_true",
                    help="time single long texts: the bundled samples at 10-80 KB, one paragraph without sentence "
                         "ends, a table of ticker blocks, a pipe table")
    args = ap.parse_args()

    from oregraph.ingest.extract import extract
    from oregraph.ingest.records import Announcement
    if args.long:
        long_texts(extract, Announcement)
        return

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


def long_texts(extract, announcement) -> None:
    """One line per long text: its shape, size and the CPU seconds ``extract()`` took."""
    samples = Path(__file__).resolve().parent.parent / "oregraph" / "ingest" / "samples"
    prose = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(samples.glob("*.txt")))
    shapes = [(f"samples_{kb}kb", (prose * 50)[:kb * 1024]) for kb in (10, 20, 40, 80)] + [
        ("one_paragraph_100kb", ("Acme Mining Inc. 12 " * 6000)[:100 * 1024]),
        ("ticker_table_100kb", ("Acme Mining Corp. (TSX: ABC) (NYSE: XYZ; OTCQX: ABCD) " * 2000)[:100 * 1024]),
        ("pipe_table_180kb", ("Acme Corp. | 50% | Gold | Ontario\n" * 6000)[:180 * 1024]),
    ]
    extract(announcement(text=prose[:2000], source="urn:bench:warm-up"))  # imports and the lexicon are not timed
    for name, text in shapes:
        cpu0 = time.process_time()
        ex = extract(announcement(text="Long text\n\n" + text, source=f"urn:bench:{name}"))
        emit("extract_long", shape=name, kb=round(len(text) / 1024), cpu_seconds=round(time.process_time() - cpu0, 2),
             facts=len(ex.facts))


if __name__ == "__main__":
    main()
