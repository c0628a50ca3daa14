"""Run every benchmark, each as a whole child process, and collect the JSON lines.

    python benchmarks/run_all.py --quick     # small sizes, a few minutes: a smoke check
    python benchmarks/run_all.py             # the full run (an estimated 45–75 min on a quiet 2-core machine)
    python benchmarks/run_all.py --only query,viz

Results go to ``benchmarks/results/<run>.jsonl`` (one JSON object per line,
each with the job, its load average, and the child's peak memory) and
``benchmarks/results/<run>.md`` (the tables, made by report.py); the
``latest.*`` copies point at the last run. Generated corpora, graphs and
stores live under $OREGRAPH_BENCH_DIR (default /tmp/oregraph-bench).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PY = sys.executable


def jobs(quick: bool, max_docs: int | None = None, max_triples: int | None = None,
         max_nodes: int | None = None) -> list[tuple[str, list[str]]]:
    b = lambda name: str(HERE / name)  # noqa: E731
    if quick:
        docs, triples, nodes = [200], [10_000], [500, 5_000]
        q = ["--requests", "30", "--warmup", "5", "--cap", "20", "--budget", "10"]
        pyvis_cap = "30"
        ingest_docs = [200]
    else:
        docs, triples, nodes = [1_000, 10_000], [10_000, 100_000, 1_000_000], [500, 5_000, 50_000]
        q = ["--requests", "200", "--warmup", "20", "--cap", "90", "--budget", "60"]
        pyvis_cap = "120"
        ingest_docs = [1_000, 10_000]
    docs = [n for n in docs if max_docs is None or n <= max_docs] or docs[:1]
    ingest_docs = [n for n in ingest_docs if max_docs is None or n <= max_docs] or ingest_docs[:1]
    triples = [n for n in triples if max_triples is None or n <= max_triples] or triples[:1]
    nodes = [n for n in nodes if max_nodes is None or n <= max_nodes] or nodes[:1]
    out: list[tuple[str, list[str]]] = []
    out.append(("corpus-check", [PY, b("gen_corpus.py"), "--docs", str(docs[0]), "--out",
                                 str(Path(os.environ.get("OREGRAPH_BENCH_DIR", "/tmp/oregraph-bench"))
                                     / f"corpus-check-{docs[0]}"), "--check", "100"]))
    for n in docs:
        out.append(("extract", [PY, b("bench_extract.py"), "--docs", str(n)]))
    for n in ingest_docs:
        out.append(("ingest", [PY, b("bench_ingest.py"), "--docs", str(n)]))
    out.append(("ingest", [PY, b("bench_ingest.py"), "--docs", str(ingest_docs[0]), "--mode", "cli"]))
    out.append(("ingest", [PY, b("bench_ingest.py"), "--docs", str(ingest_docs[0]), "--mode", "cli",
                           "--workers", "1"]))
    out.append(("ingest", [PY, b("bench_ingest.py"), "--docs", str(ingest_docs[0]), "--mode", "cli",
                           "--workers", "2"]))
    for n in triples:
        out.append(("query", [PY, b("bench_query.py"), "--triples", str(n), *q]))
    for n in triples:
        out.append(("projection", [PY, b("bench_projection.py"), "--triples", str(n)]))
    for n in nodes:
        out.append(("viz", [PY, b("bench_viz.py"), "--nodes", str(n), "--pyvis-cap", pyvis_cap]))
    return out


def machine() -> dict:
    mem_kb = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    versions = {}
    for pkg in ("oregraph", "pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "networkx", "pyvis",
                "fastapi", "uvicorn", "httpx"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = None
    return {"bench": "machine", "nproc": os.cpu_count(), "cpu": cpu, "mem_gb": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "platform": platform.platform(), "versions": versions,
            "load_avg": [round(x, 2) for x in os.getloadavg()],
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


def run_job(job: str, cmd: list[str], out, log) -> None:
    t = time.perf_counter()
    load_before = round(os.getloadavg()[0], 2)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=log, text=True, cwd=HERE.parent)
    assert proc.stdout is not None
    for line in proc.stdout:
        line = line.strip()
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        record["job"] = job
        out.write(json.dumps(record) + "\n")
        out.flush()
        print("  " + line[:160], flush=True)
    proc.wait()
    out.write(json.dumps({"bench": "job", "job": job, "cmd": " ".join(Path(c).name if i < 2 else c
                                                                      for i, c in enumerate(cmd)),
                          "seconds": round(time.perf_counter() - t, 1), "exit_code": proc.returncode,
                          "load1_before": load_before, "load1_after": round(os.getloadavg()[0], 2)}) + "\n")
    out.flush()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes only (a smoke check of every script)")
    ap.add_argument("--only", default="", help="comma-separated job names: corpus-check, extract, ingest, "
                                               "query, projection, viz")
    ap.add_argument("--max-docs", type=int, help="leave out corpus sizes above this (e.g. 1000 on a busy machine)")
    ap.add_argument("--max-triples", type=int, help="leave out graph sizes above this")
    ap.add_argument("--max-nodes", type=int, help="leave out graph-page sizes above this")
    ap.add_argument("--name", default=None, help="run name (default: quick-/full- and the UTC time)")
    args = ap.parse_args()
    RESULTS.mkdir(exist_ok=True)
    name = args.name or f"{'quick' if args.quick else 'full'}-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}"
    jsonl, log_path = RESULTS / f"{name}.jsonl", RESULTS / f"{name}.log"
    only = {j for j in args.only.split(",") if j}
    with jsonl.open("w") as out, log_path.open("w") as log:
        out.write(json.dumps({**machine(), "run": name, "quick": args.quick}) + "\n")
        for job, cmd in jobs(args.quick, args.max_docs, args.max_triples, args.max_nodes):
            if only and job not in only:
                continue
            print(f"{job}: {' '.join(cmd[1:])}", flush=True)
            run_job(job, cmd, out, log)
    subprocess.run([PY, str(HERE / "report.py"), str(jsonl), "-o", str(jsonl.with_suffix(".md"))], check=True)
    for suffix in (".jsonl", ".md"):
        shutil.copyfile(jsonl.with_suffix(suffix), RESULTS / f"latest{suffix}")
    print(f"wrote {jsonl} and {jsonl.with_suffix('.md')}")


if __name__ == "__main__":
    main()
