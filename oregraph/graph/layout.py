"""Node positions computed before a page is drawn, so large graphs open at once.

vis-network's force simulation is fine for a few hundred nodes, but on 5,000
nodes and 10,000 edges it needs about half a minute in a browser before the
picture settles. :func:`positions` lays the graph out in Python instead, in
about a second, and the page then draws it with physics off:

* each connected component (edges taken both ways) is laid out alone: a
  small one with NetworkX's spring layout, a large one by *pivot MDS*
  (Brandes and Pich, "Eigensolver methods for progressive multidimensional
  scaling of large data", 2006): breadth-first hop distances from a few
  dozen well-spread pivot nodes, double-centred and reduced to two
  dimensions by a singular value decomposition, which takes time linear in
  the edges;
* nodes that land on the same spot (leaves of one hub) are spread a little,
  deterministically;
* components are packed in rows, largest first.

Coordinates are vis-network pixels; the same graph always gets the same
positions.

>>> import networkx as nx
>>> pos = positions(nx.path_graph(4))
>>> sorted(pos) == [0, 1, 2, 3] and all(len(p) == 2 for p in pos.values())
True
"""

from __future__ import annotations

import math
import random
from collections import deque
from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np

__all__ = ["positions", "SPRING_LIMIT"]

#: Components up to this many nodes use the spring layout; larger ones pivot MDS.
SPRING_LIMIT = 150

#: Pixels per unit of layout (about one edge length).
_UNIT = 110.0
_PIVOTS = 40


def positions(graph: nx.Graph, nodes: Iterable[Hashable] | None = None) -> dict[Hashable, tuple[float, float]]:
    """Positions (x, y) in pixels for ``nodes`` (default: all), edges of ``graph`` among them."""
    keep = list(graph.nodes if nodes is None else nodes)
    inside = set(keep)
    adjacency: dict[Hashable, set[Hashable]] = {n: set() for n in keep}
    for u, v in graph.edges():
        if u in inside and v in inside and u != v:
            adjacency[u].add(v)
            adjacency[v].add(u)
    order = {n: i for i, n in enumerate(keep)}
    components = _components(adjacency, keep)
    components.sort(key=lambda c: (-len(c), order[c[0]]))
    laid = [_layout_component(c, adjacency) for c in components]
    return _pack(laid)


def _components(adjacency: dict[Hashable, set[Hashable]], keep: list[Hashable]) -> list[list[Hashable]]:
    seen: set[Hashable] = set()
    out = []
    for start in keep:
        if start in seen:
            continue
        seen.add(start)
        part = [start]
        queue = deque([start])
        while queue:
            for m in adjacency[queue.popleft()]:
                if m not in seen:
                    seen.add(m)
                    part.append(m)
                    queue.append(m)
        out.append(part)
    return out


def _layout_component(
    nodes: list[Hashable], adjacency: dict[Hashable, set[Hashable]]
) -> dict[Hashable, tuple[float, float]]:
    """Positions in edge-length units, centred on 0."""
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    if n <= 3:  # a pair or a path of three: in a row (a triangle: on a circle)
        if n == 3 and all(len(adjacency[k]) == 2 for k in nodes):
            return {k: (math.cos(2 * math.pi * i / 3) * 0.6, math.sin(2 * math.pi * i / 3) * 0.6)
                    for i, k in enumerate(nodes)}
        middle = max(nodes, key=lambda k: len(adjacency[k])) if n == 3 else nodes[0]
        row = [k for k in nodes if k != middle]
        row.insert(1 if n == 3 else 0, middle)
        return {k: (float(i) - (n - 1) / 2, 0.0) for i, k in enumerate(row)}
    if n <= SPRING_LIMIT:
        sub = nx.Graph()
        sub.add_nodes_from(nodes)
        sub.add_edges_from((u, v) for u in nodes for v in adjacency[u])
        raw = nx.spring_layout(sub, seed=7, iterations=60)
        xy = np.array([raw[k] for k in nodes], dtype=float)
        # spring_layout fits the box [-1, 1]; give each node about one unit of room
        xy *= math.sqrt(n) * 0.9
        return {k: (float(x), float(y)) for k, (x, y) in zip(nodes, xy)}
    xy = _pivot_mds(nodes, adjacency)
    return _spread(nodes, xy)


def _pivot_mds(nodes: list[Hashable], adjacency: dict[Hashable, set[Hashable]]) -> np.ndarray:
    index = {k: i for i, k in enumerate(nodes)}
    neighbours = [[index[m] for m in adjacency[k]] for k in nodes]
    n = len(nodes)
    k = min(_PIVOTS, n)
    distances = np.zeros((n, k), dtype=float)
    nearest = np.full(n, np.inf)
    pivot = max(range(n), key=lambda i: (len(neighbours[i]), -i))
    for j in range(k):
        column = _hops(pivot, neighbours)
        distances[:, j] = column
        nearest = np.minimum(nearest, column)
        pivot = int(np.argmax(nearest))  # the node farthest from every pivot so far
    squared = distances**2
    centred = squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True) + squared.mean()
    centred *= -0.5
    # the top right singular vectors from the small k x k matrix, then project
    values, vectors = np.linalg.eigh(centred.T @ centred)
    top = vectors[:, np.argsort(values)[::-1][:2]]
    xy = centred @ top
    if xy.shape[1] < 2:
        xy = np.column_stack([xy[:, 0], np.zeros(n)])
    # scale so that the median edge is one unit long
    lengths = [
        float(np.hypot(*(xy[a] - xy[b])))
        for a in range(min(n, 2000)) for b in neighbours[a]
    ]
    median = float(np.median(lengths)) if lengths else 1.0
    return xy / (median if median > 1e-9 else 1.0)


def _hops(start: int, neighbours: list[list[int]]) -> np.ndarray:
    """Breadth-first hop counts from ``start`` to every node (all are reachable)."""
    out = [0] * len(neighbours)
    seen = bytearray(len(neighbours))
    seen[start] = 1
    frontier = [start]
    depth = 0
    while frontier:
        depth += 1
        nxt = []
        for node in frontier:
            for m in neighbours[node]:
                if not seen[m]:
                    seen[m] = 1
                    out[m] = depth
                    nxt.append(m)
        frontier = nxt
    return np.array(out, dtype=float)


def _spread(nodes: list[Hashable], xy: np.ndarray) -> dict[Hashable, tuple[float, float]]:
    """Move nodes sharing a spot onto a small spiral around it (golden-angle steps)."""
    rng = random.Random(7)
    buckets: dict[tuple[int, int], int] = {}
    out = {}
    golden = math.pi * (3 - math.sqrt(5))
    for key, (x, y) in zip(nodes, xy):
        cell = (round(x * 2), round(y * 2))
        count = buckets.get(cell, 0)
        buckets[cell] = count + 1
        if count:
            r = 0.35 * math.sqrt(count)
            a = count * golden + rng.random() * 0.2
            x, y = x + r * math.cos(a), y + r * math.sin(a)
        out[key] = (float(x), float(y))
    return out


def _pack(laid: list[dict[Hashable, tuple[float, float]]]) -> dict[Hashable, tuple[float, float]]:
    """Components side by side in rows about as wide as the whole picture is tall."""
    boxes = []
    area = 0.0
    for part in laid:
        xs = [p[0] for p in part.values()]
        ys = [p[1] for p in part.values()]
        w, h = max(xs) - min(xs) + 1.5, max(ys) - min(ys) + 1.5
        boxes.append((part, min(xs), min(ys), w, h))
        area += w * h
    row_width = max(math.sqrt(area) * 1.2, max((b[3] for b in boxes), default=1.0))
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for part, x0, y0, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for key, (px, py) in part.items():
            out[key] = (round((x + px - x0) * _UNIT, 1), round((y + py - y0) * _UNIT, 1))
        x += w
        row_height = max(row_height, h)
    return out
