"""Crash safety: ``oregraph ingest`` killed with SIGKILL mid-batch loses nothing.

The real command runs in a subprocess over a folder of generated
announcements. A second process watches the store through a read-only view
(RocksDB lets readers in beside the one writer) and kills the writer with
SIGKILL once a few announcements are in, twice over. Then:

* the store opens again;
* it holds only whole announcements: every named graph equals, quad for quad,
  the same graph in a store built by one clean run, and carries its
  og:Announcement node and content hash;
* a rerun skips what is there, ingests the rest, and ends with exactly the
  quads of the clean run: nothing lost, nothing duplicated.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from oregraph.graph.store import Store
from tests.cli_helpers import SUMMARY, invoke

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

OREGRAPH = Path(sys.executable).with_name("oregraph")
OG = "https://w3id.org/oregraph/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
COUNT = 90
TREES = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Ivy",
         "Juniper", "Kauri", "Larch", "Maple", "Nutmeg", "Oak", "Poplar", "Quince"]


def _announcements(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(COUNT):
        buyer = f"{TREES[i % len(TREES)]} {i} Mining Ltd."
        held = f"{TREES[(i + 5) % len(TREES)]} {i} Holdings Inc."
        partner = f"{TREES[(i + 9) % len(TREES)]} {i} Metals Corp."
        path = folder / f"release-{i:03d}.txt"
        path.write_text(
            f"TORONTO, March {1 + i % 28}, 2025 /Wire/ - {buyer} announced today that it has "
            f"acquired 40% of {held}, which operates the {TREES[i % len(TREES)]} {i} mine in "
            f"Ontario, Canada. {buyer} also signed a memorandum of understanding with {partner} "
            f"to study a copper concentrator. {held} is a wholly-owned subsidiary of {partner}.\n",
            encoding="utf-8")
        paths.append(path)
    return paths


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "OREGRAPH_STORE": str(tmp_path / "default-store"), "PYTHONUNBUFFERED": "1"}


def _graphs_visible(store: Path) -> int:
    """Named graphs a read-only view sees now; -1 while the store is still being created."""
    try:
        view = ox.Store.read_only(str(store))
    except (OSError, RuntimeError):
        return -1
    try:
        return sum(1 for _ in view.named_graphs())
    finally:
        del view


def _ingest_and_kill(folder: Path, store: Path, env: dict[str, str], at_least: int,
                     *options: str) -> int:
    """Start `oregraph ingest`, SIGKILL it once ``at_least`` graphs are in; graphs seen then.

    The command runs in its own session, so that workers it started can be found after.
    """
    proc = subprocess.Popen([str(OREGRAPH), "ingest", str(folder), "--store", str(store), *options],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    _ingest_and_kill.session = proc.pid
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                pytest.fail(f"ingest ended (exit {proc.returncode}) before it could be killed: "
                            f"{proc.stderr.read().decode()[-1000:]}")
            seen = _graphs_visible(store)
            if seen >= at_least:
                proc.send_signal(signal.SIGKILL)
                proc.wait(timeout=30)
                assert proc.returncode == -signal.SIGKILL
                return seen
            time.sleep(0.02)
        pytest.fail(f"no {at_least} graphs in the store after 120 s")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def _quads(store_dir: Path) -> dict[str, set[tuple[str, str, str]]]:
    """Every quad, by named graph (N-Triples forms, so two stores compare term for term)."""
    graphs: dict[str, set[tuple[str, str, str]]] = {}
    with Store.open(store_dir) as store:
        for q in store.oxigraph.quads_for_pattern(None, None, None, None):
            assert isinstance(q.graph_name, ox.NamedNode), f"a quad outside any named graph: {q}"
            assert not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object)), (
                "blank nodes would make runs incomparable")
            graphs.setdefault(q.graph_name.value, set()).add((str(q.subject), str(q.predicate), str(q.object)))
    return graphs


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("crash") / "releases"
    _announcements(where)
    return where


@pytest.fixture(scope="module")
def clean(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, set]:
    """The oracle: one uninterrupted run (in-process) over the same files."""
    where = tmp_path_factory.mktemp("clean") / "store"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OREGRAPH_STORE", str(where.parent / "default-store"))
        result = invoke("ingest", folder, "--store", where)
    assert result.exit_code == 0, result.output
    assert SUMMARY.search(result.stdout).groups()[:4] == (str(COUNT), str(COUNT), "0", "0")
    graphs = _quads(where)
    assert len(graphs) == COUNT
    return graphs


def _assert_whole(graphs: dict[str, set], clean: dict[str, set]) -> None:
    for name, quads in graphs.items():
        assert name in clean, f"{name} is no announcement of the clean run"
        assert quads == clean[name], (
            f"{name} holds {len(quads)} quads, the clean run {len(clean[name])}: a partial announcement")
        assert (f"<{name}>", f"<{RDF_TYPE}>", f"<{OG}Announcement>") in quads, name
        hashes = [o for s, p, o in quads if s == f"<{name}>" and p == f"<{OG}contentHash>"]
        assert len(hashes) == 1 and hashes[0].strip('"').startswith(name.rsplit("-", 1)[-1]), (name, hashes)


def test_sigkill_mid_batch_loses_nothing_and_a_rerun_completes(
    folder: Path, clean: dict[str, set], tmp_path: Path
) -> None:
    if not OREGRAPH.exists():
        pytest.skip(f"the oregraph command is not installed next to {sys.executable}")
    store = tmp_path / "store"
    env = _env(tmp_path)

    # first crash, a few announcements in
    _ingest_and_kill(folder, store, env, at_least=3)
    first = _quads(store)  # the store opens: the killed writer's lock is gone
    print(f"first kill: {len(first)} of {COUNT} announcements in")
    assert 3 <= len(first) < COUNT, f"{len(first)} graphs after the kill"
    _assert_whole(first, clean)

    # second crash, further on: the rerun skips what is there before it dies
    _ingest_and_kill(folder, store, env, at_least=len(first) + 5)
    second = _quads(store)
    print(f"second kill: {len(second)} of {COUNT} announcements in")
    assert len(first) + 5 <= len(second) < COUNT
    _assert_whole(second, clean)
    assert all(second[name] == quads for name, quads in first.items())

    # a rerun to the end: nothing lost, nothing twice
    done = subprocess.run([str(OREGRAPH), "ingest", str(folder), "--store", str(store)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    read, ingested, skipped, failed, _ = SUMMARY.search(done.stdout).groups()
    assert (read, failed) == (str(COUNT), "0")
    assert int(skipped) == len(second) and int(ingested) == COUNT - len(second)
    assert _quads(store) == clean


def _session_alive(session: int) -> bool:
    """True while any process of the session (process group) ``session`` still runs."""
    try:
        os.killpg(session, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def killed_with_workers(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`oregraph ingest --workers 2` killed after 3 announcements; what was left after 5 s."""
    if not OREGRAPH.exists():
        pytest.skip(f"the oregraph command is not installed next to {sys.executable}")
    base = tmp_path_factory.mktemp("workers")
    store, env = base / "store", _env(base)
    _ingest_and_kill(folder, store, env, 3, "--workers", "2")
    session = _ingest_and_kill.session
    deadline = time.monotonic() + 5
    while _session_alive(session) and time.monotonic() < deadline:
        time.sleep(0.1)
    orphans = _session_alive(session)
    if orphans:  # clean up, then let the tests judge
        os.killpg(session, signal.SIGKILL)
    return {"store": store, "env": env, "orphans": orphans}


def test_sigkill_with_worker_processes_loses_nothing(
    folder: Path, clean: dict[str, set], killed_with_workers: dict
) -> None:
    store, env = killed_with_workers["store"], killed_with_workers["env"]
    crashed = _quads(store)
    assert 3 <= len(crashed) < COUNT
    _assert_whole(crashed, clean)
    done = subprocess.run([str(OREGRAPH), "ingest", str(folder), "--store", str(store), "--workers", "2"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert _quads(store) == clean


def test_a_killed_ingest_leaves_no_orphan_workers(killed_with_workers: dict) -> None:
    assert not killed_with_workers["orphans"], "worker processes still ran 5 s after the kill"
