"""Where `/sparql` spends its time: the app as it is beside the app with one change.

    python benchmarks/profile_sparql.py --triples 10000 --requests 200

Starts, each on its own copy of one generated store, and times interleaved
(round-robin, so all meet the same load):

* ``oregraph``: ``oregraph serve`` as shipped;
* ``oregraph-pool``: the same app, with ``QueryRunner.run`` patched *in this
  benchmark's server process only* to hand the query to one long-lived
  ``ThreadPoolExecutor`` (same deadline, same slot limit) instead of starting a
  new ``threading.Thread`` per query;
* ``oxigraph-serve``: the reference.

The patch is the fix proposed in RESULTS.md, measured; the package is not changed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries  # noqa: E402
from bench_query import ACCEPT, Plan, interleave  # noqa: E402
from common import VENV_BIN, WORK, emit, free_port, graph_file, load_store, stop, wait_http  # noqa: E402

PATCHED_SERVER = r'''
import sys, time
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
import uvicorn
from oregraph.api.app import create_app
from oregraph.graph import interface
from oregraph.settings import Settings

_pool = {}

def run(self, store, query, *, default_graph=None, named_graphs=None):
    pool = _pool.get(id(self))
    if pool is None:
        pool = _pool[id(self)] = ThreadPoolExecutor(self.workers, thread_name_prefix="oregraph-query")
    if not self._slots.acquire(blocking=False):
        raise interface.StoreBusy("all query workers are busy")
    deadline = time.monotonic() + self.timeout
    def work():
        try:
            return interface.evaluate(store, query, deadline=deadline, cap=self.cap, timeout=self.timeout,
                                      default_graph=default_graph, named_graphs=named_graphs)
        finally:
            self._slots.release()
    future = pool.submit(work)
    try:
        return future.result(timeout=max(0.0, deadline - time.monotonic()) + 0.05)
    except FutureTimeout:
        raise interface.timed_out(self.timeout) from None

interface.QueryRunner.run = run
settings = Settings(store=sys.argv[1])
uvicorn.run(create_app(settings), host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
'''


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    args = ap.parse_args()
    nq, meta = graph_file(args.triples)
    base = WORK / f"store-prof-sparql-{args.triples}"
    load_store(nq, base)
    copies = {name: base.with_name(base.name + "-" + name) for name in ("pool", "ox")}
    for copy in copies.values():
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(base, copy)
    script = WORK / "patched_server.py"
    script.write_text(PATCHED_SERVER)
    ports = {name: free_port() for name in ("oregraph", "oregraph-pool", "oxigraph-serve")}
    procs = {
        "oregraph": subprocess.Popen([str(VENV_BIN / "oregraph"), "serve", "--store", str(base), "--port",
                                      str(ports["oregraph"])], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        "oregraph-pool": subprocess.Popen([sys.executable, str(script), str(copies["pool"]),
                                           str(ports["oregraph-pool"])], stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL),
        "oxigraph-serve": subprocess.Popen([str(VENV_BIN / "oxigraph"), "serve", "--location", str(copies["ox"]),
                                            "--bind", f"127.0.0.1:{ports['oxigraph-serve']}", "--union-default-graph"],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    }
    import httpx

    try:
        for name, proc in procs.items():
            wait_http(f"http://127.0.0.1:{ports[name]}/", 300, proc)
        clients = {name: httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) for name, port in ports.items()}
        paths = {"oregraph": "/sparql", "oregraph-pool": "/sparql", "oxigraph-serve": "/query"}
        plan = Plan(argparse.Namespace(requests=args.requests, warmup=args.warmup, cap=60.0, budget=120.0),
                    args.triples, meta["targets"])
        for qname in ("simple", "direct_owners", "depth3"):
            def make(name: str):
                def call(e: str) -> int:
                    r = clients[name].get(paths[name], params={"query": queries.text(qname, e)}, headers=ACCEPT)
                    r.raise_for_status()
                    return len(r.json()["results"]["bindings"])
                return call
            results = interleave(plan, {name: make(name) for name in procs}, False)
            for engine, (times, rows, status) in results.items():
                plan.record(engine, qname, times, rows=rows, status=status, experiment="profile_sparql")
        for client in clients.values():
            client.close()
    finally:
        for proc in procs.values():
            stop(proc)
        for path in (base, *copies.values()):
            shutil.rmtree(path, ignore_errors=True)
    emit("profile_sparql_done", triples=args.triples, when=time.strftime("%H:%M:%S"))


if __name__ == "__main__":
    main()
