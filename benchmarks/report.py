"""Turn a run's JSON lines into Markdown tables, with ratios and the targets.

    python benchmarks/report.py benchmarks/results/latest.jsonl [-o out.md]

Several result files may be given; later records of the same (bench, size,
engine, query) replace earlier ones, so a re-run of one job can be merged in.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def load(paths: list[Path]) -> list[dict[str, Any]]:
    records = []
    for path in paths:
        for line in path.read_text().splitlines():
            if line.strip().startswith("{"):
                records.append(json.loads(line))
    return records


def table(headers: list[str], rows: list[list[Any]]) -> str:
    def cell(v: Any) -> str:
        if v is None:
            return "–"
        if isinstance(v, float):
            return f"{v:,.3f}".rstrip("0").rstrip(".") if abs(v) < 10 else f"{v:,.1f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def latest(records: list[dict], bench: str, *keys: str) -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    for r in records:
        if r.get("bench") == bench:
            out[tuple(r.get(k) for k in keys)] = r
    return out


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 2)


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**missed**")


def render(records: list[dict]) -> str:
    parts: list[str] = []
    experiments = [r for r in records if r.get("experiment")]
    records = [r for r in records if not r.get("experiment")]
    machines = [r for r in records if r.get("bench") == "machine"]
    m = machines[0] if machines else None
    if m:
        versions = ", ".join(f"{k} {v}" for k, v in m["versions"].items() if v)
        runs = "; ".join(f"`{r.get('run')}` at {r['time']} (load average at start {r['load_avg']})"
                         for r in machines)
        parts.append(f"Machine: {m['nproc']} cores ({m['cpu']}), {m['mem_gb']} GB, Python {m['python']}, "
                     f"{m['platform']}. Packages: {versions}. Runs merged here (later records of the same "
                     f"job and size replace earlier ones): {runs}.")

    targets: list[list[Any]] = []

    check = [r for r in records if "by_predicate" in r]
    if check:
        c = check[-1]
        parts.append("### Corpus check (oregraph's extractor on generated announcements)\n\n" + table(
            ["checked", "facts", "facts/doc", "by predicate"],
            [[c["checked"], c["facts"], c["facts_per_doc"],
              ", ".join(f"{k} {v}" for k, v in c["by_predicate"].items())]]))

    ex = sorted(latest(records, "extract", "docs").values(), key=lambda r: r["docs"])
    if ex:
        parts.append("### Extraction (one core)\n\n" + table(
            ["docs", "MB", "wall s", "CPU s", "docs/s (wall)", "docs/CPU-s", "MB/s (wall)", "facts/doc",
             "peak MB", "load1"],
            [[r["docs"], r["mb"], r["seconds"], r["cpu_seconds"], r["docs_per_s"], r["docs_per_cpu_s"],
              r["mb_per_s"], r["facts_per_doc"], r["maxrss_mb"], r["load1"]] for r in ex]))
        best = max(ex, key=lambda r: r["docs"])
        targets.append(["extraction ≥ 100 announcements/s/core", f"{best['docs_per_cpu_s']} docs/CPU-s "
                        f"({best['docs_per_s']} wall, load {best['load1']})",
                        verdict(best["docs_per_cpu_s"] >= 100)])

    ing = sorted(latest(records, "ingest", "docs").values(), key=lambda r: r["docs"])
    cli = list(latest(records, "ingest_cli", "docs", "workers", "workers_option").values())
    if ing or cli:
        text = "### Ingest into the embedded store\n\n"
        if ing:
            text += table(
                ["docs", "wall s", "CPU s", "docs/s (wall)", "docs/CPU-s", "extract+resolve+emit s",
                 "store write s", "write docs/s", "quads", "store MB on disk", "corpus MB", "peak MB", "load1"],
                [[r["docs"], r["seconds"], r["cpu_seconds"], r["docs_per_s"], r["docs_per_cpu_s"],
                  r["extract_resolve_emit_seconds"], r["store_write_seconds"], r["write_docs_per_s"], r["quads"],
                  r["store_mb"], r["corpus_mb"], r["maxrss_mb"], r["load1"]] for r in ing])
        if cli:
            text += "\n\n`oregraph ingest` as a whole process (startup included):\n\n" + table(
                ["docs", "--workers", "wall s", "docs/s", "CPU s (all children)", "peak MB", "store MB", "load1",
                 "exit", "note"],
                [[r["docs"], r["workers"] if r.get("workers_option", True) else "(not given)", r.get("seconds"),
                  r.get("docs_per_s"), r.get("cpu_seconds"), r.get("child_maxrss_mb"), r.get("store_mb"),
                  r["load1"], r.get("exit_code"), r.get("skipped") or r.get("error")]
                 for r in cli])
        prog = sorted((r for r in records if r.get("bench") == "ingest_progress"),
                      key=lambda r: (r["docs"], r["done"]))
        if prog:
            text += "\n\nRate per segment as the store grows (docs/CPU-s):\n\n" + table(
                ["batch", "after docs", "segment docs/CPU-s", "segment docs/s (wall)", "peak MB so far", "load1"],
                [[r["docs"], r["done"], r["segment_docs_per_cpu_s"], r["segment_docs_per_s"], r["maxrss_mb"], r["load1"]]
                 for r in prog])
        parts.append(text)
        if ing:
            best = max(ing, key=lambda r: r["docs"])
            targets.append(["ingest ≥ 50 announcements/s/core", f"{best['docs_per_cpu_s']} docs/CPU-s "
                            f"({best['docs_per_s']} wall, load {best['load1']})",
                            verdict(best["docs_per_cpu_s"] >= 50)])

    loads = sorted(latest(records, "load", "triples").values(), key=lambda r: r["triples"])
    graphs = latest(records, "graph", "triples")
    if loads:
        parts.append("### Generated graphs, bulk load into the oregraph store, size on disk\n\n" + table(
            ["triples", "announcements", "companies", "deepest chain", "N-Quads MB", "load s", "quads/s",
             "store MB", "load1"],
            [[r["quads"], graphs.get((r["triples"],), {}).get("announcements"),
              graphs.get((r["triples"],), {}).get("companies"), graphs.get((r["triples"],), {}).get("max_depth"),
              r["nq_mb"], r["seconds"], r["quads_per_s"], r["store_mb"], r["load1"]] for r in loads]))

    q = latest(records, "query", "triples", "engine", "query")
    servers = latest(records, "server", "triples", "engine")
    sizes = sorted({k[0] for k in q})
    engines = ["pyoxigraph", "oregraph-lib", "oregraph", "oxigraph-serve", "rdflib", "rdflib-endpoint"]
    qnames = ["floor_404", "simple", "direct_owners", "depth3", "depth3_all", "owners", "owners_equiv_depth3"]
    for size in sizes:
        rows = []
        for name in qnames:
            row: list[Any] = [name]
            for engine in engines:
                r = q.get((size, engine, name)) or q.get((size, engine, "*"))
                if r is None:
                    row.append(None)
                elif r.get("p50_ms") is None:
                    row.append(r.get("status"))
                else:
                    row.append(f"{r['p50_ms']:.2f} / {r['p95_ms']:.2f}")
            rows.append(row)
        text = (f"### Query latency at {size:,} triples: p50 / p95 in ms (one request at a time, after warm-up)\n\n"
                + table(["query", *engines], rows))
        mem = [[e, servers[(size, e)].get("peak_rss_mb"), servers[(size, e)].get("startup_s"),
                servers[(size, e)].get("load_s")] for e in engines if (size, e) in servers]
        if mem:
            text += "\n\nServers: " + "; ".join(
                f"{e} peak {p} MB, ready in {s} s" + (f" (rdflib parse {ld} s)" if ld else "")
                for e, p, s, ld in mem) + "."
        rd = [r for (s, e, _), r in q.items() if s == size and e == "rdflib" and r.get("load_s")]
        if rd:
            text += f" rdflib in-memory: parse {rd[0]['load_s']} s, peak {max((r.get('peak_rss_mb') or 0) for r in rd)} MB."
        owners_cold = q.get((size, "oregraph", "owners"), {}).get("cold_ms")
        lib_cold = q.get((size, "oregraph-lib", "owners"), {}).get("cold_ms")
        if owners_cold is not None:
            text += (f" First `/owners` call after start (projection built): {owners_cold:,.0f} ms"
                     + (f" (library: {lib_cold:,.0f} ms)." if lib_cold is not None else "."))
        loads_here = sorted({r["load1"] for (s, _, _), r in q.items() if s == size})
        if loads_here:
            text += f" Load average during these figures: {loads_here[0]}–{loads_here[-1]}."

        def p(engine: str, name: str, key: str = "p50_ms") -> float | None:
            return (q.get((size, engine, name)) or {}).get(key)
        ratio_rows = []
        for name in qnames[1:-2]:
            ratio_rows.append([name, ratio(p("oregraph", name), p("oxigraph-serve", name)),
                               ratio(p("rdflib-endpoint", name), p("oregraph", name)),
                               ratio(p("oregraph", name), p("pyoxigraph", name)),
                               ratio(p("rdflib", name), p("pyoxigraph", name))])
        text += "\n\nRatios of p50 (how many times slower the first is):\n\n" + table(
            ["query", "oregraph /sparql ÷ oxigraph serve", "rdflib-endpoint ÷ oregraph /sparql",
             "oregraph /sparql ÷ pyoxigraph", "rdflib ÷ pyoxigraph"], ratio_rows)
        owners_p95 = p("oregraph", "owners", "p95_ms")
        direct_p95 = p("pyoxigraph", "owners_equiv_depth3", "p95_ms") or p("pyoxigraph", "depth3", "p95_ms")
        lib_p95 = p("oregraph-lib", "owners", "p95_ms")
        text += (f"\n\n`/entities/{{id}}/owners` p95 {owners_p95} ms (the library call `owners()` in "
                 f"process: {lib_p95} ms) vs the equivalent direct pyoxigraph query (depth3, timed in the "
                 f"same rounds) p95 {direct_p95} ms: ratio {ratio(owners_p95, direct_p95)}.")
        parts.append(text)

        simple = ratio(p("oregraph", "simple"), p("oxigraph-serve", "simple"))
        if simple is not None:
            targets.append([f"/sparql p50 within 2x of oxigraph serve ({size:,} triples, simple)",
                            f"{simple}x", verdict(simple <= 2)])
        faster = ratio(p("rdflib-endpoint", "simple"), p("oregraph", "simple"))
        if faster is not None:
            targets.append([f"/sparql ≥ 3x faster than rdflib-endpoint ({size:,} triples, simple)",
                            f"{faster}x", verdict(faster >= 3)])
        owners_ratio = ratio(owners_p95, direct_p95)
        if owners_ratio is not None:
            targets.append([f"owners p95 within 3x of direct pyoxigraph ({size:,} triples)",
                            f"{owners_ratio}x ({owners_p95} vs {direct_p95} ms)", verdict(owners_ratio <= 3)])
        if size >= 1_000_000 and owners_p95 is not None:
            targets.append(["owners p95 < 50 ms at 1M triples", f"{owners_p95} ms", verdict(owners_p95 < 50)])

    pr = sorted(latest(records, "projection", "triples").values(), key=lambda r: r["triples"])
    if pr:
        parts.append("### NetworkX projection (`ownership_graph`)\n\n" + table(
            ["triples", "seconds", "nodes", "edges", "RSS growth MB", "peak MB", "load1"],
            [[r["quads"], r["seconds"], r["nodes"], r["edges"], r["rss_growth_mb"], r["maxrss_mb"], r["load1"]]
             for r in pr]))

    vz = latest(records, "viz", "nodes", "method")
    if vz:
        rows = []
        for (nodes, method), r in sorted(vz.items()):
            rows.append([nodes, r.get("edges"), method, r.get("seconds") if r.get("seconds") is not None
                         else r.get("status"), r.get("cpu_seconds"), r.get("page_mb"),
                         r.get("child_maxrss_mb") or r.get("maxrss_mb"), r["load1"]])
        parts.append("### Graph pages\n\n" + table(["nodes", "edges", "method", "seconds (best of 3)", "CPU s",
                                                    "page MB", "peak MB", "load1"], rows))
        five = vz.get((5000, "oregraph render_graph_page"))
        if five:
            targets.append(["5,000-node graph page < 1 s", f"{five['seconds']} s", verdict(five["seconds"] < 1)])

    if experiments:
        ex_rows = [[r["experiment"], r["triples"], r["query"], r["engine"], r.get("p50_ms"), r.get("p95_ms"),
                    r.get("n"), r["load1"]] for r in experiments if r.get("bench") == "query"]
        parts.append("### Experiments (proposed fixes, measured interleaved; not the shipped code)\n\n" + table(
            ["experiment", "triples", "query", "engine", "p50 ms", "p95 ms", "n", "load1"], ex_rows))

    jobs = [r for r in records if r.get("bench") == "job"]
    if jobs:
        parts.append("### Jobs\n\n" + table(["job", "command", "seconds", "exit", "load before", "load after"],
                                            [[j["job"], f"`{j['cmd']}`", j["seconds"], j["exit_code"],
                                              j["load1_before"], j["load1_after"]] for j in jobs]))
    if targets:
        parts.insert(1 if m else 0, "### Targets\n\n" + table(["target", "measured", "verdict"], targets))
    return "\n\n".join(parts) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("-o", "--out", type=Path)
    args = ap.parse_args()
    text = render(load(args.files))
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        print(text)


if __name__ == "__main__":
    main()
