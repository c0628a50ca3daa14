"""NetworkX projection: time and memory of ``oregraph.graph.ownership.ownership_graph``.

    python benchmarks/bench_projection.py --triples 100000

Loads the generated graph into an on-disk store, then projects the ownership
facts into a ``networkx.DiGraph`` (the step behind every owners/holdings
lookup, cached until the store changes). Prints one JSON line: seconds, nodes,
edges, resident memory before and after, peak memory.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import WORK, emit, graph_file, load_store, maxrss_mb  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=100_000)
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()
    nq, meta = graph_file(args.triples)
    folder = WORK / f"store-p-{args.triples}"
    loaded = load_store(nq, folder)
    try:
        from oregraph.graph.ownership import ownership_graph
        from oregraph.graph.store import Store

        with Store.open(folder) as store:
            before, peak_before = rss_mb(), maxrss_mb()
            profiler = None
            if args.profile:
                import cProfile
                profiler = cProfile.Profile()
                profiler.enable()
            t = time.perf_counter()
            graph = ownership_graph(store)
            seconds = time.perf_counter() - t
            if profiler is not None:
                import pstats
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
            emit("projection", triples=args.triples, quads=loaded["quads"], seconds=round(seconds, 3),
                 nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
                 rss_before_mb=before, rss_after_mb=rss_mb(), rss_growth_mb=round(rss_mb() - before, 1),
                 peak_before_mb=peak_before)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
