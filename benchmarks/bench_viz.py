"""Graph page generation for 500 / 5,000 / 50,000 nodes, beside pyvis's own route.

    python benchmarks/bench_viz.py --nodes 5000 [--pyvis-cap 60]

Builds a synthetic ``networkx.DiGraph`` shaped like oregraph's projections
(companies, plants, people; stake edges with shares and evidence, about two
edges per node) and times ``oregraph.graph.viz.render_graph_page`` with
``max_nodes`` equal to the node count (every node drawn). Then, in a child
process killed after ``--pyvis-cap`` seconds, pyvis's ``Network.from_nx`` on
the same graph (the route oregraph avoids), and pyvis filled directly by
assigning its ``nodes``/``edges`` lists. One JSON line per method.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit, maxrss_mb  # noqa: E402
from names import company_name, person_name  # noqa: E402


def synthetic_graph(n: int, seed: int = 7):
    import networkx as nx

    rng = random.Random(seed)
    g = nx.DiGraph()
    for i in range(n):
        kind = "Company" if i % 10 < 7 else ("Plant" if i % 10 < 9 else "Person")
        label = person_name(i) if kind == "Person" else company_name(i)
        g.add_node(f"n{i}", label=label, id=f"org-{i}", types=[kind])
    for i in range(1, n):
        for _ in range(2):
            j = rng.randrange(max(1, i))
            if j != i:
                share = round(rng.uniform(1, 100), 2)
                g.add_edge(f"n{j}", f"n{i}", predicate="ownsStakeIn", share=share,
                           evidence=f"{g.nodes[f'n{j}']['label']} holds {share}% of {g.nodes[f'n{i}']['label']}.")
    return g


def pyvis_child(n: int, method: str) -> None:
    from pyvis.network import Network

    g = synthetic_graph(n)
    t = time.perf_counter()
    net = Network(directed=True)
    if method == "from_nx":
        net.from_nx(g)
    else:  # fill the lists directly, as the brief's 0.1 s reference did
        index = {k: i for i, k in enumerate(g.nodes)}
        net.nodes = [{"id": index[k], "label": d["label"], "shape": "dot"} for k, d in g.nodes(data=True)]
        net.node_ids = list(range(len(index)))
        net.edges = [{"from": index[u], "to": index[v], "arrows": "to"} for u, v in g.edges]
    html = net.generate_html()
    print(json.dumps({"seconds": time.perf_counter() - t, "bytes": len(html), "maxrss_mb": maxrss_mb()}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--pyvis-cap", type=float, default=60.0, help="seconds before pyvis is stopped")
    ap.add_argument("--no-pyvis", action="store_true")
    ap.add_argument("--child", choices=["from_nx", "direct"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        pyvis_child(args.nodes, args.child)
        return

    from oregraph.graph import viz

    g = synthetic_graph(args.nodes)
    viz.render_graph_page(synthetic_graph(10), "warm-up")  # reads vis-network's files once
    runs, cpu = [], []
    for _ in range(3):
        t, c = time.perf_counter(), time.process_time()
        page = viz.render_graph_page(g, "Benchmark graph", focus="n0", max_nodes=args.nodes)
        runs.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)  # every thread of the process (BLAS included)
    emit("viz", nodes=args.nodes, edges=g.number_of_edges(), method="oregraph render_graph_page",
         seconds=round(min(runs), 3), seconds_runs=[round(x, 3) for x in runs], cpu_seconds=round(min(cpu), 3), page_mb=round(len(page) / 1e6, 2),
         target_seconds=1.0 if args.nodes == 5000 else None)
    if args.no_pyvis:
        return
    for method in ("direct", "from_nx"):
        cmd = [sys.executable, __file__, "--nodes", str(args.nodes), "--child", method]
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.pyvis_cap).stdout
            data = json.loads(out.strip().splitlines()[-1])
            emit("viz", nodes=args.nodes, edges=g.number_of_edges(), method=f"pyvis {method}",
                 seconds=round(data["seconds"], 3), page_mb=round(data["bytes"] / 1e6, 2),
                 child_maxrss_mb=data["maxrss_mb"])
        except subprocess.TimeoutExpired:
            emit("viz", nodes=args.nodes, edges=g.number_of_edges(), method=f"pyvis {method}",
                 status=f"did not finish in {args.pyvis_cap:g} s")


if __name__ == "__main__":
    main()
