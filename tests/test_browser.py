"""The web UI in a real browser: headless Chromium driven by Playwright, fully offline.

The app runs under uvicorn on a free loopback port in a thread, over a store
built from tests/fixtures/web. Every request that does not go to that server
is blocked and recorded, and each test asserts none was attempted.

Chromium is Debian's (``/usr/bin/chromium``, or ``$OREGRAPH_CHROMIUM``),
launched by path: no ``playwright install``. Without a browser these tests
skip locally, but fail when ``OREGRAPH_REQUIRE_BROWSER=1`` (set by ``.ci/run``),
so CI never passes by skipping them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from oregraph.api import create_app
from oregraph.graph.announcement_view import latest_announcements
from oregraph.graph.store import Store
from oregraph.settings import Settings
from tests.fixtures.web.store import build_web_store
from tests.live_server import serve_in_thread

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")


def _chromium() -> str | None:
    configured = os.environ.get("OREGRAPH_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def _unavailable(reason: str) -> None:
    if os.environ.get("OREGRAPH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and OREGRAPH_REQUIRE_BROWSER=1 says browser tests must run "
                    "(install Debian's chromium, or set OREGRAPH_CHROMIUM to a Chromium binary)")
    pytest.skip(f"{reason}; install Debian's chromium or set OREGRAPH_CHROMIUM to run browser tests")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    executable = _chromium()
    if executable is None:
        _unavailable("no Chromium found (looked for $OREGRAPH_CHROMIUM, chromium on PATH, /usr/bin/chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@dataclass
class Server:
    base: str
    store: Store


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    settings = Settings(store=str(tmp_path_factory.mktemp("browser") / "store"))
    with Store.open(settings=settings) as store:
        build_web_store(store)
        with serve_in_thread(create_app(settings, store)) as base:
            yield Server(base, store)


@dataclass
class Watched:
    page: object
    base: str
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: str, *, graph: bool = False):  # type: ignore[no-untyped-def]
        """The page at ``path`` on the server; with ``graph``, once its graph is drawn."""
        self.page.goto(self.base + path)  # type: ignore[attr-defined]
        if graph:
            _ready(self.page)
        return self.page


@pytest.fixture
def watched(browser, server: Server) -> Iterator[Watched]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    result = Watched(page, server.base)
    allowed = urlsplit(server.base).netloc

    def route(r) -> None:  # type: ignore[no-untyped-def]
        url = r.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.netloc == allowed:
            r.continue_()
        else:
            result.blocked.append(url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: result.errors.append(str(e)))
    yield result
    context.close()
    assert result.blocked == [], f"requests left the machine: {result.blocked}"
    assert result.errors == [], f"console errors: {result.errors}"


def _ready(frame) -> None:  # type: ignore[no-untyped-def]
    frame.wait_for_selector("body[data-og-ready]", state="attached", timeout=30000)


def _painted(frame) -> int:  # type: ignore[no-untyped-def]
    """How many sampled canvas pixels are not blank."""
    return int(frame.evaluate("""() => {
      const c = document.querySelector('#og-graph canvas');
      const g = c.getContext('2d');
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4 * 37) {
        if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) { n++; }
      }
      return n;
    }"""))


def test_home_search_finds_by_ticker(watched: Watched) -> None:
    page = watched.open("/")
    page.fill("#q", "QLM")
    page.press("#q", "Enter")
    page.wait_for_selector("#results")
    link = page.locator("#results a").first
    assert link.inner_text() == "Quillon Metals Inc."
    link.click()
    page.wait_for_url("**/entities/org-quillon-metals/page")
    assert page.locator("h1").inner_text() == "Quillon Metals Inc."


def test_graph_view_draws_nodes_offline(watched: Watched) -> None:
    page = watched.open("/views/neighbourhood/org-quillon-metals?depth=2", graph=True)
    count = page.evaluate("() => window.oregraphNodes.length")
    assert count >= 4
    assert _painted(page) > 50


def test_clicking_a_node_opens_its_entity_page(watched: Watched) -> None:
    page = watched.open("/views/ownership/org-marrowby-aluminium-smelter", graph=True)
    x, y = page.evaluate("""() => {
      const net = window.oregraphNetwork;
      const id = window.oregraphNodes.get({filter: n => n.url.indexOf('org-harbourlight-capital') >= 0})[0].id;
      const p = net.canvasToDOM(net.getPositions([id])[id]);
      const r = document.getElementById('og-graph').getBoundingClientRect();
      return [r.left + p.x, r.top + p.y];
    }""")
    page.mouse.click(x, y)
    page.wait_for_url("**/entities/org-harbourlight-capital/page", timeout=10000)
    assert page.locator("h1").inner_text() == "Harbourlight Capital Inc."


def test_clicking_an_edge_shows_its_evidence(watched: Watched) -> None:
    page = watched.open("/views/neighbourhood/org-harbourlight-capital?depth=1", graph=True)
    x, y = page.evaluate("""() => {
      const net = window.oregraphNetwork;
      const ids = window.oregraphNodes.getIds();
      const pos = net.getPositions(ids);
      const a = pos[ids[0]], b = pos[ids[1]];
      const mid = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
      const r = document.getElementById('og-graph').getBoundingClientRect();
      // the edge is drawn as a curve: find a point on it near the middle
      let best = null;
      for (let dx = -80; dx <= 80; dx += 4) {
        for (let dy = -40; dy <= 40; dy += 2) {
          const p = {x: mid.x + dx, y: mid.y + dy};
          const far = dx * dx + dy * dy;
          if (net.getEdgeAt(p) !== undefined && net.getNodeAt(p) === undefined
              && (best === null || far < best[0])) { best = [far, p]; }
        }
      }
      const p = best === null ? mid : best[1];
      return [r.left + p.x, r.top + p.y];
    }""")
    page.mouse.click(x, y)
    panel = page.locator("#og-details")
    panel.wait_for(state="visible", timeout=5000)
    assert "Harbourlight Capital Inc. owns 40% of Quillon Metals Inc." in panel.inner_text()
    panel.locator("a", has_text="announcement").click()
    page.wait_for_url("**/announcements/*/page")
    assert page.locator("mark.fact").count() >= 3


def test_entity_page_embeds_a_working_graph(watched: Watched) -> None:
    page = watched.open("/entities/org-quillon-metals/page")
    frame = page.frame_locator("iframe.graph")
    frame.locator("body[data-og-ready]").wait_for(state="attached", timeout=30000)
    inner = next(f for f in page.frames if "/views/neighbourhood/" in f.url)
    assert inner.evaluate("() => window.oregraphNodes.length") >= 4
    assert _painted(inner) > 50


@pytest.mark.parametrize("path", [
    "/entities/org-mallory-mining/page",
    "/views/neighbourhood/org-mallory-mining",
    "/views/partners",
    "/views/all",
    "/?q=mallory",
])
def test_hostile_names_do_not_run(watched: Watched, path: str) -> None:
    page = watched.open(path)
    page.wait_for_load_state("load")
    if "/views/" in path:
        _ready(page)
    assert page.evaluate("() => window.__pwned") is None
    assert "Mallory" in page.content()


def test_hostile_announcement_page_is_inert(watched: Watched, server: Server) -> None:
    ann = next(a for a in latest_announcements(server.store) if a.title and "Mallory" in a.title)
    page = watched.open(f"/announcements/{ann.id}/page")
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("mark.fact").count() == 1
    assert "</textarea><script>" in page.locator("mark.fact").inner_text()
    assert page.title().startswith("<script>window.__pwned=2</script>")


def test_legend_hides_and_shows_a_class(watched: Watched) -> None:
    page = watched.open("/views/all", graph=True)
    hidden = "() => window.oregraphNodes.get({filter: n => n.hidden === true}).length"
    assert page.evaluate(hidden) == 0
    page.locator('.og-legend li[data-group="Company"]').click()
    companies = page.evaluate("() => window.oregraphNodes.get({filter: n => n.group === 'Company'}).length")
    assert companies > 0 and page.evaluate(hidden) == companies
    page.locator('.og-legend li[data-group="Company"]').click()
    assert page.evaluate(hidden) == 0
