"""Helpers shared by the benchmark scripts: JSON-line output, timing, data on disk.

Every figure is printed as one JSON object per line on stdout, carrying the
load average at the time it was taken (``load1``), so noisy figures can be told
from clean ones. Nothing in the oregraph package imports this file.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
WORK = Path(os.environ.get("OREGRAPH_BENCH_DIR", "/tmp/oregraph-bench"))
SEED = 7


def loadavg() -> float:
    return round(os.getloadavg()[0], 2)


def maxrss_mb() -> float:
    """Peak resident memory of this process so far, in MB (VmHWM; ru_maxrss where /proc is missing)."""
    peak = peak_rss_mb(os.getpid())
    return peak if peak is not None else round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def emit(bench: str, **fields: Any) -> None:
    """Print one result line: ``{"bench": ..., ..., "load1": ..., "maxrss_mb": ...}``."""
    record = {"bench": bench, **fields, "load1": loadavg(), "maxrss_mb": maxrss_mb(),
              "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    print(json.dumps(record), flush=True)


def percentile(values: list[float], q: float) -> float:
    """The ``q`` quantile (0..1) by nearest rank of the sorted values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def dir_size_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return round(total / 1_000_000, 2)


def corpus(docs: int, seed: int = SEED) -> Path:
    """The folder of a generated corpus, generating it on first use."""
    folder = WORK / f"corpus-{docs}-s{seed}"
    if not (folder / ".done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "--docs", str(docs),
                        "--seed", str(seed), "--out", str(folder)], check=True, stdout=subprocess.DEVNULL)
        (folder / ".done").write_text("ok")
    return folder


def graph_file(triples: int, seed: int = SEED) -> tuple[Path, dict]:
    """The N-Quads file of a generated graph and its metadata, generating on first use."""
    path = WORK / f"graph-{triples}-s{seed}.nq"
    meta = path.with_suffix(".json")
    if not meta.exists():
        subprocess.run([sys.executable, str(HERE / "gen_graph.py"), "--triples", str(triples),
                        "--seed", str(seed), "--out", str(path)], check=True, stdout=subprocess.DEVNULL)
    return path, json.loads(meta.read_text())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float, proc: subprocess.Popen | None = None) -> float:
    """Wait until ``url`` answers (any status); returns the seconds waited."""
    import httpx

    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            httpx.get(url, timeout=2.0)
            return time.perf_counter() - start
        except httpx.HTTPError:
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s")


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of a running process (VmHWM), in MB.

    Read from /proc rather than from wait4's ru_maxrss: on Linux a child's
    ru_maxrss starts from the parent's size at fork, which would credit the
    benchmark's own memory to a small server.
    """
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def stop(proc: subprocess.Popen) -> float | None:
    """Stop a child process started by us; returns its peak RSS in MB."""
    peak = peak_rss_mb(proc.pid) if proc.poll() is None else None
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return peak


def load_store(nq: Path, folder: Path) -> dict:
    """Bulk-load an N-Quads file into a fresh oregraph store folder; time, quads, size."""
    import pyoxigraph as ox
    from oregraph.graph.store import Store

    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    store = Store.open(folder)
    store.oxigraph.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.touch()
    quads = len(store)
    store.close()
    seconds = time.perf_counter() - t
    return {"quads": quads, "seconds": round(seconds, 2), "quads_per_s": round(quads / seconds),
            "store_mb": dir_size_mb(folder), "nq_mb": round(nq.stat().st_size / 1e6, 1)}
