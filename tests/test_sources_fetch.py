"""Fetching http(s):// inputs: from a local http.server thread, never the network.

``Site`` serves canned answers on 127.0.0.1 and records what each request
carried, so the User-Agent, the redirect bound, the size limit and the
timeout are checked against a real HTTP exchange.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from oregraph import __version__
from oregraph.errors import InputError
from oregraph.graph.store import Store
from oregraph.ingest.batch import ingest_paths
from oregraph.ingest.fetch import Fetcher
from oregraph.settings import Settings

SOURCES = Path(__file__).parent / "fixtures" / "sources"
DCTERMS = "PREFIX dcterms: <http://purl.org/dc/terms/>\n"


class Site:
    """A local web server: ``pages[path] = (status, headers, body)``; ``delay[path]`` seconds."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.delay: dict[str, float] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                site.requests.append((self.path, dict(self.headers)))
                time.sleep(site.delay.get(self.path, 0))
                status, headers, body = site.pages.get(self.path, (404, {}, b"not here"))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.root + path

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    with Site() as s:
        yield s


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "store", Settings(store=str(tmp_path / "store"))) as st:
        yield st


def html_page() -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "text/html; charset=utf-8"}, (SOURCES / "alder-birch.html").read_bytes()


def test_a_page_url_is_fetched_and_ingested_with_its_metadata(site: Site, store: Store) -> None:
    site.pages["/news/alder"] = html_page()
    report = ingest_paths(store, [site.url("/news/alder")])
    assert report.ok and report.ingested == [site.url("/news/alder")]
    (row,) = store.select(DCTERMS + "SELECT ?source ?date WHERE { ?g dcterms:source ?source ; dcterms:date ?date }")
    # the page's canonical address is the source a reader can cite
    assert str(row["source"]) == "https://wire.example.test/2024/alder-birch-stake"
    assert str(row["date"]) == "2024-03-05"


def test_requests_name_oregraph_and_its_version(site: Site) -> None:
    site.pages["/a"] = html_page()
    with Fetcher(max_bytes=1_000_000) as fetcher:
        fetcher.get(site.url("/a"))
    (_, headers), = site.requests
    agent = {k.lower(): v for k, v in headers.items()}["user-agent"]
    assert agent.startswith(f"oregraph/{__version__} ")


def test_redirects_are_followed_and_the_final_address_is_kept(site: Site) -> None:
    site.pages["/old"] = (301, {"Location": "/new"}, b"")
    site.pages["/new"] = (200, {"Content-Type": "text/plain"}, b"Alder Mining Inc. owns 30% of Spruce Metals Corp.")
    with Fetcher(max_bytes=1_000_000) as fetcher:
        doc = fetcher.get(site.url("/old"))
    assert doc.uri == site.url("/new") and doc.name == site.url("/old")
    assert doc.media_type == "text/plain" and doc.data.startswith(b"Alder")


def test_redirects_are_bounded(site: Site) -> None:
    for n in range(10):
        site.pages[f"/loop{n}"] = (302, {"Location": f"/loop{n + 1}"}, b"")
    with Fetcher(max_bytes=1_000_000, max_redirects=3) as fetcher, pytest.raises(InputError) as err:
        fetcher.get(site.url("/loop0"))
    assert "more than 3 redirects" in str(err.value)
    assert len(site.requests) == 4


def test_an_answer_over_the_size_limit_is_refused(site: Site) -> None:
    site.pages["/big"] = (200, {"Content-Type": "text/plain"}, b"Alder Mining Inc. " * 1000)
    with Fetcher(max_bytes=5_000) as fetcher, pytest.raises(InputError) as err:
        fetcher.get(site.url("/big"))
    assert "5,000-byte limit" in str(err.value) and "OREGRAPH_MAX_ANNOUNCEMENT_BYTES" in str(err.value)


def test_a_slow_server_times_out_with_a_clear_message(site: Site) -> None:
    site.pages["/slow"] = html_page()
    site.delay["/slow"] = 1.0
    with Fetcher(max_bytes=1_000_000, timeout=0.2) as fetcher, pytest.raises(InputError) as err:
        fetcher.get(site.url("/slow"))
    assert "no answer within 0.2 seconds" in str(err.value)


@pytest.mark.parametrize("status", [404, 500])
def test_an_error_status_fails_that_input_only(site: Site, store: Store, status: int) -> None:
    site.pages["/ok"] = html_page()
    site.pages["/bad"] = (status, {}, b"oops")
    report = ingest_paths(store, [site.url("/bad"), site.url("/ok")])
    assert report.ingested == [site.url("/ok")]
    ((name, reason),) = report.failed
    assert name == site.url("/bad") and f"answered {status}" in reason and "\n" not in reason


def test_a_refused_connection_fails_with_one_line(store: Store) -> None:
    with Site() as closed:
        url = closed.url("/gone")
    report = ingest_paths(store, [url])
    ((name, reason),) = report.failed
    assert name == url and reason.startswith("cannot be fetched") and "\n" not in reason


def test_other_schemes_are_refused(store: Store) -> None:
    report = ingest_paths(store, ["ftp://files.example.test/release.txt"])
    assert report.failed == [("ftp://files.example.test/release.txt",
                              "only http:// and https:// addresses can be fetched")]


def test_the_kind_of_a_url_comes_from_its_content_type(site: Site, store: Store) -> None:
    feed = (SOURCES / "newswire.rss").read_bytes().replace(b"https://wire.example.test", site.root.encode())
    site.pages["/feed"] = (200, {"Content-Type": "application/rss+xml"}, feed)
    site.pages["/2024/cedar-creek-start"] = html_page()
    report = ingest_paths(store, [site.url("/feed")])
    assert report.ok and report.by_kind["feed"]["ingested"] == 2
    assert [path for path, _ in site.requests] == ["/feed", "/2024/cedar-creek-start"]
