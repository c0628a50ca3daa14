"""Query latency side by side: oregraph's API, pyoxigraph, `oxigraph serve`, rdflib, rdflib-endpoint.

    python benchmarks/bench_query.py --triples 100000 [--requests 200 --warmup 20 --cap 90]

On one generated graph (benchmarks/gen_graph.py), the same SPARQL queries
(benchmarks/queries.py) are answered by:

* ``pyoxigraph``: ``pyoxigraph.Store.query`` in this process, on the store folder;
* ``oregraph-lib``: ``oregraph.graph.ownership.owners`` in this process (the
  owners lookup without HTTP);
* ``oregraph``: ``oregraph serve`` (uvicorn on loopback, a child process):
  ``GET /sparql`` and ``GET /entities/{id}/owners``;
* ``oxigraph-serve``: the ``oxigraph serve --union-default-graph`` binary on
  the same store folder: ``GET /query``;
* ``rdflib``: rdflib's in-memory ``Dataset`` in a child process killed at the
  time cap ("did not finish in N s");
* ``rdflib-endpoint``: rdflib-endpoint's ``SparqlEndpoint`` under uvicorn.

Clients send one request at a time (keep-alive httpx), after a warm-up;
entities cycle through the 20 deepest companies of the graph. By default the
engines are interleaved: every round sends the same request to each engine in
turn (the order rotating), each server on its own copy of the store, so that
on a busy machine all engines meet the same load and the ratios hold even when
the absolute times do not. rdflib in memory runs alone in a child process
(killed at the cap). ``--sequential`` runs one engine after the other.
Each (engine, query) prints one JSON line with p50/p95 in ms; loads and
servers print their time, disk size and peak memory (VmHWM).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import queries  # noqa: E402
from common import (  # noqa: E402
    VENV_BIN, WORK, emit, free_port, graph_file, load_store, maxrss_mb, ms, percentile, stop, wait_http,
)

ACCEPT = {"Accept": "application/sparql-results+json"}


def summary(times: list[float]) -> dict:
    return {"n": len(times), "p50_ms": ms(percentile(times, 0.5)), "p95_ms": ms(percentile(times, 0.95)),
            "mean_ms": ms(sum(times) / len(times)) if times else None}


class Plan:
    def __init__(self, args: argparse.Namespace, triples: int, targets: list[str]) -> None:
        self.args = args
        self.triples = triples
        self.targets = targets

    def counts(self, heavy: bool) -> tuple[int, int]:
        if heavy:
            return 1, max(3, self.args.requests // 20)
        return self.args.warmup, self.args.requests

    def record(self, engine: str, query: str, times: list[float] | None, **extra) -> None:
        fields = summary(times) if times else {"n": 0}
        emit("query", triples=self.triples, engine=engine, query=query, **fields, **extra)


def time_calls(plan: Plan, call, heavy: bool) -> tuple[list[float], object, str | None]:
    """Warm up then time ``call(entity_id)``; stops at the per-series budget or the cap."""
    warm, n = plan.counts(heavy)
    cap, budget = plan.args.cap, plan.args.budget
    start = time.perf_counter()
    first = None  # the answer for the first target, comparable across engines
    for i in range(max(1, warm)):
        t = time.perf_counter()
        result = call(plan.targets[i % len(plan.targets)])
        first = result if i == 0 else first
        if time.perf_counter() - t > cap:
            return [], first, f"did not finish in {cap:g} s"
    times: list[float] = []
    for i in range(n):
        t = time.perf_counter()
        call(plan.targets[i % len(plan.targets)])
        times.append(time.perf_counter() - t)
        if times[-1] > cap:
            return [], first, f"did not finish in {cap:g} s"
        if time.perf_counter() - start > budget and len(times) >= 3:
            break
    return times, first, None


# -- engines ----------------------------------------------------------------------


def build_store(plan: Plan, nq: Path) -> Path:
    folder = WORK / f"store-q-{plan.triples}"
    emit("load", triples=plan.triples, engine="pyoxigraph", **load_store(nq, folder))
    return folder


def direct(plan: Plan, folder: Path) -> None:
    import pyoxigraph as ox

    store = ox.Store(str(folder))
    for name, (_, _, heavy) in queries.QUERIES.items():
        def call(e: str, name: str = name) -> int:
            return len(list(store.query(queries.text(name, e), use_default_graph_as_union=True)))
        times, rows, error = time_calls(plan, call, heavy)
        plan.record("pyoxigraph", name, times, rows=rows, status=error or "ok")
    del store

    from oregraph.graph.ownership import owners
    from oregraph.graph.store import Store

    with Store.open(folder) as st:
        t = time.perf_counter()
        first = owners(st, queries.ID + plan.targets[0])
        cold = time.perf_counter() - t
        times, report, error = time_calls(plan, lambda e: owners(st, queries.ID + e), False)
        plan.record("oregraph-lib", "owners", times, cold_ms=ms(cold), status=error or "ok",
                    ultimate=len(first.ultimate), rss_after_mb=maxrss_mb())


def http_series(plan: Plan, engine: str, client, path: str, names: list[str], param: str = "query") -> None:
    import httpx

    for name in names:
        heavy = queries.QUERIES[name][2]

        def call(e: str, name: str = name) -> int:
            r = client.get(path, params={param: queries.text(name, e)}, headers=ACCEPT)
            r.raise_for_status()
            return len(r.json()["results"]["bindings"])
        try:
            times, rows, error = time_calls(plan, call, heavy)
        except httpx.TimeoutException:
            times, rows, error = [], None, f"did not finish in {plan.args.cap:g} s"
        except httpx.HTTPError as exc:
            times, rows, error = [], None, f"error: {str(exc)[:200]}"
        plan.record(engine, name, times, rows=rows, status=error or "ok")
        if error and error.startswith("did not finish"):
            break  # the server is still busy with it; later series would measure that


def oregraph_api(plan: Plan, folder: Path) -> None:
    import httpx

    port = free_port()
    proc = subprocess.Popen([str(VENV_BIN / "oregraph"), "serve", "--store", str(folder), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        startup = wait_http(f"http://127.0.0.1:{port}/health", 120, proc)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=plan.args.cap) as client:
            # the floor: a 404 from the app (uvicorn, routing, the error handler, the client) and no query
            times, _, _ = time_calls(plan, lambda e: client.get("/benchmark-no-such-path").status_code, False)
            plan.record("oregraph", "floor_404", times)
            http_series(plan, "oregraph", client, "/sparql", list(queries.QUERIES))
            t = time.perf_counter()
            r = client.get(f"/entities/{plan.targets[0]}/owners")
            cold = time.perf_counter() - t

            def call(e: str) -> int:
                resp = client.get(f"/entities/{e}/owners")
                resp.raise_for_status()
                return len(resp.json()["ultimate"])
            try:
                times, rows, error = time_calls(plan, call, False)
            except httpx.HTTPError as exc:
                times, rows, error = [], None, f"error: {str(exc)[:200]}"
            plan.record("oregraph", "owners", times, rows=rows, cold_ms=ms(cold), first_status=r.status_code,
                        status=error or "ok")
    finally:
        peak = stop(proc)
    emit("server", triples=plan.triples, engine="oregraph", startup_s=round(startup, 2), peak_rss_mb=peak)


def oxigraph_serve(plan: Plan, folder: Path) -> None:
    import httpx

    binary = VENV_BIN / "oxigraph"
    if not binary.exists():
        emit("server", triples=plan.triples, engine="oxigraph-serve", skipped="no oxigraph binary in the venv")
        return
    port = free_port()
    proc = subprocess.Popen([str(binary), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        startup = wait_http(f"http://127.0.0.1:{port}/", 120, proc)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=plan.args.cap) as client:
            times, _, _ = time_calls(plan, lambda e: client.get("/benchmark-no-such-path").status_code, False)
            plan.record("oxigraph-serve", "floor_404", times)
            http_series(plan, "oxigraph-serve", client, "/query", list(queries.QUERIES))
    finally:
        peak = stop(proc)
    emit("server", triples=plan.triples, engine="oxigraph-serve", startup_s=round(startup, 2), peak_rss_mb=peak)


def rdflib_memory(plan: Plan, nq: Path) -> None:
    cap = plan.args.cap
    for name, (_, _, heavy) in queries.QUERIES.items():
        warm, n = plan.counts(heavy)
        cmd = [sys.executable, str(Path(__file__).parent / "rdflib_runner.py"), "query", str(nq), name,
               ",".join(plan.targets), str(max(1, warm) + n)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        loaded, times, rows, status, own_peak = None, [], None, "ok", None
        deadline = None
        try:
            line = proc.stdout.readline()  # the load, however long it takes (bounded below)
            loaded = json.loads(line)["loaded_seconds"] if line else None
            deadline = time.perf_counter() + cap + plan.args.budget
            import selectors
            sel = selectors.DefaultSelector()
            sel.register(proc.stdout, selectors.EVENT_READ)
            while True:
                left = deadline - time.perf_counter()
                if left <= 0 or not sel.select(timeout=left):
                    status = f"did not finish in {cap:g} s" if not times else "ok (budget reached)"
                    break
                line = proc.stdout.readline()
                if not line:
                    break
                data = json.loads(line)
                if "partial" in data:
                    times = data["partial"]
                    if times and times[-1] > cap:
                        status = f"did not finish in {cap:g} s"
                        times = []
                        break
                    continue
                times, rows, own_peak = data["times"], data["rows"], data.get("peak_rss_mb")
                break
        finally:
            peak = stop(proc) or own_peak
        measured = times[max(1, warm):] if len(times) > max(1, warm) else times
        if status.startswith("did not finish"):
            measured = []
        plan.record("rdflib", name, measured, rows=rows, status=status, load_s=loaded, peak_rss_mb=peak)


def rdflib_endpoint(plan: Plan, nq: Path) -> None:
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, str(Path(__file__).parent / "rdflib_runner.py"), "serve", str(nq),
                             str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = proc.stdout.readline()
        loaded = json.loads(line)["loaded_seconds"] if line else None
        startup = wait_http(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", 120, proc)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=plan.args.cap) as client:
            http_series(plan, "rdflib-endpoint", client, "/sparql", list(queries.QUERIES))
    finally:
        peak = stop(proc)
    emit("server", triples=plan.triples, engine="rdflib-endpoint", load_s=loaded, startup_s=round(startup, 2),
         peak_rss_mb=peak)


# -- interleaved: every engine sees the same load ----------------------------------


def interleave(plan: Plan, calls: dict, heavy: bool, on_dead=None) -> dict[str, tuple[list[float], object, str]]:
    """Time ``calls`` (engine -> call(entity_id)) round-robin, the engine order rotating
    each round, so that on a shared machine every engine meets the same load.

    An engine slower than the cap, or failing, leaves the series (``on_dead(engine)``
    is told, to stop a server still busy with the query); the others go on.
    """
    import httpx

    warm, n = plan.counts(heavy)
    cap, budget = plan.args.cap, plan.args.budget
    names = list(calls)
    times: dict[str, list[float]] = {e: [] for e in names}
    first: dict[str, object] = {}
    status: dict[str, str] = {}

    def one(engine: str, entity: str, keep: bool) -> None:
        t = time.perf_counter()
        try:
            result = calls[engine](entity)
        except httpx.TimeoutException:
            status[engine] = f"did not finish in {cap:g} s"
        except Exception as exc:  # an engine's fault is its own figure, not the run's end
            status[engine] = f"error: {type(exc).__name__}: {str(exc)[:200]}"
        else:
            elapsed = time.perf_counter() - t
            first.setdefault(engine, result)
            if elapsed > cap:
                status[engine] = f"did not finish in {cap:g} s"
            elif keep:
                times[engine].append(elapsed)
        if engine in status and on_dead is not None:
            on_dead(engine)

    rounds = [(i, False) for i in range(max(1, warm))] + [(i, True) for i in range(n)]
    start = None
    for i, keep in rounds:
        if keep and start is None:
            start = time.perf_counter()
        live = [e for e in names if e not in status]
        if not live:
            break
        order = live[i % len(live):] + live[:i % len(live)]
        for engine in order:
            one(engine, plan.targets[i % len(plan.targets)], keep)
        if keep and time.perf_counter() - start > budget and i >= 2:
            break
    return {e: ([] if e in status else times[e], first.get(e), status.get(e, "ok")) for e in names}


def start_servers(plan: Plan, folder: Path, nq: Path, engines: list[str]) -> dict[str, tuple]:
    """Start the HTTP engines at once, each on its own copy of the store; engine -> (proc, client, path)."""
    import httpx

    servers: dict[str, tuple] = {}
    procs: dict[str, tuple[subprocess.Popen, int, float, object]] = {}
    if "oregraph" in engines:
        port = free_port()
        procs["oregraph"] = (subprocess.Popen(
            [str(VENV_BIN / "oregraph"), "serve", "--store", str(folder), "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), port, time.perf_counter(), None)
    if "oxigraph-serve" in engines and (VENV_BIN / "oxigraph").exists():
        copy = folder.with_name(folder.name + "-oxigraph")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder, copy)
        port = free_port()
        procs["oxigraph-serve"] = (subprocess.Popen(
            [str(VENV_BIN / "oxigraph"), "serve", "--location", str(copy), "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
            port, time.perf_counter(), None)
    if "rdflib-endpoint" in engines and plan.triples <= plan.args.rdflib_max:
        port = free_port()
        proc = subprocess.Popen([sys.executable, str(Path(__file__).parent / "rdflib_runner.py"), "serve",
                                 str(nq), str(port)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        procs["rdflib-endpoint"] = (proc, port, time.perf_counter(), None)
    ready = {"oregraph": "/health", "oxigraph-serve": "/", "rdflib-endpoint": "/sparql?query=ASK%7B%7D"}
    paths = {"oregraph": "/sparql", "oxigraph-serve": "/query", "rdflib-endpoint": "/sparql"}
    for engine, (proc, port, t0, _) in procs.items():
        try:
            wait_http(f"http://127.0.0.1:{port}{ready[engine]}", 600, proc)
        except Exception as exc:
            emit("server", triples=plan.triples, engine=engine, error=f"{type(exc).__name__}: {str(exc)[:300]}")
            stop(proc)
            continue
        loaded = None
        if engine == "rdflib-endpoint" and proc.stdout is not None:
            line = proc.stdout.readline()
            loaded = json.loads(line)["loaded_seconds"] if line.startswith("{") else None
        client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=plan.args.cap)
        servers[engine] = (proc, client, paths[engine], round(time.perf_counter() - t0, 2), loaded)
    return servers


def interleaved_run(plan: Plan, folder: Path, nq: Path, engines: list[str]) -> None:
    import pyoxigraph as ox  # noqa: F401  (the direct engine is the store's own pyoxigraph object)
    from oregraph.graph.ownership import owners
    from oregraph.graph.store import Store

    if "rdflib" in engines:
        if plan.triples > plan.args.rdflib_max:
            emit("query", triples=plan.triples, engine="rdflib", query="*", n=0,
                 status=f"skipped: above --rdflib-max {plan.args.rdflib_max:,} triples")
        else:
            rdflib_memory(plan, nq)  # a capped child process, alone (it cannot be interleaved)
    if "rdflib-endpoint" in engines and plan.triples > plan.args.rdflib_max:
        emit("query", triples=plan.triples, engine="rdflib-endpoint", query="*", n=0,
             status=f"skipped: above --rdflib-max {plan.args.rdflib_max:,} triples")
    direct_copy = folder.with_name(folder.name + "-direct")
    shutil.rmtree(direct_copy, ignore_errors=True)
    shutil.copytree(folder, direct_copy)
    servers = start_servers(plan, folder, nq, engines)

    def kill(engine: str) -> None:
        if engine in servers:
            stop(servers[engine][0])

    try:
        with Store.open(direct_copy) as st:
            store = st.oxigraph
            # the owners lookup, cold: the first call builds the projection
            t = time.perf_counter()
            owners(st, queries.ID + plan.targets[0])
            lib_cold = time.perf_counter() - t
            api_cold = None
            if "oregraph" in servers:
                t = time.perf_counter()
                servers["oregraph"][1].get(f"/entities/{plan.targets[0]}/owners")
                api_cold = time.perf_counter() - t

            def sparql_call(engine: str, name: str):
                if engine == "pyoxigraph":
                    return lambda e: len(list(store.query(queries.text(name, e), use_default_graph_as_union=True)))
                _, client, path, _, _ = servers[engine]

                def call(e: str) -> int:
                    r = client.get(path, params={"query": queries.text(name, e)}, headers=ACCEPT)
                    r.raise_for_status()
                    return len(r.json()["results"]["bindings"])
                return call

            http = [e for e in ("oregraph", "oxigraph-serve") if e in servers]
            floor = {e: (lambda c: (lambda e_: c.get("/benchmark-no-such-path").status_code))(servers[e][1])
                     for e in http}
            for engine, (times, _, status) in interleave(plan, floor, False).items():
                plan.record(engine, "floor_404", times, status=status)
            sparql_engines = (["pyoxigraph"] if "pyoxigraph" in engines else []) + [
                e for e in ("oregraph", "oxigraph-serve", "rdflib-endpoint") if e in servers]
            for name, (_, _, heavy) in queries.QUERIES.items():
                calls = {e: sparql_call(e, name) for e in sparql_engines
                         if not (e == "rdflib-endpoint" and servers.get(e, (None,))[0].poll() is not None)}
                for engine, (times, rows, status) in interleave(plan, calls, heavy, on_dead=kill).items():
                    plan.record(engine, name, times, rows=rows, status=status)

            calls = {"oregraph-lib": lambda e: len(owners(st, queries.ID + e).ultimate),
                     "pyoxigraph": sparql_call("pyoxigraph", "depth3")}
            if "oregraph" in servers:
                client = servers["oregraph"][1]

                def api_owners(e: str) -> int:
                    r = client.get(f"/entities/{e}/owners")
                    r.raise_for_status()
                    return len(r.json()["ultimate"])
                calls["oregraph"] = api_owners
            for engine, (times, rows, status) in interleave(plan, calls, False).items():
                extra = {"cold_ms": ms(api_cold) if engine == "oregraph" and api_cold is not None
                         else ms(lib_cold) if engine == "oregraph-lib" else None}
                plan.record(engine, "owners" if engine != "pyoxigraph" else "owners_equiv_depth3", times,
                            rows=rows, status=status, **extra)
    finally:
        for engine, (proc, client, _, startup, loaded) in servers.items():
            client.close()
            peak = stop(proc)
            emit("server", triples=plan.triples, engine=engine, startup_s=startup, load_s=loaded, peak_rss_mb=peak)
        for copy in (direct_copy, folder.with_name(folder.name + "-oxigraph")):
            shutil.rmtree(copy, ignore_errors=True)


ENGINES = ["pyoxigraph", "oregraph", "oxigraph-serve", "rdflib", "rdflib-endpoint"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=200, help="timed requests per (engine, query)")
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--cap", type=float, default=90.0, help="seconds after which a query 'did not finish'")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds at most per (engine, query) series")
    ap.add_argument("--engines", default=",".join(ENGINES), help="comma-separated subset of " + ",".join(ENGINES))
    ap.add_argument("--rdflib-max", type=int, default=200_000,
                    help="skip rdflib and rdflib-endpoint above this many triples (loading 1M takes minutes and GBs)")
    ap.add_argument("--sequential", action="store_true",
                    help="one engine after the other (default: interleaved, request by request, so all meet the same load)")
    args = ap.parse_args()
    engines = args.engines.split(",")
    nq, meta = graph_file(args.triples)
    plan = Plan(args, args.triples, meta["targets"])
    emit("graph", triples=args.triples, quads=meta["triples"], announcements=meta["announcements"],
         companies=meta["companies"], max_depth=meta["max_depth"])
    folder = build_store(plan, nq)
    if not args.sequential:
        try:
            interleaved_run(plan, folder, nq, engines)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    steps = [("pyoxigraph", lambda: direct(plan, folder)), ("oregraph", lambda: oregraph_api(plan, folder)),
             ("oxigraph-serve", lambda: oxigraph_serve(plan, folder)), ("rdflib", lambda: rdflib_memory(plan, nq)),
             ("rdflib-endpoint", lambda: rdflib_endpoint(plan, nq))]
    failed = False
    try:
        for engine, step in steps:
            if engine not in engines:
                continue
            if engine.startswith("rdflib") and args.triples > args.rdflib_max:
                emit("query", triples=args.triples, engine=engine, query="*", n=0,
                     status=f"skipped: above --rdflib-max {args.rdflib_max:,} triples")
                continue
            try:
                step()
            except Exception as exc:  # one engine failing must not hide the others' figures
                failed = True
                emit("query", triples=args.triples, engine=engine, query="*", n=0,
                     status=f"error: {type(exc).__name__}: {str(exc)[:300]}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
