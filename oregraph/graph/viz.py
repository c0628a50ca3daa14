"""Graph pages: one self-contained HTML file showing a NetworkX projection.

The page draws the graph with vis-network, whose script and stylesheet are
copied *inline* from the files shipped inside the pyvis package, so a page
works with no network at all: it has no ``<script src=...>`` and no
``<link href=...>``. The nodes, edges and options are written as JSON in
``<script type="application/json">`` blocks, escaped so that no string from
the data (a label, an evidence sentence, an announcement title) can end the
script element or run code; every other piece of text from the data goes
through :func:`html.escape`. Tooltips are plain text (vis-network 9 renders a
string ``title`` with ``innerText``).

The vis data is built directly from the graph rather than through
``pyvis.Network.from_nx`` (quadratic: minutes for 50,000 nodes) or
``Network.add_node`` (a list lookup per node), so a page for 5,000 nodes and
10,000 edges is built in about 0.2 s.

Node attributes read: ``label``, ``types`` (og class local names, most
specific first or in any order), ``id`` (the URL-safe entity id, default the
node key), ``note`` (an extra tooltip line, such as an effective share).
Edge attributes read: ``predicate`` (og local name), ``share`` (0-100),
``effective_share`` (0-100, drawn after the share), ``agreement``,
``evidence``, ``source_title``, ``source_date``, ``source_url``,
``announcement_id``.

Large graphs open quickly: up to :data:`PHYSICS_LIMIT` nodes the browser runs
vis-network's force simulation until it settles and then turns physics off;
above, positions are computed in Python (:mod:`oregraph.graph.layout`, about a
second for 5,000 nodes) and the page draws them with physics off (about a
second in Chromium, against half a minute of simulation).

Clicking a node opens its entity page (the whole window when the page is
shown in a frame); clicking an edge shows its evidence, announcement and
source links in a side panel, built with DOM text nodes, never HTML strings;
clicking a class in the legend hides or shows its nodes.

>>> import networkx as nx
>>> g = nx.DiGraph()
>>> g.add_node("org-a", label="Alpha Mining", types=["Company"])
>>> g.add_node("org-b", label="Beta Metals", types=["Company"])
>>> g.add_edge("org-a", "org-b", predicate="ownsStakeIn", share=6.67)
>>> page = render_graph_page(g, "Alpha", focus="org-a")
>>> "Alpha Mining" in page and "6.67%" in page and "new vis.Network" in page
True
>>> sorted(neighbourhood(nx.path_graph(5, create_using=nx.DiGraph), 2, 1))
[1, 2, 3]
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import networkx as nx

from oregraph.errors import EntityNotFound
from oregraph.graph.layout import positions

__all__ = [
    "AGREEMENT_LABELS",
    "PHYSICS_LIMIT",
    "CLASS_STYLES",
    "PREDICATE_STYLES",
    "format_share",
    "neighbourhood",
    "render_graph_page",
    "script_json",
    "write_graph_page",
]

# --- the look, declared as data ------------------------------------------------

#: Node style per og class: (legend label, vis shape, fill colour, border colour,
#: legend glyph). Order matters: a node with several types takes the first
#: class of this table it has (so a StateOwnedEnterprise that is also a Company
#: is drawn as a state-owned enterprise).
CLASS_STYLES: dict[str, tuple[str, str, str, str, str]] = {
    "StateOwnedEnterprise": ("State-owned enterprise", "diamond", "#d62728", "#8c1a1b", "\u25c6"),
    "CrownCorporation": ("Crown corporation", "diamond", "#e377c2", "#a34d8a", "\u25c6"),
    "GovernmentBody": ("Government body", "triangle", "#9467bd", "#5e3f7a", "\u25b2"),
    "Company": ("Company", "dot", "#1f77b4", "#145080", "\u25cf"),
    "Mine": ("Mine", "triangleDown", "#8c564b", "#5a372f", "\u25bc"),
    "Plant": ("Plant", "square", "#ff7f0e", "#b35909", "\u25a0"),
    "Project": ("Project", "star", "#2ca02c", "#1c6b1c", "\u2605"),
    "Commodity": ("Commodity", "hexagon", "#bcbd22", "#7f8017", "\u2b22"),
    "Person": ("Person", "ellipse", "#f7b6d2", "#c0789a", "\u2b2d"),
    "Place": ("Place", "box", "#c7e9c0", "#74a36a", "\u25ad"),
}
_OTHER = "Other"
_OTHER_STYLE = ("Other", "dot", "#9e9e9e", "#616161", "\u25cf")

#: Edge style per og predicate: (legend label, colour, dashed, arrow).
PREDICATE_STYLES: dict[str, tuple[str, str, bool, bool]] = {
    "ownsStakeIn": ("owns a stake in", "#1f4e79", False, True),
    "subsidiaryOf": ("subsidiary of", "#2e75b6", False, True),
    "acquires": ("acquires", "#c00000", False, True),
    "partnerOf": ("partner of", "#6f6f6f", True, False),
    "operates": ("operates", "#e46c0a", False, True),
    "commodity": ("commodity", "#a08000", True, True),
    "locatedIn": ("located in", "#a5a5a5", True, True),
    "officerOf": ("officer of", "#c55a9a", False, True),
}
_OTHER_EDGE = ("related to", "#9e9e9e", False, True)

#: Short edge labels for agreement classes (anything else is shown as given).
AGREEMENT_LABELS: dict[str, str] = {
    "MemorandumOfUnderstanding": "MOU",
    "LetterOfIntent": "LOI",
    "JointVenture": "JV",
    "OfftakeAgreement": "offtake",
    "SupplyAgreement": "supply",
    "OptionAgreement": "option",
    "Collaboration": "collaboration",
    "StrategicInvestment": "strategic investment",
    "Agreement": "agreement",
}

_FOCUS_BORDER = "#ffbf00"

#: Above this many nodes, positions are computed in Python and physics stays off.
PHYSICS_LIMIT = 400

# --- public functions ----------------------------------------------------------


def neighbourhood(graph: nx.DiGraph, node: Hashable, depth: int) -> nx.DiGraph:
    """The subgraph of nodes within ``depth`` hops of ``node``, edges followed
    both ways, with every node, edge and graph attribute kept.

    Raises :class:`~oregraph.errors.EntityNotFound` when ``node`` is not in the
    graph and :class:`ValueError` for a negative depth.

    >>> import networkx as nx
    >>> g = nx.path_graph(6, create_using=nx.DiGraph)
    >>> sorted(neighbourhood(g, 0, 2))
    [0, 1, 2]
    >>> sorted(neighbourhood(g, 5, 1))  # against the edge direction too
    [4, 5]
    """
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, not {depth}")
    if node not in graph:
        raise EntityNotFound(f"{node!r} is not a node of the graph")
    seen = {node}
    frontier = [node]
    for _ in range(depth):
        nxt = []
        for n in frontier:
            for m in _undirected_neighbours(graph, n):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        if not nxt:
            break
        frontier = nxt
    return graph.subgraph(seen).copy()


def render_graph_page(
    graph: nx.DiGraph,
    title: str,
    *,
    focus: str | None = None,
    max_nodes: int = 2000,
    hierarchical: bool = False,
    entity_url: str | None = "/entities/{id}",
    announcement_url: str | None = None,
    subtitle: str = "",
    notes: Iterable[str] = (),
    layout: str = "auto",
) -> str:
    """A complete HTML page drawing ``graph``, with every asset inline.

    ``focus`` is a node key: that node is highlighted and, when the graph has
    more than ``max_nodes`` nodes, the page keeps the ``max_nodes`` nodes
    nearest to it (breadth-first, edges followed both ways; then the nearest
    nodes to the best-connected remaining node, and so on) and says
    "Showing N of M nodes". Without a focus the best-connected node seeds the
    search. A ``focus`` that is not in the graph is ignored. Clicking a node
    opens ``entity_url.format(id=...)`` (the id percent-encoded) unless
    ``entity_url`` is None. ``hierarchical`` lays the graph out top-down
    along edge direction instead of by force simulation. ``layout`` is
    ``"auto"`` (precomputed positions above :data:`PHYSICS_LIMIT` nodes),
    ``"physics"`` or ``"positions"``. ``announcement_url`` (with ``{id}``)
    links an edge's announcement in the details panel; ``subtitle`` and
    ``notes`` are shown (escaped) under the title.
    """
    if layout not in ("auto", "physics", "positions"):
        raise ValueError(f"layout must be auto, physics or positions, not {layout!r}")
    if announcement_url is not None and "{id}" not in announcement_url:
        raise ValueError(f"announcement_url must contain '{{id}}', got {announcement_url!r}")
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be 1 or more, not {max_nodes}")
    if entity_url is not None and "{id}" not in entity_url:
        raise ValueError(f"entity_url must contain '{{id}}', got {entity_url!r}")
    focus_key: Hashable | None = focus if focus is not None and focus in graph else None

    total = graph.number_of_nodes()
    if total > max_nodes:
        keep = _nearest_nodes(graph, focus_key, max_nodes)
    else:
        keep = list(graph.nodes)

    index: dict[Hashable, int] = {}
    nodes: list[dict[str, Any]] = []
    classes_seen: dict[str, None] = {}
    node_attrs = graph.nodes
    for i, key in enumerate(keep):
        index[key] = i
        nodes.append(_vis_node(i, key, node_attrs[key], key == focus_key, entity_url, classes_seen))

    edges: list[dict[str, Any]] = []
    predicates_seen: dict[str, None] = {}
    labels = {key: nodes[i]["label"] for key, i in index.items()}
    for u, v, data in _edges_within(graph, index, len(keep) < total):
        edges.append(
            _vis_edge(len(edges), index[u], index[v], labels[u], labels[v], data, predicates_seen,
                      announcement_url)
        )

    precomputed = not hierarchical and (
        layout == "positions" or (layout == "auto" and len(nodes) > PHYSICS_LIMIT)
    )
    if precomputed:
        for key, (x, y) in positions(graph, keep).items():
            node = nodes[index[key]]
            node["x"], node["y"] = x, y
    options = _options(len(nodes), len(edges), hierarchical, physics=not precomputed)
    focus_id = index.get(focus_key) if focus_key is not None else None

    all_notes = list(notes)
    if len(keep) < total:
        near = ""
        if focus_key is not None:
            near = f" nearest to {labels[focus_key]}"
        all_notes.insert(
            0, f"Showing {len(keep)} of {total} nodes{near}: the view was cut at {max_nodes} nodes."
        )

    return _page(
        title=title,
        subtitle=subtitle,
        notes=all_notes,
        nodes=nodes,
        edges=edges,
        options=options,
        focus_id=focus_id,
        legend=_legend(classes_seen, predicates_seen),
        counts=(len(nodes), len(edges)),
    )


def write_graph_page(path: str | os.PathLike[str], html: str) -> Path:
    """Write a page (UTF-8), creating missing parent folders; returns the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return target


# --- selection -----------------------------------------------------------------


def _undirected_neighbours(graph: nx.DiGraph, node: Hashable) -> Iterator[Hashable]:
    if graph.is_directed():
        yield from graph.succ[node]
        yield from graph.pred[node]
    else:
        yield from graph.adj[node]


def _nearest_nodes(graph: nx.DiGraph, seed: Hashable | None, limit: int) -> list[Hashable]:
    """Up to ``limit`` nodes in breadth-first order from ``seed``; when its
    component runs out, continue from the best-connected node not yet taken."""
    order: list[Hashable] = []
    seen: set[Hashable] = set()
    seeds: Iterator[Hashable] | None = None
    while len(order) < limit:
        if seed is None or seed in seen:
            if seeds is None:
                seeds = iter(sorted(graph.nodes, key=_degree_key(graph)))
            seed = next((n for n in seeds if n not in seen), None)
            if seed is None:
                break
        seen.add(seed)
        queue = deque([seed])
        while queue and len(order) < limit:
            n = queue.popleft()
            order.append(n)
            for m in _undirected_neighbours(graph, n):
                if m not in seen:
                    seen.add(m)
                    queue.append(m)
    return order


def _degree_key(graph: nx.DiGraph) -> Any:
    degree = dict(graph.degree())
    position = {n: i for i, n in enumerate(graph.nodes)}
    return lambda n: (-degree[n], position[n])


def _edges_within(
    graph: nx.DiGraph, index: Mapping[Hashable, int], capped: bool
) -> Iterable[tuple[Hashable, Hashable, Mapping[str, Any]]]:
    if not capped:
        return graph.edges(data=True)
    return ((u, v, d) for u, v, d in graph.edges(data=True) if u in index and v in index)


# --- vis data ------------------------------------------------------------------


def _node_class(types: Any) -> str:
    if isinstance(types, str):
        types = [types]
    if not types:
        return _OTHER
    names = set(types)
    for name in CLASS_STYLES:
        if name in names:
            return name
    return _OTHER


def _vis_node(
    i: int,
    key: Hashable,
    attrs: Mapping[str, Any],
    is_focus: bool,
    entity_url: str | None,
    classes_seen: dict[str, None],
) -> dict[str, Any]:
    label = str(attrs.get("label") or key)
    entity_id = str(attrs.get("id") or key)
    cls = _node_class(attrs.get("types"))
    classes_seen[cls] = None
    types = attrs.get("types") or []
    type_text = ", ".join([types] if isinstance(types, str) else map(str, types))
    title = label + ("\n" + type_text if type_text else "")
    if attrs.get("note"):
        title += "\n" + str(attrs["note"])
    title += "\nid: " + entity_id
    node: dict[str, Any] = {"id": i, "label": label, "group": cls, "title": title}
    if entity_url is not None:
        node["url"] = entity_url.format(id=quote(entity_id, safe=""))
    if is_focus:
        _, _, fill, _, _ = CLASS_STYLES.get(cls, _OTHER_STYLE)
        node.update(
            color={
                "background": fill,
                "border": _FOCUS_BORDER,
                "highlight": {"background": fill, "border": _FOCUS_BORDER},
            },
            borderWidth=5,
            borderWidthSelected=6,
            size=30,
            font={"size": 20, "color": "#000000"},
            shadow={"enabled": True, "color": _FOCUS_BORDER, "size": 18, "x": 0, "y": 0},
            mass=3,
        )
    return node


def format_share(share: Any) -> str | None:
    """``6.67`` -> ``"6.67%"``; ``50.0`` -> ``"50%"``; None or junk -> None."""
    if share is None or isinstance(share, bool):
        return None
    try:
        value = float(share)
    except (TypeError, ValueError):
        return None
    if value != value:  # NaN
        return None
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("0", "-0") and value != 0:
        text = f"{value:.2g}"
    return text + "%"


def _agreement_label(agreement: Any) -> str | None:
    if agreement is None or agreement == "":
        return None
    text = str(agreement)
    return AGREEMENT_LABELS.get(text, text)


def _vis_edge(
    i: int,
    src: int,
    dst: int,
    src_label: str,
    dst_label: str,
    data: Mapping[str, Any],
    predicates_seen: dict[str, None],
    announcement_url: str | None = None,
) -> dict[str, Any]:
    predicate = str(data.get("predicate") or "")
    name, colour, dashed, arrow = PREDICATE_STYLES.get(predicate, _OTHER_EDGE)
    predicates_seen[predicate if predicate in PREDICATE_STYLES else ""] = None
    share = format_share(data.get("share"))
    effective = format_share(data.get("effective_share"))
    agreement = _agreement_label(data.get("agreement"))
    parts = [p for p in (share, f"eff. {effective}" if effective else None, agreement) if p]
    label = " \u00b7 ".join(parts) if parts else name

    lines = [f"{src_label} \u2014 {name}{' ' + share if share else ''} \u2192 {dst_label}"]
    if effective:
        lines.append(f"Effective share: {effective}")
    if agreement:
        lines.append(f"Agreement: {agreement}")
    if data.get("evidence"):
        lines.append(f"\u201c{data['evidence']}\u201d")
    source = [str(data[k]) for k in ("source_title", "source_date") if data.get(k)]
    if source:
        lines.append(" \u2014 ".join(source))
    if data.get("source_url"):
        lines.append(f"Source: {data['source_url']}")

    edge: dict[str, Any] = {
        "id": i,
        "from": src,
        "to": dst,
        "label": label,
        "title": "\n".join(lines),
        "color": {"color": colour, "highlight": colour, "hover": colour},
    }
    details: dict[str, Any] = {"what": lines[0]}
    for key in ("evidence", "source_title", "source_date"):
        if data.get(key):
            details[key] = str(data[key])
    if agreement:
        details["agreement"] = agreement
    if effective:
        details["effective"] = effective
    url = _web_url(data.get("source_url"))
    if url:
        details["source_url"] = url
    if announcement_url is not None and data.get("announcement_id"):
        details["announcement_url"] = announcement_url.format(
            id=quote(str(data["announcement_id"]), safe="")
        )
    edge["details"] = details
    if dashed:
        edge["dashes"] = True
    if arrow:
        edge["arrows"] = "to"
    if share and predicate in ("ownsStakeIn", "subsidiaryOf", "acquires"):
        edge["width"] = 1 + min(max(float(data["share"]), 0.0), 100.0) / 20
    return edge


def _web_url(url: Any) -> str | None:
    """``url`` when it is an http(s) address, the only kind a page links to."""
    text = str(url or "")
    return text if re.match(r"https?://", text, re.IGNORECASE) else None


def _options(
    n_nodes: int, n_edges: int, hierarchical: bool, physics: bool = True
) -> dict[str, Any]:
    big = n_nodes > 1000 or n_edges > 2000
    groups = {
        cls: {
            "shape": shape,
            "color": {
                "background": fill,
                "border": border,
                "highlight": {"background": fill, "border": "#000000"},
                "hover": {"background": fill, "border": "#000000"},
            },
        }
        for cls, (_, shape, fill, border, _) in {**CLASS_STYLES, _OTHER: _OTHER_STYLE}.items()
    }
    options: dict[str, Any] = {
        "groups": groups,
        "nodes": {"size": 16, "font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            "font": {"size": 11, "align": "middle", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": False if big or not physics else {"enabled": True, "type": "continuous"},
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.6}},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": big,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": True,
            "stabilization": {
                "enabled": True,
                "iterations": 300 if big else 1000,
                "updateInterval": 25,
                "fit": True,
            },
        },
    }
    if hierarchical:
        options["layout"] = {
            "hierarchical": {
                "enabled": True,
                "direction": "UD",
                "sortMethod": "directed",
                "levelSeparation": 140,
                "nodeSpacing": 160,
            }
        }
        options["physics"]["solver"] = "hierarchicalRepulsion"
        options["physics"]["hierarchicalRepulsion"] = {"nodeDistance": 160}
        options["edges"]["font"]["align"] = "horizontal"
        if not big:
            options["edges"]["smooth"] = {
                "enabled": True,
                "type": "cubicBezier",
                "forceDirection": "vertical",
            }
    else:
        options["layout"] = {"improvedLayout": not big, "randomSeed": 7}
        options["physics"]["solver"] = "forceAtlas2Based"
        options["physics"]["forceAtlas2Based"] = {
            "gravitationalConstant": -60,
            "springLength": 120,
            "avoidOverlap": 0.3,
        }
    if not physics:
        options["physics"] = {"enabled": False}
        options["layout"] = {"improvedLayout": False}
    return options


# --- HTML ----------------------------------------------------------------------

_JSON_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_json(value: Any) -> str:
    """JSON safe to place inside a ``<script>`` element: ``<``, ``>``, ``&``,
    U+2028 and U+2029 are written as ``\\uXXXX`` escapes, so no data can close
    the element or open a comment, and the text still parses as JSON.

    >>> script_json({"label": "</script><!--"})
    '{"label": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for char, escape in _JSON_ESCAPES:  # str.replace is far faster than str.translate
        if char in text:
            text = text.replace(char, escape)
    return text


_VIS_DIR = re.compile(r"^vis-(\d+)\.(\d+)\.(\d+)$")


@lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's script and stylesheet, read from the pyvis package."""
    lib = resources.files("pyvis").joinpath("templates", "lib")
    versions = sorted(
        (tuple(int(x) for x in m.groups()), entry)
        for entry in lib.iterdir()
        if (m := _VIS_DIR.match(entry.name))
    )
    if not versions:
        raise FileNotFoundError(f"no vis-network files under {lib}; reinstall pyvis")
    folder = versions[-1][1]
    js = folder.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    css = folder.joinpath("vis-network.css").read_text(encoding="utf-8")
    # Neither file contains these today; make sure they can never end the element.
    js = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE).replace("<!--", "<\\!--")
    css = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return js, css


def _legend(classes: Mapping[str, None], predicates: Mapping[str, None]) -> str:
    items = []
    for cls in [*CLASS_STYLES, _OTHER]:
        if cls in classes:
            name, _, fill, border, glyph = CLASS_STYLES.get(cls, _OTHER_STYLE)
            items.append(
                f'<li data-group="{cls}" role="button" tabindex="0" title="Show or hide">'
                f'<span class="og-glyph" style="color:{fill};'
                f'-webkit-text-stroke:1px {border}">{glyph}</span>{html.escape(name)}</li>'
            )
    for pred in [*PREDICATE_STYLES, ""]:
        if pred in predicates:
            name, colour, dashed, arrow = PREDICATE_STYLES.get(pred, _OTHER_EDGE)
            style = "dashed" if dashed else "solid"
            tip = "\u25b6" if arrow else ""
            items.append(
                f'<li><span class="og-line" style="border-top:3px {style} {colour};'
                f'color:{colour}">{tip}</span>{html.escape(name)}</li>'
            )
    if not items:
        return ""
    return '<ul class="og-legend" aria-label="Legend">' + "".join(items) + "</ul>"


_PAGE_CSS = """
html, body { margin: 0; height: 100%; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
body { display: flex; flex-direction: column; }
header { padding: 8px 14px; border-bottom: 1px solid #ddd; background: #fafafa; }
header h1 { font-size: 1.15rem; margin: 0 0 4px 0; }
.og-meta { font-size: 0.85rem; color: #555; margin: 0 0 4px 0; }
.og-note { font-size: 0.9rem; margin: 4px 8px 4px 0; padding: 4px 8px; background: #fff4ce;
  border: 1px solid #e0c36c; border-radius: 3px; display: inline-block; }
.og-legend { list-style: none; margin: 4px 0 0 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 4px 16px; font-size: 0.85rem; }
.og-legend li { display: flex; align-items: center; gap: 5px; }
.og-glyph { font-size: 1.1rem; line-height: 1; }
.og-legend li[data-group] { cursor: pointer; user-select: none; }
.og-legend li.og-off { opacity: 0.35; text-decoration: line-through; }
.og-line { display: inline-block; width: 26px; height: 0; position: relative; top: 1px;
  font-size: 0.6rem; line-height: 0; text-align: right; }
#og-main { flex: 1; min-height: 400px; position: relative; }
#og-graph { position: absolute; inset: 0; }
#og-status { position: absolute; top: 8px; right: 12px; font-size: 0.85rem; color: #555;
  background: rgba(255,255,255,0.85); padding: 2px 6px; border-radius: 3px; z-index: 4; }
#og-details { position: absolute; top: 8px; left: 8px; max-width: min(460px, 80%); z-index: 5;
  background: #fff; border: 1px solid #bbb; border-radius: 4px; padding: 8px 28px 8px 10px;
  font-size: 0.88rem; box-shadow: 0 2px 8px rgba(0,0,0,0.15); }
#og-details[hidden] { display: none; }
#og-details p { margin: 3px 0; }
#og-details .og-evidence { font-style: italic; }
#og-details button { position: absolute; top: 2px; right: 4px; border: 0; background: none;
  font-size: 1.1rem; cursor: pointer; }
div.vis-tooltip { white-space: pre-wrap; max-width: 480px; font-family: system-ui, sans-serif;
  font-size: 13px; }
"""

_PAGE_JS = """
(function () {
  "use strict";
  function data(id) { return JSON.parse(document.getElementById(id).textContent); }
  var nodes = new vis.DataSet(data("og-nodes"));
  var edges = new vis.DataSet(data("og-edges"));
  var options = data("og-options");
  var focusId = data("og-focus");
  var container = document.getElementById("og-graph");
  var status = document.getElementById("og-status");
  var panel = document.getElementById("og-details");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  function settled() {
    status.textContent = "";
    status.style.display = "none";
    if (focusId !== null) { network.selectNodes([focusId]); }
    document.body.setAttribute("data-og-ready", "1");
  }
  if (options.physics && options.physics.enabled === false) {
    network.once("afterDrawing", settled);
  } else {
    network.on("stabilizationProgress", function (p) {
      status.textContent = "Laying out\\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({physics: false});
      settled();
    });
  }
  function go(url) {
    try {
      if (window.top !== window.self && window.top.location.origin === window.location.origin) {
        window.top.location.href = url;
        return;
      }
    } catch (e) { /* a frame on another site: open here */ }
    window.location.href = url;
  }
  function line(text, cls) {
    var p = document.createElement("p");
    p.textContent = text;
    if (cls) { p.className = cls; }
    panel.appendChild(p);
    return p;
  }
  function link(text, url) {
    var p = document.createElement("p");
    var a = document.createElement("a");
    a.textContent = text;
    a.href = url;
    a.rel = "noopener noreferrer";
    a.target = "_top";
    p.appendChild(a);
    panel.appendChild(p);
  }
  function showEdge(edge) {
    var d = edge.details || {};
    panel.textContent = "";
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "\\u00d7";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { panel.hidden = true; });
    panel.appendChild(close);
    line(d.what || edge.label || "");
    if (d.agreement) { line("Agreement: " + d.agreement); }
    if (d.effective) { line("Effective share: " + d.effective); }
    if (d.evidence) { line("\\u201c" + d.evidence + "\\u201d", "og-evidence"); }
    var source = [d.source_title, d.source_date].filter(Boolean).join(" \\u2014 ");
    if (source) { line(source); }
    if (d.announcement_url) { link("Open the announcement, facts highlighted", d.announcement_url); }
    if (d.source_url) { link("Original source", d.source_url); }
    panel.hidden = false;
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      var node = nodes.get(params.nodes[0]);
      if (node && node.url) { go(node.url); }
      return;
    }
    if (params.edges.length) {
      var edge = edges.get(params.edges[0]);
      if (edge) { showEdge(edge); }
      return;
    }
    panel.hidden = true;
  });
  function toggle(item) {
    var group = item.getAttribute("data-group");
    var off = !item.classList.contains("og-off");
    item.classList.toggle("og-off", off);
    nodes.update(nodes.get({filter: function (n) { return n.group === group; }})
      .map(function (n) { return {id: n.id, hidden: off}; }));
  }
  Array.prototype.forEach.call(document.querySelectorAll(".og-legend li[data-group]"), function (item) {
    item.addEventListener("click", function () { toggle(item); });
    item.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); toggle(item); }
    });
  });
  window.oregraphNetwork = network;
  window.oregraphNodes = nodes;
})();
"""


def _page(
    *,
    title: str,
    subtitle: str,
    notes: list[str],
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    options: dict[str, Any],
    focus_id: int | None,
    legend: str,
    counts: tuple[int, int],
) -> str:
    js, css = _vis_assets()
    t = html.escape(title)
    notes_html = "".join(f'<p class="og-note" role="note">{html.escape(n)}</p>' for n in notes)
    meta = f"{counts[0]} nodes, {counts[1]} edges. Click a node to open it, an edge for its evidence."
    if subtitle:
        meta = subtitle + " \u00b7 " + meta
    return "".join(
        [
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{t}</title>\n",
            "<style>\n",
            css,
            "\n</style>\n<style>",
            _PAGE_CSS,
            "</style>\n</head>\n<body>\n<header>\n",
            f"<h1>{t}</h1>\n",
            f'<p class="og-meta">{html.escape(meta)}</p>\n',
            notes_html,
            legend,
            '\n</header>\n<main id="og-main"><div id="og-status">Laying out\u2026</div>'
            '<aside id="og-details" hidden aria-live="polite"></aside>'
            '<div id="og-graph"></div></main>\n',
            '<script type="application/json" id="og-nodes">',
            script_json(nodes),
            '</script>\n<script type="application/json" id="og-edges">',
            script_json(edges),
            '</script>\n<script type="application/json" id="og-options">',
            script_json(options),
            '</script>\n<script type="application/json" id="og-focus">',
            script_json(focus_id),
            "</script>\n<script>\n",
            js,
            "\n</script>\n<script>",
            _PAGE_JS,
            "</script>\n</body>\n</html>\n",
        ]
    )
